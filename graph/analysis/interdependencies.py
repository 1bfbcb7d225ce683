"""Interdependencies between the three stages, and each crime type's chain through them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from graph.analysis.views import STAGES, KnowledgeView
from graph.exceptions import InvalidArgumentError

__all__ = [
    "Chain",
    "ChainStatus",
    "StageLink",
    "chain_statuses",
    "chains",
    "completeness_by_crime_type",
    "completeness_rate",
    "stage_matrix",
]

DEFAULT_THRESHOLD = 2
"""The maturity every capability on a chain must reach for the chain to be complete (2: in place
and in use, if not yet mature)."""


@dataclass(frozen=True)
class StageLink:
    """How many dependencies run from capabilities of one stage to those of another, and which."""

    from_stage: str
    to_stage: str
    count: int
    dependencies: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Chain:
    """What a crime type needs, stage by stage, and the dependencies that tie the stages together.

    ``links`` are the dependencies between two of its needed capabilities of different stages.
    """

    crime_type: str
    stages: dict[str, tuple[str, ...]]
    links: tuple[tuple[str, str], ...]

    @cached_property
    def capabilities(self) -> tuple[str, ...]:
        """Every capability on the chain, in stage order."""
        return tuple(c for stage in STAGES for c in self.stages.get(stage, ()))

    @property
    def spans_all_stages(self) -> bool:
        """Whether it needs something at every stage."""
        return all(self.stages.get(stage) for stage in STAGES)


@dataclass(frozen=True)
class ChainStatus:
    """One force's chain for one crime type: complete or not, and its weakest link.

    ``weakest`` is the capability with the lowest maturity (unassessed counts as 0;
    ties go to the one more capabilities depend on, then to the id); ``short`` lists
    the capabilities below the threshold.
    """

    force: str
    crime_type: str
    complete: bool
    weakest: str | None
    weakest_maturity: int | None
    short: tuple[str, ...]


def stage_matrix(kv: KnowledgeView) -> list[StageLink]:
    """Dependencies counted from each stage to each stage (all nine pairs, in stage order).

    The counts add up to the number of dependencies between capabilities with a stage.

    Parameters
    ----------
    kv : the knowledge view of a projected graph.

    Returns
    -------
    list of StageLink
        One per (from stage, to stage) pair, with the dependencies counted.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.analysis.views import view
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("report", label="Capability", stage="PUBLIC_CONTACT")
    >>> g.add_node("dems", label="Capability", stage="EVIDENCE")
    >>> _ = g.add_edge("report", "dems", key="DEPENDS_ON")
    >>> [(s.from_stage, s.to_stage, s.count) for s in stage_matrix(view(g)) if s.count]
    [('PUBLIC_CONTACT', 'EVIDENCE', 1)]
    """
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = {
        (a, b): [] for a in STAGES for b in STAGES
    }
    for source, target in kv.dependencies.edges():
        key = (kv.stage(source), kv.stage(target))
        if key in pairs:
            pairs[key].append((source, target))
    return [StageLink(a, b, len(deps), tuple(sorted(deps))) for (a, b), deps in pairs.items()]


def chains(kv: KnowledgeView) -> list[Chain]:
    """Every crime type's chain: its needed capabilities by stage and the links between stages.

    Parameters
    ----------
    kv : the knowledge view of a projected graph.

    Returns
    -------
    list of Chain
        One per crime type, sorted by id; a crime type that needs nothing has empty stages.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.analysis.views import view
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("fraud", label="CrimeType")
    >>> g.add_node("report", label="Capability", stage="PUBLIC_CONTACT")
    >>> _ = g.add_edge("fraud", "report", key="NEEDS")
    >>> chains(view(g))[0].stages["PUBLIC_CONTACT"]
    ('report',)
    """
    out = []
    for crime_type in sorted(kv.crime_types):
        needed = kv.needs.get(crime_type, set())
        stages = {
            stage: tuple(sorted(c for c in needed if kv.stage(c) == stage)) for stage in STAGES
        }
        succ = kv.dependencies.succ
        links = tuple(
            sorted(
                (a, b)
                for a in needed
                if a in succ
                for b in succ[a]
                if b in needed and kv.stage(a) != kv.stage(b)
            )
        )
        out.append(Chain(crime_type=crime_type, stages=stages, links=links))
    return out


def chain_statuses(
    kv: KnowledgeView,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    forces: list[str] | None = None,
    caps: dict[str, dict[str, int]] | None = None,
) -> list[ChainStatus]:
    """For each force (territorial unless ``forces`` says) and crime type, its chain's status.

    A force's chains are those of the crime types that need a capability it has been
    assessed on (with the seed graph: every crime type). A chain is complete when
    every capability on it is at ``threshold`` or above for that force, read from
    whoever delivers it (``KnowledgeView.maturity``: the force, its regional unit or
    the national body; an unassessed one counts as 0). ``caps`` (force id to
    capability to level) bounds maturities from above, for what-if scenarios. Sorted
    by crime type, then force.

    Parameters
    ----------
    kv : the knowledge view of a projected graph.
    threshold : the maturity every capability of a complete chain reaches, 0 to 5.
    forces : the forces to report on (default: every territorial force).
    caps : upper bounds on maturity, by force and capability.

    Returns
    -------
    list of ChainStatus

    Raises
    ------
    InvalidArgumentError
        ``threshold`` is not from 0 to 5.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.analysis.views import view
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("kent", label="Force", forceKind="TERRITORIAL")
    >>> g.add_node("fraud", label="CrimeType")
    >>> g.add_node("osint", label="Capability", stage="INVESTIGATION")
    >>> _ = g.add_edge("fraud", "osint", key="NEEDS")
    >>> _ = g.add_edge("kent", "osint", key="HAS_CAPABILITY", maturity=1, target=3)
    >>> [(s.force, s.complete, s.weakest) for s in chain_statuses(view(g))]
    [('kent', False, 'osint')]
    """
    if not 0 <= threshold <= 5:
        raise InvalidArgumentError("threshold must be from 0 to 5", argument="threshold")
    chosen = forces if forces is not None else _territorial(kv)
    dependents = {c: len(kv.dependencies.pred[c]) for c in kv.dependencies}
    by_crime = {chain.crime_type: chain for chain in chains(kv) if chain.capabilities}
    in_scope = {force: kv.crime_types_of(kv.assessed.get(force, set())) for force in chosen}
    pairs = sorted(
        (crime_type, force)
        for force in chosen
        for crime_type in in_scope[force]
        if crime_type in by_crime
    )
    # Each chain's capabilities in tie-break order (most dependents, then id): the first
    # at the lowest level is its weakest link.
    ordered = {
        crime: sorted(chain.capabilities, key=lambda c: (-dependents.get(c, 0), c))
        for crime, chain in by_crime.items()
    }
    statuses = []
    for crime_type, force in pairs:
        chain = by_crime[crime_type]
        members = chain.capabilities
        levels = kv.levels(force, members)
        for capability, cap in (caps or {}).get(force, {}).items():
            if capability in levels:
                levels[capability] = min(levels[capability], cap)
        weakest = min(ordered[crime_type], key=levels.__getitem__)
        short = tuple(c for c in members if levels[c] < threshold)
        statuses.append(
            ChainStatus(
                force=force,
                crime_type=chain.crime_type,
                complete=not short,
                weakest=weakest,
                weakest_maturity=levels[weakest],
                short=short,
            )
        )
    return statuses


def completeness_by_crime_type(statuses: list[ChainStatus]) -> dict[str, float]:
    """For each crime type, the share of forces whose chain is complete.

    Parameters
    ----------
    statuses : chain statuses, as ``chain_statuses`` gives them.

    Returns
    -------
    dict
        Crime type id to a share from 0 to 1, sorted by id.
    """
    totals: dict[str, list[int]] = {}
    for status in statuses:
        done, seen = totals.setdefault(status.crime_type, [0, 0])
        totals[status.crime_type] = [done + status.complete, seen + 1]
    return {crime: done / seen for crime, (done, seen) in sorted(totals.items())}


def completeness_rate(statuses: list[ChainStatus]) -> float:
    """Share of all the given chains that are complete (0 when there are none).

    Parameters
    ----------
    statuses : chain statuses, as ``chain_statuses`` gives them.

    Returns
    -------
    float
        From 0 to 1.
    """
    return sum(s.complete for s in statuses) / len(statuses) if statuses else 0.0


def _territorial(kv: KnowledgeView) -> list[str]:
    return sorted(f for f, data in kv.forces.items() if data.get("forceKind") == "TERRITORIAL")
