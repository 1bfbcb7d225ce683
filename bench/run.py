"""The benchmark run: ``python -m bench.run``, or with ``--smoke`` (tiny sizes).

Starts a Neo4j of its own per dataset (in ``.bench/``, on free loopback ports), loads the
data, and runs every benchmark: GraphQL against the peer, loading against LOAD CSV, and
the analyses at growing scales. Writes the raw results as JSON, the plots as PNG and a
Markdown report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import platform
import shutil
import subprocess
import time
from contextlib import ExitStack
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from bench import analyses, graphql, loading, report, servers
from bench.shapes import SHAPES
from graph.config import PROJECT_ROOT
from graph.dataset import read_dataset, write_dataset
from graph.model import Observation
from graph.model.kinds import ASSESSMENTS, UNIT_ASSESSMENTS
from graph.store.database import Database

ObservationT = TypeVar("ObservationT", bound=Observation)

WORK = PROJECT_ROOT / ".bench"
SEEDS = PROJECT_ROOT / "seeds"
console = Console(stderr=True)
UNCACHED = "ours, no response cache"
"""The side of our API with the response cache off: every request executed."""


@dataclass(frozen=True)
class Plan:
    """What one run measures, and how long it spends on each measurement."""

    graphql_datasets: tuple[str, ...]
    clients: tuple[int, ...]
    repeats: int
    seconds: int
    warmup: int
    load_scales: tuple[int, ...]
    load_repeats: int
    analysis_scales: tuple[int, ...]
    analysis_repeats: int
    workers: int = 1
    heap: str = "4g"
    pagecache_mb: int = 4096
    uncached_clients: tuple[int, ...] = (1,)

    def datasets(self) -> list[str]:
        """Every dataset the run needs, smallest first: ``seed`` or ``scale<N>``."""
        scales = {f"scale{s}" for s in (*self.load_scales, *self.analysis_scales)}
        names = set(self.graphql_datasets) | scales
        return sorted(names, key=lambda n: -1 if n == "seed" else int(n.removeprefix("scale")))


FULL = Plan(
    graphql_datasets=("seed", "scale100"),
    clients=(1, 8, 32),
    repeats=3,
    seconds=2,
    warmup=1,
    load_scales=(10, 100),
    load_repeats=2,
    analysis_scales=(1, 10, 100, 1000),
    analysis_repeats=3,
    uncached_clients=(1, 8, 32),
)
SMOKE = Plan(
    graphql_datasets=("seed",),
    clients=(1, 4),
    repeats=1,
    seconds=1,
    warmup=1,
    load_scales=(1,),
    load_repeats=1,
    analysis_scales=(1, 2),
    analysis_repeats=1,
    heap="1g",
    pagecache_mb=256,
)


def main(
    smoke: Annotated[
        bool, typer.Option(help="Tiny sizes and short runs, to check the harness works.")
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(help="Report to write [docs/benchmarks.md; .bench/ when partial]."),
    ] = None,
    workers: Annotated[int, typer.Option(help="Worker processes of our API.")] = 1,
    graphql_only: Annotated[
        bool,
        typer.Option(
            help="Only the GraphQL comparison (about 15 minutes), reported under .bench/graphql/."
        ),
    ] = False,
) -> None:
    """Run the benchmarks and write the report."""
    plan = SMOKE if smoke else FULL
    if graphql_only:
        plan = replace(plan, load_scales=(), analysis_scales=())
    plan = replace(plan, workers=workers)
    started = dt.datetime.now(dt.UTC)
    partial = "smoke" if smoke else "graphql" if graphql_only else None
    command = "make bench" if partial is None else f"make bench-{partial}"
    # Only the full run writes the report in docs/ and the results kept in bench/results/.
    folder = None if partial is None else WORK / partial
    markdown = out or (folder or PROJECT_ROOT / "docs") / "benchmarks.md"
    stamp = started.strftime("%Y-%m-%d")
    json_path = (folder or PROJECT_ROOT / "bench" / "results") / f"{stamp}.json"
    results: dict[str, Any] = {"graphql": {"runs": []}, "loading": [], "analyses": []}
    _ensure_wrk()
    began = time.perf_counter()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
    ) as bar:
        task = bar.add_task("benchmarks", total=len(plan.datasets()))
        for name in plan.datasets():
            bar.update(task, description=f"{name}: starting Neo4j")
            _run_dataset(name, plan, results, lambda text: bar.update(task, description=text))
            bar.advance(task)
            # Written after every dataset, so that an interrupted run still leaves its results.
            seconds = time.perf_counter() - began
            _write(results, plan, started, seconds, command, json_path, markdown)
    for line in report.headline(results):
        console.print(line)
    console.print(f"Wrote {markdown} and {json_path}")


def _write(
    results: dict[str, Any],
    plan: Plan,
    started: dt.datetime,
    seconds: float,
    command: str,
    json_path: Path,
    markdown: Path,
) -> None:
    summary = graphql.summarise(results["graphql"]["runs"])
    results["graphql"]["summary"] = summary
    results["graphql"]["ratios"] = graphql.ratios(summary, ours="ours", peer="peer")
    results["graphql"]["uncached_ratios"] = graphql.ratios(summary, ours=UNCACHED, peer="peer")
    results["meta"] = _meta(plan, started, seconds, command)
    report.write(
        results, json_path=json_path, markdown=markdown, figures=markdown.parent / "benchmarks"
    )


def _run_dataset(name: str, plan: Plan, results: dict[str, Any], progress: Any) -> None:
    data_dir = WORK / f"neo4j-{name}"
    shutil.rmtree(data_dir, ignore_errors=True)
    neo4j = servers.BenchNeo4j(data_dir, heap=plan.heap, pagecache_mb=plan.pagecache_mb)
    scale = None if name == "seed" else int(name.removeprefix("scale"))
    source = _latest_only(SEEDS if scale is None else _generated(scale, progress))
    try:
        with servers.running_neo4j(neo4j), Database.connect(neo4j.settings) as db:
            neo4j.diikg("db", "schema")
            if scale in plan.load_scales:
                progress(f"{name}: loading, ours against LOAD CSV")
                results["loading"] += _loading(neo4j, db, source, scale, plan.load_repeats)
            else:
                progress(f"{name}: loading")
                neo4j.diikg("load", str(source))
            if scale in plan.analysis_scales:
                progress(f"{name}: analyses")
                env = neo4j.child_env()
                measured = analyses.measure(env, 1 if scale >= 1000 else plan.analysis_repeats)
                results["analyses"].append({"scale": scale} | measured)
            if name in plan.graphql_datasets:
                results["graphql"]["runs"] += _graphql(name, neo4j, plan, progress)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def _loading(
    neo4j: servers.BenchNeo4j, db: Database, source: Path, scale: int, repeats: int
) -> list[dict[str, Any]]:
    runs = []
    tables: Path | None = None
    for repeat in range(repeats):
        ours = loading.load_ours(neo4j, db, source)
        runs.append({"scale": scale, "repeat": repeat} | ours)
        if tables is None:
            tables = loading.export_tables(neo4j, WORK / f"tables-scale{scale}")
        theirs = loading.load_csv(db, tables)
        if theirs["relationships"] != ours["relationships"]:
            raise RuntimeError(
                f"LOAD CSV wrote {theirs['relationships']} relationships, "
                f"diikg load {ours['relationships']}"
            )
        runs.append({"scale": scale, "repeat": repeat} | theirs)
    loading.load_ours(neo4j, db, source)
    return runs


def _graphql(
    name: str, neo4j: servers.BenchNeo4j, plan: Plan, progress: Any
) -> list[dict[str, Any]]:
    workdir = WORK / "bodies"
    workdir.mkdir(parents=True, exist_ok=True)
    logs = WORK / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        ours = stack.enter_context(
            servers.serving(
                *servers.ours(neo4j, workers=plan.workers, response_cache=True),
                log=logs / f"ours-{name}.log",
            )
        )
        uncached = stack.enter_context(
            servers.serving(
                *servers.ours(neo4j, workers=plan.workers, response_cache=False),
                log=logs / f"ours-uncached-{name}.log",
            )
        )
        peer = stack.enter_context(
            servers.serving(*servers.peer(neo4j), log=logs / f"peer-{name}.log")
        )
        sides = [
            graphql.Side("ours", ours, peer_syntax=False, clients=plan.clients),
            graphql.Side("peer", peer, peer_syntax=True, clients=plan.clients),
            graphql.Side(
                UNCACHED,
                uncached,
                peer_syntax=False,
                clients=plan.uncached_clients,
            ),
        ]
        return graphql.compare(
            SHAPES,
            sides,
            dataset=name,
            repeats=plan.repeats,
            seconds=plan.seconds,
            warmup=plan.warmup,
            workdir=workdir,
            progress=progress,
        )


def _latest_only(source: Path) -> Path:
    """A copy of a dataset with only each holding's latest observation.

    The peer reads every ``HAS_CAPABILITY`` relationship, while our holdings are the
    latest observation of each; with one observation per holding both answer the same
    question. History is exercised by the tests, not the benchmark.
    """
    target = WORK / "datasets" / f"{source.name}-latest"
    stamp = target / ".source"
    if stamp.exists() and stamp.read_text() == _digest(source):
        return target
    dataset = read_dataset(source)
    dataset.replace(ASSESSMENTS, _latest(dataset.records(ASSESSMENTS)))
    dataset.replace(UNIT_ASSESSMENTS, _latest(dataset.records(UNIT_ASSESSMENTS)))
    shutil.rmtree(target, ignore_errors=True)
    write_dataset(dataset, target)
    stamp.write_text(_digest(source))
    return target


def _latest(observations: list[ObservationT]) -> list[ObservationT]:
    """The latest of each body's observations of each capability."""
    latest: dict[tuple[Any, ...], ObservationT] = {}
    for observation in sorted(observations, key=lambda o: o.assessed_on):
        latest[observation.key[:2]] = observation
    return list(latest.values())


