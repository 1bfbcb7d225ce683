"""Mutations: editors change the graph in one transaction; everyone else changes nothing."""

from __future__ import annotations

import pytest

from graph.archive.snapshot import GraphSnapshot
from graph.store.database import Database
from tests.api.conftest import EDITOR_TOKEN, READER_TOKEN, Api

pytestmark = pytest.mark.neo4j

ASSESS = """mutation($maturity: Int!) {
  assessCapability(forceId: "kent", capabilityId: "router-analysis", maturity: $maturity, target: 5,
                   assessedOn: "2026-11-01") { capability { id } maturity target gap assessedOn } }"""
SUPPLIER = """mutation($offers: [OfferingInput!]!) {
  upsertSupplier(input: {id: "acme-osint", name: "Acme OSINT", offers: $offers, illustrative: true}) {
    id name offers { id } } }"""
PILOT = """mutation {
  registerPilot(input: {id: "kent-osint-trial", name: "Kent OSINT trial", status: RUNNING,
    summary: "Trying an OSINT workbench.", forceIds: ["kent"], capabilityIds: ["open-source-intelligence"],
    supplierId: "illustrative-s-osint", crimeTypeIds: ["romance-fraud"], startedOn: "2026-09-01",
    benefits: [{metric: "officer-hours-per-case", baseline: 10, result: 7}]}) { id status } }"""
BENEFITS = """mutation {
  recordBenefits(pilotId: "regional-crypto-cell",
                 benefits: [{metric: "victim-satisfaction", baseline: 50, result: 58}]) {
    benefits { metric baseline result improved } } }"""
MUTATIONS = {
    "assessCapability": (ASSESS, {"maturity": 4}),
    "upsertSupplier": (SUPPLIER, {"offers": []}),
    "registerPilot": (PILOT, {}),
    "recordBenefits": (BENEFITS, {}),
}


def test_assessment_is_recorded_and_visible_to_the_next_query(seeded: Api) -> None:
    result = seeded.data(ASSESS, {"maturity": 4}, token=EDITOR_TOKEN)["assessCapability"]
    assert result == {
        "capability": {"id": "router-analysis"},
        "maturity": 4,
        "target": 5,
        "gap": 1,
        "assessedOn": "2026-11-01",
    }
    kent = seeded.data(
        '{ force(id: "kent") { capabilities(stage: EVIDENCE) { capability { id } maturity target } } }'
    )
    row = next(
        c for c in kent["force"]["capabilities"] if c["capability"]["id"] == "router-analysis"
    )
    assert (row["maturity"], row["target"]) == (4, 5)


def test_supplier_upsert_sets_exactly_its_offerings(seeded: Api) -> None:
    offers = [
        {"capabilityId": "open-source-intelligence", "product": "Acme Capture"},
        {"capabilityId": "social-media-engagement", "product": "Acme Listen"},
    ]
    created = seeded.data(SUPPLIER, {"offers": offers}, token=EDITOR_TOKEN)["upsertSupplier"]
    assert created["name"] == "Acme OSINT"
    fetched = seeded.data('{ supplier(id: "acme-osint") { offers { id } illustrative } }')[
        "supplier"
    ]
    assert {c["id"] for c in fetched["offers"]} == {
        "open-source-intelligence",
        "social-media-engagement",
    }
    assert fetched["illustrative"] is True
    seeded.data(SUPPLIER, {"offers": offers[:1]}, token=EDITOR_TOKEN)
    fetched = seeded.data('{ supplier(id: "acme-osint") { offers { id } } }')["supplier"]
    assert [c["id"] for c in fetched["offers"]] == ["open-source-intelligence"]


def test_removing_an_offering_a_force_uses_is_refused(seeded: Api, session_db: Database) -> None:
    before = GraphSnapshot.read(session_db).contents()
    result = seeded.query(
        """mutation { upsertSupplier(input: {id: "illustrative-b-evidence-cloud", name: "Beacon Evidence Cloud",
             offers: [{capabilityId: "digital-evidence-transfer", product: "Beacon Share"}]}) { id } }""",
        token=EDITOR_TOKEN,
    )
    error = result["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert (
        "forces use supplier 'illustrative-b-evidence-cloud' for 'digital-evidence-management'"
        in error["message"]
    )
    assert GraphSnapshot.read(session_db).contents() == before


def test_pilot_registration_and_benefits(seeded: Api) -> None:
    assert seeded.data(PILOT, token=EDITOR_TOKEN)["registerPilot"] == {
        "id": "kent-osint-trial",
        "status": "RUNNING",
    }
    pilot = seeded.data(
        '{ pilot(id: "kent-osint-trial") { forces { id } supplier { id } crimeTypes { id } benefits { metric improved } } }'
    )["pilot"]
    assert pilot == {
        "forces": [{"id": "kent"}],
        "supplier": {"id": "illustrative-s-osint"},
        "crimeTypes": [{"id": "romance-fraud"}],
        "benefits": [{"metric": "officer-hours-per-case", "improved": True}],
    }
    benefits = seeded.data(BENEFITS, token=EDITOR_TOKEN)["recordBenefits"]["benefits"]
    assert {(b["metric"], b["result"]) for b in benefits} == {
        ("cost-per-case", 4100.0),
        ("victim-satisfaction", 58.0),
    }


@pytest.mark.parametrize("name", sorted(MUTATIONS))
@pytest.mark.parametrize(
    ("token", "code"), [(None, "UNAUTHENTICATED"), (READER_TOKEN, "FORBIDDEN")]
)
def test_only_editors_may_mutate(
    seeded: Api, session_db: Database, name: str, token: str | None, code: str
) -> None:
    before = GraphSnapshot.read(session_db).contents()
    text, variables = MUTATIONS[name]
    result = seeded.query(text, variables, token=token)
    assert result["data"] is None
    assert [e["extensions"]["code"] for e in result["errors"]] == [code]
    assert GraphSnapshot.read(session_db).contents() == before


def test_invalid_input_is_refused_with_the_loaders_message(
    seeded: Api, session_db: Database
) -> None:
    before = GraphSnapshot.read(session_db).contents()
    out_of_range = seeded.query(ASSESS, {"maturity": 7}, token=EDITOR_TOKEN)["errors"][0]
    assert out_of_range["extensions"]["code"] == "BAD_USER_INPUT"
    assert out_of_range["message"] == "maturity: Input should be less than or equal to 5 (got 7)"
    unknown = seeded.query(
        'mutation { assessCapability(forceId: "atlantis", capabilityId: "router-analysis", maturity: 1, target: 2) { gap } }',
        token=EDITOR_TOKEN,
    )["errors"][0]
    assert unknown["extensions"] == {"code": "NOT_FOUND", "kind": "force", "id": "atlantis"}
    assert unknown["message"] == "unknown force 'atlantis'"
    bad_metric = seeded.query(
        'mutation { recordBenefits(pilotId: "regional-crypto-cell", benefits: [{metric: "happiness", baseline: 1, result: 2}]) { id } }',
        token=EDITOR_TOKEN,
    )["errors"][0]
    assert bad_metric["message"] == "unknown metric 'happiness'"
    assert GraphSnapshot.read(session_db).contents() == before
