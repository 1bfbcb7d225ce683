"""Unmet needs on graphs small enough to score by hand."""

from __future__ import annotations

import datetime as dt
import math

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.analysis.unmet_needs import unmet_needs
from tests.graph.analysis.graphs import assess, crime_type, volume_figure


def small_graph() -> nx.MultiDiGraph:
    """Two capabilities, two forces in two regions, two crime types, one supplier.

    osint: kent 1/4 (gap 3), gwent 2/3 (gap 1); needed by fraud (999) and stalking (9); no supplier.
    dems:  kent 3/4 (gap 1), gwent 4/4 (gap 0); needed by fraud (999); one supplier.
    """
    g = nx.MultiDiGraph()
    g.add_node("osint", label="Capability", name="OSINT", stage="INVESTIGATION")
    g.add_node("dems", label="Capability", name="DEMS", stage="EVIDENCE")
    g.add_node("kent", label="Force", name="Kent", region="South East")
    g.add_node("gwent", label="Force", name="Gwent", region="Wales")
    crime_type(g, "fraud", 999)
    crime_type(g, "stalking", 9)
    g.add_node("acme", label="Supplier", name="Acme")
    g.add_edge("kent", "osint", key="HAS_CAPABILITY", maturity=1, target=4)
    g.add_edge("gwent", "osint", key="HAS_CAPABILITY", maturity=2, target=3)
    g.add_edge("kent", "dems", key="HAS_CAPABILITY", maturity=3, target=4)
    g.add_edge("gwent", "dems", key="HAS_CAPABILITY", maturity=4, target=4)
    g.add_edge("fraud", "osint", key="NEEDS")
    g.add_edge("stalking", "osint", key="NEEDS")
    g.add_edge("fraud", "dems", key="NEEDS")
    g.add_edge("acme", "dems", key="OFFERS")
    return g


def test_scores_worked_by_hand() -> None:
    needs = unmet_needs(small_graph())
    # osint: gap 3 + 1 = 4, demand 999 + 9 = 1008, no supplier: 4 * log10(1009) / 1.
    # dems:  gap 1, demand 999, one supplier: 1 * log10(1000) / 2 = 1.5.
    assert [n.capability for n in needs] == ["osint", "dems"]
    assert needs[0].score == pytest.approx(4 * math.log10(1009), abs=1e-6)
    assert (needs[0].forces_below_target, needs[0].total_gap, needs[0].supplier_count) == (2, 4, 0)
    assert needs[1].score == pytest.approx(1.5)
    assert needs[0].explanation == (
        "2 of 2 forces are below target on OSINT (total gap 4); it is needed against Fraud, "
        "Stalking, about 1,008 offences a year; no supplier offers it."
    )


def test_filters_by_stage_region_and_crime_type() -> None:
    g = small_graph()
    assert [n.capability for n in unmet_needs(g, stage="EVIDENCE")] == ["dems"]
    wales = unmet_needs(g, region="wales")
    assert [(n.capability, n.total_gap) for n in wales] == [("osint", 1)]
    stalking = unmet_needs(g, crime_type="stalking")
    assert [(n.capability, n.demand) for n in stalking] == [("osint", 9)]


def test_empty_graph_and_capability_nobody_needs() -> None:
    assert unmet_needs(nx.MultiDiGraph()) == []
    g = nx.MultiDiGraph()
    g.add_node("c", label="Capability", name="C", stage="EVIDENCE")
    g.add_node("f", label="Force", name="F", region="R")
    g.add_edge("f", "c", key="HAS_CAPABILITY", maturity=0, target=5)
    [need] = unmet_needs(g)
    assert need.score == 0
    assert "no recorded crime type needs it" in need.explanation


@given(st.integers(0, 5), st.integers(0, 5), st.integers(1, 5))
def test_raising_a_maturity_never_raises_a_score(maturity: int, target: int, raise_by: int) -> None:
    g = small_graph()
    g.edges["kent", "osint", "HAS_CAPABILITY"].update(maturity=maturity, target=target)
    before = {n.capability: n.score for n in unmet_needs(g)}
    g.edges["kent", "osint", "HAS_CAPABILITY"]["maturity"] = min(maturity + raise_by, 5)
    after = {n.capability: n.score for n in unmet_needs(g)}
    for capability, score in after.items():
        assert score <= before.get(capability, 0) + 1e-9


