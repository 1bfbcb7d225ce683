"""Root fields for the analyses: unmet needs, interdependencies, bottlenecks, impact, reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import strawberry
from strawberry.types import Info

from api.connections import page_size
from api.types import Capability, CrimeType, Force, Market, Pilot, Supplier, VolumeMeasure
from graph.analysis.basis import Basis as BasisResult
from graph.analysis.basis import basis
from graph.analysis.changes import maturity_changes
from graph.analysis.criticality import Criticality, criticality
from graph.analysis.impact import BASIS_KINDS as IMPACT_BASIS
from graph.analysis.impact import Impact, Scenario, impact
from graph.analysis.interdependencies import (
    DEFAULT_THRESHOLD,
    Chain,
    ChainStatus,
    chain_statuses,
    chains,
    completeness_by_crime_type,
    completeness_rate,
    stage_matrix,
)
from graph.analysis.interdependencies import StageLink as StageLinkResult
from graph.analysis.pilots import PilotResult, RolloutCandidate, compare_pilots, rollout_candidates
from graph.analysis.report import DependencyReport, dependency_report
from graph.analysis.unmet_needs import UnmetNeed as UnmetNeedResult
from graph.analysis.unmet_needs import unmet_needs
from graph.analysis.views import STAGES, KnowledgeView, view
from graph.analysis.views import ContractNotice as ContractNoticeResult
from graph.model import NodeKind, Stage
from graph.model.kinds import CAPABILITIES, CRIME_TYPES, FORCES, PILOTS, SUPPLIERS
from graph.projection import ProjectionCache
from graph.reports.findings import dependency_findings
from graph.store.database import Database

__all__ = ["AnalysisQuery"]

T = TypeVar("T")
Row = dict[str, Any]


async def _nodes(
    info: Info, kind: NodeKind[Any], ids: list[str], build: Callable[[Row], T]
) -> dict[str, T]:
    """The records of ``kind`` with these ids (one batched query), by id in the order given."""
    rows = await info.context.loaders.nodes[kind].load_many(ids)
    return {node_id: build(row) for node_id, row in zip(ids, rows, strict=True) if row is not None}


@strawberry.input(description="Which data an analysis reads: as of a day, real records only.")
class DataScope:
    as_of: dt.date | None = strawberry.field(
        default=None, description="Read holdings as of this day (default: the latest)."
    )
    include_illustrative: bool = strawberry.field(
        default=True, description="false: leave out every record marked illustrative."
    )
    measure: VolumeMeasure | None = strawberry.field(
        default=None,
        description=(
            "Weight crime by this one measure (measures are never added); null: each crime "
            "type's best, a force's own police-recorded counts where imported, else survey "
            "estimates."
        ),
    )
    real_suppliers_first: bool = strawberry.field(
        default=True,
        description=(
            "Count only suppliers backed by real records (offerings, published contracts) "
            "for a capability that has any; false: illustrative ones too."
        ),
    )


def _kv(db: Database, projections: ProjectionCache, scope: DataScope | None) -> KnowledgeView:
    chosen = scope or DataScope()
    return view(
        projections.get(db).graph,
        as_of=chosen.as_of,
        include_illustrative=chosen.include_illustrative,
        measure=chosen.measure.value if chosen.measure else None,
        real_suppliers_first=chosen.real_suppliers_first,
    )


def _unmet(
    db: Database,
    projections: ProjectionCache,
    f: UnmetNeedFilter,
    scope: DataScope,
    organisational: bool,
) -> list[UnmetNeedResult]:
    return unmet_needs(
        projections.get(db).graph,
        stage=f.stage.value if f.stage else None,
        region=f.region,
        crime_type=f.crime_type_id,
        as_of=scope.as_of,
        include_illustrative=scope.include_illustrative,
        measure=scope.measure.value if scope.measure else None,
        organisational=organisational,
        real_suppliers_first=scope.real_suppliers_first,
    )


@strawberry.input(description="Narrows unmet needs to a stage, a region's forces, or a crime type.")
class UnmetNeedFilter:
    stage: Stage | None = None
    region: str | None = None
    crime_type_id: strawberry.ID | None = None


@strawberry.type(
    description="A capability ranked by unmet need: forces fall short, few suppliers serve."
)
class UnmetNeed:
    capability: Capability
    score: float = strawberry.field(
        description="totalGap x log10(1 + demand) / (1 + supplierCount)."
    )
    forces_below_target: int
    forces_assessed: int
    total_gap: int
    demand: int = strawberry.field(description="Annual volume of the crime types that need it.")
    supplier_count: int
    supplier_ids: strawberry.Private[tuple[str, ...]]
    market: Market | None
    explanation: str
    basis: Basis = strawberry.field(description="The holdings and suppliers the row rests on.")
    contracts: list[ContractNotice] = strawberry.field(
        description="The published contracts behind its suppliers."
    )

    @strawberry.field(description="The suppliers that offer it today.")
    async def suppliers(self, info: Info) -> list[Supplier]:
        found = await _nodes(info, SUPPLIERS, list(self.supplier_ids), Supplier.from_row)
        return list(found.values())


@strawberry.type(description="A published contract by which a supplier serves a capability.")
class ContractNotice:
    supplier_id: strawberry.ID
    buyer_id: strawberry.ID = strawberry.field(description="The force, body or unit that bought.")
    contract: str = strawberry.field(description="Its OCDS ocid and award id.")
    title: str
    notice_url: str | None
    value: float | None
    illustrative: bool

    @classmethod
    def of(cls, notice: ContractNoticeResult) -> ContractNotice:
        return cls(
            supplier_id=strawberry.ID(notice.supplier),
            buyer_id=strawberry.ID(notice.buyer),
            contract=notice.contract,
            title=notice.title,
            notice_url=notice.notice_url,
            value=notice.value,
            illustrative=notice.illustrative,
        )


@strawberry.type(description="The records of one kind a result rests on.")
class KindBasis:
    kind: str = strawberry.field(description="The record kind, e.g. assessments.")
    records: int
    illustrative: int


@strawberry.type(
    description=(
        "What a result rests on: how many input records, how many of them illustrative "
        "(made up for demonstration), which sources."
    )
)
class Basis:
    records: int
    illustrative: int = strawberry.field(description="How many of the records are illustrative.")
    sources: list[strawberry.ID]
    kinds: list[KindBasis]
    excluded: int = strawberry.field(
        description="Illustrative records left out (includeIllustrative: false)."
    )
    summary: str = strawberry.field(
        description='One line, e.g. "1,714 of 1,714 assessments are illustrative."'
    )
    volumes: str | None = strawberry.field(
        description=(
            "How crime was weighted, when volumes count: the measure of each crime type, and "
            "how a force without its own figure was credited."
        )
    )

    @classmethod
    def of(cls, basis: BasisResult) -> Basis:
        return cls(
            records=basis.records,
            illustrative=basis.illustrative,
            sources=[strawberry.ID(s) for s in basis.sources],
            kinds=[
                KindBasis(kind=k.kind, records=k.records, illustrative=k.illustrative)
                for k in basis.kinds
            ],
            excluded=basis.excluded,
            summary=basis.describe(),
            volumes=basis.volumes,
        )


@strawberry.type(description="Dependencies from capabilities of one stage to those of another.")
class StageLink:
    from_stage: Stage
    to_stage: Stage
    count: int


@strawberry.type(
    description="A crime type's chain: what it needs at each stage, and how often it is complete."
)
class CrimeChain:
    crime_type: CrimeType
    public_contact: list[Capability]
    investigation: list[Capability]
    evidence: list[Capability]
    cross_stage_links: int = strawberry.field(
        description="Dependencies between its capabilities of different stages."
    )
    complete_share: float = strawberry.field(
        description="Share of territorial forces whose chain is complete."
    )


@strawberry.type(description="How public contact, investigation and evidence depend on each other.")
class Interdependencies:
    threshold: int
    stage_matrix: list[StageLink]
    chains: list[CrimeChain]
    completeness_rate: float = strawberry.field(
        description="Share of all force and crime type chains that are complete."
    )
    basis: Basis = strawberry.field(description="What the result rests on.")


@strawberry.type(description="How critical a capability is to the others.")
class BottleneckItem:
    capability: Capability
    transitive_dependents: int
    direct_dependents: int
    betweenness: float
    articulation_point: bool


@strawberry.type(description="Bottlenecks of the dependency graph, and facts about its shape.")
class Bottlenecks:
    betweenness_method: str = strawberry.field(
        description="exact, or sampled with its pivots and seed."
    )
    items: list[BottleneckItem]
    longest_chain: list[Capability]
    bridges: list[list[strawberry.ID]]
    warnings: list[str] = strawberry.field(
        description="Dependency cycles, as data-quality warnings."
    )
    basis: Basis = strawberry.field(description="What the result rests on.")


@strawberry.type(description="A crime type whose chains break in a scenario.")
class ImpactedCrimeType:
    crime_type: CrimeType
    annual_volume: int
    forces_affected: int


@strawberry.type(description="A force that loses complete chains in a scenario.")
class ImpactedForce:
    force: Force
    chains_broken: int
    volume_affected: int


@strawberry.type(description="What a what-if scenario takes away, ranked by crime volume affected.")
class ImpactResult:
    scenario: str
    chains_broken: int
    capabilities_lost: list[Capability]
    capabilities_degraded: list[Capability] = strawberry.field(
        description="Still working, worse: they depend soft on something lost."
    )
    crime_types: list[ImpactedCrimeType]
    forces: list[ImpactedForce]
    basis: Basis = strawberry.field(description="What the result rests on.")


@strawberry.type(description="A pilot's relative improvement on one metric (positive is better).")
class MetricImprovement:
    metric: str
    relative_improvement: float


@strawberry.type(description="A pilot compared with others on the shared metrics.")
class PilotResultItem:
    pilot: Pilot
    mean_improvement: float | None
    successful: bool
    improvements: list[MetricImprovement]


@strawberry.type(
    description="A force below target on a capability that a successful pilot improved."
)
class RolloutItem:
    force: Force
    capability: Capability
    pilot: Pilot
    gap: int
    mean_improvement: float


@strawberry.type(
    description="Pilots ranked by mean improvement, and where to roll out what worked."
)
class PilotComparison:
    pilots: list[PilotResultItem]
    rollout_candidates: list[RolloutItem]
    basis: Basis = strawberry.field(description="What the result rests on.")


@strawberry.type(description="One force's chain for one crime type.")
class ChainStatusItem:
    crime_type: CrimeType
    complete: bool
    weakest_link: Capability | None
    weakest_maturity: int | None
    below_threshold: list[Capability]


@strawberry.type(description="How often a capability is the weakest link of an incomplete chain.")
class WeakestLink:
    capability: Capability
    chains: int


@strawberry.type(description="The planners' dependency report, for all territorial forces or one.")
class DependencyReportResult:
    force: Force | None
    threshold: int
    completeness_rate: float
    chains: list[ChainStatusItem] = strawberry.field(
        description="Every (force, crime type) chain; one force's if given."
    )
    weakest_links: list[WeakestLink]
    bottlenecks: list[BottleneckItem]
    rollout_candidates: list[RolloutItem]
    findings: list[str] = strawberry.field(
        description=(
            "Three to five plain sentences on what the report shows, those `diikg report` "
            "opens with; with `since`, one says how maturity moved since that day."
        )
    )
    basis: Basis = strawberry.field(description="What the result rests on.")


async def _bottleneck_items(info: Info, result: Criticality, first: int) -> list[BottleneckItem]:
    chosen = result.bottlenecks[:first]
    by_id = await _nodes(info, CAPABILITIES, [b.capability for b in chosen], Capability.from_row)
    return [
        BottleneckItem(
            capability=by_id[b.capability],
            transitive_dependents=b.transitive_dependents,
            direct_dependents=b.direct_dependents,
            betweenness=b.betweenness,
            articulation_point=b.articulation,
        )
        for b in chosen
        if b.capability in by_id
    ]


async def _rollout_items(info: Info, rollout: list[RolloutCandidate]) -> list[RolloutItem]:
    forces = await _nodes(info, FORCES, [r.force for r in rollout], Force.from_row)
    capabilities = await _nodes(
        info, CAPABILITIES, [r.capability for r in rollout], Capability.from_row
    )
    pilots = await _nodes(info, PILOTS, [r.pilot for r in rollout], Pilot.from_row)
    return [
        RolloutItem(
            force=forces[r.force],
            capability=capabilities[r.capability],
            pilot=pilots[r.pilot],
            gap=r.gap,
            mean_improvement=r.mean_improvement,
        )
        for r in rollout
        if r.force in forces and r.capability in capabilities and r.pilot in pilots
    ]


async def _unmet_needs(
    info: Info,
    filter: UnmetNeedFilter | None,
    first: int | None,
    scope: DataScope | None,
    *,
    organisational: bool,
) -> list[UnmetNeed]:
    limit = page_size(info, first)
    ctx = info.context
    needs = await ctx.run(
        _unmet, ctx.projections, filter or UnmetNeedFilter(), scope or DataScope(), organisational
    )
    needs = needs[:limit]
    rows = await ctx.loaders.nodes[CAPABILITIES].load_many([n.capability for n in needs])
    return [
        UnmetNeed(
            capability=Capability.from_row(row),
            score=n.score,
            forces_below_target=n.forces_below_target,
            forces_assessed=n.forces_assessed,
            total_gap=n.total_gap,
            demand=n.demand,
            supplier_count=n.supplier_count,
            supplier_ids=n.suppliers,
            market=Market(n.market) if n.market else None,
            explanation=n.explanation,
            basis=Basis.of(n.basis),
            contracts=[ContractNotice.of(c) for c in n.contracts],
        )
        for n, row in zip(needs, rows, strict=True)
        if row is not None
    ]


@strawberry.type
class AnalysisQuery:
    @strawberry.field(
        description=(
            "Capabilities a firm could serve (products and services), ranked by unmet need, "
            "highest score first: a ranked list (not a connection); `first` sets its length."
        )
    )
    async def unmet_needs(
        self,
        info: Info,
        filter: UnmetNeedFilter | None = None,
        first: int | None = None,
        scope: DataScope | None = None,
    ) -> list[UnmetNeed]:
        return await _unmet_needs(info, filter, first, scope, organisational=False)

    @strawberry.field(
        description=(
            "Gaps only the police can close (police functions: units, powers, roles), ranked "
            "like unmetNeeds."
        )
    )
    async def organisational_gaps(
        self,
        info: Info,
        filter: UnmetNeedFilter | None = None,
        first: int | None = None,
        scope: DataScope | None = None,
    ) -> list[UnmetNeed]:
        return await _unmet_needs(info, filter, first, scope, organisational=True)

    @strawberry.field(
        description="Stage-to-stage dependencies and every crime type's chain, with completeness."
    )
    async def interdependencies(
        self, info: Info, threshold: int = DEFAULT_THRESHOLD, scope: DataScope | None = None
    ) -> Interdependencies:
        ctx = info.context

        def run(
            db: Database,
        ) -> tuple[list[StageLinkResult], list[Chain], list[ChainStatus], BasisResult]:
            kv = _kv(db, ctx.projections, scope)
            statuses = chain_statuses(kv, threshold=threshold)
            rests_on = basis(kv, "assessments", "dependencies", "crime_needs")
            return stage_matrix(kv), chains(kv), statuses, rests_on

        links, all_chains, statuses, rests_on = await ctx.run(run)
        completeness = completeness_by_crime_type(statuses)
        ids = sorted({c for chain in all_chains for c in chain.capabilities})
        capabilities = await _nodes(info, CAPABILITIES, ids, Capability.from_row)
        crimes = await _nodes(
            info, CRIME_TYPES, [ch.crime_type for ch in all_chains], CrimeType.from_row
        )
        crime_chains = [
            CrimeChain(
                crime_type=crimes[chain.crime_type],
                public_contact=[capabilities[c] for c in chain.stages[STAGES[0]]],
                investigation=[capabilities[c] for c in chain.stages[STAGES[1]]],
                evidence=[capabilities[c] for c in chain.stages[STAGES[2]]],
                cross_stage_links=len(chain.links),
                complete_share=round(completeness.get(chain.crime_type, 0.0), 4),
            )
            for chain in all_chains
            if chain.crime_type in crimes
        ]
        return Interdependencies(
            threshold=threshold,
            stage_matrix=[
                StageLink(from_stage=Stage(s.from_stage), to_stage=Stage(s.to_stage), count=s.count)
                for s in links
            ],
            chains=crime_chains,
            completeness_rate=round(completeness_rate(statuses), 4),
            basis=Basis.of(rests_on),
        )

    @strawberry.field(
        description="Capabilities ranked by how much depends on them (then betweenness)."
    )
    async def bottlenecks(
        self, info: Info, first: int = 20, scope: DataScope | None = None
    ) -> Bottlenecks:
        ctx = info.context

        def run(db: Database) -> tuple[Criticality, BasisResult]:
            kv = _kv(db, ctx.projections, scope)
            return criticality(kv.dependencies), basis(kv, "dependencies")

        result, rests_on = await ctx.run(run)
        chain = await _nodes(info, CAPABILITIES, result.longest_chain, Capability.from_row)
        return Bottlenecks(
            betweenness_method=result.betweenness_method,
            items=await _bottleneck_items(info, result, max(first, 0)),
            longest_chain=list(chain.values()),
            bridges=[[strawberry.ID(a), strawberry.ID(b)] for a, b in result.bridges],
            warnings=result.warnings,
            basis=Basis.of(rests_on),
        )

    @strawberry.field(
        description=(
            "What if: a capability goes (capabilityId), a supplier goes (supplierId), or a force's "
            "maturity on a capability drops (forceId, capabilityId, maturity)."
        )
    )
    async def impact(
        self,
        info: Info,
        capability_id: strawberry.ID | None = None,
        supplier_id: strawberry.ID | None = None,
        force_id: strawberry.ID | None = None,
        maturity: int | None = None,
        threshold: int = DEFAULT_THRESHOLD,
        scope: DataScope | None = None,
    ) -> ImpactResult:
        ctx = info.context
        scenario = Scenario(
            capability=capability_id, supplier=supplier_id, force=force_id, maturity=maturity
        )

        def run(db: Database) -> tuple[Impact, BasisResult]:
            kv = _kv(db, ctx.projections, scope)
            found = impact(kv, scenario, threshold=threshold)
            return found, basis(kv, *IMPACT_BASIS, per_force=True)

        result, rests_on = await ctx.run(run)
        lost = await _nodes(info, CAPABILITIES, result.capabilities, Capability.from_row)
        degraded = await _nodes(info, CAPABILITIES, result.degraded, Capability.from_row)
        crimes = await _nodes(
            info, CRIME_TYPES, [c for c, _, _ in result.crime_types], CrimeType.from_row
        )
        forces = await _nodes(info, FORCES, [f for f, _, _ in result.forces], Force.from_row)
        return ImpactResult(
            scenario=result.scenario,
            chains_broken=result.chains_broken,
            capabilities_lost=list(lost.values()),
            capabilities_degraded=list(degraded.values()),
            crime_types=[
                ImpactedCrimeType(crime_type=crimes[c], annual_volume=v, forces_affected=n)
                for c, v, n in result.crime_types
                if c in crimes
            ],
            forces=[
                ImpactedForce(force=forces[f], chains_broken=n, volume_affected=v)
                for f, n, v in result.forces
                if f in forces
            ],
            basis=Basis.of(rests_on),
        )

    @strawberry.field(
        description="Pilots compared on the shared metrics, optionally for one capability."
    )
    async def pilot_comparison(
        self,
        info: Info,
        capability_id: strawberry.ID | None = None,
        scope: DataScope | None = None,
    ) -> PilotComparison:
        ctx = info.context

        def run(
            db: Database,
        ) -> tuple[list[PilotResult], list[RolloutCandidate], BasisResult]:
            kv = _kv(db, ctx.projections, scope)
            results = compare_pilots(kv)
            rests_on = basis(kv, "pilots", "assessments")
            return results, rollout_candidates(kv, results), rests_on

        results, rollout, rests_on = await ctx.run(run)
        if capability_id is not None:
            results = [r for r in results if capability_id in r.capabilities]
            rollout = [r for r in rollout if r.capability == capability_id]
        pilots = await _nodes(info, PILOTS, [r.pilot for r in results], Pilot.from_row)
        return PilotComparison(
            pilots=[
                PilotResultItem(
                    pilot=pilots[r.pilot],
                    mean_improvement=r.mean_improvement,
                    successful=r.successful,
                    improvements=[
                        MetricImprovement(metric=m, relative_improvement=v)
                        for m, v in r.improvements.items()
                    ],
                )
                for r in results
                if r.pilot in pilots
            ],
            rollout_candidates=await _rollout_items(info, rollout),
            basis=Basis.of(rests_on),
        )

    @strawberry.field(
        description="The planners' dependency report, for every territorial force or one (forceId)."
    )
    async def dependency_report(
        self,
        info: Info,
        force_id: strawberry.ID | None = None,
        threshold: int = DEFAULT_THRESHOLD,
        first: int = 20,
        scope: DataScope | None = None,
        since: dt.date | None = None,
    ) -> DependencyReportResult:
        ctx = info.context

        def run(db: Database) -> tuple[DependencyReport, BasisResult, list[str]]:
            kv = _kv(db, ctx.projections, scope)
            kinds = ("assessments", "dependencies", "crime_needs", "crime_volumes", "pilots")
            report = dependency_report(kv, force=force_id, threshold=threshold)
            moved = None
            if since is not None:
                then = _kv(
                    db, ctx.projections, dataclasses.replace(scope or DataScope(), as_of=since)
                )
                moved = maturity_changes(kv, then, force=force_id)
            said = dependency_findings(
                report, kv, changes=moved, since=since.isoformat() if since else ""
            )
            return report, basis(kv, *kinds), said

        report, rests_on, said = await ctx.run(run)
        ids = sorted(
            {c for s in report.statuses for c in (*s.short, *([s.weakest] if s.weakest else []))}
            | {c for c, _ in report.weakest_links}
        )
        capabilities = await _nodes(info, CAPABILITIES, ids, Capability.from_row)
        crimes = await _nodes(
            info,
            CRIME_TYPES,
            sorted({s.crime_type for s in report.statuses}),
            CrimeType.from_row,
        )
        forces = await _nodes(info, FORCES, [force_id], Force.from_row) if force_id else {}
        return DependencyReportResult(
            force=forces.get(str(force_id)),
            threshold=threshold,
            completeness_rate=round(report.completeness_rate, 4),
            chains=[
                ChainStatusItem(
                    crime_type=crimes[s.crime_type],
                    complete=s.complete,
                    weakest_link=capabilities.get(s.weakest or ""),
                    weakest_maturity=s.weakest_maturity,
                    below_threshold=[capabilities[c] for c in s.short if c in capabilities],
                )
                for s in report.statuses
                if s.crime_type in crimes
            ],
            weakest_links=[
                WeakestLink(capability=capabilities[c], chains=n)
                for c, n in report.weakest_links[:first]
                if c in capabilities
            ],
            bottlenecks=await _bottleneck_items(info, report.criticality, max(first, 0)),
            rollout_candidates=await _rollout_items(info, report.rollout[:first]),
            findings=said,
            basis=Basis.of(rests_on),
        )
