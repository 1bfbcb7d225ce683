"""The GraphQL types of the knowledge graph, resolved through the request's DataLoaders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from statistics import fmean
from typing import Annotated, Any, ClassVar, Union

import strawberry
from strawberry.types import Info

from api.modelled import RECORD_TYPES, record_type
from graph.model import CrimeCategory, ForceKind, Hop, PilotStatus, Stage
from graph.model.kinds import (
    ASSESSMENTS,
    CAPABILITIES,
    CRIME_NEEDS,
    CRIME_TYPES,
    DELIVERED_BY,
    DEPENDENCIES,
    FORCE_SUPPLIERS,
    FORCES,
    MEASURED,
    OFFERINGS,
    PILOTS,
    RUN_BY,
    SOURCES,
    SUPPLIERS,
    TARGETS,
    TRIALS,
)

__all__ = [
    "Benefit",
    "Capability",
    "CapabilityHolding",
    "CrimeCategory",
    "CrimeType",
    "Force",
    "ForceCapability",
    "ForceKind",
    "HoldingStats",
    "Offering",
    "Pilot",
    "PilotStatus",
    "Source",
    "Stage",
    "StageSummary",
    "Supplier",
]

Row = dict[str, Any]

strawberry.enum(Stage, description="The three stages of digital policing.")
strawberry.enum(ForceKind, description="Territorial (the 43), national or special.")
strawberry.enum(CrimeCategory, description="How a crime depends on computers.")
strawberry.enum(PilotStatus, description="Where a pilot stands.")


def _gap(rel: Row) -> int:
    return max(int(rel["target"]) - int(rel["maturity"]), 0)


async def _linked(info: Info, hop: Hop, key: str) -> list[tuple[Row, Row]]:
    rows: list[tuple[Row, Row]] = await info.context.loaders.link(hop).load(key)
    return rows


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

    @strawberry.field(description="Its assessed capabilities, optionally of one stage.")
    async def capabilities(self, info: Info, stage: Stage | None = None) -> list[ForceCapability]:
        rows = await _linked(info, ASSESSMENTS.outgoing, self.id)
        return [
            ForceCapability.from_rows(node, rel)
            for node, rel in rows
            if stage is None or node["stage"] == stage
        ]

    @strawberry.field(description="Per stage: capabilities assessed, mean maturity, gaps.")
    async def stage_summary(self, info: Info) -> list[StageSummary]:
        rows = await _linked(info, ASSESSMENTS.outgoing, self.id)
        return [
            StageSummary.of(stage, [rel for node, rel in rows if node["stage"] == stage])
            for stage in Stage
        ]

    @strawberry.field(description="Pilots it runs or ran.")
    async def pilots(self, info: Info) -> list[Pilot]:
        return [Pilot.from_row(node) for node, _ in await _linked(info, RUN_BY.incoming, self.id)]

    @strawberry.field(description="Suppliers it uses, for any capability.")
    async def suppliers(self, info: Info) -> list[Supplier]:
        return [
            Supplier.from_row(node)
            for node, _ in await _linked(info, FORCE_SUPPLIERS.outgoing, self.id)
        ]


@strawberry.type(description="Something a force can do digitally, in one stage.")
@record_type(CAPABILITIES)
class Capability(Sourced):
    from_row: ClassVar[Callable[[Row], Capability]]
    id: strawberry.ID

    @strawberry.field(description="Capabilities this one needs in order to work.")
    async def depends_on(self, info: Info) -> list[Capability]:
        rows = await _linked(info, DEPENDENCIES.outgoing, self.id)
        return [Capability.from_row(node) for node, _ in rows]

    @strawberry.field(description="Capabilities that need this one.")
    async def dependents(self, info: Info) -> list[Capability]:
        rows = await _linked(info, DEPENDENCIES.incoming, self.id)
        return [Capability.from_row(node) for node, _ in rows]

    @strawberry.field(description="Dependencies on other capabilities, with the reason for each.")
    async def dependencies(self, info: Info) -> list[Dependency]:
        rows = await _linked(info, DEPENDENCIES.outgoing, self.id)
        return [
            Dependency(capability=Capability.from_row(node), reason=rel["reason"])
            for node, rel in rows
        ]

    @strawberry.field(description="Suppliers that offer it.")
    async def suppliers(self, info: Info) -> list[Supplier]:
        rows = await _linked(info, OFFERINGS.incoming, self.id)
        return [Supplier.from_row(node) for node, _ in rows]

    @strawberry.field(description="Crime types that need it.")
    async def crime_types(self, info: Info) -> list[CrimeType]:
        rows = await _linked(info, CRIME_NEEDS.incoming, self.id)
        return [CrimeType.from_row(node) for node, _ in rows]

    @strawberry.field(description="Pilots that trial it.")
    async def pilots(self, info: Info) -> list[Pilot]:
        rows = await _linked(info, TRIALS.incoming, self.id)
        return [Pilot.from_row(node) for node, _ in rows]

    @strawberry.field(
        description="Forces assessed on it; `belowTarget: true` keeps those short of target."
    )
    async def holdings(
        self, info: Info, below_target: bool | None = None
    ) -> list[CapabilityHolding]:
        rows = await _linked(info, ASSESSMENTS.incoming, self.id)
        holdings = [CapabilityHolding.from_rows(node, rel) for node, rel in rows]
        if below_target is None:
            return holdings
        return [h for h in holdings if (h.gap > 0) == below_target]

    @strawberry.field(
        description="How many forces hold it, and their maturity: mean, lowest, highest."
    )
    async def holding_stats(self, info: Info) -> HoldingStats:
        rows: list[tuple[Row, Row]] = await info.context.loaders.holding_levels.load(self.id)
        return HoldingStats.of([rel for _, rel in rows])


@strawberry.type(description="One dependency: the capability depended on, and why.")
class Dependency:
    capability: Capability
    reason: str


@strawberry.type(description="A force's assessment on one capability.")
class ForceCapability:
    capability: Capability
    maturity: int = strawberry.field(description="0 (none) to 5 (leading).")
    target: int = strawberry.field(description="The maturity the force aims for, 0 to 5.")
    gap: int = strawberry.field(description="max(target - maturity, 0).")
    assessed_on: dt.date | None

    @classmethod
    def from_rows(cls, capability: Row, rel: Row) -> ForceCapability:
        return cls(
            capability=Capability.from_row(capability),
            maturity=rel["maturity"],
            target=rel["target"],
            gap=_gap(rel),
            assessed_on=rel.get("assessedOn"),
        )


@strawberry.type(description="A force holding a capability, with its assessment.")
class CapabilityHolding:
    force: Force
    maturity: int
    target: int
    gap: int
    assessed_on: dt.date | None

    @classmethod
    def from_rows(cls, force: Row, rel: Row) -> CapabilityHolding:
        return cls(
            force=Force.from_row(force),
            maturity=rel["maturity"],
            target=rel["target"],
            gap=_gap(rel),
            assessed_on=rel.get("assessedOn"),
        )


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
        levels = [int(rel["maturity"]) for rel in rels]
        return cls(
            forces_assessed=len(rels),
            forces_holding=sum(1 for level in levels if level >= 1),
            forces_below_target=sum(1 for rel in rels if _gap(rel) > 0),
            mean_maturity=round(fmean(levels), 3) if levels else None,
            min_maturity=min(levels, default=None),
            max_maturity=max(levels, default=None),
            total_gap=sum(_gap(rel) for rel in rels),
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

    @strawberry.field(description="Capabilities it offers.")
    async def offers(self, info: Info) -> list[Capability]:
        rows = await _linked(info, OFFERINGS.outgoing, self.id)
        return [Capability.from_row(node) for node, _ in rows]

    @strawberry.field(description="What it offers, product by product.")
    async def offerings(self, info: Info) -> list[Offering]:
        rows = await _linked(info, OFFERINGS.outgoing, self.id)
        return [
            Offering(capability=Capability.from_row(node), product=rel["product"])
            for node, rel in rows
        ]

    @strawberry.field(description="Pilots it delivers.")
    async def pilots(self, info: Info) -> list[Pilot]:
        rows = await _linked(info, DELIVERED_BY.incoming, self.id)
        return [Pilot.from_row(node) for node, _ in rows]

    @strawberry.field(description="Forces that use it, for any capability.")
    async def forces(self, info: Info) -> list[Force]:
        rows = await _linked(info, FORCE_SUPPLIERS.incoming, self.id)
        return [Force.from_row(node) for node, _ in rows]


@strawberry.type(description="A product a supplier offers for a capability.")
class Offering:
    capability: Capability
    product: str


@strawberry.type(description="A kind of crime, with its annual volume where a figure exists.")
@record_type(CRIME_TYPES)
class CrimeType(Sourced):
    from_row: ClassVar[Callable[[Row], CrimeType]]
    id: strawberry.ID

    @strawberry.field(description="Capabilities it needs, optionally of one stage.")
    async def capabilities(self, info: Info, stage: Stage | None = None) -> list[Capability]:
        rows = await _linked(info, CRIME_NEEDS.outgoing, self.id)
        return [
            Capability.from_row(node) for node, _ in rows if stage is None or node["stage"] == stage
        ]

    @strawberry.field(description="Pilots that target it.")
    async def pilots(self, info: Info) -> list[Pilot]:
        rows = await _linked(info, TARGETS.incoming, self.id)
        return [Pilot.from_row(node) for node, _ in rows]


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

    @strawberry.field(description="Forces that run it.")
    async def forces(self, info: Info) -> list[Force]:
        return [Force.from_row(node) for node, _ in await _linked(info, RUN_BY.outgoing, self.id)]

    @strawberry.field(description="Capabilities it trials.")
    async def capabilities(self, info: Info) -> list[Capability]:
        rows = await _linked(info, TRIALS.outgoing, self.id)
        return [Capability.from_row(node) for node, _ in rows]

    @strawberry.field(description="The supplier delivering it, if any.")
    async def supplier(self, info: Info) -> Supplier | None:
        rows = await _linked(info, DELIVERED_BY.outgoing, self.id)
        return Supplier.from_row(rows[0][0]) if rows else None

    @strawberry.field(description="Crime types it targets.")
    async def crime_types(self, info: Info) -> list[CrimeType]:
        rows = await _linked(info, TARGETS.outgoing, self.id)
        return [CrimeType.from_row(node) for node, _ in rows]

    @strawberry.field(description="Its results on the shared metrics.")
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
