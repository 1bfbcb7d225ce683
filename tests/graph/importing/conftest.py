"""Importing into the real Neo4j, loaded with the seed graph: fixtures and a helper."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.archive.snapshot import GraphSnapshot
from graph.importing import Changes, ImportPlan, apply_plan, importer_named
from graph.importing.files import ImportedFile
from graph.importing.mappings import Mappings
from graph.store.database import Database
from tests.graph.importing.workbooks import sheet_rows, write_ods


@pytest.fixture
def prc_file(tmp_path: Path) -> Path:
    """The recorded crime fixture as the Home Office publishes it: an ODS workbook."""
    return write_ods(
        tmp_path / "prc-pfa-mar2013-onwards-tables.ods",
        {
            "Cover sheet": [["Police recorded crime open data tables"], ["Published July 2025"]],
            "2019-20 to 2022-23": sheet_rows("prc-pfa-2019-to-2023.csv"),
            "2023-24 onwards": sheet_rows("prc-pfa-2023-onwards.csv"),
        },
    )


def run_import(
    db: Database,
    name: str,
    files: list[Path],
    *,
    dry_run: bool = False,
    mappings: Mappings | None = None,
) -> tuple[ImportPlan, Changes]:
    """Plan an import against the graph of ``db`` and apply it, as ``diikg import`` does."""
    snapshot = GraphSnapshot.read(db)
    plan = importer_named(name).plan(
        [ImportedFile.open(path) for path in files],
        snapshot.to_dataset(origin="graph"),
        mappings or Mappings(),
    )
    changes, _ = apply_plan(db, plan, snapshot, dry_run=dry_run)
    return plan, changes
