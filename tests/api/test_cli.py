"""The `diikg` command as a user runs it: real processes, one clear line on every error."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from graph.archive.snapshot import GraphSnapshot
from graph.config import PROJECT_ROOT
from graph.dataset import read_dataset
from graph.dataset.rows import link_rows, relationship_rows
from graph.editing import assess_capability
from graph.model import LINKS, NODES, RELATIONSHIPS, Assessment
from graph.store.database import Database
from graph.store.local import LocalNeo4j
from tests.conftest import TEST_HEAP, TEST_PAGECACHE_MB, free_port

DIIKG = str(Path(sys.executable).with_name("diikg"))


def diikg(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the installed console script with extra environment variables."""
    environment = {**os.environ, "COLUMNS": "200", **env}
    return subprocess.run(
        [DIIKG, *args], capture_output=True, text=True, env=environment, timeout=300, check=False
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def server_env(server: LocalNeo4j) -> dict[str, str]:
    return {"DIIKG_DATA_DIR": str(server.settings.data_dir)}


@pytest.mark.parametrize(
    "command",
    [
        (),
        ("db",),
        ("db", "start"),
        ("db", "stop"),
        ("db", "status"),
        ("db", "query"),
        ("db", "schema"),
    ],
)
def test_every_command_has_help(command: tuple[str, ...]) -> None:
    result = diikg(*command, "--help")
    assert result.returncode == 0
    assert "Usage: diikg" in result.stdout


@pytest.mark.neo4j
def test_start_status_stop_cycle(tmp_path: Path) -> None:
    port = str(free_port())
    env = {
        "DIIKG_DATA_DIR": str(tmp_path),
        "DIIKG_NEO4J_HEAP": TEST_HEAP,
        "DIIKG_NEO4J_PAGECACHE_MB": str(TEST_PAGECACHE_MB),
    }
    try:
        started = diikg("db", "start", "--port", port, **env)
        assert started.returncode == 0, started.stderr
        assert f"Neo4j is running at bolt://127.0.0.1:{port}" in started.stdout
        password = (tmp_path / "neo4j" / "password").read_text().strip()
        assert password not in started.stdout + started.stderr

        again = diikg("db", "start", "--port", port, **env)
        assert again.returncode == 0
        assert "already running" in again.stdout

        schema = diikg("db", "schema", **env)
        assert f"{len(NODES) + 2} constraints" in schema.stdout, "one per node kind, Load, Meta"
        assert "nothing changed" in diikg("db", "schema", **env).stdout

        status = json.loads(diikg("db", "status", "--json", **env).stdout)
        assert status["uri"] == f"bolt://127.0.0.1:{port}"
        assert status["version"].startswith("5.26.")
        assert status["nodeCount"] == 0
    finally:
        stopped = diikg("db", "stop", **env)
    assert stopped.stdout.strip() == "Neo4j stopped."
    assert diikg("db", "stop", **env).stdout.strip() == "Neo4j was not running."
    assert_one_line_error(diikg("db", "status", **env), "the local Neo4j is not running")


@pytest.mark.neo4j
def test_status_table_names_uri_version_and_counts(neo4j_server: LocalNeo4j) -> None:
    result = diikg("db", "status", **server_env(neo4j_server))
    assert result.returncode == 0, result.stderr
    assert neo4j_server.bolt_uri in result.stdout
    assert "5.26." in result.stdout
    assert "Store size" in result.stdout
    assert "Relationships" in result.stdout


@pytest.mark.neo4j
def test_query_prints_rows_and_takes_parameters(neo4j_server: LocalNeo4j) -> None:
    result = diikg(
        "db",
        "query",
        "RETURN $n * 2 AS doubled",
        "--param",
        "n=21",
        "--json",
        **server_env(neo4j_server),
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"doubled": 42}]


@pytest.mark.neo4j
def test_query_refuses_a_write(neo4j_server: LocalNeo4j) -> None:
    result = diikg("db", "query", "CREATE (:Force {id: 'x'})", **server_env(neo4j_server))
    assert_one_line_error(result, "Writing in read access mode not allowed")


@pytest.mark.neo4j
def test_query_refuses_load_csv_of_a_local_file(neo4j_server: LocalNeo4j) -> None:
    statement = "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row LIMIT 1"
    result = diikg("db", "query", statement, **server_env(neo4j_server))
    assert_one_line_error(result, "LOAD CSV is refused here")
    assert "root" not in result.stdout + result.stderr


def test_unreachable_neo4j_uri_is_one_line() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    result = diikg("db", "status", NEO4J_URI=uri, NEO4J_PASSWORD="pw-123456", DIIKG_RETRY_TIME="0")
    assert_one_line_error(result, uri, "cannot be reached")
    assert "pw-123456" not in result.stderr


