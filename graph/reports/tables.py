"""The tables each report holds, built from analysis results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from graph.analysis.changes import MaturityChange
from graph.analysis.impact import Impact
from graph.analysis.pilots import PilotResult, RolloutCandidate
from graph.analysis.report import DependencyReport
from graph.analysis.unmet_needs import UnmetNeed
from graph.analysis.views import STAGES, KnowledgeView

__all__ = [
    "Table",
    "change_since",
    "dependency_tables",
    "impact_tables",
    "pilot_tables",
    "unmet_need_tables",
]


@dataclass(frozen=True)
class Table:
    """A titled table: column names and rows of plain values."""

    name: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    machine: tuple[str, ...] = ()
    """Columns for programs (ids, counts behind a sentence): in JSON and CSV, not for reading."""

    def records(self) -> list[dict[str, Any]]:
        """The rows as dictionaries keyed by column."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def for_people(self) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
        """The columns and rows a person reads (HTML, Markdown): the machine columns left out."""
        keep = [i for i, column in enumerate(self.columns) if column not in self.machine]
        return (
            tuple(self.columns[i] for i in keep),
            [tuple(readable(self.columns[i], row[i]) for i in keep) for row in self.rows],
        )


_PERCENT_COLUMNS = ("improvement", "share", "rate")
"""Columns whose values are fractions, read as percentages (``mean_improvement``)."""


def readable(column: str, value: Any) -> Any:
    """A cell as a person reads it: yes/no, a dash for nothing, fractions as percentages
    (signed for an improvement), thousands separated, at most three significant decimals.

    >>> readable("mean_improvement", 0.258929), readable("annual_volume", 5000)
    ('+26%', '5,000')
    >>> readable("annual_volume", 999), readable("cost", 1234.5)
    (999, '1,234')
    >>> readable("successful", False), readable("year", 2025), readable("score", 0.520052)
    ('no', 2025, '0.52')
    """
    if value is None:
        return "\u2013"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return value if "year" in column or abs(value) < 1_000 else f"{value:,}"
    if isinstance(value, float):
        if column.endswith(_PERCENT_COLUMNS):
            return f"{value:+.0%}" if column.endswith("improvement") else f"{value:.0%}"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        return f"{value:.3g}" if abs(value) < 1 else f"{value:,.2f}".rstrip("0").rstrip(".")
    return value


def dependency_tables(report: DependencyReport, kv: KnowledgeView, *, top: int = 15) -> list[Table]:
    """Stage links, bottlenecks, chain completeness, weakest links and roll-out candidates."""
    crit = report.criticality
    tables = [
        Table(
            "stage_links",
            "Dependencies between stages",
            ("from_stage", "to_stage", "dependencies"),
            [(s.from_stage, s.to_stage, s.count) for s in report.stage_links],
        ),
        Table(
            "bottlenecks",
            f"Bottlenecks (betweenness {crit.betweenness_method})",
            (
                "capability",
                "stage",
                "transitive_dependents",
                "direct_dependents",
                "betweenness",
                "articulation_point",
            ),
            [
                (
                    kv.name(b.capability),
                    kv.stage(b.capability),
                    b.transitive_dependents,
                    b.direct_dependents,
                    b.betweenness,
                    b.articulation,
                )
                for b in crit.bottlenecks[:top]
            ],
        ),
        Table(
            "chain_completeness",
            f"Chain completeness per crime type (all capabilities at maturity {report.threshold}+)",
            (
                "crime_type",
                "annual_volume",
                "complete_share",
                *(f"{s.lower()}_needs" for s in STAGES),
            ),
            [
                (
                    kv.name(chain.crime_type),
                    kv.volume(chain.crime_type),
                    round(report.completeness.get(chain.crime_type, 0.0), 4),
                    *(len(chain.stages.get(stage, ())) for stage in STAGES),
                )
                for chain in sorted(report.chains, key=lambda c: -kv.volume(c.crime_type))
            ],
        ),
        Table(
            "weakest_links",
            "Weakest links: how often each capability is what breaks a chain",
            ("capability", "stage", "chains_broken_here"),
            [(kv.name(c), kv.stage(c), n) for c, n in report.weakest_links[:top]],
        ),
    ]
    if report.force is not None:
        tables.append(
            Table(
                "force_chains",
                f"{kv.name(report.force)}: chains by crime type",
                ("crime_type", "complete", "weakest_link", "weakest_maturity", "below_threshold"),
                [
                    (
                        kv.name(s.crime_type),
                        s.complete,
                        kv.name(s.weakest or ""),
                        s.weakest_maturity,
                        "; ".join(kv.name(c) for c in s.short),
                    )
                    for s in report.statuses
                ],
            )
        )
    tables.append(_rollout(report.rollout, kv))
    if crit.cycles:
        tables.append(
            Table("warnings", "Data-quality warnings", ("warning",), [(w,) for w in crit.warnings])
        )
    return tables


def unmet_need_tables(
    needs: list[UnmetNeed], gaps: list[UnmetNeed], kv: KnowledgeView
) -> list[Table]:
    """Needs a firm could serve ranked by score, then the gaps only the police can close."""
    return [
        _needs(
            "unmet_needs",
            "Unmet needs a firm could serve: total gap x log10(1 + crime volume) / (1 + suppliers)",
            needs,
            kv,
        ),
        _needs(
            "organisational_gaps",
            "Organisational gaps (police functions no supplier can serve), ranked the same way",
            gaps,
            kv,
        ),
    ]


