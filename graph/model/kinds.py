"""The schema model: every kind of record, node label and relationship type, declared once.

Everything else derives from this table: reading and checking data files, the rows
the loader writes and the editor merges, constraints and indexes, the projection's
properties, exports and backups, and the API's types, filters and sort orders.

- A :class:`NodeKind` is a file of records stored as nodes with one label.
- A :class:`RelationshipKind` is a file of records each stored as one relationship.
- A :class:`Link` is a list (or single) field of a node record stored as relationships
  from that node: a pilot's forces, capabilities, supplier, crime types and benefits.

Examples
--------
>>> FORCES.label, [p.key for p in FORCES.properties][:3]
('Force', ['id', 'name', 'kind'])
>>> [f.name for f in filters_of(CAPABILITIES)]
['nameContains', 'stage', 'delivery', 'market', 'crimeTypeId']
>>> ASSESSMENTS.type, ASSESSMENTS.start.label, ASSESSMENTS.end.label
('HAS_CAPABILITY', 'Force', 'Capability')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, Generic, TypeVar, get_origin

from graph.model.properties import Filter, Match, Property, properties_of
from graph.model.records import (
    Assessment,
    Benefit,
    Capability,
    CrimeNeed,
    CrimeType,
    CrimeVolume,
    Dependency,
    Entity,
    Force,
    ForceContract,
    ForceSupplier,
    Metric,
    Offering,
    Pilot,
    Record,
    RegionalUnit,
    Source,
    Supplier,
    UnitAssessment,
    UnitContract,
    Workforce,
)

__all__ = [
    "ASSESSMENTS",
    "CAPABILITIES",
    "CONTRACTS",
    "CRIME_NEEDS",
    "CRIME_TYPES",
    "CRIME_VOLUMES",
    "DELIVERED_BY",
    "DEPENDENCIES",
    "FORCES",
    "FORCE_SUPPLIERS",
    "IN_AREA",
    "KINDS",
    "LINKS",
    "MEASURED",
    "METRICS",
    "NODES",
    "OFFERINGS",
    "PILOTS",
    "REGIONAL_UNITS",
    "RELATIONSHIPS",
    "RELATIONSHIP_TYPES",
    "RUN_BY",
    "SERVES",
    "SOURCES",
    "SUPPLIERS",
    "TARGETS",
    "TRIALS",
    "UNIT_ASSESSMENTS",
    "UNIT_CONTRACTS",
    "VOLUME_OF",
    "WORKFORCE",
    "WORKFORCE_OF",
    "Hop",
    "Kind",
    "Link",
    "LinkFilter",
    "NodeKind",
    "QueryFilter",
    "RelationshipKind",
    "RelationshipType",
    "SortOption",
    "filters_of",
    "kind_named",
    "node_labelled",
    "relationship_typed",
    "sorts_of",
]


R = TypeVar("R", bound=Entity)


@dataclass(frozen=True)
class Kind(Generic[R]):
    """A kind of record in the data files: its name, its file in a seed folder, its class."""

    name: str
    filename: str
    record: type[R]

    @property
    def is_csv(self) -> bool:
        """Whether a seed folder holds this kind as CSV (else YAML)."""
        return self.filename.endswith(".csv")


@dataclass(frozen=True)
class NodeKind(Kind[R]):
    """Records stored as nodes with one ``label``, merged on ``id``.

    ``noun`` names one record in messages; ``example_id`` is shown in the API's
    descriptions, and a kind with one has root fields (``force``, ``forces``).
    """

    label: str = ""
    noun: str = ""
    example_id: str | None = None
    links: tuple[str, ...] = ()
    """Fields of the record stored as relationships (:class:`Link`), not as properties."""

    @property
    def singular(self) -> str:
        """The snake_case name of one record (``crime_type``)."""
        return self.noun.replace(" ", "_")

    @cached_property
    def properties(self) -> tuple[Property, ...]:
        """Its properties in declaration order, without the provenance and link fields."""
        return properties_of(
            self.record, exclude=frozenset({"source", "illustrative", *self.links})
        )

    @cached_property
    def stored(self) -> tuple[Property, ...]:
        """Every property its nodes hold, provenance included."""
        return properties_of(self.record, exclude=frozenset(self.links))

    @property
    def analysed(self) -> bool:
        """Whether analyses read its nodes (some property is marked analysed)."""
        return any(p.analysed for p in self.properties)


@dataclass(frozen=True)
class LinkFilter:
    """A filter on the nodes at one end of a relationship type: those linked to a given id."""

    name: str
    on_start: bool
    description: str | None = None


@dataclass(frozen=True)
class RelationshipType:
    """A relationship type: its endpoints, what tells two apart, its filters."""

    type: str
    start: NodeKind[Any]
    end: NodeKind[Any]
    key_properties: tuple[str, ...] = ()
    """Properties that tell apart relationships between the same two nodes."""
    history: bool = False
    """The relationships between two nodes are dated observations of one fact, all kept:
    reads give every one, newest (by the first key property) first."""
    records: bool = False
    """Each relationship between two nodes is a record of its own (a contract): reads give
    every one. Without it (and without ``history``) a read gives each neighbour once."""

    @property
    def each_read(self) -> bool:
        """Whether reads of a node's neighbours give every relationship, not each node once."""
        return not self.key_properties or self.history or self.records

    filters: tuple[LinkFilter, ...] = ()

    @property
    def properties(self) -> tuple[Property, ...]:
        """The relationship's own properties (provenance included, endpoints not)."""
        return _relationship_properties(self)

    @property
    def projected(self) -> tuple[str, ...]:
        """The properties analyses read: those marked analysed, the key ones and provenance."""
        analysed = [p.key for p in self.properties if p.analysed]
        return tuple(dict.fromkeys((*analysed, *self.key_properties, "source", "illustrative")))

    @property
    def days(self) -> frozenset[str]:
        """The properties that hold days."""
        return frozenset(p.key for p in self.properties if p.type is dt.date)

    @property
    def outgoing(self) -> Hop:
        """From a start node to its end nodes."""
        return Hop(self, outgoing=True)

    @property
    def incoming(self) -> Hop:
        """From an end node back to its start nodes."""
        return Hop(self, outgoing=False)


