"""The analyses over GraphQL against the seed graph: typed, stable, and cached per graph version."""

from __future__ import annotations

import pytest

from graph.config import PROJECT_ROOT
from graph.dataset import Dataset, read_dataset
from graph.model.kinds import DEPENDENCIES
from tests.api.conftest import EDITOR_TOKEN, Api

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def seed() -> Dataset:
    return read_dataset(PROJECT_ROOT / "seeds")


ANALYSES = """{
  interdependencies { completenessRate stageMatrix { fromStage toStage count }
    chains { crimeType { id } completeShare crossStageLinks publicContact { id } investigation { id } evidence { id } } }
  bottlenecks(first: 5) { betweennessMethod items { capability { id } transitiveDependents betweenness } longestChain { id } warnings }
  impact(capabilityId: "digital-evidence-management") { chainsBroken capabilitiesLost { id } capabilitiesDegraded { id } crimeTypes { annualVolume } }
  pilotComparison { pilots { pilot { id } meanImprovement successful } rolloutCandidates { force { id } gap } }
  dependencyReport(forceId: "kent") { completenessRate chains { crimeType { id } complete weakestLink { id } } }
}"""


def test_analyses_answer_and_are_stable_from_run_to_run(seeded: Api, seed: Dataset) -> None:
    first = seeded.data(ANALYSES)
    assert seeded.data(ANALYSES) == first
    inter = first["interdependencies"]
    assert sum(s["count"] for s in inter["stageMatrix"]) == len(seed.records(DEPENDENCIES))
    assert len(inter["chains"]) == 23
    assert all(c["publicContact"] and c["investigation"] and c["evidence"] for c in inter["chains"])
    assert 0 < inter["completenessRate"] < 1
    assert first["bottlenecks"]["betweennessMethod"] == "exact"
    assert first["bottlenecks"]["items"][0]["capability"]["id"] == "digital-evidence-management"
    assert first["bottlenecks"]["warnings"] == []
    lost = {c["id"] for c in first["impact"]["capabilitiesLost"]}
    degraded = {c["id"] for c in first["impact"]["capabilitiesDegraded"]}
    # Disclosure cannot work without evidence management (HARD); communications data works,
    # worse, without it (SOFT: returned data can be kept elsewhere).
    assert {"digital-evidence-management", "disclosure-redaction"} <= lost
    assert "communications-data" in degraded - lost
    volumes = [c["annualVolume"] for c in first["impact"]["crimeTypes"]]
    assert volumes == sorted(volumes, reverse=True)
    pilots = first["pilotComparison"]["pilots"]
    assert pilots[0]["successful"]
    assert len(first["dependencyReport"]["chains"]) == 23


def test_bad_scenarios_are_bad_user_input(seeded: Api) -> None:
    result = seeded.query('{ impact(capabilityId: "teleport") { chainsBroken } }')
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "unknown capability 'teleport'" in result["errors"][0]["message"]
    missing = seeded.query('{ dependencyReport(forceId: "atlantis") { completenessRate } }')
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_projection_is_reused_until_a_write(seeded: Api) -> None:
    query = "{ unmetNeeds(first: 1) { capability { id } totalGap } }"
    assess = "mutation($f: ID!, $c: ID!, $m: Int!) { assessCapability(forceId: $f, capabilityId: $c, maturity: $m, target: 5) { gap } }"
    seeded.data(query.replace("first: 1", "first: 3"))  # the projection is made
    seeded.data(assess, {"f": "kent", "c": "live-chat", "m": 3}, token=EDITOR_TOKEN)
    first = seeded.query(query)
    other = seeded.query(query.replace("first: 1", "first: 2"))
    # After a write: the response cache's version check, the projection's (which finds the
    # version moved and what the write changed), one read of what it changed (the
    # projection is updated, not read again) and the capabilities loader. A different
    # query then finds the projection current: two version checks, the loader.
    assert first["extensions"]["cypherQueries"] == 4
    assert other["extensions"]["cypherQueries"] == 3
    top = first["data"]["unmetNeeds"][0]["capability"]["id"]
    forces = seeded.data(
        "{ forces(filter: {kind: TERRITORIAL}, first: 100) { edges { node { id } } } }"
    )
    for edge in forces["forces"]["edges"]:
        seeded.data(assess, {"f": edge["node"]["id"], "c": top, "m": 5}, token=EDITOR_TOKEN)
    after = seeded.data(query)["unmetNeeds"][0]["capability"]["id"]
    assert after != top, "a capability every force now meets cannot stay the top unmet need"
