"""A backup restores exactly the graph it was taken from, whatever happened in between."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from graph.archive.backup import backup, default_backup_path, restore
from graph.archive.snapshot import GraphSnapshot
from graph.dataset import read_dataset
from graph.editing import assess_capability, upsert_supplier
from graph.exceptions import DatasetError
from graph.model import Assessment, Offering, Supplier
from graph.store.database import Database
from graph.store.maintenance import clear_database

pytestmark = pytest.mark.neo4j


def _change_the_graph(db: Database) -> None:
    assess_capability(
        db,
        Assessment(
            force="kent",
            capability="live-chat",
            maturity=0,
            target=5,
            assessed_on=dt.date(2026, 11, 29),
            source="editor-input",
            illustrative=True,
        ),
    )
    upsert_supplier(
        db,
        Supplier(id="new-co", name="New Co", source="editor-input", illustrative=True),
        [
            Offering(
                supplier="new-co",
                capability="live-chat",
                product="Chat",
                source="editor-input",
                illustrative=True,
            )
        ],
    )


def test_restore_undoes_every_change_since_the_backup(seeded_db: Database, tmp_path: Path) -> None:
    before = GraphSnapshot.read(seeded_db).contents()
    taken = backup(seeded_db, tmp_path / "b.json")
    nodes, relationships = before
    assert (taken.nodes, taken.relationships) == (len(nodes), len(relationships))
    _change_the_graph(seeded_db)
    assert GraphSnapshot.read(seeded_db).contents() != before

    report = restore(seeded_db, read_dataset(taken.path))

    assert GraphSnapshot.read(seeded_db).contents() == before
    # The new supplier, its offering and the new observation (history is appended) were pruned.
    assert report.nodes_deleted == 1
    assert report.relationships_deleted == 2


def test_restore_into_an_empty_database_gives_the_same_graph(
    seeded_db: Database, tmp_path: Path
) -> None:
    before = GraphSnapshot.read(seeded_db).contents()
    taken = backup(seeded_db, tmp_path / "b.json")
    clear_database(seeded_db, drop_schema=True)
    restore(seeded_db, read_dataset(taken.path))
    assert GraphSnapshot.read(seeded_db).contents() == before


def test_a_damaged_backup_is_refused_before_anything_is_written(
    seeded_db: Database, tmp_path: Path
) -> None:
    taken = backup(seeded_db, tmp_path / "b.json")
    text = taken.path.read_text()
    damaged = tmp_path / "damaged.json"
    damaged.write_text(text[: len(text) // 2])
    with pytest.raises(DatasetError, match=re.escape(str(damaged))):
        read_dataset(damaged)
    # A backup whose records break the rules is refused naming the record and field.
    records = json.loads(text)
    records["assessments"][0]["maturity"] = 9
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps(records))
    with pytest.raises(DatasetError) as refused:
        read_dataset(wrong)
    [issue] = refused.value.issues
    assert str(wrong) in issue.where
    assert "assessments" in issue.where
    assert issue.field == "maturity"


def test_a_backup_is_written_whole_or_not_at_all(seeded_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "nested" / "b.json"
    backup(seeded_db, target)
    assert [p.name for p in target.parent.iterdir()] == ["b.json"]


def test_default_backup_path_is_timestamped_under_the_data_dir(db: Database) -> None:
    path = default_backup_path(db.settings, dt.datetime(2026, 11, 29, 6, 30, tzinfo=dt.UTC))
    assert path == db.settings.data_dir / "backups" / "diikg-20261129T063000Z.json"
