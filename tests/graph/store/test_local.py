"""The project's own Neo4j: start, readiness, durability, clean shutdown, and its failures."""

from __future__ import annotations

import ipaddress
import os
import socket
import stat
from pathlib import Path

import pytest

from graph.config import load_settings
from graph.exceptions import (
    DatabaseAuthError,
    JavaNotFoundError,
    Neo4jStartError,
    PortInUseError,
    QueryError,
)
from graph.store.database import Database, Transaction
from graph.store.local import LocalNeo4j, bolt_answers, find_java
from graph.store.queries import Statement
from tests.conftest import local_settings

RECOVERY = "o.n.k.r.Recovery"


def _count_probes(db: Database) -> int:
    def work(tx: Transaction) -> int:
        return int(tx.run("MATCH (p:Probe) RETURN count(p) AS c").single(strict=True)["c"])

    return db.execute_read(work)


def _write_probes(db: Database, count: int) -> None:
    db.execute_write(
        lambda tx: tx.run("UNWIND range(1, $n) AS i CREATE (:Probe {i: i})", n=count).consume()
    )


def _log_after(path: Path, offset: int) -> str:
    with path.open("rb") as handle:
        handle.seek(offset)
        return handle.read().decode("utf-8", errors="replace")


@pytest.mark.neo4j
def test_killed_neo4j_restarts_with_every_committed_write(tmp_path: Path) -> None:
    server = LocalNeo4j(local_settings(tmp_path))
    assert server.start() is True
    try:
        with Database.connect(server.settings) as db:
            _write_probes(db, 250)
        server.kill()
        assert server.state() is None
        assert not bolt_answers(server.settings.neo4j_port)

        before = server.debug_log.stat().st_size
        assert server.start() is True
        assert RECOVERY in _log_after(server.debug_log, before), "a crash must need recovery"
        with Database.connect(server.settings) as db:
            assert _count_probes(db) == 250

        server.stop()
        before = server.debug_log.stat().st_size
        server.start()
        assert RECOVERY not in _log_after(server.debug_log, before), (
            "SIGTERM must leave a clean store"
        )
        with Database.connect(server.settings) as db:
            assert _count_probes(db) == 250
    finally:
        server.stop()


@pytest.mark.neo4j
def test_second_start_reports_the_running_server(neo4j_server: LocalNeo4j) -> None:
    assert neo4j_server.start() is False
    assert neo4j_server.state() is not None
    assert neo4j_server.bolt_uri == f"bolt://127.0.0.1:{neo4j_server.settings.neo4j_port}"


def _listening_addresses(port: int) -> set[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Local addresses with a socket listening on ``port``, read from /proc/net/tcp{,6}."""
    found: set[ipaddress.IPv4Address | ipaddress.IPv6Address] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address_hex, port_hex = fields[1].rsplit(":", 1)
            if fields[3] != "0A" or int(port_hex, 16) != port:  # 0A: LISTEN
                continue
            # The kernel prints each 32-bit word of the address in host (little-endian) order.
            raw = b"".join(
                bytes.fromhex(address_hex[i : i + 8])[::-1] for i in range(0, len(address_hex), 8)
            )
            address = ipaddress.ip_address(raw)
            mapped = getattr(address, "ipv4_mapped", None)
            found.add(mapped or address)
    return found


@pytest.mark.neo4j
def test_bolt_listens_on_loopback_only(neo4j_server: LocalNeo4j) -> None:
    addresses = _listening_addresses(neo4j_server.settings.neo4j_port)
    assert addresses == {ipaddress.ip_address("127.0.0.1")}


@pytest.mark.neo4j
def test_password_file_is_readable_by_its_owner_only(neo4j_server: LocalNeo4j) -> None:
    mode = stat.S_IMODE(neo4j_server.password_file.stat().st_mode)
    assert mode == 0o600
    password = neo4j_server.read_password()
    assert password is not None
    assert len(password) >= 32
    assert password not in neo4j_server.launcher_log.read_text()


def test_port_in_use_names_the_port(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = LocalNeo4j(local_settings(tmp_path, neo4j_port=port))
        with pytest.raises(PortInUseError, match=f"port {port} on 127.0.0.1 is already in use"):
            server.start()


def _fake_java(folder: Path, version_line: str) -> Path:
    java = folder / "bin" / "java"
    java.parent.mkdir(parents=True)
    java.write_text(f"#!/bin/sh\necho '{version_line}' >&2\n")
    java.chmod(0o755)
    return folder


def test_old_java_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(
        "JAVA_HOME", str(_fake_java(tmp_path, 'openjdk version "11.0.22" 2024-01-16'))
    )
    with pytest.raises(JavaNotFoundError, match=r"Java 17 or newer is needed.*reports Java 11"):
        find_java()


def test_java_8_style_version_is_read_as_8(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JAVA_HOME", str(_fake_java(tmp_path, 'java version "1.8.0_392"')))
    with pytest.raises(JavaNotFoundError, match="reports Java 8"):
        find_java()


def test_missing_java_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(JavaNotFoundError, match="none was found on PATH"):
        find_java()


def test_installed_java_is_accepted() -> None:
    assert os.access(find_java(), os.X_OK)


@pytest.mark.neo4j
def test_failed_start_shows_the_log_tail(tmp_path: Path) -> None:
    settings = local_settings(tmp_path)
    home = settings.neo4j_dir / "home"
    home.parent.mkdir(parents=True)
    home.write_text("a file where Neo4j expects its home folder\n")
    server = LocalNeo4j(settings)
    with pytest.raises(Neo4jStartError) as caught:
        server.start()
    error = caught.value
    assert "Neo4j exited with code" in str(error)
    assert error.log_path == str(server.launcher_log)
    assert 0 < len(error.log_tail) <= 20
    assert server.state() is None
    assert not bolt_answers(settings.neo4j_port)


@pytest.mark.neo4j
def test_failed_logins_never_lock_the_projects_own_password_out(neo4j_server: LocalNeo4j) -> None:
    # A web page can reach Bolt's WebSocket with guesses; the lockout would lock us out too.
    wrong = load_settings(neo4j_uri=neo4j_server.bolt_uri, neo4j_password="guess-" + "x" * 20)
    for _ in range(8):
        with Database.connect(wrong) as db, pytest.raises(DatabaseAuthError):
            db.verify()
    with Database.connect(neo4j_server.settings) as db:
        assert db.read("admin/ping") == [{"ok": 1}]


@pytest.mark.neo4j
def test_load_csv_cannot_read_this_machines_files(neo4j_server: LocalNeo4j) -> None:
    probe = Statement(
        "test/load-csv-file", "LOAD CSV FROM 'file:///etc/hostname' AS row RETURN row"
    )
    with Database.connect(neo4j_server.settings) as db, pytest.raises(QueryError) as caught:
        db.write(probe)
    assert "file" in str(caught.value).lower()


@pytest.mark.neo4j
def test_the_store_and_its_logs_are_private(neo4j_server: LocalNeo4j) -> None:
    assert stat.S_IMODE(neo4j_server.dir.stat().st_mode) == 0o700
    shared = [
        str(path)
        for path in neo4j_server.dir.rglob("*")
        if not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) & 0o077
    ]
    assert shared == []
