"""Property: any seed folder broken in one cell is refused naming file and row, and nothing is written."""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from api.cli import app
from graph.archive.snapshot import GraphSnapshot
from graph.config import PROJECT_ROOT
from graph.dataset import read_dataset
from graph.exceptions import DatasetError
from graph.loading.loader import load_dataset
from graph.reads import graph_version
from graph.store.constraints import apply_schema
from graph.store.database import Database
from graph.store.local import LocalNeo4j

SEEDS = PROJECT_ROOT / "seeds"
_IDS = {
    name: [row["id"] for row in csv.DictReader((SEEDS / f"{name}.csv").open(encoding="utf-8"))]
    for name in ("forces",)
}

not_a_level = st.one_of(
    st.integers().filter(lambda n: not 0 <= n <= 5).map(str),
    st.text(min_size=1, max_size=12).filter(lambda t: t.strip() and not t.strip().isdigit()),
)
unknown_id = st.from_regex(r"\A[a-z][a-z0-9-]{2,30}\Z").filter(lambda t: not t.startswith("kent"))
not_an_id = st.text(min_size=1, max_size=20).filter(
    lambda t: bool(t.strip()) and not re.fullmatch(r"[a-z0-9][a-z0-9._~-]*", t.strip())
)

# (file, column, what goes in the cell): each is invalid whatever the row.
BREAKAGES = st.one_of(
    st.tuples(st.just("assessments.csv"), st.just("maturity"), not_a_level),
    st.tuples(st.just("assessments.csv"), st.just("target"), not_a_level),
    st.tuples(
        st.just("assessments.csv"), st.just("capability"), unknown_id.map(lambda t: t + "-zz")
    ),
    st.tuples(
        st.just("dependencies.csv"), st.just("depends_on"), unknown_id.map(lambda t: t + "-zz")
    ),
    st.tuples(st.just("offerings.csv"), st.just("supplier"), unknown_id.map(lambda t: t + "-zz")),
    st.tuples(st.just("forces.csv"), st.just("id"), not_an_id),
    st.tuples(
        st.just("forces.csv"), st.just("kind"), st.sampled_from(["POLICE", "territorial!", "1"])
    ),
    st.tuples(st.just("forces.csv"), st.just("name"), st.just("")),
    st.tuples(st.just("forces.csv"), st.just("id"), st.sampled_from(_IDS["forces"][1:])),
)


def _break(folder: Path, file: str, column: str, value: str, row: int) -> tuple[int, str]:
    """Put ``value`` into ``column`` of data row ``row`` (wrapped to the file's length).

    Returns the row's number as messages give it (from 1) and the value it replaced.
    """
    path = folder / file
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    number = row % len(rows)
    original = rows[number][column]
    rows[number][column] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return number + 1, original


@pytest.mark.neo4j
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(breakage=BREAKAGES, row=st.integers(min_value=0, max_value=10_000))
def test_one_broken_cell_is_named_and_nothing_is_written(
    breakage: tuple[str, str, str], row: int, loaded: tuple[LocalNeo4j, Database]
) -> None:
    server, db = loaded
    file, column, value = breakage
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "seeds"
        shutil.copytree(SEEDS, folder)
        number, original = _break(folder, file, column, value, row)
        assume(original.strip() != value.strip())
        with pytest.raises(DatasetError) as refused:
            read_dataset(folder)
        # The broken row is named: where the issue is, or (for a duplicate id met
        # earlier in the file) as where the first of the two is.
        issues = [str(issue) for issue in refused.value.issues]
        assert any(f"{folder / file} row {number} " in issue for issue in issues), (issues, value)

        version = graph_version(db)
        result = CliRunner().invoke(
            app, ["load", str(folder)], env={"DIIKG_DATA_DIR": str(server.settings.data_dir)}
        )
        assert result.exit_code == 1
        assert graph_version(db) == version


@pytest.fixture(scope="module")
def loaded(neo4j_server: LocalNeo4j) -> Iterator[tuple[LocalNeo4j, Database]]:
    with Database.connect(neo4j_server.settings) as db:
        apply_schema(db)
        if GraphSnapshot.read(db).counts()[0].get("Force") != 47:
            load_dataset(db, read_dataset(SEEDS))
        yield neo4j_server, db