@dataclass(frozen=True)
class RelationshipKind(RelationshipType, Kind[R]):
    """Records each stored as one relationship from ``start_field`` to ``end_field``."""

    start_field: str = ""
    end_field: str = ""


@dataclass(frozen=True)
class Link(RelationshipType):
    """A field of ``start``'s records stored as relationships to ``end`` nodes.

    The field holds ids (a list, or one id or none), or records of ``record`` whose
    ``target_field`` is the end's id and whose other fields are the relationship's
    properties. Links carry the provenance of the record that holds them.
    """

    field: str = ""
    record: type[Entity] | None = None
    target_field: str | None = None

    @property
    def many(self) -> bool:
        """Whether the field holds a list (else one id, or none)."""
        return get_origin(self.start.record.model_fields[self.field].annotation) is list


@dataclass(frozen=True)
class Hop:
    """One relationship type walked in one direction, from the nodes whose ids are given."""

    relationship: RelationshipType
    outgoing: bool

    @property
    def near(self) -> NodeKind[Any]:
        """The kind of the nodes walked from."""
        return self.relationship.start if self.outgoing else self.relationship.end

    @property
    def far(self) -> NodeKind[Any]:
        """The kind of the nodes reached."""
        return self.relationship.end if self.outgoing else self.relationship.start


@dataclass(frozen=True)
class QueryFilter:
    """One filter of a kind's pages, as the API offers it and the Cypher applies it.

    Either a property filter (``property`` and its ``match``) or a link filter
    (``hop``: the nodes linked to the given id through it).
    """

    name: str
    type: Any
    description: str | None
    property: Property | None = None
    match: Match | None = None
    hop: Hop | None = None


