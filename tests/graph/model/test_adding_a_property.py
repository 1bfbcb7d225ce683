"""One line in the schema model adds a property everywhere: loaded, exported, filterable over GraphQL.

A scratch copy of the code gets one new field on ``Supplier`` in
``graph/model/records.py`` and nothing else; a supplier in the copy's seed data gets a
value for it. The copy's own ``diikg`` then loads, exports and serves it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.config import PROJECT_ROOT
from graph.store.database import Database
from graph.store.local import LocalNeo4j
from graph.store.maintenance import clear_database
from tests.api.conftest import start_api, stop_api

NEW_FIELD = "    website: Annotated[Text | None, Filter(Match.CONTAINS_ANY_CASE)] = None\n"
ANCHOR = "    description: Annotated[Text | None, SEARCHED] = None\n"


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A copy of the code and seeds whose only code change is one field in the schema model."""
    copy = tmp_path / "copy"
    ignore = shutil.ignore_patterns("node_modules", "__pycache__", "target")
    for folder in ("graph", "api", "cypher", "seeds"):
        shutil.copytree(PROJECT_ROOT / folder, copy / folder, ignore=ignore)
    records = copy / "graph" / "model" / "records.py"
    text = records.read_text(encoding="utf-8")
    supplier = text.index("class Supplier(Record):")
    at = text.index(ANCHOR, supplier) + len(ANCHOR)
    records.write_text(text[:at] + NEW_FIELD + text[at:], encoding="utf-8")
    suppliers = copy / "seeds" / "suppliers.yaml"
    lines = suppliers.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(1, "  website: https://aldgate.example/forensics\n")
    suppliers.write_text("".join(lines), encoding="utf-8")
    return copy


@pytest.fixture
def emptied(db: Database) -> Iterator[Database]:
    yield db
    clear_database(db)  # the API tests reload the seed graph when they find it empty


def _environment(copy: Path, neo4j: LocalNeo4j) -> dict[str, str]:
    password = (neo4j.settings.neo4j_dir / "password").read_text(encoding="utf-8").strip()
    return {
        "PYTHONPATH": str(copy),
        "NEO4J_URI": neo4j.bolt_uri,
        "NEO4J_USER": "neo4j",
        "NEO4J_PASSWORD": password,
        "DIIKG_DATA_DIR": str(copy / ".data"),
    }


def _changed(original: Path, copy: Path) -> list[str]:
    """The files, relative to the folders, that differ between two trees (bytecode aside)."""

    def files(root: Path) -> dict[str, bytes]:
        return {
            str(path.relative_to(root)): path.read_bytes()
            for path in root.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        }

    before, after = files(original), files(copy)
    return sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )


def _diikg(copy: Path, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", "from api.cli import main; main()", *args],
        env={**os.environ, **env},
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.neo4j
def test_a_new_field_is_loaded_exported_and_filterable(
    scratch: Path, neo4j_server: LocalNeo4j, emptied: Database, tmp_path: Path
) -> None:
    assert _changed(PROJECT_ROOT / "graph", scratch / "graph") == ["model/records.py"]

    env = _environment(scratch, neo4j_server)
    imported = subprocess.run(
        [sys.executable, "-c", "import graph, api; print(graph.__file__, api.__file__)"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert imported.count(str(scratch)) == 2, "the copy's code runs, not the checkout's"

    _diikg(scratch, env, "load", str(scratch / "seeds"))
    export = tmp_path / "export.json"
    _diikg(scratch, env, "export", "--format", "json", "--out", str(export))
    suppliers = {s["id"]: s for s in json.loads(export.read_text())["suppliers"]}
    assert (
        suppliers["illustrative-a-forensic-systems"]["website"]
        == "https://aldgate.example/forensics"
    )

    api = start_api(neo4j_server, tmp_path / "serve.log", **env)
    try:
        found = api.data(
            """{ suppliers(filter: {websiteContains: "ALDGATE.example"}) {
                   totalCount edges { node { id website } } } }"""
        )["suppliers"]
    finally:
        stop_api(api)
    assert found == {
        "totalCount": 1,
        "edges": [
            {
                "node": {
                    "id": "illustrative-a-forensic-systems",
                    "website": "https://aldgate.example/forensics",
                }
            }
        ],
    }
