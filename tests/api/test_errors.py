"""Errors and limits over HTTP: codes a client can act on, and no request that can run away."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import Api

pytestmark = pytest.mark.neo4j

NESTED = """query($first: Int) { forces(first: $first) { edges { node { name
  capabilities { maturity capability { name suppliers { name } crimeTypes { name } } }
  pilots { name benefits { metric } } suppliers { name } } } } }"""


def codes(result: dict[str, object]) -> list[str]:
    return [error["extensions"]["code"] for error in result["errors"]]  # type: ignore[index]


def test_queries_grow_with_depth_not_with_results(seeded: Api) -> None:
    small = seeded.query(NESTED, {"first": 3})
    every = seeded.query(NESTED, {"first": 49})
    assert len(every["data"]["forces"]["edges"]) == 49
    # The response cache's version check, then the one compiled read (api.compiler).
    assert every["extensions"]["cypherQueries"] == 2
    assert small["extensions"]["cypherQueries"] == every["extensions"]["cypherQueries"]


def test_resolved_queries_grow_with_depth_not_with_results(seeded: Api) -> None:
    # search is never compiled: its hits' nested lists go through the DataLoaders.
    query = """query($first: Int) { search(text: "digital", first: $first) { node {
      ... on Capability { suppliers { name pilots { name } } crimeTypes { name } } } } }"""
    small = seeded.query(query, {"first": 2})
    every = seeded.query(query, {"first": 40})
    assert len(every["data"]["search"]) > len(small["data"]["search"])
    # The version check, the search, then one batched query per kind of neighbour at each
    # level: capability suppliers, crime types; supplier pilots.
    assert every["extensions"]["cypherQueries"] == 5
    assert small["extensions"]["cypherQueries"] == every["extensions"]["cypherQueries"]


def test_bad_arguments_are_bad_user_input(seeded: Api) -> None:
    too_many = seeded.query("{ forces(first: 501) { totalCount } }")
    assert codes(too_many) == ["BAD_USER_INPUT"]
    assert "first must be between 0 and 500" in too_many["errors"][0]["message"]
    assert codes(seeded.query("{ forces(first: -1) { totalCount } }")) == ["BAD_USER_INPUT"]
    bad_cursor = seeded.query('{ forces(after: "not-a-cursor") { totalCount } }')
    assert codes(bad_cursor) == ["BAD_USER_INPUT"]
    cursor = seeded.data("{ forces(first: 1) { pageInfo { endCursor } } }")["forces"]["pageInfo"][
        "endCursor"
    ]
    wrong_sort = seeded.query(f'{{ forces(after: "{cursor}", sort: REGION_ASC) {{ totalCount }} }}')
    assert "made for Force.NAME_ASC, not Force.REGION_ASC" in wrong_sort["errors"][0]["message"]


def test_schema_mistakes_are_parse_or_validation_failures(seeded: Api) -> None:
    assert codes(seeded.query("{ forces { edges { node { colour } } } }")) == [
        "GRAPHQL_VALIDATION_FAILED"
    ]
    assert codes(seeded.query("{ forces(")) == ["GRAPHQL_PARSE_FAILED"]
    cycle = "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }"
    assert "GRAPHQL_VALIDATION_FAILED" in codes(seeded.query(cycle))


def levels(count: int) -> str:
    """A query ``count`` fields deep: a capability, its dependents' dependents, ..., an id."""
    nested = count - 2
    return (
        '{ capability(id: "digital-evidence-management") '
        + "{ dependents(first: 1) " * nested
        + "{ id"
        + " }" * (nested + 1)
        + " }"
    )


def test_depth_alias_and_token_limits(seeded: Api) -> None:
    assert "errors" not in seeded.query(levels(10))
    result = seeded.query(levels(11))
    assert codes(result) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "exceeds maximum operation depth" in result["errors"][0]["message"]
    aliases = "{ " + " ".join(f'a{i}: force(id: "kent") {{ name }}' for i in range(40)) + " }"
    assert "aliases" in seeded.query(aliases)["errors"][0]["message"]
    huge = "{ " + 'force(id: "kent") { name } ' * 800 + "}"
    assert codes(seeded.query(huge)) == ["GRAPHQL_PARSE_FAILED"]


def test_tokens_are_checked_before_anything_runs(seeded: Api) -> None:
    bad = seeded.post({"query": "{ forces { totalCount } }"}, token="diikg_not-a-real-token")
    assert bad.status_code == 401
    assert bad.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    malformed = seeded.post(
        {"query": "{ forces { totalCount } }"}, headers={"Authorization": "Basic abc"}
    )
    assert malformed.status_code == 401
    assert "Bearer <token>" in malformed.json()["errors"][0]["message"]


def test_bad_bodies_get_clear_client_errors(seeded: Api) -> None:
    not_json = httpx.post(
        f"{seeded.url}/graphql", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert 400 <= not_json.status_code < 500
    wrong_type = httpx.post(
        f"{seeded.url}/graphql", content=b"query", headers={"content-type": "text/plain"}
    )
    assert 400 <= wrong_type.status_code < 500
    assert seeded.query("{ forces { totalCount } }")["data"]["forces"]["totalCount"] == 49


def test_every_response_carries_a_request_id(seeded: Api) -> None:
    response = seeded.post(
        {"query": '{ force(id: "kent") { name } }'}, headers={"X-Request-ID": "trace-42"}
    )
    assert response.headers["x-request-id"] == "trace-42"
    assert response.json()["extensions"]["requestId"] == "trace-42"


def test_errors_are_logged_without_the_query_or_its_variables(seeded: Api, neo4j_server) -> None:  # type: ignore[no-untyped-def]
    marker = "marker7f3a9c"
    seeded.query(f'{{ force(id: "kent") {{ {marker}Field }} }}')
    seeded.query(
        "query Probe($id: ID!) { force(id: $id) { capabilities(first: 9999) { gap } } }",
        {"id": f"kent-{marker}"},
    )
    logs = [seeded.log, neo4j_server.settings.data_dir / "diikg.log"]
    text = "".join(path.read_text(errors="replace") for path in logs if path.exists())
    assert "graphql error: request" in text
    assert marker not in text