SOURCES = NodeKind("sources", "sources.yaml", Source, label="Source", noun="source")
METRICS = NodeKind("metrics", "metrics.yaml", Metric, label="Metric", noun="metric")
FORCES = NodeKind("forces", "forces.csv", Force, label="Force", noun="force", example_id="kent")
REGIONAL_UNITS = NodeKind(
    "regional_units",
    "regional_units.yaml",
    RegionalUnit,
    label="RegionalUnit",
    noun="regional unit",
    example_id="ersou",
    links=("forces",),
)
CAPABILITIES = NodeKind(
    "capabilities",
    "capabilities.yaml",
    Capability,
    label="Capability",
    noun="capability",
    example_id="mobile-device-extraction",
)
CRIME_TYPES = NodeKind(
    "crime_types",
    "crime_types.yaml",
    CrimeType,
    label="CrimeType",
    noun="crime type",
    example_id="ransomware",
)
CRIME_VOLUMES = NodeKind(
    "crime_volumes",
    "crime_volumes.csv",
    CrimeVolume,
    label="CrimeVolume",
    noun="crime volume",
    example_id="bank-credit-fraud-csew-2025",
    links=("crime_type", "area"),
)
WORKFORCE = NodeKind(
    "workforce",
    "workforce.csv",
    Workforce,
    label="Workforce",
    noun="workforce figure",
    links=("force",),
)
SUPPLIERS = NodeKind(
    "suppliers",
    "suppliers.yaml",
    Supplier,
    label="Supplier",
    noun="supplier",
    example_id="illustrative-a-forensic-systems",
)
PILOTS = NodeKind(
    "pilots",
    "pilots.yaml",
    Pilot,
    label="Pilot",
    noun="pilot",
    example_id="soh-reporting-wave-3",
    links=("forces", "capabilities", "supplier", "crime_types", "benefits"),
)

DEPENDENCIES = RelationshipKind(
    "dependencies",
    "dependencies.csv",
    Dependency,
    type="DEPENDS_ON",
    start=CAPABILITIES,
    end=CAPABILITIES,
    start_field="capability",
    end_field="depends_on",
)
CRIME_NEEDS = RelationshipKind(
    "crime_needs",
    "crime_needs.csv",
    CrimeNeed,
    type="NEEDS",
    start=CRIME_TYPES,
    end=CAPABILITIES,
    start_field="crime_type",
    end_field="capability",
    filters=(LinkFilter("crimeTypeId", on_start=False, description="Needed by this crime type."),),
)
OFFERINGS = RelationshipKind(
    "offerings",
    "offerings.csv",
    Offering,
    type="OFFERS",
    start=SUPPLIERS,
    end=CAPABILITIES,
    start_field="supplier",
    end_field="capability",
    filters=(
        LinkFilter("offersCapabilityId", on_start=True, description="Offers this capability."),
    ),
)
FORCE_SUPPLIERS = RelationshipKind(
    "force_suppliers",
    "force_suppliers.csv",
    ForceSupplier,
    type="USES_SUPPLIER",
    start=FORCES,
    end=SUPPLIERS,
    start_field="force",
    end_field="supplier",
    key_properties=("capability",),
)
CONTRACTS = RelationshipKind(
    "contracts",
    "contracts.yaml",
    ForceContract,
    type="SUPPLIES",
    start=SUPPLIERS,
    end=FORCES,
    start_field="supplier",
    end_field="force",
    key_properties=("contract",),
    records=True,
)
UNIT_CONTRACTS = RelationshipKind(
    "unit_contracts",
    "unit_contracts.yaml",
    UnitContract,
    type="SUPPLIES_UNIT",
    start=SUPPLIERS,
    end=REGIONAL_UNITS,
    start_field="supplier",
    end_field="unit",
    key_properties=("contract",),
    records=True,
)
ASSESSMENTS = RelationshipKind(
    "assessments",
    "assessments.csv",
    Assessment,
    type="HAS_CAPABILITY",
    start=FORCES,
    end=CAPABILITIES,
    start_field="force",
    end_field="capability",
    key_properties=("assessedOn", "source"),
    history=True,
)
UNIT_ASSESSMENTS = RelationshipKind(
    "unit_assessments",
    "unit_assessments.csv",
    UnitAssessment,
    type="UNIT_HAS_CAPABILITY",
    start=REGIONAL_UNITS,
    end=CAPABILITIES,
    start_field="unit",
    end_field="capability",
    key_properties=("assessedOn", "source"),
    history=True,
)