@pytest.mark.neo4j
def test_wrong_password_is_one_line_without_the_password(neo4j_server: LocalNeo4j) -> None:
    result = diikg(
        "db", "status", NEO4J_URI=neo4j_server.bolt_uri, NEO4J_PASSWORD="wrong-password-42"
    )
    assert_one_line_error(result, neo4j_server.bolt_uri, "refused the password")
    assert "wrong-password-42" not in result.stderr


def test_missing_java_is_one_line(tmp_path: Path) -> None:
    fake_home = tmp_path / "jdk"
    (fake_home / "bin").mkdir(parents=True)
    result = diikg("db", "start", DIIKG_DATA_DIR=str(tmp_path), JAVA_HOME=str(fake_home))
    assert_one_line_error(result, "Java 17 or newer is needed", f"JAVA_HOME={fake_home}")


def test_port_in_use_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = diikg("db", "start", "--port", port, DIIKG_DATA_DIR=str(tmp_path))
    assert_one_line_error(result, f"port {port} on 127.0.0.1 is already in use", "--port")


@pytest.mark.neo4j
def test_failed_start_prints_the_log_tail_and_its_path(tmp_path: Path) -> None:
    home = tmp_path / "neo4j" / "home"
    home.parent.mkdir(parents=True)
    home.write_text("not a folder\n")
    result = diikg(
        "db",
        "start",
        "--port",
        str(free_port()),
        DIIKG_DATA_DIR=str(tmp_path),
        DIIKG_NEO4J_HEAP=TEST_HEAP,
    )
    assert result.returncode == 1
    first, second, *tail = result.stderr.strip().splitlines()
    assert first.startswith("error: Neo4j exited with code")
    log = tmp_path / "neo4j" / "launcher.log"
    assert second == f"last {len(tail)} lines of {log}:"
    assert 0 < len(tail) <= 20
    assert "Traceback" not in result.stderr


@pytest.mark.neo4j
def test_load_reports_every_problem_and_writes_nothing(
    neo4j_server: LocalNeo4j, db: Database, tmp_path: Path
) -> None:
    bad = tmp_path / "seeds"
    shutil.copytree(PROJECT_ROOT / "seeds", bad)
    assessments = bad / "assessments.csv"
    lines = assessments.read_text().splitlines()
    lines[1] = lines[1].replace(",4,5,", ",8,5,", 1)
    assessments.write_text("\n".join(lines) + "\n")
    (bad / "pilots.yaml").write_text(
        (bad / "pilots.yaml").read_text().replace("lincolnshire", "atlantis", 1)
    )
    before = GraphSnapshot.read(db).contents()

    result = diikg("load", str(bad), **server_env(neo4j_server))

    assert result.returncode == 1
    first, *issues = result.stderr.strip().splitlines()
    assert first == f"error: 2 problem(s) in {bad}; nothing was written"
    assert f"{assessments} row 1 (line 2), field maturity" in issues[0]
    assert "pilots.yaml item 1 (line 1), field forces.2: unknown force 'atlantis'" in issues[1]
    assert GraphSnapshot.read(db).contents() == before


@pytest.mark.neo4j
def test_load_if_empty_then_status_shows_the_last_load(
    neo4j_server: LocalNeo4j, db: Database, tmp_path: Path
) -> None:
    env = server_env(neo4j_server)
    loaded = diikg("load", "--if-empty", **env)
    assert loaded.returncode == 0, loaded.stderr
    seed = read_dataset(PROJECT_ROOT / "seeds")
    nodes = sum(len(seed.records(kind)) for kind in NODES)
    relationships = sum(len(relationship_rows(seed, kind)) for kind in RELATIONSHIPS) + sum(
        len(link_rows(seed, link)) for link in LINKS
    )
    assert f"{nodes} nodes and {relationships} relationships written" in loaded.stdout
    skipped = diikg("load", "--if-empty", **env)
    assert "already holds data: nothing loaded" in skipped.stdout

    status = json.loads(diikg("db", "status", "--json", **env).stdout)
    assert status["nodes"]["Force"] == 49
    assert status["lastLoad"]["outcome"] == "succeeded"
    assert status["lastLoad"]["origin"] == str(PROJECT_ROOT / "seeds")
    assert status["lastLoad"]["relationshipsWritten"] == relationships
    assert "Last load      succeeded" in diikg("db", "status", **env).stdout

    exported = diikg("export", "--format", "json", "--out", str(tmp_path / "g.json"), **env)
    assert exported.returncode == 0, exported.stderr
    assert json.loads((tmp_path / "g.json").read_text())["forces"][0]["id"] == "avon-and-somerset"


