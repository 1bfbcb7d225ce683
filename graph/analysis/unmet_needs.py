"""Unmet needs: where forces fall short, crime demands the capability, and few suppliers serve."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import networkx as nx

from graph.analysis.basis import Basis, KindBasis, volume_wording
from graph.analysis.views import BEST_MEASURE, ContractNotice, KnowledgeView, view

__all__ = ["FIRM_MARKETS", "UnmetNeed", "unmet_needs"]


@dataclass(frozen=True)
class UnmetNeed:
    """How much a capability is needed and not met, with the figures behind its score.

    ``suppliers`` are the ids of the suppliers offering it, sorted; ``holders`` counts
    the bodies assessed on it (forces, regional units or the national body, as its
    delivery level says) and ``forces_below_target`` those of them short of target.
    ``contracts`` are the published contracts behind its suppliers, newest first.
    """

    capability: str
    score: float
    forces_below_target: int
    forces_assessed: int
    total_gap: int
    demand: int
    supplier_count: int
    suppliers: tuple[str, ...]
    market: str | None
    explanation: str
    basis: Basis
    """The holdings behind the gap and the suppliers named: how many, how many illustrative."""
    contracts: tuple[ContractNotice, ...] = ()


FIRM_MARKETS = frozenset({"PRODUCT", "SERVICE"})
"""Markets a firm can serve; a capability with no market recorded counts as one."""


def unmet_needs(
    graph: nx.MultiDiGraph,
    *,
    stage: str | None = None,
    region: str | None = None,
    crime_type: str | None = None,
    as_of: dt.date | None = None,
    include_illustrative: bool = True,
    measure: str | None = BEST_MEASURE,
    organisational: bool = False,
    real_suppliers_first: bool = True,
) -> list[UnmetNeed]:
    """Capabilities ranked by unmet need, highest first.

    For capability *c*, with *G* the total gap of the bodies assessed on it (the sum
    of ``max(target - maturity, 0)`` over their holdings as of ``as_of``), *V* the
    annual volume of the crime types that need it, and *S* the number of suppliers
    offering it::

        score(c) = G * log10(1 + V) / (1 + S)

    The logarithm keeps the largest crime volumes from drowning every other gap;
    each extra supplier divides the need among more providers. Who is assessed
    follows the capability's delivery level: forces for force-level capabilities,
    regional units (and forces outside them) for regional ones, the national body
    for national ones. Only capabilities with a gap are listed, retired ones never;
    ties are broken by capability id.

    Parameters
    ----------
    graph : the projected knowledge graph.
    stage : only capabilities of this stage.
    region : only the gaps of bodies in this region (case-insensitive); a regional
        unit is in the regions of the forces it serves.
    crime_type : only capabilities this crime type needs, weighted by its volume alone.
    as_of : read holdings as of this day (default: the latest observations).
    include_illustrative : with ``False``, illustrative records are left out.
    measure : the crime volume measure *V* is counted in (never a sum of measures);
        ``BEST_MEASURE`` reads each crime type in its best measure.
    organisational : list the gaps only the police can close (``POLICE_FUNCTION``)
        instead of those a firm could serve (``PRODUCT`` or ``SERVICE``).
    real_suppliers_first : count only the suppliers backed by real records (offerings
        or published contracts) for a capability that has any.

    Returns
    -------
    list of UnmetNeed
        Highest score first.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("osint", label="Capability", name="OSINT", stage="INVESTIGATION")
    >>> g.add_node("kent", label="Force", name="Kent Police", region="South East")
    >>> g.add_node("fraud", label="CrimeType", name="Fraud")
    >>> figure = {"measure": "SURVEY_ESTIMATE", "year": 2025, "value": 999}
    >>> g.add_node("fraud-2025", label="CrimeVolume", **figure)
    >>> _ = g.add_edge("fraud-2025", "fraud", key="VOLUME_OF")
    >>> _ = g.add_edge("kent", "osint", key="HAS_CAPABILITY", maturity=1, target=3)
    >>> _ = g.add_edge("fraud", "osint", key="NEEDS")
    >>> [(n.capability, n.total_gap, n.score) for n in unmet_needs(g)]
    [('osint', 2, 6.0)]
    """
    kv = view(
        graph,
        as_of=as_of,
        include_illustrative=include_illustrative,
        measure=measure,
        real_suppliers_first=real_suppliers_first,
    )
    wanted_region = region.casefold() if region else None
    holders: dict[str, list[str]] = {}
    for body, capability in kv.assessments:
        holders.setdefault(capability, []).append(body)
    wording = volume_wording(kv)
    needs: list[UnmetNeed] = []
    for node, data in kv.capabilities.items():
        market = data.get("market")
        firm = market is None or market in FIRM_MARKETS
        if (stage and data.get("stage") != stage) or firm == organisational or kv.retired(node):
            continue
        crimes = sorted(
            c for c in kv.needed_by.get(node, set()) if crime_type is None or c == crime_type
        )
        if crime_type is not None and not crimes:
            continue
        bodies = [
            body
            for body in holders.get(node, [])
            if wanted_region is None or wanted_region in _regions(kv, body)
        ]
        gaps = [
            max(target - maturity, 0)
            for maturity, target in (kv.assessments[(b, node)] for b in bodies)
        ]
        total_gap = sum(gaps)
        if total_gap == 0:
            continue
        latest = [kv.observations[(b, node)][-1] for b in bodies]
        suppliers = tuple(sorted(kv.offers.get(node, set())))
        offered_by = [kv.suppliers.get(x, {}) for x in suppliers]
        figures = [f for f in map(kv.volume_figure, crimes) if f is not None]
        rests_on = Basis(
            kinds=(
                KindBasis(
                    "assessments",
                    len(latest),
                    sum(1 for o in latest if o[3]),
                    tuple(sorted({o[4] for o in latest})),
                ),
                KindBasis(
                    "suppliers",
                    len(offered_by),
                    sum(1 for x in offered_by if x.get("illustrative")),
                    tuple(sorted({str(x.get("source", "")) for x in offered_by})),
                ),
                KindBasis(
                    "crime_volumes",
                    len(figures),
                    sum(1 for f in figures if f.illustrative),
                    tuple(sorted({f.source for f in figures})),
                ),
            ),
            excluded=kv.excluded,
            volumes=wording,
        )
        demand = sum(kv.volume(c) for c in crimes)
        score = total_gap * math.log10(1 + demand) / (1 + len(suppliers))
        below = sum(1 for gap in gaps if gap > 0)
        needs.append(
            UnmetNeed(
                capability=node,
                score=round(score, 6),
                forces_below_target=below,
                forces_assessed=len(gaps),
                total_gap=total_gap,
                demand=demand,
                supplier_count=len(suppliers),
                suppliers=suppliers,
                market=str(market) if market else None,
                explanation=_explain(
                    kv, node, below, len(gaps), total_gap, crimes, demand, suppliers, region
                )
                + _caveat(rests_on),
                basis=rests_on,
                contracts=tuple(
                    sorted(
                        (c for s in suppliers for c in kv.contracts.get((s, node), [])),
                        key=lambda c: (c.supplier, c.buyer, c.contract),
                    )
                ),
            )
        )
    return sorted(needs, key=lambda need: (-need.score, need.capability))


_MEASURE_WORDS = {"SURVEY_ESTIMATE": "survey estimate", "POLICE_RECORDED": "police-recorded"}


def _caveat(rests_on: Basis) -> str:
    """What the row rests on, when any of it is illustrative."""
    if rests_on.illustrative == 0:
        return ""
    return " Basis: " + rests_on.describe()


def _regions(kv: KnowledgeView, body: str) -> set[str]:
    """The regions a body is in: a force's own, or those of the forces a unit serves."""
    if body in kv.forces:
        return {str(kv.forces[body].get("region", "")).casefold()}
    return {
        str(kv.forces.get(force, {}).get("region", "")).casefold()
        for force, unit in kv.served_by.items()
        if unit == body
    }


