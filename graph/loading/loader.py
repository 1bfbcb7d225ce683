"""Writing a validated dataset into Neo4j: batched, idempotent, recorded, optionally pruning."""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.archive.snapshot import GraphSnapshot, NodeKey, RelationshipKey
from graph.dataset import Dataset, read_dataset
from graph.dataset.rows import link_rows, node_rows, relationship_key, relationship_rows
from graph.exceptions import DiikgError
from graph.model import LINKS, NODES, RELATIONSHIPS
from graph.store import statements
from graph.store.changes import record_everything
from graph.store.database import Database
from graph.store.queries import Statement

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "LoadReport",
    "LoadStep",
    "is_empty",
    "load_dataset",
    "load_if_empty",
    "plan_load",
]

DEFAULT_BATCH_SIZE = 5000
"""Rows per write transaction: large enough to be fast, small enough to keep memory low."""

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
"""Called after each batch with what is being done, rows done so far and rows in all.

Loading counts every row of every step; pruning, which follows, counts again from 0
over the nodes and relationships it deletes.
"""


@dataclass(frozen=True)
class LoadStep:
    """One merge statement and the rows it writes; ``name`` is the label or relationship type.

    ``label`` is the label of the nodes it writes, or of its relationships' start nodes.
    """

    name: str
    statement: Statement
    rows: list[dict[str, Any]]
    relationships: bool
    label: str


@dataclass
class LoadReport:
    """What a load did."""

    load_id: str
    nodes_written: dict[str, int] = field(default_factory=dict)
    relationships_written: dict[str, int] = field(default_factory=dict)
    nodes_deleted: int = 0
    relationships_deleted: int = 0
    seconds: float = 0.0

    @property
    def node_count(self) -> int:
        """Nodes created or updated."""
        return sum(self.nodes_written.values())

    @property
    def relationship_count(self) -> int:
        """Relationships created or updated."""
        return sum(self.relationships_written.values())


def plan_load(dataset: Dataset) -> list[LoadStep]:
    """The merge steps for ``dataset``: nodes first, then relationships between them."""
    steps = [
        LoadStep(
            kind.label, statements.merge_nodes(kind), node_rows(dataset, kind), False, kind.label
        )
        for kind in NODES
    ]
    steps += [
        LoadStep(
            kind.type,
            statements.merge_relationships(kind),
            relationship_rows(dataset, kind),
            True,
            kind.start.label,
        )
        for kind in RELATIONSHIPS
    ]
    steps += [
        LoadStep(
            link.type,
            statements.merge_relationships(link),
            link_rows(dataset, link),
            True,
            link.start.label,
        )
        for link in LINKS
    ]
    return steps


def load_dataset(
    db: Database,
    dataset: Dataset,
    *,
    prune: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> LoadReport:
    """Write ``dataset`` into ``db`` and record the load as a ``:Load`` node.

    Every batch is a ``MERGE`` on ids whose properties replace the old ones, so a
    load can be repeated, and a load that was killed can be run again to reach
    exactly the graph an uninterrupted load gives. With ``prune``, nodes and
    relationships that the dataset no longer has are deleted afterwards.

    Raises
    ------
    DatabaseError
        Neo4j failed; the load record says ``failed`` if Neo4j could still be reached.
    """
    began = time.perf_counter()
    report = LoadReport(load_id=str(uuid.uuid4()))
    db.write("load/start_load_record", id=report.load_id, origin=dataset.origin, prune=prune)
    record_everything(db)
    steps = plan_load(dataset)
    total = sum(len(step.rows) for step in steps)
    done = 0
    try:
        for step in steps:
            written = report.relationships_written if step.relationships else report.nodes_written
            written[step.name] = len(step.rows)
            for batch in _batches(step.rows, batch_size):
                db.write(step.statement, rows=batch)
                done += len(batch)
                if progress:
                    progress(step.name, done, total)
        if prune:
            _prune(db, steps, report, batch_size, progress)
    except DiikgError as exc:
        report.seconds = time.perf_counter() - began
        _finish(db, report, outcome="failed", error=str(exc))
        raise
    report.seconds = time.perf_counter() - began
    record_everything(db)
    _finish(db, report, outcome="succeeded")
    return report


def is_empty(db: Database) -> bool:
    """Whether the graph holds no forces yet (nothing was ever loaded into it)."""
    return not db.read("admin/count_forces")[0]["forces"]


def load_if_empty(
    db: Database, path: Path, *, progress: Progress | None = None
) -> LoadReport | None:
    """Load the dataset at ``path`` if the graph is empty; the report, or ``None`` if not empty.

    Raises
    ------
    DatasetError
        The dataset is malformed; nothing was written.
    """
    if not is_empty(db):
        return None
    return load_dataset(db, read_dataset(path), progress=progress)


def _prune(
    db: Database,
    steps: list[LoadStep],
    report: LoadReport,
    batch_size: int,
    progress: Progress | None,
) -> None:
    wanted_nodes, wanted_relationships = _keys(steps)
    snapshot = GraphSnapshot.read(db)
    stale_relationships = [
        element
        for key, (element, _) in snapshot.relationships.items()
        if key not in wanted_relationships
    ]
    stale_nodes = [
        element for key, (element, _) in snapshot.nodes.items() if key not in wanted_nodes
    ]
    total, done = len(stale_relationships) + len(stale_nodes), 0
    for batch in _batches(stale_relationships, batch_size):
        report.relationships_deleted += db.write("load/delete_relationships", elementIds=batch)[0][
            "deleted"
        ]
        done += len(batch)
        if progress:
            progress("prune relationships", done, total)
    for batch in _batches(stale_nodes, batch_size):
        report.nodes_deleted += db.write("load/delete_nodes", elementIds=batch)[0]["deleted"]
        done += len(batch)
        if progress:
            progress("prune nodes", done, total)


def _keys(steps: list[LoadStep]) -> tuple[set[NodeKey], set[RelationshipKey]]:
    nodes = {
        (step.name, row["id"]) for step in steps if not step.relationships for row in step.rows
    }
    relationships = {
        relationship_key(step.name, row["from"], row["to"], row["props"])
        for step in steps
        if step.relationships
        for row in step.rows
    }
    return nodes, relationships


def _finish(db: Database, report: LoadReport, *, outcome: str, error: str | None = None) -> None:
    counts = {"nodes": report.nodes_written, "relationships": report.relationships_written}
    try:
        db.write(
            "load/finish_load_record",
            id=report.load_id,
            outcome=outcome,
            seconds=round(report.seconds, 3),
            nodesWritten=report.node_count,
            relationshipsWritten=report.relationship_count,
            nodesDeleted=report.nodes_deleted,
            relationshipsDeleted=report.relationships_deleted,
            counts=json.dumps(counts, sort_keys=True),
            error=error,
        )
    except DiikgError:
        if outcome == "succeeded":
            raise
        log.warning("could not record the failure of load %s", report.load_id)


def _batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]
