"""Writing a report as HTML (self-contained, figures first), Markdown, JSON or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from enum import StrEnum
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from graph.reports.tables import Table

__all__ = ["ReportFormat", "render", "write"]


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


def render(
    fmt: ReportFormat,
    *,
    title: str,
    summary: dict[str, Any],
    tables: list[Table],
    figures: list[tuple[str, str]] | None = None,
) -> str:
    """The report as text in ``fmt`` (for CSV: the first table)."""
    if fmt is ReportFormat.JSON:
        document = {
            "title": title,
            "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "summary": summary,
            "tables": {table.name: table.records() for table in tables},
        }
        return json.dumps(document, indent=1, default=str) + "\n"
    if fmt is ReportFormat.CSV:
        return _csv(tables[0])
    if fmt is ReportFormat.MD:
        return _markdown(title, summary, tables)
    template = _ENV.get_template("report.html.j2")
    return template.render(
        title=title,
        summary=summary,
        tables=tables,
        figures=figures or [],
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def write(
    fmt: ReportFormat,
    path: Path,
    *,
    title: str,
    summary: dict[str, Any],
    tables: list[Table],
    figures: list[tuple[str, str]] | None = None,
) -> list[Path]:
    """Write the report; a CSV report of several tables becomes a folder of CSV files."""
    if fmt is ReportFormat.CSV and len(tables) > 1:
        path.mkdir(parents=True, exist_ok=True)
        written = []
        for table in tables:
            target = path / f"{table.name}.csv"
            target.write_text(_csv(table), encoding="utf-8")
            written.append(target)
        return written
    path.write_text(
        render(fmt, title=title, summary=summary, tables=tables, figures=figures), encoding="utf-8"
    )
    return [path]


def _csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return buffer.getvalue()


def _markdown(title: str, summary: dict[str, Any], tables: list[Table]) -> str:
    lines = [f"# {title}", ""]
    lines += [f"- **{key}**: {value}" for key, value in summary.items()]
    for table in tables:
        lines += ["", f"## {table.title}", ""]
        lines.append("| " + " | ".join(table.columns) + " |")
        lines.append("|" + "---|" * len(table.columns))
        for row in table.rows:
            lines.append("| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |")
    return "\n".join(lines) + "\n"
