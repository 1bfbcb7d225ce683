"""Hostile requests: each gets a clear answer, nothing runs as Cypher, the server keeps serving."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from graphql import (
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLNamedType,
    GraphQLObjectType,
    get_named_type,
    is_leaf_type,
)

from api.app import MAX_BODY_BYTES
from api.schema import schema
from graph.archive.snapshot import GraphSnapshot
from graph.store.database import Database
from tests.api.conftest import EDITOR_TOKEN, Api

pytestmark = pytest.mark.neo4j

INJECTIONS = [
    "kent' OR 1=1 //",
    'kent"}) MATCH (n) DETACH DELETE n //',
    "'}) DETACH DELETE n RETURN 1 //",
    "x` {id: 'y'}) CALL db.labels() YIELD label RETURN label //",
    "$ids",
    "\\u0027 OR ''='",
    "*:* OR name:(kent)~ AND \\",
    "/* */ MATCH (n) SET n.pwned = true",
]
ODD_TEXT = [
    "\u202eecilop tnek",  # right-to-left override
    "k\u200be\u200bn\u200bt",  # zero-width spaces
    "🚓👮‍♀️🔍",
    "Z̵̡̢a̶l̷g̸o̵",
    "\u0000null\u0000byte",
    "\ud7ff\ue000\uffff",
    "\ufb01 \u01c5 \u00df \u0130 \u0131",  # ligature, titlecase digraph, dotted and dotless i
    "a" * 100_000,
]
OK_CODES = {"BAD_USER_INPUT", "NOT_FOUND"}


def _string_arguments() -> Iterator[tuple[str, str, str | None]]:
    """(root field, argument, input field or None) for every String or ID a query can take."""
    query = schema._schema.query_type
    assert query is not None
    for name, field in query.fields.items():
        for arg_name, arg in field.args.items():
            named = get_named_type(arg.type)
            if named.name in ("String", "ID"):
                yield name, arg_name, None
            elif isinstance(named, GraphQLInputObjectType):
                for input_name, input_field in named.fields.items():
                    if get_named_type(input_field.type).name in ("String", "ID"):
                        yield name, arg_name, input_name


def _selection(field: GraphQLField) -> str:
    named: GraphQLNamedType = get_named_type(field.type)
    return "" if is_leaf_type(named) else " { __typename }"


def _request(root: str, argument: str, input_field: str | None, value: str) -> dict[str, Any]:
    query = schema._schema.query_type
    assert isinstance(query, GraphQLObjectType)
    field = query.fields[root]
    arg_type = field.args[argument].type
    if input_field is None:
        variables: dict[str, Any] = {"v": value}
    else:
        variables = {"v": {input_field: value}}
    required = {
        name: 1 for name, arg in field.args.items() if name != argument and str(arg.type) == "Int!"
    }
    fixed = "".join(f", {name}: {number}" for name, number in required.items())
    text = f"query($v: {arg_type}) {{ {root}({argument}: $v{fixed}){_selection(field)} }}"
    return {"query": text, "variables": variables}


def _assert_clean(response: httpx.Response, value: str) -> None:
    """A client error at most, quoting the input perhaps, but never a statement or Neo4j's words."""
    assert response.status_code < 500, response.text[:500]
    body = response.json()
    for error in body.get("errors", []):
        assert error["extensions"]["code"] in OK_CODES, error
        own_words = error["message"].replace(value, "").replace(value.strip(), "")
        for leak in ("Neo.", "MATCH", "RETURN", "UNWIND", "Traceback"):
            assert leak not in own_words, error


def test_injections_in_every_string_argument_are_data(seeded: Api, session_db: Database) -> None:
    before = GraphSnapshot.read(session_db).contents()
    targets = list(_string_arguments())
    assert len(targets) >= 15  # ids, filters, cursors and search text
    for root, argument, input_field in targets:
        for value in INJECTIONS:
            _assert_clean(seeded.post(_request(root, argument, input_field, value)), value)
    assert GraphSnapshot.read(session_db).contents() == before
    assert seeded.query('{ force(id: "kent") { name } }')["data"]["force"]["name"] == "Kent Police"


def test_unusual_and_very_long_text_gets_clear_answers(seeded: Api) -> None:
    for value in ODD_TEXT:
        for root, argument, input_field in [
            ("force", "id", None),
            ("search", "text", None),
            ("forces", "filter", "nameContains"),
            ("forces", "after", None),
        ]:
            _assert_clean(seeded.post(_request(root, argument, input_field, value)), value)
    found = seeded.data("query($t: String!) { search(text: $t) { score } }", {"t": "🚓 kent"})
    assert found["search"] == []


def test_injections_stored_by_an_editor_come_back_exactly(seeded: Api) -> None:
    mutation = "mutation($i: SupplierInput!) { upsertSupplier(input: $i) { id name description } }"
    for number, value in enumerate([*INJECTIONS, *ODD_TEXT[:-1]]):
        supplier = {"id": f"hostile-{number}", "name": value, "description": value, "offers": []}
        stored = seeded.data(mutation, {"i": supplier}, token=EDITOR_TOKEN)["upsertSupplier"]
        assert stored == {
            "id": f"hostile-{number}",
            "name": value.strip(),
            "description": value.strip(),
        }
        read = seeded.data(
            "query($id: ID!) { supplier(id: $id) { name } }", {"id": f"hostile-{number}"}
        )
        assert read["supplier"]["name"] == value.strip()
    # Ids are checked, so an injection cannot become one.
    bad_id = {"id": "x'}) DETACH DELETE n //", "name": "x", "offers": []}
    refused = seeded.query(mutation, {"i": bad_id}, token=EDITOR_TOKEN)
    assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert seeded.data("{ forces { totalCount } }")["forces"]["totalCount"] == 49


