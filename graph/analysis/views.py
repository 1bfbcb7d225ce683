"""Typed views of the projected knowledge graph that the analyses share."""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import networkx as nx

from graph.model.enums import Stage

__all__ = ["BEST_MEASURE", "STAGES", "ContractNotice", "KnowledgeView", "Volume", "view"]

BEST_MEASURE = None
"""The ``measure`` that asks for the best figure of each crime type: per-force police-recorded
counts where a force's own exist, else survey estimates."""

STAGES: tuple[str, ...] = tuple(stage.value for stage in Stage)
"""The stages in the order work flows through them (``graph.model.Stage``'s order)."""


@dataclass(frozen=True)
class Volume:
    """One crime volume figure: its year (ending March), area (a force, or none), value.

    A figure credited to a force that has none of its own is a share of England and
    Wales's: ``share`` is the fraction, ``shared_by`` how it was set (``officers``, the
    force's share of the territorial forces' officers; ``equal``, one force's share).
    """

    year: int
    area: str | None
    value: int
    illustrative: bool = False
    source: str = ""
    measure: str = "SURVEY_ESTIMATE"
    share: float | None = None
    shared_by: str | None = None


@dataclass(frozen=True)
class ContractNotice:
    """A published contract behind a supplier serving a capability for a buyer."""

    supplier: str
    buyer: str
    contract: str
    title: str
    notice_url: str | None
    value: float | None
    illustrative: bool = False


_REGIONAL = object()
"""A capability its regional unit holds for a force (``KnowledgeView.levels``)."""
_UNASSESSED = (0, 0)
"""The (maturity, target) of a holding never assessed."""


