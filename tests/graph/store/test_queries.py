"""Named Cypher files: every one loads, and every data query is valid Cypher for Neo4j 5.26."""

from __future__ import annotations

import pytest

from graph.exceptions import QueryNotFoundError
from graph.store.database import Database, Transaction
from graph.store.queries import all_query_names, query, statements


def test_every_cypher_file_loads_by_name() -> None:
    names = all_query_names()
    assert "admin/ping" in names
    assert "schema/create_bookkeeping" in names
    for name in names:
        assert query(name).strip(), name


def test_missing_query_name_fails_loudly() -> None:
    with pytest.raises(QueryNotFoundError, match="no Cypher query named 'read/no_such_thing'"):
        query("read/no_such_thing")


def test_schema_files_split_into_one_statement_each() -> None:
    bookkeeping = statements("schema/create_bookkeeping")
    assert [s.text.split()[1] for s in bookkeeping] == ["CONSTRAINT", "CONSTRAINT", "INDEX"]
    assert not any(s.text.endswith(";") for s in bookkeeping)


@pytest.mark.neo4j
def test_every_data_query_compiles_in_neo4j(db: Database) -> None:
    # EXPLAIN plans a statement without running it, so Neo4j itself checks the syntax.
    names = [n for n in all_query_names() if not n.startswith(("schema/", "fragments/"))]
    names = [name for name in names if not name.startswith("admin/drop_")]

    def explain(tx: Transaction, text: str) -> None:
        tx.run("EXPLAIN " + text).consume()

    for name in names:
        db.execute_write(lambda tx, name=name: explain(tx, query(name)))
