"""Checks across records: every reference names a record that exists, and where cycles are."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import networkx as nx

from graph.dataset import KINDS, Dataset, Issue
from graph.model import Entity, Pilot, Record

__all__ = ["check_references", "dependency_cycles"]


def check_references(
    dataset: Dataset, *, invalid_ids: Mapping[str, set[str]] | None = None
) -> list[Issue]:
    """Every reference in ``dataset`` that names no record, as one issue each.

    References are checked from each record to sources, forces, capabilities,
    suppliers, crime types and metrics; a force may use a supplier for a capability
    only if that supplier offers it. ``invalid_ids`` (by kind) names records that
    exist but failed validation: references to them are not reported again.
    """
    invalid = invalid_ids or {}
    ids = {
        target: {r.key[0] for r in dataset.records(kind)} | invalid.get(kind, set())
        for target, kind in _TARGETS.items()
    }
    offered = {(o.supplier, o.capability) for o in dataset.offerings}
    issues: list[Issue] = []

    def check(kind: str, record: Entity, field: str, target: str, value: str | None) -> None:
        if value is not None and value not in ids[target]:
            message = f"unknown {target} {value!r}"
            issues.append(Issue(dataset.where(kind, record), message, field))

    for kind, record in _records(dataset):
        if isinstance(record, Record):
            check(kind, record, "source", "source", record.source)
    for kind, fields in _REFERENCES.items():
        for record in dataset.records(kind):
            for field, target in fields:
                check(kind, record, field, target, getattr(record, field))
    for use in dataset.force_suppliers:
        known = use.supplier in ids["supplier"] and use.capability in ids["capability"]
        if known and (use.supplier, use.capability) not in offered:
            issues.append(
                Issue(
                    dataset.where("force_suppliers", use),
                    f"supplier {use.supplier!r} does not offer {use.capability!r} "
                    "(add the offering to offerings)",
                    "supplier",
                )
            )
    for pilot in dataset.pilots:
        for index, force in enumerate(pilot.forces):
            check("pilots", pilot, f"forces.{index}", "force", force)
        for index, capability in enumerate(pilot.capabilities):
            check("pilots", pilot, f"capabilities.{index}", "capability", capability)
        for index, crime_type in enumerate(pilot.crime_types):
            check("pilots", pilot, f"crime_types.{index}", "crime type", crime_type)
        check("pilots", pilot, "supplier", "supplier", pilot.supplier)
        for index, benefit in enumerate(pilot.benefits):
            check("pilots", pilot, f"benefits.{index}.metric", "metric", benefit.metric)
        issues.extend(_duplicates_in(dataset, pilot))
    return issues


_REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "crime_types": (("volume_source", "source"),),
    "dependencies": (("capability", "capability"), ("depends_on", "capability")),
    "crime_needs": (("crime_type", "crime type"), ("capability", "capability")),
    "offerings": (("supplier", "supplier"), ("capability", "capability")),
    "force_suppliers": (("force", "force"), ("supplier", "supplier"), ("capability", "capability")),
    "assessments": (("force", "force"), ("capability", "capability")),
    "pilots": (("supplier", "supplier"),),
}
"""Single-valued fields that name another record: (field, what it names), by kind."""

_TARGETS = {
    "source": "sources",
    "metric": "metrics",
    "force": "forces",
    "capability": "capabilities",
    "crime type": "crime_types",
    "supplier": "suppliers",
}


def dependency_cycles(dataset: Dataset) -> list[list[str]]:
    """Groups of capabilities that depend on each other in a cycle, each sorted.

    An empty list means the dependencies form a directed acyclic graph.
    """
    graph = nx.DiGraph((d.capability, d.depends_on) for d in dataset.dependencies)
    groups = [sorted(group) for group in nx.strongly_connected_components(graph) if len(group) > 1]
    return sorted(groups)


def _records(dataset: Dataset) -> Iterator[tuple[str, Entity]]:
    for kind in KINDS:
        for record in dataset.records(kind.name):
            yield kind.name, record


def _duplicates_in(dataset: Dataset, pilot: Pilot) -> Iterable[Issue]:
    for field in ("forces", "capabilities", "crime_types"):
        values: list[str] = getattr(pilot, field)
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            yield Issue(dataset.where("pilots", pilot), f"lists {', '.join(repeated)} twice", field)
    metrics = [benefit.metric for benefit in pilot.benefits]
    repeated = sorted({m for m in metrics if metrics.count(m) > 1})
    if repeated:
        yield Issue(
            dataset.where("pilots", pilot), f"measures {', '.join(repeated)} twice", "benefits"
        )
