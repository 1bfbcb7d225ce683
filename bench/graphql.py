"""GraphQL side by side: the same shapes against our API and the peer, alternating, with wrk."""

from __future__ import annotations

import json
import statistics
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.shapes import Shape

WRK_SCRIPT = Path(__file__).with_name("wrk_post.lua")


@dataclass(frozen=True)
class Side:
    """One API under test: its name, URL, which query syntax it takes, and client levels."""

    name: str
    url: str
    peer_syntax: bool
    clients: tuple[int, ...]


class DifferentAnswers(RuntimeError):
    """The two APIs did not return the same data for a shape, so timing them means nothing."""


def check_same(shape: Shape, ours: str, peer: str) -> int:
    """Ask both APIs for ``shape`` and compare the answers; the number of rows compared."""
    mine = _answer(ours, shape.ours)
    theirs = _answer(peer, shape.peer)
    rows_ours, rows_peer = shape.rows_ours(mine), shape.rows_peer(theirs)
    if rows_ours != rows_peer:
        raise DifferentAnswers(f"{shape.name}: our API and the peer return different data")
    return len(rows_ours)


def wrk(url: str, body: Path, *, clients: int, seconds: int) -> dict[str, Any]:
    """One wrk run posting ``body`` to ``url``: requests, latency percentiles, errors."""
    command = [
        "wrk",
        f"-t{min(clients, 2)}",
        f"-c{clients}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(WRK_SCRIPT),
        url,
    ]
    done = subprocess.run(
        command, env={"BODY": str(body), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed: {(done.stderr or done.stdout).strip()[:500]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def compare(
    shapes: tuple[Shape, ...],
    sides: list[Side],
    *,
    dataset: str,
    repeats: int,
    seconds: int,
    warmup: int,
    workdir: Path,
    progress: Callable[[str], None],
) -> list[dict[str, Any]]:
    """Every shape x client level x side, ``repeats`` times, sides alternating; one row per run.

    Before timing a shape, each side's answer is checked against the peer's. Each side
    gets a warm-up run at each level first, not recorded; the order of the sides is
    rotated on every repeat so that neither always runs first.
    """
    peer = next(side for side in sides if side.peer_syntax)
    rows: list[dict[str, Any]] = []
    for shape in shapes:
        for side in sides:
            if not side.peer_syntax:
                check_same(shape, side.url, peer.url)
        bodies = {side.name: _body_file(workdir, shape, side) for side in sides}
        for clients in sorted({c for side in sides for c in side.clients}):
            taking = [side for side in sides if clients in side.clients]
            for side in taking:
                wrk(side.url, bodies[side.name], clients=clients, seconds=warmup)
            for repeat in range(repeats):
                shift = repeat % len(taking)
                for side in taking[shift:] + taking[:shift]:
                    progress(f"{dataset}: {shape.name}, {clients} clients, {side.name}")
                    result = wrk(side.url, bodies[side.name], clients=clients, seconds=seconds)
                    rows.append(
                        {
                            "dataset": dataset,
                            "shape": shape.name,
                            "clients": clients,
                            "side": side.name,
                            "repeat": repeat,
                        }
                        | result
                    )
    return rows


def summarise(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Medians (with min and max) of p50, p99 and requests/s per dataset, shape, clients, side."""
    groups: dict[tuple[str, str, int, str], list[dict[str, Any]]] = {}
    for row in rows:
        key = (row["dataset"], row["shape"], row["clients"], row["side"])
        groups.setdefault(key, []).append(row)
    summary = []
    for (dataset, shape, clients, side), runs in groups.items():
        entry: dict[str, Any] = {
            "dataset": dataset,
            "shape": shape,
            "clients": clients,
            "side": side,
            "runs": len(runs),
            "errors": sum(r["graphql_errors"] + r["socket_errors"] for r in runs),
        }
        for field in ("p50_ms", "p99_ms", "rps"):
            values = [r[field] for r in runs]
            entry[field] = statistics.median(values)
            entry[f"{field}_min"] = min(values)
            entry[f"{field}_max"] = max(values)
        summary.append(entry)
    return summary


def ratios(summary: list[dict[str, Any]], ours: str, peer: str) -> list[dict[str, Any]]:
    """Per dataset, shape and clients: our/peer requests/s and p99 (higher, lower is better)."""
    index = {(s["dataset"], s["shape"], s["clients"], s["side"]): s for s in summary}
    out = []
    for (dataset, shape, clients, side), mine in index.items():
        theirs = index.get((dataset, shape, clients, peer))
        if side != ours or theirs is None:
            continue
        out.append(
            {
                "dataset": dataset,
                "shape": shape,
                "clients": clients,
                "rps_ratio": mine["rps"] / theirs["rps"],
                "p99_ratio": mine["p99_ms"] / theirs["p99_ms"],
                "p50_ratio": mine["p50_ms"] / theirs["p50_ms"],
            }
        )
    return out


def _answer(url: str, query: str) -> dict[str, Any]:
    response = httpx.post(url, json={"query": query}, timeout=120)
    payload: dict[str, Any] = response.json()
    if response.status_code != 200 or payload.get("errors"):
        raise DifferentAnswers(f"{url} answered with errors: {json.dumps(payload)[:500]}")
    data: dict[str, Any] = payload["data"]
    return data


def _body_file(workdir: Path, shape: Shape, side: Side) -> Path:
    path = workdir / f"{shape.name}.{'peer' if side.peer_syntax else 'ours'}.json"
    path.write_text(json.dumps({"query": shape.peer if side.peer_syntax else shape.ours}))
    return path
