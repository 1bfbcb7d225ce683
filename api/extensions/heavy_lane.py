"""Runs a costly query only when the heavy lane has room (``api.admission``)."""

from __future__ import annotations

from collections.abc import AsyncIterator

from graphql import ExecutionResult, GraphQLError
from strawberry.extensions import SchemaExtension

from api.admission import Admission, RateLimited
from api.errors import ErrorCode

__all__ = ["HeavyLane"]


class HeavyLane(SchemaExtension):
    """Waits for a turn in the heavy lane for a query costing over ``DIIKG_HEAVY_COST``.

    The cost is the one :class:`api.extensions.query_cost.QueryCost` worked out. An
    answer already taken from the response cache needs no turn. A query refused a
    turn is answered ``RATE_LIMITED`` with HTTP 429 and ``Retry-After``, unrun.
    """

    async def on_execute(self) -> AsyncIterator[None]:
        execution = self.execution_context
        context = execution.context
        admission: Admission | None = getattr(context, "admission", None)
        if admission is None or execution.result is not None:
            yield
            return
        try:
            async with admission.lane(context.cost):
                yield
        except RateLimited as refused:
            context.response.status_code = 429
            context.response.headers["Retry-After"] = str(refused.retry_after)
            execution.result = ExecutionResult(
                data=None,
                errors=[
                    GraphQLError(
                        str(refused),
                        extensions={
                            "code": ErrorCode.RATE_LIMITED.value,
                            "retryAfter": refused.retry_after,
                        },
                    )
                ],
            )
            yield
