"""schema.graphql is the schema the server serves; `diikg schema` regenerates it."""

from __future__ import annotations

from api.schema import schema
from graph.config import PROJECT_ROOT

CONTRACT = (
    "force(id: ID!): Force",
    "forces(filter: ForceFilter = null, first: Int = null, after: String = null, sort: ForceSort! = NAME_ASC): ForceConnection!",
    "unmetNeeds(filter: UnmetNeedFilter = null, first: Int = null, scope: DataScope = null): [UnmetNeed!]!",
    "assessCapability(forceId: ID!, capabilityId: ID!, maturity: Int!, target: Int!, assessedOn: Date = null",
    "holdings(belowTarget: Boolean = null, asOf: Date = null): [CapabilityHolding!]!",
)


def test_schema_file_is_current() -> None:
    on_disk = (PROJECT_ROOT / "schema.graphql").read_text()
    assert on_disk == schema.as_str() + "\n", (
        "schema.graphql is stale: run `.venv/bin/diikg schema`"
    )


def test_schema_keeps_the_design_contract() -> None:
    text = schema.as_str()
    for line in CONTRACT:
        assert line in text, line
