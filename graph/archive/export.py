"""Writing the whole knowledge graph out: JSON (loadable again), GraphML, or CSV tables."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from enum import StrEnum
from pathlib import Path
from typing import Any

import networkx as nx

from graph.archive.snapshot import GraphSnapshot
from graph.dataset import write_dataset
from graph.dataset.rows import edge_key
from graph.model import relationship_typed

__all__ = ["ExportFormat", "export_graph"]


class ExportFormat(StrEnum):
    """The formats ``diikg export`` writes."""

    JSON = "json"
    GRAPHML = "graphml"
    CSV = "csv"


def export_graph(snapshot: GraphSnapshot, path: Path, fmt: ExportFormat) -> list[Path]:
    """Write ``snapshot`` to ``path`` in format ``fmt``; the files written.

    ``json`` is one file in the load format (``diikg load`` reads it back into the
    same graph); ``graphml`` is one file for graph tools such as Gephi or NetworkX;
    ``csv`` is a folder with one table per node label and per relationship type.
    """
    if fmt is ExportFormat.JSON:
        write_dataset(snapshot.to_dataset(origin=str(path)), path, as_json=True)
        return [path]
    if fmt is ExportFormat.GRAPHML:
        nx.write_graphml(_networkx(snapshot), path)
        return [path]
    return _write_tables(snapshot, path)


def _networkx(snapshot: GraphSnapshot) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for (label, node_id), (_, props) in sorted(snapshot.nodes.items()):
        graph.add_node(f"{label}:{node_id}", label=label, **_scalars(props))
    for (rel_type, from_id, to_id, _), (_, props) in sorted(
        snapshot.relationships.items(), key=lambda item: tuple(map(str, item[0]))
    ):
        rel = relationship_typed(rel_type)
        graph.add_edge(
            f"{rel.start.label}:{from_id}",
            f"{rel.end.label}:{to_id}",
            key=edge_key(rel_type, props),
            type=rel_type,
            **_scalars(props),
        )
    return graph


def _write_tables(snapshot: GraphSnapshot, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (label, _), (_, props) in sorted(snapshot.nodes.items()):
        tables[f"nodes_{label}"].append(_scalars(props))
    for (rel_type, from_id, to_id, _), (_, props) in sorted(
        snapshot.relationships.items(), key=lambda item: tuple(map(str, item[0]))
    ):
        tables[f"relationships_{rel_type}"].append({"from": from_id, "to": to_id} | _scalars(props))
    written = []
    for name, rows in sorted(tables.items()):
        first = ["id"] if name.startswith("nodes_") else ["from", "to"]
        columns = first + sorted({key for row in rows for key in row} - set(first))
        target = folder / f"{name}.csv"
        with target.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        written.append(target)
    return written


def _scalars(props: dict[str, Any]) -> dict[str, Any]:
    """Properties as values GraphML and CSV hold: lists and dates become text."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if isinstance(value, list):
            out[key] = json.dumps(value)
        elif isinstance(value, bool | int | float | str):
            out[key] = value
        else:
            out[key] = str(value)
    return out
