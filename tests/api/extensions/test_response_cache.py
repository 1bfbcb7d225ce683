"""Repeated queries are answered from memory, and never after the graph has changed."""

from __future__ import annotations

import asyncio

from graphql import ExecutionResult

from api.extensions.response_cache import ResponseStore
from graph.reads import graph_version
from graph.store.changes import Change
from graph.store.database import Database
from graph.store.maintenance import clear_database
from tests.api.conftest import EDITOR_TOKEN, Api, reload_seed

KENT = '{ force(id: "kent") { name capabilities { maturity capability { id } } } }'
ASSESS = (
    'mutation($m: Int!) { assessCapability(forceId: "kent", capabilityId: "live-chat", '
    "maturity: $m, target: 5) { maturity } }"
)


SUPPLIERS = "{ suppliers(first: 3) { totalCount edges { node { id name } } } }"
UNMET = "{ unmetNeeds(first: 3) { capability { id } totalGap } }"
NEW_SUPPLIER = (
    'mutation { upsertSupplier(input: {id: "new-co", name: "New Co", '
    'offers: [{capabilityId: "live-chat", product: "Chat"}]}) { id } }'
)


def _live_chat(result: dict[str, object]) -> int:
    data = result["data"]
    assert isinstance(data, dict)
    levels = {c["capability"]["id"]: c["maturity"] for c in data["force"]["capabilities"]}
    return int(levels["live-chat"])


def test_a_repeated_query_is_answered_from_memory_with_the_same_data(seeded: Api) -> None:
    text = KENT.replace("name", "name region")
    first = seeded.query(text)
    second = seeded.query(text)
    assert first["extensions"]["cached"] is False
    assert second["extensions"]["cached"] is True
    assert second["data"] == first["data"]
    # Only the version check ran for the second.
    assert second["extensions"]["cypherQueries"] == 1
    assert first["extensions"]["cypherQueries"] > 1


def test_variables_and_operation_names_are_part_of_the_key(seeded: Api) -> None:
    text = (
        "query One($id: ID!) { force(id: $id) { id } } "
        "query Two { forces(first: 1) { totalCount } }"
    )
    body = {"query": text, "variables": {"id": "kent"}, "operationName": "One"}
    assert seeded.post(body).json()["data"] == {"force": {"id": "kent"}}
    body["variables"] = {"id": "surrey"}
    assert seeded.post(body).json()["data"] == {"force": {"id": "surrey"}}
    body["operationName"] = "Two"
    assert seeded.post(body).json()["data"] == {"forces": {"totalCount": 49}}


def test_a_mutation_makes_the_next_answer_fresh(seeded: Api) -> None:
    before = seeded.query(KENT)
    assert seeded.query(KENT)["extensions"]["cached"] is True
    changed = 5 if _live_chat(before) != 5 else 1
    mutation = seeded.query(ASSESS, {"m": changed}, token=EDITOR_TOKEN)
    assert mutation["extensions"]["cached"] is False
    after = seeded.query(KENT)
    assert after["extensions"]["cached"] is False
    assert _live_chat(after) == changed


def test_an_edit_keeps_the_answers_it_could_not_have_changed(seeded: Api) -> None:
    answers = {text: seeded.query(text)["data"] for text in (KENT, SUPPLIERS, UNMET)}
    changed = 5 if _live_chat({"data": answers[KENT]}) != 5 else 1
    seeded.query(ASSESS, {"m": changed}, token=EDITOR_TOKEN)
    # An assessment writes a holding: suppliers were not read from holdings...
    kept = seeded.query(SUPPLIERS)
    assert kept["extensions"]["cached"] is True
    assert kept["data"] == answers[SUPPLIERS]
    # ... but Kent's holdings were, and analyses rest on the whole graph.
    assert seeded.query(KENT)["extensions"]["cached"] is False
    assert seeded.query(UNMET)["extensions"]["cached"] is False

    assert seeded.data(NEW_SUPPLIER, token=EDITOR_TOKEN) == {"upsertSupplier": {"id": "new-co"}}
    assert seeded.query(KENT)["extensions"]["cached"] is True
    fresh = seeded.query(SUPPLIERS)
    assert fresh["extensions"]["cached"] is False
    total = answers[SUPPLIERS]["suppliers"]["totalCount"]
    assert fresh["data"]["suppliers"]["totalCount"] == total + 1


