"""Figures for the HTML report, drawn with matplotlib as inline SVG (no files, no CDN)."""

from __future__ import annotations

import io
import textwrap

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from graph.analysis.report import DependencyReport
from graph.analysis.views import STAGES, KnowledgeView
from graph.reports.stages import STAGE_COLOUR, STAGE_NAME

__all__ = [
    "chain_completeness",
    "dependency_map",
    "force_chains",
    "force_gaps",
    "maturity_heatmap",
    "stage_flow",
    "to_svg",
]

_MAP_LIMIT = 150
"""The dependency map is drawn only up to this many capabilities."""
_HEAT_FORCES = 60
_HEAT_CAPABILITIES = 80
_BARS = 40
"""Larger graphs show the rows and columns with the largest gaps (or volumes), and say so."""


def to_svg(figure: Figure) -> str:
    """The figure as an SVG element to inline in HTML (stable ids, no timestamp, text as text)."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "diikg", "svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def stage_flow(report: DependencyReport) -> Figure:
    """Three stage boxes with arrows sized by how many dependencies run between them."""
    figure = Figure(figsize=(9, 4.2))
    axes = figure.subplots()
    axes.set_xlim(0, 3)
    axes.set_ylim(-0.45, 1.55)
    axes.axis("off")
    centre = {stage: (0.5 + i, 0.7) for i, stage in enumerate(STAGES)}
    for stage, (x, y) in centre.items():
        axes.add_patch(
            Rectangle((x - 0.33, y - 0.17), 0.66, 0.34, color=STAGE_COLOUR[stage], alpha=0.9)
        )
        axes.text(
            x,
            y,
            STAGE_NAME[stage],
            ha="center",
            va="center",
            color="white",
            fontsize=12,
            weight="bold",
        )
    largest = max((s.count for s in report.stage_links), default=1) or 1
    for link in report.stage_links:
        if link.count == 0:
            continue
        (x1, y1), (x2, y2) = centre[link.from_stage], centre[link.to_stage]
        if link.from_stage == link.to_stage:
            axes.text(x1, y1 + 0.3, f"{link.count:,} within", ha="center", fontsize=10)
            continue
        forward = STAGES.index(link.to_stage) > STAGES.index(link.from_stage)
        arrow = FancyArrowPatch(
            (x1, y1 + (0.17 if forward else -0.17)),
            (x2, y2 + (0.17 if forward else -0.17)),
            connectionstyle="arc3,rad=-0.35",
            arrowstyle="-|>",
            mutation_scale=14,
            linewidth=1 + 5 * link.count / largest,
            color="#444444",
            alpha=0.8,
        )
        axes.add_patch(arrow)
        mid_x = (x1 + x2) / 2
        span = abs(x2 - x1)
        offset = 0.2 + 0.2 * span if forward else -0.22 - 0.2 * span
        axes.text(
            mid_x,
            y1 + offset,
            f"{link.count:,}",
            ha="center",
            va="center",
            fontsize=11,
            weight="bold",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
        )
    axes.set_title("Dependencies between stages (arrow: depends on)", fontsize=12)
    return figure


def dependency_map(report: DependencyReport, kv: KnowledgeView) -> Figure | None:
    """Capabilities in three stage columns, every dependency an arrow; None if too many.

    An arrow runs from a capability to one it depends on: solid when it cannot work
    without it (hard), dashed when it works worse (soft); red when it crosses stages.
    Dependencies within a stage arc to the left of their column.
    """
    if len(kv.capabilities) > _MAP_LIMIT:
        return None
    by_stage = {s: sorted(c for c in kv.capabilities if kv.stage(c) == s) for s in STAGES}
    tall = max((len(v) for v in by_stage.values()), default=1)
    figure = Figure(figsize=(10, 0.3 * tall + 1.8))
    axes = figure.subplots()
    position = {
        c: (i, tall - j) for i, stage in enumerate(STAGES) for j, c in enumerate(by_stage[stage])
    }
    critical = {b.capability for b in report.criticality.bottlenecks[:5]}
    for a, b, data in kv.dependencies.edges(data=True):
        if a not in position or b not in position:
            continue
        (x1, y1), (x2, y2) = position[a], position[b]
        crossing = kv.stage(a) != kv.stage(b)
        # Within a column, arc left of it, the bulge kept under about a third of an inch.
        bend = min(0.25, 2.4 / max(abs(y2 - y1), 1))
        axes.add_patch(
            FancyArrowPatch(
                (x1, y1),
                (x2, y2),
                arrowstyle="-|>",
                mutation_scale=7,
                shrinkA=3,
                shrinkB=4,
                connectionstyle=f"arc3,rad={0 if crossing else (bend if y2 < y1 else -bend)}",
                color="#c0392b" if crossing else "#5b6770",
                linestyle="--" if data.get("strength") == "SOFT" else "-",
                linewidth=0.7,
                alpha=0.75,
                zorder=1,
            )
        )
    for c, (x, y) in position.items():
        axes.scatter(
            [x], [y], s=60 if c in critical else 22, color=STAGE_COLOUR[kv.stage(c)], zorder=2
        )
        axes.text(
            x + 0.04,
            y,
            _wrapped(kv.name(c), 30),
            fontsize=8,
            linespacing=0.95,
            va="center",
            weight="bold" if c in critical else "normal",
        )
    axes.set_xticks(range(3), [STAGE_NAME[s] for s in STAGES], fontsize=10)
    axes.set_yticks([])
    axes.set_xlim(-0.3, 2.9)
    axes.set_ylim(0.3, tall + 0.7)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.legend(
        handles=[
            Line2D([], [], color="#5b6770", label="hard: cannot work without"),
            Line2D([], [], color="#5b6770", linestyle="--", label="soft: works worse without"),
            Line2D([], [], color="#c0392b", label="crosses stages"),
            Line2D(
                [],
                [],
                marker="o",
                color="#444444",
                linestyle="",
                markersize=8,
                label="top five bottlenecks",
            ),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.06),
        ncol=4,
        fontsize=8,
        frameon=False,
    )
    axes.set_title("Every dependency (arrow: depends on)", fontsize=11)
    return figure


def maturity_heatmap(report: DependencyReport, kv: KnowledgeView) -> Figure:
    """Capabilities (by stage) x forces: maturity minus target, red below, blue above.

    The colour scale spans the values present, white at target; grey is not assessed.
    Beyond 60 forces or 80 capabilities, those with the largest total gaps are shown.
    """
    gap_of_force: dict[str, int] = {}
    gap_of_capability: dict[str, int] = {}
    for (f, c), (maturity, target) in kv.assessments.items():
        gap = max(target - maturity, 0)
        gap_of_force[f] = gap_of_force.get(f, 0) + gap
        gap_of_capability[c] = gap_of_capability.get(c, 0) + gap
    territorial = [f for f, d in kv.forces.items() if d.get("forceKind") == "TERRITORIAL"]
    forces = sorted(
        sorted(territorial, key=lambda f: -gap_of_force.get(f, 0))[:_HEAT_FORCES], key=kv.name
    )
    ranked = sorted(kv.capabilities, key=lambda c: -gap_of_capability.get(c, 0))
    chosen = set(ranked[:_HEAT_CAPABILITIES])
    rows = [[c for c in sorted(chosen, key=kv.name) if kv.stage(c) == s] for s in STAGES]
    capabilities = [c for stage_rows in rows for c in stage_rows]
    grid = np.array(
        [
            [
                kv.assessments[(f, c)][0] - kv.assessments[(f, c)][1]
                if (f, c) in kv.assessments
                else np.nan
                for f in forces
            ]
            for c in capabilities
        ],
        dtype=float,
    )
    present = grid[~np.isnan(grid)]
    low = int(min(present.min(initial=0), -1))
    high = int(max(present.max(initial=0), 1))
    figure = Figure(figsize=(2.4 + 0.15 * len(forces), 2.8 + 0.22 * len(capabilities)))
    axes = figure.subplots()
    colours = matplotlib.colormaps["RdBu"].with_extremes(bad="#d9d9d9")
    image = axes.imshow(
        grid, cmap=colours, norm=TwoSlopeNorm(0, low - 0.5, high + 0.5), aspect="auto"
    )
    axes.set_xticks(range(len(forces)), [kv.name(f) for f in forces], rotation=90, fontsize=8)
    axes.xaxis.tick_top()
    axes.set_yticks(
        range(len(capabilities)),
        [_wrapped(kv.name(c), 40) for c in capabilities],
        fontsize=8,
        linespacing=0.9,
    )
    first = 0
    for stage, stage_rows in zip(STAGES, rows, strict=True):
        if not stage_rows:
            continue
        if first:
            axes.axhline(first - 0.5, color="#222222", linewidth=1.5)
        axes.text(
            len(forces) - 0.2,
            first + (len(stage_rows) - 1) / 2,
            STAGE_NAME[stage],
            rotation=270,
            va="center",
            fontsize=9,
            weight="bold",
            color=STAGE_COLOUR[stage],
        )
        first += len(stage_rows)
    bar = figure.colorbar(
        image,
        ax=axes,
        orientation="horizontal",
        shrink=0.5,
        pad=0.02,
        aspect=30,
        ticks=range(low, high + 1),
    )
    bar.set_label("maturity minus target (grey: not assessed)", fontsize=8)
    bar.ax.tick_params(labelsize=8)
    cut = len(forces) < len(territorial) or len(chosen) < len(kv.capabilities)
    shown = f"; largest gaps: {len(forces)} forces, {len(chosen)} capabilities" if cut else ""
    axes.set_title(f"Maturity against target{shown}", fontsize=11)
    return figure


def force_gaps(force: str, kv: KnowledgeView) -> Figure:
    """One bar per capability the force holds below its target, widest gap first."""
    held = {c: mt for (f, c), mt in kv.assessments.items() if f == force}
    short = sorted(
        ((t - m, c) for c, (m, t) in held.items() if m < t), key=lambda g: (g[0], kv.name(g[1]))
    )
    figure = Figure(figsize=(9, 0.3 * len(short) + 1.6))
    axes = figure.subplots()
    axes.barh(
        [_wrapped(kv.name(c)) for _, c in short],
        [gap for gap, _ in short],
        color=[STAGE_COLOUR[kv.stage(c)] for _, c in short],
    )
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    _label_bars(
        axes,
        f"{kv.name(force)}: {len(short)} of {len(held)} capabilities below target "
        "(those at target not drawn)",
        "levels below target",
        {STAGE_NAME[s]: STAGE_COLOUR[s] for s in STAGES},
    )
    return figure


def force_chains(report: DependencyReport, kv: KnowledgeView) -> Figure:
    """Per crime type (largest volume on top): the maturity of the chain's weakest link."""
    statuses = sorted(report.statuses, key=lambda s: kv.volume(s.crime_type))
    figure = Figure(figsize=(9, 0.3 * len(statuses) + 1.6))
    axes = figure.subplots()
    axes.barh(
        [kv.name(s.crime_type) for s in statuses],
        [s.weakest_maturity or 0 for s in statuses],
        color=["#31a354" if s.complete else "#d62728" for s in statuses],
    )
    for row, s in enumerate(statuses):
        axes.text(
            max(s.weakest_maturity or 0, report.threshold) + 0.08,
            row,
            kv.name(s.weakest or ""),
            va="center",
            fontsize=8,
            clip_on=False,
        )
    axes.axvline(report.threshold, color="#222222", linestyle="--", linewidth=1)
    axes.set_xlim(0, 5)
    _label_bars(
        axes,
        f"{kv.name(report.force or '')}: {sum(s.complete for s in statuses)} of "
        f"{len(statuses)} chains complete, weakest link named (largest volume on top)",
        f"maturity of the weakest link (dashed: threshold {report.threshold})",
        {"complete": "#31a354", "broken": "#d62728"},
    )
    return figure


