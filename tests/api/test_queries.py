"""Every root field over real HTTP against the seed graph: data, pagination, filters, sorts."""

from __future__ import annotations

import csv
from collections import Counter
from statistics import fmean

import pytest

from graph.config import PROJECT_ROOT
from graph.dataset import Dataset, read_dataset
from graph.model import Assessment
from graph.model.kinds import (
    ASSESSMENTS,
    CAPABILITIES,
    CRIME_NEEDS,
    DEPENDENCIES,
    FORCE_SUPPLIERS,
    FORCES,
    OFFERINGS,
    PILOTS,
)
from tests.api.conftest import Api

pytestmark = pytest.mark.neo4j

SEEDS = PROJECT_ROOT / "seeds"


@pytest.fixture(scope="module")
def seed() -> Dataset:
    return read_dataset(SEEDS)


def latest(seed: Dataset) -> list[Assessment]:
    """Each force's latest observation of each capability: its holding now."""
    found: dict[tuple[str, str], Assessment] = {}
    for a in sorted(seed.records(ASSESSMENTS), key=lambda a: a.assessed_on):
        found[(a.force, a.capability)] = a
    return list(found.values())


def test_force_by_id_with_its_capabilities_by_stage(seeded: Api, seed: Dataset) -> None:
    data = seeded.data(
        """{ force(id: "kent") { id name kind country region regionalUnit { shortName }
             sourceId illustrative
             source { title year }
             capabilities(stage: EVIDENCE) { capability { id stage } maturity target gap } } }"""
    )
    force = data["force"]
    assert (force["name"], force["kind"], force["region"], force["regionalUnit"]["shortName"]) == (
        "Kent Police",
        "TERRITORIAL",
        "South East",
        "ERSOU",
    )
    assert force["source"]["title"].startswith("data.police.uk")
    expected = {
        (a.capability, a.maturity, a.target, max(a.target - a.maturity, 0))
        for a in latest(seed)
        if a.force == "kent"
    }
    got = {
        (c["capability"]["id"], c["maturity"], c["target"], c["gap"]) for c in force["capabilities"]
    }
    own_evidence = {
        c.id for c in seed.records(CAPABILITIES) if c.stage == "EVIDENCE" and c.delivery == "FORCE"
    }
    assert got <= expected
    assert {c["capability"]["id"] for c in force["capabilities"]} == own_evidence
    assert {c["capability"]["stage"] for c in force["capabilities"]} == {"EVIDENCE"}


def test_unknown_id_gives_null_not_an_error(seeded: Api) -> None:
    result = seeded.query('{ force(id: "atlantis") { name } capability(id: "nope") { name } }')
    assert result["data"] == {"force": None, "capability": None}
    assert "errors" not in result


