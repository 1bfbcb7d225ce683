"""Writing a report as HTML (self-contained, figures first), Markdown, JSON or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from graph.analysis.basis import Basis
from graph.exceptions import InvalidArgumentError
from graph.reports.build import BuiltReport
from graph.reports.tables import Table

__all__ = ["Provenance", "ReportFormat", "render", "write"]


class ReportFormat(StrEnum):
    """The formats ``diikg report`` writes."""

    HTML = "html"
    MD = "md"
    JSON = "json"
    CSV = "csv"


_ENV = Environment(
    loader=PackageLoader("graph.reports", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_URL = re.compile(r"https?://[^\s()<>\"']+")


def _linked(value: Any) -> Markup:
    """A table cell as HTML: its text escaped, each web address a link reading "notice"."""
    escaped = str(escape(value))
    linked = _URL.sub(lambda m: f'<a href="{m[0]}">notice</a>', escaped)
    return Markup(linked)  # noqa: S704 (escaped above; only http(s) addresses become links)


_ENV.filters["linked"] = _linked


@dataclass(frozen=True)
class Provenance:
    """What makes a report reproducible: the graph's version and the command that made it."""

    graph_version: int
    command: str


def render(
    fmt: ReportFormat,
    report: BuiltReport,
    provenance: Provenance,
    *,
    figures: list[tuple[str, str]] | None = None,
) -> str:
    """The report as text in ``fmt`` (for CSV: the first table): its provenance, data basis
    and findings first."""
    generated = dt.datetime.now(dt.UTC)
    if fmt is ReportFormat.JSON:
        document = {
            "title": report.title,
            "generated": generated.isoformat(timespec="seconds"),
            "graphVersion": provenance.graph_version,
            "command": provenance.command,
            "asOf": report.as_of.isoformat() if report.as_of else None,
            "basis": _basis_record(report.basis),
            "findings": report.findings,
            "summary": report.summary,
            "tables": {table.name: table.records() for table in report.tables},
        }
        return json.dumps(document, indent=1, default=str) + "\n"
    if fmt is ReportFormat.CSV:
        return _csv(report.tables[0])
    stamp = (
        f"Generated {generated:%Y-%m-%d %H:%M} UTC from graph version "
        f"{provenance.graph_version:,} by the DII Knowledge Graph"
    )
    if fmt is ReportFormat.MD:
        return _markdown(report, stamp, provenance.command)
    template = _ENV.get_template("report.html.j2")
    return template.render(
        report=report,
        figures=figures or [],
        banner=_banner(report.basis, report.as_of),
        illustrative=report.basis.illustrative > 0,
        stamp=stamp,
        command=provenance.command,
    )


def write(
    fmt: ReportFormat,
    path: Path | None,
    report: BuiltReport,
    provenance: Provenance,
    *,
    figures: list[tuple[str, str]] | None = None,
) -> list[Path]:
    """Write the report to ``path`` (``None``: standard output); the files written.

    A CSV report of several tables becomes a folder of CSV files, with ``basis.csv``
    too: the records each table rests on, kind by kind, and the graph version.
    """
    if fmt is ReportFormat.CSV and len(report.tables) > 1:
        if path is None:
            raise InvalidArgumentError(
                "a CSV report of several tables is a folder: give one", argument="--out"
            )
        path.mkdir(parents=True, exist_ok=True)
        written = []
        for table in [*report.tables, _basis_table(report, provenance)]:
            target = path / f"{table.name}.csv"
            target.write_text(_csv(table), encoding="utf-8")
            written.append(target)
        return written
    text = render(fmt, report, provenance, figures=figures)
    if path is None:
        sys.stdout.write(text)
        return []
    path.write_text(text, encoding="utf-8")
    return [path]


def _banner(basis: Basis, as_of: dt.date | None) -> str:
    """The data basis in one sentence, with the day holdings are read as of."""
    when = f"as of {as_of.isoformat()}" if as_of else "latest observations"
    return f"Data basis ({when}): {basis.describe()}"


def _basis_record(basis: Basis) -> dict[str, Any]:
    return {
        "summary": basis.describe(),
        "records": basis.records,
        "illustrative": basis.illustrative,
        "excluded": basis.excluded,
        "sources": list(basis.sources),
        "kinds": [
            {"kind": k.kind, "records": k.records, "illustrative": k.illustrative}
            for k in basis.kinds
        ],
    }


def _basis_table(report: BuiltReport, provenance: Provenance) -> Table:
    as_of = report.as_of.isoformat() if report.as_of else "latest"
    return Table(
        "basis",
        _banner(report.basis, report.as_of),
        ("kind", "records", "illustrative", "as_of", "graph_version"),
        [
            (k.kind, k.records, k.illustrative, as_of, provenance.graph_version)
            for k in report.basis.kinds
        ],
    )


def _csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return buffer.getvalue()


def _markdown(report: BuiltReport, stamp: str, command: str) -> str:
    banner = _banner(report.basis, report.as_of)
    lines = [f"# {report.title}", "", f"{stamp}: `{command}`", "", f"> **{banner}**", ""]
    lines += ["## Findings", ""]
    lines += [f"{i}. {finding}" for i, finding in enumerate(report.findings, 1)]
    lines.append("")
    lines += [f"- **{key}**: {value}" for key, value in report.summary.items()]
    for table in report.tables:
        columns, rows = table.for_people()
        lines += ["", f"## {table.title}", ""]
        lines.append("| " + " | ".join(columns) + " |")
        lines.append("|" + "---|" * len(columns))
        for row in rows:
            lines.append("| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |")
    return "\n".join(lines) + "\n"