def test_a_write_by_another_process_makes_the_next_answer_fresh(
    seeded: Api, session_db: Database
) -> None:
    seeded.query(KENT)
    assert seeded.query(KENT)["extensions"]["cached"] is True
    # Emptying the database (as `diikg restore` or a test does) is a write too: the
    # version counter survives it and goes up, so nothing from before is served.
    version = graph_version(session_db)
    clear_database(session_db)
    assert graph_version(session_db) > version
    gone = seeded.query(KENT)
    assert gone["data"] == {"force": None}
    assert gone["extensions"]["cached"] is False
    reload_seed(session_db)
    assert seeded.query(KENT)["data"]["force"]["name"] == "Kent Police"


def test_answers_with_errors_are_never_kept(seeded: Api) -> None:
    text = '{ dependencyReport(forceId: "atlantis") { completenessRate } }'
    for _ in range(2):
        result = seeded.query(text)
        assert result["errors"][0]["extensions"]["code"] == "NOT_FOUND"
        assert result["extensions"]["cached"] is False


def test_invalid_queries_fail_the_same_way_every_time(seeded: Api) -> None:
    deep = (
        '{ force(id: "kent") { '
        + "pilots(first: 1) { forces(first: 1) { " * 6
        + "id"
        + " } }" * 6
        + " } }"
    )
    broken = "{ force(id: "
    for _ in range(2):
        assert seeded.query(deep)["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        assert seeded.query(broken)["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


def test_the_store_holds_at_most_its_bytes_and_never_a_large_answer() -> None:
    async def changes(since: int | None) -> tuple[int, list[Change] | None]:
        return 1, None

    async def scenario() -> None:
        store = ResponseStore(16_000, changes)
        await store.fresh_version()
        answer = ExecutionResult(data={"forces": ["x" * 90]})  # about 100 bytes encoded
        for n in range(400):
            store.put((f"query {n}", "{}", None), answer, None)
        assert 15_000 < store.size <= 16_000
        assert store.get(("query 0", "{}", None)) is None  # the oldest went first
        assert store.get(("query 399", "{}", None)) == answer
        large = ExecutionResult(data={"forces": ["x" * 1_000]})  # over 1/16 of the store
        store.put(("large", "{}", None), large, None)
        assert store.get(("large", "{}", None)) is None

    asyncio.run(scenario())


def test_a_new_version_drops_only_the_answers_read_from_what_changed() -> None:
    log: dict[int, list[Change] | None] = {1: [], 2: [Change(frozenset({"OFFERS"}))], 3: None}
    now = 1

    async def changes(since: int | None) -> tuple[int, list[Change] | None]:
        return now, log[now]

    def key(name: str) -> tuple[str, str, None]:
        return (name, "{}", None)

    async def scenario() -> None:
        nonlocal now
        store = ResponseStore(16_000, changes)
        await store.fresh_version()
        answer = ExecutionResult(data={"n": 1})
        store.put(key("offers"), answer, frozenset({"Supplier", "OFFERS"}))
        store.put(key("forces"), answer, frozenset({"Force"}))
        store.put(key("analysis"), answer, None)
        now = 2
        assert await store.fresh_version() == 2
        assert [store.get(key(k)) is not None for k in ("offers", "forces", "analysis")] == [
            False,
            True,
            False,
        ]
        now = 3  # a load: the changes are not known, so nothing is kept
        assert await store.fresh_version() == 3
        assert store.get(key("forces")) is None

    asyncio.run(scenario())
