"""The knowledge graph projected from Neo4j into NetworkX, cached per graph version."""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.dataset.rows import edge_key
from graph.model import NODES, RELATIONSHIP_TYPES, RelationshipType
from graph.reads import graph_version
from graph.store import statements
from graph.store.database import Database

__all__ = ["Projection", "ProjectionCache", "project"]

_NODE_FIELDS = {"kind": "forceKind"}
"""Node properties renamed in the projection (``label`` already says what a node is)."""
_PROVENANCE = ("source", "illustrative")
"""Projected on every relationship, so that every analysis can say what it rests on."""
_CHUNK = 5000
"""Rows per record when streaming from Neo4j."""


@dataclass(frozen=True)
class Projection:
    """A NetworkX view of the graph at one version, and what reading it cost."""

    graph: nx.MultiDiGraph
    version: int
    seconds: float
    relationships: int


def project(db: Database) -> nx.MultiDiGraph:
    """The knowledge graph as a ``MultiDiGraph``, read in two streamed queries.

    Nodes are keyed by id, with ``label`` (``Force``, ``Capability``, ...) and the
    properties the schema model marks analysed (``name``, ``stage``, ``delivery``,
    ``region``, ``forceKind``, ...), plus ``source`` and ``illustrative``. Edges are
    keyed by relationship type and key values (``USES_SUPPLIER:<capability>``,
    ``HAS_CAPABILITY:<day>|<source>``) and carry the properties analyses read, the key
    properties and provenance.
    """
    graph = nx.MultiDiGraph()

    def add_nodes(row: dict[str, Any]) -> None:
        for label, node_id, props in row["rows"]:
            attributes = {_NODE_FIELDS.get(k, k): v for k, v in props.items() if v is not None}
            for key in _NODE_DAYS & attributes.keys():
                attributes[key] = _day(attributes[key])
            graph.add_node(node_id, label=label, **attributes)

    db.stream(statements.project_nodes(), add_nodes, chunk=_CHUNK)
    edge_keys = {rel.type: _edge_properties(rel) for rel in RELATIONSHIP_TYPES}
    add_edge = graph.add_edge

    days = {
        rel.type: _days(rel) & set(keys)
        for rel, keys in zip(RELATIONSHIP_TYPES, edge_keys.values(), strict=True)
    }

    def add_edges(row: dict[str, Any]) -> None:
        for rel_type, source, target, *values in row["rows"]:
            props = dict(zip(edge_keys[rel_type], values, strict=True))
            for key in days[rel_type]:
                props[key] = _day(props[key])
            add_edge(source, target, key=edge_key(rel_type, props), type=rel_type, **props)

    db.stream(
        "project/relationships",
        add_edges,
        types=list(edge_keys),
        keys={rel_type: list(keys) for rel_type, keys in edge_keys.items()},
        chunk=_CHUNK,
    )
    return graph


class ProjectionCache:
    """Keeps the latest projection and reads Neo4j again only after a write.

    Every load and edit bumps the graph's version counter; ``get`` compares it (one
    tiny query) and reprojects only when it moved. Safe to share between threads.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._current: Projection | None = None

    def get(self, db: Database) -> Projection:
        """The projection of the graph as it is now."""
        version = graph_version(db)
        with self._lock:
            current = self._current
            if current is not None and current.version == version:
                return current
            began = time.perf_counter()
            graph = project(db)
            self._current = Projection(
                graph=graph,
                version=version,
                seconds=time.perf_counter() - began,
                relationships=graph.number_of_edges(),
            )
            return self._current


def _day(value: Any) -> Any:
    """A day as ``datetime.date``: the driver gives its own date type, which has ``to_native``."""
    return value.to_native() if hasattr(value, "to_native") else value


def _days(rel: RelationshipType) -> set[str]:
    """The relationship's properties that hold days."""
    return {p.key for p in rel.properties if p.type is dt.date}


_NODE_DAYS = frozenset(p.key for kind in NODES for p in kind.properties if p.type is dt.date)
"""Node properties that hold days, converted to ``datetime.date`` as they are projected."""


def _edge_properties(rel: RelationshipType) -> tuple[str, ...]:
    """The relationship properties the analyses read; nothing else is projected."""
    keys = [p.key for p in rel.properties if p.analysed]
    keys += [key for key in (*rel.key_properties, *_PROVENANCE) if key not in keys]
    return tuple(keys)
