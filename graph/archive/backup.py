"""Backups of the whole knowledge graph, and restoring one (JSON export in, pruning load out)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from graph.archive.export import ExportFormat, export_graph
from graph.archive.snapshot import GraphSnapshot
from graph.config import Settings
from graph.dataset import Dataset
from graph.loading import DEFAULT_BATCH_SIZE, LoadReport, Progress, load_dataset
from graph.store.constraints import apply_schema
from graph.store.database import Database

__all__ = ["Backup", "backup", "default_backup_path", "restore"]


@dataclass(frozen=True)
class Backup:
    """A backup written: where, and how many nodes and relationships it holds."""

    path: Path
    nodes: int
    relationships: int


def default_backup_path(settings: Settings, now: dt.datetime | None = None) -> Path:
    """``<data dir>/backups/diikg-<UTC time>.json``."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    return settings.data_dir / "backups" / f"diikg-{stamp}.json"


def backup(db: Database, path: Path) -> Backup:
    """Write every node and relationship of ``db``, as of one graph version, to ``path``.

    The file is the JSON export (``diikg load`` reads it too). It is written beside
    ``path`` first and renamed into place, so ``path`` is never a half-written backup.
    """
    snapshot = GraphSnapshot.read(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    export_graph(snapshot, partial, ExportFormat.JSON)
    os.replace(partial, path)
    nodes, relationships = snapshot.counts()
    return Backup(path=path, nodes=sum(nodes.values()), relationships=sum(relationships.values()))


def restore(
    db: Database,
    dataset: Dataset,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> LoadReport:
    """Make the graph exactly ``dataset``, a backup read (and so validated) by ``read_dataset``.

    Every record is merged, then whatever the backup does not hold is deleted (a
    pruning load): the graph is never emptied on the way, and a restore that was
    interrupted can be run again to reach the same end state.

    Raises
    ------
    DatabaseError
        Neo4j failed part-way; run the restore again.
    """
    apply_schema(db)
    return load_dataset(db, dataset, prune=True, batch_size=batch_size, progress=progress)
