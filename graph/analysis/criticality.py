"""Bottlenecks of the capability dependency graph: centrality, cut points, reach, cycles."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import rustworkx as rx

__all__ = [
    "EXACT_LIMIT",
    "SAMPLE_SIZE",
    "SEED",
    "Bottleneck",
    "Criticality",
    "betweenness",
    "criticality",
]

EXACT_LIMIT = 20_000
"""Up to this many capabilities, betweenness is exact (on rustworkx); above, it is sampled."""
SAMPLE_SIZE = 256
"""Pivots sampled for betweenness above ``EXACT_LIMIT`` capabilities."""
SEED = 20261129
"""Seed of the sampling, so that results are stable from run to run."""


@dataclass(frozen=True)
class Bottleneck:
    """How critical one capability is.

    ``transitive_dependents``: capabilities that depend on it directly or through
    others; ``betweenness``: normalised betweenness centrality in the directed graph;
    ``articulation``: removing it splits the undirected view.
    """

    capability: str
    transitive_dependents: int
    direct_dependents: int
    betweenness: float
    articulation: bool


@dataclass(frozen=True)
class Criticality:
    """The criticality of every capability, and facts about the graph as a whole."""

    bottlenecks: list[Bottleneck]
    bridges: list[tuple[str, str]]
    longest_chain: list[str]
    cycles: list[list[str]]
    betweenness_method: str

    @property
    def warnings(self) -> list[str]:
        """Data-quality warnings: dependency cycles make chains circular."""
        return [f"dependency cycle: {' -> '.join([*cycle, cycle[0]])}" for cycle in self.cycles]


def criticality(dependencies: nx.DiGraph, *, exact_limit: int = EXACT_LIMIT) -> Criticality:
    """Bottlenecks of a dependency graph whose edge ``a -> b`` means *a* depends on *b*.

    Bottlenecks are ranked by transitive dependents, then betweenness, then id.
    Betweenness is exact up to ``exact_limit`` nodes and sampled from ``SAMPLE_SIZE``
    pivots with a fixed seed above (``betweenness_method`` says which). The longest
    dependency chain is computed on the graph with its cycles' edges ignored when it
    has any; cycles are reported, each as its nodes, smallest id first.

    Parameters
    ----------
    dependencies : a directed graph whose edge ``a -> b`` means *a* depends on *b*.
    exact_limit : up to this many nodes betweenness is exact; above, sampled.

    Returns
    -------
    Criticality

    Examples
    --------
    >>> g = nx.DiGraph([("case-file", "dems"), ("disclosure", "case-file"), ("disclosure", "dems")])
    >>> result = criticality(g)
    >>> [(b.capability, b.transitive_dependents) for b in result.bottlenecks]
    [('dems', 2), ('case-file', 1), ('disclosure', 0)]
    >>> result.longest_chain
    ['disclosure', 'case-file', 'dems']
    """
    n = dependencies.number_of_nodes()
    if n <= exact_limit:
        centrality = betweenness(dependencies)
        method = "exact"
    else:
        k = min(SAMPLE_SIZE, n)
        centrality = nx.betweenness_centrality(dependencies, k=k, normalized=True, seed=SEED)
        method = f"sampled: {k} of {n} pivots, seed {SEED}"
    undirected = nx.Graph(dependencies)
    cut_points = set(nx.articulation_points(undirected))
    bridges = sorted(tuple(sorted(edge)) for edge in nx.bridges(undirected))
    reach = _transitive_dependents(dependencies)
    bottlenecks = sorted(
        (
            Bottleneck(
                capability=node,
                transitive_dependents=reach[node],
                direct_dependents=dependencies.in_degree(node),
                betweenness=round(centrality.get(node, 0.0), 6),
                articulation=node in cut_points,
            )
            for node in dependencies
        ),
        key=lambda b: (-b.transitive_dependents, -b.betweenness, b.capability),
    )
    cycles = _cycles(dependencies)
    return Criticality(
        bottlenecks=bottlenecks,
        bridges=[(a, b) for a, b in bridges],
        longest_chain=_longest_chain(dependencies, cycles),
        cycles=cycles,
        betweenness_method=method,
    )


def betweenness(graph: nx.DiGraph) -> dict[str, float]:
    """Normalised betweenness centrality of every node of a directed graph, exact.

    The values of ``networkx.betweenness_centrality(graph, normalized=True)``, computed
    by rustworkx (in Rust, on every core), which is many times faster.

    Examples
    --------
    >>> betweenness(nx.DiGraph([("a", "b"), ("b", "c")]))
    {'a': 0.0, 'b': 0.5, 'c': 0.0}
    """
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    copy = rx.PyDiGraph(multigraph=False)
    copy.add_nodes_from(nodes)
    copy.add_edges_from_no_data([(index[u], index[v]) for u, v in graph.edges() if u != v])
    found = rx.digraph_betweenness_centrality(copy, normalized=True)
    return {node: float(found[i]) for i, node in enumerate(nodes)}


def _transitive_dependents(dependencies: nx.DiGraph) -> dict[str, int]:
    """For each node, how many other nodes depend on it, directly or not.

    Works on the condensation (cycles collapsed) in topological order, carrying
    each component's dependents as a bit set, so it is linear in the edges times
    the bit-set width rather than one search per node.
    """
    condensed = nx.condensation(dependencies)
    mapping = condensed.graph["mapping"]
    bit = {node: 1 << index for index, node in enumerate(dependencies)}
    own = {c: sum(bit[m] for m in condensed.nodes[c]["members"]) for c in condensed}
    above: dict[int, int] = {}
    for component in nx.topological_sort(condensed):
        bits = 0
        for parent in condensed.predecessors(component):
            bits |= above[parent] | own[parent]
        above[component] = bits
    return {
        node: (above[mapping[node]] | own[mapping[node]]).bit_count() - 1 for node in dependencies
    }


def _cycles(dependencies: nx.DiGraph) -> list[list[str]]:
    found = []
    for component in nx.strongly_connected_components(dependencies):
        if len(component) > 1 or any(dependencies.has_edge(c, c) for c in component):
            cycle = [u for u, _ in nx.find_cycle(dependencies.subgraph(component))]
            start = cycle.index(min(cycle))
            found.append(cycle[start:] + cycle[:start])
    return sorted(found)


def _longest_chain(dependencies: nx.DiGraph, cycles: list[list[str]]) -> list[str]:
    if not dependencies:
        return []
    if not cycles:
        return list(nx.dag_longest_path(dependencies))
    component_of = {
        node: index
        for index, component in enumerate(nx.strongly_connected_components(dependencies))
        for node in component
    }
    acyclic = nx.DiGraph()
    acyclic.add_nodes_from(dependencies)
    acyclic.add_edges_from(
        (a, b) for a, b in dependencies.edges() if component_of[a] != component_of[b]
    )
    return list(nx.dag_longest_path(acyclic))
