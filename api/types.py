"""The GraphQL types of the knowledge graph, resolved through the request's DataLoaders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from statistics import fmean
from typing import Annotated, Any, ClassVar, Union

import strawberry
from strawberry.types import Info

from api.modelled import RECORD_TYPES, record_type
from graph.model import (
    CrimeCategory,
    Delivery,
    ForceKind,
    Hop,
    Market,
    PilotStatus,
    Stage,
    Strength,
    VolumeMeasure,
)
from graph.model.kinds import (
    ASSESSMENTS,
    CAPABILITIES,
    CONTRACTS,
    CRIME_NEEDS,
    CRIME_TYPES,
    CRIME_VOLUMES,
    DELIVERED_BY,
    DEPENDENCIES,
    FORCE_SUPPLIERS,
    FORCES,
    IN_AREA,
    MEASURED,
    OFFERINGS,
    PILOTS,
    REGIONAL_UNITS,
    RUN_BY,
    SERVES,
    SOURCES,
    SUPPLIERS,
    TARGETS,
    TRIALS,
    UNIT_ASSESSMENTS,
    UNIT_CONTRACTS,
    VOLUME_OF,
    WORKFORCE,
    WORKFORCE_OF,
)

__all__ = [
    "HELD_VALUES",
    "Benefit",
    "Capability",
    "CapabilityHolding",
    "Contract",
    "CrimeCategory",
    "CrimeType",
    "CrimeVolume",
    "Delivery",
    "Force",
    "ForceCapability",
    "ForceKind",
    "HoldingStats",
    "Market",
    "Observation",
    "Offering",
    "Pilot",
    "PilotStatus",
    "RegionalUnit",
    "Source",
    "Stage",
    "StageSummary",
    "Strength",
    "Supplier",
    "VolumeMeasure",
    "Workforce",
]

Row = dict[str, Any]

strawberry.enum(Stage, description="The three stages of digital policing.")
strawberry.enum(ForceKind, description="Territorial (the 43), national or special.")
strawberry.enum(CrimeCategory, description="How a crime depends on computers.")
strawberry.enum(PilotStatus, description="Where a pilot stands.")
strawberry.enum(
    Delivery, description="Who delivers a capability: each force, the region, or one body."
)
strawberry.enum(Market, description="Whether suppliers can serve a capability.")
strawberry.enum(Strength, description="HARD: cannot work without it; SOFT: degraded without it.")
strawberry.enum(
    VolumeMeasure,
    description="How a crime volume was counted: a survey estimate or a police-recorded count.",
)


FOLLOWS = "diikg.follows"
"""Field metadata: the hop a field's records lie across, and whether it gives one or a list."""
HOLDS = "diikg.holds"
"""Field metadata: the hop of a field's holdings, and the name of the holding's other end."""
LEVELS = "diikg.levels"
"""Field metadata: the hop whose newest observation per node a field aggregates."""
PAIRS = "diikg.pairs"
"""Field metadata: the hop of a field's objects, one per (node, relationship), and their maker."""
STAGES = "diikg.stages"
"""Field metadata: the hop of the holdings a field sums up per stage."""


def follows(
    hop: Hop, *, one: bool = False, order: Callable[[Row], Any] | None = None
) -> dict[str, Any]:
    """Metadata of a field giving the records one ``hop`` away (``one``: the first or null).

    ``order`` is the sort key the field puts the nodes in (else: name order).
    ``api.compiler`` reads it to compile the field into the request's one Cypher read.
    """
    return {FOLLOWS: (hop, one, order)}


def _newest_year(node: Row) -> int:
    return -int(node["year"])


def _volume_order(node: Row) -> tuple[int, str, str]:
    return (-int(node["year"]), node["measure"], node["id"])


def holds(hop: Hop, subject: str) -> dict[str, Any]:
    """Metadata of a field giving holdings across ``hop``, whose other end is ``subject``."""
    return {HOLDS: (hop, subject)}


def levels(hop: Hop) -> dict[str, Any]:
    """Metadata of a field aggregating each node's newest observation across ``hop``."""
    return {LEVELS: hop}


