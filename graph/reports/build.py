"""Assembling a report of one kind from the projected graph: title, summary, tables, figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import networkx as nx

from graph.analysis.basis import Basis, basis
from graph.analysis.changes import maturity_changes
from graph.analysis.impact import BASIS_KINDS as IMPACT_BASIS
from graph.analysis.impact import Scenario, impact
from graph.analysis.interdependencies import DEFAULT_THRESHOLD
from graph.analysis.pilots import compare_pilots, rollout_candidates
from graph.analysis.report import DependencyReport, dependency_report
from graph.analysis.unmet_needs import unmet_needs
from graph.analysis.views import BEST_MEASURE, KnowledgeView, view
from graph.exceptions import InvalidArgumentError
from graph.reports import findings, tables
from graph.reports.tables import Table

__all__ = ["BuiltReport", "ReportKind", "build_report"]

Progress = Callable[[str], None]


class ReportKind(StrEnum):
    """The reports ``diikg report`` makes."""

    DEPENDENCIES = "dependencies"
    UNMET_NEEDS = "unmet-needs"
    PILOTS = "pilots"
    IMPACT = "impact"


@dataclass
class BuiltReport:
    """A report's content; ``figures`` are drawn only when asked for (HTML)."""

    title: str
    summary: dict[str, Any]
    tables: list[Table]
    basis: Basis
    findings: list[str]
    """Three to five sentences that say what the report shows, first in every format."""
    as_of: dt.date | None = None
    draw: Callable[[], list[tuple[str, str]]] = field(default=lambda: [])

    def figures(self) -> list[tuple[str, str]]:
        """(caption, inline SVG) pairs, figures first in the HTML."""
        return self.draw()


def build_report(
    graph: nx.MultiDiGraph,
    kind: ReportKind,
    *,
    force: str | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    scenario: Scenario | None = None,
    filters: dict[str, str | None] | None = None,
    progress: Progress | None = None,
    as_of: dt.date | None = None,
    since: dt.date | None = None,
    include_illustrative: bool = True,
    measure: str | None = BEST_MEASURE,
    real_suppliers_first: bool = True,
) -> BuiltReport:
    """The report ``kind`` on ``graph``, with holdings as of ``as_of`` (default: the latest).

    Every report carries its basis (``BuiltReport.basis``). The dependency report with
    ``since`` adds the change in maturity of each holding between that day and
    ``as_of``. ``include_illustrative=False`` leaves every illustrative record out;
    ``measure`` is the one crime volume measure crime is weighted by (``BEST_MEASURE``:
    each crime type's best); ``real_suppliers_first`` leaves out illustrative suppliers
    of capabilities that real ones serve.

    Raises
    ------
    NotFoundError
        The force named is not in the graph.
    InvalidArgumentError
        A capability or supplier named is not in the graph, or ``impact`` has no
        scenario.
    """
    kv = view(
        graph,
        as_of=as_of,
        include_illustrative=include_illustrative,
        measure=measure,
        real_suppliers_first=real_suppliers_first,
    )
    if kind is ReportKind.DEPENDENCIES:
        report = dependency_report(kv, force=force, threshold=threshold, progress=progress)
        changes: list[Table] = []
        moved = None
        summary_since: dict[str, Any] = {}
        if since is not None:
            then = view(
                graph, as_of=since, include_illustrative=include_illustrative, measure=measure
            )
            moved = maturity_changes(kv, then, force=force)
            changes = [tables.change_since(moved, kv, since)]
            summary_since = {f"holdings changed since {since.isoformat()}": len(moved)}
        return BuiltReport(
            title=f"Dependency report: {kv.name(force) if force else 'all territorial forces'}",
            summary={
                **(_force_summary(report, kv) if force else _national_summary(report, kv)),
                **summary_since,
            },
            tables=changes + tables.dependency_tables(report, kv),
            basis=basis(
                kv, "assessments", "dependencies", "crime_needs", "crime_volumes", "pilots"
            ),
            findings=findings.dependency_findings(
                report, kv, changes=moved, since=since.isoformat() if since else ""
            ),
            draw=lambda: _dependency_figures(report, kv),
            as_of=as_of,
        )
    if kind is ReportKind.UNMET_NEEDS:
        f = filters or {}
        needs, gaps = (
            unmet_needs(
                graph,
                stage=f.get("stage"),
                region=f.get("region"),
                crime_type=f.get("crime_type"),
                as_of=as_of,
                include_illustrative=include_illustrative,
                measure=measure,
                organisational=organisational,
                real_suppliers_first=real_suppliers_first,
            )
            for organisational in (False, True)
        )
        return BuiltReport(
            title="Unmet needs",
            summary={
                "needs a firm could serve": len(needs),
                "top need": kv.name(needs[0].capability) if needs else "none",
                "organisational gaps": len(gaps),
            },
            tables=tables.unmet_need_tables(needs, gaps, kv),
            findings=findings.need_findings(needs, gaps, kv),
            basis=basis(
                kv,
                "assessments",
                "crime_needs",
                "crime_volumes",
                "offerings",
                "contracts",
                "suppliers",
            ),
            as_of=as_of,
        )
    if kind is ReportKind.PILOTS:
        results = compare_pilots(kv)
        rollout = rollout_candidates(kv, results)
        if force is not None:
            rollout = [r for r in rollout if r.force == force]
        return BuiltReport(
            title="Pilot benefits and roll-out candidates",
            summary={
                "pilots": len(results),
                "successful": sum(r.successful for r in results),
                "roll-out candidates": len(rollout),
            },
            tables=tables.pilot_tables(results, rollout, kv),
            findings=findings.pilot_findings(results, rollout, kv),
            basis=basis(kv, "pilots", "assessments"),
            as_of=as_of,
        )
    if scenario is None:
        raise InvalidArgumentError(
            "an impact report needs --capability, --supplier, "
            "or --force with --capability and --maturity"
        )
    result = impact(kv, scenario, threshold=threshold)
    return BuiltReport(
        title=f"Impact: {result.scenario}",
        summary={
            "capabilities lost": len(result.capabilities),
            "capabilities degraded": len(result.degraded),
            "chains broken": result.chains_broken,
            "crime volume affected": f"{sum(v for _, v, _ in result.crime_types):,}",
        },
        tables=tables.impact_tables(result, kv),
        findings=findings.impact_findings(result, kv),
        basis=basis(kv, *IMPACT_BASIS, per_force=True),
        as_of=as_of,
    )


