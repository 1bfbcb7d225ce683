"""Loading into the real Neo4j: complete, idempotent, updating, pruning, and safe to rerun."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from graph.archive.snapshot import GraphSnapshot
from graph.config import PROJECT_ROOT
from graph.dataset import Dataset, read_dataset, write_dataset
from graph.dataset.synthetic import generate_dataset
from graph.loading.loader import load_dataset
from graph.model import KINDS, NODES
from graph.model.kinds import (
    ASSESSMENTS,
    CAPABILITIES,
    CRIME_NEEDS,
    CRIME_TYPES,
    CRIME_VOLUMES,
    DEPENDENCIES,
    FORCE_SUPPLIERS,
    FORCES,
    METRICS,
    OFFERINGS,
    PILOTS,
    REGIONAL_UNITS,
    SOURCES,
    SUPPLIERS,
    UNIT_ASSESSMENTS,
)
from graph.store.constraints import apply_schema
from graph.store.database import Database
from graph.store.local import LocalNeo4j
from graph.store.maintenance import clear_database
from graph.store.status import database_status

pytestmark = pytest.mark.neo4j

SEEDS = PROJECT_ROOT / "seeds"


@pytest.fixture
def schema_db(db: Database) -> Database:
    apply_schema(db)
    return db


def test_seed_load_writes_every_record(schema_db: Database, seed: Dataset) -> None:
    counted: list[tuple[int, int]] = []
    report = load_dataset(
        schema_db,
        seed,
        batch_size=500,
        progress=lambda _, done, total: counted.append((done, total)),
    )
    labels, types = GraphSnapshot.read(schema_db).counts()
    assert labels == {
        "Source": len(seed.records(SOURCES)),
        "Metric": len(seed.records(METRICS)),
        "Force": len(seed.records(FORCES)),
        "RegionalUnit": len(seed.records(REGIONAL_UNITS)),
        "Capability": len(seed.records(CAPABILITIES)),
        "CrimeType": len(seed.records(CRIME_TYPES)),
        "CrimeVolume": len(seed.records(CRIME_VOLUMES)),
        "Supplier": len(seed.records(SUPPLIERS)),
        "Pilot": len(seed.records(PILOTS)),
    }
    assert types["HAS_CAPABILITY"] == len(seed.records(ASSESSMENTS))
    assert types["UNIT_HAS_CAPABILITY"] == len(seed.records(UNIT_ASSESSMENTS))
    assert types["SERVES"] == 41, "the 43 forces less the Met and City of London Police"
    assert types["DEPENDS_ON"] == len(seed.records(DEPENDENCIES))
    assert types["USES_SUPPLIER"] == len(seed.records(FORCE_SUPPLIERS))
    assert types["MEASURED"] == sum(len(p.benefits) for p in seed.records(PILOTS))
    assert types["RUN_BY"] == sum(len(p.forces) for p in seed.records(PILOTS))
    assert report.relationship_count == sum(types.values())
    # The counter the command line shows climbs to the number of records and never past it.
    written = sum(labels.values()) + sum(types.values())
    assert {total for _, total in counted} == {written}
    assert [done for done, _ in counted] == sorted(done for done, _ in counted)
    assert counted[-1] == (written, written)


def test_loading_twice_leaves_an_identical_graph(schema_db: Database, seed: Dataset) -> None:
    load_dataset(schema_db, seed)
    first = GraphSnapshot.read(schema_db)
    load_dataset(schema_db, seed)
    second = GraphSnapshot.read(schema_db)
    assert second.contents() == first.contents()
    assert {k: e for k, (e, _) in second.nodes.items()} == {
        k: e for k, (e, _) in first.nodes.items()
    }


def test_changed_data_updates_and_prune_removes(schema_db: Database, seed: Dataset) -> None:
    load_dataset(schema_db, seed)
    baseline = GraphSnapshot.read(schema_db).contents()
    dropped = "router-analysis"
    edited = Dataset({kind: seed.records(kind) for kind in KINDS}, origin="edited")
    edited.replace(
        FORCES,
        [
            f.model_copy(update={"name": "Kent Police (renamed)"}) if f.id == "kent" else f
            for f in seed.records(FORCES)
        ],
    )
    edited.replace(
        ASSESSMENTS,
        [
            a.model_copy(update={"maturity": 0})
            if a.key[:2] == ("kent", "cryptocurrency-tracing")
            else a
            for a in seed.records(ASSESSMENTS)
        ],
    )
    changed = _without_capability(edited, dropped)

    without_prune = load_dataset(schema_db, changed)
    nodes, relationships = GraphSnapshot.read(schema_db).contents()
    assert nodes[("Force", "kent")]["name"] == "Kent Police (renamed)"
    assert (
        relationships[
            ("HAS_CAPABILITY", "kent", "cryptocurrency-tracing", "2026-09-15|illustrative")
        ]["maturity"]
        == 0
    )
    assert ("Capability", dropped) in nodes, "without --prune nothing is deleted"
    assert without_prune.nodes_deleted == 0

    pruned = load_dataset(schema_db, changed, prune=True)
    nodes, relationships = GraphSnapshot.read(schema_db).contents()
    assert ("Capability", dropped) not in nodes
    assert ("Pilot", "router-recovery") not in nodes, "its only pilot was dropped with it"
    assert not [key for key in relationships if dropped in key[1:3]]
    assert pruned.nodes_deleted == 2
    assert pruned.relationships_deleted == len(baseline[1]) - len(relationships)

    load_dataset(schema_db, seed, prune=True)
    assert GraphSnapshot.read(schema_db).contents() == baseline


def _without_capability(dataset: Dataset, capability: str) -> Dataset:
    changed = Dataset(
        {kind: dataset.records(kind) for kind in KINDS}, origin=f"{dataset.origin} changed"
    )
    changed.replace(CAPABILITIES, [c for c in dataset.records(CAPABILITIES) if c.id != capability])
    changed.replace(
        DEPENDENCIES,
        [
            d
            for d in dataset.records(DEPENDENCIES)
            if capability not in (d.capability, d.depends_on)
        ],
    )
    for kind in (CRIME_NEEDS, OFFERINGS, FORCE_SUPPLIERS, ASSESSMENTS):
        changed.replace(kind, [r for r in dataset.records(kind) if r.capability != capability])
    changed.replace(
        PILOTS, [p for p in dataset.records(PILOTS) if capability not in p.capabilities]
    )
    return changed


def test_interrupted_load_rerun_gives_the_uninterrupted_graph(
    schema_db: Database, neo4j_server: LocalNeo4j, seed: Dataset, tmp_path: Path
) -> None:
    data = tmp_path / "scale10"
    write_dataset(generate_dataset(seed, scale=10, seed=3), data)
    load_dataset(schema_db, read_dataset(data))
    reference = GraphSnapshot.read(schema_db).contents()
    clear_database(schema_db)

    command = [
        str(Path(sys.executable).with_name("diikg")),
        "load",
        str(data),
        "--batch-size",
        "100",
    ]
    env = {**os.environ, "DIIKG_DATA_DIR": str(neo4j_server.settings.data_dir)}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        counted = schema_db.read_statement("MATCH ()-[r:HAS_CAPABILITY]->() RETURN count(r) AS n")
        if counted[0]["n"] >= 500:
            break
        time.sleep(0.2)
    assert process.poll() is None, "the load finished before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = GraphSnapshot.read(schema_db).contents()
    assert partial != reference, "the kill must leave the graph part-loaded"

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert GraphSnapshot.read(schema_db).contents() == reference
    last = database_status(schema_db, neo4j_server.settings).last_load
    assert last is not None
    assert last["outcome"] == "succeeded"
    outcomes = sorted(
        row["outcome"]
        for row in schema_db.read_statement("MATCH (l:Load) RETURN l.outcome AS outcome")
    )
    assert outcomes == ["interrupted", "succeeded"]


INJECTION = "x'}) MATCH (n) DETACH DELETE n // \" `Force` $rows {id: 1}"


@pytest.mark.neo4j
def test_injections_in_every_text_field_are_stored_as_data(schema_db: Database) -> None:
    seed = read_dataset(SEEDS)  # a copy of its own: it is changed below
    changed = []
    for kind in (kind for kind in KINDS if seed.records(kind)):
        records = seed.records(kind)
        first = records[0]
        for name, value in first.model_dump().items():
            if not isinstance(value, str):
                continue
            try:
                first = type(first).model_validate({**first.model_dump(), name: INJECTION})
            except ValidationError:
                continue  # an id or a code: injections cannot get in (their own tests show it)
            changed.append((kind.name, name))
        records[0] = first
    assert len(changed) >= 15

    report = load_dataset(schema_db, seed)

    snapshot = GraphSnapshot.read(schema_db)
    nodes, relationships = snapshot.counts()
    assert sum(nodes.values()) == sum(len(seed.records(kind)) for kind in NODES)
    assert sum(relationships.values()) == report.relationship_count > 3000
    stored = [
        value
        for _, props in [*snapshot.nodes.values(), *snapshot.relationships.values()]
        for value in props.values()
        if value == INJECTION
    ]
    assert len(stored) == len(changed)