def pairs(
    hop: Hop,
    make: Callable[[Any, Row], Any],
    *,
    relationship: tuple[str, ...],
    subject: str | None = None,
) -> dict[str, Any]:
    """Metadata of a field giving ``make(node, relationship)`` per pair across ``hop``.

    ``relationship`` names the properties ``make`` reads; ``subject`` the object's
    field that holds the node as a record (``make`` is then given the record), if any.
    """
    return {PAIRS: (hop, make, relationship, subject)}


def stages(hop: Hop) -> dict[str, Any]:
    """Metadata of a field summing up, per stage, the holdings across ``hop``."""
    return {STAGES: hop}


def stage_summaries(rows: list[tuple[Row, list[Row]]]) -> list[StageSummary]:
    """Per stage, in order, the summary of holdings ``(capability, observations)``."""
    return [
        StageSummary.of(stage, [rels[0] for node, rels in rows if node["stage"] == stage])
        for stage in Stage
    ]


def _gap(rel: Row) -> int:
    return max(int(rel["target"]) - int(rel["maturity"]), 0)


async def _linked(info: Info, hop: Hop, key: str) -> list[tuple[Row, Row]]:
    rows: list[tuple[Row, Row]] = await info.context.loaders.link(hop).load(key)
    return rows


async def _holdings(
    info: Info, hop: Hop, key: str, as_of: dt.date | None
) -> list[tuple[Row, list[Row]]]:
    """Each node across ``hop`` with its observations on or before ``as_of``, newest first.

    Nodes with no observation by then are left out; the first observation is the holding.
    """
    by_node: dict[str, tuple[Row, list[Row]]] = {}
    for node, rel in await _linked(info, hop, key):
        if as_of is None or rel["assessedOn"] <= as_of:
            by_node.setdefault(node["id"], (node, []))[1].append(rel)
    return list(by_node.values())


@strawberry.type(description="A public source that facts cite.")
@record_type(SOURCES, sourced=False)
class Source:
    from_row: ClassVar[Callable[[Row], Source]]


@strawberry.interface(
    description="Where a fact comes from, and whether it was made up for demonstration."
)
class Sourced:
    source_id: strawberry.ID
    illustrative: bool

    @strawberry.field(description="The source this fact cites.")
    async def source(self, info: Info) -> Source | None:
        row = await info.context.loaders.nodes[SOURCES].load(str(self.source_id))
        return None if row is None else Source.from_row(row)


@strawberry.type(description="A police force or law-enforcement body.")
@record_type(FORCES)
class Force(Sourced):
    from_row: ClassVar[Callable[[Row], Force]]
    id: strawberry.ID

    @strawberry.field(
        description=(
            "Capabilities it is assessed on (its own; regional ones are its unit's, national "
            "ones the delivering body's), optionally of one stage, as of a day (default: latest)."
        ),
        metadata=holds(ASSESSMENTS.outgoing, "capability"),
    )
    async def capabilities(
        self, info: Info, stage: Stage | None = None, as_of: dt.date | None = None
    ) -> list[ForceCapability]:
        rows = await _holdings(info, ASSESSMENTS.outgoing, self.id, as_of)
        return [
            ForceCapability.from_rows(node, rels)
            for node, rels in rows
            if stage is None or node["stage"] == stage
        ]

    @strawberry.field(
        description="Per stage: capabilities assessed, mean maturity, gaps (latest).",
        metadata=stages(ASSESSMENTS.outgoing),
    )
    async def stage_summary(self, info: Info) -> list[StageSummary]:
        return stage_summaries(await _holdings(info, ASSESSMENTS.outgoing, self.id, None))

    @strawberry.field(
        description="The Regional Organised Crime Unit that serves it, if any.",
        metadata=follows(SERVES.incoming, one=True),
    )
    async def regional_unit(self, info: Info) -> RegionalUnit | None:
        rows = await _linked(info, SERVES.incoming, self.id)
        return RegionalUnit.from_row(rows[0][0]) if rows else None

    @strawberry.field(description="Pilots it runs or ran.", metadata=follows(RUN_BY.incoming))
    async def pilots(self, info: Info) -> list[Pilot]:
        return [Pilot.from_row(node) for node, _ in await _linked(info, RUN_BY.incoming, self.id)]

    @strawberry.field(
        description="Suppliers it uses, for any capability.",
        metadata=follows(FORCE_SUPPLIERS.outgoing),
    )
    async def suppliers(self, info: Info) -> list[Supplier]:
        return [
            Supplier.from_row(node)
            for node, _ in await _linked(info, FORCE_SUPPLIERS.outgoing, self.id)
        ]

    @strawberry.field(description="Published contracts it awarded, newest first.")
    async def contracts(self, info: Info) -> list[Contract]:
        rows = await _linked(info, CONTRACTS.incoming, self.id)
        return Contract.newest_first((Supplier.from_row(node), rel, self.id) for node, rel in rows)

    @strawberry.field(
        description="Its size, year by year (newest first), where imported.",
        metadata=follows(WORKFORCE_OF.incoming, order=_newest_year),
    )
    async def workforce(self, info: Info) -> list[Workforce]:
        rows = await _linked(info, WORKFORCE_OF.incoming, self.id)
        ordered = sorted((node for node, _ in rows), key=_newest_year)
        return [Workforce.from_row(node) for node in ordered]