SERVES = Link(
    "SERVES",
    REGIONAL_UNITS,
    FORCES,
    field="forces",
    filters=(LinkFilter("servesForceId", on_start=True, description="Serves this force."),),
)
VOLUME_OF = Link(
    "VOLUME_OF",
    CRIME_VOLUMES,
    CRIME_TYPES,
    field="crime_type",
    filters=(LinkFilter("crimeTypeId", on_start=True, description="Of this crime type."),),
)
IN_AREA = Link(
    "IN_AREA",
    CRIME_VOLUMES,
    FORCES,
    field="area",
    filters=(LinkFilter("forceId", on_start=True, description="Counted in this force's area."),),
)
WORKFORCE_OF = Link("WORKFORCE_OF", WORKFORCE, FORCES, field="force")
RUN_BY = Link(
    "RUN_BY",
    PILOTS,
    FORCES,
    field="forces",
    filters=(LinkFilter("forceId", on_start=True, description="Run by this force."),),
)
TRIALS = Link(
    "TRIALS",
    PILOTS,
    CAPABILITIES,
    field="capabilities",
    filters=(LinkFilter("capabilityId", on_start=True, description="Trials this capability."),),
)
DELIVERED_BY = Link(
    "DELIVERED_BY",
    PILOTS,
    SUPPLIERS,
    field="supplier",
    filters=(LinkFilter("supplierId", on_start=True, description="Delivered by this supplier."),),
)
TARGETS = Link("TARGETS", PILOTS, CRIME_TYPES, field="crime_types")
MEASURED = Link(
    "MEASURED", PILOTS, METRICS, field="benefits", record=Benefit, target_field="metric"
)

KINDS: tuple[Kind[Any], ...] = (
    SOURCES,
    METRICS,
    FORCES,
    REGIONAL_UNITS,
    CAPABILITIES,
    DEPENDENCIES,
    CRIME_TYPES,
    CRIME_VOLUMES,
    CRIME_NEEDS,
    SUPPLIERS,
    OFFERINGS,
    FORCE_SUPPLIERS,
    CONTRACTS,
    UNIT_CONTRACTS,
    WORKFORCE,
    ASSESSMENTS,
    UNIT_ASSESSMENTS,
    PILOTS,
)
"""Every kind of record, in the order they are loaded (referenced kinds first)."""

NODES: tuple[NodeKind[Any], ...] = tuple(kind for kind in KINDS if isinstance(kind, NodeKind))
RELATIONSHIPS: tuple[RelationshipKind[Any], ...] = tuple(
    kind for kind in KINDS if isinstance(kind, RelationshipKind)
)
LINKS: tuple[Link, ...] = (
    SERVES,
    VOLUME_OF,
    IN_AREA,
    WORKFORCE_OF,
    RUN_BY,
    TRIALS,
    DELIVERED_BY,
    TARGETS,
    MEASURED,
)
RELATIONSHIP_TYPES: tuple[RelationshipType, ...] = (*RELATIONSHIPS, *LINKS)
"""Every relationship type of the knowledge graph, records' first, then links."""


def kind_named(name: str) -> Kind[Any]:
    """The kind of records called ``name`` (``crime_types``).

    Raises
    ------
    KeyError
        No kind has that name.
    """
    return _BY_NAME[name]


def node_labelled(label: str) -> NodeKind[Any]:
    """The node kind with ``label``.

    Raises
    ------
    KeyError
        No node kind has that label.
    """
    return _BY_LABEL[label]


