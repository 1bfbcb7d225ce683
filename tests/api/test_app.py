"""The application's own limits: an answer larger than DIIKG_MAX_RESPONSE_MB is not sent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store.local import LocalNeo4j
from tests.api.conftest import Api, serving

pytestmark = pytest.mark.neo4j

LARGE = """{ forces(first: 49) { edges { node { name
  capabilities(first: 100) { maturity target capability { name } } } } } }"""


@pytest.fixture
def small_answers(neo4j_server: LocalNeo4j, seeded: Api, tmp_path: Path) -> Iterator[Api]:
    with serving(neo4j_server, tmp_path / "serve.log", DIIKG_MAX_RESPONSE_MB="0.02") as server:
        yield server


def test_an_answer_over_the_size_limit_is_replaced_by_a_coded_error(small_answers: Api) -> None:
    result = small_answers.query(LARGE)
    assert result["data"] is None
    [error] = result["errors"]
    assert error["extensions"]["code"] == "RESPONSE_TOO_LARGE"
    assert "over the limit of 0.02 MiB" in error["message"]
    assert small_answers.data('{ force(id: "kent") { name } }') == {
        "force": {"name": "Kent Police"}
    }
