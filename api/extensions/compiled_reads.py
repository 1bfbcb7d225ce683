"""Answers a read the compiler covers with one Cypher query, skipping per-field resolution."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from cachetools import LRUCache
from graphql import ExecutionResult
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from api.compiler import CompiledRead, Uncompiled, compile_read
from api.errors import ApiError
from graph import reads
from graph.exceptions import DiikgError

__all__ = ["CompiledReads"]

log = logging.getLogger("diikg.api")

_PLANS: LRUCache[tuple[str, str, str | None], CompiledRead | None] = LRUCache(maxsize=1024)
"""Compiled reads by query text, variables and operation (``None``: not compilable)."""


class CompiledReads(SchemaExtension):
    """Runs a query ``api.compiler`` covers as one read and writes its answer directly.

    Anything the compiler does not cover, and any error on the way (a missing value,
    Neo4j unreachable), leaves the request to the resolvers, which give the reference
    answer and its errors. ``DIIKG_COMPILED_READS=false`` turns it off.
    """

    async def on_execute(self) -> AsyncIterator[None]:
        execution = self.execution_context
        context = execution.context
        settings = getattr(context, "settings", None)
        if (
            execution.result is not None
            or execution.operation_type is not OperationType.QUERY
            or settings is None
            or not settings.compiled_reads
            or context.compiled_failed
            or execution.graphql_document is None
        ):
            yield
            return
        compiled = self._plan()
        if compiled is not None:
            try:
                answers = await reads.compiled(context.db, compiled.roots)
                execution.result = ExecutionResult(data=compiled.write(answers))
                context.compiled = compiled
            except (Uncompiled, ApiError, DiikgError):
                pass
            except Exception:
                # A fault of the compiler's own: the resolvers still answer correctly.
                log.exception("a compiled read failed in request %s", context.request_id)
        yield

    def _plan(self) -> CompiledRead | None:
        execution = self.execution_context
        key = (execution.query or "", repr(execution.variables), execution.operation_name)
        if key in _PLANS:
            return _PLANS[key]
        try:
            compiled: CompiledRead | None = compile_read(
                execution.schema._schema,
                execution.graphql_document,  # type: ignore[arg-type]
                execution.operation_name,
                execution.variables,
                max_page_size=execution.context.settings.max_page_size,
            )
        except Uncompiled:
            compiled = None
        except Exception:
            # A fault of the compiler's own: the resolvers still answer correctly.
            log.exception("the compiler failed on request %s", execution.context.request_id)
            compiled = None
        _PLANS[key] = compiled
        return compiled