@dataclass
class KnowledgeView:
    """The parts of the knowledge graph the analyses read, as plain dictionaries.

    ``dependencies`` is a ``DiGraph`` over capability ids with an edge ``a -> b``
    when *a* depends on *b* (attributes ``reason`` and ``strength``, ``HARD`` or
    ``SOFT``); every capability is a node of it. ``assessments`` holds each body's
    holding as of the view's day: its latest observation on or before it, keyed by
    (force or regional unit, capability); ``observations`` every observation, oldest
    first.
    """

    capabilities: dict[str, dict[str, object]] = field(default_factory=dict)
    forces: dict[str, dict[str, object]] = field(default_factory=dict)
    crime_types: dict[str, dict[str, object]] = field(default_factory=dict)
    suppliers: dict[str, dict[str, object]] = field(default_factory=dict)
    pilots: dict[str, dict[str, object]] = field(default_factory=dict)
    metrics: dict[str, dict[str, object]] = field(default_factory=dict)
    units: dict[str, dict[str, object]] = field(default_factory=dict)
    served_by: dict[str, str] = field(default_factory=dict)
    """The regional unit that serves each force it serves."""
    as_of: dt.date | None = None
    """The day holdings are read as of (``None``: the latest observation of each)."""
    observations: dict[tuple[str, str], list[tuple[dt.date, int, int, bool, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    """(day, maturity, target, illustrative, source) of every observation, oldest first."""
    dependencies: nx.DiGraph = field(default_factory=nx.DiGraph)
    needs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    assessments: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    """(maturity, target) of each body's holding, by (body, capability)."""
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
    provenance: dict[str, list[tuple[bool, str]]] = field(default_factory=lambda: defaultdict(list))
    """(illustrative, source) of each record read, by record kind (``dependencies``, ...)."""
    excluded: int = 0
    """Illustrative records left out (``include_illustrative=False``)."""
    measure: str | None = BEST_MEASURE
    """The one volume measure the view weights crime by, or ``BEST_MEASURE`` (``None``): each
    crime type's best (measures are never added)."""
    volumes: dict[str, list[Volume]] = field(default_factory=lambda: defaultdict(list))
    """Each crime type's figures of the view's measure (of every measure, for the best)."""
    officers: dict[str, float] = field(default_factory=dict)
    """Each force's officers (FTE) in its latest workforce figure, where one was imported."""
    contracts: dict[tuple[str, str], list[ContractNotice]] = field(
        default_factory=lambda: defaultdict(list)
    )
    """The published contracts behind each (supplier, capability)."""
    displaced: int = 0
    """Illustrative supplier links left out because real ones serve the same capability."""
    crime_volumes: dict[str, dict[str, object]] = field(default_factory=dict)
    """Every crime volume figure's node properties, of every measure, by id."""
    workforce: dict[str, dict[str, object]] = field(default_factory=dict)
    """Every workforce figure's node properties, by id."""

    def crime_types_of(self, capabilities: set[str]) -> set[str]:
        """The crime types that need any of ``capabilities``."""
        found: set[str] = set()
        for capability in capabilities:
            found |= self.needed_by.get(capability, set())
        return found

    def holder(self, force: str, capability: str) -> str:
        """Who holds ``capability`` for ``force``: the force, its regional unit, or the body.

        A force-level capability is the force's own; a regional one its unit's (the
        force's own where no unit serves it); a national one the delivering body's.
        """
        rule = self._holders.get(capability, force)
        return self.served_by.get(force, force) if rule is _REGIONAL else str(rule)

    def maturity(self, force: str, capability: str) -> int:
        """The maturity ``force`` relies on for ``capability`` (0 if its holder is unassessed)."""
        return self.assessments.get((self.holder(force, capability), capability), (0, 0))[0]

    def levels(self, force: str, capabilities: Iterable[str]) -> dict[str, int]:
        """The maturity ``force`` relies on for each of ``capabilities``, as ``maturity`` gives
        it (the chain analyses ask for hundreds of thousands)."""
        unit = self.served_by.get(force, force)
        assessments = self.assessments
        found = {}
        for capability in capabilities:
            rule = self._holders.get(capability, force)
            holder = unit if rule is _REGIONAL else str(rule)
            found[capability] = assessments.get((holder, capability), _UNASSESSED)[0]
        return found

    @cached_property
    def _holders(self) -> dict[str, str | object]:
        """Who holds each capability that a force does not hold itself: the delivering body's
        id (national), or ``_REGIONAL`` (the force's regional unit)."""
        holders: dict[str, str | object] = {}
        for capability, data in self.capabilities.items():
            delivery = data.get("delivery")
            if delivery == "NATIONAL" and data.get("deliveredBy"):
                holders[capability] = str(data["deliveredBy"])
            elif delivery == "REGIONAL":
                holders[capability] = _REGIONAL
        return holders

    def retired(self, capability: str) -> bool:
        """Whether ``capability`` had retired by the view's day (or by now, with no day)."""
        day = self.capabilities.get(capability, {}).get("retiredOn")
        if not isinstance(day, dt.date):
            return False
        return self.as_of is None or day <= self.as_of

    def stage(self, capability: str) -> str:
        """The stage of a capability."""
        return str(self.capabilities[capability].get("stage", ""))

    def name(self, node: str) -> str:
        """The display name of any node, or its id."""
        for table in (
            self.capabilities,
            self.forces,
            self.units,
            self.crime_types,
            self.suppliers,
            self.pilots,
        ):
            if node in table:
                return str(table[node].get("name", node))
        return node

    def volume(self, crime_type: str, area: str | None = None) -> int:
        """A crime type's annual volume in the view's measure: its latest year's figure.

        With ``area`` (a force id), that area's figure where one exists, else the
        national one. 0 when the crime type has no figure of the measure.
        """
        figure = self.volume_figure(crime_type, area)
        return figure.value if figure is not None else 0

    def measure_of(self, crime_type: str) -> str | None:
        """The measure a crime type's figures are read in (``None``: it has no figure).

        The view's own measure; for the best, police-recorded counts when some force
        has its own, else survey estimates, else police-recorded national counts.
        """
        if self.measure is not BEST_MEASURE:
            return self.measure
        figures = self.volumes.get(crime_type, [])
        if any(f.measure == "POLICE_RECORDED" and f.area for f in figures):
            return "POLICE_RECORDED"
        measures = {f.measure for f in figures}
        for measure in ("SURVEY_ESTIMATE", "POLICE_RECORDED"):
            if measure in measures:
                return measure
        return None

    def volume_figure(self, crime_type: str, area: str | None = None) -> Volume | None:
        """The figure ``volume`` reads, or ``None`` when there is none of the measure.

        A force without a figure of its own is credited its share of England and
        Wales's figure (by officers where every territorial force's are known, else
        an equal share); where the best measure has no national figure, the survey
        estimate's is shared.
        """
        measure = self.measure_of(crime_type)
        figures = [f for f in self.volumes.get(crime_type, []) if f.measure == measure]
        local = [f for f in figures if area is not None and f.area == area]
        if local:
            return max(local, key=lambda f: f.year)
        national = [f for f in figures if f.area is None]
        if not national and self.measure is BEST_MEASURE:
            national = [f for f in self.volumes.get(crime_type, []) if f.area is None]
            national.sort(key=lambda f: f.measure != "SURVEY_ESTIMATE")
            national = [f for f in national if f.measure == national[0].measure] if national else []
        if not national:
            return None
        figure = max(national, key=lambda f: f.year)
        if area is None:
            return figure
        share, how = self.share_of(area)
        return replace(
            figure, area=area, value=round(figure.value * share), share=share, shared_by=how
        )

    def share_of(self, force: str) -> tuple[float, str]:
        """The share of England and Wales's crime credited to ``force``, and how it was set."""
        territorial = [
            f for f, data in self.forces.items() if data.get("forceKind") == "TERRITORIAL"
        ]
        if territorial and all(f in self.officers for f in territorial) and force in self.officers:
            total = sum(self.officers[f] for f in territorial)
            return self.officers[force] / total, "officers"
        return 1 / max(len(territorial), 1), "equal"


_TABLES = {
    "Capability": "capabilities",
    "Force": "forces",
    "CrimeType": "crime_types",
    "Supplier": "suppliers",
    "Pilot": "pilots",
    "Metric": "metrics",
    "RegionalUnit": "units",
    "CrimeVolume": "crime_volumes",
    "Workforce": "workforce",
}
_ASSESSED = {"HAS_CAPABILITY", "UNIT_HAS_CAPABILITY"}
_EDGE_RECORDS = {
    "DEPENDS_ON": "dependencies",
    "NEEDS": "crime_needs",
    "OFFERS": "offerings",
    "USES_SUPPLIER": "force_suppliers",
    "SUPPLIES": "contracts",
    "SUPPLIES_UNIT": "contracts",
}
"""Relationship types that are records of their own, by record kind (basis counts them)."""
_CONTRACTS = {"SUPPLIES", "SUPPLIES_UNIT"}
_NODE_RECORDS = {"suppliers", "pilots"}
"""Node tables whose records a basis can count."""
_PILOT_LINKS = {
    "RUN_BY": "forces",
    "TRIALS": "capabilities",
    "DELIVERED_BY": "supplier",
    "TARGETS": "crime_types",
}


def view(
    graph: nx.MultiDiGraph,
    *,
    as_of: dt.date | None = None,
    include_illustrative: bool = True,
    measure: str | None = BEST_MEASURE,
    real_suppliers_first: bool = True,
) -> KnowledgeView:
    """Split a projected ``MultiDiGraph`` into the tables the analyses use (one pass).

    A frozen graph (``nx.freeze``: the API's cached projections are) cannot change, so
    its views are kept, the last few per graph: the same arguments give the same view,
    which its callers share and must not change.

    Holdings are the latest observation of each body on each capability on or before
    ``as_of`` (every observation when ``None``); an observation with no day counts as
    older than any dated one.

    Parameters
    ----------
    graph : a projected graph (``graph.projection.project``), or one built by hand.
    as_of : the day to read holdings as of.
    include_illustrative : with ``False``, every record marked illustrative is left
        out (nodes, and relationships to them, too); ``excluded`` counts them.
    measure : the volume measure crime is weighted by (``SURVEY_ESTIMATE`` or
        ``POLICE_RECORDED``); figures of the other are left out, never added.
        ``BEST_MEASURE`` (``None``) reads each crime type in its best measure
        (``KnowledgeView.measure_of``).
    real_suppliers_first : where a capability has suppliers backed by real records
        (an offering or a published contract that is not illustrative), leave out
        the illustrative ones for it; ``displaced`` counts them.

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
    if not nx.is_frozen(graph):
        return _view(graph, as_of, include_illustrative, measure, real_suppliers_first)
    scope = (as_of, include_illustrative, measure, real_suppliers_first)
    with _KEPT_LOCK:
        kept = _KEPT.get(graph)
        if kept is None:
            kept = _KEPT[graph] = _Kept()
    # One thread makes a missing view while the others asking for it wait: after a
    # write, many requests ask for the new graph's view at once.
    with kept.lock:
        found = kept.views.get(scope)
        if found is None:
            found = kept.views[scope] = _view(graph, *scope)
            while len(kept.views) > _KEPT_PER_GRAPH:
                del kept.views[next(iter(kept.views))]
    return found


@dataclass
class _Kept:
    """A frozen graph's views by their arguments, oldest first, and the lock that makes them."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    views: dict[tuple[Any, ...], KnowledgeView] = field(default_factory=dict)


_KEPT: weakref.WeakKeyDictionary[nx.MultiDiGraph, _Kept] = weakref.WeakKeyDictionary()
"""The views kept of each frozen graph; gone with their graph."""
_KEPT_PER_GRAPH = 8
_KEPT_LOCK = threading.Lock()


def _view(
    graph: nx.MultiDiGraph,
    as_of: dt.date | None,
    include_illustrative: bool,
    measure: str | None,
    real_suppliers_first: bool,
) -> KnowledgeView:
    out = KnowledgeView(as_of=as_of, measure=measure)
    volume_of: dict[str, str] = {}
    area_of: dict[str, str] = {}
    workforce_of: dict[str, str] = {}
    dropped: set[str] = set()
    for node, data in graph.nodes(data=True):
        table = _TABLES.get(str(data.get("label")))
        if table is None:
            continue
        if not include_illustrative and data.get("illustrative"):
            dropped.add(node)
            continue
        getattr(out, table)[node] = dict(data)
        if table in _NODE_RECORDS:
            out.provenance[table].append(_provenance(data))
    out.dependencies.add_nodes_from(out.capabilities)
    for source, target, key, data in graph.edges(keys=True, data=True):
        kind = data.get("type") or str(key).split(":", 1)[0]
        if not include_illustrative and (
            data.get("illustrative") or source in dropped or target in dropped
        ):
            dropped.add(f"{source}|{target}|{key}")
            continue
        if kind in _EDGE_RECORDS:
            out.provenance[_EDGE_RECORDS[kind]].append(_provenance(data))
        if kind == "DEPENDS_ON":
            out.dependencies.add_edge(
                source, target, reason=data.get("reason", ""), strength=data.get("strength", "HARD")
            )
        elif kind == "NEEDS":
            out.needs[source].add(target)
            out.needed_by[target].add(source)
        elif kind in _ASSESSED:
            day = data.get("assessedOn")
            if as_of is None or not isinstance(day, dt.date) or day <= as_of:
                observed = (
                    day if isinstance(day, dt.date) else dt.date.min,
                    int(data["maturity"]),
                    int(data["target"]),
                    bool(data.get("illustrative", False)),
                    str(data.get("source", "")),
                )
                out.observations[(source, target)].append(observed)
        elif kind == "SERVES":
            out.served_by[target] = source
        elif kind == "VOLUME_OF":
            volume_of[source] = target
        elif kind == "IN_AREA":
            area_of[source] = target
        elif kind == "OFFERS":
            out.offers[target].add(source)
        elif kind == "USES_SUPPLIER":
            out.uses[(source, str(data["capability"]))].add(target)
        elif kind in _CONTRACTS:
            made_up = bool(data.get("illustrative", False))
            for capability in data.get("capabilities") or []:
                out.offers[capability].add(source)
                out.uses[(target, capability)].add(source)
                out.contracts[(source, capability)].append(
                    ContractNotice(
                        supplier=source,
                        buyer=target,
                        contract=str(data.get("contract", "")),
                        title=str(data.get("title", "")),
                        notice_url=data.get("noticeUrl"),
                        value=data.get("value"),
                        illustrative=made_up,
                    )
                )
        elif kind == "WORKFORCE_OF":
            workforce_of[source] = target
        elif kind in _PILOT_LINKS:
            out.pilot_links[source][_PILOT_LINKS[kind]].append(target)
        elif kind == "MEASURED":
            out.benefits[source][target] = (float(data["baseline"]), float(data["result"]))
    for (body, capability), seen in out.observations.items():
        seen.sort()
        _, maturity, target, made_up, cited = seen[-1]
        out.assessments[(body, capability)] = (maturity, target)
        out.assessed[body].add(capability)
        out.provenance["assessments"].append((made_up, cited))
    for figure, data in out.crime_volumes.items():
        wanted = measure is BEST_MEASURE or data.get("measure") == measure
        if wanted and figure in volume_of:
            value, year = data.get("value"), data.get("year")
            if isinstance(value, int) and isinstance(year, int):
                made_up, cited = _provenance(data)
                out.volumes[volume_of[figure]].append(
                    Volume(year, area_of.get(figure), value, made_up, cited, str(data["measure"]))
                )
                out.provenance["crime_volumes"].append((made_up, cited))
    for figure, data in sorted(out.workforce.items(), key=lambda item: str(item[1].get("year"))):
        force, officers = workforce_of.get(figure), data.get("officers")
        if force and isinstance(officers, int | float):
            out.officers[force] = float(officers)
    if real_suppliers_first:
        out.displaced = _displace_illustrative(out, graph)
    out.excluded = len(dropped)
    return out


def _displace_illustrative(kv: KnowledgeView, graph: nx.MultiDiGraph) -> int:
    """Leave out illustrative suppliers of capabilities that real ones serve; how many links."""
    real: dict[str, set[str]] = defaultdict(set)
    for source, target, key, data in graph.edges(keys=True, data=True):
        kind = data.get("type") or str(key).split(":", 1)[0]
        if data.get("illustrative") or kv.suppliers.get(source, {}).get("illustrative"):
            continue
        if kind == "OFFERS":
            real[target].add(source)
        elif kind in _CONTRACTS:
            for capability in data.get("capabilities") or []:
                real[capability].add(source)
    displaced = 0
    for capability, suppliers in kv.offers.items():
        if real.get(capability):
            kept = suppliers & real[capability]
            displaced += len(suppliers - kept)
            kv.offers[capability] = kept
    for (force, capability), suppliers in kv.uses.items():
        if real.get(capability):
            kept = suppliers & real[capability]
            displaced += len(suppliers - kept)
            kv.uses[(force, capability)] = kept
    return displaced


def _provenance(data: dict[str, object]) -> tuple[bool, str]:
    return bool(data.get("illustrative", False)), str(data.get("source") or "")