def relationship_typed(rel_type: str) -> RelationshipType:
    """The relationship type named ``rel_type``.

    Raises
    ------
    KeyError
        No relationship type has that name.
    """
    return _BY_TYPE[rel_type]


@cache
def filters_of(kind: NodeKind[Any]) -> tuple[QueryFilter, ...]:
    """The filters a page of ``kind`` offers: its properties' first, then its links'."""
    found = [
        QueryFilter(
            name=_filter_name(prop.name, prop.filter),
            type=prop.type,
            description=_FILTER_WORDING[prop.filter.match].format(noun=prop.name.replace("_", " ")),
            property=prop,
            match=prop.filter.match,
        )
        for prop in kind.properties
        if prop.filter is not None
    ]
    for rel in RELATIONSHIP_TYPES:
        for link_filter in rel.filters:
            hop = rel.outgoing if link_filter.on_start else rel.incoming
            if hop.near == kind:
                found.append(
                    QueryFilter(
                        name=link_filter.name,
                        type=str,
                        description=link_filter.description,
                        hop=hop,
                    )
                )
    return tuple(found)


@dataclass(frozen=True)
class SortOption:
    """One way to order a kind's pages: ``NAME_ASC`` orders by ``name``, ascending."""

    name: str
    key: str
    missing: Any
    descending: bool = False


@cache
def sorts_of(kind: NodeKind[Any]) -> tuple[SortOption, ...]:
    """The sort options of a kind's pages, the default (the first) first."""
    return tuple(
        SortOption(
            name=f"{prop.sort.stem or prop.name.upper()}_{direction}",
            key=prop.key,
            missing=prop.sort.missing,
            descending=direction == "DESC",
        )
        for prop in kind.properties
        if prop.sort is not None
        for direction in prop.sort.directions
    )


_FILTER_WORDING = {
    Match.EXACT: "Exactly this {noun}.",
    Match.EXACT_ANY_CASE: "Exact {noun}, any case.",
    Match.CONTAINS_ANY_CASE: "Part of the {noun}, any case.",
}


def _filter_name(name: str, spec: Filter) -> str:
    camel = name.split("_")[0] + "".join(part.title() for part in name.split("_")[1:])
    return f"{camel}Contains" if spec.match is Match.CONTAINS_ANY_CASE else camel


@cache
def _relationship_properties(rel: RelationshipType) -> tuple[Property, ...]:
    if isinstance(rel, RelationshipKind):
        return properties_of(rel.record, exclude=frozenset({rel.start_field, rel.end_field}))
    assert isinstance(rel, Link)
    own = (
        properties_of(rel.record, exclude=frozenset({rel.target_field or ""})) if rel.record else ()
    )
    return own + properties_of(Record)


_BY_NAME: dict[str, Kind[Any]] = {kind.name: kind for kind in KINDS}
_BY_LABEL: dict[str, NodeKind[Any]] = {kind.label: kind for kind in NODES}
_BY_TYPE: dict[str, RelationshipType] = {rel.type: rel for rel in RELATIONSHIP_TYPES}


def _check(kinds: tuple[Kind[Any], ...], links: tuple[Link, ...]) -> None:
    """Refuse a model that names fields or kinds it does not have, when it is imported."""
    names = {kind.name: kind for kind in kinds}
    for kind in kinds:
        for prop in properties_of(kind.record):
            if prop.ref is not None and not isinstance(names.get(prop.ref), NodeKind):
                raise TypeError(f"{kind.name}.{prop.name} names {prop.ref!r}, not a node kind")
        if isinstance(kind, RelationshipKind):
            for end in (kind.start_field, kind.end_field):
                if end not in kind.record.model_fields:
                    raise TypeError(f"{kind.name} has no field {end!r} for an end of {kind.type}")
    for link in links:
        if link.field not in link.start.links:
            raise TypeError(f"{link.type}: {link.start.name} does not list {link.field!r}")


_check(KINDS, LINKS)
