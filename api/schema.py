"""The GraphQL schema, assembled: queries, analyses and mutations, under the request limits."""

from __future__ import annotations

import strawberry

from api.analyses import AnalysisQuery
from api.limits import limit_extensions
from api.mutations import Mutation
from api.queries import EntityQuery

__all__ = ["schema"]


@strawberry.type
class Query(EntityQuery, AnalysisQuery):
    """Every root field that reads: records and pages (``api.queries``), analyses."""


schema = strawberry.Schema(query=Query, mutation=Mutation, extensions=limit_extensions())
