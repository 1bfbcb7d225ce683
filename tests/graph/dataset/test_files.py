"""Reading datasets: every kind of bad input is reported with its file, row and field."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph.config import PROJECT_ROOT
from graph.dataset import read_dataset, write_dataset
from graph.exceptions import DatasetError
from graph.model.kinds import ASSESSMENTS, PILOTS

SEEDS = PROJECT_ROOT / "seeds"


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def replace_line(path: Path, number: int, text: str) -> None:
    lines = path.read_text().splitlines()
    lines[number - 1] = text
    path.write_text("\n".join(lines) + "\n")


def issues_of(path: Path) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        read_dataset(path)
    assert "nothing was written" in str(caught.value)
    return [str(issue) for issue in caught.value.issues]


def test_wrong_type_names_file_row_and_field(seeds_copy: Path) -> None:
    file = seeds_copy / "assessments.csv"
    replace_line(
        file, 3, "avon-and-somerset,single-online-home,2026-10-15,high,4,illustrative,true"
    )
    assert issues_of(seeds_copy) == [
        f"{file} row 2 (line 3), field maturity: Input should be a valid integer, "
        "unable to parse string as an integer (got 'high')"
    ]


def test_out_of_range_maturity_is_refused(seeds_copy: Path) -> None:
    file = seeds_copy / "assessments.csv"
    replace_line(file, 4, "avon-and-somerset,online-transactions,2026-10-15,7,4,illustrative,true")
    assert issues_of(seeds_copy) == [
        f"{file} row 3 (line 4), field maturity: Input should be less than or equal to 5 (got '7')"
    ]


def test_unknown_reference_is_refused(seeds_copy: Path) -> None:
    file = seeds_copy / "dependencies.csv"
    replace_line(file, 2, "online-crime-reporting,teleportation,Needs it.,HARD,illustrative,true")
    assert issues_of(seeds_copy) == [
        f"{file} row 1 (line 2), field depends_on: unknown capability 'teleportation'"
    ]


def test_duplicate_id_names_both_places(seeds_copy: Path) -> None:
    file = seeds_copy / "forces.csv"
    replace_line(
        file,
        3,
        "avon-and-somerset,Bedfordshire Police,TERRITORIAL,England,East of England,"
        "data-police-uk-forces,",
    )
    issues = issues_of(seeds_copy)
    assert issues[0] == (
        f"{file} row 2 (line 3): duplicate forces entry id=avon-and-somerset; "
        f"first at {file} row 1 (line 2)"
    )


def test_missing_required_field_is_named(seeds_copy: Path) -> None:
    file = seeds_copy / "capabilities.yaml"
    text = file.read_text()
    file.write_text(text.replace("  stage: PUBLIC_CONTACT\n", "", 1))
    assert issues_of(seeds_copy) == [
        f"{file} item 1 (line 1), field stage: is required but missing"
    ]


def test_unknown_field_is_refused(seeds_copy: Path) -> None:
    file = seeds_copy / "suppliers.yaml"
    text = file.read_text()
    file.write_text(
        text.replace(
            "  name: 'Illustrative Supplier A: Forensic Systems'\n",
            "  name: 'Illustrative Supplier A: Forensic Systems'\n  colour: blue\n",
            1,
        )
    )
    assert issues_of(seeds_copy) == [f"{file} item 1 (line 1), field colour: is not a known field"]


def test_all_problems_come_in_one_report(seeds_copy: Path) -> None:
    replace_line(
        seeds_copy / "assessments.csv",
        2,
        "avon-and-somerset,online-crime-reporting,2026-10-15,9,9,illustrative,true",
    )
    (seeds_copy / "pilots.yaml").write_text("- id: Not A Slug\n")
    issues = issues_of(seeds_copy)
    assert any("assessments.csv row 1" in i and "field maturity" in i for i in issues)
    assert any("assessments.csv row 1" in i and "field target" in i for i in issues)
    assert any("pilots.yaml item 1 (line 1), field id" in i for i in issues)
    assert any("pilots.yaml item 1 (line 1), field forces: is required" in i for i in issues)


def test_broken_yaml_and_missing_file_are_reported(seeds_copy: Path) -> None:
    (seeds_copy / "metrics.yaml").write_text("- id: [unclosed\n")
    (seeds_copy / "offerings.csv").unlink()
    issues = issues_of(seeds_copy)
    assert any(
        i.startswith(f"{seeds_copy / 'metrics.yaml'} line") and "not valid YAML" in i
        for i in issues
    )
    assert f"{seeds_copy / 'offerings.csv'}: file is missing" in issues


def test_supplier_used_for_a_capability_it_does_not_offer(seeds_copy: Path) -> None:
    file = seeds_copy / "force_suppliers.csv"
    _, first, *_ = file.read_text().splitlines()
    force = first.split(",")[0]
    with file.open("a") as handle:
        handle.write(f"{force},illustrative-g-identity,router-analysis,illustrative,true\n")
    issues = issues_of(seeds_copy)
    assert len(issues) == 1
    assert "supplier 'illustrative-g-identity' does not offer 'router-analysis'" in issues[0]


def test_json_export_format_round_trips_through_the_reader(tmp_path: Path) -> None:
    dataset = read_dataset(SEEDS)
    target = tmp_path / "dataset.json"
    write_dataset(dataset, target, as_json=True)
    again = read_dataset(target)
    assert again.counts() == dataset.counts()
    assert again.records(PILOTS) == dataset.records(PILOTS)
    assert again.records(ASSESSMENTS) == dataset.records(ASSESSMENTS)


def test_json_errors_name_kind_and_index(tmp_path: Path) -> None:
    target = tmp_path / "bad.json"
    target.write_text(json.dumps({"forces": [{"id": "kent"}], "planets": []}))
    issues = issues_of(target)
    assert f"{target} planets: unknown kind (expected one of" in issues[0]
    assert f"{target} forces[0], field name: is required but missing" in issues
