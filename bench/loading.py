"""Loading side by side: our loader against Neo4j's own LOAD CSV of the same data."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

from bench.servers import BenchNeo4j
from graph.model import NodeKind, RelationshipType, node_labelled, relationship_typed
from graph.store import statements
from graph.store.database import Database
from graph.store.maintenance import clear_database
from graph.store.status import database_status


def load_ours(neo4j: BenchNeo4j, db: Database, dataset: Path) -> dict[str, Any]:
    """``diikg load DATASET`` into an empty graph: whole command and write phase, and counts."""
    clear_database(db)
    began = time.perf_counter()
    neo4j.diikg("load", str(dataset))
    seconds = time.perf_counter() - began
    status = database_status(db, neo4j.settings)
    writes = float((status.last_load or {}).get("seconds") or seconds)
    return {
        "method": "diikg load",
        "seconds": seconds,
        "write_seconds": writes,
        "nodes": status.node_count,
        "relationships": status.relationship_count,
    }


def load_csv(db: Database, tables: Path) -> dict[str, Any]:
    """Every table of ``diikg export --format csv`` through ``LOAD CSV``, nodes first."""
    clear_database(db)
    files = sorted(tables.glob("nodes_*.csv")) + sorted(tables.glob("relationships_*.csv"))
    began = time.perf_counter()
    for table in files:
        db.write(statements.load_csv(_kind_of(table)), url=table.resolve().as_uri())
    seconds = time.perf_counter() - began
    status = database_status(db, db.settings)
    return {
        "method": "LOAD CSV",
        "seconds": seconds,
        "write_seconds": seconds,
        "nodes": status.node_count,
        "relationships": status.relationship_count,
    }


def export_tables(neo4j: BenchNeo4j, out: Path) -> Path:
    """The graph in ``neo4j`` as CSV tables (``diikg export --format csv``) in ``out``."""
    subprocess.run(["rm", "-rf", str(out)], check=True)
    neo4j.diikg("export", "--format", "csv", "--out", str(out))
    return out


def _kind_of(table: Path) -> NodeKind[Any] | RelationshipType:
    """The node kind or relationship type a table of ``diikg export --format csv`` holds."""
    family, _, name = table.stem.partition("_")
    return node_labelled(name) if family == "nodes" else relationship_typed(name)