@strawberry.type(description="How many people a force employed on 31 March of a year (FTE).")
@record_type(WORKFORCE)
class Workforce(Sourced):
    from_row: ClassVar[Callable[[Row], Workforce]]
    id: strawberry.ID


@strawberry.type(
    description="A contract a force, national body or regional unit awarded, as published."
)
class Contract(Sourced):
    supplier: Supplier
    buyer_id: strawberry.ID = strawberry.field(description="The force, body or unit that bought.")
    contract: str = strawberry.field(description="Its OCDS ocid and award id (ocid/award).")
    title: str
    capability_ids: list[strawberry.ID] = strawberry.field(
        description="The capabilities it serves, by the reviewed mapping."
    )
    value: float | None
    currency: str | None
    awarded_on: dt.date | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    notice_url: str | None = strawberry.field(description="The published notice of the award.")

    @classmethod
    def newest_first(cls, rows: Iterable[tuple[Supplier, Row, str]]) -> list[Contract]:
        """Contracts from (supplier, relationship, buyer id), newest award first."""
        found = [
            cls(
                supplier=supplier,
                buyer_id=strawberry.ID(buyer),
                contract=rel["contract"],
                title=rel["title"],
                capability_ids=[strawberry.ID(c) for c in rel["capabilities"]],
                value=rel.get("value"),
                currency=rel.get("currency"),
                awarded_on=rel.get("awardedOn"),
                starts_on=rel.get("startsOn"),
                ends_on=rel.get("endsOn"),
                notice_url=rel.get("noticeUrl"),
                source_id=rel["source"],
                illustrative=rel["illustrative"],
            )
            for supplier, rel, buyer in rows
        ]
        return sorted(found, key=lambda c: (c.awarded_on or dt.date.min, c.contract), reverse=True)