def delivery_graph() -> nx.MultiDiGraph:
    """Kent and Essex served by unit ersou; the Met served by none.

    dems (FORCE, PRODUCT): kent 1/4 then (2026-06-01) 3/4; essex 2/4; met 4/4.
    rccu (REGIONAL, POLICE_FUNCTION): ersou 1/4; met 2/4 (outside the unit network).
    ncu (NATIONAL by nca, POLICE_FUNCTION): nca 3/5.
    old (FORCE, PRODUCT, retired 2025-12-04): kent 0/5.
    Fraud needs all four; 1,000 by survey estimate in 2025, 300 police-recorded in 2025.
    """
    g = nx.MultiDiGraph()
    for node, delivery, market, extra in [
        ("dems", "FORCE", "PRODUCT", {}),
        ("rccu", "REGIONAL", "POLICE_FUNCTION", {}),
        ("ncu", "NATIONAL", "POLICE_FUNCTION", {"deliveredBy": "nca"}),
        ("old", "FORCE", "PRODUCT", {"retiredOn": dt.date(2025, 12, 4)}),
    ]:
        g.add_node(
            node,
            label="Capability",
            name=node,
            stage="EVIDENCE",
            delivery=delivery,
            market=market,
            **extra,
        )
    for f, region in [("kent", "South East"), ("essex", "East"), ("met", "London")]:
        g.add_node(f, label="Force", name=f, region=region, forceKind="TERRITORIAL")
    g.add_node("nca", label="Force", name="NCA", region="National", forceKind="NATIONAL")
    g.add_node("ersou", label="RegionalUnit", name="ERSOU")
    g.add_edge("ersou", "kent", key="SERVES", type="SERVES")
    g.add_edge("ersou", "essex", key="SERVES", type="SERVES")
    early, late = dt.date(2026, 1, 15), dt.date(2026, 6, 1)
    assess(g, "kent", "dems", 1, on=early, illustrative=True)
    assess(g, "kent", "dems", 3, on=late)
    assess(g, "essex", "dems", 2, on=early, illustrative=True)
    assess(g, "met", "dems", 4, on=early)
    assess(g, "ersou", "rccu", 1, on=early, rel_type="UNIT_HAS_CAPABILITY")
    assess(g, "met", "rccu", 2, on=early)
    assess(g, "nca", "ncu", 3, target=5, on=early)
    assess(g, "kent", "old", 0, target=5, on=dt.date(2025, 6, 1))
    crime_type(g, "fraud", 1000, "SURVEY_ESTIMATE", 2025)
    volume_figure(g, "fraud", 300, "POLICE_RECORDED", 2025)
    for c in ("dems", "rccu", "ncu", "old"):
        g.add_edge("fraud", c, key="NEEDS", type="NEEDS")
    return g


def test_firm_needs_and_organisational_gaps_are_ranked_apart() -> None:
    g = delivery_graph()
    # dems: kent 3/4 (gap 1), essex 2/4 (gap 2), met 4/4: total 3, 2 of 3 below target.
    assert [(n.capability, n.total_gap, n.forces_below_target) for n in unmet_needs(g)] == [
        ("dems", 3, 2)
    ]
    # rccu: the unit once (gap 3) and the Met (gap 2); ncu: the NCA (gap 2). "old" retired.
    gaps = unmet_needs(g, organisational=True)
    assert [(n.capability, n.total_gap, n.forces_assessed) for n in gaps] == [
        ("rccu", 5, 2),
        ("ncu", 2, 1),
    ]
    assert "regional units" in gaps[0].explanation


def test_holdings_are_read_as_of_a_day() -> None:
    earlier = unmet_needs(delivery_graph(), as_of=dt.date(2026, 3, 1))
    # Before 1 June Kent was at 1/4: gap 3 + Essex 2 = 5.
    assert [(n.capability, n.total_gap) for n in earlier] == [("dems", 5)]


def test_measures_are_never_added_and_the_basis_says_which() -> None:
    g = delivery_graph()
    survey = unmet_needs(g, measure="SURVEY_ESTIMATE")[0]
    recorded = unmet_needs(g, measure="POLICE_RECORDED")[0]
    best = unmet_needs(g)[0]
    assert (survey.demand, recorded.demand, best.demand) == (1000, 300, 1000)
    assert survey.score == pytest.approx(3 * math.log10(1001))
    assert "crime weighted by survey estimates only" in survey.basis.describe()
    # No force has its own count, so the best measure is the national survey estimate.
    assert "best measure: survey estimates for 1 crime type" in best.basis.describe()


def test_real_only_leaves_illustrative_holdings_out_and_says_so() -> None:
    g = delivery_graph()
    every = unmet_needs(g)[0]
    assert (every.basis.kinds[0].records, every.basis.kinds[0].illustrative) == (3, 1)
    assert "1 of 3 assessments are illustrative" in every.explanation
    real = unmet_needs(g, include_illustrative=False)
    # Kent's latest (3/4) is real; Essex's only observation is illustrative and goes.
    assert [(n.capability, n.total_gap, n.forces_assessed) for n in real] == [("dems", 1, 2)]
    assert real[0].basis.excluded == 2
