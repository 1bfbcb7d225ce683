"""Exports: JSON loads back into the same graph; GraphML and CSV hold all of it."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

from graph.archive.export import ExportFormat, export_graph
from graph.archive.snapshot import GraphSnapshot
from graph.config import PROJECT_ROOT
from graph.dataset import read_dataset
from graph.loading.loader import load_dataset
from graph.store.constraints import apply_schema
from graph.store.database import Database
from graph.store.maintenance import clear_database

pytestmark = pytest.mark.neo4j


@pytest.fixture
def seeded(db: Database) -> GraphSnapshot:
    apply_schema(db)
    load_dataset(db, read_dataset(PROJECT_ROOT / "seeds"))
    return GraphSnapshot.read(db)


def test_json_export_loads_back_into_an_identical_graph(
    db: Database, seeded: GraphSnapshot, tmp_path: Path
) -> None:
    target = tmp_path / "graph.json"
    export_graph(seeded, target, ExportFormat.JSON)
    clear_database(db)
    assert GraphSnapshot.read(db).contents() == ({}, {})

    load_dataset(db, read_dataset(target))
    assert GraphSnapshot.read(db).contents() == seeded.contents()


def test_graphml_holds_every_node_and_relationship(seeded: GraphSnapshot, tmp_path: Path) -> None:
    target = tmp_path / "graph.graphml"
    export_graph(seeded, target, ExportFormat.GRAPHML)
    graph = nx.read_graphml(target, force_multigraph=True)
    labels, types = seeded.counts()
    assert graph.number_of_nodes() == sum(labels.values())
    assert graph.number_of_edges() == sum(types.values())
    kent = graph.nodes["Force:kent"]
    assert kent["name"] == "Kent Police"
    assert kent["region"] == "South East"
    edge = graph.get_edge_data("Capability:online-crime-reporting", "Capability:single-online-home")
    assert edge["DEPENDS_ON"]["reason"].startswith("Reports are taken through")


def test_csv_export_writes_one_table_per_label_and_type(
    seeded: GraphSnapshot, tmp_path: Path
) -> None:
    written = export_graph(seeded, tmp_path / "tables", ExportFormat.CSV)
    labels, types = seeded.counts()
    names = {path.stem for path in written}
    assert names == {f"nodes_{label}" for label in labels} | {f"relationships_{t}" for t in types}
    with (tmp_path / "tables" / "relationships_HAS_CAPABILITY.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == types["HAS_CAPABILITY"]
    assert set(rows[0]) >= {
        "from",
        "to",
        "maturity",
        "target",
        "assessedOn",
        "source",
        "illustrative",
    }
