"""An imported graph exports and loads back unchanged: imports are ordinary records."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.archive.export import ExportFormat, export_graph
from graph.archive.snapshot import GraphSnapshot
from graph.dataset import read_dataset
from graph.loading.loader import load_dataset
from graph.store.database import Database
from graph.store.maintenance import clear_database
from tests.graph.importing.conftest import run_import
from tests.graph.importing.workbooks import DATA, sheet_rows, write_ods

pytestmark = pytest.mark.neo4j


def test_export_after_every_import_round_trips(
    seeded_db: Database, prc_file: Path, tmp_path: Path
) -> None:
    workforce = write_ods(tmp_path / "workforce.ods", {"Data": sheet_rows("police-workforce.csv")})
    run_import(seeded_db, "police-recorded-crime", [prc_file])
    run_import(seeded_db, "contracts", [DATA / "contracts-finder-ocds.json"])
    run_import(seeded_db, "workforce", [workforce])
    imported = GraphSnapshot.read(seeded_db)
    target = tmp_path / "graph.json"
    export_graph(imported, target, ExportFormat.JSON)
    clear_database(seeded_db)
    load_dataset(seeded_db, read_dataset(target))
    assert GraphSnapshot.read(seeded_db).contents() == imported.contents()
