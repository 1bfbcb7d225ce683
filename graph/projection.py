"""The knowledge graph projected from Neo4j into NetworkX, cached and kept up to date.

A projection is read in streamed queries, one for the nodes and one per relationship
type, two at a time on threads of their own, while the calling thread writes the rows
already read straight into NetworkX's adjacency with the garbage collector paused
(``add_edge`` costs a call and its checks per edge, and the collector would walk the
growing graph again and again).
After an edit, the cached projection is updated with what the edit changed
(``graph.store.changes``) rather than read again: the touched nodes and their outgoing
relationships are read, and a new graph shares everything else with the old one, which
stays as it was for the analyses still reading it.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from typing import Any

import networkx as nx

from graph.model import NODES, RELATIONSHIP_TYPES, RelationshipType
from graph.store import statements
from graph.store.changes import Change, changes_since, touched
from graph.store.database import Database
from graph.store.queries import Statement

__all__ = ["Projection", "ProjectionCache", "project", "updated"]

log = logging.getLogger("diikg.projection")

_NODE_FIELDS = {"kind": "forceKind"}
"""Node properties renamed in the projection (``label`` already says what a node is)."""
_CHUNK = 20_000
"""Rows per record when streaming from Neo4j."""
_AHEAD = 4
"""Records of one statement read ahead of the filling, at most."""
_READERS = 2
"""Statements read at once, each by a thread on a connection of its own."""
_PROJECTED = frozenset(kind.label for kind in NODES if kind.analysed)
"""Labels of the nodes projected with their properties (others only as endpoints)."""


@dataclass(frozen=True)
class Projection:
    """A NetworkX view of the graph at one version, and what making it cost.

    ``updated``: made from the previous projection and the changes since (else read whole).
    """

    graph: nx.MultiDiGraph
    version: int
    seconds: float
    updated: bool


def project(db: Database) -> nx.MultiDiGraph:
    """The knowledge graph as a ``MultiDiGraph``, read in streamed queries side by side.

    Nodes are keyed by id, with ``label`` (``Force``, ``Capability``, ...) and the
    properties the schema model marks analysed (``name``, ``stage``, ``delivery``,
    ``region``, ``forceKind``, ...), plus ``source`` and ``illustrative``. Edges are
    keyed by relationship type and key values (``USES_SUPPLIER:<capability>``,
    ``HAS_CAPABILITY:<day>|<source>``) and carry ``type``, the properties analyses
    read, the key properties and provenance.
    """
    graph = nx.MultiDiGraph()
    filler = _Filler(graph)
    reads: list[tuple[Statement, Callable[[list[Any]], None]]] = [
        (statements.project_nodes(), filler.nodes),
        *(
            (statements.project_relationships(rel), partial(filler.edges, rel.type))
            for rel in RELATIONSHIP_TYPES
        ),
    ]
    with _collector_paused():
        _read_ahead(db, reads)
    return graph


def updated(db: Database, graph: nx.MultiDiGraph, change: Change) -> nx.MultiDiGraph | None:
    """``graph`` with the nodes ``change`` touched read again, or ``None`` if it cannot be.

    The result equals a new projection when ``change`` names every node whose
    properties or outgoing relationships changed since ``graph`` was made. ``graph``
    itself is not changed. ``None`` when a touched node is not of a projected kind or
    no longer exists: project again.
    """
    if not change.nodes.keys() <= _PROJECTED:
        return None
    wanted = {kind.name: list(change.nodes.get(kind.label, ())) for kind in NODES if kind.analysed}
    rows = db.read_unconverted(statements.project_nodes_by_id(), **wanted)
    ids = {node_id for ids in change.nodes.values() for node_id in ids}
    if {row["node"][1] for row in rows} != ids:
        return None
    edges: dict[str, list[list[Any]]] = {rel.type: [] for rel in RELATIONSHIP_TYPES}
    for row in rows:
        for rel, found in zip(RELATIONSHIP_TYPES, row["relationships"], strict=True):
            edges[rel.type] += found
    with _collector_paused():
        return _rebuilt(graph, ids, [row["node"] for row in rows], edges)


class ProjectionCache:
    """Keeps the latest projection, and after a write brings it up to date.

    Its graphs are frozen (``nx.freeze``): many requests read one at once, and the
    analyses keep their views of a frozen graph (``graph.analysis.views.view``).

    Every load and edit raises the graph's version counter; ``get`` reads it with the
    changes since (one tiny query). When it moved, the changes are applied to the cached
    projection if they can be (edits), else the graph is read again (loads, or more
    writes than are kept). Safe to share between threads.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._current: Projection | None = None

    def get(self, db: Database) -> Projection:
        """The projection of the graph as it is now."""
        seen = self._current
        version, changes = changes_since(db, None if seen is None else seen.version)
        if seen is not None and seen.version == version:
            return seen
        with self._lock:
            current = self._current
            if current is not None and current.version >= version:
                return current
            # Changes since ``seen`` cover those since ``current`` (never older): reading a
            # touched node again is harmless.
            began = time.perf_counter()
            graph = None
            if current is not None and changes is not None:
                graph = updated(db, current.graph, touched(changes))
            self._current = Projection(
                graph=nx.freeze(project(db) if graph is None else graph),
                version=version,
                seconds=time.perf_counter() - began,
                updated=graph is not None,
            )
            log.info(
                "projection at version %d %s in %.3f s",
                version,
                "updated" if graph is not None else "read",
                self._current.seconds,
            )
            return self._current


