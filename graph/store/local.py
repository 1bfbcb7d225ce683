"""The project's own Neo4j: built with Maven, run with Java 17 on 127.0.0.1."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graph.config import PROJECT_ROOT, Settings
from graph.exceptions import (
    JavaNotFoundError,
    LauncherBuildError,
    Neo4jStartError,
    PortInUseError,
)

__all__ = [
    "LAUNCHER_DIR",
    "LocalNeo4j",
    "ServerState",
    "bolt_answers",
    "build_launcher",
    "find_java",
]

LAUNCHER_DIR = PROJECT_ROOT / "neo4j-launcher"
"""The Maven project of the launcher (its own ``pom.xml``)."""

_MAIN_CLASS = "uk.police.diikg.launcher.Launcher"
_JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)
_JAVA_VERSION = re.compile(r'version "(\d+)(?:\.(\d+))?')
_MIN_JAVA = 17
_LOG_TAIL = 20
_BOLT_HANDSHAKE = b"\x60\x60\xb0\x17" + b"\x00\x08\x08\x05" + b"\x00\x00\x04\x04" + bytes(8)
"""Bolt magic, then the versions we accept: 5.0 to 5.8, then 4.0 to 4.4."""


@dataclass(frozen=True)
class ServerState:
    """What ``start`` records about a running local Neo4j."""

    pid: int
    port: int
    started_at: float


class LocalNeo4j:
    """The Neo4j that the project runs itself when ``NEO4J_URI`` is unset.

    Files live under ``settings.neo4j_dir``: ``home/`` (store and Neo4j's own logs),
    ``launcher.log``, ``server.json`` (PID and port) and ``password`` (mode 0600).

    Examples
    --------
    >>> server = LocalNeo4j(load_settings())  # doctest: +SKIP
    >>> server.start()  # doctest: +SKIP
    >>> server.stop()  # doctest: +SKIP
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.dir = settings.neo4j_dir
        self.home = self.dir / "home"
        self.password_file = self.dir / "password"
        self.state_file = self.dir / "server.json"
        self.launcher_log = self.dir / "launcher.log"
        self.debug_log = self.home / "logs" / "debug.log"

    @property
    def bolt_uri(self) -> str:
        """The Bolt URI of the running server, or of the configured port if none runs."""
        state = self.state()
        port = state.port if state else self.settings.neo4j_port
        return f"bolt://127.0.0.1:{port}"

    def state(self) -> ServerState | None:
        """The running server's PID and port, or ``None`` if it is not running."""
        try:
            raw = json.loads(self.state_file.read_text())
            state = ServerState(int(raw["pid"]), int(raw["port"]), float(raw["started_at"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return state if _is_launcher(state.pid) else None

    def read_password(self) -> str | None:
        """The password of the ``neo4j`` user, or ``None`` before the first start."""
        try:
            return self.password_file.read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def start(self) -> bool:
        """Start Neo4j and wait until Bolt answers; ``False`` if it was already running.

        Raises
        ------
        JavaNotFoundError, LauncherBuildError, PortInUseError, Neo4jStartError
        """
        if self.state() is not None:
            return False
        java = find_java()
        build_launcher()
        port = self.settings.neo4j_port
        _check_port_free(port)
        self.dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.dir.chmod(0o700)
        self._ensure_password()
        started = time.time()
        with open(self.launcher_log, "ab", opener=_private) as log:
            log.write(f"--- start on port {port} at {time.ctime(started)}\n".encode())
            log.flush()
            mark = log.tell()
            process = subprocess.Popen(
                self._command(java, port),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                umask=0o077,
                cwd=self.dir,
            )
        state = ServerState(process.pid, port, started)
        with open(self.state_file, "w", encoding="utf-8", opener=_private) as handle:
            handle.write(json.dumps(state.__dict__))
        try:
            self._wait_until_ready(process, port, mark)
        except Neo4jStartError:
            _terminate(process.pid, grace=10)
            self.state_file.unlink(missing_ok=True)
            raise
        return True

    def stop(self, *, timeout: float = 60.0) -> bool:
        """Shut Neo4j down cleanly; ``False`` if it was not running.

        Sends SIGTERM, and SIGKILL if Neo4j is still up after ``timeout`` seconds.
        """
        state = self.state()
        if state is None:
            self.state_file.unlink(missing_ok=True)
            return False
        _terminate(state.pid, grace=timeout)
        self.state_file.unlink(missing_ok=True)
        return True

    def kill(self) -> None:
        """Kill Neo4j at once with SIGKILL, as a crash would."""
        state = self.state()
        if state is not None:
            os.kill(state.pid, signal.SIGKILL)
            _wait_for_exit(state.pid, timeout=30)

    def store_size(self) -> int:
        """Bytes used by the store under ``home/data``."""
        data = self.home / "data"
        return sum(p.stat().st_size for p in data.rglob("*") if p.is_file()) if data.exists() else 0

    def log_tail(self, lines: int = _LOG_TAIL) -> tuple[Path, list[str]]:
        """The log that best explains a failure, and its last ``lines`` lines."""
        for path in (self.debug_log, self.launcher_log):
            if path.exists() and path.stat().st_size:
                text = path.read_text(encoding="utf-8", errors="replace").splitlines()
                return path, text[-lines:]
        return self.launcher_log, []

    def _command(self, java: str, port: int) -> list[str]:
        target = LAUNCHER_DIR / "target"
        classpath = os.pathsep.join([str(target / "classes"), str(target / "lib" / "*")])
        return [
            java,
            f"-Xms{self.settings.neo4j_heap}",
            f"-Xmx{self.settings.neo4j_heap}",
            *_JVM_FLAGS,
            "-cp",
            classpath,
            _MAIN_CLASS,
            str(self.home),
            str(port),
            str(self.password_file),
            str(self.settings.neo4j_pagecache_mb),
            "allow-file-urls" if self.settings.neo4j_allow_file_urls else "no-file-urls",
        ]

    def _ensure_password(self) -> None:
        if self.read_password() is not None:
            os.chmod(self.password_file, 0o600)
            return
        self.password_file.unlink(missing_ok=True)
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(32) + "\n")

    def _wait_until_ready(self, process: subprocess.Popen[bytes], port: int, mark: int) -> None:
        # The launcher prints READY once the password is set; then Bolt must answer.
        deadline = time.monotonic() + self.settings.neo4j_start_timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise self._start_error(
                    f"Neo4j exited with code {process.returncode} while starting"
                )
            if _printed_ready(self.launcher_log, mark) and bolt_answers(port):
                return
            time.sleep(0.2)
        raise self._start_error(
            f"Neo4j did not become ready within {self.settings.neo4j_start_timeout:.0f} s"
        )

    def _start_error(self, message: str) -> Neo4jStartError:
        path, tail = self.log_tail()
        return Neo4jStartError(f"{message}; see {path}", log_path=str(path), log_tail=tail)


def bolt_answers(port: int, *, timeout: float = 2.0) -> bool:
    """Whether a Bolt server on 127.0.0.1:``port`` completes the Bolt handshake."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(_BOLT_HANDSHAKE)
            agreed = sock.recv(4)
    except OSError:
        return False
    return len(agreed) == 4 and agreed != b"\x00\x00\x00\x00"


def find_java() -> str:
    """The path of a Java 17 or newer: ``$JAVA_HOME/bin/java`` if set, else ``java`` on PATH.

    Raises
    ------
    JavaNotFoundError
        No Java, or one older than 17.
    """
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).is_file():
        where = f"JAVA_HOME={java_home}" if java_home else "PATH"
        raise JavaNotFoundError(
            f"Java {_MIN_JAVA} or newer is needed to run Neo4j, and none was found on {where} "
            f"(Debian: apt-get install openjdk-{_MIN_JAVA}-jre-headless)"
        )
    try:
        output = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except OSError as exc:
        raise JavaNotFoundError(f"{java} could not be run: {exc.strerror}") from exc
    match = _JAVA_VERSION.search(output.stderr + output.stdout)
    major = _major_version(match) if match else 0
    if major < _MIN_JAVA:
        found = f"Java {major}" if major else "no Java version"
        raise JavaNotFoundError(
            f"Java {_MIN_JAVA} or newer is needed to run Neo4j; {java} reports {found}"
        )
    return java


def _private(path: str, flags: int) -> int:
    """Opens a file that only its owner can read (an ``opener`` for ``open``)."""
    return os.open(path, flags, 0o600)


def build_launcher() -> None:
    """Build the launcher with Maven unless its sources are unchanged since the last build.

    Only the first build downloads jars (into Maven's local repository); later
    builds are skipped by comparing a digest of ``pom.xml`` and the Java sources.

    Raises
    ------
    LauncherBuildError
        Maven is missing or the build fails; the message gives Maven's last error line.
    """
    target = LAUNCHER_DIR / "target"
    stamp = target / "diikg-build.sha256"
    digest = _source_digest()
    if stamp.exists() and stamp.read_text() == digest and (target / "lib").is_dir():
        return
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LauncherBuildError(
            "Maven is needed to fetch Neo4j and build its launcher; `mvn` is not on PATH "
            "(Debian: apt-get install maven)"
        )
    with _build_lock(target):
        if stamp.exists() and stamp.read_text() == digest and (target / "lib").is_dir():
            return
        result = subprocess.run(
            [mvn, "-B", "-q", "-f", str(LAUNCHER_DIR / "pom.xml"), "package", "-DskipTests"],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            errors = [line for line in result.stdout.splitlines() if "ERROR" in line]
            last = errors[0] if errors else (result.stderr.strip().splitlines() or ["?"])[-1]
            raise LauncherBuildError(f"Maven could not build the Neo4j launcher: {last}")
        stamp.write_text(digest)


def _source_digest() -> str:
    sha = hashlib.sha256()
    files = [LAUNCHER_DIR / "pom.xml", *sorted((LAUNCHER_DIR / "src").rglob("*.java"))]
    for path in files:
        sha.update(path.relative_to(LAUNCHER_DIR).as_posix().encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()


@contextmanager
def _build_lock(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".build.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _major_version(match: re.Match[str]) -> int:
    first = int(match.group(1))
    return int(match.group(2) or 0) if first == 1 else first


def _check_port_free(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # SO_REUSEADDR lets connections left in TIME_WAIT by a killed server pass;
        # a socket that is listening on the port still fails the bind.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            raise PortInUseError(
                f"port {port} on 127.0.0.1 is already in use; choose another with "
                f"--port or DIIKG_NEO4J_PORT",
                port=port,
            ) from exc


def _printed_ready(log: Path, offset: int) -> bool:
    with log.open("rb") as handle:
        handle.seek(offset)
        return any(line.strip() == b"READY" for line in handle)


def _is_launcher(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    zombie = status.rsplit(")", 1)[-1].split()[0] == "Z"
    return not zombie and _MAIN_CLASS.encode() in cmdline


def _terminate(pid: int, *, grace: float) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    if not _wait_for_exit(pid, timeout=grace):
        os.kill(pid, signal.SIGKILL)
        _wait_for_exit(pid, timeout=30)


def _wait_for_exit(pid: int, *, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            reaped, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            reaped = 0
            if not _is_launcher(pid):
                return True
        if reaped == pid:
            return True
        time.sleep(0.1)
    return not _is_launcher(pid)
