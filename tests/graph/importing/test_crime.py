"""Police recorded crime by force area: hand-counted volumes, idempotent, refused when damaged."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from graph.archive.snapshot import GraphSnapshot
from graph.exceptions import DatasetError, ImportFileError
from graph.reads import graph_version
from graph.store.database import Database
from tests.graph.importing.conftest import run_import
from tests.graph.importing.workbooks import DATA, sheet_rows, write_ods

pytestmark = pytest.mark.neo4j


def volumes(db: Database) -> dict[str, dict[str, object]]:
    """Police-recorded volume nodes by id, with the area they are linked to."""
    snapshot = GraphSnapshot.read(db)
    areas = {
        from_id: to_id for (kind, from_id, to_id, _) in snapshot.relationships if kind == "IN_AREA"
    }
    return {
        node_id: {**props, "area": areas.get(node_id)}
        for (label, node_id), (_, props) in snapshot.nodes.items()
        if label == "CrimeVolume" and props["measure"] == "POLICE_RECORDED"
    }


def test_volumes_are_summed_per_force_year_and_crime_type(
    seeded_db: Database, prc_file: Path
) -> None:
    plan, changes = run_import(seeded_db, "police-recorded-crime", [prc_file])
    found = volumes(seeded_db)
    # Kent 2023/24: stalking 430+441+452+460 and harassment 1200+1180+1150+1170.
    assert found["online-harassment-stalking-prc-kent-2024"]["value"] == 1783 + 4700
    assert found["online-harassment-stalking-prc-kent-2024"]["area"] == "kent"
    assert found["malicious-communications-prc-kent-2024"]["value"] == 800 + 820 + 790 + 810
    # Hampshire under its old and its new name, the City under "London, City of".
    assert found["online-harassment-stalking-prc-hampshire-2023"]["value"] == 1205
    assert found["online-harassment-stalking-prc-hampshire-2024"]["value"] == 1260
    assert found["online-harassment-stalking-prc-city-of-london-2024"]["value"] == 22
    # Action Fraud's rows count for England and Wales, the total row never.
    national = found["hacking-personal-prc-england-and-wales-2024"]
    assert (national["value"], national["area"]) == (950 + 940 + 960 + 970, None)
    assert "online-harassment-stalking-prc-england-and-wales-2024" not in found
    # A suppressed quarter (GMP 2019/20) and a half year (Kent 2024/25) give no figure.
    assert "online-harassment-stalking-prc-greater-manchester-2020" not in found
    assert "online-harassment-stalking-prc-kent-2025" not in found
    assert plan.skipped["year left out: the file has 2 of its 4 quarters"] == 1
    assert (
        plan.skipped["year left out: a quarter's count is suppressed, so its total is unknown"] == 1
    )
    assert plan.skipped["total row (a sum of other rows)"] == 4
    assert plan.skipped["note or footnote row"] == 2
    assert changes.added["crime_volumes"] == 10


def test_a_code_the_file_describes_otherwise_is_not_counted(
    seeded_db: Database, prc_file: Path
) -> None:
    plan, _ = run_import(seeded_db, "police-recorded-crime", [prc_file])
    assert "malicious-communications-prc-surrey-2024" not in volumes(seeded_db)
    [reason] = [r for r in plan.skipped if r.startswith("offence code 8R is described as")]
    assert plan.skipped[reason] == 4


def test_the_source_names_the_file_its_checksum_and_licence(
    seeded_db: Database, prc_file: Path
) -> None:
    run_import(seeded_db, "police-recorded-crime", [prc_file])
    digest = hashlib.sha256(prc_file.read_bytes()).hexdigest()
    snapshot = GraphSnapshot.read(seeded_db)
    source = snapshot.nodes[("Source", f"ho-prc-{digest[:12]}")][1]
    assert source["sha256"] == digest
    assert source["licence"] == "Open Government Licence v3.0"
    assert source["fileName"] == prc_file.name
    assert source["publisher"] == "Home Office"
    kent = volumes(seeded_db)["online-harassment-stalking-prc-kent-2024"]
    assert (kent["source"], kent["illustrative"]) == (f"ho-prc-{digest[:12]}", False)


def test_importing_again_changes_nothing(seeded_db: Database, prc_file: Path) -> None:
    run_import(seeded_db, "police-recorded-crime", [prc_file])
    before, version = GraphSnapshot.read(seeded_db).contents(), graph_version(seeded_db)
    _, changes = run_import(seeded_db, "police-recorded-crime", [prc_file])
    assert not changes.any
    assert changes.unchanged["crime_volumes"] == 10
    assert GraphSnapshot.read(seeded_db).contents() == before
    assert graph_version(seeded_db) == version


def test_a_dry_run_says_what_would_change_and_writes_nothing(
    seeded_db: Database, prc_file: Path
) -> None:
    before = GraphSnapshot.read(seeded_db).contents()
    _, changes = run_import(seeded_db, "police-recorded-crime", [prc_file], dry_run=True)
    assert changes.added == {"sources": 1, "crime_volumes": 10}
    assert GraphSnapshot.read(seeded_db).contents() == before


def test_a_newer_edition_updates_figures_and_retires_the_old_source(
    seeded_db: Database, prc_file: Path, tmp_path: Path
) -> None:
    rows = sheet_rows("prc-pfa-2023-onwards.csv")
    first = [[*row[:7], 999] if row[2:3] == ["London, City of"] else row for row in rows]
    earlier = write_ods(tmp_path / "earlier.ods", {"Data": first})
    run_import(seeded_db, "police-recorded-crime", [earlier])
    assert volumes(seeded_db)["online-harassment-stalking-prc-city-of-london-2024"]["value"] == 3996
    earlier_source = f"ho-prc-{hashlib.sha256(earlier.read_bytes()).hexdigest()[:12]}"
    _, changes = run_import(seeded_db, "police-recorded-crime", [prc_file])
    assert volumes(seeded_db)["online-harassment-stalking-prc-city-of-london-2024"]["value"] == 22
    # Every 2023/24 figure now cites the newer file; the 2022/23 ones are new.
    assert (changes.changed["crime_volumes"], changes.added["crime_volumes"]) == (7, 3)
    assert changes.retired_sources == [earlier_source]
    assert ("Source", earlier_source) not in GraphSnapshot.read(seeded_db).nodes


def test_an_unknown_force_is_refused_and_nothing_is_written(
    seeded_db: Database, tmp_path: Path
) -> None:
    rows = sheet_rows("prc-pfa-2023-onwards.csv")
    rows[10] = [*rows[10][:2], "Kentshire", *rows[10][3:]]
    damaged = write_ods(tmp_path / "damaged.ods", {"Data": rows})
    before = GraphSnapshot.read(seeded_db).contents()
    with pytest.raises(DatasetError) as caught:
        run_import(seeded_db, "police-recorded-crime", [damaged])
    [issue] = caught.value.issues
    assert "damaged.ods, sheet 'Data', row 11" in str(issue)
    assert "unknown force name 'Kentshire'" in str(issue)
    assert GraphSnapshot.read(seeded_db).contents() == before


def test_a_file_without_a_column_is_refused_naming_it(seeded_db: Database, tmp_path: Path) -> None:
    rows = [
        [cell for index, cell in enumerate(row) if index != 6]
        for row in sheet_rows("prc-pfa-2023-onwards.csv")
    ]
    damaged = tmp_path / "no-code.csv"
    with damaged.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    with pytest.raises(
        ImportFileError, match=r"no-code\.csv, row 3: expected a column 'Offence Code'"
    ):
        run_import(seeded_db, "police-recorded-crime", [damaged])


def test_a_count_that_is_not_a_number_is_refused_naming_the_cell(
    seeded_db: Database, tmp_path: Path
) -> None:
    rows = sheet_rows("prc-pfa-2023-onwards.csv")
    rows[5] = [*rows[5][:7], "twelve"]
    damaged = write_ods(tmp_path / "bad-count.ods", {"Data": rows})
    before = GraphSnapshot.read(seeded_db).contents()
    with pytest.raises(ImportFileError) as caught:
        run_import(seeded_db, "police-recorded-crime", [damaged])
    assert str(caught.value) == (
        "bad-count.ods, sheet 'Data', row 6, column 'Number of Offences': "
        "expected a number, got 'twelve'"
    )
    assert GraphSnapshot.read(seeded_db).contents() == before


def test_a_file_of_another_kind_is_refused(seeded_db: Database) -> None:
    with pytest.raises(ImportFileError, match="no sheet has a header row with the columns"):
        run_import(seeded_db, "police-recorded-crime", [DATA / "police-workforce.csv"])
