"""Cypher generated from the schema model: valid in Neo4j, parameterised, and right when run."""

from __future__ import annotations

import re

import pytest

from graph.config import PROJECT_ROOT
from graph.dataset import read_dataset
from graph.loading import load_dataset
from graph.model import NODES, NodeKind, SortOption, filters_of, sorts_of
from graph.model.kinds import ASSESSMENTS, CAPABILITIES, FORCES, OFFERINGS, PILOTS, SUPPLIERS
from graph.reads import count, neighbours, nodes_by_id, page
from graph.store import statements
from graph.store.constraints import apply_schema, schema_statements
from graph.store.database import Database, Transaction


def test_every_statement_has_a_unique_name_and_no_literal_values() -> None:
    found = statements.all_statements()
    names = [s.name for s in found]
    assert len(names) == len(set(names))
    for statement in found:
        # Values come in as parameters: no quoted strings or numbers in generated text,
        # except the schema commands' names and the projection's chunk arithmetic.
        if statement.name.startswith(("model/constraint", "model/index")):
            continue
        assert not re.search(r"'[^']*'|\"[^\"]*\"", statement.text), statement.name


def test_a_page_filters_on_every_filter_of_its_kind_through_parameters() -> None:
    text = statements.page(PILOTS).text
    for f in filters_of(PILOTS):
        assert f"${f.name} IS NULL OR" in text
    assert "EXISTS { (n)-[:RUN_BY]->(:Force {id: $forceId}) }" in text
    assert "ORDER BY" in text
    assert "LIMIT $limit" in text


@pytest.mark.neo4j
def test_every_generated_statement_is_valid_cypher_for_neo4j(db: Database) -> None:
    def explain(tx: Transaction, text: str) -> None:
        tx.run("EXPLAIN " + text).consume()

    for statement in statements.all_statements():
        if statement.name.startswith(("model/constraint", "model/index")):
            continue  # schema commands cannot be explained; the next test runs them
        db.execute_write(lambda tx, text=statement.text: explain(tx, text))


@pytest.mark.neo4j
def test_schema_commands_from_the_model_create_what_they_name(db: Database) -> None:
    apply_schema(db)
    names = {row["name"] for row in db.read("admin/list_schema")}
    for statement in schema_statements():
        named = re.search(r"(?:INDEX|CONSTRAINT) (\w+) IF NOT EXISTS", statement.text)
        assert named is not None
        assert named.group(1) in names, statement.text
    assert "search_text" in names
    assert "force_id" in names
    assert "crime_type_name" in names


@pytest.mark.neo4j
def test_generated_reads_answer_as_the_seed_says(db: Database) -> None:
    seed = read_dataset(PROJECT_ROOT / "seeds")
    apply_schema(db)
    load_dataset(db, seed)
    welsh = [f for f in seed.records(FORCES) if f.region == "Wales"]
    by_region = {"region": "wALES"}
    assert count(db, FORCES, by_region) == len(welsh)
    first = page(
        db, FORCES, filters=by_region, sort=_sort(FORCES, "NAME_DESC"), after=None, first=2
    )
    names = sorted((f.name for f in welsh), reverse=True)
    assert [row["name"] for row, _ in first.rows] == names[:2]
    assert first.has_more
    boundary = first.rows[-1]
    back = page(
        db,
        FORCES,
        filters=by_region,
        sort=_sort(FORCES, "NAME_DESC"),
        after=(boundary[1], boundary[0]["id"]),
        first=5,
        backward=True,
    )
    assert [row["name"] for row, _ in back.rows] == names[:1]
    assert not back.has_more
    last = page(
        db,
        FORCES,
        filters=by_region,
        sort=_sort(FORCES, "NAME_DESC"),
        after=None,
        first=2,
        backward=True,
    )
    assert [row["name"] for row, _ in last.rows] == names[-2:]
    assert last.has_more == (len(names) > 2)
    supplier = seed.records(SUPPLIERS)[0]
    offered = sorted(o.capability for o in seed.records(OFFERINGS) if o.supplier == supplier.id)
    found = page(
        db,
        SUPPLIERS,
        filters={"offersCapabilityId": offered[0]},
        sort=_sort(SUPPLIERS, "NAME_ASC"),
        after=None,
        first=100,
    )
    assert supplier.id in {row["id"] for row, _ in found.rows}
    assert set(nodes_by_id(db, CAPABILITIES, ["no-such-thing", "communications-data"])) == {
        "communications-data"
    }
    kent = neighbours(db, ASSESSMENTS.outgoing, ["kent"])["kent"]
    assert len(kent) == sum(1 for a in seed.records(ASSESSMENTS) if a.force == "kent")


def _sort(kind: NodeKind[object], name: str) -> SortOption:
    return next(option for option in sorts_of(kind) if option.name == name)


def test_every_node_kind_has_its_lookups() -> None:
    for kind in NODES:
        assert f"(n:{kind.label} {{id: id}})" in statements.nodes_by_id(kind).text
        assert f"MERGE (n:{kind.label} {{id: row.id}})" in statements.merge_nodes(kind).text
