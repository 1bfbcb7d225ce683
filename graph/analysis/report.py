"""The dependency report planners read: every analysis of the graph, optionally for one force."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from graph.analysis.criticality import Criticality, criticality
from graph.analysis.interdependencies import (
    DEFAULT_THRESHOLD,
    Chain,
    ChainStatus,
    StageLink,
    chain_statuses,
    chains,
    completeness_by_crime_type,
    completeness_rate,
    stage_matrix,
)
from graph.analysis.pilots import PilotResult, RolloutCandidate, compare_pilots, rollout_candidates
from graph.analysis.views import KnowledgeView
from graph.exceptions import NotFoundError

__all__ = ["DependencyReport", "dependency_report"]

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DependencyReport:
    """Everything the planners' report shows, computed once.

    ``statuses`` cover every territorial force, or only ``force`` when one is given;
    ``weakest_links`` count how often each capability is the weakest link of a chain.
    """

    force: str | None
    threshold: int
    stage_links: list[StageLink]
    chains: list[Chain]
    statuses: list[ChainStatus]
    completeness: dict[str, float]
    weakest_links: list[tuple[str, int]]
    criticality: Criticality
    pilots: list[PilotResult]
    rollout: list[RolloutCandidate]

    @property
    def completeness_rate(self) -> float:
        """Share of (force, crime type) chains that are complete."""
        return completeness_rate(self.statuses)


def dependency_report(
    kv: KnowledgeView,
    *,
    force: str | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    progress: Progress | None = None,
) -> DependencyReport:
    """Run every analysis for the report; ``progress`` is told each step's name.

    Parameters
    ----------
    kv : the knowledge view of a projected graph.
    force : one force's view (its id), or every territorial force.
    threshold : the maturity every capability of a complete chain reaches, 0 to 5.
    progress : called with each step's name as it starts.

    Returns
    -------
    DependencyReport

    Raises
    ------
    NotFoundError
        ``force`` is not in the graph.
    InvalidArgumentError
        ``threshold`` is not from 0 to 5.
    """
    if force is not None and force not in kv.forces:
        raise NotFoundError(f"unknown force {force!r}", kind="force", id=force)

    def step(name: str) -> None:
        if progress:
            progress(name)

    step("interdependencies")
    links = stage_matrix(kv)
    all_chains = chains(kv)
    step("chains")
    statuses = chain_statuses(kv, threshold=threshold, forces=[force] if force else None)
    step("bottlenecks")
    critical = criticality(kv.dependencies)
    step("pilots")
    results = compare_pilots(kv)
    rollout = rollout_candidates(kv, results)
    if force is not None:
        rollout = [r for r in rollout if r.force == force]
    weakest = Counter(s.weakest for s in statuses if s.weakest and not s.complete)
    return DependencyReport(
        force=force,
        threshold=threshold,
        stage_links=links,
        chains=all_chains,
        statuses=statuses,
        completeness=completeness_by_crime_type(statuses),
        weakest_links=sorted(weakest.items(), key=lambda item: (-item[1], item[0])),
        criticality=critical,
        pilots=results,
        rollout=rollout,
    )