@strawberry.type(description="Something a force can do digitally, in one stage.")
@record_type(CAPABILITIES)
class Capability(Sourced):
    from_row: ClassVar[Callable[[Row], Capability]]
    id: strawberry.ID

    @strawberry.field(
        description="Capabilities this one needs in order to work.",
        metadata=follows(DEPENDENCIES.outgoing),
    )
    async def depends_on(self, info: Info) -> list[Capability]:
        rows = await _linked(info, DEPENDENCIES.outgoing, self.id)
        return [Capability.from_row(node) for node, _ in rows]

    @strawberry.field(
        description="Capabilities that need this one.", metadata=follows(DEPENDENCIES.incoming)
    )
    async def dependents(self, info: Info) -> list[Capability]:
        rows = await _linked(info, DEPENDENCIES.incoming, self.id)
        return [Capability.from_row(node) for node, _ in rows]

    @strawberry.field(
        description="Dependencies on other capabilities, with the reason for each.",
        metadata=pairs(
            DEPENDENCIES.outgoing,
            lambda capability, rel: Dependency.of(capability, rel),
            relationship=("reason", "strength"),
            subject="capability",
        ),
    )
    async def dependencies(self, info: Info) -> list[Dependency]:
        rows = await _linked(info, DEPENDENCIES.outgoing, self.id)
        return [Dependency.of(Capability.from_row(node), rel) for node, rel in rows]

    @strawberry.field(description="Suppliers that offer it.", metadata=follows(OFFERINGS.incoming))
    async def suppliers(self, info: Info) -> list[Supplier]:
        rows = await _linked(info, OFFERINGS.incoming, self.id)
        return [Supplier.from_row(node) for node, _ in rows]

    @strawberry.field(
        description="Crime types that need it.", metadata=follows(CRIME_NEEDS.incoming)
    )
    async def crime_types(self, info: Info) -> list[CrimeType]:
        rows = await _linked(info, CRIME_NEEDS.incoming, self.id)
        return [CrimeType.from_row(node) for node, _ in rows]

    @strawberry.field(description="Pilots that trial it.", metadata=follows(TRIALS.incoming))
    async def pilots(self, info: Info) -> list[Pilot]:
        rows = await _linked(info, TRIALS.incoming, self.id)
        return [Pilot.from_row(node) for node, _ in rows]

    @strawberry.field(
        description=(
            "Forces and national bodies assessed on it (regional ones: see `unitHoldings`), "
            "as of a day (default: latest); `belowTarget: true` keeps those short of target."
        ),
        metadata=holds(ASSESSMENTS.incoming, "force"),
    )
    async def holdings(
        self, info: Info, below_target: bool | None = None, as_of: dt.date | None = None
    ) -> list[CapabilityHolding]:
        rows = await _holdings(info, ASSESSMENTS.incoming, self.id, as_of)
        holdings = [CapabilityHolding.from_rows(node, rels) for node, rels in rows]
        if below_target is None:
            return holdings
        return [h for h in holdings if (h.gap > 0) == below_target]

    @strawberry.field(
        description="Regional units assessed on it, as of a day (default: latest).",
        metadata=holds(UNIT_ASSESSMENTS.incoming, "unit"),
    )
    async def unit_holdings(self, info: Info, as_of: dt.date | None = None) -> list[UnitHolding]:
        rows = await _holdings(info, UNIT_ASSESSMENTS.incoming, self.id, as_of)
        return [UnitHolding.from_rows(node, rels) for node, rels in rows]

    @strawberry.field(
        description="How many forces hold it, and their maturity: mean, lowest, highest.",
        metadata=levels(ASSESSMENTS.incoming),
    )
    async def holding_stats(self, info: Info) -> HoldingStats:
        rows: list[tuple[Row, Row]] = await info.context.loaders.holding_levels.load(self.id)
        return HoldingStats.of([rel for _, rel in rows])


@strawberry.type(description="One dependency: the capability depended on, why, and how hard.")
class Dependency:
    capability: Capability
    reason: str
    strength: Strength

    @classmethod
    def of(cls, capability: Capability, rel: Row) -> Dependency:
        return cls(capability=capability, reason=rel["reason"], strength=Strength(rel["strength"]))


@strawberry.type(
    description="One dated observation of a maturity against a target, with its source."
)
class Observation:
    maturity: int = strawberry.field(description="0 (none) to 5 (leading).")
    target: int = strawberry.field(description="The maturity aimed for, 0 to 5.")
    gap: int = strawberry.field(description="max(target - maturity, 0).")
    assessed_on: dt.date
    source_id: strawberry.ID
    illustrative: bool = strawberry.field(description="Whether the values were made up.")

    @classmethod
    def of(cls, rel: Row) -> Observation:
        return cls(
            maturity=rel["maturity"],
            target=rel["target"],
            gap=_gap(rel),
            assessed_on=rel["assessedOn"],
            source_id=strawberry.ID(rel["source"]),
            illustrative=rel["illustrative"],
        )


@strawberry.type(description="A holding: the latest observation, and every one before it.")
class Held:
    maturity: int = strawberry.field(description="0 (none) to 5 (leading).")
    target: int = strawberry.field(description="The maturity aimed for, 0 to 5.")
    gap: int = strawberry.field(description="max(target - maturity, 0).")
    assessed_on: dt.date | None
    source_id: strawberry.ID
    illustrative: bool = strawberry.field(description="Whether the values were made up.")
    history: list[Observation] = strawberry.field(
        description="Every observation up to the holding's day, newest first."
    )

    @strawberry.field(description="The source the holding's observation cites.")
    async def source(self, info: Info) -> Source | None:
        row = await info.context.loaders.nodes[SOURCES].load(str(self.source_id))
        return None if row is None else Source.from_row(row)

    @staticmethod
    def fields(rels: list[Row]) -> dict[str, Any]:
        """The holding's fields from its observations, newest first (``HELD_VALUES``)."""
        return {name: value(rels) for name, value in HELD_VALUES.items()}