@pytest.mark.parametrize(
    ("field", "total"),
    [("forces", 49), ("capabilities", 51), ("suppliers", 26), ("crimeTypes", 23), ("pilots", 18)],
)
def test_paging_through_every_page_has_no_gaps_or_repeats(
    seeded: Api, field: str, total: int
) -> None:
    seen: list[str] = []
    names: list[str] = []
    after = None
    pages = 0
    while True:
        data = seeded.data(
            f"""query($after: String) {{ {field}(first: 7, after: $after) {{
                 totalCount edges {{ cursor node {{ id name }} }} pageInfo {{ hasNextPage endCursor }} }} }}""",
            {"after": after},
        )[field]
        assert data["totalCount"] == total
        seen += [edge["node"]["id"] for edge in data["edges"]]
        names += [edge["node"]["name"] for edge in data["edges"]]
        pages += 1
        if not data["pageInfo"]["hasNextPage"]:
            break
        assert data["pageInfo"]["endCursor"] == data["edges"][-1]["cursor"]
        after = data["pageInfo"]["endCursor"]
    assert len(seen) == total == len(set(seen))
    assert names == sorted(names)
    assert pages == -(-total // 7)


def test_descending_and_other_sorts_page_consistently(seeded: Api) -> None:
    def all_pages(sort: str) -> list[dict[str, str]]:
        rows: list[dict[str, str]] = []
        after = None
        while True:
            page = seeded.data(
                """query($after: String, $sort: ForceSort!) { forces(first: 10, after: $after, sort: $sort) {
                     edges { node { id name region } } pageInfo { hasNextPage endCursor } } }""",
                {"after": after, "sort": sort},
            )["forces"]
            rows += [edge["node"] for edge in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                return rows
            after = page["pageInfo"]["endCursor"]

    descending = all_pages("NAME_DESC")
    assert [r["name"] for r in descending] == sorted((r["name"] for r in descending), reverse=True)
    by_region = all_pages("REGION_ASC")
    assert [(r["region"], r["id"]) for r in by_region] == sorted(
        (r["region"], r["id"]) for r in by_region
    )
    assert len({r["id"] for r in by_region}) == 49


def test_paging_backward_gives_the_same_rows_as_forward_in_the_same_order(seeded: Api) -> None:
    page = """query($last: Int, $before: String, $sort: ForceSort!) {
      forces(last: $last, before: $before, sort: $sort) {
        edges { cursor node { id } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""
    forward = seeded.data("{ forces(first: 100, sort: REGION_ASC) { edges { node { id } } } }")[
        "forces"
    ]["edges"]
    everything = [edge["node"]["id"] for edge in forward]
    rows: list[str] = []
    before = None
    while True:
        data = seeded.data(page, {"last": 8, "before": before, "sort": "REGION_ASC"})["forces"]
        info = data["pageInfo"]
        assert info["hasNextPage"] == (before is not None)
        assert info["startCursor"] == data["edges"][0]["cursor"]
        assert info["endCursor"] == data["edges"][-1]["cursor"]
        rows = [edge["node"]["id"] for edge in data["edges"]] + rows
        if not info["hasPreviousPage"]:
            break
        before = info["startCursor"]
    assert rows == everything
    assert len(everything) == 49


def test_forward_pages_say_whether_rows_lie_before_them(seeded: Api) -> None:
    query = """query($after: String) { forces(first: 10, after: $after) {
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""
    first = seeded.data(query)["forces"]["pageInfo"]
    assert first["hasNextPage"]
    assert not first["hasPreviousPage"]
    second = seeded.data(query, {"after": first["endCursor"]})["forces"]["pageInfo"]
    assert second["hasPreviousPage"]
    assert second["startCursor"] != first["startCursor"]


def test_mixing_forward_and_backward_paging_is_refused(seeded: Api) -> None:
    result = seeded.query("{ forces(first: 5, last: 5) { totalCount } }")
    [error] = result["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["argument"] == "last"
    cursor = seeded.data("{ capabilities(first: 1) { pageInfo { endCursor } } }")
    wrong = seeded.query(
        "query($c: String) { forces(last: 2, before: $c) { totalCount } }",
        {"c": cursor["capabilities"]["pageInfo"]["endCursor"]},
    )
    assert wrong["errors"][0]["extensions"]["argument"] == "before"


def test_holdings_sort_worst_first_and_by_maturity(seeded: Api, seed: Dataset) -> None:
    query = """query($sort: HoldingSort!) { capability(id: "mobile-device-extraction") {
      holdings(sort: $sort, first: 500) { force { id name } maturity target gap } } }"""
    worst = seeded.data(query, {"sort": "GAP_DESC"})["capability"]["holdings"]
    held = [a for a in latest(seed) if a.capability == "mobile-device-extraction"]
    assert len(worst) == len(held)
    expected = sorted((-max(a.target - a.maturity, 0), a.maturity) for a in held)
    assert [(-h["gap"], h["maturity"]) for h in worst] == expected
    by_maturity = seeded.data(query, {"sort": "MATURITY_DESC"})["capability"]["holdings"]
    assert [h["maturity"] for h in by_maturity] == sorted((a.maturity for a in held), reverse=True)
    by_name = seeded.data(query, {"sort": "NAME_ASC"})["capability"]["holdings"]
    names = [h["force"]["name"] for h in by_name]
    assert names == sorted(names, key=str.casefold)
    three = seeded.data(
        """{ capability(id: "mobile-device-extraction") {
          holdings(sort: GAP_DESC, first: 3) { gap maturity } } }"""
    )["capability"]["holdings"]
    assert [(-h["gap"], h["maturity"]) for h in three] == expected[:3]


def test_nested_lists_of_named_records_sort_by_name(seeded: Api) -> None:
    data = seeded.data(
        """{ capability(id: "digital-evidence-management") {
          up: suppliers(sort: NAME_ASC) { name } down: suppliers(sort: NAME_DESC) { name } } }"""
    )["capability"]
    up = [s["name"] for s in data["up"]]
    assert len(up) > 1
    assert up == sorted(up, key=str.casefold)
    assert [s["name"] for s in data["down"]] == up[::-1]


def test_force_filters(seeded: Api) -> None:
    def ids(filter_text: str) -> set[str]:
        data = seeded.data(
            f"{{ forces(filter: {filter_text}, first: 100) {{ totalCount edges {{ node {{ id }} }} }} }}"
        )
        found = {edge["node"]["id"] for edge in data["forces"]["edges"]}
        assert data["forces"]["totalCount"] == len(found)
        return found

    with (PROJECT_ROOT / "tests" / "data" / "reference_forces.csv").open() as handle:
        south_east = {row["id"] for row in csv.DictReader(handle) if row["region"] == "South East"}
    assert len(ids("{kind: TERRITORIAL}")) == 43
    assert ids("{kind: SPECIAL}") == {"british-transport-police"}
    assert ids('{region: "south east"}') == south_east
    assert ids('{nameContains: "YORK"}') == {"north-yorkshire", "south-yorkshire", "west-yorkshire"}
    assert ids('{kind: TERRITORIAL, region: "Wales", nameContains: "south"}') == {"south-wales"}


def test_capability_supplier_crime_type_and_pilot_filters(seeded: Api, seed: Dataset) -> None:
    data = seeded.data(
        """{
          evidence: capabilities(filter: {stage: EVIDENCE}, first: 100) { totalCount }
          ransomware: capabilities(filter: {crimeTypeId: "ransomware"}, first: 100) { edges { node { id } } }
          named: capabilities(filter: {nameContains: "forensic"}, first: 100) { edges { node { id } } }
          extraction: suppliers(filter: {offersCapabilityId: "mobile-device-extraction"}) { edges { node { id } } }
          cyber: crimeTypes(filter: {category: CYBER_DEPENDENT}) { totalCount }
          completed: pilots(filter: {status: COMPLETED}) { totalCount }
          kent: pilots(filter: {forceId: "kent"}) { edges { node { id } } }
          kiosks: pilots(filter: {capabilityId: "frontline-forensic-kiosks", supplierId: "illustrative-r-mobile-labs"}) { edges { node { id } } }
        }"""
    )
    assert data["evidence"]["totalCount"] == sum(
        c.stage == "EVIDENCE" for c in seed.records(CAPABILITIES)
    )
    assert {e["node"]["id"] for e in data["ransomware"]["edges"]} == {
        n.capability for n in seed.records(CRIME_NEEDS) if n.crime_type == "ransomware"
    }
    assert {e["node"]["id"] for e in data["named"]["edges"]} == {
        "computer-forensics",
        "frontline-forensic-kiosks",
        "regional-eforensics",
        "forensic-accreditation",
    }
    assert {e["node"]["id"] for e in data["extraction"]["edges"]} == {
        o.supplier for o in seed.records(OFFERINGS) if o.capability == "mobile-device-extraction"
    }
    assert data["cyber"]["totalCount"] == 9
    assert data["completed"]["totalCount"] == sum(
        p.status == "COMPLETED" for p in seed.records(PILOTS)
    )
    assert {e["node"]["id"] for e in data["kent"]["edges"]} == {
        p.id for p in seed.records(PILOTS) if "kent" in p.forces
    }
    assert {e["node"]["id"] for e in data["kiosks"]["edges"]} == {"soteria-kiosk-rollout"}


def test_traversal_both_ways(seeded: Api, seed: Dataset) -> None:
    data = seeded.data(
        """{ capability(id: "digital-evidence-management") {
               dependents { id } dependsOn { id } suppliers { id } crimeTypes { id } pilots { id }
               holdings(belowTarget: true) { force { id } gap }
             }
             supplier(id: "illustrative-b-evidence-cloud") { offers { id } offerings { product } pilots { id } forces { id } }
             crimeType(id: "ransomware") { capabilities(stage: INVESTIGATION) { id } }
             pilot(id: "soteria-kiosk-rollout") { forces { id } capabilities { id } supplier { id }
               crimeTypes { id } benefits { metric unit baseline result improved relativeImprovement } } }"""
    )
    dems = data["capability"]
    assert {c["id"] for c in dems["dependents"]} == {
        d.capability
        for d in seed.records(DEPENDENCIES)
        if d.depends_on == "digital-evidence-management"
    }
    assert dems["dependsOn"] == []
    assert all(h["gap"] > 0 for h in dems["holdings"])
    assert len(dems["holdings"]) == sum(
        a.capability == "digital-evidence-management" and a.maturity < a.target
        for a in latest(seed)
    )
    assert {s["id"] for s in dems["suppliers"]} == {
        "illustrative-b-evidence-cloud",
        "illustrative-o-evidence-portal",
    }
    beacon = data["supplier"]
    assert {c["id"] for c in beacon["offers"]} == {
        "digital-evidence-management",
        "digital-evidence-transfer",
    }
    assert {f["id"] for f in beacon["forces"]} == {
        u.force
        for u in seed.records(FORCE_SUPPLIERS)
        if u.supplier == "illustrative-b-evidence-cloud"
    }
    pilot = data["pilot"]
    assert pilot["supplier"] == {"id": "illustrative-r-mobile-labs"}
    days = next(b for b in pilot["benefits"] if b["metric"] == "days-to-first-examination")
    # Fewer days is better: 62 -> 9 is an improvement of (62 - 9) / 62.
    assert days["improved"] is True
    assert days["relativeImprovement"] == pytest.approx((62 - 9) / 62, rel=1e-6)


def test_aggregations_match_the_seed_data(seeded: Api, seed: Dataset) -> None:
    data = seeded.data(
        """{ capability(id: "mobile-device-extraction") { holdingStats {
               forcesAssessed forcesHolding forcesBelowTarget meanMaturity minMaturity maxMaturity totalGap } }
             force(id: "kent") { stageSummary { stage capabilities meanMaturity belowTarget totalGap } }
             regions { region forces territorialForces assessments meanMaturity totalGap } }"""
    )
    levels = [a for a in latest(seed) if a.capability == "mobile-device-extraction"]
    stats = data["capability"]["holdingStats"]
    assert stats["forcesAssessed"] == len(levels)
    assert stats["forcesHolding"] == sum(a.maturity >= 1 for a in levels)
    assert stats["forcesBelowTarget"] == sum(a.gap > 0 for a in levels)
    assert stats["meanMaturity"] == pytest.approx(fmean(a.maturity for a in levels), abs=1e-3)
    assert (stats["minMaturity"], stats["maxMaturity"]) == (
        min(a.maturity for a in levels),
        max(a.maturity for a in levels),
    )
    assert stats["totalGap"] == sum(a.gap for a in levels)
    stage_of = {c.id: c.stage for c in seed.records(CAPABILITIES)}
    kent = {s["stage"]: s for s in data["force"]["stageSummary"]}
    for stage in ("PUBLIC_CONTACT", "INVESTIGATION", "EVIDENCE"):
        mine = [a for a in latest(seed) if a.force == "kent" and stage_of[a.capability] == stage]
        assert kent[stage]["capabilities"] == len(mine)
        assert kent[stage]["totalGap"] == sum(a.gap for a in mine)
    regions = {r["region"]: r for r in data["regions"]}
    forces_per_region = Counter(f.region for f in seed.records(FORCES))
    assert {name: r["forces"] for name, r in regions.items()} == dict(forces_per_region)
    assert regions["South East"]["territorialForces"] == 5


def test_search_finds_words_across_kinds(seeded: Api) -> None:
    hits = seeded.data(
        """{ search(text: "crypto") { kind score node { ... on Capability { id } ... on Pilot { id }
             ... on CrimeType { id } ... on Force { id } ... on Supplier { id } } } }"""
    )["search"]
    found = {(h["kind"], h["node"]["id"]) for h in hits}
    assert ("Capability", "cryptocurrency-tracing") in found
    assert ("Pilot", "regional-crypto-cell") in found
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    both = seeded.data(
        '{ search(text: "mobile labs") { node { ... on Pilot { id } ... on Capability { id } } } }'
    )
    assert {h["node"].get("id") for h in both["search"]} >= {
        "soteria-kiosk-rollout",
        "frontline-forensic-kiosks",
    }
    assert seeded.data('{ search(text: "a:b (c OR \\"d") { kind } }')["search"] == []


def test_unmet_needs_sorted_with_explanations(seeded: Api) -> None:
    needs = seeded.data(
        """{ unmetNeeds(first: 10) { capability { id } score forcesBelowTarget totalGap supplierCount explanation } }"""
    )["unmetNeeds"]
    assert len(needs) == 10
    assert [n["score"] for n in needs] == sorted((n["score"] for n in needs), reverse=True)
    assert all(
        n["explanation"].endswith(".") and str(n["totalGap"]) in n["explanation"] for n in needs
    )
    evidence = seeded.data(
        '{ unmetNeeds(filter: {stage: EVIDENCE, region: "Wales"}) { capability { stage } } }'
    )
    assert {n["capability"]["stage"] for n in evidence["unmetNeeds"]} == {"EVIDENCE"}


def test_name_filters_on_suppliers_and_crime_types(seeded: Api) -> None:
    data = seeded.data(
        """{ suppliers(filter: {nameContains: "FORENSIC"}) { edges { node { id } } }
             crimeTypes(filter: {nameContains: "fraud", category: CYBER_ENABLED}) { totalCount }
             pilots(filter: {supplierId: "illustrative-j-contact-centre", status: STOPPED}) { edges { node { id } } } }"""
    )
    assert {e["node"]["id"] for e in data["suppliers"]["edges"]} == {
        "illustrative-a-forensic-systems",
        "illustrative-e-digital-forensics",
        "illustrative-m-network-forensics",
        "illustrative-y-cloud-forensics",
    }
    assert data["crimeTypes"]["totalCount"] == 5
    assert [e["node"]["id"] for e in data["pilots"]["edges"]] == ["ai-contact-triage"]
