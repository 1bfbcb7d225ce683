"""The example queries in docs/queries run against the seed graph and return data."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.config import PROJECT_ROOT
from tests.api.conftest import Api

pytestmark = pytest.mark.neo4j

EXAMPLES = sorted((PROJECT_ROOT / "docs" / "queries").glob("*.graphql"))


def test_there_are_a_dozen_examples_for_all_three_user_groups() -> None:
    assert len(EXAMPLES) >= 12
    assert {path.name.split("-")[0] for path in EXAMPLES} == {"analyst", "techfirm", "planner"}
    listed = (PROJECT_ROOT / "docs" / "queries" / "README.md").read_text()
    assert all(f"`{path.name}`" in listed for path in EXAMPLES)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_runs_and_returns_data(seeded: Api, path: Path) -> None:
    data = seeded.data(path.read_text())
    assert data
    assert all(value not in (None, [], {}) for value in data.values()), data
