"""Schemathesis fuzzes every root field: no 5xx, no unmasked error, answers shaped as GraphQL says.

Examples per field come from TEST_FUZZ_EXAMPLES (a few in `make test`, hundreds in
`make fuzz`). Requests go out anonymous (mutations must be refused) and, with
TEST_FUZZ_EDITOR=1 (`make fuzz`), as an editor, so mutations run with fuzzed input too.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from graph.config import PROJECT_ROOT
from tests.api.conftest import EDITOR_TOKEN, Api

pytestmark = pytest.mark.neo4j

EXAMPLES = int(os.environ.get("TEST_FUZZ_EXAMPLES", "8"))
AS_EDITOR = os.environ.get("TEST_FUZZ_EDITOR") == "1"
CODES = {
    "BAD_USER_INPUT",
    "NOT_FOUND",
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "TIMEOUT",
    "QUERY_TOO_COMPLEX",
    "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED",
}
"""Codes a fuzzed request may get; INTERNAL_SERVER_ERROR or DATABASE_UNAVAILABLE is a failure."""

SCHEMA = schemathesis.graphql.from_path(PROJECT_ROOT / "schema.graphql")


def check_graphql_answer(response: Any, *, mutation: bool) -> None:
    """The checks every fuzzed answer must pass; raises AssertionError naming what broke."""
    assert response.status_code == 200, (response.status_code, response.text[:500])
    body = response.json()
    assert set(body) <= {"data", "errors", "extensions"}, body.keys()
    assert "data" in body or "errors" in body
    for error in body.get("errors", []):
        message = error.get("message")
        assert isinstance(message, str), error
        assert message, error
        assert error.get("extensions", {}).get("code") in CODES, error
        assert "Traceback" not in message, error
        assert "Neo.ClientError" not in message, error
    if mutation and not AS_EDITOR:
        # An anonymous caller changes nothing: every mutation field comes back empty.
        assert body.get("data") is None or all(v is None for v in body["data"].values()), body
        assert body["errors"], body


@SCHEMA.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_fuzzed_requests_get_well_formed_answers(case: Any, api: Api) -> None:
    headers = {"Authorization": f"Bearer {EDITOR_TOKEN}"} if AS_EDITOR else {}
    response = case.call(base_url=f"{api.url}/graphql", headers=headers, timeout=60)
    check_graphql_answer(response, mutation=case.operation.label.startswith("Mutation."))
