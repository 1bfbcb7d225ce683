"""Typed views of the projected knowledge graph that the analyses share."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from graph.model.enums import Stage

__all__ = ["STAGES", "KnowledgeView", "view"]

STAGES: tuple[str, ...] = tuple(stage.value for stage in Stage)
"""The stages in the order work flows through them (``graph.model.Stage``'s order)."""


@dataclass
class KnowledgeView:
    """The parts of the knowledge graph the analyses read, as plain dictionaries.

    ``dependencies`` is a ``DiGraph`` over capability ids with an edge ``a -> b``
    when *a* depends on *b* (attribute ``reason``); every capability is a node of it.
    """

    capabilities: dict[str, dict[str, object]] = field(default_factory=dict)
    forces: dict[str, dict[str, object]] = field(default_factory=dict)
    crime_types: dict[str, dict[str, object]] = field(default_factory=dict)
    suppliers: dict[str, dict[str, object]] = field(default_factory=dict)
    pilots: dict[str, dict[str, object]] = field(default_factory=dict)
    metrics: dict[str, dict[str, object]] = field(default_factory=dict)
    dependencies: nx.DiGraph = field(default_factory=nx.DiGraph)
    needs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    assessments: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    offers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    uses: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    pilot_links: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    benefits: dict[str, dict[str, tuple[float, float]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    assessed: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """The capabilities each force is assessed on."""
    needed_by: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """The crime types that need each capability."""

    def crime_types_of(self, capabilities: set[str]) -> set[str]:
        """The crime types that need any of ``capabilities``."""
        found: set[str] = set()
        for capability in capabilities:
            found |= self.needed_by.get(capability, set())
        return found

    def stage(self, capability: str) -> str:
        """The stage of a capability."""
        return str(self.capabilities[capability].get("stage", ""))

    def name(self, node: str) -> str:
        """The display name of any node, or its id."""
        for table in (
            self.capabilities,
            self.forces,
            self.crime_types,
            self.suppliers,
            self.pilots,
        ):
            if node in table:
                return str(table[node].get("name", node))
        return node

    def volume(self, crime_type: str) -> int:
        """A crime type's annual volume (0 when unknown)."""
        volume = self.crime_types.get(crime_type, {}).get("annualVolume")
        return volume if isinstance(volume, int) else 0


_TABLES = {
    "Capability": "capabilities",
    "Force": "forces",
    "CrimeType": "crime_types",
    "Supplier": "suppliers",
    "Pilot": "pilots",
    "Metric": "metrics",
}
_PILOT_LINKS = {
    "RUN_BY": "forces",
    "TRIALS": "capabilities",
    "DELIVERED_BY": "supplier",
    "TARGETS": "crime_types",
}


def view(graph: nx.MultiDiGraph) -> KnowledgeView:
    """Split a projected ``MultiDiGraph`` into the tables the analyses use (one pass).

    Parameters
    ----------
    graph : a projected graph (``graph.projection.project``), or one built by hand.

    Returns
    -------
    KnowledgeView

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("osint", label="Capability", stage="INVESTIGATION")
    >>> view(g).stage("osint")
    'INVESTIGATION'
    """
    out = KnowledgeView()
    for node, data in graph.nodes(data=True):
        table = _TABLES.get(str(data.get("label")))
        if table is not None:
            getattr(out, table)[node] = dict(data)
    out.dependencies.add_nodes_from(out.capabilities)
    for source, target, key, data in graph.edges(keys=True, data=True):
        kind = data.get("type", str(key).split(":", 1)[0])
        if kind == "DEPENDS_ON":
            out.dependencies.add_edge(source, target, reason=data.get("reason", ""))
        elif kind == "NEEDS":
            out.needs[source].add(target)
            out.needed_by[target].add(source)
        elif kind == "HAS_CAPABILITY":
            out.assessments[(source, target)] = (int(data["maturity"]), int(data["target"]))
            out.assessed[source].add(target)
        elif kind == "OFFERS":
            out.offers[target].add(source)
        elif kind == "USES_SUPPLIER":
            out.uses[(source, str(data["capability"]))].add(target)
        elif kind in _PILOT_LINKS:
            out.pilot_links[source][_PILOT_LINKS[kind]].append(target)
        elif kind == "MEASURED":
            out.benefits[source][target] = (float(data["baseline"]), float(data["result"]))
    return out
