"""Unmet needs on graphs small enough to score by hand."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.analysis.unmet_needs import unmet_needs


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
    g.add_node("fraud", label="CrimeType", name="Fraud", annualVolume=999)
    g.add_node("stalking", label="CrimeType", name="Stalking", annualVolume=9)
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
