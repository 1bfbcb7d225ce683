"""Emptying a database, for tests and for restoring into a clean store."""

from __future__ import annotations

from graph.store.changes import record_everything
from graph.store.database import Database

__all__ = ["clear_database"]

_BATCH = 10_000


def clear_database(db: Database, *, drop_schema: bool = False) -> None:
    """Delete every node and relationship, and with ``drop_schema`` every constraint and index.

    Neo4j's built-in token lookup indexes are kept, and so is the graph's version
    counter, which goes up: caches of responses and projections then drop what they
    hold. Deletion runs in batches of 10,000 nodes so that a large graph never needs
    one huge transaction.
    """
    while db.write("admin/delete_all_nodes", batch=_BATCH)[0]["deleted"]:
        pass
    record_everything(db)
    if not drop_schema:
        return
    for row in db.read("admin/list_schema"):
        if row["owningConstraint"]:
            db.write("admin/drop_constraint", name=row["owningConstraint"])
        elif row["type"] != "LOOKUP":
            db.write("admin/drop_index", name=row["name"])