HELD_VALUES: dict[str, Callable[[list[Row]], Any]] = {
    "maturity": lambda rels: rels[0]["maturity"],
    "target": lambda rels: rels[0]["target"],
    "gap": lambda rels: _gap(rels[0]),
    "assessed_on": lambda rels: rels[0].get("assessedOn"),
    "source_id": lambda rels: strawberry.ID(rels[0]["source"]),
    "illustrative": lambda rels: rels[0]["illustrative"],
    "history": lambda rels: [Observation.of(rel) for rel in rels],
}
"""Each field of a holding (``Held``) from its observations, newest first."""


@strawberry.type(
    description="A force's, national body's or regional unit's holding of one capability."
)
class ForceCapability(Held):
    capability: Capability

    @classmethod
    def from_rows(cls, capability: Row, rels: list[Row]) -> ForceCapability:
        return cls(capability=Capability.from_row(capability), **Held.fields(rels))


@strawberry.type(description="A force or national body holding a capability.")
class CapabilityHolding(Held):
    force: Force

    @classmethod
    def from_rows(cls, force: Row, rels: list[Row]) -> CapabilityHolding:
        return cls(force=Force.from_row(force), **Held.fields(rels))


@strawberry.type(description="A regional unit holding a regional capability.")
class UnitHolding(Held):
    unit: RegionalUnit

    @classmethod
    def from_rows(cls, unit: Row, rels: list[Row]) -> UnitHolding:
        return cls(unit=RegionalUnit.from_row(unit), **Held.fields(rels))


@strawberry.type(description="A Regional Organised Crime Unit and the forces it serves.")
@record_type(REGIONAL_UNITS)
class RegionalUnit(Sourced):
    from_row: ClassVar[Callable[[Row], RegionalUnit]]
    id: strawberry.ID

    @strawberry.field(description="The forces it serves.", metadata=follows(SERVES.outgoing))
    async def forces(self, info: Info) -> list[Force]:
        return [Force.from_row(node) for node, _ in await _linked(info, SERVES.outgoing, self.id)]

    @strawberry.field(
        description="Regional capabilities it is assessed on, as of a day.",
        metadata=holds(UNIT_ASSESSMENTS.outgoing, "capability"),
    )
    async def capabilities(self, info: Info, as_of: dt.date | None = None) -> list[ForceCapability]:
        rows = await _holdings(info, UNIT_ASSESSMENTS.outgoing, self.id, as_of)
        return [ForceCapability.from_rows(node, rels) for node, rels in rows]


@strawberry.type(description="Maturity of the forces assessed on a capability.")
class HoldingStats:
    forces_assessed: int
    forces_holding: int = strawberry.field(description="Forces at maturity 1 or more.")
    forces_below_target: int
    mean_maturity: float | None
    min_maturity: int | None
    max_maturity: int | None
    total_gap: int

    @classmethod
    def of(cls, rels: list[Row]) -> HoldingStats:
        """The stats of the forces' newest assessments (relationship properties)."""
        return cls.of_levels([(int(rel["maturity"]), int(rel["target"])) for rel in rels])

    @classmethod
    def of_levels(cls, levels: Sequence[Sequence[int]]) -> HoldingStats:
        """The stats of the forces' newest assessments, as ``(maturity, target)`` pairs."""
        maturities = [maturity for maturity, _ in levels]
        gaps = [target - maturity for maturity, target in levels if target > maturity]
        return cls(
            forces_assessed=len(maturities),
            forces_holding=sum(1 for level in maturities if level >= 1),
            forces_below_target=len(gaps),
            mean_maturity=round(fmean(maturities), 3) if maturities else None,
            min_maturity=min(maturities, default=None),
            max_maturity=max(maturities, default=None),
            total_gap=sum(gaps),
        )


@strawberry.type(description="A force's capabilities in one stage.")
class StageSummary:
    stage: Stage
    capabilities: int
    mean_maturity: float | None
    below_target: int
    total_gap: int

    @classmethod
    def of(cls, stage: Stage, rels: list[Row]) -> StageSummary:
        levels = [int(rel["maturity"]) for rel in rels]
        return cls(
            stage=stage,
            capabilities=len(rels),
            mean_maturity=round(fmean(levels), 3) if levels else None,
            below_target=sum(1 for rel in rels if _gap(rel) > 0),
            total_gap=sum(_gap(rel) for rel in rels),
        )


