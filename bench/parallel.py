"""Betweenness on 2 cores: plain NetworkX against the nx-parallel backend, on the same graph.

Usage: ``.venv/bin/python -m bench.parallel [--scale N]``: builds the capability dependency
graph of ``generate --scale N`` in memory (no Neo4j needed) and times exact and sampled
betweenness both ways. The results feed docs/scaling.md.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from typing import Any

import networkx as nx

from graph.analysis.criticality import SAMPLE_SIZE, SEED
from graph.config import PROJECT_ROOT
from graph.dataset import read_dataset
from graph.dataset.synthetic import generate_dataset
from graph.model.kinds import CAPABILITIES, DEPENDENCIES


def dependency_graph(scale: int) -> nx.DiGraph:
    """The capability dependency graph of the seed graph generated at ``scale``."""
    dataset = generate_dataset(read_dataset(PROJECT_ROOT / "seeds"), scale=scale, seed=7)
    graph = nx.DiGraph()
    graph.add_nodes_from(c.id for c in dataset.records(CAPABILITIES))
    graph.add_edges_from((d.capability, d.depends_on) for d in dataset.records(DEPENDENCIES))
    return graph


def compare(scale: int) -> dict[str, Any]:
    """Seconds for exact and sampled betweenness, plain and with nx-parallel; same results?"""
    graph = dependency_graph(scale)
    nx.config.warnings_to_ignore.add("cache")
    cores = os.cpu_count() or 1
    out: dict[str, Any] = {
        "scale": scale,
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "cores": cores,
    }
    for label, k in (("exact", None), (f"sampled, k={SAMPLE_SIZE}", SAMPLE_SIZE)):
        timings = {}
        answers = {}
        for backend in ("networkx", "parallel"):
            kwargs: dict[str, Any] = {"k": k, "seed": SEED} if k else {}
            if backend == "parallel":
                kwargs["backend"] = "parallel"
            began = time.perf_counter()
            with nx.config.backends.parallel(n_jobs=cores):
                answers[backend] = nx.betweenness_centrality(graph, **kwargs)
            timings[backend] = time.perf_counter() - began
        same = all(abs(answers["networkx"][n] - answers["parallel"][n]) < 1e-9 for n in graph)
        out[label] = timings | {"speed_up": timings["networkx"] / timings["parallel"], "same": same}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    print(json.dumps(compare(parser.parse_args().scale), indent=1))


if __name__ == "__main__":
    main()
