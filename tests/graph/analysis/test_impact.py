"""What-if scenarios on the hand-worked graph, and the rule that removal never completes a chain."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.analysis.impact import Scenario, impact
from graph.analysis.interdependencies import chain_statuses
from graph.analysis.views import view
from graph.exceptions import InvalidArgumentError
from tests.graph.analysis.graphs import (
    assess,
    capability,
    chain_graph,
    crime_type,
    depends,
    force,
    volume_figure,
)

CAPABILITIES = ["report", "triage", "osint", "dems", "case"]


def test_removing_a_capability_takes_its_dependents_too() -> None:
    result = impact(view(chain_graph()), Scenario(capability="dems"), threshold=2)
    # osint and case depend on dems, so they go with it.
    assert result.capabilities == ["case", "dems", "osint"]
    # Only Kent's fraud chain was complete; it breaks. Fraud volume 100 nationally; Kent,
    # with no figure of its own, is credited an equal share: half, as one of two forces.
    assert result.chains_broken == 1
    assert result.crime_types == [("fraud", 100, 1)]
    assert result.forces == [("kent", 1, 50)]


def test_losing_a_sole_supplier_breaks_only_forces_without_another() -> None:
    result = impact(view(chain_graph()), Scenario(supplier="acme"), threshold=2)
    # Kent buys dems only from acme; Essex also from bolt, so Essex keeps it.
    assert result.forces == [("kent", 1, 50)]


def test_dropping_one_forces_maturity() -> None:
    kv = view(chain_graph())
    assert (
        impact(
            kv, Scenario(force="kent", capability="report", maturity=1), threshold=2
        ).chains_broken
        == 1
    )
    assert (
        impact(
            kv, Scenario(force="kent", capability="report", maturity=2), threshold=2
        ).chains_broken
        == 0
    )


def test_unknown_names_are_refused() -> None:
    kv = view(chain_graph())
    with pytest.raises(InvalidArgumentError, match="unknown capability 'teleport'"):
        impact(kv, Scenario(capability="teleport"))
    with pytest.raises(InvalidArgumentError, match="a scenario names"):
        impact(kv, Scenario())


@given(st.sampled_from(CAPABILITIES), st.integers(0, 2))
def test_removing_a_capability_never_makes_a_chain_more_complete(
    removed: str, threshold: int
) -> None:
    kv = view(chain_graph())
    before = {
        (s.force, s.crime_type): len(s.short) for s in chain_statuses(kv, threshold=threshold)
    }
    impact_result = impact(kv, Scenario(capability=removed), threshold=threshold)
    lost = set(impact_result.capabilities)
    caps = {force: dict.fromkeys(lost, 0) for force in ("kent", "essex")}
    after = chain_statuses(kv, threshold=threshold, caps=caps)
    for status in after:
        assert len(status.short) >= before[(status.force, status.crime_type)]


def strength_graph() -> nx.MultiDiGraph:
    """dems (EV); disclosure -HARD-> dems; comms -SOFT-> dems; strategy -HARD-> comms.

    Kent holds everything at 3. Crime type rasso needs disclosure; harassment needs comms
    and strategy.
    """
    g = nx.MultiDiGraph()
    for node, stage in [
        ("dems", "EVIDENCE"),
        ("disclosure", "EVIDENCE"),
        ("comms", "INVESTIGATION"),
        ("strategy", "INVESTIGATION"),
    ]:
        capability(g, node, stage)
        assess(g, "kent", node, 3)
    force(g, "kent")
    depends(g, "disclosure", "dems", "HARD")
    depends(g, "comms", "dems", "SOFT")
    depends(g, "strategy", "comms", "HARD")
    crime_type(g, "rasso", 50)
    crime_type(g, "harassment", 20)
    for crime, needed in {"rasso": ["disclosure"], "harassment": ["comms", "strategy"]}.items():
        for c in needed:
            g.add_edge(crime, c, key="NEEDS", type="NEEDS")
    return g


def test_hard_dependencies_are_lost_soft_ones_degraded() -> None:
    result = impact(view(strength_graph()), Scenario(capability="dems"), threshold=2)
    # disclosure cannot work without dems; comms works, worse, and strategy needs comms.
    assert result.capabilities == ["dems", "disclosure"]
    assert result.degraded == ["comms", "strategy"]
    # Only the chain through disclosure breaks: rasso, volume 50.
    assert result.chains_broken == 1
    assert result.crime_types == [("rasso", 50, 1)]


def test_losing_what_only_soft_dependents_need_breaks_less() -> None:
    kv = view(strength_graph())
    comms = impact(kv, Scenario(capability="comms"), threshold=2)
    dems = impact(kv, Scenario(capability="dems"), threshold=2)
    # comms takes strategy (HARD) and harassment's chain; dems takes disclosure and rasso's.
    assert comms.capabilities == ["comms", "strategy"]
    assert comms.degraded == []
    assert (comms.crime_types, dems.crime_types) == ([("harassment", 20, 1)], [("rasso", 50, 1)])


def test_a_forces_own_volume_is_used_where_it_has_one() -> None:
    g = strength_graph()
    volume_figure(g, "rasso", 7, area="kent")
    result = impact(view(g), Scenario(capability="dems"), threshold=2)
    # Kent's row counts Kent's own figure (7); the crime type's row the national one (50).
    assert result.forces == [("kent", 1, 7)]
    assert result.crime_types == [("rasso", 50, 1)]


def test_a_scenario_about_one_force_counts_that_forces_own_volume() -> None:
    g = strength_graph()
    volume_figure(g, "rasso", 7, area="kent")
    result = impact(view(g), Scenario(force="kent", capability="dems", maturity=0), threshold=2)
    # Kent's what-if is weighed by Kent's own rasso figure, not England and Wales's 50.
    assert result.crime_types == [("rasso", 7, 1)]
    assert result.forces == [("kent", 1, 7)]