def _explain(
    kv: KnowledgeView,
    capability: str,
    below: int,
    assessed: int,
    total_gap: int,
    crimes: list[str],
    demand: int,
    suppliers: tuple[str, ...],
    region: str | None,
) -> str:
    name = kv.name(capability)
    where = f" in {region}" if region else ""
    delivery = kv.capabilities[capability].get("delivery")
    bodies = {"REGIONAL": "regional units", "NATIONAL": "national bodies"}.get(
        str(delivery), "forces"
    )
    if crimes:
        top = sorted(crimes, key=lambda c: -kv.volume(c))[:2]
        names = ", ".join(kv.name(c) for c in top)
        more = f" and {len(crimes) - len(top)} more" if len(crimes) > len(top) else ""
        demand_text = (
            f"it is needed against {names}{more}, about {demand:,} offences a year"
            if demand
            else f"it is needed against {names}{more}, which have no "
            f"{_MEASURE_WORDS.get(str(kv.measure), 'volume')} figure, so it scores zero"
        )
    else:
        demand_text = "no recorded crime type needs it, so it scores zero"
    if not suppliers:
        offered = "no supplier offers it"
    else:
        named = ", ".join(kv.name(s) for s in suppliers[:3])
        extra = f" and {len(suppliers) - 3} more" if len(suppliers) > 3 else ""
        verb = "offers" if len(suppliers) == 1 else "offer"
        offered = f"{named}{extra} {verb} it"
    return (
        f"{below} of {assessed} {bodies}{where} are below target on {name} "
        f"(total gap {total_gap}); {demand_text}; {offered}."
    )
