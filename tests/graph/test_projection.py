"""The projection: after an edit, the cached one is brought up to date, never left behind.

Each edit the API makes is applied to a cached projection; the result must be exactly
what reading the whole graph again gives (nodes, edges both ways, attributes), the
analyses on it must agree, and the projection it was made from, which other requests
may still be reading, must not change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest

from graph.analysis.report import dependency_report
from graph.analysis.unmet_needs import unmet_needs
from graph.analysis.views import view
from graph.config import load_settings
from graph.dataset import Dataset
from graph.dataset.rows import edge_key, link_rows, relationship_rows
from graph.editing import assess_capability, record_benefits, register_pilot, upsert_supplier
from graph.exceptions import DatabaseAuthError
from graph.loading.loader import load_dataset
from graph.model import RELATIONSHIP_TYPES, Assessment, Benefit, Link, Offering, Supplier
from graph.model.kinds import PILOTS
from graph.projection import ProjectionCache, project
from graph.store.changes import KEPT
from graph.store.database import Database
from graph.store.local import LocalNeo4j

pytestmark = pytest.mark.neo4j

Edit = Callable[[Database, Dataset], Any]


def _assessment(maturity: int, day: dt.date = dt.date(2026, 11, 30)) -> Assessment:
    return Assessment(
        force="kent",
        capability="live-chat",
        maturity=maturity,
        target=5,
        assessed_on=day,
        source="editor-input",
        illustrative=True,
    )


def _supplier(db: Database, offered: list[str], name: str = "New Co") -> None:
    upsert_supplier(
        db,
        Supplier(id="new-co", name=name, source="editor-input", illustrative=True),
        [
            Offering(
                supplier="new-co",
                capability=capability,
                product="Kit",
                source="editor-input",
                illustrative=True,
            )
            for capability in offered
        ],
    )


def _fewer_links(db: Database, seed: Dataset) -> None:
    pilot = max(seed.records(PILOTS), key=lambda p: len(p.forces) + len(p.crime_types))
    register_pilot(
        db, pilot.model_copy(update={"forces": pilot.forces[:1], "crime_types": [], "name": "X"})
    )


def _benefits(db: Database, seed: Dataset) -> None:
    pilot = next(p for p in seed.records(PILOTS) if p.benefits)
    metric = pilot.benefits[0].metric
    record_benefits(db, pilot.id, [Benefit(metric=metric, baseline=1.0, result=2.0)])


# Each edit: what is done before the projection is cached, then the edit itself.
EDITS: dict[str, tuple[Edit, Edit]] = {
    "a new observation": (
        lambda db, seed: None,
        lambda db, seed: assess_capability(db, _assessment(1)),
    ),
    "an observation replaced": (
        lambda db, seed: assess_capability(db, _assessment(1)),
        lambda db, seed: assess_capability(db, _assessment(4)),
    ),
    "a new supplier": (lambda db, seed: None, lambda db, seed: _supplier(db, ["live-chat"])),
    "a supplier renamed, an offering withdrawn": (
        lambda db, seed: _supplier(db, ["live-chat", "victim-updates"]),
        lambda db, seed: _supplier(db, ["victim-updates"], name="Newer Co"),
    ),
    "a pilot re-registered with fewer links": (lambda db, seed: None, _fewer_links),
    "a pilot's benefits": (lambda db, seed: None, _benefits),
}


def _contents(graph: nx.MultiDiGraph) -> tuple[Any, ...]:
    """Everything a graph holds, both ways round, in a comparable form."""
    return (
        {node: dict(data) for node, data in graph.nodes(data=True)},
        sorted((u, v, k, sorted(d.items())) for u, v, k, d in graph.edges(keys=True, data=True)),
        sorted(graph.in_edges(keys=True)),
    )


def test_every_relationship_is_the_edge_networkx_would_add_for_it(
    seeded_db: Database, seed: Dataset
) -> None:
    # The reference: each relationship of the seed added with ``add_edge``, keyed by
    # ``edge_key`` and carrying the properties the model projects.
    expected = nx.MultiDiGraph()
    for rel in RELATIONSHIP_TYPES:
        rows = link_rows(seed, rel) if isinstance(rel, Link) else relationship_rows(seed, rel)
        for row in rows:
            props = {key: row["props"].get(key) for key in rel.projected}
            key = edge_key(rel.type, row["props"])
            expected.add_edge(row["from"], row["to"], key=key, type=rel.type, **props)

    assert _contents(project(seeded_db))[1:] == _contents(expected)[1:]


def test_a_read_that_fails_fails_the_projection_with_its_error(neo4j_server: LocalNeo4j) -> None:
    settings = load_settings(neo4j_uri=neo4j_server.bolt_uri, neo4j_password="not-the-password-123")
    with Database.connect(settings) as db, pytest.raises(DatabaseAuthError):
        project(db)


@pytest.mark.parametrize(("prepare", "edit"), EDITS.values(), ids=EDITS.keys())
def test_an_edit_brings_the_cached_projection_to_what_reading_it_again_gives(
    seeded_db: Database, seed: Dataset, prepare: Edit, edit: Edit
) -> None:
    prepare(seeded_db, seed)
    cache = ProjectionCache()
    before = cache.get(seeded_db)
    kept = _contents(before.graph)

    edit(seeded_db, seed)
    after = cache.get(seeded_db)

    assert after.updated
    assert after.version > before.version
    fresh = project(seeded_db)
    assert _contents(after.graph) == _contents(fresh)
    assert _contents(before.graph) == kept
    assert dependency_report(view(after.graph)) == dependency_report(view(fresh))
    assert unmet_needs(after.graph) == unmet_needs(fresh)


def test_an_unchanged_graph_gives_the_same_projection(seeded_db: Database) -> None:
    cache = ProjectionCache()
    assert cache.get(seeded_db) is cache.get(seeded_db)


def test_a_load_reads_the_whole_graph_again(seeded_db: Database, seed: Dataset) -> None:
    cache = ProjectionCache()
    cache.get(seeded_db)
    load_dataset(seeded_db, seed)
    again = cache.get(seeded_db)
    assert not again.updated
    assert _contents(again.graph) == _contents(project(seeded_db))


def test_more_writes_than_are_kept_read_the_whole_graph_again(seeded_db: Database) -> None:
    cache = ProjectionCache()
    cache.get(seeded_db)
    for n in range(KEPT + 1):
        assess_capability(seeded_db, _assessment(n % 6, dt.date(2026, 1, 1) + dt.timedelta(n)))
    again = cache.get(seeded_db)
    assert not again.updated
    assert _contents(again.graph) == _contents(project(seeded_db))
