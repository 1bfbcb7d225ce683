"""Force size from the police workforce tables: summed by worker type, suppression respected."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.archive.snapshot import GraphSnapshot
from graph.exceptions import DatasetError
from graph.store.database import Database
from tests.graph.importing.conftest import run_import
from tests.graph.importing.workbooks import sheet_rows, write_ods

pytestmark = pytest.mark.neo4j


@pytest.fixture
def workforce_file(tmp_path: Path) -> Path:
    return write_ods(
        tmp_path / "open-data-table-police-workforce.ods",
        {"Data": sheet_rows("police-workforce.csv")},
    )


def figures(db: Database) -> dict[str, dict[str, object]]:
    return {
        node_id: props
        for (label, node_id), (_, props) in GraphSnapshot.read(db).nodes.items()
        if label == "Workforce"
    }


def test_officers_staff_and_pcsos_are_summed_per_force_and_year(
    seeded_db: Database, workforce_file: Path
) -> None:
    plan, _ = run_import(seeded_db, "workforce", [workforce_file])
    kent = figures(seeded_db)["workforce-kent-2024"]
    assert (kent["officers"], kent["staff"], kent["pcsos"]) == (3820.75, 2850.75, 215.5)
    assert plan.skipped["worker type not counted: Special constable"] == 2


def test_a_figure_with_a_suppressed_part_is_left_out_not_undercounted(
    seeded_db: Database, workforce_file: Path
) -> None:
    plan, _ = run_import(seeded_db, "workforce", [workforce_file])
    hampshire = figures(seeded_db)["workforce-hampshire-2024"]
    assert hampshire["officers"] == 3170.0
    assert "staff" not in hampshire
    assert plan.skipped["staff left out: part of the count is suppressed"] == 1


def test_the_workforce_links_to_its_force_and_imports_once(
    seeded_db: Database, workforce_file: Path
) -> None:
    run_import(seeded_db, "workforce", [workforce_file])
    links = {
        (f, t)
        for (kind, f, t, _) in GraphSnapshot.read(seeded_db).relationships
        if kind == "WORKFORCE_OF"
    }
    assert ("workforce-hampshire-2023", "hampshire") in links
    assert ("workforce-british-transport-police-2024", "british-transport-police") in links
    _, changes = run_import(seeded_db, "workforce", [workforce_file])
    assert not changes.any


def test_an_unknown_force_is_refused(seeded_db: Database, tmp_path: Path) -> None:
    rows = sheet_rows("police-workforce.csv")
    rows[4] = [*rows[4][:2], "Wessex", *rows[4][3:]]
    damaged = write_ods(tmp_path / "wessex.ods", {"Data": rows})
    with pytest.raises(DatasetError) as caught:
        run_import(seeded_db, "workforce", [damaged])
    assert "wessex.ods, sheet 'Data', row 5" in str(caught.value.issues[0])
    assert not figures(seeded_db)