@strawberry.type(description="An organisation that offers capabilities to forces.")
@record_type(SUPPLIERS)
class Supplier(Sourced):
    from_row: ClassVar[Callable[[Row], Supplier]]
    id: strawberry.ID

    @strawberry.field(description="Capabilities it offers.", metadata=follows(OFFERINGS.outgoing))
    async def offers(self, info: Info) -> list[Capability]:
        rows = await _linked(info, OFFERINGS.outgoing, self.id)
        return [Capability.from_row(node) for node, _ in rows]

    @strawberry.field(
        description="What it offers, product by product.",
        metadata=pairs(
            OFFERINGS.outgoing,
            lambda capability, rel: Offering.of(capability, rel),
            relationship=("product",),
            subject="capability",
        ),
    )
    async def offerings(self, info: Info) -> list[Offering]:
        rows = await _linked(info, OFFERINGS.outgoing, self.id)
        return [Offering.of(Capability.from_row(node), rel) for node, rel in rows]

    @strawberry.field(description="Pilots it delivers.", metadata=follows(DELIVERED_BY.incoming))
    async def pilots(self, info: Info) -> list[Pilot]:
        rows = await _linked(info, DELIVERED_BY.incoming, self.id)
        return [Pilot.from_row(node) for node, _ in rows]

    @strawberry.field(
        description="Forces that use it, for any capability.",
        metadata=follows(FORCE_SUPPLIERS.incoming),
    )
    async def forces(self, info: Info) -> list[Force]:
        rows = await _linked(info, FORCE_SUPPLIERS.incoming, self.id)
        return [Force.from_row(node) for node, _ in rows]

    @strawberry.field(description="Published contracts it was awarded, newest first.")
    async def contracts(self, info: Info) -> list[Contract]:
        rows = [
            (self, rel, buyer["id"])
            for hop in (CONTRACTS.outgoing, UNIT_CONTRACTS.outgoing)
            for buyer, rel in await _linked(info, hop, self.id)
        ]
        return Contract.newest_first(rows)


@strawberry.type(description="A product a supplier offers for a capability.")
class Offering:
    capability: Capability
    product: str

    @classmethod
    def of(cls, capability: Capability, rel: Row) -> Offering:
        return cls(capability=capability, product=rel["product"])


@strawberry.type(description="A kind of crime, with its volumes by measure, year and area.")
@record_type(CRIME_TYPES)
class CrimeType(Sourced):
    from_row: ClassVar[Callable[[Row], CrimeType]]
    id: strawberry.ID

    @strawberry.field(
        description=(
            "The latest England and Wales figure of one measure (survey estimates by default); "
            "null when there is none. Measures are never added together."
        )
    )
    async def annual_volume(
        self, info: Info, measure: VolumeMeasure = VolumeMeasure.SURVEY_ESTIMATE
    ) -> int | None:
        figures = [
            node
            for node, _ in await _linked(info, VOLUME_OF.incoming, self.id)
            if node["measure"] == measure and not await _area_of(info, node["id"])
        ]
        latest = max(figures, key=lambda node: node["year"], default=None)
        return None if latest is None else int(latest["value"])

    @strawberry.field(
        description="Every volume figure, newest year first.",
        metadata=follows(VOLUME_OF.incoming, order=_volume_order),
    )
    async def volumes(self, info: Info) -> list[CrimeVolume]:
        rows = await _linked(info, VOLUME_OF.incoming, self.id)
        ordered = sorted((node for node, _ in rows), key=_volume_order)
        return [CrimeVolume.from_row(node) for node in ordered]

    @strawberry.field(
        description="Capabilities it needs, optionally of one stage.",
        metadata=follows(CRIME_NEEDS.outgoing),
    )
    async def capabilities(self, info: Info, stage: Stage | None = None) -> list[Capability]:
        rows = await _linked(info, CRIME_NEEDS.outgoing, self.id)
        return [
            Capability.from_row(node) for node, _ in rows if stage is None or node["stage"] == stage
        ]

    @strawberry.field(description="Pilots that target it.", metadata=follows(TARGETS.incoming))
    async def pilots(self, info: Info) -> list[Pilot]:
        rows = await _linked(info, TARGETS.incoming, self.id)
        return [Pilot.from_row(node) for node, _ in rows]


async def _area_of(info: Info, volume_id: str) -> list[tuple[Row, Row]]:
    return await _linked(info, IN_AREA.outgoing, volume_id)


