"""A costly query finding the heavy lane full is answered RATE_LIMITED (429), unrun."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from starlette.responses import Response

from api.admission import Admission
from api.schema import schema
from graph.config import Settings, load_settings


@dataclass
class _Context:
    admission: Admission
    settings: Settings = field(default_factory=load_settings)
    response: Response = field(default_factory=Response)
    request_id: str = "req-1"
    responses: None = None
    cost: int = 0


def test_a_heavy_query_finding_the_lane_full_is_refused_with_retry_after() -> None:
    async def scenario() -> None:
        admission = Admission(per_client=8, total=8, heavy_cost=10, heavy_slots=1, heavy_wait=0.05)
        context = _Context(admission)
        async with admission.lane(11):
            result = await schema.execute(
                "{ forces(first: 20) { edges { node { name } } } }", context_value=context
            )
        assert context.cost > 10
        assert result.data is None
        [error] = result.errors or []
        assert error.extensions is not None
        assert error.extensions["code"] == "RATE_LIMITED"
        assert error.extensions["retryAfter"] >= 1
        assert context.response.status_code == 429
        assert context.response.headers["retry-after"] == str(error.extensions["retryAfter"])

    asyncio.run(scenario())
