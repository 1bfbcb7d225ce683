"""Relay-style connections: edges with opaque cursors, page info, and a lazy total count."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry
from strawberry.types import Info

from api.errors import ApiError, ErrorCode
from api.modelled import filter_values, sort_option
from graph import reads
from graph.model import NodeKind

__all__ = ["DEFAULT_PAGE_SIZE", "Connection", "Edge", "PageInfo", "page_size", "paginate"]

DEFAULT_PAGE_SIZE = 50
"""How many items a page gives when ``first`` is not given."""

T = TypeVar("T")


@strawberry.type(description="Where a page ends and whether another follows.")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type(description="One result and the cursor to pass as `after` to continue from it.")
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(
    description="A page of results; `totalCount` counts every match, not just this page."
)
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    kind: strawberry.Private[NodeKind[Any]]
    filters: strawberry.Private[dict[str, Any]]

    @strawberry.field(description="How many results match the filter, over all pages.")
    async def total_count(self, info: Info) -> int:
        total: int = await info.context.run(reads.count, self.kind, self.filters)
        return total


async def paginate(
    info: Info,
    *,
    kind: NodeKind[Any],
    filter: object | None,
    sort: Enum,
    first: int | None,
    after: str | None,
    build: Callable[[dict[str, Any]], T],
) -> Connection[T]:
    """One page of ``kind`` as a connection, checking ``first`` and ``after`` first.

    ``filter`` is the kind's filter input (``api.modelled.filter_input``) or ``None``.

    Cursors are opaque (base64 of the kind and sort option, sort key and id), stable
    across requests, and refused by any other connection or sort order.
    """
    size = page_size(info, first)
    made_for = f"{kind.label}.{sort.name}"
    position = None if after is None else _decode(after, made_for)
    filters = filter_values(kind, filter)
    page = await info.context.run(
        reads.page,
        kind,
        filters=filters,
        sort=sort_option(kind, sort),
        after=position,
        first=size,
    )
    edges = [
        Edge(cursor=_encode(made_for, key, node["id"]), node=build(node)) for node, key in page.rows
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next, end_cursor=edges[-1].cursor if edges else None
        ),
        kind=kind,
        filters=filters,
    )


def page_size(info: Info, first: int | None) -> int:
    """``first`` checked against the cap (``DEFAULT_PAGE_SIZE`` when not given).

    Raises
    ------
    ApiError
        ``BAD_USER_INPUT`` when ``first`` is negative or above the cap.
    """
    limit: int = info.context.settings.max_page_size
    size = DEFAULT_PAGE_SIZE if first is None else first
    if not 0 <= size <= limit:
        raise ApiError(
            ErrorCode.BAD_USER_INPUT,
            f"first must be between 0 and {limit}; page through larger results with `after`",
            argument="first",
        )
    return size


def _encode(sort: str, key: Any, node_id: str) -> str:
    raw = json.dumps([sort, key, node_id], separators=(",", ":"), default=str)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, sort: str) -> tuple[Any, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        made_for, key, node_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise ApiError(
            ErrorCode.BAD_USER_INPUT,
            "after is not a cursor from this API; pass an endCursor or edge cursor unchanged",
            argument="after",
        ) from exc
    if made_for != sort or not isinstance(node_id, str):
        raise ApiError(
            ErrorCode.BAD_USER_INPUT,
            f"after was made for {made_for}, not {sort}: continue a list with its own cursors",
            argument="after",
        )
    if not _fits(key):
        raise ApiError(
            ErrorCode.BAD_USER_INPUT,
            "after holds a sort key no list of this API has; pass a cursor unchanged",
            argument="after",
        )
    return key, node_id


def _fits(key: Any) -> bool:
    """Whether a sort key from a cursor is a value Neo4j can compare (a 64-bit integer at most)."""
    if isinstance(key, bool) or key is None or isinstance(key, str | float):
        return True
    return isinstance(key, int) and -(2**63) <= key < 2**63
