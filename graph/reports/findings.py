"""The findings a report opens with: three to five plain sentences a planner can act on."""

from __future__ import annotations

from collections import Counter
from statistics import fmean

from graph.analysis.changes import MaturityChange
from graph.analysis.impact import Impact
from graph.analysis.pilots import PilotResult, RolloutCandidate
from graph.analysis.report import DependencyReport
from graph.analysis.unmet_needs import UnmetNeed
from graph.analysis.views import STAGES, KnowledgeView
from graph.reports.stages import STAGE_NAME

__all__ = ["dependency_findings", "impact_findings", "need_findings", "pilot_findings"]


def dependency_findings(
    report: DependencyReport,
    kv: KnowledgeView,
    *,
    changes: list[MaturityChange] | None = None,
    since: str = "",
) -> list[str]:
    """What the dependency report shows: for one force when it is about one, else nationally.

    ``changes`` (those since the day ``since``) add a sentence on how maturity moved.
    """
    said = _force_findings(report, kv) if report.force else _national_findings(report, kv)
    if changes is not None:
        said.insert(min(len(said), 4), _moved(changes, since))
    return said[:5]


def _national_findings(report: DependencyReport, kv: KnowledgeView) -> list[str]:
    statuses = report.statuses
    complete = sum(s.complete for s in statuses)
    said = [
        f"{complete:,} of {len(statuses):,} force and crime-type chains "
        f"({_share(complete, len(statuses))}) are complete: every capability they need "
        f"at maturity {report.threshold} or above."
    ]
    said += _weakest(report, kv, "the")
    ranked = report.criticality.bottlenecks
    if ranked:
        most = ranked[0].transitive_dependents
        top = [kv.name(b.capability) for b in ranked if b.transitive_dependents == most]
        others = f"{most:,} of the other {len(kv.capabilities) - 1:,} capabilities"
        said.append(
            f"{top[0]} is the top bottleneck: {others} depend on it, directly or through others."
            if len(top) == 1
            else f"{_listed(top)} are the top bottlenecks: {others} depend on each, "
            "directly or through others."
        )
    forces = {s.force for s in statuses}
    below: Counter[str] = Counter()
    assessed: Counter[str] = Counter()
    for (holder, capability), (maturity, target) in kv.assessments.items():
        if holder in forces:
            assessed[capability] += 1
            below[capability] += maturity < target
    if below and max(below.values()) > 0:
        most = max(below.values())
        tied = sorted((c for c, n in below.items() if n == most), key=kv.name)
        if len(tied) == 1:
            said.append(
                f"{kv.name(tied[0])} falls short of target in more forces than any other "
                f"capability: {most:,} of the {assessed[tied[0]]:,} assessed on it."
            )
        else:
            said.append(
                f"{len(tied):,} capabilities fall short of target in {most:,} forces, more "
                f"than any other: {_listed([kv.name(c) for c in tied])}."
            )
    said += _rollout(report.rollout, kv)
    return said


def _force_findings(report: DependencyReport, kv: KnowledgeView) -> list[str]:
    name = kv.name(report.force or "")
    statuses = report.statuses
    complete = sum(s.complete for s in statuses)
    said = [
        f"{complete:,} of {name}'s {len(statuses):,} crime-type chains are complete, from "
        f"public contact to evidence, with every capability at maturity {report.threshold} "
        "or above."
    ]
    said += _weakest(report, kv, f"{name}'s")
    holdings = {c: mt for (f, c), mt in kv.assessments.items() if f == report.force}
    means = {
        stage: fmean(m for c, (m, _) in holdings.items() if kv.stage(c) == stage)
        for stage in STAGES
        if any(kv.stage(c) == stage for c in holdings)
    }
    if len(means) > 1 and len(set(means.values())) > 1:
        low, high = min(means.values()), max(means.values())
        lowest = [STAGE_NAME[s].lower() for s in STAGES if means.get(s) == low]
        highest = [STAGE_NAME[s].lower() for s in STAGES if means.get(s) == high]
        stages = " and ".join(lowest).capitalize()
        plural = "its least mature stages" if len(lowest) > 1 else "its least mature stage"
        said.append(
            f"{stages} {'are' if len(lowest) > 1 else 'is'} {plural} (mean maturity "
            f"{low:.1f}, against {high:.1f} for {' and '.join(highest)})."
        )
    gaps = sorted(
        ((t - m, c) for c, (m, t) in holdings.items() if m < t),
        key=lambda g: (-g[0], kv.name(g[1])),
    )
    if gaps:
        widest = [kv.name(c) for gap, c in gaps if gap == gaps[0][0]]
        named = _listed(widest)
        levels = "level" if gaps[0][0] == 1 else "levels"
        said.append(
            f"Its widest gap to target is {gaps[0][0]} {levels}, on {named}; "
            f"{len(gaps):,} of its {len(holdings):,} capabilities are below target."
        )
    said += _rollout(report.rollout, kv)
    return said


def _weakest(report: DependencyReport, kv: KnowledgeView, whose: str) -> list[str]:
    """The capability that most often breaks a chain, if any chain is broken."""
    if not report.weakest_links:
        return []
    capability, count = report.weakest_links[0]
    broken = sum(not s.complete for s in report.statuses)
    if broken == 1:
        return [f"{kv.name(capability)} is the weakest link in {whose} only incomplete chain."]
    return [
        f"{kv.name(capability)} is the weakest link in {count:,} of {whose} "
        f"{broken:,} incomplete chains."
    ]


