"""The driver's owner: managed transactions, read-only enforcement, and errors mapped to ours."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from graph.config import load_settings
from graph.exceptions import (
    DatabaseAuthError,
    DatabaseUnavailableError,
    QueryError,
    StatementRefusedError,
)
from graph.store.database import Database
from graph.store.local import LocalNeo4j
from graph.store.queries import Statement
from tests.conftest import free_port, local_settings


@pytest.mark.neo4j
def test_named_query_returns_rows_and_counts_queries(db: Database) -> None:
    before = db.queries_run
    assert db.read("admin/ping") == [{"ok": 1}]
    assert db.queries_run == before + 1


@pytest.mark.neo4j
def test_read_statement_refuses_writes_and_changes_nothing(db: Database) -> None:
    with pytest.raises(QueryError, match="Writing in read access mode not allowed"):
        db.read_statement("CREATE (:Force {id: 'written'})")
    assert db.read_statement("MATCH (n:Force) RETURN count(n) AS n") == [{"n": 0}]


@pytest.mark.neo4j
def test_bad_cypher_is_a_query_error_with_neo4j_code(db: Database) -> None:
    with pytest.raises(QueryError) as caught:
        db.read_statement("MATCH (n RETURN n")
    assert caught.value.code == "Neo.ClientError.Statement.SyntaxError"
    assert "\n" not in str(caught.value)


@pytest.mark.neo4j
def test_wrong_password_names_the_uri_not_the_password(neo4j_server: LocalNeo4j) -> None:
    settings = load_settings(neo4j_uri=neo4j_server.bolt_uri, neo4j_password="not-the-password-123")
    with Database.connect(settings) as db, pytest.raises(DatabaseAuthError) as caught:
        db.verify()
    assert neo4j_server.bolt_uri in str(caught.value)
    assert "not-the-password-123" not in str(caught.value)


def _read_in_new_loop(db: Database, statement: Statement | str) -> list[dict[str, object]]:
    async def read() -> list[dict[str, object]]:
        try:
            return await db.read_async(statement)
        finally:
            await db.aclose()

    return asyncio.run(read())


@pytest.mark.neo4j
def test_an_event_loop_read_gives_rows_in_any_loop_and_refuses_writes(db: Database) -> None:
    before = db.queries_run
    # asyncio.run makes a new loop each time: the second read must not use the first's.
    assert [_read_in_new_loop(db, "admin/ping") for _ in range(2)] == [[{"ok": 1}]] * 2
    assert db.queries_run == before + 2
    write = Statement("test/write", "CREATE (:Force {id: 'written'})")
    with pytest.raises(QueryError, match="Writing in read access mode not allowed"):
        _read_in_new_loop(db, write)
    assert db.read_statement("MATCH (n:Force) RETURN count(n) AS n") == [{"n": 0}]


def test_an_unreachable_uri_is_unavailable_to_event_loop_reads_too() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    settings = load_settings(neo4j_uri=uri, neo4j_password="x" * 12, retry_time=0.2)
    with Database.connect(settings) as db, pytest.raises(DatabaseUnavailableError) as caught:
        _read_in_new_loop(db, "admin/ping")
    assert str(caught.value) == f"Neo4j at {uri} cannot be reached"


def test_unreachable_uri_is_unavailable_and_retryable() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    settings = load_settings(neo4j_uri=uri, neo4j_password="x" * 12, retry_time=0)
    with Database.connect(settings) as db, pytest.raises(DatabaseUnavailableError) as caught:
        db.verify()
    assert str(caught.value) == f"Neo4j at {uri} cannot be reached"
    assert caught.value.is_retryable()


def test_local_neo4j_not_running_says_how_to_start_it(tmp_path: Path) -> None:
    with pytest.raises(
        DatabaseUnavailableError, match="not running: start it with `diikg db start`"
    ):
        Database.connect(local_settings(tmp_path))


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV is refused here"),
        (
            "CALL { LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row } RETURN row",
            "LOAD CSV is refused here",
        ),
        ("CALL dbms.listConfig() YIELD name RETURN name", "procedure dbms.listConfig is refused"),
    ],
)
def test_read_statement_refuses_what_reaches_files_urls_or_config(
    db: Database, statement: str, words: str
) -> None:
    with pytest.raises(StatementRefusedError, match=words):
        db.read_statement(statement)


@pytest.mark.neo4j
def test_read_statement_allows_the_catalogue(db: Database) -> None:
    db.read_statement("CALL db.labels() YIELD label RETURN label")
    assert db.read_statement("CALL dbms.components() YIELD name RETURN name") == [
        {"name": "Neo4j Kernel"}
    ]
