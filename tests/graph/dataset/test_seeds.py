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
from graph.model import ForceKind, Stage
from graph.model.kinds import (
    ASSESSMENTS,
    CAPABILITIES,
    CRIME_NEEDS,
    CRIME_TYPES,
    DEPENDENCIES,
    FORCE_SUPPLIERS,
    FORCES,
    OFFERINGS,
    PILOTS,
    SOURCES,
    SUPPLIERS,
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
        assert force.rocu == (row["rocu"] or None)


def test_non_territorial_bodies_are_present_with_their_kinds(seed: Dataset) -> None:
    kinds = {f.id: f.kind for f in seed.records(FORCES) if f.kind != ForceKind.TERRITORIAL}
    assert kinds == {
        "national-crime-agency": "NATIONAL",
        "police-scotland": "NATIONAL",
        "northern-ireland": "NATIONAL",
        "british-transport-police": "SPECIAL",
    }


def test_capabilities_cover_every_stage(seed: Dataset) -> None:
    stages = Counter(c.stage for c in seed.records(CAPABILITIES))
    assert len(seed.records(CAPABILITIES)) >= 36
    assert all(stages[stage] >= 10 for stage in Stage)


def test_dependencies_cross_stages_without_cycles(seed: Dataset) -> None:
    stage = {c.id: c.stage for c in seed.records(CAPABILITIES)}
    crossing = [d for d in seed.records(DEPENDENCIES) if stage[d.capability] != stage[d.depends_on]]
    assert len(seed.records(DEPENDENCIES)) >= 80
    assert 3 * len(crossing) >= len(seed.records(DEPENDENCIES))
    assert all(d.reason for d in seed.records(DEPENDENCIES))
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


def test_sourced_volumes_sum_to_the_ons_totals(seed: Dataset) -> None:
    # CSEW, year ending March 2022 (ONS): fraud 4.5m, computer misuse 1.6m.
    # How each total splits between crime types is illustrative.
    fraud = (
        "bank-credit-fraud",
        "consumer-retail-fraud",
        "advance-fee-fraud",
        "romance-fraud",
        "investment-fraud",
    )
    volumes = {c.id: c.annual_volume for c in seed.records(CRIME_TYPES)}
    assert sum(volumes[c] or 0 for c in fraud) == 4_500_000
    misuse = [c.id for c in seed.records(CRIME_TYPES) if c.category == "CYBER_DEPENDENT"]
    assert sum(volumes[c] or 0 for c in misuse) == 1_600_000


def test_suppliers_are_illustrative_and_offer_something(seed: Dataset) -> None:
    assert len(seed.records(SUPPLIERS)) >= 25
    offering = {o.supplier for o in seed.records(OFFERINGS)}
    for supplier in seed.records(SUPPLIERS):
        assert supplier.illustrative
        assert supplier.id in offering


def test_every_territorial_force_is_assessed_on_every_capability(seed: Dataset) -> None:
    pairs = {(a.force, a.capability) for a in seed.records(ASSESSMENTS)}
    for force in (f for f in seed.records(FORCES) if f.kind == ForceKind.TERRITORIAL):
        for capability in seed.records(CAPABILITIES):
            assert (force.id, capability.id) in pairs
    assert all(a.illustrative for a in seed.records(ASSESSMENTS))


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
    assessments = derive_assessments(seed)
    assert sorted(a.key for a in assessments) == sorted(a.key for a in seed.records(ASSESSMENTS))
    assert {a.key: a for a in assessments} == {a.key: a for a in seed.records(ASSESSMENTS)}
    uses = derive_force_suppliers(seed, assessments)
    assert sorted(u.key for u in uses) == sorted(u.key for u in seed.records(FORCE_SUPPLIERS))


def test_rule_makes_forces_differ_but_lead_forces_lead(seed: Dataset) -> None:
    maturity = {(a.force, a.capability): a.maturity for a in seed.records(ASSESSMENTS)}
    profiles = {
        tuple(maturity[(f.id, c.id)] for c in seed.records(CAPABILITIES))
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


def test_seed_files_are_the_documented_set() -> None:
    names = {p.name for p in Path(SEEDS).iterdir() if p.suffix in {".csv", ".yaml"}}
    assert names == {
        "sources.yaml",
        "metrics.yaml",
        "forces.csv",
        "capabilities.yaml",
        "dependencies.csv",
        "crime_types.yaml",
        "crime_needs.csv",
        "suppliers.yaml",
        "offerings.csv",
        "force_suppliers.csv",
        "assessments.csv",
        "pilots.yaml",
    }