@pytest.mark.neo4j
def test_backup_then_restore_only_when_told_and_gives_the_same_graph(
    neo4j_server: LocalNeo4j, db: Database, tmp_path: Path
) -> None:
    env = server_env(neo4j_server)
    assert diikg("load", **env).returncode == 0
    before = GraphSnapshot.read(db).contents()
    target = tmp_path / "backup.json"

    taken = diikg("backup", "--out", str(target), **env)
    assert taken.returncode == 0, taken.stderr
    assert taken.stdout.strip() == (
        f"Backed up {len(before[0])} nodes and {len(before[1])} relationships to {target}."
    )
    assess_capability(
        db,
        Assessment(
            force="kent",
            capability="live-chat",
            maturity=0,
            target=5,
            assessed_on=dt.date(2026, 11, 29),
            source="editor-input",
        ),
    )
    changed = GraphSnapshot.read(db).contents()
    assert changed != before

    unasked = subprocess.run(
        [DIIKG, "restore", str(target)],
        input="y\n",
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )
    _refused(unasked, "pass --yes when not at a terminal")
    assert GraphSnapshot.read(db).contents() == changed

    restored = diikg("restore", str(target), "--yes", **env)
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith(f"Restored {target}: ")
    assert GraphSnapshot.read(db).contents() == before
    _refused(diikg("restore", str(tmp_path / "missing.json"), "--yes", **env), "no such backup")


def test_generate_writes_a_loadable_scaled_dataset(tmp_path: Path) -> None:
    result = diikg("generate", "--scale", "2", "--seed", "4", "--out", str(tmp_path / "g"))
    assert result.returncode == 0, result.stderr
    seed = read_dataset(PROJECT_ROOT / "seeds").counts()
    assert f"{2 * seed['forces']} forces, {2 * seed['capabilities']} capabilities" in result.stdout
    assert (tmp_path / "g" / "assessments.csv").exists()


def test_seeds_derive_reproduces_the_committed_files(tmp_path: Path) -> None:
    copy = tmp_path / "seeds"
    shutil.copytree(PROJECT_ROOT / "seeds", copy)
    (copy / "assessments.csv").write_text(
        (copy / "assessments.csv").read_text().replace(",4,5,", ",1,5,")
    )
    result = diikg("seeds", "derive", str(copy))
    assert result.returncode == 0, result.stderr
    for name in ("assessments.csv", "unit_assessments.csv", "force_suppliers.csv"):
        assert (copy / name).read_text() == (PROJECT_ROOT / "seeds" / name).read_text()


_BAD_VALUES = {
    "unknown report": (("report", "nonsense"), "'nonsense' is not one of"),
    "unknown format": (("report", "dependencies", "--format", "pdf"), "--format"),
    "threshold out of range": (("report", "dependencies", "--threshold", "7"), "--threshold"),
    "maturity out of range": (("report", "impact", "--maturity", "9"), "--maturity"),
    "unknown stage": (("report", "unmet-needs", "--stage", "evidense"), "--stage"),
    "an option the report does not use": (
        ("report", "unmet-needs", "--force", "kent"),
        "--force is not used by the unmet-needs report",
    ),
    "out in a missing folder": (
        ("report", "dependencies", "--out", "{tmp}/missing/r.html"),
        "the folder {tmp}/missing does not exist",
    ),
    "out onto a folder": (("report", "dependencies", "--out", "{tmp}"), "is a folder"),
    "extension against format": (
        ("report", "dependencies", "--out", "{tmp}/p.md", "--format", "html"),
        "needs a .html file",
    ),
    "unknown extension": (("report", "pilots", "--out", "{tmp}/p.pdf"), "'.pdf' is not a format"),
    "CSV to standard output": (
        ("report", "pilots", "--format", "csv", "--out", "-"),
        "a CSV report is a folder",
    ),
    "unknown role": (("token", "add", "x", "--role", "admin"), "'admin' is not one of"),
    "restore of a missing file": (("restore", "{tmp}/none.json"), "no such backup file"),
    "restore without a terminal": (("restore", "{tmp}/backup.json"), "pass --yes"),
    "load of a missing folder": (("load", "{tmp}/none"), "does not exist"),
    "import of a missing file": (("import", "workforce", "{tmp}/none.ods"), "none.ods"),
    "export into a missing folder": (
        ("export", "--out", "{tmp}/missing/x.json"),
        "does not exist",
    ),
    "backup onto a folder": (("backup", "--out", "{tmp}"), "is a folder"),
    "schema into a missing folder": (("schema", "--out", "{tmp}/missing/s.graphql"), "missing"),
    "generate at scale 0": (("generate", "--scale", "0", "--out", "{tmp}/g"), "--scale"),
    "unknown command": (("nosuch",), "nosuch"),
    "a query parameter without a value": (("db", "query", "RETURN 1", "-p", "x"), "--param"),
}


