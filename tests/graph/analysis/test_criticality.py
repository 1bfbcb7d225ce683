"""Bottlenecks, cut points, longest chain and cycles on graphs small enough to check by hand."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis.criticality import betweenness, criticality
from graph.dataset import Dataset
from graph.model.kinds import DEPENDENCIES


def test_hand_worked_dependency_graph() -> None:
    # a -> b -> c -> d and e -> c: c is depended on by a, b, e (3); d by all four others.
    g = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d"), ("e", "c")])
    result = criticality(g)
    reach = {b.capability: b.transitive_dependents for b in result.bottlenecks}
    assert reach == {"d": 4, "c": 3, "b": 1, "a": 0, "e": 0}
    assert [b.capability for b in result.bottlenecks][:2] == ["d", "c"]
    # Shortest paths through c: a->d, b->d, e->d (3 of 4*3 = 12 ordered pairs): 3/12 = 0.25.
    betweenness = {b.capability: b.betweenness for b in result.bottlenecks}
    assert betweenness["c"] == pytest.approx(0.25, abs=1e-6)
    assert betweenness["b"] == pytest.approx(2 / 12, abs=1e-6)
    assert {b.capability for b in result.bottlenecks if b.articulation} == {"b", "c"}
    assert result.bridges == [("a", "b"), ("b", "c"), ("c", "d"), ("c", "e")]
    assert result.longest_chain == ["a", "b", "c", "d"]
    assert result.cycles == []
    assert result.betweenness_method == "exact"


def test_capability_nothing_depends_on() -> None:
    g = nx.DiGraph([("a", "b")])
    g.add_node("lonely")
    reach = {b.capability: b for b in criticality(g).bottlenecks}
    assert reach["lonely"].transitive_dependents == 0
    assert reach["lonely"].direct_dependents == 0


def test_cycle_is_reported_and_counted_once() -> None:
    # x -> y -> z -> x is a cycle; w -> x hangs off it.
    g = nx.DiGraph([("x", "y"), ("y", "z"), ("z", "x"), ("w", "x")])
    result = criticality(g)
    assert result.cycles == [["x", "y", "z"]]
    assert result.warnings == ["dependency cycle: x -> y -> z -> x"]
    reach = {b.capability: b.transitive_dependents for b in result.bottlenecks}
    # Each cycle member is depended on by the other two and by w.
    assert reach == {"x": 3, "y": 3, "z": 3, "w": 0}
    assert result.longest_chain[0] == "w"


def test_sampling_above_the_limit_is_stated_and_seeded() -> None:
    g = nx.gnp_random_graph(60, 0.08, seed=1, directed=True)
    first = criticality(g, exact_limit=10)
    second = criticality(g, exact_limit=10)
    assert first.betweenness_method.startswith("sampled")
    assert first.bottlenecks == second.bottlenecks


def test_empty_graph() -> None:
    result = criticality(nx.DiGraph())
    assert result.bottlenecks == []
    assert result.longest_chain == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 14), st.integers(0, 14)), max_size=60).map(
        lambda edges: nx.DiGraph(edges)
    )
)
def test_betweenness_on_rustworkx_equals_networkx(graph: nx.DiGraph) -> None:
    # Self-loops, cycles, several components and lone nodes included: NetworkX is the reference.
    expected = nx.betweenness_centrality(graph, normalized=True)
    found = betweenness(graph)
    assert found.keys() == expected.keys()
    for node, value in expected.items():
        assert found[node] == pytest.approx(value, abs=1e-12)


def test_betweenness_on_rustworkx_equals_networkx_on_the_seed_graph(seed: Dataset) -> None:
    graph = nx.DiGraph([(d.capability, d.depends_on) for d in seed.records(DEPENDENCIES)])
    expected = nx.betweenness_centrality(graph, normalized=True)
    assert betweenness(graph) == pytest.approx(expected, abs=1e-12)
    assert max(expected.values()) > 0
