"""Who delivers each capability, assessment history, and the basis of answers, over HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.store.local import LocalNeo4j
from tests.api.conftest import EDITOR_TOKEN, Api
from tests.api.test_cli import diikg, server_env

pytestmark = pytest.mark.neo4j

ASSESS = """mutation($capability: ID!, $maturity: Int!, $on: Date!) {
  assessCapability(forceId: "kent", capabilityId: $capability, maturity: $maturity, target: 5,
                   assessedOn: $on) { maturity assessedOn history { assessedOn maturity } } }"""
KENT = """query($asOf: Date) { force(id: "kent") { capabilities(stage: EVIDENCE, asOf: $asOf) {
  capability { id } maturity assessedOn sourceId illustrative
  history { assessedOn maturity sourceId illustrative } } } }"""


def _router(data: dict) -> dict:
    return next(
        c for c in data["force"]["capabilities"] if c["capability"]["id"] == "router-analysis"
    )


def test_two_assessments_are_both_kept_and_read_as_of_a_day(seeded: Api) -> None:
    seed_history = _router(seeded.data(KENT))["history"]
    for maturity, day in ((1, "2026-11-01"), (3, "2026-11-20")):
        done = seeded.data(
            ASSESS,
            {"capability": "router-analysis", "maturity": maturity, "on": day},
            token=EDITOR_TOKEN,
        )["assessCapability"]
        assert (done["maturity"], done["assessedOn"]) == (maturity, day)
    latest = _router(seeded.data(KENT))
    assert (latest["maturity"], latest["assessedOn"], latest["sourceId"]) == (
        3,
        "2026-11-20",
        "editor-input",
    )
    assert [(h["assessedOn"], h["maturity"]) for h in latest["history"][:2]] == [
        ("2026-11-20", 3),
        ("2026-11-01", 1),
    ]
    assert latest["history"][2:] == seed_history, "the seed's observation is kept too"
    earlier = _router(seeded.data(KENT, {"asOf": "2026-11-10"}))
    assert (earlier["maturity"], earlier["assessedOn"]) == (1, "2026-11-01")
    # The same day and source again replaces that one observation.
    seeded.data(
        ASSESS,
        {"capability": "router-analysis", "maturity": 2, "on": "2026-11-20"},
        token=EDITOR_TOKEN,
    )
    again = _router(seeded.data(KENT))
    assert len(again["history"]) == len(latest["history"])
    assert again["maturity"] == 2


def test_a_force_cannot_be_assessed_on_a_national_or_regional_capability(seeded: Api) -> None:
    for capability, words in (
        ("report-fraud", "delivered nationally by 'city-of-london'"),
        ("regional-cyber-crime-unit", "regional unit that serves 'kent'"),
    ):
        errors = seeded.query(
            ASSESS,
            {"capability": capability, "maturity": 1, "on": "2026-11-01"},
            token=EDITOR_TOKEN,
        )["errors"]
        assert words in errors[0]["message"]
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_assessments_sit_on_the_body_that_delivers_each_capability(seeded: Api) -> None:
    caps = seeded.data(
        """{ capabilities(first: 100) { edges { node { id delivery deliveredById
             holdings { force { id kind } } unitHoldings { unit { id } } } } } }"""
    )["capabilities"]["edges"]
    for node in (e["node"] for e in caps):
        territorial = {
            h["force"]["id"] for h in node["holdings"] if h["force"]["kind"] == "TERRITORIAL"
        }
        if node["delivery"] == "NATIONAL":
            assert {h["force"]["id"] for h in node["holdings"]} <= {node["deliveredById"]}
        elif node["delivery"] == "REGIONAL":
            assert territorial == {"metropolitan", "city-of-london"}, node["id"]
            assert len(node["unitHoldings"]) == 9
        else:
            assert len(territorial) == 43, node["id"]
            assert node["unitHoldings"] == []
    kent = seeded.data('{ force(id: "kent") { regionalUnit { shortName forces { id } } } }')
    assert kent["force"]["regionalUnit"]["shortName"] == "ERSOU"
    assert len(kent["force"]["regionalUnit"]["forces"]) == 7


def test_unmet_needs_rank_what_a_firm_could_sell_with_basis_and_suppliers(seeded: Api) -> None:
    fields = "capability { id market } market score suppliers { id name } basis { records illustrative sources } explanation"
    data = seeded.data(
        f"{{ unmetNeeds(first: 100) {{ {fields} }} organisationalGaps(first: 100) {{ {fields} }} }}"
    )
    needs, gaps = data["unmetNeeds"], data["organisationalGaps"]
    assert needs
    assert gaps
    assert {n["market"] for n in needs} <= {"PRODUCT", "SERVICE"}
    assert {g["market"] for g in gaps} == {"POLICE_FUNCTION"}
    assert "action-fraud-reporting" not in {n["capability"]["id"] for n in needs + gaps}
    for need in needs:
        assert need["basis"]["records"] >= need["basis"]["illustrative"] > 0
        assert "illustrative" in need["basis"]["sources"]
        assert "illustrative" in need["explanation"]
        for supplier in need["suppliers"]:
            assert supplier["name"] in need["explanation"] or "more offer it" in need["explanation"]
    scores = [n["score"] for n in needs]
    assert scores == sorted(scores, reverse=True)


def test_losing_communications_data_and_evidence_management_differ(seeded: Api) -> None:
    query = """query($c: ID!) { impact(capabilityId: $c) { chainsBroken
        capabilitiesLost { id } capabilitiesDegraded { id } } }"""
    comms = seeded.data(query, {"c": "communications-data"})["impact"]
    dems = seeded.data(query, {"c": "digital-evidence-management"})["impact"]
    assert comms["chainsBroken"] != dems["chainsBroken"]
    for result in (comms, dems):
        lost = {c["id"] for c in result["capabilitiesLost"]}
        assert lost.isdisjoint({c["id"] for c in result["capabilitiesDegraded"]})
        assert result["capabilitiesDegraded"], "soft dependents are degraded, not lost"


def test_the_planners_report_shows_the_change_since_a_day(
    seeded: Api, neo4j_server: LocalNeo4j, tmp_path: Path
) -> None:
    for maturity, day in ((1, "2026-11-01"), (3, "2026-11-20")):
        seeded.data(
            ASSESS,
            {"capability": "router-analysis", "maturity": maturity, "on": day},
            token=EDITOR_TOKEN,
        )
    out = tmp_path / "kent.json"
    ran = diikg(
        "report",
        "dependencies",
        "--force",
        "kent",
        "--since",
        "2026-11-10",
        "--format",
        "json",
        "--out",
        str(out),
        **server_env(neo4j_server),
    )
    assert ran.returncode == 0, ran.stderr
    document = json.loads(out.read_text())
    rows = {row["capability"]: row for row in document["tables"]["change_since"]}
    assert rows["Router analysis"]["maturity_on_2026-11-10"] == 1
    assert (rows["Router analysis"]["maturity_now"], rows["Router analysis"]["change"]) == (3, "+2")
    assert len(rows) == 1, "nothing else of Kent's moved after 10 November"
    assert document["summary"]["holdings changed since 2026-11-10"] == 1
    assert document["basis"]["kinds"][0]["kind"] == "assessments"
