"""Public data imported with the CLI, then read as users read it: reports and GraphQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.api.conftest import Api
from tests.api.test_cli import assert_one_line_error, diikg, server_env
from tests.graph.importing.workbooks import DATA, sheet_rows, write_ods

pytestmark = pytest.mark.neo4j


@pytest.fixture
def imported(seeded: Api, neo4j_server, tmp_path: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The seed graph with the recorded crime, contracts and workforce fixtures imported."""
    env = server_env(neo4j_server)
    crime = write_ods(
        tmp_path / "prc.ods",
        {
            "2019-20 to 2022-23": sheet_rows("prc-pfa-2019-to-2023.csv"),
            "2023-24 onwards": sheet_rows("prc-pfa-2023-onwards.csv"),
        },
    )
    workforce = write_ods(tmp_path / "workforce.ods", {"Data": sheet_rows("police-workforce.csv")})
    for source, path in (
        ("police-recorded-crime", crime),
        ("contracts", DATA / "contracts-finder-ocds.json"),
        ("workforce", workforce),
    ):
        result = diikg("import", source, str(path), **env)
        assert result.returncode == 0, result.stderr
    return env


def test_a_dry_run_prints_what_would_change_and_why_rows_were_passed_over(
    seeded: Api,
    neo4j_server,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    crime = write_ods(tmp_path / "prc.ods", {"Data": sheet_rows("prc-pfa-2023-onwards.csv")})
    result = diikg(
        "import", "police-recorded-crime", str(crime), "--dry-run", **server_env(neo4j_server)
    )
    assert result.returncode == 0, result.stderr
    assert "Dry run: nothing written; it would write 8 records." in result.stdout
    assert "crime_volumes │ 7" in result.stdout
    assert "year left out: the file has 2 of its 4 quarters" in result.stdout
    again = diikg(
        "import", "police-recorded-crime", str(crime), "--dry-run", **server_env(neo4j_server)
    )
    assert again.stdout == result.stdout


def test_a_file_of_the_wrong_shape_is_one_line(seeded: Api, neo4j_server) -> None:  # type: ignore[no-untyped-def]
    result = diikg(
        "import", "workforce", str(DATA / "prc-pfa-2023-onwards.csv"), **server_env(neo4j_server)
    )
    assert_one_line_error(
        result, "prc-pfa-2023-onwards.csv", "no sheet has a header row", "'Worker type'"
    )


def test_impact_for_kent_uses_kents_own_recorded_volume(
    imported: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "impact.json"
    result = diikg(
        "report",
        "impact",
        "--force",
        "kent",
        "--capability",
        "digital-evidence-management",
        "--maturity",
        "0",
        "--format",
        "json",
        "--out",
        str(target),
        **imported,
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(target.read_text())
    volumes = {row["crime_type"]: row["annual_volume"] for row in document["tables"]["crime_types"]}
    # Kent's own 2023/24 counts from the fixture: 1,783 stalking + 4,700 harassment; 3,220.
    assert volumes["Online harassment and stalking"] == 6483
    assert volumes["Malicious communications"] == 3220
    assert "a force without its own figure is credited" in json.dumps(document["basis"])


def test_unmet_needs_name_real_suppliers_and_their_contract_notices(
    imported: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "needs.json"
    result = diikg("report", "unmet-needs", "--format", "json", "--out", str(target), **imported)
    assert result.returncode == 0, result.stderr
    rows = json.loads(target.read_text())["tables"]["unmet_needs"]
    dems = next(r for r in rows if r["capability_id"] == "digital-evidence-management")
    # The real contract displaces the illustrative suppliers of DEMS.
    assert dems["supplier_ids"] == "example-evidence-systems-ltd"
    assert dems["contract_notices"].startswith(
        "Example Evidence Systems Ltd for Kent Police: Digital evidence management system "
        "(https://www.contractsfinder.service.gov.uk/Notice/"
    )
    kept = tmp_path / "kept.json"
    diikg(
        "report",
        "unmet-needs",
        "--all-suppliers",
        "--format",
        "json",
        "--out",
        str(kept),
        **imported,
    )
    every = json.loads(kept.read_text())["tables"]["unmet_needs"]
    dems_all = next(r for r in every if r["capability_id"] == "digital-evidence-management")
    assert len(dems_all["supplier_ids"].split("; ")) > 1


def test_graphql_shows_workforce_contracts_and_the_basis_of_volumes(
    imported: dict[str, str], seeded: Api
) -> None:
    answer = seeded.query(
        """{
          force(id: "kent") {
            workforce { year officers staff pcsos sourceId illustrative }
            contracts { supplier { name identifiers } title value noticeUrl capabilityIds }
          }
          unmetNeeds(filter: {stage: EVIDENCE}, first: 50) {
            capability { id } contracts { supplierId buyerId noticeUrl } basis { volumes }
          }
        }"""
    )
    assert "errors" not in answer, answer["errors"]
    kent = answer["data"]["force"]
    assert kent["workforce"][0]["year"] == 2024
    assert kent["workforce"][0]["officers"] == 3820.75
    assert kent["workforce"][0]["illustrative"] is False
    [contract] = kent["contracts"]
    assert contract["supplier"] == {
        "name": "Example Evidence Systems Ltd",
        "identifiers": ["GB-COH-09876543"],
    }
    assert (contract["value"], contract["capabilityIds"]) == (
        1400000.0,
        ["digital-evidence-management"],
    )
    dems = next(
        n
        for n in answer["data"]["unmetNeeds"]
        if n["capability"]["id"] == "digital-evidence-management"
    )
    assert dems["contracts"][0]["buyerId"] == "kent"
    assert "police-recorded counts" in dems["basis"]["volumes"]
