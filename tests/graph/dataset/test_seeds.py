"""The seed knowledge graph in seeds/: complete, sourced, and as the issue asks."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from graph.config import PROJECT_ROOT
from graph.dataset import Dataset, read_dataset
from graph.dataset.references import dependency_cycles
from graph.dataset.seeding import LEADS, derive_assessments, derive_force_suppliers
from graph.model import Delivery, ForceKind, Stage
from graph.model.kinds import (
    ASSESSMENTS,
    CAPABILITIES,
    CRIME_NEEDS,
    CRIME_TYPES,
    CRIME_VOLUMES,
    DEPENDENCIES,
    FORCE_SUPPLIERS,
    FORCES,
    OFFERINGS,
    PILOTS,
    REGIONAL_UNITS,
    SOURCES,
    SUPPLIERS,
    UNIT_ASSESSMENTS,
)

SEEDS = PROJECT_ROOT / "seeds"
REFERENCE = PROJECT_ROOT / "tests" / "data" / "reference_forces.csv"


@pytest.fixture(scope="module")
def seed() -> Dataset:
    return read_dataset(SEEDS)


def _reference_forces() -> list[dict[str, str]]:
    with REFERENCE.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_territorial_forces_are_exactly_the_43_of_reference(seed: Dataset) -> None:
    reference = {row["id"]: row for row in _reference_forces()}
    territorial = {f.id: f for f in seed.records(FORCES) if f.kind == ForceKind.TERRITORIAL}
    assert len(reference) == 43
    assert set(territorial) == set(reference)
    for force_id, row in reference.items():
        force = territorial[force_id]
        assert (force.name, force.region, force.country) == (
            row["name"],
            row["region"],
            row["country"],
        )
    units = {f: u.short_name for u in seed.records(REGIONAL_UNITS) for f in u.forces}
    assert units == {row["id"]: row["rocu"] for row in _reference_forces() if row["rocu"]}


def test_non_territorial_bodies_are_present_with_their_kinds(seed: Dataset) -> None:
    kinds = {f.id: f.kind for f in seed.records(FORCES) if f.kind != ForceKind.TERRITORIAL}
    assert kinds == {
        "national-crime-agency": "NATIONAL",
        "police-scotland": "NATIONAL",
        "northern-ireland": "NATIONAL",
        "british-transport-police": "SPECIAL",
        "home-office": "NATIONAL",
        "office-for-communications-data-authorisations": "NATIONAL",
    }


def test_capabilities_cover_every_stage(seed: Dataset) -> None:
    stages = Counter(c.stage for c in seed.records(CAPABILITIES))
    assert len(seed.records(CAPABILITIES)) >= 36
    assert all(stages[stage] >= 10 for stage in Stage)


def test_dependencies_cross_stages_without_cycles(seed: Dataset) -> None:
    stage = {c.id: c.stage for c in seed.records(CAPABILITIES)}
    crossing = [d for d in seed.records(DEPENDENCIES) if stage[d.capability] != stage[d.depends_on]]
    assert len(seed.records(DEPENDENCIES)) >= 80
    assert 10 * len(crossing) >= 3 * len(seed.records(DEPENDENCIES))
    assert all(d.reason for d in seed.records(DEPENDENCIES))
    assert {d.strength for d in seed.records(DEPENDENCIES)} == {"HARD", "SOFT"}
    assert dependency_cycles(seed) == []


def test_crime_types_need_capabilities_at_every_stage(seed: Dataset) -> None:
    stage = {c.id: c.stage for c in seed.records(CAPABILITIES)}
    assert len(seed.records(CRIME_TYPES)) >= 20
    assert {c.category for c in seed.records(CRIME_TYPES)} == {
        "CYBER_DEPENDENT",
        "CYBER_ENABLED",
        "DIGITAL_ELEMENT",
    }
    for crime in seed.records(CRIME_TYPES):
        needed = {
            stage[n.capability] for n in seed.records(CRIME_NEEDS) if n.crime_type == crime.id
        }
        assert needed == set(Stage), crime.id


def test_sourced_volumes_sum_to_the_ons_totals_one_measure_at_a_time(seed: Dataset) -> None:
    # CSEW (ONS): fraud 4.5m and computer misuse 1.6m in the year ending March 2022, fraud
    # 4.16m in the year ending March 2025. How each total splits between crime types is
    # illustrative, and says so.
    totals: Counter[tuple[str, str, int]] = Counter()
    category = {c.id: c.category for c in seed.records(CRIME_TYPES)}
    for v in seed.records(CRIME_VOLUMES):
        group = "fraud" if v.crime_type.endswith("fraud") else category[v.crime_type]
        totals[(v.measure, group, v.year)] += v.value
    assert totals[("SURVEY_ESTIMATE", "fraud", 2022)] == 4_500_000
    assert totals[("SURVEY_ESTIMATE", "fraud", 2025)] == 4_160_000
    assert totals[("SURVEY_ESTIMATE", "CYBER_DEPENDENT", 2022)] == 1_600_000
    # The survey covers households: attacks on organisations have no survey estimate.
    organisations = {
        "hacking-server",
        "hacking-pbx",
        "denial-of-service",
        "dos-extortion",
        "ransomware",
    }
    surveyed = {v.crime_type for v in seed.records(CRIME_VOLUMES) if v.measure == "SURVEY_ESTIMATE"}
    assert not organisations & surveyed
    assert all(v.illustrative for v in seed.records(CRIME_VOLUMES) if v.crime_type in organisations)


def test_suppliers_are_illustrative_and_offer_something(seed: Dataset) -> None:
    assert len(seed.records(SUPPLIERS)) >= 25
    offering = {o.supplier for o in seed.records(OFFERINGS)}
    for supplier in seed.records(SUPPLIERS):
        assert supplier.illustrative
        assert supplier.name.startswith("Illustrative Supplier "), supplier.name
        assert supplier.id in offering


def test_each_capability_is_assessed_on_the_body_that_delivers_it(seed: Dataset) -> None:
    pairs = {(a.force, a.capability) for a in seed.records(ASSESSMENTS)}
    unit_pairs = {(a.unit, a.capability) for a in seed.records(UNIT_ASSESSMENTS)}
    served = {f for u in seed.records(REGIONAL_UNITS) for f in u.forces}
    territorial = [f.id for f in seed.records(FORCES) if f.kind == ForceKind.TERRITORIAL]
    for capability in seed.records(CAPABILITIES):
        holders = {f for f, c in pairs if c == capability.id}
        if capability.delivery == Delivery.NATIONAL:
            assert holders == {capability.delivered_by}, capability.id
        elif capability.delivery == Delivery.REGIONAL:
            assert holders & set(territorial) == {"metropolitan", "city-of-london"}
            assert {u for u, c in unit_pairs if c == capability.id} == {
                u.id for u in seed.records(REGIONAL_UNITS)
            }
        else:
            assert set(territorial) <= holders, capability.id
    assert {"metropolitan", "city-of-london"} == set(territorial) - served
    assert all(a.illustrative for a in seed.records(ASSESSMENTS) + seed.records(UNIT_ASSESSMENTS))


def test_pilots_span_forces_statuses_and_stages(seed: Dataset) -> None:
    stage = {c.id: c.stage for c in seed.records(CAPABILITIES)}
    assert len(seed.records(PILOTS)) >= 15
    assert {p.status for p in seed.records(PILOTS)} == {
        "PLANNED",
        "RUNNING",
        "COMPLETED",
        "STOPPED",
    }
    assert {stage[c] for p in seed.records(PILOTS) for c in p.capabilities} == set(Stage)
    assert len({f for p in seed.records(PILOTS) for f in p.forces}) >= 20
    measured = [p for p in seed.records(PILOTS) if p.status == "COMPLETED"]
    assert all(p.benefits for p in measured)


def test_derived_files_match_the_documented_rule(seed: Dataset) -> None:
    # seeds/assessments.csv and force_suppliers.csv are written by `diikg seeds derive`.
    assessments, units = derive_assessments(seed)
    assert sorted(a.key for a in assessments) == sorted(a.key for a in seed.records(ASSESSMENTS))
    assert {a.key: a for a in assessments} == {a.key: a for a in seed.records(ASSESSMENTS)}
    assert {a.key: a for a in units} == {a.key: a for a in seed.records(UNIT_ASSESSMENTS)}
    uses = derive_force_suppliers(seed, assessments)
    assert sorted(u.key for u in uses) == sorted(u.key for u in seed.records(FORCE_SUPPLIERS))


def test_rule_makes_forces_differ_but_lead_forces_lead(seed: Dataset) -> None:
    maturity = {
        (a.force, a.capability): a.maturity
        for a in sorted(seed.records(ASSESSMENTS), key=lambda a: a.assessed_on)
    }
    own = [c for c in seed.records(CAPABILITIES) if c.delivery == Delivery.FORCE]
    profiles = {
        tuple(maturity[(f.id, c.id)] for c in own)
        for f in seed.records(FORCES)
        if f.kind == ForceKind.TERRITORIAL
    }
    assert len(profiles) == 43, "no two territorial forces should have identical profiles"
    for force, leads in LEADS.items():
        for capability, (level, _) in leads.items():
            assert maturity[(force, capability)] == level


def test_every_source_is_described(seed: Dataset) -> None:
    for source in seed.records(SOURCES):
        assert source.title
        assert source.publisher
        assert 1900 < source.year <= 2026
    cited = {
        r.source for kind in (FORCES, CAPABILITIES, CRIME_TYPES, PILOTS) for r in seed.records(kind)
    }
    assert cited <= {s.id for s in seed.records(SOURCES)}
    assert all(
        s.publisher != "DII Knowledge Graph project" or s.id in _PROJECT_OWN
        for s in seed.records(SOURCES)
    )


_PROJECT_OWN = {"illustrative", "editor-input", "diikg-metric-definitions"}
"""The only sources the project itself publishes: made-up values, edits, metric definitions."""


def test_seed_files_are_the_documented_set() -> None:
    names = {p.name for p in Path(SEEDS).iterdir() if p.suffix in {".csv", ".yaml"}}
    assert names == {
        "sources.yaml",
        "metrics.yaml",
        "forces.csv",
        "regional_units.yaml",
        "capabilities.yaml",
        "dependencies.csv",
        "crime_types.yaml",
        "crime_volumes.csv",
        "crime_needs.csv",
        "suppliers.yaml",
        "offerings.csv",
        "force_suppliers.csv",
        "contracts.yaml",
        "unit_contracts.yaml",
        "workforce.csv",
        "assessments.csv",
        "unit_assessments.csv",
        "pilots.yaml",
    }
