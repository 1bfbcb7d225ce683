"""Load: 50 clients on loopback, mixed reads and writes, no errors and no memory growth.

TEST_SOAK_SECONDS sets the duration (10 s in `make test`, 60 s in `make soak`); with
TEST_SOAK_REPORT set, the figures are also written there as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

from graph.store.local import LocalNeo4j
from tests.api.conftest import EDITOR_TOKEN, Api

pytestmark = pytest.mark.neo4j

CLIENTS = 50
SECONDS = int(os.environ.get("TEST_SOAK_SECONDS", "10"))
SCRIPT = Path(__file__).parent / "data" / "mixed_load.lua"
FORCES = ["kent", "surrey", "sussex", "essex", "merseyside", "west-midlands", "dyfed-powys"]
READS = [
    '{ force(id: "%s") { name capabilities { maturity target capability { id stage } } } }',
    "{ forces(first: 20) { edges { node { id name pilots { id } } } totalCount } }",
    "{ unmetNeeds(first: 5) { capability { id } score totalGap } }",
    '{ dependencyReport(forceId: "%s") { completenessRate } }',
    '{ search(text: "digital") { score } }',
    "{ capabilities(first: 50) { edges { node { id suppliers { id pilots { id } } } } } }",
    '{ impact(forceId: "%s", capabilityId: "digital-evidence-management", maturity: 1) '
    "{ chainsBroken } }",
]
WRITE = (
    'mutation { assessCapability(forceId: "%s", capabilityId: "live-chat", maturity: %d, '
    "target: 5) { gap } }"
)


def _mix(path: Path) -> None:
    lines = []
    for i in range(len(FORCES) * len(READS)):
        force = FORCES[i % len(FORCES)]
        read = READS[i % len(READS)]
        body = read % force if "%s" in read else read
        lines.append("R " + json.dumps({"query": body}))
        if i % 12 == 0:
            lines.append("W " + json.dumps({"query": WRITE % (force, i % 5)}))
    path.write_text("\n".join(lines) + "\n")


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")


def test_fifty_clients_mixed_load_no_errors_and_flat_memory(
    seeded: Api, neo4j_server: LocalNeo4j, tmp_path: Path
) -> None:
    mix = tmp_path / "mix.txt"
    _mix(mix)
    state = neo4j_server.state()
    assert state is not None
    pids = {"api": seeded.process.pid, "neo4j": state.pid}
    samples: dict[str, list[float]] = {name: [] for name in pids}
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.5):
            for name, pid in pids.items():
                samples[name].append(_rss_mib(pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    began = time.monotonic()
    run = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CLIENTS}",
            f"-d{SECONDS}s",
            "--timeout",
            "30s",
            "-s",
            str(SCRIPT),
            f"{seeded.url}/graphql",
        ],
        env={"MIX": str(mix), "TOKEN": EDITOR_TOKEN, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=SECONDS + 120,
        check=True,
    )
    done.set()
    sampler.join()
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    figures["clients"] = CLIENTS
    figures["wall_seconds"] = round(time.monotonic() - began, 1)
    for name, values in samples.items():
        half = len(values) // 2
        figures[f"{name}_rss_mib_first_half_max"] = round(max(values[:half]), 1)
        figures[f"{name}_rss_mib_second_half_max"] = round(max(values[half:]), 1)
    print(json.dumps(figures))
    if report := os.environ.get("TEST_SOAK_REPORT"):
        Path(report).write_text(json.dumps(figures, indent=1) + "\n")

    assert figures["requests"] >= CLIENTS
    assert figures["not_clean"] == 0, figures
    assert figures["socket_errors"] == 0, figures
    for name in pids:
        first = figures[f"{name}_rss_mib_first_half_max"]
        second = figures[f"{name}_rss_mib_second_half_max"]
        # Flat memory: after the first half has warmed caches up, at most 25% + 64 MiB more.
        assert second <= first * 1.25 + 64, (name, first, second)
    assert seeded.data('{ force(id: "kent") { name } }')["force"]["name"] == "Kent Police"