def _digest(folder: Path) -> str:
    """A digest of a dataset folder's data files, to tell when a copy made from it is stale."""
    digest = hashlib.sha256()
    for file in sorted([*folder.glob("*.csv"), *folder.glob("*.yaml")]):
        digest.update(file.name.encode() + file.read_bytes())
    return digest.hexdigest()


def _generated(scale: int, progress: Any) -> Path:
    target = WORK / "datasets" / f"scale{scale}-seed7-{_digest(SEEDS)[:12]}"
    if not (target / "forces.csv").exists():
        progress(f"scale{scale}: generating the dataset")
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run(
            [
                str(servers.BIN / "diikg"),
                "generate",
                "--scale",
                str(scale),
                "--seed",
                "7",
                "--out",
                str(target),
            ],
            check=True,
            capture_output=True,
        )
    return target


def _ensure_wrk() -> None:
    if shutil.which("wrk") is None:
        raise typer.Exit(_fail("wrk is not installed: run `make bench`, which installs it"))


def _fail(message: str) -> int:
    console.print(f"error: {message}")
    return 1


def _meta(plan: Plan, started: dt.datetime, seconds: float, command: str) -> dict[str, Any]:
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    versions = {
        "Python": platform.python_version(),
        "strawberry-graphql": metadata.version("strawberry-graphql"),
        "neo4j driver": metadata.version("neo4j"),
        "networkx": metadata.version("networkx"),
        "Neo4j": "5.26 (project launcher)",
        "Node.js": node,
        "@neo4j/graphql": "7.6.3",
        "@apollo/server": "5.5.1",
        "Java": java.splitlines()[0] if java else "?",
        "wrk": "Debian package",
    }
    return {
        "started": started.isoformat(timespec="seconds"),
        "minutes": seconds / 60,
        "machine": f"{os.cpu_count()} cores, {_memory_gib():.0f} GiB, {platform.platform()}",
        "command": command,
        "versions": versions,
        "plan": plan.__dict__,
        "method": (
            f"Each case: a {plan.warmup:g} s warm-up per side, then {plan.repeats} runs of "
            f"{plan.seconds:g} s per side, sides rotated each repeat; medians shown with min-max. "
            f"Our API runs {plan.workers} uvicorn worker(s); the peer one Node.js process. "
            "`ours` is the default configuration (response cache on: a repeated query at an "
            "unchanged graph version is answered from memory after one version check); "
            "`ours, no response cache` executes every request."
        ),
    }


def _memory_gib() -> float:
    with open("/proc/meminfo") as info:
        kib = int(info.readline().split()[1])
    return kib / 1024 / 1024


if __name__ == "__main__":
    typer.run(main)
