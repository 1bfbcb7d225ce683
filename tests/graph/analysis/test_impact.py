"""What-if scenarios on the hand-worked graph, and the rule that removal never completes a chain."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.analysis.impact import Scenario, impact
from graph.analysis.interdependencies import chain_statuses
from graph.analysis.views import view
from graph.exceptions import InvalidArgumentError
from tests.graph.analysis.graphs import chain_graph

CAPABILITIES = ["report", "triage", "osint", "dems", "case"]


def test_removing_a_capability_takes_its_dependents_too() -> None:
    result = impact(view(chain_graph()), Scenario(capability="dems"), threshold=2)
    # osint and case depend on dems, so they go with it.
    assert result.capabilities == ["case", "dems", "osint"]
    # Only Kent's fraud chain was complete; it breaks. Fraud volume 100.
    assert result.chains_broken == 1
    assert result.crime_types == [("fraud", 100, 1)]
    assert result.forces == [("kent", 1, 100)]


def test_losing_a_sole_supplier_breaks_only_forces_without_another() -> None:
    result = impact(view(chain_graph()), Scenario(supplier="acme"), threshold=2)
    # Kent buys dems only from acme; Essex also from bolt, so Essex keeps it.
    assert result.forces == [("kent", 1, 100)]


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
