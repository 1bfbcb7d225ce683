"""What ``diikg db status`` reports: where Neo4j is, its version, and what it holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.config import Settings
from graph.store.database import Database
from graph.store.local import LocalNeo4j

__all__ = ["DatabaseStatus", "database_status"]


@dataclass(frozen=True)
class DatabaseStatus:
    """A snapshot of the database the project talks to."""

    uri: str
    database: str
    local: bool
    version: str
    edition: str
    store_bytes: int | None
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    last_load: dict[str, Any] | None = None
    """Properties of the latest ``:Load`` record, or ``None`` if nothing was ever loaded."""

    @property
    def node_count(self) -> int:
        """Nodes of every label (a node with two labels counts twice)."""
        return sum(self.nodes.values())

    @property
    def relationship_count(self) -> int:
        """Relationships of every type."""
        return sum(self.relationships.values())


def database_status(db: Database, settings: Settings) -> DatabaseStatus:
    """Version, store size and counts by label and type of the database ``db`` reaches.

    The store size is known only for the project's own Neo4j.
    """
    component = next(
        (row for row in db.read("admin/server_components") if row["name"] == "Neo4j Kernel"),
        {"version": "unknown", "edition": "unknown"},
    )
    nodes = {row["label"]: row["count"] for row in db.read("admin/count_nodes_by_label")}
    relationships = {
        row["type"]: row["count"] for row in db.read("admin/count_relationships_by_type")
    }
    return DatabaseStatus(
        uri=db.uri,
        database=settings.neo4j_database,
        local=settings.is_local,
        version=component["version"],
        edition=component["edition"],
        store_bytes=LocalNeo4j(settings).store_size() if settings.is_local else None,
        nodes=nodes,
        relationships=relationships,
        last_load=next((row["load"] for row in db.read("admin/last_load")), None),
    )
