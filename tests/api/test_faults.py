"""Neo4j killed (SIGKILL) while writes and reads are in flight: every acknowledged write survives,
no request hangs, no write is left half-done, and the same API serves again after the restart."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from graph.store.database import Database
from graph.store.local import LocalNeo4j
from tests.api.conftest import EDITOR_TOKEN, reload_seed, start_api, stop_api
from tests.conftest import local_settings

pytestmark = pytest.mark.neo4j

UPSERT = "mutation($i: SupplierInput!) { upsertSupplier(input: $i) { id offers { id } } }"
READ = '{ force(id: "kent") { name capabilities { maturity } } }'
OFFERS = [
    {"capabilityId": "live-chat", "product": "Chat"},
    {"capabilityId": "digital-evidence-management", "product": "Store"},
    {"capabilityId": "mobile-device-extraction", "product": "Kiosk"},
]
TIMEOUT = 10.0
"""DIIKG_QUERY_TIMEOUT of the API under test (tests/api/conftest.py)."""


@dataclass
class Outcome:
    supplier: str | None
    seconds: float
    codes: list[str]


def test_sigkill_in_flight_loses_nothing_acknowledged(tmp_path: Path) -> None:
    neo4j = LocalNeo4j(local_settings(tmp_path / "data"))
    neo4j.start()
    api = None
    outcomes: list[Outcome] = []
    stop = threading.Event()

    def writer(number: int) -> None:
        with httpx.Client(timeout=60) as client:
            count = 0
            while not stop.is_set():
                supplier = f"fault-{number}-{count}"
                count += 1
                body = {
                    "query": UPSERT,
                    "variables": {"i": {"id": supplier, "name": supplier, "offers": OFFERS}},
                }
                outcomes.append(_post(client, body, supplier))

    def reader() -> None:
        with httpx.Client(timeout=60) as client:
            while not stop.is_set():
                outcomes.append(_post(client, {"query": READ}, None))

    try:
        with Database.connect(neo4j.settings) as db:
            reload_seed(db)
        api = start_api(neo4j, tmp_path / "serve.log")
        url = f"{api.url}/graphql"

        def _post(client: httpx.Client, body: dict[str, object], supplier: str | None) -> Outcome:
            began = time.monotonic()
            headers = {"Authorization": f"Bearer {EDITOR_TOKEN}"} if supplier else {}
            response = client.post(url, json=body, headers=headers)
            assert response.status_code == 200, response.text
            codes = [e["extensions"]["code"] for e in response.json().get("errors", [])]
            return Outcome(supplier, time.monotonic() - began, codes)

        workers = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
        workers += [threading.Thread(target=reader) for _ in range(2)]
        for worker in workers:
            worker.start()
        time.sleep(3)
        neo4j.kill()
        killed_at = len(outcomes)
        time.sleep(4)
        neo4j.start()
        time.sleep(4)
        stop.set()
        for worker in workers:
            worker.join(timeout=TIMEOUT * 3)
            assert not worker.is_alive(), "a request hung"

        # Every request got an answer in time: data, or DATABASE_UNAVAILABLE while Neo4j was down.
        assert all(o.seconds < TIMEOUT + 10 for o in outcomes), max(o.seconds for o in outcomes)
        assert {c for o in outcomes for c in o.codes} <= {"DATABASE_UNAVAILABLE"}
        assert any(o.codes for o in outcomes[killed_at:]), "no request saw Neo4j down"
        assert not outcomes[-1].codes, "the API did not serve again after the restart"

        acknowledged = {o.supplier for o in outcomes if o.supplier and not o.codes}
        assert acknowledged
        with Database.connect(neo4j.settings) as db:
            rows = db.read_statement(
                "MATCH (s:Supplier) WHERE s.id STARTS WITH 'fault-' "
                "OPTIONAL MATCH (s)-[:OFFERS]->(c:Capability) "
                "RETURN s.id AS id, count(c) AS offers"
            )
        stored = {row["id"]: row["offers"] for row in rows}
        # Nothing acknowledged is lost, and nothing is half-written: each supplier has all three
        # offerings (a write cut off by the kill left no trace at all).
        assert acknowledged <= set(stored)
        assert set(stored.values()) == {len(OFFERS)}
    finally:
        stop.set()
        if api is not None:
            stop_api(api)
        neo4j.stop()
