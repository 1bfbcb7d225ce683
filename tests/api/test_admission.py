"""A few requests per client, a bound in total, and a narrow lane for costly queries."""

from __future__ import annotations

import asyncio
import http.client
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from api.admission import Admission, RateLimited
from graph.store.local import LocalNeo4j
from tests.api.conftest import EDITOR_TOKEN, READER_TOKEN, Api, serving

KENT = '{ force(id: "kent") { name } }'


def _admission(**limits: float) -> Admission:
    settings = {
        "per_client": 2,
        "total": 3,
        "heavy_cost": 100,
        "heavy_slots": 1,
        "heavy_wait": 0.05,
    }
    return Admission(**{**settings, **limits})  # type: ignore[arg-type]


def test_a_client_with_too_many_requests_in_flight_is_refused_until_one_ends() -> None:
    async def scenario() -> None:
        admission = _admission()
        async with admission.request("a"), admission.request("a"):
            with pytest.raises(RateLimited) as refused:
                async with admission.request("a"):
                    pass
            assert refused.value.retry_after >= 1
            async with admission.request("b"):  # another client still gets in
                assert admission.in_flight == 3
        async with admission.request("a"):
            assert admission.in_flight == 1

    asyncio.run(scenario())


def test_the_worker_refuses_beyond_its_total() -> None:
    async def scenario() -> None:
        admission = _admission()
        async with admission.request("a"), admission.request("b"), admission.request("c"):
            with pytest.raises(RateLimited, match="answering 3 requests"):
                async with admission.request("d"):
                    pass

    asyncio.run(scenario())


def test_cheap_queries_pass_a_full_heavy_lane_and_heavy_ones_wait_their_turn() -> None:
    async def scenario() -> None:
        admission = _admission(heavy_wait=5)
        order: list[str] = []
        holding, release = asyncio.Event(), asyncio.Event()

        async def heavy(name: str) -> None:
            async with admission.lane(1_000):
                order.append(name)
                holding.set()
                await release.wait()

        first = asyncio.create_task(heavy("first"))
        await holding.wait()
        second = asyncio.create_task(heavy("second"))
        await asyncio.sleep(0.05)
        async with admission.lane(100):  # at the threshold: cheap, runs at once
            order.append("cheap")
        assert order == ["first", "cheap"]
        release.set()
        await asyncio.gather(first, second)
        assert order == ["first", "cheap", "second"]

    asyncio.run(scenario())


def test_a_heavy_query_that_waits_too_long_is_refused_with_a_time_to_retry() -> None:
    async def scenario() -> None:
        admission = _admission()
        async with admission.lane(1_000):
            with pytest.raises(RateLimited, match="costs 5,000") as refused:
                async with admission.lane(5_000):
                    pass
        assert refused.value.retry_after >= 1
        async with admission.lane(5_000):  # the lane is free again
            pass

    asyncio.run(scenario())


@contextmanager
def _unfinished_request(api: Api, token: str | None = None) -> Iterator[socket.socket]:
    """A POST whose body never finishes arriving: it holds its place until closed."""
    where = urlsplit(api.url)
    connection = socket.create_connection((where.hostname, where.port), timeout=10)
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    connection.sendall(
        (
            f"POST /graphql HTTP/1.1\r\nHost: {where.netloc}\r\n{auth}"
            "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n"
            '{"query": "{'
        ).encode()
    )
    try:
        yield connection
    finally:
        connection.close()


def _wait_until_refused(api: Api, token: str | None = None) -> None:
    """Until the server has read the unfinished requests' headers and they hold their places."""
    for _ in range(250):
        if _post(api, token).status_code == 429:
            return
        time.sleep(0.02)
    raise AssertionError("the unfinished requests never took their places")


def _post(api: Api, token: str | None = None) -> httpx.Response:
    return api.post({"query": KENT}, token=token)


@pytest.fixture
def limited(neo4j_server: LocalNeo4j, seeded: Api, tmp_path: Path) -> Iterator[Api]:
    with serving(
        neo4j_server,
        tmp_path / "serve.log",
        DIIKG_CLIENT_CONCURRENCY="1",
        DIIKG_MAX_CONCURRENCY="2",
        DIIKG_REQUEST_TIMEOUT="2",
    ) as server:
        yield server


@pytest.mark.neo4j
def test_over_http_a_second_request_of_a_busy_client_gets_429_and_others_are_served(
    limited: Api,
) -> None:
    with _unfinished_request(limited):
        _wait_until_refused(limited)
        refused = _post(limited)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "1"
        [error] = refused.json()["errors"]
        assert error["extensions"]["code"] == "RATE_LIMITED"
        assert "in flight" in error["message"]
        served = _post(limited, token=READER_TOKEN)  # another client
        assert served.status_code == 200, served.text
        assert httpx.get(f"{limited.url}/healthz").status_code == 200
    assert _post(limited).status_code == 200


@pytest.mark.neo4j
def test_over_http_the_worker_refuses_beyond_its_total(limited: Api) -> None:
    with _unfinished_request(limited), _unfinished_request(limited, READER_TOKEN):
        _wait_until_refused(limited, EDITOR_TOKEN)
        refused = _post(limited, token=EDITOR_TOKEN)
        assert refused.status_code == 429
        assert "answering 2 requests" in refused.json()["errors"][0]["message"]


@pytest.mark.neo4j
def test_a_request_over_the_wall_clock_limit_is_answered_timeout(limited: Api) -> None:
    with _unfinished_request(limited) as connection:
        connection.settimeout(15)
        answer = http.client.HTTPResponse(connection)
        answer.begin()
        body = answer.read().decode()
    assert answer.status == 504
    assert '"code":"TIMEOUT"' in body
    assert "longer than 2 s" in body
