"""Answers a repeated query from memory while the graph has not changed since."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import orjson
from cachetools import LRUCache
from graphql import ExecutionResult
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from api.coalesce import Coalesced
from graph.exceptions import DiikgError
from graph.store.changes import Change, touched

__all__ = ["Key", "Lookup", "ResponseCache", "ResponseStore", "request_key"]

_LARGEST_SHARE = 16
"""An answer larger than 1/16 of the store is not kept: it would push out many others."""

Key = tuple[str, str, str | None]
"""A request by query text, variables (as canonical JSON) and operation name."""


def request_key(query: str, variables: dict[str, Any] | None, operation_name: str | None) -> Key:
    """The key of a request: equal for the same text, operation and variables in any order."""
    return (query, json.dumps(variables or {}, sort_keys=True, default=str), operation_name)


@dataclass(frozen=True)
class Lookup:
    """What the store held for ``key`` at graph version ``version`` (``hit``: ``None``)."""

    key: Key
    version: int
    hit: ExecutionResult | None


class ResponseStore:
    """The data of error-free answers at one graph version, in at most ``capacity`` bytes.

    Answers are kept encoded (JSON), so the bound is the memory they take; the least
    recently used go first, and one larger than a sixteenth of the store is never
    kept. Each answer is kept with the tables (labels and relationship types) it was
    read from, where known. Every load and edit raises the graph's version counter and
    records what it wrote (``graph.store.changes``); when a request sees a new version,
    the answers read from what the writes since changed are dropped, and the rest kept
    (all are dropped after a load, or when the changes are no longer known).
    ``read_changes`` reads the counter and the changes after a version from Neo4j;
    concurrent requests share its reads (see :class:`api.coalesce.Coalesced`), each
    still getting one made after it arrived.
    """

    def __init__(
        self,
        capacity: int,
        read_changes: Callable[[int | None], Awaitable[tuple[int, list[Change] | None]]],
    ) -> None:
        self.version: int | None = None
        self.capacity = capacity
        self._read_changes = Coalesced(lambda: read_changes(self.version))
        self._answers: LRUCache[Key, tuple[bytes, frozenset[str] | None]] = LRUCache(
            maxsize=capacity, getsizeof=lambda entry: len(entry[0])
        )

    @property
    def size(self) -> int:
        """Bytes held now."""
        return int(self._answers.currsize)

    async def fresh_version(self) -> int:
        """The graph's version now, read after this call began; answers it outdated dropped.

        A read that began before another's result was taken in may report changes
        already taken in: dropping by them again drops nothing still valid.
        """
        version, changes = await self._read_changes()
        if self.version is None or version > self.version:
            self._drop(None if self.version is None else changes)
            self.version = version
        return self.version

    async def look_up(self, key: Key) -> Lookup:
        """The stored result for ``key`` at the graph's version now (read first), if any.

        Raises
        ------
        DiikgError
            Neo4j cannot tell the version.
        """
        version = await self.fresh_version()
        return Lookup(key, version, self.get(key))

    def keep(self, lookup: Lookup, result: ExecutionResult, tables: frozenset[str] | None) -> None:
        """Keep ``result``, made after ``lookup`` missed, unless it erred or the graph moved on."""
        if not result.errors and self.version == lookup.version:
            self.put(lookup.key, result, tables)

    def get(self, key: Key) -> ExecutionResult | None:
        """The stored result for ``key`` at the current version, if any."""
        entry = self._answers.get(key)
        return None if entry is None else ExecutionResult(data=orjson.loads(entry[0]))

    def put(self, key: Key, result: ExecutionResult, tables: frozenset[str] | None) -> None:
        """Keep ``result``'s data for ``key`` at the current version, unless it is too large.

        ``tables``: the labels and relationship types it was read from (``None``: it may
        rest on anything, so any write outdates it).
        """
        try:
            data = orjson.dumps(result.data)
        except orjson.JSONEncodeError:
            return
        if len(data) <= self.capacity // _LARGEST_SHARE:
            self._answers[key] = (data, tables)

    def _drop(self, changes: list[Change] | None) -> None:
        """Drop every answer ``changes`` may have outdated (``None``: every answer)."""
        if changes is None:
            self._answers.clear()
            return
        written = touched(changes).tables
        for key in [
            key
            for key, (_, tables) in self._answers.items()
            if tables is None or not tables.isdisjoint(written)
        ]:
            del self._answers[key]


class ResponseCache(SchemaExtension):
    """Serves a query already answered at the graph's current version from the store.

    The version is read first (one tiny query), so a result is never kept under a
    version older than its data. Mutations, results with errors, requests whose
    context has no store (``responses`` ``None``) and requests made while Neo4j
    cannot be reached always execute. The response's ``extensions.cached`` says
    which happened.
    """

    cached = False

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context.context
        store: ResponseStore | None = getattr(context, "responses", None)
        if store is None or self.execution_context.operation_type is not OperationType.QUERY:
            yield
            return
        execution = self.execution_context
        key = request_key(execution.query or "", execution.variables, execution.operation_name)
        try:
            lookup = await store.look_up(key)
        except DiikgError:
            # Neo4j cannot answer: execute anyway, so each field reports the error itself.
            yield
            return
        context.db.queries_run += 1  # the version check this request relied on
        if lookup.hit is not None:
            self.cached = True
            self.execution_context.result = lookup.hit
            yield
            return
        yield
        result = self.execution_context.result
        if isinstance(result, ExecutionResult):
            store.keep(lookup, result, context.tables)

    def get_results(self) -> dict[str, Any]:
        return {"cached": self.cached}
