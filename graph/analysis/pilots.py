"""Pilot benefits compared on shared metrics, and where a successful pilot should go next."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from graph.analysis.views import KnowledgeView

__all__ = ["PilotResult", "RolloutCandidate", "compare_pilots", "improvement", "rollout_candidates"]


@dataclass(frozen=True)
class PilotResult:
    """A pilot's results: relative improvement per metric, their mean, and whether it succeeded.

    A pilot succeeded when it completed and its mean relative improvement is positive.
    """

    pilot: str
    status: str
    capabilities: tuple[str, ...]
    improvements: dict[str, float]
    mean_improvement: float | None
    successful: bool


@dataclass(frozen=True)
class RolloutCandidate:
    """A force below target on a capability that a successful pilot (run elsewhere) improved."""

    force: str
    capability: str
    pilot: str
    gap: int
    mean_improvement: float


def improvement(baseline: float, result: float, *, higher_is_better: bool) -> float | None:
    """Relative improvement, positive when the result is better in the metric's direction.

    ``None`` when the baseline is 0 (no relative change can be stated).

    Parameters
    ----------
    baseline, result : the measurement before and after.
    higher_is_better : the metric's direction.

    Returns
    -------
    float or None
        Rounded to six places.

    Examples
    --------
    >>> improvement(62, 9, higher_is_better=False)  # days to first examination fell
    0.854839
    >>> improvement(70, 63, higher_is_better=True)  # satisfaction fell
    -0.1
    """
    if baseline == 0:
        return None
    sign = 1 if higher_is_better else -1
    return round(sign * (result - baseline) / abs(baseline), 6)


def compare_pilots(kv: KnowledgeView) -> list[PilotResult]:
    """Every pilot's results, best mean improvement first (unmeasured pilots last).

    Parameters
    ----------
    kv : the knowledge view of a projected graph.

    Returns
    -------
    list of PilotResult
    """
    results = []
    for pilot, data in kv.pilots.items():
        changes = {}
        for metric, (baseline, result) in kv.benefits.get(pilot, {}).items():
            higher = bool(kv.metrics.get(metric, {}).get("higherIsBetter", True))
            change = improvement(baseline, result, higher_is_better=higher)
            if change is not None:
                changes[metric] = change
        mean = round(fmean(changes.values()), 6) if changes else None
        status = str(data.get("status", ""))
        results.append(
            PilotResult(
                pilot=pilot,
                status=status,
                capabilities=tuple(sorted(kv.pilot_links.get(pilot, {}).get("capabilities", []))),
                improvements=dict(sorted(changes.items())),
                mean_improvement=mean,
                successful=status == "COMPLETED" and mean is not None and mean > 0,
            )
        )
    return sorted(
        results, key=lambda r: (r.mean_improvement is None, -(r.mean_improvement or 0), r.pilot)
    )


def rollout_candidates(
    kv: KnowledgeView, results: list[PilotResult] | None = None
) -> list[RolloutCandidate]:
    """Forces below target on a capability a successful pilot improved, biggest gap first.

    Forces that ran the pilot are left out; each (force, capability) is paired with
    the most successful pilot of that capability.

    Parameters
    ----------
    kv : the knowledge view of a projected graph.
    results : ``compare_pilots(kv)``, if already computed.

    Returns
    -------
    list of RolloutCandidate
    """
    best: dict[str, PilotResult] = {}
    for result in results if results is not None else compare_pilots(kv):
        if not result.successful:
            continue
        for capability in result.capabilities:
            current = best.get(capability)
            if current is None or (result.mean_improvement or 0) > (current.mean_improvement or 0):
                best[capability] = result
    candidates = []
    for (force, capability), (maturity, target) in kv.assessments.items():
        pilot = best.get(capability)
        if pilot is None or maturity >= target:
            continue
        if force in kv.pilot_links.get(pilot.pilot, {}).get("forces", []):
            continue
        candidates.append(
            RolloutCandidate(
                force, capability, pilot.pilot, target - maturity, pilot.mean_improvement or 0.0
            )
        )
    return sorted(candidates, key=lambda c: (-c.gap, -c.mean_improvement, c.force, c.capability))
