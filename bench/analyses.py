"""Times the projection and every analysis on the graph the configured Neo4j holds.

Usage: ``.venv/bin/python -m bench.analyses [--repeat N] [--json]``: one line per step
with the median of N runs (default 3), or one JSON object. ``measure`` runs it in a child
process to read that process's peak resident memory as well.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from graph.analysis.criticality import betweenness, criticality
from graph.analysis.impact import Scenario, impact
from graph.analysis.interdependencies import chain_statuses, stage_matrix
from graph.analysis.pilots import compare_pilots, rollout_candidates
from graph.analysis.report import dependency_report
from graph.analysis.suppliers import concentration
from graph.analysis.unmet_needs import unmet_needs
from graph.analysis.views import view
from graph.config import PROJECT_ROOT, load_settings
from graph.projection import project
from graph.reports.build import ReportKind, build_report
from graph.store.database import Database


def timings(repeat: int) -> dict[str, Any]:
    """Median seconds (with min and max) of the projection and each analysis, and graph size."""
    steps: dict[str, dict[str, float]] = {}

    def timed(name: str, work: Callable[[], Any], times: int = repeat) -> Any:
        seconds = []
        result = None
        for _ in range(times):
            began = time.perf_counter()
            result = work()
            seconds.append(time.perf_counter() - began)
        steps[name] = {
            "seconds": statistics.median(seconds),
            "min": min(seconds),
            "max": max(seconds),
        }
        return result

    with Database.connect(load_settings()) as db:
        graph = timed("projection", lambda: project(db))
    kv = timed("view", lambda: view(graph))
    timed("stage matrix", lambda: stage_matrix(kv))
    timed("chain completeness", lambda: chain_statuses(kv))
    timed("bottlenecks", lambda: criticality(kv.dependencies))
    timed("betweenness", lambda: betweenness(kv.dependencies))
    top = max(kv.capabilities, key=lambda c: len(kv.dependencies.pred[c]))
    timed("impact (capability)", lambda: impact(kv, Scenario(capability=top)))
    timed("supplier concentration", lambda: concentration(kv))
    timed("unmet needs", lambda: unmet_needs(graph))
    timed("pilot comparison", lambda: rollout_candidates(kv, compare_pilots(kv)))
    timed("dependency report (data)", lambda: dependency_report(kv))
    timed(
        "dependency report (html)",
        lambda: build_report(graph, ReportKind.DEPENDENCIES).figures(),
        times=1,
    )
    return {
        "nodes": graph.number_of_nodes(),
        "relationships": graph.number_of_edges(),
        "steps": steps,
    }


def measure(env: dict[str, str], repeat: int) -> dict[str, Any]:
    """``timings`` in a child process using ``env``, with its peak resident memory in MiB."""
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.analyses", "--json", "--repeat", str(repeat)],
        env=env,
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"analysis timings failed (exit {child.returncode})")
    result: dict[str, Any] = json.loads(output)
    result["peak_rss_mib"] = usage.ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    result = timings(args.repeat)
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['nodes']} nodes, {result['relationships']} relationships")
    for name, step in result["steps"].items():
        spread = f"(min {step['min']:.3f}, max {step['max']:.3f})"
        print(f"{name:<28} {step['seconds']:8.3f} s  {spread}")


if __name__ == "__main__":
    main()