def _label_bars(axes: Axes, title: str, axis: str, legend: dict[str, str]) -> None:
    """Title, axis label and a legend of ``{label: colour}`` on a horizontal bar chart."""
    axes.set_xlabel(axis, fontsize=9)
    axes.tick_params(axis="y", labelsize=8)
    axes.legend(
        handles=[Patch(color=colour, label=label) for label, colour in legend.items()],
        loc="lower right",
        fontsize=8,
    )
    axes.set_title(title, fontsize=11)


def chain_completeness(report: DependencyReport, kv: KnowledgeView) -> Figure:
    """Share of forces with a complete chain per crime type (the 40 largest, largest on top)."""
    crimes = sorted(report.completeness, key=lambda c: kv.volume(c))[-_BARS:]
    shares = [100 * report.completeness[c] for c in crimes]
    figure = Figure(figsize=(9, 0.3 * len(crimes) + 1.2))
    axes = figure.subplots()
    axes.barh([kv.name(c) for c in crimes], shares, color="#3182bd")
    axes.set_xlim(0, 100)
    axes.set_xlabel(f"forces whose chain is complete (%), threshold maturity {report.threshold}")
    axes.tick_params(axis="y", labelsize=8)
    axes.set_title("Chain completeness per crime type (ordered by annual volume)", fontsize=11)
    return figure


def _wrapped(label: str, width: int = 34) -> str:
    """A long label on two lines, so that the figure stays narrow enough to print."""
    return "\n".join(textwrap.wrap(label, width, max_lines=2, placeholder="...")) or label
