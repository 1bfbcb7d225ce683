"""Writing a report as HTML (self-contained, figures first), Markdown, JSON or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from graph.analysis.basis import Basis
from graph.exceptions import InvalidArgumentError
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
_URL = re.compile(r"https?://[^\s()<>\"']+")


def _linked(value: Any) -> Markup:
    """A table cell as HTML: its text escaped, each web address a link reading "notice"."""
    escaped = str(escape(value))
    linked = _URL.sub(lambda m: f'<a href="{m[0]}">notice</a>', escaped)
    return Markup(linked)  # noqa: S704 (escaped above; only http(s) addresses become links)


_ENV.filters["linked"] = _linked


def render(
    fmt: ReportFormat,
    *,
    title: str,
    summary: dict[str, Any],
    tables: list[Table],
    basis: Basis,
    as_of: dt.date | None = None,
    figures: list[tuple[str, str]] | None = None,
) -> str:
    """The report as text in ``fmt`` (for CSV: the first table), its data basis stated first."""
    if fmt is ReportFormat.JSON:
        document = {
            "title": title,
            "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "asOf": as_of.isoformat() if as_of else None,
            "basis": _basis_record(basis),
            "summary": summary,
            "tables": {table.name: table.records() for table in tables},
        }
        return json.dumps(document, indent=1, default=str) + "\n"
    if fmt is ReportFormat.CSV:
        return _csv(tables[0])
    if fmt is ReportFormat.MD:
        return _markdown(title, summary, tables, _banner(basis, as_of))
    template = _ENV.get_template("report.html.j2")
    return template.render(
        title=title,
        summary=summary,
        tables=tables,
        figures=figures or [],
        banner=_banner(basis, as_of),
        illustrative=basis.illustrative > 0,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def write(
    fmt: ReportFormat,
    path: Path | None,
    *,
    title: str,
    summary: dict[str, Any],
    tables: list[Table],
    basis: Basis,
    as_of: dt.date | None = None,
    figures: list[tuple[str, str]] | None = None,
) -> list[Path]:
    """Write the report to ``path`` (``None``: standard output); the files written.

    A CSV report of several tables becomes a folder of CSV files, with ``basis.csv``
    too: the records each table rests on, kind by kind.
    """
    if fmt is ReportFormat.CSV and len(tables) > 1:
        if path is None:
            raise InvalidArgumentError(
                "a CSV report of several tables is a folder: give one", argument="--out"
            )
        path.mkdir(parents=True, exist_ok=True)
        written = []
        for table in [*tables, _basis_table(basis, as_of)]:
            target = path / f"{table.name}.csv"
            target.write_text(_csv(table), encoding="utf-8")
            written.append(target)
        return written
    text = render(
        fmt, title=title, summary=summary, tables=tables, basis=basis, as_of=as_of, figures=figures
    )
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


def _basis_table(basis: Basis, as_of: dt.date | None) -> Table:
    return Table(
        "basis",
        _banner(basis, as_of),
        ("kind", "records", "illustrative", "as_of"),
        [
            (k.kind, k.records, k.illustrative, as_of.isoformat() if as_of else "latest")
            for k in basis.kinds
        ],
    )


def _csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return buffer.getvalue()


def _markdown(title: str, summary: dict[str, Any], tables: list[Table], banner: str) -> str:
    lines = [f"# {title}", "", f"> **{banner}**", ""]
    lines += [f"- **{key}**: {value}" for key, value in summary.items()]
    for table in tables:
        columns, rows = table.for_people()
        lines += ["", f"## {table.title}", ""]
        lines.append("| " + " | ".join(columns) + " |")
        lines.append("|" + "---|" * len(columns))
        for row in rows:
            lines.append("| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |")
    return "\n".join(lines) + "\n"
