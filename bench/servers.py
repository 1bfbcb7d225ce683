"""The processes a benchmark run needs: its own Neo4j, our API and the peer, on loopback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from graph.config import PROJECT_ROOT, Settings, load_settings
from graph.store.local import LocalNeo4j

BIN = Path(sys.executable).parent
"""The environment the benchmarks run in (.venv-dev under make), which has diikg too."""
PEER_DIR = PROJECT_ROOT / "bench" / "peer"


def free_port() -> int:
    """A TCP port nobody listens on at the moment."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class BenchNeo4j:
    """A Neo4j of the project's own, in ``data_dir``, for one dataset of the run."""

    def __init__(self, data_dir: Path, *, heap: str, pagecache_mb: int) -> None:
        self.settings: Settings = load_settings(
            data_dir=data_dir,
            neo4j_port=free_port(),
            neo4j_heap=heap,
            neo4j_pagecache_mb=pagecache_mb,
            query_timeout=1800.0,
            neo4j_allow_file_urls=True,
        )
        self.env = {
            "DIIKG_DATA_DIR": str(self.settings.data_dir),
            "DIIKG_NEO4J_PORT": str(self.settings.neo4j_port),
            "DIIKG_NEO4J_HEAP": self.settings.neo4j_heap,
            "DIIKG_NEO4J_PAGECACHE_MB": str(self.settings.neo4j_pagecache_mb),
            "DIIKG_QUERY_TIMEOUT": str(self.settings.query_timeout),
            "DIIKG_NEO4J_ALLOW_FILE_URLS": "true",
        }
        """The same settings, for child processes (``diikg``, the API, the analyses)."""
        self.local = LocalNeo4j(self.settings)

    def child_env(self, **extra: str) -> dict[str, str]:
        """The environment for a child process that should use this Neo4j."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        return env | self.env | extra

    def diikg(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run ``diikg ARGS`` against this Neo4j; raises if it fails."""
        return subprocess.run(
            [str(BIN / "diikg"), *args],
            env=self.child_env(),
            check=True,
            capture_output=True,
            text=True,
        )

    def password(self) -> str:
        """The generated password of this Neo4j."""
        password = self.local.read_password()
        if password is None:
            raise RuntimeError("the benchmark Neo4j has no password yet: start it first")
        return password


@contextmanager
def running_neo4j(neo4j: BenchNeo4j) -> Iterator[BenchNeo4j]:
    """Neo4j started for the block and stopped after it."""
    neo4j.local.start()
    try:
        yield neo4j
    finally:
        neo4j.local.stop()


@contextmanager
def serving(command: list[str], env: dict[str, str], url: str, log: Path) -> Iterator[str]:
    """A server process answering ``url`` for the block, its output in ``log``; then stopped."""
    with log.open("ab") as output:
        process = subprocess.Popen(
            command,
            env=env,
            cwd=PROJECT_ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for(url, process, log)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def ours(
    neo4j: BenchNeo4j, *, workers: int, response_cache: bool
) -> tuple[list[str], dict[str, str], str]:
    """Command, environment and GraphQL URL of our API over ``neo4j``."""
    port = free_port()
    # wrk's connections are many clients from one address: the per-client limit would
    # refuse them (and requests wrk abandons at the end of a run still hold places).
    env = neo4j.child_env(
        DIIKG_RESPONSE_CACHE_MB="64" if response_cache else "0", DIIKG_CLIENT_CONCURRENCY="256"
    )
    command = [str(BIN / "diikg"), "serve", "--port", str(port), "--workers", str(workers)]
    return command, env, f"http://127.0.0.1:{port}/graphql"


def peer(neo4j: BenchNeo4j) -> tuple[list[str], dict[str, str], str]:
    """Command, environment and GraphQL URL of the peer (@neo4j/graphql) over ``neo4j``."""
    port = free_port()
    env = neo4j.child_env(
        NEO4J_URI=neo4j.local.bolt_uri,
        NEO4J_USER="neo4j",
        NEO4J_PASSWORD=neo4j.password(),
        PEER_PORT=str(port),
        NODE_ENV="production",
    )
    return ["node", str(PEER_DIR / "server.js")], env, f"http://127.0.0.1:{port}/graphql"


def _wait_for(
    url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 120.0
) -> None:
    deadline = time.monotonic() + timeout
    body = {"query": "{ __typename }"}
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace").strip()[-2000:]
            raise RuntimeError(f"server for {url} exited; the end of {log}:\n{tail}")
        try:
            if httpx.post(url, json=body, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"server for {url} did not answer within {timeout:.0f} s")
