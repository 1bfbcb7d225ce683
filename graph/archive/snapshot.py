"""The whole knowledge graph read back from Neo4j: for pruning, exporting and comparing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph.dataset import Dataset
from graph.dataset.rows import relationship_key, to_dataset
from graph.exceptions import DatabaseError
from graph.reads import graph_version
from graph.store.database import Database, run

__all__ = ["GraphSnapshot", "NodeKey", "RelationshipKey"]

NodeKey = tuple[str, str]
"""A node's label and id."""
RelationshipKey = tuple[str, str, str, str | None]
"""A relationship's type, endpoint ids and key property (see ``relationship_key``)."""


@dataclass
class GraphSnapshot:
    """Every node and relationship of the knowledge graph (load records excepted).

    Two snapshots compare equal through ``contents()`` when the graphs hold the same
    nodes and relationships with the same properties, whatever their element ids.
    """

    nodes: dict[NodeKey, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    relationships: dict[RelationshipKey, tuple[str, dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def read(cls, db: Database, *, attempts: int = 5) -> GraphSnapshot:
        """Every node and relationship of ``db``, as of one graph version.

        Nodes and relationships are read in one transaction; if the graph's version
        moved meanwhile (an edit or a load committed), they are read again, so that a
        snapshot never holds a relationship without its nodes.

        Raises
        ------
        DatabaseError
            The graph kept changing for ``attempts`` reads in a row.
        """
        for _ in range(attempts):
            before = graph_version(db)
            nodes, relationships = db.execute_read(
                lambda tx: (run(tx, "admin/dump_nodes"), run(tx, "admin/dump_relationships"))
            )
            if graph_version(db) == before:
                return cls._of(nodes, relationships)
        raise DatabaseError(f"the graph changed during each of {attempts} attempts to read it")

    @classmethod
    def _of(cls, nodes: list[dict[str, Any]], relationships: list[dict[str, Any]]) -> GraphSnapshot:
        snapshot = cls()
        for row in nodes:
            node_key: NodeKey = (row["label"], row["props"].get("id"))
            snapshot.nodes[node_key] = (row["elementId"], row["props"])
        for row in relationships:
            rel_key = relationship_key(row["type"], row["from"], row["to"], row["props"])
            snapshot.relationships[rel_key] = (row["elementId"], row["props"])
        return snapshot

    def contents(
        self,
    ) -> tuple[dict[NodeKey, dict[str, Any]], dict[RelationshipKey, dict[str, Any]]]:
        """Nodes and relationships with their properties, without element ids."""
        return (
            {key: props for key, (_, props) in self.nodes.items()},
            {key: props for key, (_, props) in self.relationships.items()},
        )

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """How many nodes of each label and relationships of each type."""
        labels: dict[str, int] = defaultdict(int)
        types: dict[str, int] = defaultdict(int)
        for label, _ in self.nodes:
            labels[label] += 1
        for rel_type, *_ in self.relationships:
            types[rel_type] += 1
        return dict(labels), dict(types)

    def to_dataset(self, *, origin: str) -> Dataset:
        """The graph as a dataset in the seed format's records."""
        by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for (label, _), (_, props) in self.nodes.items():
            by_label[label].append(props)
        by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
        for (rel_type, from_id, to_id, _), (_, props) in self.relationships.items():
            by_type[rel_type].append((from_id, to_id, props))
        return to_dataset(by_label, by_type, origin=origin)
