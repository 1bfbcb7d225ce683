"""Figures for the HTML report, drawn with matplotlib as inline SVG (no files, no CDN)."""

from __future__ import annotations

import io

import matplotlib
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Rectangle

from graph.analysis.report import DependencyReport
from graph.analysis.views import STAGES, KnowledgeView

__all__ = ["chain_completeness", "dependency_map", "maturity_heatmap", "stage_flow", "to_svg"]

_STAGE_LABEL = {
    "PUBLIC_CONTACT": "Public contact",
    "INVESTIGATION": "Investigation",
    "EVIDENCE": "Evidence",
}
_STAGE_COLOUR = {"PUBLIC_CONTACT": "#2b8cbe", "INVESTIGATION": "#e6550d", "EVIDENCE": "#31a354"}
_MAP_LIMIT = 150
"""The dependency map is drawn only up to this many capabilities."""
_HEAT_FORCES = 60
_HEAT_CAPABILITIES = 80
_BARS = 40
"""Larger graphs show the rows and columns with the largest gaps (or volumes), and say so."""


def to_svg(figure: Figure) -> str:
    """The figure as an SVG element to inline in HTML (stable ids, no timestamp)."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "diikg"}):
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
            Rectangle((x - 0.33, y - 0.17), 0.66, 0.34, color=_STAGE_COLOUR[stage], alpha=0.9)
        )
        axes.text(
            x,
            y,
            _STAGE_LABEL[stage],
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
            axes.text(x1, y1 + 0.3, f"{link.count} within", ha="center", fontsize=10)
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
            str(link.count),
            ha="center",
            va="center",
            fontsize=11,
            weight="bold",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
        )
    axes.set_title("Dependencies between stages (arrow: depends on)", fontsize=12)
    return figure


def dependency_map(report: DependencyReport, kv: KnowledgeView) -> Figure | None:
    """Capabilities in three stage columns, with every dependency drawn; None if too many."""
    if len(kv.capabilities) > _MAP_LIMIT:
        return None
    by_stage = {s: sorted(c for c in kv.capabilities if kv.stage(c) == s) for s in STAGES}
    tall = max((len(v) for v in by_stage.values()), default=1)
    figure = Figure(figsize=(11, 0.32 * tall + 1.5))
    axes = figure.subplots()
    position = {
        c: (i, tall - j) for i, stage in enumerate(STAGES) for j, c in enumerate(by_stage[stage])
    }
    critical = {b.capability for b in report.criticality.bottlenecks[:5]}
    for a, b in kv.dependencies.edges():
        if a in position and b in position:
            (x1, y1), (x2, y2) = position[a], position[b]
            crossing = kv.stage(a) != kv.stage(b)
            axes.plot(
                [x1, x2],
                [y1, y2],
                color="#d62728" if crossing else "#bbbbbb",
                linewidth=0.8,
                alpha=0.7 if crossing else 0.5,
                zorder=1,
            )
    for c, (x, y) in position.items():
        axes.scatter(
            [x], [y], s=60 if c in critical else 25, color=_STAGE_COLOUR[kv.stage(c)], zorder=2
        )
        axes.text(
            x + 0.04,
            y,
            kv.name(c),
            fontsize=7,
            va="center",
            weight="bold" if c in critical else "normal",
        )
    axes.set_xticks(range(3), [_STAGE_LABEL[s] for s in STAGES])
    axes.set_yticks([])
    axes.set_xlim(-0.1, 2.9)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.set_title(
        "Every dependency (red: across stages; large dots: top five bottlenecks)", fontsize=11
    )
    return figure


def maturity_heatmap(report: DependencyReport, kv: KnowledgeView) -> Figure:
    """Forces x capabilities: maturity minus target (red below target, blue at or above).

    Beyond 60 forces or 80 capabilities, those with the largest total gaps are shown.
    """
    gap_of_force: dict[str, int] = {}
    gap_of_capability: dict[str, int] = {}
    for (f, c), (maturity, target) in kv.assessments.items():
        gap = max(target - maturity, 0)
        gap_of_force[f] = gap_of_force.get(f, 0) + gap
        gap_of_capability[c] = gap_of_capability.get(c, 0) + gap
    territorial = [f for f, d in kv.forces.items() if d.get("forceKind") == "TERRITORIAL"]
    widest = sorted(territorial, key=lambda f: -gap_of_force.get(f, 0))[:_HEAT_FORCES]
    forces = [report.force] if report.force else sorted(widest)
    ranked = sorted(kv.capabilities, key=lambda c: -gap_of_capability.get(c, 0))
    chosen = set(ranked[:_HEAT_CAPABILITIES])
    capabilities = [c for s in STAGES for c in sorted(x for x in chosen if kv.stage(x) == s)]
    grid = [
        [
            (kv.assessments[(f, c)][0] - kv.assessments[(f, c)][1])
            if (f, c) in kv.assessments
            else float("nan")
            for c in capabilities
        ]
        for f in forces
    ]
    figure = Figure(
        figsize=(max(8, 0.28 * len(capabilities) + 3), max(2.5, 0.22 * len(forces) + 2.5))
    )
    axes = figure.subplots()
    image = axes.imshow(grid, cmap="RdBu", vmin=-4, vmax=4, aspect="auto")
    axes.set_xticks(
        range(len(capabilities)), [kv.name(c) for c in capabilities], rotation=90, fontsize=6
    )
    axes.set_yticks(range(len(forces)), [kv.name(f) for f in forces], fontsize=6)
    figure.colorbar(image, ax=axes, label="maturity - target", shrink=0.6)
    shown = ""
    cut = (len(forces) < len(territorial) and not report.force) or len(chosen) < len(
        kv.capabilities
    )
    if cut:
        shown = f"; largest gaps: {len(forces)} forces, {len(chosen)} capabilities"
    axes.set_title(f"Maturity against target, forces x capabilities{shown}", fontsize=10)
    return figure


def chain_completeness(report: DependencyReport, kv: KnowledgeView) -> Figure:
    """Share of forces with a complete chain per crime type (the 40 largest, largest on top)."""
    crimes = sorted(report.completeness, key=lambda c: kv.volume(c))[-_BARS:]
    shares = [100 * report.completeness[c] for c in crimes]
    figure = Figure(figsize=(9, 0.3 * len(crimes) + 1.2))
    axes = figure.subplots()
    axes.barh([kv.name(c) for c in crimes], shares, color="#3182bd")
    axes.set_xlim(0, 100)
    axes.set_xlabel(f"forces whose chain is complete (%), threshold maturity {report.threshold}")
    axes.tick_params(axis="y", labelsize=7)
    axes.set_title("Chain completeness per crime type (ordered by annual volume)", fontsize=11)
    return figure
