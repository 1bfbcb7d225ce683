"""What the GraphQL-over-HTTP audit and client tooling make of the API.

The Node packages are in ``tests/api/clients`` (installed by ``make test``):
graphql-http's ``serverAudits`` and Relay's compiler.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from graphql import GraphQLObjectType, build_schema, get_named_type

from graph.config import PROJECT_ROOT
from tests.api.conftest import Api

CLIENTS = Path(__file__).with_name("clients")
SCHEMA = PROJECT_ROOT / "schema.graphql"
EXPLAINED = PROJECT_ROOT / "docs" / "api.md"


@pytest.mark.neo4j
def test_the_graphql_over_http_audit_finds_no_failure_and_no_unexplained_warning(
    seeded: Api,
) -> None:
    run = subprocess.run(
        ["node", str(CLIENTS / "audit.mjs"), f"{seeded.url}/graphql"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    results = json.loads(run.stdout)
    assert len(results) > 50, "the audit ran too few checks"
    failures = [r for r in results if r["status"] == "error"]
    assert not failures, failures
    explained = EXPLAINED.read_text(encoding="utf-8")
    unexplained = [r for r in results if r["status"] == "warn" and r["id"] not in explained]
    assert not unexplained, unexplained


def _connections() -> list[str]:
    schema = build_schema(SCHEMA.read_text(encoding="utf-8"))
    query = schema.query_type
    assert isinstance(query, GraphQLObjectType)
    return [
        name
        for name, field in query.fields.items()
        if get_named_type(field.type).name.endswith("Connection")
    ]


def test_relay_compiler_accepts_connection_on_every_connection_both_ways(tmp_path: Path) -> None:
    names = _connections()
    assert {"forces", "capabilities", "suppliers", "crimeTypes", "pilots"} <= set(names)
    source = tmp_path / "src"
    source.mkdir()
    for name in names:
        for way, size, cursor, cursor_type in (
            ("Forward", "first", "after", "String"),
            ("Backward", "last", "before", "String"),
        ):
            module = f"{way}{name[0].upper()}{name[1:]}"
            fragment = f"{module}_query"
            (source / f"{module}.js").write_text(
                f"""graphql`
  fragment {fragment} on Query
    @argumentDefinitions({size}: {{type: "Int", defaultValue: 10}}, {cursor}: {{type: "{cursor_type}"}})
    @refetchable(queryName: "{fragment.removesuffix("_query")}PaginationQuery") {{
    {name}({size}: ${size}, {cursor}: ${cursor}) @connection(key: "{fragment}_{name}") {{
      totalCount
      edges {{ node {{ id }} }}
    }}
  }}
`;
""",
                encoding="utf-8",
            )
    (tmp_path / "relay.config.json").write_text(
        json.dumps({"src": "./src", "schema": str(SCHEMA), "language": "javascript"}),
        encoding="utf-8",
    )
    run = subprocess.run(
        [str(CLIENTS / "node_modules" / ".bin" / "relay-compiler")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    generated = list((source / "__generated__").glob("*PaginationQuery.graphql.js"))
    assert len(generated) == 2 * len(names)
    text = "\n".join(path.read_text(encoding="utf-8") for path in generated)
    assert re.search(r'"name": "hasPreviousPage"', text)
    assert re.search(r'"name": "startCursor"', text)
