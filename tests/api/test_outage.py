"""Neo4j goes away under a running API: clear errors, no hang, and service resumes by itself."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from graph.store.database import Database
from graph.store.local import LocalNeo4j
from tests.api.conftest import reload_seed, start_api, stop_api
from tests.conftest import local_settings

pytestmark = pytest.mark.neo4j

QUERY = '{ force(id: "kent") { name capabilities { maturity } } }'


def test_api_survives_neo4j_restart(tmp_path: Path) -> None:
    neo4j = LocalNeo4j(local_settings(tmp_path / "data"))
    neo4j.start()
    api = None
    try:
        with Database.connect(neo4j.settings) as db:
            reload_seed(db)
        api = start_api(neo4j, tmp_path / "serve.log")
        assert api.data(QUERY)["force"]["name"] == "Kent Police"

        neo4j.kill()
        began = time.monotonic()
        down = api.query(QUERY)
        waited = time.monotonic() - began
        assert down["data"] == {"force": None}
        assert [e["extensions"]["code"] for e in down["errors"]] == ["DATABASE_UNAVAILABLE"]
        assert "bolt://" not in down["errors"][0]["message"]
        assert waited < 15, f"a request waited {waited:.1f} s for a dead database"
        assert httpx.get(f"{api.url}/healthz", timeout=15).status_code == 503

        neo4j.start()
        assert api.process.poll() is None, "the API must keep running while Neo4j is down"
        assert api.data(QUERY)["force"]["name"] == "Kent Police"
        assert httpx.get(f"{api.url}/healthz", timeout=15).status_code == 200
    finally:
        if api is not None:
            stop_api(api)
        neo4j.stop()
