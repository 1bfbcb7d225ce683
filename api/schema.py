"""The GraphQL schema, assembled: queries, analyses and mutations, under the request limits."""

from __future__ import annotations

import inspect
import logging

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext

from api import types
from api.analyses import AnalysisQuery
from api.bounds import bound_lists
from api.limits import limit_extensions
from api.mutations import Mutation
from api.queries import EntityQuery

__all__ = ["schema"]

log = logging.getLogger("diikg.api")


@strawberry.type
class Query(EntityQuery, AnalysisQuery):
    """Every root field that reads: records and pages (``api.queries``), analyses."""


bound_lists(cls for _, cls in inspect.getmembers(types, inspect.isclass))


class _Schema(strawberry.Schema):
    """The schema, logging each error as one line that holds no query text or variables."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        context = getattr(execution_context, "context", None)
        request_id = getattr(context, "request_id", None)
        operation = getattr(execution_context, "operation_name", None)
        for error in errors:
            code = (error.extensions or {}).get("code")
            kind = type(error.original_error).__name__ if error.original_error else "GraphQLError"
            log.info(
                "graphql error: request %s, operation %s, path %s, %s",
                request_id,
                operation or "-",
                ".".join(str(p) for p in error.path or ()) or "-",
                code or kind,
            )


schema = _Schema(query=Query, mutation=Mutation, extensions=limit_extensions())
