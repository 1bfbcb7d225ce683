"""Edits to the graph made one record at a time (the API's mutations), each in one transaction.

Records arrive validated by the data model; here every reference they make is checked
inside the same transaction that writes them, with the loader's messages, so an edit
either applies whole or changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.dataset import Dataset
from graph.dataset.rules import assessment_problem
from graph.exceptions import InvalidEditError, NotFoundError
from graph.loading.loader import plan_load
from graph.model import (
    LINKS,
    NODES,
    Assessment,
    Benefit,
    Capability,
    NodeKind,
    Offering,
    Pilot,
    Supplier,
)
from graph.model.kinds import (
    ASSESSMENTS,
    CAPABILITIES,
    CRIME_TYPES,
    FORCES,
    MEASURED,
    METRICS,
    OFFERINGS,
    PILOTS,
    SERVES,
    SOURCES,
    SUPPLIERS,
)
from graph.store import statements
from graph.store.changes import Change, record_change, touched
from graph.store.database import Database, Transaction, run

__all__ = ["assess_capability", "record_benefits", "register_pilot", "upsert_supplier"]


def assess_capability(db: Database, assessment: Assessment) -> dict[str, Any]:
    """Add ``assessment`` to the history of its force and capability.

    An observation with the same day and source as an earlier one replaces it; any
    other is added. Returns the capability (``node``) and the force's observations of
    it, newest first (``history``).

    Raises
    ------
    NotFoundError
        The force, capability or source does not exist.
    InvalidEditError
        The force is not the body that delivers the capability (a national or regional
        one), or the capability had retired before the observation's day.
    """

    def work(tx: Transaction) -> dict[str, Any]:
        _require(
            tx,
            {
                FORCES: [assessment.force],
                CAPABILITIES: [assessment.capability],
                SOURCES: [assessment.source],
            },
        )
        _check_holder(tx, assessment)
        record_change(tx, _merge(tx, Dataset({ASSESSMENTS: [assessment]})))
        [found] = run(tx, statements.neighbours(ASSESSMENTS.outgoing), ids=[assessment.force])
        history = [rel for node, rel in found["pairs"] if node["id"] == assessment.capability]
        node = next(n for n, _ in found["pairs"] if n["id"] == assessment.capability)
        return {"node": node, "history": history}

    return db.execute_write(work)


def _check_holder(tx: Transaction, assessment: Assessment) -> None:
    """Refuse an observation of a capability on a body that does not deliver it."""
    rows = run(tx, statements.nodes_by_id(CAPABILITIES), ids=[assessment.capability])
    capability = Capability.model_validate(dict(rows[0]["rows"])[assessment.capability])
    served = run(tx, statements.neighbours(SERVES.incoming), ids=[assessment.force])
    problem = assessment_problem(capability, assessment.force, served=bool(served))
    if problem is not None:
        raise InvalidEditError(problem, field="capabilityId")
    if capability.retired_on is not None and assessment.assessed_on > capability.retired_on:
        raise InvalidEditError(
            f"{capability.id!r} retired on {capability.retired_on.isoformat()}", field="assessedOn"
        )


def upsert_supplier(db: Database, supplier: Supplier, offerings: list[Offering]) -> None:
    """Create or update ``supplier``; its offerings become exactly ``offerings``.

    Raises
    ------
    NotFoundError
        An offered capability or the source does not exist.
    InvalidEditError
        An offering to be removed is still used by a force.
    """

    def work(tx: Transaction) -> None:
        _require(
            tx,
            {
                CAPABILITIES: [o.capability for o in offerings],
                SOURCES: [supplier.source, *(o.source for o in offerings)],
            },
        )
        in_use = run(
            tx,
            "write/remove_stale_offerings",
            supplier=supplier.id,
            keep=[o.capability for o in offerings],
        )
        still_used = sorted(in_use[0]["inUse"]) if in_use else []
        if still_used:
            raise InvalidEditError(
                f"forces use supplier {supplier.id!r} for {', '.join(map(repr, still_used))}; "
                "keep those offerings or change the forces' supplier use first",
                field="offers",
            )
        merged = _merge(tx, Dataset({SUPPLIERS: [supplier], OFFERINGS: offerings}))
        record_change(tx, touched([merged, Change(frozenset({OFFERINGS.type}))]))

    db.execute_write(work)


def register_pilot(db: Database, pilot: Pilot) -> None:
    """Create or update ``pilot`` with all its links (forces, capabilities, supplier, ...).

    Raises
    ------
    NotFoundError
        Something the pilot names does not exist.
    """

    def work(tx: Transaction) -> None:
        _require(
            tx,
            {
                FORCES: pilot.forces,
                CAPABILITIES: pilot.capabilities,
                SUPPLIERS: [pilot.supplier] if pilot.supplier else [],
                CRIME_TYPES: pilot.crime_types,
                METRICS: [b.metric for b in pilot.benefits],
                SOURCES: [pilot.source],
            },
        )
        run(tx, statements.clear_links(PILOTS), id=pilot.id)
        cleared = Change(frozenset(link.type for link in LINKS if link.start == PILOTS))
        record_change(tx, touched([_merge(tx, Dataset({PILOTS: [pilot]})), cleared]))

    db.execute_write(work)


def record_benefits(db: Database, pilot_id: str, benefits: list[Benefit]) -> None:
    """Add or replace a pilot's results on the given metrics; its other benefits stay.

    Raises
    ------
    NotFoundError
        The pilot or a metric does not exist.
    """

    def work(tx: Transaction) -> None:
        _require(tx, {PILOTS: [pilot_id], METRICS: [b.metric for b in benefits]})
        pilot = dict(run(tx, statements.nodes_by_id(PILOTS), ids=[pilot_id])[0]["rows"])[pilot_id]
        provenance = {"source": pilot["source"], "illustrative": pilot["illustrative"]}
        rows = [
            {
                "from": pilot_id,
                "to": b.metric,
                "props": b.properties(exclude={"metric"}) | provenance,
            }
            for b in benefits
        ]
        run(tx, statements.merge_relationships(MEASURED), rows=rows)
        record_change(tx, Change(frozenset({MEASURED.type}), {PILOTS.label: (pilot_id,)}))

    db.execute_write(work)


def _require(tx: Transaction, ids: dict[NodeKind[Any], Iterable[str]]) -> None:
    """Raise ``NotFoundError`` for the first id given that names no node of its kind."""
    wanted = {kind.name: sorted(set(ids.get(kind, ()))) for kind in NODES}
    known = run(tx, statements.find_known_ids(), **wanted)[0]
    for kind in NODES:
        missing = [x for x in wanted[kind.name] if x not in set(known[kind.name])]
        if missing:
            raise NotFoundError(
                f"unknown {kind.noun} {missing[0]!r}", kind=kind.noun, id=missing[0]
            )


def _merge(tx: Transaction, dataset: Dataset) -> Change:
    """Write a small dataset with the loader's own merge queries; what that changed."""
    steps = [step for step in plan_load(dataset) if step.rows]
    for step in steps:
        run(tx, step.statement, rows=step.rows)
    return touched(
        Change(
            frozenset({step.name}),
            {step.label: tuple(row["from" if step.relationships else "id"] for row in step.rows)},
        )
        for step in steps
    )
