"""Relay-style connections: edges with opaque cursors, page info, and a lazy total count."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry
from strawberry.types import Info

from api.errors import ApiError, ErrorCode
from api.modelled import filter_values, sort_option
from graph import reads
from graph.model import NodeKind

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "Connection",
    "Edge",
    "PageInfo",
    "Window",
    "checked_size",
    "encode_cursor",
    "page_size",
    "paginate",
]

DEFAULT_PAGE_SIZE = 50
"""How many items a page gives when ``first`` is not given."""

T = TypeVar("T")


@strawberry.type(
    description=(
        "Where a page starts and ends, and whether rows lie beyond it (Relay's PageInfo). "
        "Read forward, `hasPreviousPage` is true after a cursor; read backward, "
        "`hasNextPage` is true before one."
    )
)
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
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
    window: Window,
    build: Callable[[dict[str, Any]], T],
) -> Connection[T]:
    """One page of ``kind`` as a connection, its ``window`` checked first.

    ``filter`` is the kind's filter input (``api.modelled.filter_input``) or ``None``.

    Cursors are opaque (base64 of the kind and sort option, sort key and id), stable
    across requests, and refused by any other connection or sort order.
    """
    made_for = f"{kind.label}.{sort.name}"
    size, backward, cursor = window.checked(info.context.settings.max_page_size, made_for)
    filters = filter_values(kind, filter)
    page = await info.context.run(
        reads.page,
        kind,
        filters=filters,
        sort=sort_option(kind, sort),
        after=cursor,
        first=size,
        backward=backward,
    )
    edges = [
        Edge(cursor=encode_cursor(made_for, key, node["id"]), node=build(node))
        for node, key in page.rows
    ]
    beyond_cursor = cursor is not None
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=beyond_cursor if backward else page.has_more,
            has_previous_page=page.has_more if backward else beyond_cursor,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        kind=kind,
        filters=filters,
    )


@dataclass(frozen=True)
class Window:
    """Which page a client asked for: ``first`` after a cursor, or ``last`` before one."""

    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None

    def checked(self, limit: int, made_for: str) -> tuple[int, bool, tuple[Any, str] | None]:
        """The page's size (at most ``limit``), whether it is read backward, its boundary row.

        Raises
        ------
        ApiError
            ``BAD_USER_INPUT`` when forward and backward arguments are mixed, a size is
            out of range, or a cursor is not one of this list's (``made_for``).
        """
        forward = self.first is not None or self.after is not None
        backward = self.last is not None or self.before is not None
        if forward and backward:
            raise ApiError(
                ErrorCode.BAD_USER_INPUT,
                "page forward (first, after) or backward (last, before), not both at once",
                argument="last" if self.last is not None else "before",
            )
        if backward:
            size = checked_size(self.last, limit, "last")
            cursor = None if self.before is None else _decode(self.before, made_for, "before")
            return size, True, cursor
        size = checked_size(self.first, limit, "first")
        cursor = None if self.after is None else _decode(self.after, made_for, "after")
        return size, False, cursor


def page_size(info: Info, first: int | None) -> int:
    """``first`` checked against the request's page cap (``DEFAULT_PAGE_SIZE`` when not given).

    Raises
    ------
    ApiError
        ``BAD_USER_INPUT`` when the size is negative or above the cap.
    """
    return checked_size(first, info.context.settings.max_page_size, "first")


def checked_size(size: int | None, limit: int, argument: str) -> int:
    """``size`` (``DEFAULT_PAGE_SIZE`` when not given), checked against ``limit``.

    Raises
    ------
    ApiError
        ``BAD_USER_INPUT``, naming ``argument``, when the size is negative or over ``limit``.
    """
    size = DEFAULT_PAGE_SIZE if size is None else size
    if not 0 <= size <= limit:
        raise ApiError(
            ErrorCode.BAD_USER_INPUT,
            f"{argument} must be between 0 and {limit}; page through larger results with cursors",
            argument=argument,
        )
    return size


def encode_cursor(sort: str, key: Any, node_id: str) -> str:
    """The opaque cursor of the row ``(key, node_id)`` of the list and sort ``sort``."""
    raw = json.dumps([sort, key, node_id], separators=(",", ":"), default=str)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, sort: str, argument: str) -> tuple[Any, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        made_for, key, node_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise ApiError(
            ErrorCode.BAD_USER_INPUT,
            f"{argument} is not a cursor from this API; pass a page or edge cursor unchanged",
            argument=argument,
        ) from exc
    if made_for != sort or not isinstance(node_id, str):
        raise ApiError(
            ErrorCode.BAD_USER_INPUT,
            f"{argument} was made for {made_for}, not {sort}: continue a list with its own cursors",
            argument=argument,
        )
    if not _fits(key):
        raise ApiError(
            ErrorCode.BAD_USER_INPUT,
            f"{argument} holds a sort key no list of this API has; pass a cursor unchanged",
            argument=argument,
        )
    return key, node_id


def _fits(key: Any) -> bool:
    """Whether a sort key from a cursor is a value Neo4j can compare (a 64-bit integer at most)."""
    if isinstance(key, bool) or key is None or isinstance(key, str | float):
        return True
    return isinstance(key, int) and -(2**63) <= key < 2**63
