"""Fixtures: the real Neo4j, started once per test session on a free port in a temp folder."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.config import Settings, load_settings
from graph.store.database import Database
from graph.store.local import LocalNeo4j
from graph.store.maintenance import clear_database

TEST_HEAP = "512m"
TEST_PAGECACHE_MB = 128

# A developer's own NEO4J_* or DIIKG_* settings must not reach the tests' Neo4j.
for _name in [name for name in os.environ if name.startswith(("NEO4J_", "DIIKG_"))]:
    del os.environ[_name]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def local_settings(data_dir: Path, **overrides: object) -> Settings:
    """Settings for a project-run Neo4j under ``data_dir``, sized for tests."""
    values: dict[str, object] = {
        "data_dir": data_dir,
        "neo4j_port": free_port(),
        "neo4j_heap": TEST_HEAP,
        "neo4j_pagecache_mb": TEST_PAGECACHE_MB,
    }
    values.update(overrides)
    return load_settings(**values)


@pytest.fixture(autouse=True)
def _isolated_working_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run each test in its own folder, so no .env file of the checkout is read."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    """The real Neo4j for this test session, stopped at the end."""
    server = LocalNeo4j(local_settings(tmp_path_factory.mktemp("neo4j-session")))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def db(neo4j_server: LocalNeo4j) -> Iterator[Database]:
    """A connection to the session's Neo4j, emptied (data and schema) before the test."""
    with Database.connect(neo4j_server.settings) as database:
        clear_database(database, drop_schema=True)
        yield database