@dataclass(frozen=True)
class _Layout:
    """How the rows of one relationship type read (``statements.project_relationships``)."""

    keys: tuple[str, ...]
    """The projected properties, in the order of the values after the two ids."""
    days: tuple[int, ...]
    """Positions (in ``keys``) of the properties that hold days."""
    edge_key: str
    """``graph.dataset.rows.edge_key`` as a template for ``str.format(*values)``: the type,
    then the key properties' values by position (``HAS_CAPABILITY:{2}|{3}``). Formatting
    writes a value as ``str`` does, and a day's ISO text as its ``datetime.date``."""

    @classmethod
    def of(cls, rel: RelationshipType) -> _Layout:
        """The layout of ``rel``'s rows."""
        keys = rel.projected
        days = tuple(i for i, key in enumerate(keys) if key in rel.days)
        told_by = "|".join(f"{{{keys.index(key)}}}" for key in rel.key_properties)
        return cls(keys, days, f"{rel.type}:{told_by}" if told_by else rel.type)


_LAYOUTS = {rel.type: _Layout.of(rel) for rel in RELATIONSHIP_TYPES}
_NODE_DAYS = frozenset(p.key for kind in NODES for p in kind.properties if p.type is dt.date)
"""Node properties that hold days, converted to ``datetime.date`` as they are projected."""


class _Days(dict[str, dt.date]):
    """Days by their ISO text, each parsed the first time it is asked for (days repeat a lot)."""

    def __missing__(self, text: str) -> dt.date:
        day = self[text] = dt.date.fromisoformat(text)
        return day


