"""Edits to the graph made one record at a time (the API's mutations), each in one transaction.

Records arrive validated by the data model; here every reference they make is checked
inside the same transaction that writes them, with the loader's messages, so an edit
either applies whole or changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.database import Database, Transaction, run
from graph.dataset import Dataset
from graph.exceptions import InvalidEditError, NotFoundError
from graph.loader import plan_load
from graph.model import Assessment, Benefit, Offering, Pilot, Supplier

__all__ = ["assess_capability", "record_benefits", "register_pilot", "upsert_supplier"]

_REFERENCE_KINDS = (
    "forces",
    "capabilities",
    "suppliers",
    "crimeTypes",
    "metrics",
    "sources",
    "pilots",
)
_NAMES = {
    "forces": "force",
    "capabilities": "capability",
    "suppliers": "supplier",
    "crimeTypes": "crime type",
    "metrics": "metric",
    "sources": "source",
    "pilots": "pilot",
}


def assess_capability(db: Database, assessment: Assessment) -> dict[str, Any]:
    """Record ``assessment`` (replacing any earlier one); the capability and the assessment.

    Raises
    ------
    NotFoundError
        The force, capability or source does not exist.
    """

    def work(tx: Transaction) -> dict[str, Any]:
        _require(
            tx,
            forces=[assessment.force],
            capabilities=[assessment.capability],
            sources=[assessment.source],
        )
        _merge(tx, Dataset(assessments=[assessment]))
        _bump(tx)
        [found] = run(tx, "read/force_capabilities", ids=[assessment.force])
        return next(
            {"node": node, "rel": rel}
            for node, rel in found["pairs"]
            if node["id"] == assessment.capability
        )

    return db.execute_write(work)


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
            capabilities=[o.capability for o in offerings],
            sources=[supplier.source, *(o.source for o in offerings)],
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
        _merge(tx, Dataset(suppliers=[supplier], offerings=offerings))
        _bump(tx)

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
            forces=pilot.forces,
            capabilities=pilot.capabilities,
            suppliers=[pilot.supplier] if pilot.supplier else [],
            crimeTypes=pilot.crime_types,
            metrics=[b.metric for b in pilot.benefits],
            sources=[pilot.source],
        )
        run(tx, "write/clear_pilot_links", pilot=pilot.id)
        _merge(tx, Dataset(pilots=[pilot]))
        _bump(tx)

    db.execute_write(work)


def record_benefits(db: Database, pilot_id: str, benefits: list[Benefit]) -> None:
    """Add or replace a pilot's results on the given metrics; its other benefits stay.

    Raises
    ------
    NotFoundError
        The pilot or a metric does not exist.
    """

    def work(tx: Transaction) -> None:
        _require(tx, pilots=[pilot_id], metrics=[b.metric for b in benefits])
        pilot = dict(run(tx, "read/pilots_by_id", ids=[pilot_id])[0]["rows"])[pilot_id]
        provenance = {"source": pilot["source"], "illustrative": pilot["illustrative"]}
        rows = [
            {
                "from": pilot_id,
                "to": b.metric,
                "props": b.properties(exclude={"metric"}) | provenance,
            }
            for b in benefits
        ]
        run(tx, "load/merge_pilot_benefits", rows=rows)
        _bump(tx)

    db.execute_write(work)


def _require(tx: Transaction, **ids: Iterable[str]) -> None:
    wanted = {kind: sorted(set(ids.get(kind, ()))) for kind in _REFERENCE_KINDS}
    known = run(tx, "write/find_known_ids", **wanted)[0]
    for kind in _REFERENCE_KINDS:
        missing = [x for x in wanted[kind] if x not in set(known[kind])]
        if missing:
            raise NotFoundError(
                f"unknown {_NAMES[kind]} {missing[0]!r}", kind=_NAMES[kind], id=missing[0]
            )


def _merge(tx: Transaction, dataset: Dataset) -> None:
    """Write a small dataset with the loader's own merge queries."""
    for step in plan_load(dataset):
        if step.rows:
            run(tx, step.query, rows=step.rows)


def _bump(tx: Transaction) -> None:
    run(tx, "write/bump_graph_version")
