"""Supplier concentration and pilot comparison on small hand-worked graphs."""

from __future__ import annotations

import pytest

from graph.analysis.pilots import compare_pilots, improvement, rollout_candidates
from graph.analysis.suppliers import concentration
from graph.analysis.views import view
from tests.graph.analysis.graphs import chain_graph


def test_concentration() -> None:
    g = chain_graph()
    g.add_edge("acme", "osint", key="OFFERS", type="OFFERS", product="O")
    g.add_edge("kent", "acme", key="USES_SUPPLIER:osint", type="USES_SUPPLIER", capability="osint")
    result = concentration(view(g))
    assert result.unsupplied == ["case", "report", "triage"]
    assert result.single_supplier == [("osint", "acme")]
    # Kent buys osint and dems, both on fraud's chain, from acme alone; Essex uses two for dems.
    [tied] = result.single_supplier_chains
    assert (tied.force, tied.crime_type, tied.supplier, tied.capabilities) == (
        "kent",
        "fraud",
        "acme",
        ("dems", "osint"),
    )


def test_improvement_follows_the_metrics_direction() -> None:
    assert improvement(10, 5, higher_is_better=False) == 0.5
    assert improvement(10, 5, higher_is_better=True) == -0.5
    assert improvement(0, 5, higher_is_better=True) is None


def pilot_graph():  # type: ignore[no-untyped-def]
    g = chain_graph()
    g.add_node("days", label="Metric", name="Days", unit="days", higherIsBetter=False)
    g.add_node("happy", label="Metric", name="Satisfaction", unit="%", higherIsBetter=True)
    for pilot, status, cap, runner, results in [
        ("p1", "COMPLETED", "osint", "kent", {"days": (20, 10), "happy": (50, 60)}),  # +0.5, +0.2
        ("p2", "COMPLETED", "osint", "kent", {"days": (20, 18)}),  # +0.1
        ("p3", "STOPPED", "triage", "essex", {"happy": (50, 40)}),  # -0.2
        ("p4", "RUNNING", "dems", "essex", {"days": (10, 5)}),  # +0.5 but not completed
    ]:
        g.add_node(pilot, label="Pilot", name=pilot, status=status)
        g.add_edge(pilot, cap, key="TRIALS", type="TRIALS")
        g.add_edge(pilot, runner, key="RUN_BY", type="RUN_BY")
        for metric, (baseline, result) in results.items():
            g.add_edge(
                pilot, metric, key="MEASURED", type="MEASURED", baseline=baseline, result=result
            )
    return g


def test_pilots_ranked_direction_aware_and_rollout_targets_other_forces() -> None:
    kv = view(pilot_graph())
    results = {r.pilot: r for r in compare_pilots(kv)}
    assert results["p1"].mean_improvement == pytest.approx(0.35)
    assert results["p1"].successful
    assert not results["p3"].successful
    assert not results["p4"].successful, "a running pilot has not succeeded yet"
    assert [r.pilot for r in compare_pilots(kv)][:2] == ["p4", "p1"]
    candidates = rollout_candidates(kv)
    # osint's best successful pilot is p1 (run by Kent); Essex is below target on osint (1/4).
    assert [(c.force, c.capability, c.pilot, c.gap) for c in candidates] == [
        ("essex", "osint", "p1", 3)
    ]
