"""What if a capability or supplier went away, or a force's maturity fell: who loses coverage."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.analysis.interdependencies import DEFAULT_THRESHOLD, chain_statuses
from graph.analysis.views import KnowledgeView
from graph.exceptions import InvalidArgumentError

__all__ = ["BASIS_KINDS", "Impact", "Scenario", "impact"]


@dataclass(frozen=True)
class Scenario:
    """One change to test. Give exactly one of ``capability``, ``supplier`` or ``force``.

    - ``capability``: the capability is gone for every force.
    - ``supplier``: the supplier is gone; a force loses a capability it bought only from it.
    - ``force`` with ``capability`` and ``maturity``: that force's maturity drops to ``maturity``.
    """

    capability: str | None = None
    supplier: str | None = None
    force: str | None = None
    maturity: int | None = None

    def describe(self, kv: KnowledgeView) -> str:
        """The scenario in words."""
        if self.force is not None and self.capability is not None:
            return (
                f"{kv.name(self.force)}'s maturity on {kv.name(self.capability)} "
                f"drops to {self.maturity}"
            )
        if self.capability is not None:
            return f"{kv.name(self.capability)} is no longer available"
        return f"supplier {kv.name(str(self.supplier))} is no longer available"


BASIS_KINDS = (
    "assessments",
    "dependencies",
    "crime_needs",
    "crime_volumes",
    "force_suppliers",
    "contracts",
)
"""The record kinds an impact rests on (``graph.analysis.basis.basis``)."""


@dataclass(frozen=True)
class Impact:
    """What a scenario takes away, ranked by the annual crime volume affected.

    ``capabilities``: capabilities lost, directly or because they depend hard on one
    lost; ``degraded``: capabilities that still work, worse, because they depend soft on
    one lost (directly or through others lost); ``crime_types``: (crime type, its volume,
    forces whose chain broke), most volume first, the volume national, or the force's
    own for a scenario about one force; ``forces``: (force, chains broken, volume of their
    crime types in the force's area), most volume first. A force without its own figure
    is credited its share of the national one (``KnowledgeView.volume_figure``).
    """

    scenario: str
    capabilities: list[str]
    degraded: list[str]
    crime_types: list[tuple[str, int, int]]
    forces: list[tuple[str, int, int]]
    chains_broken: int


def impact(kv: KnowledgeView, scenario: Scenario, *, threshold: int = DEFAULT_THRESHOLD) -> Impact:
    """Compare territorial forces' chains before and after ``scenario``.

    A capability is only as mature as what it cannot work without: when a capability
    falls to level *m* for a force (0 when it is gone), every capability that depends
    on it through ``HARD`` dependencies, transitively, is capped at *m* for that force
    too. A capability that reaches the fallen ones only through a ``SOFT`` dependency
    keeps its level and is reported as degraded. A chain breaks when it was complete
    before and is not after; a scenario only lowers levels, so it never completes a
    chain. ``capabilities`` lists those capped at 0 anywhere, ``degraded`` those
    degraded anywhere.

    Parameters
    ----------
    kv : the knowledge view of a projected graph.
    scenario : the change to test.
    threshold : the maturity every capability of a complete chain reaches, 0 to 5.

    Returns
    -------
    Impact

    Raises
    ------
    InvalidArgumentError
        The scenario names nothing the graph has, or is not one of the three forms,
        or ``threshold`` is not from 0 to 5.
    """
    caps = _caps(kv, scenario)
    forces = sorted(caps)
    before = {
        (s.force, s.crime_type): s.complete
        for s in chain_statuses(kv, threshold=threshold, forces=forces)
    }
    after = chain_statuses(kv, threshold=threshold, forces=forces, caps=caps)
    broken = [s for s in after if before[(s.force, s.crime_type)] and not s.complete]
    by_crime: dict[str, int] = {}
    by_force: dict[str, set[str]] = {}
    for status in broken:
        by_crime[status.crime_type] = by_crime.get(status.crime_type, 0) + 1
        by_force.setdefault(status.force, set()).add(status.crime_type)
    lost_everywhere = sorted(
        {c for bound in caps.values() for c, level in bound.items() if level == 0}
    )
    capped = {c for bound in caps.values() for c in bound}
    degraded = sorted(_soft_dependents(kv, capped) - capped)
    area = scenario.force
    crime_rows = sorted(
        ((c, kv.volume(c, area=area), n) for c, n in by_crime.items()),
        key=lambda r: (-r[1], -r[2], r[0]),
    )
    force_rows = sorted(
        ((f, len(cs), sum(kv.volume(c, area=f) for c in cs)) for f, cs in by_force.items()),
        key=lambda r: (-r[2], -r[1], r[0]),
    )
    return Impact(
        scenario=scenario.describe(kv),
        capabilities=lost_everywhere,
        degraded=degraded,
        crime_types=crime_rows,
        forces=force_rows,
        chains_broken=len(broken),
    )


def _caps(kv: KnowledgeView, scenario: Scenario) -> dict[str, dict[str, int]]:
    territorial = [f for f, d in kv.forces.items() if d.get("forceKind") == "TERRITORIAL"]
    if scenario.force is not None:
        if scenario.force not in kv.forces or scenario.capability not in kv.capabilities:
            raise InvalidArgumentError("the force or capability is not in the graph")
        if scenario.maturity is None or not 0 <= scenario.maturity <= 5:
            raise InvalidArgumentError("a maturity from 0 to 5 is needed", argument="maturity")
        return {scenario.force: _capped(kv, {scenario.capability}, scenario.maturity)}
    if scenario.capability is not None:
        if scenario.capability not in kv.capabilities:
            raise InvalidArgumentError(f"unknown capability {scenario.capability!r}")
        gone = _capped(kv, {scenario.capability}, 0)
        return {force: gone for force in territorial}
    if scenario.supplier is not None:
        if scenario.supplier not in kv.suppliers:
            raise InvalidArgumentError(f"unknown supplier {scenario.supplier!r}")
        caps: dict[str, dict[str, int]] = {force: {} for force in territorial}
        for (force, capability), suppliers in kv.uses.items():
            if force in caps and suppliers == {scenario.supplier}:
                caps[force].update(_capped(kv, {capability}, 0))
        return caps
    raise InvalidArgumentError(
        "a scenario names a capability, a supplier, or a force with a capability"
    )


def _capped(kv: KnowledgeView, capabilities: set[str], level: int) -> dict[str, int]:
    """``level`` for the capabilities given and every one that depends hard on them."""
    hard = _hard_dependencies(kv)
    affected = set(capabilities)
    for capability in capabilities:
        if capability in hard:
            affected |= nx.ancestors(hard, capability)
    return dict.fromkeys(affected, level)


def _hard_dependencies(kv: KnowledgeView) -> nx.DiGraph:
    """The dependency graph with its ``SOFT`` edges left out."""
    return nx.subgraph_view(
        kv.dependencies,
        filter_edge=lambda a, b: kv.dependencies.edges[a, b].get("strength", "HARD") == "HARD",
    )


def _soft_dependents(kv: KnowledgeView, capped: set[str]) -> set[str]:
    """Capabilities that depend soft on one of ``capped``, and what depends hard on those."""
    direct = {
        a
        for b in capped
        if b in kv.dependencies
        for a in kv.dependencies.predecessors(b)
        if kv.dependencies.edges[a, b].get("strength", "HARD") == "SOFT"
    }
    hard = _hard_dependencies(kv)
    found = set(direct)
    for capability in direct:
        found |= nx.ancestors(hard, capability)
    return found
