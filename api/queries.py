"""Root fields that read records: one record by id and pages of each kind, search, regions.

The by-id and page fields of every node kind with a GraphQL type are made from the
schema model (``force``/``forces``, ``capability``/``capabilities``, ...): their
filters and sort orders come from ``api.modelled``.
"""

from __future__ import annotations

import inspect
from enum import Enum
from typing import Any, cast

import strawberry
from strawberry.types import Info

from api.connections import Connection, Window, page_size, paginate
from api.errors import ApiError, ErrorCode
from api.modelled import RECORD_TYPES, filter_input, sort_enum
from api.types import SearchResult  # defines and registers the record types first
from graph import reads
from graph.model import NodeKind, node_labelled

__all__ = ["EntityQuery", "RecordQuery"]

Row = dict[str, Any]
_SEARCH_LIMIT = 200


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


def _by_id_field(kind: NodeKind[Any], cls: type) -> Any:
    async def resolve(info: Info, id: strawberry.ID) -> Any:
        row = await info.context.loaders.nodes[kind].load(id)
        return None if row is None else cls.from_row(row)  # type: ignore[attr-defined]

    _sign(resolve, [_param("id", strawberry.ID)], cls | None)
    return strawberry.field(
        resolver=resolve,
        name=_camel(kind.singular),
        description=f"A {kind.noun} by id, e.g. `{kind.example_id}`.",
    )


def _page_field(kind: NodeKind[Any], cls: type) -> Any:
    sorts = sort_enum(kind)
    default = next(iter(cast(Any, sorts)))

    async def resolve(
        info: Info,
        filter: object | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        sort: Enum = default,
    ) -> Any:
        return await paginate(
            info,
            kind=kind,
            filter=filter,
            sort=sort,
            window=Window(first=first, after=after, last=last, before=before),
            build=cls.from_row,  # type: ignore[attr-defined]
        )

    _sign(
        resolve,
        [
            _param("filter", filter_input(kind) | None, None),
            _param("first", int | None, None),
            _param("after", str | None, None),
            _param("last", int | None, None),
            _param("before", str | None, None),
            _param("sort", sorts, default),
        ],
        Connection[cls],  # type: ignore[valid-type]
    )
    return strawberry.field(
        resolver=resolve,
        name=_camel(kind.name),
        description=(
            f"{kind.name.replace('_', ' ').capitalize()}, "
            f"by {default.name.split('_')[0].lower()} unless `sort` says otherwise."
        ),
    )


def _param(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default, annotation=annotation
    )


def _sign(function: Any, params: list[inspect.Parameter], returns: Any) -> None:
    """Give a resolver made here the signature Strawberry reads its arguments from."""
    every = [_param("info", Info), *params]
    function.__signature__ = inspect.Signature(every, return_annotation=returns)
    function.__annotations__ = {p.name: p.annotation for p in every} | {"return": returns}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _record_fields() -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for kind, cls in RECORD_TYPES.items():
        if kind.example_id is not None:
            fields[kind.singular] = _by_id_field(kind, cls)
            fields[kind.name] = _page_field(kind, cls)
    return fields


RecordQuery: Any = strawberry.type(
    type("RecordQuery", (), _record_fields()),
    description="One record by id, and pages of each kind of record.",
)
"""The by-id and page root fields of every node kind with a GraphQL type."""


@strawberry.type
class EntityQuery(RecordQuery):  # type: ignore[misc]
    @strawberry.field(
        description=(
            "Forces, capabilities, suppliers, crime types and pilots matching every word, best "
            "match first: a ranked list (not a connection); `first` sets its length."
        )
    )
    async def search(self, info: Info, text: str, first: int | None = 20) -> list[SearchHit]:
        if len(text) > _SEARCH_LIMIT:
            raise ApiError(
                ErrorCode.BAD_USER_INPUT,
                f"text must be at most {_SEARCH_LIMIT} characters",
                argument="text",
            )
        hits = await info.context.run(reads.search, text, page_size(info, first))
        found = []
        for label, row, score in hits:
            cls = RECORD_TYPES.get(node_labelled(label))
            if cls is not None:
                found.append(SearchHit(score=score, kind=label, node=cls.from_row(row)))  # type: ignore[attr-defined]
        return found

    @strawberry.field(
        description=(
            "The graph's version: every load and edit raises it, so an answer, a report or an "
            "explorer view names the graph it was made from."
        )
    )
    async def graph_version(self, info: Info) -> int:
        version: int = await info.context.run(reads.graph_version)
        return version

    @strawberry.field(
        description=(
            "Per policing region: forces, assessments, mean maturity and gaps (one row per "
            "region, not a connection)."
        )
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