class _Filler:
    """Writes projected rows into a ``MultiDiGraph``'s node and adjacency dicts directly.

    The result is what ``add_node`` and ``add_edge`` would make: ``_succ[u][v]`` and
    ``_pred[v][u]`` share one key dict, and an endpoint never projected as a node gets
    an empty attribute dict. Days arrive as ISO text and become ``datetime.date``.
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self._node = graph._node
        self._succ = graph._succ
        self._pred = graph._pred
        self._days = _Days()

    def nodes(self, rows: Iterable[list[Any]]) -> None:
        """Add or replace the nodes of ``[label, id, properties]`` rows."""
        days = self._days
        for label, node_id, props in rows:
            attributes = {"label": label}
            for key, value in props.items():
                if value is not None:
                    attributes[_NODE_FIELDS.get(key, key)] = (
                        days[value] if key in _NODE_DAYS else value
                    )
            self._node[node_id] = attributes
            self._succ.setdefault(node_id, {})
            self._pred.setdefault(node_id, {})

    def edges(self, rel_type: str, rows: Iterable[list[Any]]) -> None:
        """Add the edges of ``rel_type`` from ``[from id, to id, *values]`` rows."""
        layout = _LAYOUTS[rel_type]
        node, succ, pred, days = self._node, self._succ, self._pred, self._days
        fields, day_at, key_of = layout.keys, layout.days, layout.edge_key.format
        for source, target, *values in rows:
            key = key_of(*values)
            for i in day_at:
                if values[i] is not None:
                    values[i] = days[values[i]]
            props = dict(zip(fields, values, strict=True))
            props["type"] = rel_type
            if target not in node:
                node[target] = {}
                succ[target] = {}
                pred[target] = {}
            if source not in node:
                node[source] = {}
                succ[source] = {}
                pred[source] = {}
            between = succ[source].get(target)
            if between is None:
                between = succ[source][target] = {}
                pred[target][source] = between
            between[key] = props


def _rebuilt(
    old: nx.MultiDiGraph,
    ids: set[str],
    nodes: list[list[Any]],
    edges: dict[str, list[list[Any]]],
) -> nx.MultiDiGraph:
    """A copy of ``old`` where the nodes ``ids`` and their outgoing edges are ``nodes``
    and ``edges`` (rows by type); every untouched node's dicts are shared with ``old``,
    never changed."""
    graph = nx.MultiDiGraph()
    graph.graph.update(old.graph)
    node, succ, pred = dict(old._node), dict(old._succ), dict(old._pred)
    graph._node, graph._adj, graph._pred = node, succ, pred
    left: set[str] = set()
    own = {*ids, *(row[1] for rows in edges.values() for row in rows)}
    for node_id in own & pred.keys():
        pred[node_id] = dict(pred[node_id])
    for node_id in ids:
        for target in old._succ.get(node_id, ()):
            if target not in own:
                pred[target] = dict(pred[target])
                own.add(target)
            del pred[target][node_id]
            left.add(target)
        succ[node_id] = {}
    filler = _Filler(graph)
    filler.nodes(nodes)
    for rel_type, rows in edges.items():
        filler.edges(rel_type, rows)
    for target in left:
        if not node[target] and not succ[target] and not pred[target]:
            del node[target], succ[target], pred[target]
    return graph


_Line = queue.Queue[list[Any] | BaseException | None]
"""One statement's chunks of rows on their way to the filling; ``None`` ends them."""


class _Abandoned(Exception):
    """The caller stopped taking rows: a reading thread gives up."""


def _read_ahead(
    db: Database, reads: Sequence[tuple[Statement, Callable[[list[Any]], None]]]
) -> None:
    """Each statement's chunks of rows fed to its consumer, statement by statement in the
    order given, on this thread, while up to ``_READERS`` threads (a connection each) read
    the statements next in line: Neo4j and the driver work while the caller fills.

    A retried transaction feeds its rows again, as :meth:`Database.stream` does. An error
    of a reading thread is raised here.
    """
    stopped = threading.Event()
    lines: list[_Line] = [queue.Queue(_AHEAD) for _ in reads]

    def put(line: _Line, item: list[Any] | BaseException | None) -> None:
        while not stopped.is_set():
            with suppress(queue.Full):
                line.put(item, timeout=0.05)
                return
        raise _Abandoned

    def read(statement: Statement, line: _Line) -> None:
        try:
            db.stream(statement, lambda row: put(line, row["rows"]), chunk=_CHUNK)
            put(line, None)
        except _Abandoned:
            return
        except BaseException as error:
            with suppress(_Abandoned):
                put(line, error)

    pool = ThreadPoolExecutor(_READERS, thread_name_prefix="diikg-projection")
    try:
        for (statement, _), line in zip(reads, lines, strict=True):
            pool.submit(read, statement, line)
        for (_, consume), line in zip(reads, lines, strict=True):
            while (item := line.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                consume(item)
    finally:
        stopped.set()
        pool.shutdown(cancel_futures=True)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The garbage collector off (if it was on) for the duration: building allocates millions
    of dicts, none of them garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
