"""Assembling a report of one kind from the projected graph: title, summary, tables, figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import networkx as nx

from graph.analysis.basis import Basis, basis
from graph.analysis.impact import BASIS_KINDS as IMPACT_BASIS
from graph.analysis.impact import Scenario, impact
from graph.analysis.interdependencies import DEFAULT_THRESHOLD
from graph.analysis.pilots import compare_pilots, rollout_candidates
from graph.analysis.report import dependency_report
from graph.analysis.unmet_needs import unmet_needs
from graph.analysis.views import BEST_MEASURE, view
from graph.exceptions import InvalidArgumentError
from graph.reports import tables
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
        summary_since: dict[str, Any] = {}
        if since is not None:
            then = view(
                graph, as_of=since, include_illustrative=include_illustrative, measure=measure
            )
            table = tables.change_since(kv, then, since, force=force)
            changes = [table]
            summary_since = {f"holdings changed since {since.isoformat()}": len(table.rows)}
        where = kv.name(force) if force else "all territorial forces"
        top = report.criticality.bottlenecks[:1]

        def draw() -> list[tuple[str, str]]:
            from graph.reports import figures  # matplotlib: imported only when drawing

            drawn = [
                (
                    "How dependencies run between public contact, investigation and evidence.",
                    figures.to_svg(figures.stage_flow(report)),
                ),
            ]
            capability_map = figures.dependency_map(report, kv)
            if capability_map is not None:
                drawn.append(
                    ("Every capability and dependency, by stage.", figures.to_svg(capability_map))
                )
            drawn += [
                (
                    "Where forces stand against their targets.",
                    figures.to_svg(figures.maturity_heatmap(report, kv)),
                ),
                (
                    "How many forces can handle each crime type end to end.",
                    figures.to_svg(figures.chain_completeness(report, kv)),
                ),
            ]
            return drawn

        return BuiltReport(
            title=f"Dependency report: {where}",
            summary={
                "capabilities": len(kv.capabilities),
                "dependencies": kv.dependencies.number_of_edges(),
                "across stages": sum(
                    s.count for s in report.stage_links if s.from_stage != s.to_stage
                ),
                "chains complete": f"{report.completeness_rate:.0%}",
                "top bottleneck": kv.name(top[0].capability) if top else "none",
                "threshold maturity": threshold,
                **summary_since,
            },
            tables=changes + tables.dependency_tables(report, kv),
            basis=basis(
                kv, "assessments", "dependencies", "crime_needs", "crime_volumes", "pilots"
            ),
            draw=draw,
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
        basis=basis(kv, *IMPACT_BASIS, per_force=True),
        as_of=as_of,
    )
