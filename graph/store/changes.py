"""What each write changed, so that caches drop or update only what it could affect.

Every load and edit raises the graph's version counter and records what it wrote: the
labels and relationship types it wrote (its *tables*) and the nodes whose properties
or outgoing relationships it changed. A load, a restore or emptying the database
records *everything*. The records of the last ``KEPT`` writes are kept with the counter;
a cache further behind than that starts again.

Example
-------
>>> change = Change(frozenset({"HAS_CAPABILITY"}), {"Force": ("kent",)})
>>> Change.decode(change.encode()) == change
True
>>> Change.decode(EVERYTHING) is None
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import orjson

from graph.store.database import Database, Transaction, run

__all__ = [
    "EVERYTHING",
    "KEPT",
    "Change",
    "changes_since",
    "record_change",
    "record_everything",
    "touched",
]

KEPT = 64
"""Writes whose records are kept; a cache more writes behind than this starts again."""
EVERYTHING = "*"
"""The record of a write that may have changed anything."""


@dataclass(frozen=True)
class Change:
    """One write's tables (labels, relationship types) and its nodes (ids by label).

    ``nodes`` are the nodes whose own properties or outgoing relationships the write
    changed; no other node's were.
    """

    tables: frozenset[str]
    nodes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def encode(self) -> str:
        """The record kept in Neo4j (JSON)."""
        return orjson.dumps(
            {"tables": sorted(self.tables), "nodes": {k: list(v) for k, v in self.nodes.items()}}
        ).decode()

    @classmethod
    def decode(cls, text: str) -> Change | None:
        """The change ``text`` records, or ``None`` for everything."""
        if text == EVERYTHING:
            return None
        data = orjson.loads(text)
        return cls(frozenset(data["tables"]), {k: tuple(v) for k, v in data["nodes"].items()})


def touched(changes: Iterable[Change]) -> Change:
    """All of ``changes`` as one."""
    tables: set[str] = set()
    nodes: dict[str, set[str]] = {}
    for change in changes:
        tables |= change.tables
        for label, ids in change.nodes.items():
            nodes.setdefault(label, set()).update(ids)
    return Change(frozenset(tables), {k: tuple(sorted(v)) for k, v in sorted(nodes.items())})


def record_change(tx: Transaction, change: Change | None) -> int:
    """Raise the version counter and record ``change`` (``None``: everything); the new version."""
    text = EVERYTHING if change is None else change.encode()
    [row] = run(tx, "write/bump_graph_version", change=text, kept=KEPT)
    return int(row["version"])


def record_everything(db: Database) -> int:
    """Raise the version counter for a write that may have changed anything; the new version."""
    return db.execute_write(lambda tx: record_change(tx, None))


def changes_since(db: Database, version: int | None) -> tuple[int, list[Change] | None]:
    """The version now, and the changes made after ``version``, oldest first.

    The list is ``None`` when any of them may have changed everything, when some are no
    longer kept, or when ``version`` is ``None`` (nothing known yet).
    """
    [row] = db.read("read/graph_changes", since=version)
    if row["changes"] is None:
        return int(row["version"]), None
    decoded = [Change.decode(text) for text in row["changes"]]
    if any(change is None for change in decoded):
        return int(row["version"]), None
    return int(row["version"]), [change for change in decoded if change is not None]
