"""What hostile queries cost the server: ``python -m bench.hostile`` (``make bench-hostile``).

Against ``diikg serve`` over the seed graph in a Neo4j of its own, with the response cache
off: how fast the fan-out query is refused, and the latency of a cheap query,
``{ force(id: "kent") { name } }``, alone and while four clients send the most expensive
admitted example query, or the costliest benchmark shape, in a loop.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections import Counter
from typing import Annotated

import httpx
import typer
from rich.console import Console
from rich.table import Table

from bench.servers import BenchNeo4j, ours, running_neo4j, serving
from bench.shapes import CAPABILITIES_SUPPLIERS_PILOTS
from graph.config import PROJECT_ROOT

WORK = PROJECT_ROOT / ".data" / "bench-hostile"
FAN_OUT = (
    "{ capabilities { edges { node { holdings { force { capabilities { capability { "
    "holdings { force { capabilities { capability { name } } } } } } } } } } } }"
)
CHEAP = '{ force(id: "kent") { name } }'
LOADS = {
    "the costliest example": (
        PROJECT_ROOT / "docs" / "queries" / "planner-pilot-results.graphql"
    ).read_text(),
    "the costliest benchmark shape": CAPABILITIES_SUPPLIERS_PILOTS.ours,
}
"""What the four clients send: the costliest query in docs/queries (cost 22,753) and the
costliest benchmark shape (765,402, which runs in the heavy lane)."""

out = Console()


def _timed(client: httpx.Client, url: str, query: str) -> float:
    began = time.perf_counter()
    client.post(url, json={"query": query}).raise_for_status()
    return (time.perf_counter() - began) * 1000


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(int(len(ordered) * 0.99) - 1, 0)]


def _under_load(
    client: httpx.Client, url: str, query: str, requests: int
) -> tuple[list[float], Counter[int]]:
    """The cheap query's latencies while four clients send ``query`` in a loop."""
    stop = threading.Event()
    statuses: Counter[int] = Counter()

    def hammer() -> None:
        with httpx.Client(timeout=300) as own:
            while not stop.is_set():
                statuses[own.post(url, json={"query": query}).status_code] += 1

    threads = [threading.Thread(target=hammer, daemon=True) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    loaded = [_timed(client, url, CHEAP) for _ in range(requests)]
    stop.set()
    for thread in threads:
        thread.join()
    return loaded, statuses


def main(
    requests: Annotated[int, typer.Option(help="Requests per measurement.")] = 200,
) -> None:
    """Measure refusal time of the fan-out, and a cheap query's latency under load."""
    WORK.mkdir(parents=True, exist_ok=True)
    neo4j = BenchNeo4j(WORK / "neo4j", heap="1g", pagecache_mb=256)
    rows: list[tuple[str, float, float]] = []
    with running_neo4j(neo4j):
        neo4j.diikg("load", str(PROJECT_ROOT / "seeds"), "--prune")
        command, env, url = ours(neo4j, workers=1, response_cache=False)
        with serving(command, env, url, WORK / "serve.log"), httpx.Client(timeout=120) as client:
            for _ in range(20):
                _timed(client, url, CHEAP)
            rows.append(
                (
                    "fan-out refused",
                    *_percentiles([_timed(client, url, FAN_OUT) for _ in range(requests)]),
                )
            )
            rows.append(
                (
                    "cheap query, alone",
                    *_percentiles([_timed(client, url, CHEAP) for _ in range(requests)]),
                )
            )
            for name, query in LOADS.items():
                loaded, statuses = _under_load(client, url, query, requests)
                rows.append((f"cheap query, 4 clients on {name}", *_percentiles(loaded)))
                out.print(f"{name}: the 4 clients' answers by status {dict(statuses)}")
    table = Table("measurement", "median ms", "p99 ms", title="hostile queries")
    for name, median, p99 in rows:
        table.add_row(name, f"{median:.1f}", f"{p99:.1f}")
    out.print(table)
    (WORK / "result.txt").write_text("\n".join(f"{n}\t{m:.1f}\t{p:.1f}" for n, m, p in rows) + "\n")


if __name__ == "__main__":
    typer.run(main)