def _needs(name: str, title: str, needs: list[UnmetNeed], kv: KnowledgeView) -> Table:
    return Table(
        name,
        title,
        (
            "capability_id",
            "capability",
            "stage",
            "market",
            "score",
            "holders_below_target",
            "holders_assessed",
            "total_gap",
            "demand",
            "supplier_ids",
            "suppliers",
            "contract_notices",
            "illustrative_records",
            "records",
            "explanation",
        ),
        [
            (
                n.capability,
                kv.name(n.capability),
                kv.stage(n.capability),
                n.market or "",
                n.score,
                n.forces_below_target,
                n.forces_assessed,
                n.total_gap,
                n.demand,
                "; ".join(n.suppliers),
                "; ".join(kv.name(s) for s in n.suppliers),
                "; ".join(
                    f"{kv.name(c.supplier)} for {kv.name(c.buyer)}: {c.title} "
                    f"({c.notice_url or c.contract})"
                    for c in n.contracts
                ),
                n.basis.illustrative,
                n.basis.records,
                n.explanation,
            )
            for n in needs
        ],
        machine=("capability_id", "supplier_ids", "illustrative_records", "records"),
    )


def change_since(changes: list[MaturityChange], kv: KnowledgeView, since: dt.date) -> Table:
    """The holdings whose maturity moved since ``since`` (``maturity_changes``), in its order.

    A holding with no observation by ``since`` counts as new (its earlier maturity blank).
    """
    return Table(
        "change_since",
        f"Change in maturity since {since.isoformat()}",
        ("holder", "capability", f"maturity_on_{since.isoformat()}", "maturity_now", "change"),
        [
            (
                kv.name(c.holder),
                kv.name(c.capability),
                "" if c.before is None else c.before,
                c.after,
                "new" if c.before is None else f"{c.after - c.before:+d}",
            )
            for c in changes
        ],
    )


def pilot_tables(
    results: list[PilotResult], rollout: list[RolloutCandidate], kv: KnowledgeView
) -> list[Table]:
    """Pilots ranked by mean relative improvement, then roll-out candidates."""
    return [
        Table(
            "pilots",
            "Pilots compared on the shared metrics (relative improvement, direction-aware)",
            ("pilot", "status", "capabilities", "mean_improvement", "successful", "improvements"),
            [
                (
                    kv.name(r.pilot),
                    r.status,
                    "; ".join(kv.name(c) for c in r.capabilities),
                    r.mean_improvement,
                    r.successful,
                    "; ".join(
                        f"{kv.metrics.get(m, {}).get('name', m)}: "
                        f"{abs(v):.0%} {'better' if v >= 0 else 'worse'}"
                        for m, v in r.improvements.items()
                    ),
                )
                for r in results
            ],
        ),
        _rollout(rollout, kv),
    ]


def impact_tables(result: Impact, kv: KnowledgeView) -> list[Table]:
    """What a scenario takes away: capabilities, crime types and forces, by volume affected."""
    return [
        Table(
            "lost_capabilities",
            "Capabilities lost (directly, or through what they cannot work without)",
            ("capability", "stage"),
            [(kv.name(c), kv.stage(c)) for c in result.capabilities],
        ),
        Table(
            "degraded_capabilities",
            "Capabilities degraded (they depend soft on something lost)",
            ("capability", "stage"),
            [(kv.name(c), kv.stage(c)) for c in result.degraded],
        ),
        Table(
            "crime_types",
            "Crime types whose chains break, by annual volume",
            ("crime_type", "annual_volume", "forces_affected"),
            [(kv.name(c), v, n) for c, v, n in result.crime_types],
        ),
        Table(
            "forces",
            "Forces losing complete chains, by crime volume affected",
            ("force", "chains_broken", "volume_affected"),
            [(kv.name(f), n, v) for f, n, v in result.forces],
        ),
    ]


def _rollout(rollout: list[RolloutCandidate], kv: KnowledgeView) -> Table:
    """Candidates grouped by capability (and its best pilot), most forces first."""
    groups: dict[tuple[str, str], list[RolloutCandidate]] = {}
    for candidate in rollout:
        groups.setdefault((candidate.capability, candidate.pilot), []).append(candidate)
    ranked = sorted(
        groups.items(),
        key=lambda item: (-len(item[1]), -sum(r.gap for r in item[1]), kv.name(item[0][0])),
    )
    return Table(
        "rollout_candidates",
        "Roll-out candidates: capabilities a successful pilot improved, "
        "with the forces below target on them (gap in brackets)",
        (
            "capability_id",
            "capability",
            "pilot",
            "pilot_mean_improvement",
            "forces",
            "total_gap",
            "forces_by_gap",
            "force_ids",
        ),
        [
            (
                capability,
                kv.name(capability),
                kv.name(pilot),
                group[0].mean_improvement,
                len(group),
                sum(r.gap for r in group),
                "; ".join(f"{kv.name(r.force)} ({r.gap})" for r in group),
                "; ".join(r.force for r in group),
            )
            for (capability, pilot), group in ranked
        ],
        machine=("capability_id", "force_ids"),
    )
