"""Public contracts (OCDS): merged releases, policing buyers only, idempotent, refused when damaged."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from graph.archive.snapshot import GraphSnapshot
from graph.exceptions import DatasetError, ImportFileError
from graph.importing.mappings import DEFAULT_MAPPINGS, Mappings
from graph.store.database import Database
from tests.graph.importing.conftest import run_import
from tests.graph.importing.workbooks import DATA

pytestmark = pytest.mark.neo4j

PACKAGE = DATA / "contracts-finder-ocds.json"


def supplies(db: Database) -> dict[tuple[str, str, str], dict[str, object]]:
    """Contract relationships by (type, supplier, buyer), with their properties."""
    return {
        (kind, supplier, buyer): props
        for (kind, supplier, buyer, _), (_, props) in GraphSnapshot.read(db).relationships.items()
        if kind in {"SUPPLIES", "SUPPLIES_UNIT"}
    }


def test_an_amended_award_gives_one_contract_with_the_latest_terms(seeded_db: Database) -> None:
    run_import(seeded_db, "contracts", [PACKAGE])
    dems = supplies(seeded_db)[("SUPPLIES", "example-evidence-systems-ltd", "kent")]
    assert dems["contract"] == "ocds-b5fd17-aaaa0001/1"
    assert dems["value"] == 1_400_000.0
    assert dems["currency"] == "GBP"
    assert dems["awardedOn"] == dt.date(2024, 5, 20)
    assert dems["endsOn"] == dt.date(2028, 6, 30)
    assert dems["capabilities"] == ["digital-evidence-management"]
    assert dems["noticeUrl"].startswith("https://www.contractsfinder.service.gov.uk/Notice/")
    assert dems["illustrative"] is False


def test_suppliers_keep_their_published_names_and_identifiers(seeded_db: Database) -> None:
    run_import(seeded_db, "contracts", [PACKAGE])
    nodes = GraphSnapshot.read(seeded_db).nodes
    nice = nodes[("Supplier", "example-evidence-systems-ltd")][1]
    assert (nice["name"], nice["identifiers"]) == (
        "Example Evidence Systems Ltd",
        ["GB-COH-09876543"],
    )


def test_joint_and_regional_buyers_link_every_body_they_buy_for(seeded_db: Database) -> None:
    run_import(seeded_db, "contracts", [PACKAGE])
    found = supplies(seeded_db)
    assert ("SUPPLIES", "example-device-forensics-ltd", "norfolk") in found
    assert ("SUPPLIES", "example-device-forensics-ltd", "suffolk") in found
    assert found[("SUPPLIES_UNIT", "example-open-source-ltd", "serocu")]["capabilities"] == [
        "open-source-intelligence"
    ]
    assert len(found) == 4


def test_what_is_passed_over_is_counted_by_reason(seeded_db: Database) -> None:
    plan, _ = run_import(seeded_db, "contracts", [PACKAGE])
    assert plan.rows_read == 10
    assert dict(plan.skipped) == {
        "release published twice (same ocid and release id)": 1,
        "buyer is not a policing body": 1,
        "buyer looks like a policing body but is not in buyers.csv": 1,
        "no rule of contract_capabilities.csv matches its title, text or CPV": 1,
        "no award to a supplier (a tender, or an award cancelled)": 2,
    }
    assert plan.findings == [
        "ocds-b5fd17-abab0007: buyer 'Police Fire and Crime Commissioner for Northamptonshire' "
        "is not in buyers.csv"
    ]


def test_importing_again_changes_nothing(seeded_db: Database) -> None:
    run_import(seeded_db, "contracts", [PACKAGE])
    before = GraphSnapshot.read(seeded_db).contents()
    _, changes = run_import(seeded_db, "contracts", [PACKAGE])
    assert not changes.any
    assert changes.unchanged == {"sources": 1, "suppliers": 3, "contracts": 3, "unit_contracts": 1}
    assert GraphSnapshot.read(seeded_db).contents() == before


def test_a_release_without_a_date_is_refused_naming_it(seeded_db: Database, tmp_path: Path) -> None:
    package = json.loads(PACKAGE.read_text())
    del package["releases"][3]["date"]
    damaged = tmp_path / "damaged.json"
    damaged.write_text(json.dumps(package))
    before = GraphSnapshot.read(seeded_db).contents()
    with pytest.raises(ImportFileError) as caught:
        run_import(seeded_db, "contracts", [damaged])
    assert str(caught.value) == (
        "damaged.json, releases[3]: expected 'date', the release's publication date"
    )
    assert GraphSnapshot.read(seeded_db).contents() == before


def test_a_file_that_is_not_a_release_package_is_refused(seeded_db: Database) -> None:
    with pytest.raises(ImportFileError, match="expected an OCDS release package"):
        run_import(seeded_db, "contracts", [DATA / "police-uk-forces.json"])


def test_a_mapping_to_a_police_function_is_refused(seeded_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "mappings"
    shutil.copytree(DEFAULT_MAPPINGS, folder)
    with (folder / "contract_capabilities.csv").open("a") as rules:
        rules.write("digital-media-investigators,DEMS,,wrongly mapped\n")
    before = GraphSnapshot.read(seeded_db).contents()
    with pytest.raises(DatasetError) as caught:
        run_import(seeded_db, "contracts", [PACKAGE], mappings=Mappings(folder))
    assert "'digital-media-investigators' is a police function" in str(caught.value.issues[0])
    assert GraphSnapshot.read(seeded_db).contents() == before
