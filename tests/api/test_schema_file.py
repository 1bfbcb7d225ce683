"""schema.graphql is the schema the server serves; `diikg schema` regenerates it."""

from __future__ import annotations

import inspect

from graphql import get_named_type, get_nullable_type, is_leaf_type, is_list_type
from strawberry.types.base import has_object_definition

from api import types
from api.schema import schema
from graph.config import PROJECT_ROOT

CONTRACT = (
    "force(id: ID!): Force",
    "forces(filter: ForceFilter = null, first: Int = null, after: String = null, last: Int = null, before: String = null, sort: ForceSort! = NAME_ASC): ForceConnection!",
    "unmetNeeds(filter: UnmetNeedFilter = null, first: Int = null, scope: DataScope = null): [UnmetNeed!]!",
    "assessCapability(forceId: ID!, capabilityId: ID!, maturity: Int!, target: Int!, assessedOn: Date = null",
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
    holdings = schema._schema.type_map["Capability"].fields["holdings"]  # type: ignore[attr-defined]
    assert str(holdings.type) == "[CapabilityHolding!]!"
    assert str(holdings.args["belowTarget"].type) == "Boolean"
    assert str(holdings.args["sort"].type) == "HoldingSort!"
    page_info = schema._schema.type_map["PageInfo"].fields  # type: ignore[attr-defined]
    assert set(page_info) == {"hasNextPage", "hasPreviousPage", "startCursor", "endCursor"}


def test_every_nested_list_of_records_is_bounded_by_first() -> None:
    record_types = {
        cls.__strawberry_definition__.name
        for _, cls in inspect.getmembers(types, inspect.isclass)
        if has_object_definition(cls)
    }
    unbounded = [
        f"{name}.{field_name}"
        for name in sorted(record_types & set(schema._schema.type_map))  # type: ignore[attr-defined]
        for field_name, field in schema._schema.type_map[name].fields.items()  # type: ignore[attr-defined]
        if is_list_type(get_nullable_type(field.type))
        and not is_leaf_type(get_named_type(field.type))
        and "first" not in field.args
    ]
    assert unbounded == []
