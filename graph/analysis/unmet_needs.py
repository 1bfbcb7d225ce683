"""Unmet needs: where forces fall short, crime demands the capability, and few suppliers serve."""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

__all__ = ["UnmetNeed", "unmet_needs"]


@dataclass(frozen=True)
class UnmetNeed:
    """How much a capability is needed and not met, with the figures behind its score."""

    capability: str
    score: float
    forces_below_target: int
    forces_assessed: int
    total_gap: int
    demand: int
    supplier_count: int
    explanation: str


def unmet_needs(
    graph: nx.MultiDiGraph,
    *,
    stage: str | None = None,
    region: str | None = None,
    crime_type: str | None = None,
) -> list[UnmetNeed]:
    """Capabilities ranked by unmet need, highest first.

    For capability *c*, with *G* the total gap of the forces assessed on it (the sum
    of ``max(target - maturity, 0)``), *V* the annual volume of the crime types that
    need it, and *S* the number of suppliers offering it::

        score(c) = G * log10(1 + V) / (1 + S)

    The logarithm keeps the largest crime volumes from drowning every other gap;
    each extra supplier divides the need among more providers. Only capabilities
    with a gap are listed; ties are broken by capability id.

    Parameters
    ----------
    graph : the projected knowledge graph.
    stage : only capabilities of this stage.
    region : only the gaps of forces in this region (case-insensitive).
    crime_type : only capabilities this crime type needs, weighted by its volume alone.

    Returns
    -------
    list of UnmetNeed
        Highest score first.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("osint", label="Capability", name="OSINT", stage="INVESTIGATION")
    >>> g.add_node("kent", label="Force", name="Kent Police", region="South East")
    >>> g.add_node("fraud", label="CrimeType", name="Fraud", annualVolume=999)
    >>> _ = g.add_edge("kent", "osint", key="HAS_CAPABILITY", maturity=1, target=3)
    >>> _ = g.add_edge("fraud", "osint", key="NEEDS")
    >>> [(n.capability, n.total_gap, n.score) for n in unmet_needs(g)]
    [('osint', 2, 6.0)]
    """
    wanted_region = region.casefold() if region else None
    needs: list[UnmetNeed] = []
    for node, data in graph.nodes(data=True):
        if data.get("label") != "Capability" or (stage and data.get("stage") != stage):
            continue
        crimes = [
            source
            for source, _, key in graph.in_edges(node, keys=True)
            if key == "NEEDS" and (crime_type is None or source == crime_type)
        ]
        if crime_type is not None and not crimes:
            continue
        gaps = [
            max(int(edge["target"]) - int(edge["maturity"]), 0)
            for force, _, key, edge in graph.in_edges(node, keys=True, data=True)
            if key == "HAS_CAPABILITY"
            and (
                wanted_region is None
                or str(graph.nodes[force].get("region", "")).casefold() == wanted_region
            )
        ]
        total_gap = sum(gaps)
        if total_gap == 0:
            continue
        demand = sum(int(graph.nodes[c].get("annualVolume") or 0) for c in crimes)
        suppliers = sum(1 for _, _, key in graph.in_edges(node, keys=True) if key == "OFFERS")
        score = total_gap * math.log10(1 + demand) / (1 + suppliers)
        below = sum(1 for gap in gaps if gap > 0)
        needs.append(
            UnmetNeed(
                capability=node,
                score=round(score, 6),
                forces_below_target=below,
                forces_assessed=len(gaps),
                total_gap=total_gap,
                demand=demand,
                supplier_count=suppliers,
                explanation=_explain(
                    graph, node, below, len(gaps), total_gap, crimes, demand, suppliers, region
                ),
            )
        )
    return sorted(needs, key=lambda need: (-need.score, need.capability))


def _explain(
    graph: nx.MultiDiGraph,
    capability: str,
    below: int,
    assessed: int,
    total_gap: int,
    crimes: list[str],
    demand: int,
    suppliers: int,
    region: str | None,
) -> str:
    name = graph.nodes[capability].get("name", capability)
    where = f" in {region}" if region else ""
    if crimes:
        top = sorted(crimes, key=lambda c: -int(graph.nodes[c].get("annualVolume") or 0))[:2]
        names = ", ".join(str(graph.nodes[c].get("name", c)) for c in top)
        more = f" and {len(crimes) - len(top)} more" if len(crimes) > len(top) else ""
        demand_text = f"it is needed against {names}{more}, about {demand:,} offences a year"
    else:
        demand_text = "no recorded crime type needs it, so it scores zero"
    offered = (
        "no supplier offers it"
        if suppliers == 0
        else ("1 supplier offers it" if suppliers == 1 else f"{suppliers} suppliers offer it")
    )
    return (
        f"{below} of {assessed} forces{where} are below target on {name} "
        f"(total gap {total_gap}); {demand_text}; {offered}."
    )
