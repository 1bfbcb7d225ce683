"""Refuses an operation whose cost is over the budget, before it is validated or run."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from api.cost import query_cost
from api.errors import ErrorCode

__all__ = ["QueryCost"]


class QueryCost(SchemaExtension):
    """Works out the cost of the operation (``api.cost``) and refuses it over the budget.

    The error is ``QUERY_TOO_COMPLEX`` with ``cost`` and ``budget`` in its extensions;
    nothing is validated or run after it. The budget is ``DIIKG_QUERY_BUDGET``.
    """

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        budget: int = context.context.settings.query_budget
        if document is not None:
            cost = query_cost(
                context.schema._schema, document, context.operation_name, context.variables
            )
            if cost > budget:
                context.pre_execution_errors = [
                    GraphQLError(
                        f"the query costs {cost:,}, over the budget of {budget:,}: ask for "
                        "fewer items (first) or less nesting, or split it",
                        extensions={
                            "code": ErrorCode.QUERY_TOO_COMPLEX.value,
                            "cost": cost,
                            "budget": budget,
                        },
                    )
                ]
        yield
