"""The API as users reach it: `diikg serve` in its own process, spoken to over real HTTP."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.auth import digest
from graph.config import PROJECT_ROOT
from graph.dataset import read_dataset
from graph.loading.loader import load_dataset
from graph.store.constraints import apply_schema
from graph.store.database import Database
from graph.store.local import LocalNeo4j
from graph.store.maintenance import clear_database
from tests.conftest import free_port

EDITOR_TOKEN = "diikg_test-editor-token-0123456789abcdefghijklmnop"
READER_TOKEN = "diikg_test-reader-token-0123456789abcdefghijklmnop"


@dataclass
class Api:
    """A running API server and a way to query it."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def post(self, body: Any, *, token: str | None = None, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        headers.update(kwargs.pop("headers", {}))
        return httpx.post(f"{self.url}/graphql", json=body, headers=headers, timeout=60, **kwargs)

    def query(
        self, text: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        response = self.post({"query": text, "variables": variables or {}}, token=token)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result

    def data(self, text: str, variables: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        result = self.query(text, variables, **kwargs)
        assert "errors" not in result, result["errors"]
        return result["data"]


def start_api(neo4j: LocalNeo4j, log: Path, **env: str) -> Api:
    """Run `diikg serve` against ``neo4j`` on a free port; wait until /healthz answers."""
    port = free_port()
    environment = {
        **os.environ,
        "DIIKG_DATA_DIR": str(neo4j.settings.data_dir),
        "DIIKG_API_PORT": str(port),
        "DIIKG_TOKENS": f"editor:{digest(EDITOR_TOKEN)},reader:{digest(READER_TOKEN)}",
        "DIIKG_QUERY_TIMEOUT": "10",
        "DIIKG_RETRY_TIME": "1",
        # Every test client shares one address and two tokens: many "clients" are one.
        "DIIKG_CLIENT_CONCURRENCY": "64",
        **env,
    }
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("diikg")), "serve"],
            env=environment,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return Api(url=url, process=process, log=log)
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    process.kill()
    raise AssertionError(f"the API did not start: {log.read_text()}")


@contextmanager
def serving(neo4j: LocalNeo4j, log: Path, **env: str) -> Iterator[Api]:
    """An API of its own over ``neo4j``, configured by ``env``, stopped afterwards."""
    server = start_api(neo4j, log, **env)
    try:
        yield server
    finally:
        stop_api(server)


def stop_api(api: Api) -> None:
    """Stop the server as an operator would (SIGTERM) and check it shut down cleanly.

    Uvicorn finishes in-flight requests, runs the app's shutdown, then re-raises the
    signal, so the process ends by SIGTERM after logging a complete shutdown.
    """
    api.process.send_signal(signal.SIGTERM)
    code = api.process.wait(timeout=30)
    assert code in (0, -signal.SIGTERM), code
    assert "Application shutdown complete" in api.log.read_text()


def reload_seed(database: Database) -> None:
    clear_database(database)
    apply_schema(database)
    load_dataset(database, read_dataset(PROJECT_ROOT / "seeds"))


@pytest.fixture(scope="session")
def session_db(neo4j_server: LocalNeo4j) -> Iterator[Database]:
    with Database.connect(neo4j_server.settings) as database:
        yield database


@pytest.fixture(scope="session")
def api(
    neo4j_server: LocalNeo4j, session_db: Database, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Api]:
    reload_seed(session_db)
    server = start_api(neo4j_server, tmp_path_factory.mktemp("api") / "serve.log")
    yield server
    stop_api(server)


@pytest.fixture
def seeded(api: Api, session_db: Database) -> Iterator[Api]:
    """The API over the seed graph, restored after the test if the test wrote to it."""
    if session_db.read("admin/count_forces")[0]["forces"] != 49:
        reload_seed(session_db)
    version = session_db.read("read/graph_version")[0]["version"]
    yield api
    if session_db.read("read/graph_version")[0]["version"] != version:
        reload_seed(session_db)
