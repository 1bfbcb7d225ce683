"""Times the projection and every analysis on the graph the configured Neo4j holds.

Usage: .venv/bin/python bench/analysis_timings.py [--repeat N]
Prints one line per step with the median of N runs (default 3).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from graph.analysis.criticality import criticality
from graph.analysis.impact import Scenario, impact
from graph.analysis.interdependencies import chain_statuses, stage_matrix
from graph.analysis.pilots import compare_pilots, rollout_candidates
from graph.analysis.report import dependency_report
from graph.analysis.suppliers import concentration
from graph.analysis.unmet_needs import unmet_needs
from graph.analysis.views import view
from graph.config import load_settings
from graph.database import Database
from graph.projection import project
from graph.reports.build import ReportKind, build_report


def timed(name: str, repeat: int, work: Callable[[], Any]) -> Any:
    seconds = []
    result = None
    for _ in range(repeat):
        began = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - began)
    spread = f"(min {min(seconds):.3f}, max {max(seconds):.3f})"
    print(f"{name:<28} {statistics.median(seconds):8.3f} s  {spread}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    with Database.connect(load_settings()) as db:
        graph = timed("projection", repeat, lambda: project(db))
    print(f"{'':<28} {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships")
    kv = timed("view", repeat, lambda: view(graph))
    timed("stage matrix", repeat, lambda: stage_matrix(kv))
    timed("chain completeness", repeat, lambda: chain_statuses(kv))
    timed("bottlenecks", repeat, lambda: criticality(kv.dependencies))
    top = max(kv.capabilities, key=lambda c: len(kv.dependencies.pred[c]))
    timed("impact (capability)", repeat, lambda: impact(kv, Scenario(capability=top)))
    timed("supplier concentration", repeat, lambda: concentration(kv))
    timed("unmet needs", repeat, lambda: unmet_needs(graph))
    timed("pilot comparison", repeat, lambda: rollout_candidates(kv, compare_pilots(kv)))
    timed("dependency report (data)", repeat, lambda: dependency_report(kv))
    timed(
        "dependency report (html)",
        1,
        lambda: build_report(graph, ReportKind.DEPENDENCIES).figures(),
    )


if __name__ == "__main__":
    main()
