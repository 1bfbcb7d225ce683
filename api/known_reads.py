"""Answers a request already answered by a compiled read without running GraphQL's pipeline."""

from __future__ import annotations

from dataclasses import dataclass

from cachetools import LRUCache
from graphql import ExecutionResult as GraphQLResult
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult

from api.compiler import CompiledRead, Uncompiled
from api.context import Context
from api.errors import ApiError
from api.extensions.query_stats import request_stats
from api.extensions.response_cache import Key, request_key
from graph import reads
from graph.exceptions import DiikgError

__all__ = ["KnownReads"]


@dataclass(frozen=True)
class _Known:
    compiled: CompiledRead
    cost: int


class KnownReads:
    """Requests the compiler answered, by query text, variables and operation, newest kept.

    A request is learnt once the full path (parsing, validation, the cost budget and
    the other limits, then :class:`api.extensions.compiled_reads.CompiledReads`) has
    answered it with a compiled read and no errors. The schema, its limits and the
    settings do not change while the API runs, so the same text with the same
    variables passes the same checks and compiles to the same read: the next time,
    :meth:`answer` runs that read and writes the answer directly, through the response
    cache as the full path would, with the same extensions. A heavy query (costing
    over ``DIIKG_HEAVY_COST``) is left to the full path, which gives it its turn in
    the heavy lane; so is any failure, which the full path reports in its usual way.

    Example
    -------
    ``result = await known.answer(request_data, context)`` (``None``: run the full path),
    then ``known.learn(request_data, context, result)`` after the full path ran.
    """

    def __init__(self, capacity: int = 1024) -> None:
        self._known: LRUCache[Key, _Known] = LRUCache(maxsize=capacity)

    def __len__(self) -> int:
        return len(self._known)

    def learn(self, request: GraphQLRequestData, context: Context, result: ExecutionResult) -> None:
        """Remember ``request`` if the full path answered it with a compiled read, unerring."""
        if context.compiled is not None and not result.errors:
            self._known[_key(request)] = _Known(context.compiled, context.cost)

    async def answer(self, request: GraphQLRequestData, context: Context) -> ExecutionResult | None:
        """The answer to a known, cheap request, or ``None`` for the full path to give it."""
        key = _key(request)
        known = self._known.get(key)
        admission = context.admission
        if known is None or (admission is not None and known.cost > admission.heavy_cost):
            return None
        before = context.db.queries_run
        try:
            return await self._answer(key, context, known)
        except (Uncompiled, ApiError, DiikgError):
            context.db.queries_run = before
            context.compiled_failed = True
            return None

    async def _answer(self, key: Key, context: Context, known: _Known) -> ExecutionResult:
        store = context.responses
        lookup = None
        if store is not None:
            lookup = await store.look_up(key)
            context.db.queries_run += 1  # the version check this request relied on
            if lookup.hit is not None:
                return _result(lookup.hit.data, context, cached=True)
        data = known.compiled.write(await reads.compiled(context.db, known.compiled.roots))
        context.compiled = known.compiled
        if store is not None and lookup is not None:
            store.keep(lookup, GraphQLResult(data=data), known.compiled.tables)
        return _result(data, context, cached=False)


def _key(request: GraphQLRequestData) -> Key:
    return request_key(request.query or "", request.variables, request.operation_name)


def _result(data: dict[str, object] | None, context: Context, *, cached: bool) -> ExecutionResult:
    """The result as the full path writes it: data, then the extensions' results in order."""
    return ExecutionResult(
        data=data, errors=None, extensions={**request_stats(context), "cached": cached}
    )
