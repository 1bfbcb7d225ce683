"""Reports, in the response's extensions, the request id and how many Cypher queries ran."""

from __future__ import annotations

from typing import Any

from strawberry.extensions import SchemaExtension

__all__ = ["QueryStats", "request_stats"]


class QueryStats(SchemaExtension):
    """Adds ``extensions: {requestId, cypherQueries}`` to every response.

    The query count shows that a request's queries grow with its depth, not with the
    size of its results. Example: ``strawberry.Schema(query=Query, extensions=[QueryStats])``.
    """

    def get_results(self) -> dict[str, Any]:
        return request_stats(self.execution_context.context)


def request_stats(context: object) -> dict[str, Any]:
    """The request id and the count of Cypher queries run, as ``extensions`` reports them."""
    return {
        "requestId": getattr(context, "request_id", None),
        "cypherQueries": getattr(context, "queries_run", None),
    }
