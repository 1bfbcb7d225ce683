"""Checks across records: every reference names a record that exists, and where cycles are."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

import networkx as nx

from graph.dataset.contents import Dataset, Issue
from graph.model import (
    KINDS,
    LINKS,
    NODES,
    Entity,
    Kind,
    Link,
    NodeKind,
    Pilot,
    RelationshipKind,
    kind_named,
)
from graph.model.kinds import DEPENDENCIES, FORCE_SUPPLIERS, OFFERINGS, PILOTS
from graph.model.properties import properties_of

__all__ = ["check_references", "dependency_cycles"]


def check_references(
    dataset: Dataset,
    *,
    invalid_ids: Mapping[str, set[str]] | None = None,
    unreadable: set[str] | frozenset[str] = frozenset(),
) -> list[Issue]:
    """Every reference in ``dataset`` that names no record, as one issue each.

    References are those the schema model declares: each relationship record's two
    ends, each link of a record (a pilot's forces, capabilities, ...), and each
    property marked as naming another kind (``source``, ``volume_source``, ...). A
    force may use a supplier for a capability only if that supplier offers it.
    ``invalid_ids`` (by kind name) names records that exist but failed validation:
    references to them are not reported again; nor are references to the kinds named in
    ``unreadable``, whose file could not be read at all.
    """
    invalid = invalid_ids or {}
    ids = {
        kind.name: {r.key[0] for r in dataset.records(kind)} | invalid.get(kind.name, set())
        for kind in NODES
    }
    issues: list[Issue] = []
    for kind in KINDS:
        for record in dataset.records(kind):
            for field, target, value in _references(kind, record):
                if (
                    value is not None
                    and target.name not in unreadable
                    and value not in ids[target.name]
                ):
                    issues.append(
                        Issue(
                            dataset.where(kind, record), f"unknown {target.noun} {value!r}", field
                        )
                    )
    issues.extend(_unoffered_uses(dataset, ids))
    for pilot in dataset.records(PILOTS):
        issues.extend(_duplicates_in(dataset, pilot))
    return issues


def dependency_cycles(dataset: Dataset) -> list[list[str]]:
    """Groups of capabilities that depend on each other in a cycle, each sorted.

    An empty list means the dependencies form a directed acyclic graph.
    """
    graph = nx.DiGraph((d.capability, d.depends_on) for d in dataset.records(DEPENDENCIES))
    groups = [sorted(group) for group in nx.strongly_connected_components(graph) if len(group) > 1]
    return sorted(groups)


def _references(kind: Kind[Any], record: Entity) -> Iterator[tuple[str, NodeKind[Any], Any]]:
    """``(field, kind it names, value)`` for every reference a record makes."""
    for field, target in _field_references(kind):
        value = getattr(record, field)
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield f"{field}.{index}", target, item
        else:
            yield field, target, value
    for link in _links_of(kind):
        value = getattr(record, link.field)
        if link.target_field is not None:
            for index, item in enumerate(value):
                yield (
                    f"{link.field}.{index}.{link.target_field}",
                    link.end,
                    getattr(item, link.target_field),
                )
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield f"{link.field}.{index}", link.end, item
        else:
            yield link.field, link.end, value


@cache
def _field_references(kind: Kind[Any]) -> tuple[tuple[str, NodeKind[Any]], ...]:
    found: list[tuple[str, NodeKind[Any]]] = []
    if isinstance(kind, RelationshipKind):
        found += [(kind.start_field, kind.start), (kind.end_field, kind.end)]
    for prop in properties_of(kind.record):
        if prop.ref is not None:
            target = kind_named(prop.ref)
            assert isinstance(target, NodeKind), f"{prop.name} names {prop.ref}, not a node kind"
            found.append((prop.name, target))
    return tuple(found)


@cache
def _links_of(kind: Kind[Any]) -> tuple[Link, ...]:
    return tuple(link for link in LINKS if link.start == kind)


def _unoffered_uses(dataset: Dataset, ids: dict[str, set[str]]) -> Iterable[Issue]:
    offered = {(o.supplier, o.capability) for o in dataset.records(OFFERINGS)}
    for use in dataset.records(FORCE_SUPPLIERS):
        known = use.supplier in ids["suppliers"] and use.capability in ids["capabilities"]
        if known and (use.supplier, use.capability) not in offered:
            yield Issue(
                dataset.where(FORCE_SUPPLIERS, use),
                f"supplier {use.supplier!r} does not offer {use.capability!r} "
                "(add the offering to offerings)",
                "supplier",
            )


def _duplicates_in(dataset: Dataset, pilot: Pilot) -> Iterable[Issue]:
    for link in _links_of(PILOTS):
        values = getattr(pilot, link.field)
        if not isinstance(values, list):
            continue
        keys = [getattr(v, link.target_field) if link.target_field else v for v in values]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            verb = "measures" if link.target_field else "lists"
            yield Issue(
                dataset.where(PILOTS, pilot), f"{verb} {', '.join(repeated)} twice", link.field
            )