def test_fragment_cycles_and_huge_numbers_are_refused(seeded: Api) -> None:
    cycle = '{ force(id: "kent") { ...A } } fragment A on Force { pilots { forces { ...B } } } fragment B on Force { ...A }'
    result = seeded.query(cycle)
    assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "cannot spread fragment" in result["errors"][0]["message"].lower()
    too_big = seeded.query("{ forces(first: 1000000000) { totalCount } }")
    assert too_big["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    overflow = seeded.query("{ forces(first: 99999999999999999999) { totalCount } }")
    assert overflow["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_batches_bodies_and_content_types_get_client_errors(seeded: Api) -> None:
    url = f"{seeded.url}/graphql"
    flood = [{"query": "{ forces { totalCount } }"}] * 1000
    answers = [
        httpx.post(url, json=flood),
        httpx.post(
            url, content=b"\xff\xfe\x00garbage", headers={"content-type": "application/json"}
        ),
        httpx.post(url, content=b'{"query": 42}', headers={"content-type": "application/json"}),
        httpx.post(url, content=b"[]", headers={"content-type": "application/json"}),
        httpx.post(url, content=b"null", headers={"content-type": "application/json"}),
        httpx.post(url, data={"query": "{ forces { totalCount } }"}),
        httpx.post(url, content=b"<xml/>", headers={"content-type": "application/xml"}),
        httpx.get(url, params={"query": "{ forces { totalCount } }", "variables": "[1"}),
        httpx.put(url, json={"query": "{ forces { totalCount } }"}),
    ]
    for answer in answers:
        assert 400 <= answer.status_code < 500, (answer.request.content[:80], answer.text[:300])
        assert answer.headers["content-type"].startswith("application/json"), answer.text[:200]
        assert answer.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    huge = httpx.post(url, json={"query": "{ forces { totalCount } }", "pad": "x" * MAX_BODY_BYTES})
    assert huge.status_code == 413
    assert huge.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"

    def chunks() -> Iterator[bytes]:
        yield b'{"query": "{ forces { totalCount } }", "pad": "'
        for _ in range(MAX_BODY_BYTES // 4096 + 1):
            yield b"x" * 4096
        yield b'"}'

    chunked = httpx.post(url, content=chunks(), headers={"content-type": "application/json"})
    assert chunked.status_code == 413
    assert seeded.data("{ forces { totalCount } }")["forces"]["totalCount"] == 49


def test_variables_that_do_not_fit_their_type_are_bad_user_input(seeded: Api) -> None:
    cases = [
        ("query ($f: Int) { forces(first: $f) { totalCount } }", {"f": "abc"}, "f"),
        ("query ($id: ID!) { force(id: $id) { name } }", {"id": None}, "id"),
        (
            "query ($s: Stage) { capabilities(filter: {stage: $s}) { totalCount } }",
            {"s": "NOPE"},
            "s",
        ),
        ("query ($f: ForceFilter) { forces(filter: $f) { totalCount } }", {"f": {"bogus": 1}}, "f"),
    ]
    for text, variables, name in cases:
        [error] = seeded.query(text, variables)["errors"]
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "variable": name}, error
        assert error["message"].startswith(f"Variable '${name}'")


def test_several_operations_need_an_operation_name(seeded: Api) -> None:
    text = "query A { forces { totalCount } } query B { regions { region } }"
    [error] = seeded.query(text)["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "operationName" in error["message"]
    named = seeded.post({"query": text, "operationName": "B"}).json()
    assert list(named["data"]) == ["regions"]


def test_a_cursor_works_only_for_its_own_list_and_holds_no_absurd_key(seeded: Api) -> None:
    page = seeded.data("{ forces(first: 2) { pageInfo { endCursor } } }")
    cursor = page["forces"]["pageInfo"]["endCursor"]
    [error] = seeded.query(
        "query ($c: String) { capabilities(first: 2, after: $c) { totalCount } }", {"c": cursor}
    )["errors"]
    assert (error["extensions"]["code"], error["extensions"]["argument"]) == (
        "BAD_USER_INPUT",
        "after",
    )
    raw = json.dumps(["Force.NAME_ASC", 2**70, "kent"]).encode()
    absurd = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    [error] = seeded.query(
        "query ($c: String) { forces(first: 2, after: $c) { totalCount } }", {"c": absurd}
    )["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_unpaired_surrogates_and_deep_json_are_client_errors(seeded: Api) -> None:
    url = f"{seeded.url}/graphql"
    surrogate = b'{"query": "query ($t: String!) { search(text: $t) { score } }", "variables": {"t": "\\ud800"}}'
    answer = httpx.post(url, content=surrogate, headers={"content-type": "application/json"})
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "variables.t" in answer.json()["errors"][0]["message"]
    literal = seeded.query('{ search(text: "\\ud800") { score } }')
    assert literal["errors"][0]["extensions"]["code"] in {"BAD_USER_INPUT", "GRAPHQL_PARSE_FAILED"}
    deep = b'{"query": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    answer = httpx.post(url, content=deep, headers={"content-type": "application/json"})
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