def _national_summary(report: DependencyReport, kv: KnowledgeView) -> dict[str, Any]:
    top = report.criticality.bottlenecks[:1]
    return {
        "capabilities": len(kv.capabilities),
        "dependencies": kv.dependencies.number_of_edges(),
        "across stages": sum(s.count for s in report.stage_links if s.from_stage != s.to_stage),
        "chains complete": f"{report.completeness_rate:.0%}",
        "top bottleneck": kv.name(top[0].capability) if top else "none",
        "threshold maturity": report.threshold,
    }


def _force_summary(report: DependencyReport, kv: KnowledgeView) -> dict[str, Any]:
    held = [(m, t) for (f, _), (m, t) in kv.assessments.items() if f == report.force]
    complete = sum(s.complete for s in report.statuses)
    weakest = report.weakest_links[:1]
    return {
        "capabilities assessed": len(held),
        "below target": sum(m < t for m, t in held),
        "chains complete": f"{complete} of {len(report.statuses)}",
        "most common weakest link": kv.name(weakest[0][0]) if weakest else "none",
        "threshold maturity": report.threshold,
    }


def _dependency_figures(report: DependencyReport, kv: KnowledgeView) -> list[tuple[str, str]]:
    """(caption, SVG) of the dependency report: the capability graph, then where forces stand."""
    from graph.reports import figures  # matplotlib: imported only when drawing

    drawn = [
        (
            "How dependencies run between public contact, investigation and evidence "
            "(the same for every force).",
            figures.to_svg(figures.stage_flow(report)),
        ),
    ]
    capability_map = figures.dependency_map(report, kv)
    if capability_map is not None:
        drawn.append(
            (
                "Every capability and dependency, by stage: an arrow runs from a capability "
                "to one it depends on.",
                figures.to_svg(capability_map),
            )
        )
    if report.force is not None:
        return [
            *drawn,
            (
                f"How far {kv.name(report.force)} stands below its own target on each capability.",
                figures.to_svg(figures.force_gaps(report.force, kv)),
            ),
            (
                f"The weakest link of each of {kv.name(report.force)}'s crime-type chains.",
                figures.to_svg(figures.force_chains(report, kv)),
            ),
        ]
    return [
        *drawn,
        (
            "Where forces stand against their targets.",
            figures.to_svg(figures.maturity_heatmap(report, kv)),
        ),
        (
            "How many forces can handle each crime type end to end.",
            figures.to_svg(figures.chain_completeness(report, kv)),
        ),
    ]
