"""The GraphQL schema: queries, mutations and the limits every request runs under."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar, cast

import strawberry
from pydantic import ValidationError
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.types import Info

from api.analyses import AnalysisQuery
from api.connections import Connection, page_size, paginate
from api.errors import ApiError, ErrorCode, from_validation
from api.extensions.document_cache import DocumentCache, KnownDocuments
from api.extensions.error_codes import ErrorCodes
from api.extensions.query_stats import QueryStats
from api.extensions.response_cache import ResponseCache
from api.inputs import (
    BenefitInput,
    CapabilityFilter,
    CapabilitySort,
    CrimeTypeFilter,
    CrimeTypeSort,
    ForceFilter,
    ForceSort,
    PilotFilter,
    PilotInput,
    PilotSort,
    SupplierFilter,
    SupplierInput,
    SupplierSort,
    UnmetNeedFilter,
    sort_spec,
)
from api.permissions import IsEditor
from api.types import (
    Capability,
    CrimeType,
    Force,
    ForceCapability,
    Pilot,
    SearchResult,
    Supplier,
)
from graph import editing, model, reads
from graph.analysis.unmet_needs import unmet_needs
from graph.database import Database

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_TOKENS", "schema"]

T = TypeVar("T")
EDITOR_SOURCE = strawberry.ID("editor-input")
"""The source cited by edits that name none."""
Row = dict[str, Any]
SearchNode = Force | Capability | Supplier | CrimeType | Pilot

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 3000

_BUILDERS: dict[str, Callable[[Row], Any]] = {
    "forces": Force.from_row,
    "capabilities": Capability.from_row,
    "suppliers": Supplier.from_row,
    "crime_types": CrimeType.from_row,
    "pilots": Pilot.from_row,
}
_LABEL_KINDS = {
    "Force": "forces",
    "Capability": "capabilities",
    "Supplier": "suppliers",
    "CrimeType": "crime_types",
    "Pilot": "pilots",
}


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
    explanation: str


@strawberry.type(description="Forces and assessments of one policing region.")
class RegionSummary:
    region: str
    forces: int
    territorial_forces: int
    assessments: int
    mean_maturity: float | None
    total_gap: int
    assessments_below_target: int


@strawberry.type(description="A search result and how well it matched.")
class SearchHit:
    score: float
    kind: str = strawberry.field(description="Force, Capability, Supplier, CrimeType or Pilot.")
    node: SearchResult


async def _by_id(info: Info, kind: str, node_id: str, build: Callable[[Row], T]) -> T | None:
    row = await info.context.loaders.nodes[kind].load(node_id)
    return None if row is None else build(row)


def _validated(model_class: type[model.Entity], values: dict[str, Any], argument: str) -> Any:
    try:
        return model_class.model_validate(values)
    except ValidationError as exc:
        raise from_validation(exc, argument=argument) from exc


def _unmet(
    db: Database, projections: Any, stage: str | None, region: str | None, crime: str | None
) -> Any:
    graph = projections.get(db).graph
    return unmet_needs(graph, stage=stage, region=region, crime_type=crime)


@strawberry.type
class Query(AnalysisQuery):
    @strawberry.field(description="A force by its data.police.uk id, e.g. `kent`.")
    async def force(self, info: Info, id: strawberry.ID) -> Force | None:
        return await _by_id(info, "forces", id, Force.from_row)

    @strawberry.field(description="Forces, by name unless `sort` says otherwise.")
    async def forces(
        self,
        info: Info,
        filter: ForceFilter | None = None,
        first: int | None = None,
        after: str | None = None,
        sort: ForceSort = ForceSort.NAME_ASC,
    ) -> Connection[Force]:
        f = filter or ForceFilter()
        filters = {"kind": f.kind, "region": f.region, "nameContains": f.name_contains}
        return await _page(info, "forces", filters, sort, first, after, Force.from_row)

    @strawberry.field(description="A capability by id, e.g. `mobile-device-extraction`.")
    async def capability(self, info: Info, id: strawberry.ID) -> Capability | None:
        return await _by_id(info, "capabilities", id, Capability.from_row)

    @strawberry.field(description="Capabilities, by name unless `sort` says otherwise.")
    async def capabilities(
        self,
        info: Info,
        filter: CapabilityFilter | None = None,
        first: int | None = None,
        after: str | None = None,
        sort: CapabilitySort = CapabilitySort.NAME_ASC,
    ) -> Connection[Capability]:
        f = filter or CapabilityFilter()
        filters = {
            "stage": f.stage,
            "nameContains": f.name_contains,
            "crimeTypeId": f.crime_type_id,
        }
        return await _page(info, "capabilities", filters, sort, first, after, Capability.from_row)

    @strawberry.field(description="A supplier by id.")
    async def supplier(self, info: Info, id: strawberry.ID) -> Supplier | None:
        return await _by_id(info, "suppliers", id, Supplier.from_row)

    @strawberry.field(description="Suppliers, by name unless `sort` says otherwise.")
    async def suppliers(
        self,
        info: Info,
        filter: SupplierFilter | None = None,
        first: int | None = None,
        after: str | None = None,
        sort: SupplierSort = SupplierSort.NAME_ASC,
    ) -> Connection[Supplier]:
        f = filter or SupplierFilter()
        filters = {"nameContains": f.name_contains, "offersCapabilityId": f.offers_capability_id}
        return await _page(info, "suppliers", filters, sort, first, after, Supplier.from_row)

    @strawberry.field(description="A crime type by id, e.g. `ransomware`.")
    async def crime_type(self, info: Info, id: strawberry.ID) -> CrimeType | None:
        return await _by_id(info, "crime_types", id, CrimeType.from_row)

    @strawberry.field(description="Crime types, by name unless `sort` says otherwise.")
    async def crime_types(
        self,
        info: Info,
        filter: CrimeTypeFilter | None = None,
        first: int | None = None,
        after: str | None = None,
        sort: CrimeTypeSort = CrimeTypeSort.NAME_ASC,
    ) -> Connection[CrimeType]:
        f = filter or CrimeTypeFilter()
        filters = {"category": f.category, "nameContains": f.name_contains}
        return await _page(info, "crime_types", filters, sort, first, after, CrimeType.from_row)

    @strawberry.field(description="A pilot by id.")
    async def pilot(self, info: Info, id: strawberry.ID) -> Pilot | None:
        return await _by_id(info, "pilots", id, Pilot.from_row)

    @strawberry.field(description="Pilots, by name unless `sort` says otherwise.")
    async def pilots(
        self,
        info: Info,
        filter: PilotFilter | None = None,
        first: int | None = None,
        after: str | None = None,
        sort: PilotSort = PilotSort.NAME_ASC,
    ) -> Connection[Pilot]:
        f = filter or PilotFilter()
        filters = {
            "status": f.status,
            "forceId": f.force_id,
            "capabilityId": f.capability_id,
            "supplierId": f.supplier_id,
        }
        return await _page(info, "pilots", filters, sort, first, after, Pilot.from_row)

    @strawberry.field(description="Capabilities ranked by unmet need, highest score first.")
    async def unmet_needs(
        self, info: Info, filter: UnmetNeedFilter | None = None, first: int | None = None
    ) -> list[UnmetNeed]:
        f = filter or UnmetNeedFilter()
        limit = page_size(info, first)
        ctx = info.context
        needs = await ctx.run(_unmet, ctx.projections, f.stage, f.region, f.crime_type_id)
        needs = needs[:limit]
        rows = await ctx.loaders.nodes["capabilities"].load_many([n.capability for n in needs])
        return [
            UnmetNeed(
                capability=Capability.from_row(row),
                score=n.score,
                forces_below_target=n.forces_below_target,
                forces_assessed=n.forces_assessed,
                total_gap=n.total_gap,
                demand=n.demand,
                supplier_count=n.supplier_count,
                explanation=n.explanation,
            )
            for n, row in zip(needs, rows, strict=True)
            if row is not None
        ]

    @strawberry.field(
        description="Forces, capabilities, suppliers, crime types and pilots matching every word."
    )
    async def search(self, info: Info, text: str, first: int | None = 20) -> list[SearchHit]:
        if len(text) > 200:
            raise ApiError(
                ErrorCode.BAD_USER_INPUT, "text must be at most 200 characters", argument="text"
            )
        hits = await info.context.run(reads.search, text, page_size(info, first))
        return [
            SearchHit(
                score=score, kind=label, node=cast(SearchNode, _BUILDERS[_LABEL_KINDS[label]](row))
            )
            for label, row, score in hits
            if label in _LABEL_KINDS
        ]

    @strawberry.field(
        description="Per policing region: forces, assessments, mean maturity and gaps."
    )
    async def regions(self, info: Info) -> list[RegionSummary]:
        rows = await info.context.run(reads.region_summaries)
        return [
            RegionSummary(
                region=row["region"],
                forces=row["forces"],
                territorial_forces=row["territorial"],
                assessments=row["assessments"],
                mean_maturity=None
                if row["meanMaturity"] is None
                else round(row["meanMaturity"], 3),
                total_gap=row["totalGap"],
                assessments_below_target=row["assessmentsBelowTarget"],
            )
            for row in rows
        ]


@strawberry.type
class Mutation:
    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Record a force's maturity and target on a capability (replaces the last).",
    )
    async def assess_capability(
        self,
        info: Info,
        force_id: strawberry.ID,
        capability_id: strawberry.ID,
        maturity: int,
        target: int,
        assessed_on: dt.date | None = None,
        source_id: strawberry.ID = EDITOR_SOURCE,
    ) -> ForceCapability:
        assessment = _validated(
            model.Assessment,
            {
                "force": force_id,
                "capability": capability_id,
                "maturity": maturity,
                "target": target,
                "assessed_on": assessed_on or dt.date.today(),
                "source": source_id,
            },
            "assessCapability",
        )
        row = await info.context.run(editing.assess_capability, assessment)
        return ForceCapability.from_rows(row["node"], row["rel"])

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Create or update a supplier; its offerings become exactly those given.",
    )
    async def upsert_supplier(self, info: Info, input: SupplierInput) -> Supplier:
        supplier = _validated(model.Supplier, input.record(), "input")
        offerings = [
            _validated(
                model.Offering,
                {
                    "supplier": input.id,
                    "capability": o.capability_id,
                    "product": o.product,
                    "source": input.source_id,
                    "illustrative": input.illustrative,
                },
                f"input.offers.{index}",
            )
            for index, o in enumerate(input.offers)
        ]
        await info.context.run(editing.upsert_supplier, supplier, offerings)
        return Supplier.from_row(supplier.properties())

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Register a pilot, or update one: its links become exactly those given.",
    )
    async def register_pilot(self, info: Info, input: PilotInput) -> Pilot:
        pilot = _validated(model.Pilot, input.record(), "input")
        await info.context.run(editing.register_pilot, pilot)
        return Pilot.from_row(pilot.properties())

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Add or replace a pilot's results on the given metrics; others stay.",
    )
    async def record_benefits(
        self, info: Info, pilot_id: strawberry.ID, benefits: list[BenefitInput]
    ) -> Pilot:
        checked = [
            _validated(model.Benefit, vars(b), f"benefits.{index}")
            for index, b in enumerate(benefits)
        ]
        await info.context.run(editing.record_benefits, pilot_id, checked)
        row = await info.context.run(reads.nodes_by_id, "pilots", [pilot_id])
        return Pilot.from_row(row[pilot_id])


async def _page(
    info: Info,
    kind: str,
    filters: dict[str, Any],
    sort: Enum,
    first: int | None,
    after: str | None,
    build: Callable[[Row], T],
) -> Connection[T]:
    clean = {
        key: value.value if isinstance(value, Enum) else value for key, value in filters.items()
    }
    return await paginate(
        info,
        kind=kind,
        filters=clean,
        sort=sort,
        spec=sort_spec(sort),
        first=first,
        after=after,
        build=build,
    )


_KNOWN_DOCUMENTS = KnownDocuments(capacity=1024)
"""Query texts this process has parsed and validated (the schema never changes while it runs)."""

schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    extensions=[
        lambda: DocumentCache(_KNOWN_DOCUMENTS),
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        ErrorCodes,
        QueryStats,
        ResponseCache,
    ],
)
