"""Refuses an operation whose cost is over the budget, before it is validated or run.

It also refuses a document of several operations that does not name the one to run:
graphql-core would run the first.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import GraphQLError, OperationDefinitionNode
from strawberry.extensions import SchemaExtension

from api.cost import query_cost
from api.errors import ErrorCode

__all__ = ["QueryCost"]


class QueryCost(SchemaExtension):
    """Works out the cost of the operation (``api.cost``) and refuses it over the budget.

    The error is ``QUERY_TOO_COMPLEX`` with ``cost`` and ``budget`` in its extensions;
    nothing is validated or run after it. The budget is ``DIIKG_QUERY_BUDGET``. The
    cost of an admitted query is left in the request context's ``cost``.
    """

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        budget: int = context.context.settings.query_budget
        operations = [
            d
            for d in (document.definitions if document else ())
            if isinstance(d, OperationDefinitionNode)
        ]
        # The name the client gave: operation_name falls back to the first operation's.
        if len(operations) > 1 and context._provided_operation_name is None:
            context.pre_execution_errors = [
                GraphQLError(
                    f"the document has {len(operations)} operations: name the one to run "
                    "with operationName",
                    extensions={"code": ErrorCode.GRAPHQL_VALIDATION_FAILED.value},
                )
            ]
        elif document is not None:
            cost = query_cost(
                context.schema._schema, document, context.operation_name, context.variables
            )
            context.context.cost = cost
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
