"""The rules that keep a dataset true to who delivers what: each breach named with file and row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.config import PROJECT_ROOT
from graph.dataset import read_dataset
from graph.exceptions import DatasetError

SEEDS = PROJECT_ROOT / "seeds"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def append(path: Path, line: str) -> int:
    """Add a row to a CSV file; its row number as the reader counts rows."""
    rows = path.read_text().splitlines()
    path.write_text("\n".join([*rows, line]) + "\n")
    return len(rows)


def issues(path: Path) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        read_dataset(path)
    return [str(issue) for issue in caught.value.issues]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        (
            "kent,report-fraud,2026-03-01,2,5,illustrative,true",
            "'report-fraud' is delivered nationally by 'city-of-london': assess that body",
        ),
        (
            "kent,regional-cyber-crime-unit,2026-03-01,2,5,illustrative,true",
            "delivered by the regional unit that serves 'kent'",
        ),
        (
            "city-of-london,action-fraud-reporting,2026-01-10,2,4,illustrative,true",
            "'action-fraud-reporting' retired on 2025-12-04; an observation dated 2026-01-10",
        ),
    ],
)
def test_an_assessment_on_the_wrong_body_or_after_retirement_is_refused(
    seeds: Path, line: str, words: str
) -> None:
    row = append(seeds / "assessments.csv", line)
    [issue] = issues(seeds)
    assert issue.startswith(f"{seeds / 'assessments.csv'} row {row} (line {row + 1})")
    assert words in issue


def test_a_unit_is_assessed_only_on_regional_capabilities(seeds: Path) -> None:
    append(
        seeds / "unit_assessments.csv",
        "ersou,mobile-device-extraction,2026-03-01,2,4,illustrative,true",
    )
    [issue] = issues(seeds)
    assert "delivered at force level, so a regional unit is not assessed on it" in issue


def test_no_supplier_offers_a_police_function(seeds: Path) -> None:
    append(
        seeds / "offerings.csv",
        "illustrative-s-osint,covert-online-investigation,Cover,illustrative,true",
    )
    [issue] = issues(seeds)
    assert "'covert-online-investigation' is a police function: no supplier can offer it" in issue


def test_one_volume_per_measure_year_and_area(seeds: Path) -> None:
    append(
        seeds / "crime_volumes.csv",
        "bank-fraud-total,bank-credit-fraud,SURVEY_ESTIMATE,2025,,2400000,ons-csew-2025,true",
    )
    [issue] = issues(seeds)
    assert "'bank-credit-fraud' already has a SURVEY_ESTIMATE figure for 2025" in issue


def test_a_summed_measure_is_not_a_measure(seeds: Path) -> None:
    append(
        seeds / "crime_volumes.csv",
        "fraud-all,bank-credit-fraud,SURVEY_AND_RECORDED,2025,,3000000,ons-csew-2025,true",
    )
    [issue] = issues(seeds)
    assert "field measure: Input should be 'SURVEY_ESTIMATE' or 'POLICE_RECORDED'" in issue


def test_a_volume_needs_its_measure_and_year(seeds: Path) -> None:
    append(seeds / "crime_volumes.csv", "fraud-x,bank-credit-fraud,,,,3000000,ons-csew-2025,true")
    found = issues(seeds)
    assert any("field measure: is required but missing" in i for i in found)
    assert any("field year: is required but missing" in i for i in found)


def test_a_source_cited_by_nothing_is_refused(seeds: Path) -> None:
    sources = seeds / "sources.yaml"
    sources.write_text(
        sources.read_text()
        + "- id: orphan\n  title: Nobody cites this\n  publisher: X\n  year: 2020\n"
    )
    [issue] = issues(seeds)
    assert "source 'orphan' is cited by nothing" in issue


def test_made_up_values_say_so(seeds: Path) -> None:
    append(seeds / "crime_needs.csv", "ransomware,anpr,illustrative,")
    [issue] = issues(seeds)
    assert "cites the illustrative source but is not marked illustrative: true" in issue


def test_a_force_has_one_regional_unit(seeds: Path) -> None:
    units = seeds / "regional_units.yaml"
    units.write_text(units.read_text().replace("  - cleveland\n", "  - cleveland\n  - kent\n", 1))
    [issue] = issues(seeds)
    assert "force 'kent' is already served by" in issue
