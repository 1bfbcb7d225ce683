"""Answers come in the media type the client accepts, with the status the spec gives."""

from __future__ import annotations

import httpx
import pytest

from api.media import GRAPHQL_RESPONSE, JSON, negotiate, request_error
from tests.api.conftest import EDITOR_TOKEN, Api

KENT = '{ force(id: "kent") { name } }'
LIVE_CHAT = '{ force(id: "kent") { capabilities { maturity target capability { id } } } }'
ASSESS = (
    'mutation { assessCapability(forceId: "kent", capabilityId: "live-chat", '
    "maturity: 0, target: 5) { maturity } }"
)


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, JSON),
        ("", JSON),
        ("*/*", JSON),
        ("application/json", JSON),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, {JSON};q=0.9", GRAPHQL_RESPONSE),
        (f"{JSON}, {GRAPHQL_RESPONSE};q=0.5", JSON),
        (f"{GRAPHQL_RESPONSE};charset=utf-8", GRAPHQL_RESPONSE),
        ("text/html", None),
        (f"{JSON};q=0", None),
        (f"{JSON};q=abc", None),
    ],
)
def test_negotiate_picks_what_the_client_prefers(accept: str | None, chosen: str | None) -> None:
    assert negotiate(accept) == chosen


def test_only_answers_that_never_ran_are_request_errors() -> None:
    invalid = {"data": None, "errors": [{"extensions": {"code": "GRAPHQL_VALIDATION_FAILED"}}]}
    coercion = {
        "data": None,
        "errors": [{"extensions": {"code": "BAD_USER_INPUT", "variable": "f"}}],
    }
    field = {"data": None, "errors": [{"extensions": {"code": "BAD_USER_INPUT"}, "path": ["x"]}]}
    partial = {"data": {"x": None}, "errors": [{"extensions": {"code": "NOT_FOUND"}}]}
    assert request_error(invalid)
    assert request_error(coercion)
    assert not request_error(field)
    assert not request_error(partial)


def _get(api: Api, accept: str | None = None, **params: str) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return httpx.get(f"{api.url}/graphql", params=params, headers=headers, timeout=30)


@pytest.mark.neo4j
def test_graphql_response_json_answers_valid_queries_200_and_invalid_ones_400_without_data(
    seeded: Api,
) -> None:
    headers = {"Accept": GRAPHQL_RESPONSE}
    ok = seeded.post({"query": KENT}, headers=headers)
    assert ok.status_code == 200
    assert ok.headers["content-type"] == GRAPHQL_RESPONSE
    assert ok.json()["data"] == {"force": {"name": "Kent Police"}}
    invalid = seeded.post({"query": '{ force(id: "kent") { nmae } }'}, headers=headers)
    assert invalid.status_code == 400
    assert "data" not in invalid.json()
    assert invalid.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    mistyped = seeded.post(
        {"query": "query($n: Int) { forces(first: $n) { totalCount } }", "variables": {"n": "x"}},
        headers=headers,
    )
    assert mistyped.status_code == 400
    assert mistyped.json()["errors"][0]["extensions"]["variable"] == "n"
    missing = seeded.post({"query": '{ force(id: "atlantis") { name } }'}, headers=headers)
    assert missing.status_code == 200
    assert missing.json()["data"] == {"force": None}


@pytest.mark.neo4j
def test_plain_json_clients_get_200_for_every_graphql_answer(seeded: Api) -> None:
    invalid = seeded.post({"query": "{ nothing }"})
    assert invalid.status_code == 200
    assert invalid.headers["content-type"] == JSON
    assert invalid.json()["data"] is None


@pytest.mark.neo4j
def test_queries_run_by_get_and_mutations_are_refused_405(seeded: Api) -> None:
    answer = _get(seeded, GRAPHQL_RESPONSE, query=KENT)
    assert answer.status_code == 200
    assert answer.json()["data"]["force"]["name"] == "Kent Police"
    variables = _get(
        seeded, query="query($id: ID!) { force(id: $id) { name } }", variables='{"id": "kent"}'
    )
    assert variables.json()["data"]["force"]["name"] == "Kent Police"
    before = seeded.data(LIVE_CHAT)
    mutation = httpx.get(
        f"{seeded.url}/graphql",
        params={"query": ASSESS},
        headers={"Authorization": f"Bearer {EDITOR_TOKEN}"},
    )
    assert mutation.status_code == 405
    assert mutation.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert seeded.data(LIVE_CHAT) == before


@pytest.mark.neo4j
def test_a_client_accepting_neither_type_gets_406(seeded: Api) -> None:
    refused = seeded.post({"query": KENT}, headers={"Accept": "text/plain"})
    assert refused.status_code == 406
    assert refused.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.neo4j
def test_transport_errors_use_the_accepted_type(seeded: Api) -> None:
    broken = httpx.post(
        f"{seeded.url}/graphql",
        content=b"{not json",
        headers={"Content-Type": JSON, "Accept": GRAPHQL_RESPONSE},
    )
    assert broken.status_code == 400
    assert broken.headers["content-type"] == GRAPHQL_RESPONSE
    assert broken.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
