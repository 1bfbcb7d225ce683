"""The data.police.uk forces list, checked against the graph: differences named, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.archive.snapshot import GraphSnapshot
from graph.exceptions import ImportFileError
from graph.store.database import Database
from tests.graph.importing.conftest import run_import
from tests.graph.importing.workbooks import DATA

pytestmark = pytest.mark.neo4j


def test_differences_are_named_and_nothing_is_written(seeded_db: Database) -> None:
    before = GraphSnapshot.read(seeded_db).contents()
    plan, changes = run_import(seeded_db, "police-uk-forces", [DATA / "police-uk-forces.json"])
    # The 43 and Police Service of Northern Ireland; Hampshire under its name before 2022.
    assert plan.rows_read == 44
    assert plan.findings == [
        "police-uk-forces.json, item 9: 'devon-and-cornwall' is named "
        "'Devon and Cornwall Police' there, 'Devon & Cornwall Police' in the graph",
        "police-uk-forces.json, item 17: 'hampshire' is named 'Hampshire Constabulary' "
        "there, 'Hampshire and Isle of Wight Constabulary' in the graph",
    ]
    assert not changes.any
    assert GraphSnapshot.read(seeded_db).contents() == before


def test_a_territorial_force_missing_from_the_list_is_named(
    seeded_db: Database, tmp_path: Path
) -> None:
    short = tmp_path / "forces.json"
    short.write_text(
        '[{"id": "kent", "name": "Kent Police"}, '
        '{"id": "transport", "name": "British Transport Police"}]'
    )
    plan, _ = run_import(seeded_db, "police-uk-forces", [short])
    assert len(plan.findings) == 43
    assert plan.findings[0] == (
        "forces.json, item 2: 'transport' (British Transport Police) is "
        "'british-transport-police' in the graph"
    )
    assert "territorial force 'surrey' (Surrey Police) is not listed" in plan.findings


def test_a_list_of_the_wrong_shape_is_refused(seeded_db: Database, tmp_path: Path) -> None:
    wrong = tmp_path / "forces.json"
    wrong.write_text('[{"slug": "kent"}]')
    with pytest.raises(
        ImportFileError, match=r"forces\.json, item 1: expected an object with text 'id' and 'name'"
    ):
        run_import(seeded_db, "police-uk-forces", [wrong])
