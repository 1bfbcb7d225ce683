"""Writes a benchmark run out: the raw JSON, plots as PNG, and docs/benchmarks.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from bench.shapes import SHAPES

Results = dict[str, Any]

ANALYSIS_STEPS = (
    "projection",
    "view",
    "chain completeness",
    "bottlenecks",
    "betweenness",
    "impact (capability)",
    "supplier concentration",
    "unmet needs",
    "pilot comparison",
    "dependency report (data)",
    "dependency report (html)",
)


def growth_exponent(sizes: list[float], seconds: list[float]) -> float | None:
    """The slope of log(seconds) against log(size), fitted by least squares (None if < 2 points)."""
    points = [(s, t) for s, t in zip(sizes, seconds, strict=True) if s > 0 and t > 0]
    if len(points) < 2:
        return None
    x = np.log([p[0] for p in points])
    y = np.log([p[1] for p in points])
    return float(np.polyfit(x, y, 1)[0])


def write(results: Results, *, json_path: Path, markdown: Path, figures: Path) -> None:
    """Write ``results`` as JSON, the plots into ``figures``, and the report ``markdown``."""
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=1, default=str) + "\n")
    figures.mkdir(parents=True, exist_ok=True)
    plots = {
        "graphql": _plot_graphql(results, figures / "graphql_throughput.png"),
        "analyses": _plot_analyses(results, figures / "analyses_scaling.png"),
    }
    relative = {k: v.relative_to(markdown.parent).as_posix() for k, v in plots.items() if v}
    markdown.parent.mkdir(parents=True, exist_ok=True)
    markdown.write_text(_markdown(results, relative, json_path, markdown))


def headline(results: Results) -> list[str]:
    """The headline lines: our/peer ratios, load ratio, projection rate, growth exponents."""
    lines = []
    graphql = results.get("graphql", {})
    for key, label in (
        ("uncached_ratios", "every request executed (response cache off)"),
        ("ratios", "with the response cache (repeated queries answered from memory)"),
    ):
        ratios = graphql.get(key, [])
        if ratios:
            rps = [r["rps_ratio"] for r in ratios]
            p99 = [r["p99_ratio"] for r in ratios]
            lines.append(
                f"GraphQL, {label}, ours/peer over {len(ratios)} shape x dataset x client "
                f"cases: requests/s {min(rps):.2f}x to {max(rps):.2f}x (median "
                f"{float(np.median(rps)):.2f}x); p99 {min(p99):.2f}x to {max(p99):.2f}x "
                f"(median {float(np.median(p99)):.2f}x)"
            )
    for scale, row in sorted(_load_ratios(results).items()):
        lines.append(
            f"Loading at scale {scale}: ours {row['ours']:,.0f} rel/s (whole command), "
            f"{row['ours_writes']:,.0f} rel/s (writes); LOAD CSV {row['csv']:,.0f} rel/s; "
            f"ratio {row['ratio']:.2f}x (whole command), {row['ratio_writes']:.2f}x (writes)"
        )
    analyses = results.get("analyses", [])
    if analyses:
        largest = max(analyses, key=lambda a: a["relationships"])
        rate = largest["relationships"] / largest["steps"]["projection"]["seconds"]
        lines.append(
            f"Projection at scale {largest['scale']}: {rate:,.0f} relationships/s "
            f"({largest['relationships']:,} in {largest['steps']['projection']['seconds']:.2f} s)"
        )
        at_100 = next((a for a in analyses if a["scale"] == 100), None)
        if at_100 is not None:
            parts = ("projection", "view", "dependency report (data)")
            seconds = {part: at_100["steps"][part]["seconds"] for part in parts}
            lines.append(
                f"Dependency report at scale 100, projection included: "
                f"{sum(seconds.values()):.2f} s ("
                + ", ".join(f"{part} {value:.2f} s" for part, value in seconds.items())
                + f"); betweenness {at_100['steps']['betweenness']['seconds']:.3f} s"
            )
        exponents = _exponents(analyses)
        text = ", ".join(f"{k} {v:.2f}" for k, v in exponents.items() if v is not None)
        lines.append(f"Growth exponents (time ~ size^k): {text}")
    return lines


def _load_ratios(results: Results) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    for scale, runs in _group(results.get("loading", []), "scale").items():
        ours = [r for r in runs if r["method"] == "diikg load"]
        csv = [r for r in runs if r["method"] == "LOAD CSV"]
        if not ours or not csv:
            continue
        rate = float(np.median([r["relationships"] / r["seconds"] for r in ours]))
        writes = float(np.median([r["relationships"] / r["write_seconds"] for r in ours]))
        theirs = float(np.median([r["relationships"] / r["seconds"] for r in csv]))
        out[scale] = {
            "ours": rate,
            "ours_writes": writes,
            "csv": theirs,
            "ratio": rate / theirs,
            "ratio_writes": writes / theirs,
        }
    return out


def _exponents(analyses: list[dict[str, Any]]) -> dict[str, float | None]:
    sizes = [a["relationships"] for a in analyses]
    out = {}
    for step in ANALYSIS_STEPS:
        seconds = [a["steps"][step]["seconds"] for a in analyses]
        out[step] = growth_exponent(sizes, seconds)
    return out


def _group(rows: list[dict[str, Any]], key: str) -> dict[Any, list[dict[str, Any]]]:
    groups: dict[Any, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row[key], []).append(row)
    return groups


def _plot_graphql(results: Results, path: Path) -> Path | None:
    summary = results.get("graphql", {}).get("summary", [])
    if not summary:
        return None
    datasets = sorted({s["dataset"] for s in summary})
    shapes = [s.name for s in SHAPES if any(row["shape"] == s.name for row in summary)]
    sides = sorted({s["side"] for s in summary})
    figure, axes = plt.subplots(len(datasets), 1, figsize=(10, 4.6 * len(datasets)), squeeze=False)
    for axis, dataset in zip(axes[:, 0], datasets, strict=True):
        rows = [s for s in summary if s["dataset"] == dataset]
        cases = sorted(
            {(s["shape"], s["clients"]) for s in rows}, key=lambda c: (shapes.index(c[0]), c[1])
        )
        width = 0.8 / len(sides)
        for i, side in enumerate(sides):
            index = {(s["shape"], s["clients"]): s for s in rows if s["side"] == side}
            values = [index[c]["rps"] if c in index else 0 for c in cases]
            axis.bar(np.arange(len(cases)) + i * width, values, width, label=side)
        axis.set_xticks(np.arange(len(cases)) + width * (len(sides) - 1) / 2)
        axis.set_xticklabels(
            [f"{s}, {c} cl." for s, c in cases], fontsize=7, rotation=30, ha="right"
        )
        axis.set_yscale("log")
        axis.set_ylabel("requests/s (log)")
        axis.set_title(f"GraphQL throughput, {dataset}")
        axis.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def _plot_analyses(results: Results, path: Path) -> Path | None:
    analyses = results.get("analyses", [])
    if len(analyses) < 2:
        return None
    analyses = sorted(analyses, key=lambda a: a["relationships"])
    sizes = [a["relationships"] for a in analyses]
    exponents = _exponents(analyses)
    figure, axis = plt.subplots(figsize=(9, 6))
    for step in ANALYSIS_STEPS:
        seconds = [max(a["steps"][step]["seconds"], 1e-5) for a in analyses]
        label = f"{step} (k={exponents[step]:.2f})" if exponents[step] is not None else step
        axis.plot(sizes, seconds, marker="o", label=label)
    axis.set_xscale("log")
    axis.set_yscale("log")
    axis.set_xlabel("relationships in the graph (log)")
    axis.set_ylabel("seconds (log)")
    axis.set_title("Analyses against graph size; k is the fitted growth exponent")
    axis.grid(True, which="both", alpha=0.3)
    axis.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def _markdown(results: Results, plots: dict[str, str], json_path: Path, markdown: Path) -> str:
    meta = results["meta"]
    out = [
        "# Benchmarks",
        "",
        f"Latest run: {meta['started']} on {meta['machine']}, in {meta['minutes']:.1f} minutes, "
        f"by `{meta['command']}`. Raw results: "
        f"`{json_path.relative_to(markdown.parent.parent).as_posix()}`.",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in meta["versions"].items()) + ".",
        "",
        "Both sides run on this one machine, against the same Neo4j holding the same data, "
        "loaded by wrk on loopback; ratios matter more than absolute times on a shared "
        f"machine. {meta['method']}",
        "",
        "## Headline",
        "",
        *[f"- {line}" for line in headline(results)],
        "",
    ]
    graphql = results.get("graphql", {})
    if graphql.get("summary"):
        out += [
            "## GraphQL: us against @neo4j/graphql",
            "",
            "Shapes (both sides checked to return the same data before timing):",
            "",
            *[f"- `{s.name}`: {s.title}." for s in SHAPES],
            "",
        ]
        if "graphql" in plots:
            out += [f"![GraphQL throughput]({plots['graphql']})", ""]
        out += [
            "| dataset | shape | clients | side | p50 ms | p99 ms | req/s (min-max) | errors |",
            "|---|---|---:|---|---:|---:|---:|---:|",
        ]
        for s in sorted(
            graphql["summary"], key=lambda s: (s["dataset"], s["shape"], s["clients"], s["side"])
        ):
            out.append(
                f"| {s['dataset']} | {s['shape']} | {s['clients']} | {s['side']} | "
                f"{s['p50_ms']:.1f} | {s['p99_ms']:.1f} | {s['rps']:.1f} "
                f"({s['rps_min']:.1f}-{s['rps_max']:.1f}) | {s['errors']} |"
            )
        out += [
            "",
            "Ratios, ours/peer (requests/s: above 1 is better; p99: below 1 is better), every "
            "request executed (`uncached`: response cache off) and with the response cache "
            "(`cached`):",
            "",
            "| dataset | shape | clients | uncached req/s | uncached p99 | cached req/s "
            "| cached p99 |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        uncached = {
            (r["dataset"], r["shape"], r["clients"]): r for r in graphql.get("uncached_ratios", [])
        }
        for r in sorted(graphql["ratios"], key=lambda r: (r["dataset"], r["shape"], r["clients"])):
            u = uncached.get((r["dataset"], r["shape"], r["clients"]))
            executed = f"{u['rps_ratio']:.2f} | {u['p99_ratio']:.2f}" if u else "- | -"
            out.append(
                f"| {r['dataset']} | {r['shape']} | {r['clients']} | {executed} | "
                f"{r['rps_ratio']:.2f} | {r['p99_ratio']:.2f} |"
            )
        out.append("")
    loading = results.get("loading", [])
    if loading:
        out += [
            "## Loading: `diikg load` against `LOAD CSV`",
            "",
            "Same data, same empty Neo4j (constraints in place), alternating. `diikg load` "
            "reads and validates the whole dataset before writing; its write phase is shown "
            "apart. `LOAD CSV` reads the tables `diikg export --format csv` writes, one "
            "statement per table (generated from the schema model: "
            "`graph.store.statements.load_csv`), typing values as our loader does.",
            "",
            "| scale | method | run | relationships | seconds | writes, s | rel/s |",
            "|---:|---|---:|---:|---:|---:|---:|",
        ]
        for r in loading:
            out.append(
                f"| {r['scale']} | {r['method']} | {r['repeat']} | {r['relationships']:,} | "
                f"{r['seconds']:.1f} | {r['write_seconds']:.1f} | "
                f"{r['relationships'] / r['seconds']:,.0f} |"
            )
        out.append("")
    analyses = results.get("analyses", [])
    if analyses:
        out += ["## Analyses against graph size", ""]
        if "analyses" in plots:
            out += [f"![Analyses scaling]({plots['analyses']})", ""]
        header = "| step | " + " | ".join(f"scale {a['scale']}" for a in analyses) + " | k |"
        out += [header, "|---|" + "---:|" * (len(analyses) + 1)]
        out.append(
            "| relationships | " + " | ".join(f"{a['relationships']:,}" for a in analyses) + " | |"
        )
        out.append(
            "| peak memory, MiB | "
            + " | ".join(f"{a['peak_rss_mib']:,.0f}" for a in analyses)
            + " | |"
        )
        exponents = _exponents(analyses)
        for step in ANALYSIS_STEPS:
            cells = " | ".join(f"{a['steps'][step]['seconds']:.3f}" for a in analyses)
            k = exponents[step]
            out.append(f"| {step}, s | {cells} | {'' if k is None else f'{k:.2f}'} |")
        out.append("")
    extra = results.get("extra", {})
    for title, text in extra.items():
        out += [f"## {title}", "", text, ""]
    log = markdown.parent / "benchmarks-log.md"
    if log.exists():
        out += ["## What changed, and what it gained", "", log.read_text().strip(), ""]
    return "\n".join(out).rstrip() + "\n"
