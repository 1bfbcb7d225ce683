"""Constraints and indexes: applied from cypher/schema, idempotent, and enforced."""

from __future__ import annotations

import pytest

from graph.exceptions import QueryError
from graph.model import NODES
from graph.store import statements
from graph.store.constraints import apply_schema
from graph.store.database import Database

LABELS = (*(kind.label for kind in NODES), "Load", "Meta")
"""Every label with an id: the model's node kinds and the two bookkeeping labels."""


@pytest.mark.neo4j
def test_schema_applies_once_then_changes_nothing(db: Database) -> None:
    first = apply_schema(db)
    assert first.constraints_added == len(LABELS)
    assert first.indexes_added > 0
    schema_after_first = db.read("admin/list_schema")

    second = apply_schema(db)
    assert not second.changed
    assert db.read("admin/list_schema") == schema_after_first


@pytest.mark.neo4j
def test_every_label_has_a_unique_id(db: Database) -> None:
    apply_schema(db)
    unique = {
        row["labelsOrTypes"][0]
        for row in db.read("admin/list_schema")
        if row["owningConstraint"] and row["properties"] == ["id"]
    }
    assert unique == set(LABELS)


@pytest.mark.neo4j
def test_duplicate_force_id_is_refused(db: Database) -> None:
    apply_schema(db)
    db.execute_write(lambda tx: tx.run("CREATE (:Force {id: 'kent'})").consume())
    with pytest.raises(QueryError) as caught:
        db.execute_write(lambda tx: tx.run("CREATE (:Force {id: 'kent'})").consume())
    assert caught.value.code == "Neo.ClientError.Schema.ConstraintValidationFailed"


@pytest.mark.neo4j
def test_a_search_index_from_an_older_model_is_replaced(db: Database) -> None:
    db.execute_write(
        lambda tx: tx.run(
            "CREATE FULLTEXT INDEX search_text FOR (n:Force) ON EACH [n.name]"
        ).consume()
    )
    report = apply_schema(db)
    assert report.indexes_replaced == 1
    labels, keys = statements.search_index()
    [row] = [r for r in db.read("admin/list_schema") if r["name"] == "search_text"]
    assert sorted(row["labelsOrTypes"]) == sorted(labels)
    assert sorted(row["properties"]) == sorted(keys)
    assert "description" in keys
    assert not apply_schema(db).changed
