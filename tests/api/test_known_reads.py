"""A request a compiled read answered before is answered again the same, byte for byte."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from graph.store.database import Database
from graph.store.local import LocalNeo4j
from tests.api.conftest import EDITOR_TOKEN, Api, reload_seed, serving

QUERIES = [
    '{ force(id: "kent") { id name region kind capabilities { maturity target '
    "capability { id name stage } } } }",
    '{ forces(first: 3, filter: {region: "South East"}) { totalCount '
    "edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }",
    "{ capabilities(first: 4) { edges { node { id holdingStats { forcesAssessed "
    "meanMaturity minMaturity maxMaturity totalGap } } } } }",
    'query Q($id: ID!) { a: force(id: $id) { __typename id } b: force(id: "none") { id } }',
]
LIVE_CHAT = '{ force(id: "kent") { capabilities { maturity capability { id } } } }'
ASSESS = (
    'mutation($m: Int!) { assessCapability(forceId: "kent", capabilityId: "live-chat", '
    "maturity: $m, target: 5) { maturity } }"
)
_REQUEST_ID = re.compile(rb'"requestId":"[0-9a-f]+"')


@pytest.fixture(scope="module")
def uncached(neo4j_server: LocalNeo4j, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    log = tmp_path_factory.mktemp("known") / "serve.log"
    with serving(neo4j_server, log, DIIKG_RESPONSE_CACHE_MB="0") as server:
        yield server


@pytest.fixture
def fresh_seed(session_db: Database) -> Iterator[None]:
    reload_seed(session_db)
    yield
    reload_seed(session_db)


def _body(api: Api, query: str) -> tuple[int, str, bytes]:
    response = api.post({"query": query, "variables": {"id": "kent"}})
    return (
        response.status_code,
        response.headers["content-type"],
        _REQUEST_ID.sub(b'"requestId":"-"', response.content),
    )


@pytest.mark.parametrize("query", QUERIES)
def test_a_known_request_is_answered_exactly_as_the_first_time(
    uncached: Api, fresh_seed: None, query: str
) -> None:
    first = _body(uncached, query)
    assert first[0] == 200
    assert b'"cypherQueries":1,' in first[2]
    assert [_body(uncached, query) for _ in range(3)] == [first] * 3


@pytest.mark.parametrize("cache", ["uncached", "seeded"])
def test_a_known_request_sees_the_last_write(
    cache: str, request: pytest.FixtureRequest, fresh_seed: None
) -> None:
    api: Api = request.getfixturevalue(cache)
    before = [_live_chat(api.data(LIVE_CHAT)) for _ in range(2)]
    api.data(ASSESS, {"m": before[0] % 5 + 1}, token=EDITOR_TOKEN)
    assert before[0] == before[1]
    assert _live_chat(api.data(LIVE_CHAT)) == before[0] % 5 + 1


def test_a_known_request_with_new_variables_is_read_afresh(uncached: Api) -> None:
    text = "query Q($id: ID!) { force(id: $id) { id } }"
    assert uncached.data(text, {"id": "kent"}) == {"force": {"id": "kent"}}
    assert uncached.data(text, {"id": "kent"}) == {"force": {"id": "kent"}}
    assert uncached.data(text, {"id": "surrey"}) == {"force": {"id": "surrey"}}


def _live_chat(data: dict[str, object]) -> int:
    force = data["force"]
    assert isinstance(force, dict)
    levels = {c["capability"]["id"]: c["maturity"] for c in force["capabilities"]}
    return int(levels["live-chat"])
