"""Query cost analysis: worked out by hand on small queries, enforced over HTTP before any work."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import parse

from api.cost import CEILING, query_cost
from api.schema import schema
from bench.shapes import SHAPES
from graph.config import PROJECT_ROOT, load_settings
from tests.api.conftest import Api

FAN_OUT = (
    "{ capabilities { edges { node { holdings { force { capabilities { capability { "
    "holdings { force { capabilities { capability { name } } } } } } } } } } } }"
)
"""The fan-out the attack used: lists nested back and forth, about 40 tokens, no aliases."""


def cost(text: str, variables: dict[str, object] | None = None, name: str | None = None) -> int:
    return query_cost(schema._schema, parse(text), name, variables)  # type: ignore[attr-defined]


def test_a_field_costs_the_product_of_the_list_sizes_above_it() -> None:
    text = "{ forces(first: 10) { edges { node { name capabilities(first: 5) { maturity } } } } }"
    # forces 1, edges 1, node 10, name 10, capabilities 10, maturity 10 x 5.
    assert cost(text) == 1 + 1 + 10 + 10 + 10 + 50


def test_defaults_variables_aliases_and_fragments_all_count() -> None:
    # A connection without first counts its default page of 50; a nested list its default 50.
    assert cost("{ forces { edges { node { pilots { id } } } } }") == 1 + 1 + 50 + 50 + 2500
    paged = "query ($n: Int) { forces(first: $n) { totalCount } }"
    assert cost(paged, {"n": 3}) == cost("{ forces(first: 3) { totalCount } }")
    twice = '{ a: force(id: "kent") { name } b: force(id: "kent") { name } }'
    assert cost(twice) == 2 * cost('{ force(id: "kent") { name } }')
    spread = '{ force(id: "kent") { ...F ...F } } fragment F on Force { pilots { id } }'
    assert cost(spread) == 1 + 2 * (1 + 50)


def test_an_analysis_carries_a_cost_of_its_own() -> None:
    assert cost("{ dependencyReport { completenessRate } }") > 20_000


def test_the_default_budget_admits_every_example_and_benchmark_shape() -> None:
    budget = load_settings().query_budget
    examples = sorted((PROJECT_ROOT / "docs" / "queries").glob("*.graphql"))
    over = [p.name for p in examples if cost(Path(p).read_text()) > budget]
    over += [shape.name for shape in SHAPES if cost(shape.ours) > budget]
    assert over == []
    assert cost(FAN_OUT) > 500 * budget


@pytest.mark.neo4j
def test_the_fan_out_is_refused_before_any_database_work(seeded: Api) -> None:
    answer = seeded.query(FAN_OUT)
    [error] = answer["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["cost"] == cost(FAN_OUT)
    assert error["extensions"]["budget"] == 1_000_000
    assert "over the budget of 1,000,000" in error["message"]
    assert answer.get("data") is None
    assert answer.get("extensions", {}).get("cypherQueries", 0) == 0
    deeper = '{ force(id: "kent") { ' + "pilots { forces { " * 12 + "id" + " } }" * 12 + " } }"
    [error] = seeded.query(deeper)["errors"]
    assert (error["extensions"]["code"], error["extensions"]["cost"]) == (
        "QUERY_TOO_COMPLEX",
        CEILING,
    )


@pytest.mark.neo4j
def test_thirty_aliases_of_an_admitted_fan_out_are_refused(seeded: Api) -> None:
    one = "capabilities { edges { node { holdings { force { capabilities { gap } } } } } }"
    assert "errors" not in seeded.query("{ " + one + " }")
    aliased = "{ " + " ".join(f"a{i}: {one}" for i in range(30)) + " }"
    [error] = seeded.query(aliased)["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["cost"] == 30 * cost("{ " + one + " }")
    thirty_fan_outs = "{ " + " ".join(f"a{i}: {FAN_OUT[2:-2]}" for i in range(30)) + " }"
    [error] = seeded.query(thirty_fan_outs)["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"


@pytest.mark.neo4j
def test_a_nested_list_gives_at_most_first_items(seeded: Api) -> None:
    text = '{ capability(id: "digital-evidence-management") { holdings(first: 3) { gap } } }'
    assert len(seeded.query(text)["data"]["capability"]["holdings"]) == 3
    [error] = seeded.query(
        '{ capability(id: "digital-evidence-management") { holdings(first: 501) { gap } } }'
    )["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["path"] == ["capability", "holdings"]


def test_a_cost_too_large_to_write_exactly_is_counted_at_the_ceiling() -> None:
    deep = '{ force(id: "kent") { ' + "pilots { forces { " * 12 + "id" + " } }" * 12 + " } }"
    assert cost(deep) == CEILING
