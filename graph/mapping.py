"""How records map to Neo4j nodes and relationships, both ways (load and export)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graph.dataset import KINDS, Dataset
from graph.model import Benefit, Pilot

__all__ = [
    "ENDPOINT_LABELS",
    "NODE_KINDS",
    "PILOT_LINKS",
    "RELATIONSHIP_KINDS",
    "NodeKind",
    "PilotLink",
    "RelationshipKind",
    "edge_key",
    "node_rows",
    "pilot_link_rows",
    "relationship_key",
    "relationship_rows",
    "to_dataset",
]


@dataclass(frozen=True)
class NodeKind:
    """A kind of record stored as nodes with one label, merged on ``id``."""

    kind: str
    label: str

    @property
    def query(self) -> str:
        """The named Cypher that merges rows of this kind."""
        return f"load/merge_{self.kind}"


@dataclass(frozen=True)
class RelationshipKind:
    """A kind of record stored as one relationship between two nodes."""

    kind: str
    type: str
    from_field: str
    from_label: str
    to_field: str
    to_label: str
    key_property: str | None = None
    """A property that tells apart relationships between the same two nodes."""

    @property
    def query(self) -> str:
        """The named Cypher that merges rows of this kind."""
        return f"load/merge_{self.kind}"


@dataclass(frozen=True)
class PilotLink:
    """A list (or single field) of a pilot stored as relationships from the pilot."""

    field: str
    type: str
    to_label: str
    query: str
    """The named Cypher that merges these links."""


NODE_KINDS: tuple[NodeKind, ...] = (
    NodeKind("sources", "Source"),
    NodeKind("metrics", "Metric"),
    NodeKind("forces", "Force"),
    NodeKind("capabilities", "Capability"),
    NodeKind("crime_types", "CrimeType"),
    NodeKind("suppliers", "Supplier"),
    NodeKind("pilots", "Pilot"),
)

RELATIONSHIP_KINDS: tuple[RelationshipKind, ...] = (
    RelationshipKind(
        "dependencies", "DEPENDS_ON", "capability", "Capability", "depends_on", "Capability"
    ),
    RelationshipKind("crime_needs", "NEEDS", "crime_type", "CrimeType", "capability", "Capability"),
    RelationshipKind("offerings", "OFFERS", "supplier", "Supplier", "capability", "Capability"),
    RelationshipKind(
        "force_suppliers", "USES_SUPPLIER", "force", "Force", "supplier", "Supplier", "capability"
    ),
    RelationshipKind("assessments", "HAS_CAPABILITY", "force", "Force", "capability", "Capability"),
)

PILOT_LINKS: tuple[PilotLink, ...] = (
    PilotLink("forces", "RUN_BY", "Force", "load/merge_pilot_forces"),
    PilotLink("capabilities", "TRIALS", "Capability", "load/merge_pilot_capabilities"),
    PilotLink("supplier", "DELIVERED_BY", "Supplier", "load/merge_pilot_suppliers"),
    PilotLink("crime_types", "TARGETS", "CrimeType", "load/merge_pilot_crime_types"),
    PilotLink("benefits", "MEASURED", "Metric", "load/merge_pilot_benefits"),
)


def node_rows(dataset: Dataset, kind: NodeKind) -> list[dict[str, Any]]:
    """Rows ``{id, props}`` for the merge query of a node kind."""
    return [{"id": r.key[0], "props": r.properties()} for r in dataset.records(kind.kind)]


def relationship_rows(dataset: Dataset, kind: RelationshipKind) -> list[dict[str, Any]]:
    """Rows ``{from, to, props}`` for the merge query of a relationship kind."""
    endpoints = {kind.from_field, kind.to_field}
    return [
        {
            "from": getattr(record, kind.from_field),
            "to": getattr(record, kind.to_field),
            "props": record.properties(exclude=endpoints),
        }
        for record in dataset.records(kind.kind)
    ]


def pilot_link_rows(dataset: Dataset, link: PilotLink) -> list[dict[str, Any]]:
    """Rows ``{from, to, props}`` for one kind of pilot link; links carry the pilot's provenance."""
    rows: list[dict[str, Any]] = []
    for pilot in dataset.pilots:
        provenance = {"source": pilot.source, "illustrative": pilot.illustrative}
        for target, extra in _pilot_targets(pilot, link.field):
            rows.append({"from": pilot.id, "to": target, "props": provenance | extra})
    return rows


def relationship_key(
    rel_type: str, from_id: str, to_id: str, props: dict[str, Any]
) -> tuple[str, str, str, str | None]:
    """What identifies a relationship: type, endpoint ids, and its kind's key property if any."""
    key_property = _KEY_PROPERTY.get(rel_type)
    return rel_type, from_id, to_id, props.get(key_property) if key_property else None


def edge_key(rel_type: str, props: dict[str, Any]) -> str:
    """A NetworkX edge key for a relationship: its type, plus ``:<key property>`` if it has one.

    ``USES_SUPPLIER`` edges become ``USES_SUPPLIER:<capability>``, so one force's use of one
    supplier for two capabilities stays two edges.
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
    models = {kind.name: kind.model for kind in KINDS}
    links = _pilot_links(relationships)
    for node_kind in NODE_KINDS:
        model = models[node_kind.kind]
        for props in sorted(nodes.get(node_kind.label, []), key=lambda p: p["id"]):
            values = props | links.get(props["id"], {}) if node_kind.kind == "pilots" else props
            dataset.records(node_kind.kind).append(model.model_validate(values))
    for rel_kind in RELATIONSHIP_KINDS:
        model = models[rel_kind.kind]
        rows = sorted(
            relationships.get(rel_kind.type, []), key=lambda r: (r[0], r[1], sorted(r[2].items()))
        )
        for from_id, to_id, props in rows:
            values = props | {rel_kind.from_field: from_id, rel_kind.to_field: to_id}
            dataset.records(rel_kind.kind).append(model.model_validate(values))
    return dataset


_KEY_PROPERTY = {kind.type: kind.key_property for kind in RELATIONSHIP_KINDS if kind.key_property}

ENDPOINT_LABELS: dict[str, tuple[str, str]] = {
    **{kind.type: (kind.from_label, kind.to_label) for kind in RELATIONSHIP_KINDS},
    **{link.type: ("Pilot", link.to_label) for link in PILOT_LINKS},
}
"""The labels at either end of each relationship type."""


def _pilot_targets(pilot: Pilot, field: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if field == "benefits":
        for benefit in pilot.benefits:
            yield benefit.metric, benefit.properties(exclude={"metric"})
    elif field == "supplier":
        if pilot.supplier is not None:
            yield pilot.supplier, {}
    else:
        for target in getattr(pilot, field):
            yield target, {}


def _pilot_links(
    relationships: dict[str, list[tuple[str, str, dict[str, Any]]]],
) -> dict[str, dict[str, Any]]:
    links: dict[str, dict[str, Any]] = defaultdict(dict)
    for link in PILOT_LINKS:
        for pilot_id, target, props in sorted(
            relationships.get(link.type, []), key=lambda r: r[:2]
        ):
            fields = links[pilot_id]
            if link.field == "supplier":
                fields["supplier"] = target
            elif link.field == "benefits":
                extra = {k: v for k, v in props.items() if k not in {"source", "illustrative"}}
                fields.setdefault("benefits", []).append(Benefit(metric=target, **extra))
            else:
                fields.setdefault(link.field, []).append(target)
    return links