def _rollout(rollout: list[RolloutCandidate], kv: KnowledgeView) -> list[str]:
    """The pilot that could reach the most forces below target, if there is one."""
    reach = Counter((r.capability, r.pilot) for r in rollout)
    if not reach:
        return []
    (capability, pilot), _ = min(reach.items(), key=lambda item: (-item[1], kv.name(item[0][0])))
    improvement = next(r.mean_improvement for r in rollout if r.pilot == pilot)
    reached = _forces({r.force for r in rollout if r.capability == capability}, kv)
    return [
        f"{kv.name(pilot)} improved {kv.name(capability)} by {improvement:.0%} on the "
        f"shared metrics; rolled out, it would reach {reached} below target."
    ]


def _forces(ids: set[str], kv: KnowledgeView) -> str:
    """How many forces, in words: "43 forces", or "47 forces and national bodies" when some
    of them are not territorial forces (the NCA, British Transport Police, ...)."""
    others = sum(kv.forces.get(f, {}).get("forceKind") != "TERRITORIAL" for f in ids)
    noun = "force" if len(ids) == 1 else "forces"
    return f"{len(ids):,} {noun}" + (" and national bodies" if others else "")


def _moved(changes: list[MaturityChange], since: str) -> str:
    rose = sum(c.rose for c in changes)
    fell = sum(c.fell for c in changes)
    new = len(changes) - rose - fell
    first = (
        f"{new:,} holding{' was' if new == 1 else 's were'} first assessed after {since}"
        if new
        else ""
    )
    if not (rose or fell):
        return (
            f"Maturity has not moved on any holding assessed by {since}; {first}."
            if new
            else f"Maturity has not moved on any holding since {since}."
        )
    holdings = "holding" if rose == 1 else "holdings"
    moved = f"Since {since}, maturity rose on {rose:,} {holdings} and fell on {fell:,}"
    return f"{moved}; {first}." if new else f"{moved}."


def need_findings(needs: list[UnmetNeed], gaps: list[UnmetNeed], kv: KnowledgeView) -> list[str]:
    """What a firm would take from the unmet needs: the top need, the untouched markets."""
    said = []
    if needs:
        top = needs[0]
        suppliers = len(top.suppliers)
        said.append(
            f"{kv.name(top.capability)} ({STAGE_NAME[kv.stage(top.capability)].lower()}) is the "
            f"largest unmet need a firm could serve: {top.forces_below_target:,} of "
            f"{top.forces_assessed:,} holders are below target, "
            + (
                f"served by {suppliers:,} supplier{'' if suppliers == 1 else 's'}."
                if suppliers
                else "and no supplier serves it."
            )
        )
        unserved = [n for n in needs if not n.suppliers]
        others = [n for n in unserved if n is not top]
        if others:
            after = "" if top.suppliers else f"after {kv.name(top.capability)}, "
            said.append(
                f"{len(unserved):,} of the {len(needs):,} needs have no supplier at all; "
                f"{after}the largest is {kv.name(others[0].capability)}."
            )
        by_stage = Counter(kv.stage(n.capability) for n in needs)
        stage, count = min(by_stage.items(), key=lambda item: (-item[1], STAGES.index(item[0])))
        said.append(f"{STAGE_NAME[stage]} holds the most of them: {count:,} of {len(needs):,}.")
    else:
        said.append("No capability in scope is below target where a firm could serve it.")
    if gaps:
        said.append(
            f"{len(gaps):,} further gaps are police functions no supplier can serve; the "
            f"largest is {kv.name(gaps[0].capability)}."
        )
    return said


def pilot_findings(
    results: list[PilotResult], rollout: list[RolloutCandidate], kv: KnowledgeView
) -> list[str]:
    """How the pilots did on the shared metrics, and where their results could go next."""
    if not results:
        return ["No pilot is recorded in scope."]
    worked = [r for r in results if r.successful]
    said = [f"{len(worked):,} of {len(results):,} pilots improved on their shared metrics."]
    best = max(results, key=lambda r: r.mean_improvement if r.mean_improvement is not None else -1)
    if best.mean_improvement is not None:
        said.append(
            f"{kv.name(best.pilot)} did best: {best.mean_improvement:+.0%} on average "
            f"across its metrics."
        )
    said += _rollout(rollout, kv)
    capabilities = {r.capability for r in rollout}
    if rollout:
        forces = _forces({r.force for r in rollout}, kv)
        said.append(
            f"In all, {forces} are below target on {len(capabilities):,} "
            "capabilities a successful pilot improved."
        )
    return said


def impact_findings(result: Impact, kv: KnowledgeView) -> list[str]:
    """What the scenario takes away, in the order a planner would brief it."""
    volume = sum(v for _, v, _ in result.crime_types)
    lost = len(result.capabilities)
    said = [
        f"If {result.scenario}, {lost:,} capabilit{'y is' if lost == 1 else 'ies are'} lost "
        f"and {len(result.degraded):,} more degraded."
    ]
    breaks = "chain breaks" if result.chains_broken == 1 else "chains break"
    said.append(
        f"{result.chains_broken:,} complete {breaks}, across crime types with "
        f"{volume:,} crimes a year."
        if result.chains_broken
        else "No complete chain breaks."
    )
    if result.crime_types:
        crime, crimes, forces = result.crime_types[0]
        said.append(
            f"The largest crime type hit is {kv.name(crime)} ({crimes:,} a year), in "
            f"{forces:,} force{'' if forces == 1 else 's'}."
        )
    if result.forces:
        force, chains, crimes = result.forces[0]
        said.append(
            f"{kv.name(force)} loses the most: {chains:,} chain{'' if chains == 1 else 's'}, "
            f"covering {crimes:,} crimes a year in its area."
        )
    return said


def _listed(names: list[str]) -> str:
    """Up to three names joined in words, then how many more."""
    if len(names) > 3:
        return f"{', '.join(names[:3])} and {len(names) - 3:,} more"
    return " and ".join(names)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "none"
