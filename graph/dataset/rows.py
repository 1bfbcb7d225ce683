"""Records as the rows the graph's merge statements take, and graph contents back as records.

Both directions follow the schema model: node kinds become ``{id, props}`` rows,
relationship kinds and links ``{from, to, props}`` rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from graph.dataset.contents import Dataset
from graph.model import (
    LINKS,
    NODES,
    RELATIONSHIPS,
    Entity,
    Link,
    NodeKind,
    Record,
    RelationshipKind,
    relationship_typed,
)

__all__ = [
    "edge_key",
    "link_rows",
    "node_rows",
    "relationship_key",
    "relationship_rows",
    "to_dataset",
]

Row = dict[str, Any]


def node_rows(dataset: Dataset, kind: NodeKind[Any]) -> list[Row]:
    """Rows ``{id, props}`` for the merge statement of a node kind (its links left out)."""
    links = set(kind.links)
    return [{"id": r.key[0], "props": r.properties(exclude=links)} for r in dataset.records(kind)]


def relationship_rows(dataset: Dataset, kind: RelationshipKind[Any]) -> list[Row]:
    """Rows ``{from, to, props}`` for the merge statement of a relationship kind."""
    endpoints = {kind.start_field, kind.end_field}
    return [
        {
            "from": getattr(record, kind.start_field),
            "to": getattr(record, kind.end_field),
            "props": record.properties(exclude=endpoints),
        }
        for record in dataset.records(kind)
    ]


def link_rows(dataset: Dataset, link: Link) -> list[Row]:
    """Rows ``{from, to, props}`` for one kind of link; links carry their record's provenance."""
    rows: list[Row] = []
    for record in dataset.records(link.start):
        provenance = _provenance(record)
        for target, extra in _targets(record, link):
            rows.append({"from": record.key[0], "to": target, "props": provenance | extra})
    return rows


def relationship_key(
    rel_type: str, from_id: str, to_id: str, props: dict[str, Any]
) -> tuple[str, str, str, str | None]:
    """What identifies a relationship: type, endpoint ids, and its key properties' values if any.

    Several key properties' values are joined with ``|`` (``2026-01-15|illustrative``).
    """
    keys = relationship_typed(rel_type).key_properties
    qualifier = "|".join([str(props.get(key)) for key in keys]) if keys else None
    return rel_type, from_id, to_id, qualifier


def edge_key(rel_type: str, props: dict[str, Any]) -> str:
    """A NetworkX edge key for a relationship: its type, plus ``:<key values>`` if it has any.

    ``USES_SUPPLIER`` edges become ``USES_SUPPLIER:<capability>``, so one force's use of one
    supplier for two capabilities stays two edges; assessments become
    ``HAS_CAPABILITY:<day>|<source>``, one edge per observation.
    """
    qualifier = relationship_key(rel_type, "", "", props)[3]
    return rel_type if qualifier is None else f"{rel_type}:{qualifier}"


def to_dataset(
    nodes: dict[str, list[dict[str, Any]]],
    relationships: dict[str, list[tuple[str, str, dict[str, Any]]]],
    *,
    origin: str,
) -> Dataset:
    """A dataset rebuilt from graph contents: node properties by label, relationships by type.

    Raises
    ------
    pydantic.ValidationError
        The graph holds something the data model cannot express.
    """
    dataset = Dataset(origin=origin)
    links = _links_by_owner(relationships)
    for node_kind in NODES:
        for props in sorted(nodes.get(node_kind.label, []), key=lambda p: p["id"]):
            values = props | links.get((node_kind.label, props["id"]), {})
            dataset.records(node_kind).append(node_kind.record.model_validate(values))
    for rel_kind in RELATIONSHIPS:
        rows = sorted(
            relationships.get(rel_kind.type, []), key=lambda r: (r[0], r[1], sorted(r[2].items()))
        )
        for from_id, to_id, props in rows:
            values = props | {rel_kind.start_field: from_id, rel_kind.end_field: to_id}
            dataset.records(rel_kind).append(rel_kind.record.model_validate(values))
    return dataset


def _provenance(record: Entity) -> dict[str, Any]:
    if isinstance(record, Record):
        return {"source": record.source, "illustrative": record.illustrative}
    return {}


def _targets(record: Entity, link: Link) -> Iterator[tuple[str, dict[str, Any]]]:
    value = getattr(record, link.field)
    if value is None:
        return
    for item in value if isinstance(value, list) else [value]:
        if link.target_field is None:
            yield item, {}
        else:
            yield getattr(item, link.target_field), item.properties(exclude={link.target_field})


def _links_by_owner(
    relationships: dict[str, list[tuple[str, str, dict[str, Any]]]],
) -> dict[tuple[str, str], dict[str, Any]]:
    """The link fields of each owning record, by ``(label, id)``, from its relationships."""
    fields: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
    for link in LINKS:
        for owner, target, props in sorted(relationships.get(link.type, []), key=lambda r: r[:2]):
            holder = fields[(link.start.label, owner)]
            if link.record is not None and link.target_field is not None:
                extra = {k: v for k, v in props.items() if k not in {"source", "illustrative"}}
                value: Any = link.record.model_validate(extra | {link.target_field: target})
            else:
                value = target
            if link.many:
                holder.setdefault(link.field, []).append(value)
            else:
                holder[link.field] = value
    return fields