@strawberry.type(
    description="How many offences one measure counted for a crime type in one year and area."
)
@record_type(CRIME_VOLUMES)
class CrimeVolume(Sourced):
    from_row: ClassVar[Callable[[Row], CrimeVolume]]
    id: strawberry.ID

    @strawberry.field(
        description="The crime type counted.", metadata=follows(VOLUME_OF.outgoing, one=True)
    )
    async def crime_type(self, info: Info) -> CrimeType:
        [(node, _)] = await _linked(info, VOLUME_OF.outgoing, self.id)
        return CrimeType.from_row(node)

    @strawberry.field(
        description="The force area counted; null for England and Wales.",
        metadata=follows(IN_AREA.outgoing, one=True),
    )
    async def area(self, info: Info) -> Force | None:
        rows = await _area_of(info, self.id)
        return Force.from_row(rows[0][0]) if rows else None


@strawberry.type(description="A pilot's result on a shared metric.")
class Benefit:
    metric: str = strawberry.field(description="The metric's id, e.g. days-to-first-examination.")
    metric_name: str
    unit: str
    higher_is_better: bool
    baseline: float
    result: float
    improved: bool = strawberry.field(
        description="Whether the result beat the baseline in the metric's direction."
    )
    relative_improvement: float | None = strawberry.field(
        description=(
            "(result - baseline) / baseline, sign-flipped where lower is better; "
            "null when the baseline is 0."
        )
    )

    @classmethod
    def from_rows(cls, metric: Row, rel: Row) -> Benefit:
        baseline, result = float(rel["baseline"]), float(rel["result"])
        direction = 1 if metric["higherIsBetter"] else -1
        change = (
            None if baseline == 0 else round(direction * (result - baseline) / abs(baseline), 6)
        )
        return cls(
            metric=metric["id"],
            metric_name=metric["name"],
            unit=metric["unit"],
            higher_is_better=metric["higherIsBetter"],
            baseline=baseline,
            result=result,
            improved=direction * (result - baseline) > 0,
            relative_improvement=change,
        )


@strawberry.type(
    description="A trial of capabilities by one or more forces, with measured benefits."
)
@record_type(PILOTS)
class Pilot(Sourced):
    from_row: ClassVar[Callable[[Row], Pilot]]
    id: strawberry.ID

    @strawberry.field(description="Forces that run it.", metadata=follows(RUN_BY.outgoing))
    async def forces(self, info: Info) -> list[Force]:
        return [Force.from_row(node) for node, _ in await _linked(info, RUN_BY.outgoing, self.id)]

    @strawberry.field(description="Capabilities it trials.", metadata=follows(TRIALS.outgoing))
    async def capabilities(self, info: Info) -> list[Capability]:
        rows = await _linked(info, TRIALS.outgoing, self.id)
        return [Capability.from_row(node) for node, _ in rows]

    @strawberry.field(
        description="The supplier delivering it, if any.",
        metadata=follows(DELIVERED_BY.outgoing, one=True),
    )
    async def supplier(self, info: Info) -> Supplier | None:
        rows = await _linked(info, DELIVERED_BY.outgoing, self.id)
        return Supplier.from_row(rows[0][0]) if rows else None

    @strawberry.field(description="Crime types it targets.", metadata=follows(TARGETS.outgoing))
    async def crime_types(self, info: Info) -> list[CrimeType]:
        rows = await _linked(info, TARGETS.outgoing, self.id)
        return [CrimeType.from_row(node) for node, _ in rows]

    @strawberry.field(
        description="Its results on the shared metrics.",
        metadata=pairs(
            MEASURED.outgoing,
            Benefit.from_rows,
            relationship=("baseline", "result"),
        ),
    )
    async def benefits(self, info: Info) -> list[Benefit]:
        rows = await _linked(info, MEASURED.outgoing, self.id)
        return [Benefit.from_rows(node, rel) for node, rel in rows]


SearchResult: Any = Annotated[
    Union[  # noqa: UP007 (a union of the types made above, built from the model)
        tuple(
            cls
            for kind, cls in RECORD_TYPES.items()
            if any(prop.searched for prop in kind.properties)
        )
    ],
    strawberry.union("SearchResult", description="Anything search can find."),
]
"""Every record type whose kind has searched properties."""