def _refused(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert fragment in lines[0]


@pytest.mark.parametrize(("args", "fragment"), _BAD_VALUES.values(), ids=_BAD_VALUES.keys())
def test_a_bad_value_is_one_line_and_exit_2_before_any_work(
    tmp_path: Path, args: tuple[str, ...], fragment: str
) -> None:
    (tmp_path / "backup.json").write_text("{}")
    given = [a.format(tmp=tmp_path) for a in args]
    result = subprocess.run(
        [DIIKG, *given],
        capture_output=True,
        text=True,
        input="",
        env={**os.environ, "COLUMNS": "200", "DIIKG_DATA_DIR": str(tmp_path / "data")},
        timeout=120,
        check=False,
    )
    _refused(result, fragment.format(tmp=tmp_path))


_UNKNOWN_NAMES = {
    "a misspelt region": (("unmet-needs", "--region", "Walse"), "did you mean 'Wales'?"),
    "a misspelt crime type": (
        ("unmet-needs", "--crime-type", "ransomwear"),
        "did you mean 'ransomware'?",
    ),
    "an unknown force": (("dependencies", "--force", "atlantis"), "--force 'atlantis'"),
    "a misspelt capability": (
        ("impact", "--capability", "comms-dta"),
        "did you mean 'communications-data'?",
    ),
}


@pytest.mark.neo4j
@pytest.mark.parametrize(("args", "fragment"), _UNKNOWN_NAMES.values(), ids=_UNKNOWN_NAMES.keys())
def test_a_report_refuses_names_the_graph_does_not_hold(
    neo4j_server: LocalNeo4j, tmp_path: Path, args: tuple[str, ...], fragment: str
) -> None:
    result = diikg("report", *args, "--out", str(tmp_path / "r.html"), **server_env(neo4j_server))
    _refused(result, fragment)
    assert not (tmp_path / "r.html").exists()


@pytest.mark.neo4j
def test_a_report_goes_to_standard_output_or_the_reports_folder_never_the_current_one(
    neo4j_server: LocalNeo4j, tmp_path: Path
) -> None:
    env = server_env(neo4j_server)
    piped = diikg(
        "report", "unmet-needs", "--stage", "evidence", "--format", "md", "--out", "-", **env
    )
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith("# Unmet needs")
    chosen = diikg("report", "pilots", "--out", str(tmp_path / "p.json"), **env)
    assert chosen.returncode == 0, chosen.stderr
    assert json.loads((tmp_path / "p.json").read_text())["title"].startswith("Pilot benefits")
    made = subprocess.run(
        [DIIKG, "report", "pilots"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, **env},
        timeout=300,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert list(tmp_path.glob("diikg-*")) == []
    assert (neo4j_server.settings.data_dir / "reports" / "diikg-pilots.html").is_file()


def test_a_broken_seed_file_gives_its_cause_without_follow_on_errors(tmp_path: Path) -> None:
    bad = tmp_path / "seeds"
    shutil.copytree(PROJECT_ROOT / "seeds", bad)
    capabilities = bad / "capabilities.yaml"
    capabilities.write_text(capabilities.read_text().replace("\n", "\n  : : [\n", 3))
    dependencies = bad / "dependencies.csv"
    lines = dependencies.read_text().splitlines()
    dependencies.write_text("\n".join([lines[0].replace("depends_on", "depends_onn"), *lines[1:]]))

    result = diikg("load", str(bad), DIIKG_DATA_DIR=str(tmp_path / "data"))

    assert result.returncode == 1
    first, *issues = result.stderr.strip().splitlines()
    assert first == f"error: 3 problem(s) in {bad}; nothing was written"
    assert issues[0].startswith(f"  {capabilities} line ")
    assert "not valid YAML" in issues[0]
    assert issues[1:] == [
        f"  {dependencies} line 1: column 'depends_onn' is not a field of dependencies; "
        "did you mean 'depends_on'?",
        f"  {dependencies} line 1: required column 'depends_on' is missing",
    ]


def test_many_problems_are_capped_on_the_terminal_and_all_logged(tmp_path: Path) -> None:
    bad = tmp_path / "seeds"
    shutil.copytree(PROJECT_ROOT / "seeds", bad)
    assessments = bad / "assessments.csv"
    header, *rows = assessments.read_text().splitlines()
    rows = [row.replace(",", ",x", 1) for row in rows]
    assessments.write_text("\n".join([header, *rows]) + "\n")
    data = tmp_path / "data"

    result = diikg("load", str(bad), DIIKG_DATA_DIR=str(data))

    lines = result.stderr.strip().splitlines()
    problems = int(lines[0].split()[1])
    assert problems > 40
    assert len(lines) == 1 + 20 + 1
    assert lines[-1] == f"  ... and {problems - 20:,} more, all in {data / 'diikg.log'}"
    assert (data / "diikg.log").read_text().count("problem: ") == problems
