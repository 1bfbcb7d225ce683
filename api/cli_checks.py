"""Checks the ``diikg`` command line makes before any work: where output goes, what a report
takes, and whether the records an option names exist.

Each check raises :class:`graph.exceptions.InvalidArgumentError` naming the option, the
value and what would be accepted, which the command line prints as one line (exit 2).

Example
-------
>>> choose("--region", "south east", ["South East", "Wales"])
'South East'
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.exceptions import InvalidArgumentError
from graph.reports.build import ReportKind
from graph.reports.writers import ReportFormat

__all__ = [
    "REPORT_OPTIONS",
    "STDOUT",
    "ReportTarget",
    "choose",
    "option_name",
    "output_file",
    "refuse_unused",
    "report_target",
]

STDOUT = Path("-")
"""``--out -``: standard output."""

REPORT_OPTIONS: Mapping[ReportKind, frozenset[str]] = {
    ReportKind.DEPENDENCIES: frozenset(
        {"force", "threshold", "as_of", "since", "real_only", "measure", "all_suppliers"}
    ),
    ReportKind.UNMET_NEEDS: frozenset(
        {"stage", "region", "crime_type", "as_of", "real_only", "measure", "all_suppliers"}
    ),
    ReportKind.PILOTS: frozenset({"force", "as_of", "real_only"}),
    ReportKind.IMPACT: frozenset(
        {
            "force",
            "capability",
            "supplier",
            "maturity",
            "threshold",
            "as_of",
            "real_only",
            "measure",
            "all_suppliers",
        }
    ),
}
"""The options each report uses, by parameter name; the others are refused when given."""


@dataclass(frozen=True)
class ReportTarget:
    """Where a report goes (``None``: standard output) and in which format."""

    path: Path | None
    fmt: ReportFormat


def option_name(parameter: str) -> str:
    """``as_of`` as the command line spells it: ``--as-of``."""
    return "--" + parameter.replace("_", "-")


def refuse_unused(kind: ReportKind, given: Iterable[str]) -> None:
    """Refuse any option in ``given`` (parameter names) that report ``kind`` does not use."""
    unused = sorted(set(given) - REPORT_OPTIONS[kind])
    if unused:
        users = [k.value for k, options in REPORT_OPTIONS.items() if unused[0] in options]
        raise InvalidArgumentError(
            f"{option_name(unused[0])} is not used by the {kind.value} report"
            + (f"; it is used by {', '.join(users)}" if users else ""),
            argument=option_name(unused[0]),
        )


def report_target(
    out: Path | None, fmt: ReportFormat | None, *, folder: Path, stem: str
) -> ReportTarget:
    """Where a report goes: ``out`` checked, or ``folder/<stem>.<format>`` by default.

    The format is ``fmt``, else the one ``out``'s extension names (HTML when there is
    no ``out``). ``out`` ``-`` is standard output (not for CSV, a folder of tables); a
    CSV report goes to a folder; any other must have its format's extension.
    """
    if out is None:
        chosen = fmt or ReportFormat.HTML
        name = stem if chosen is ReportFormat.CSV else f"{stem}.{chosen.value}"
        return ReportTarget(folder / name, chosen)
    if out == STDOUT:
        chosen = fmt or ReportFormat.HTML
        if chosen is ReportFormat.CSV:
            raise InvalidArgumentError(
                "--out -: a CSV report is a folder of tables; give a folder, "
                "or --format md or json",
                argument="--out",
            )
        return ReportTarget(None, chosen)
    named = _format_of(out)
    given = fmt or named
    if given is None:
        files = ", ".join(f".{f.value}" for f in ReportFormat if f is not ReportFormat.CSV)
        what = (
            "is a folder"
            if out.is_dir()
            else f"{out.suffix!r} is not a format"
            if out.suffix
            else "has no extension"
        )
        raise InvalidArgumentError(
            f"--out {out}: {what}; name a {files} file, or give --format csv for a folder",
            argument="--out",
        )
    chosen = given
    if chosen is ReportFormat.CSV:
        if out.suffix not in ("", ".csv"):
            raise InvalidArgumentError(
                f"--out {out}: a CSV report is a folder of tables; give a folder", argument="--out"
            )
        _parent_exists(out)
        if out.exists() and not out.is_dir() and out.suffix == "":
            raise InvalidArgumentError(f"--out {out}: is a file, not a folder", argument="--out")
        return ReportTarget(out, chosen)
    if named is not chosen:
        raise InvalidArgumentError(
            f"--out {out}: a {chosen.value} report needs a .{chosen.value} file "
            f"(or leave out --format to choose it from the extension)",
            argument="--out",
        )
    return ReportTarget(output_file(out), chosen)


def output_file(path: Path, option: str = "--out") -> Path:
    """``path``, once it is known to name a file that can be written: its folder exists and
    it is not itself a folder."""
    _parent_exists(path, option)
    if path.is_dir():
        raise InvalidArgumentError(f"{option} {path}: is a folder; name a file", argument=option)
    return path


def choose(option: str, value: str, choices: Iterable[str]) -> str:
    """The one of ``choices`` that ``value`` names, ignoring case.

    Raises
    ------
    InvalidArgumentError
        None does: the message suggests the closest, or lists them when they are few.
    """
    known = sorted(set(choices))
    by_case = {c.casefold(): c for c in known}
    found = by_case.get(value.casefold())
    if found is not None:
        return found
    close = difflib.get_close_matches(value.casefold(), list(by_case), n=1, cutoff=0.6)
    if close:
        hint = f"did you mean {by_case[close[0]]!r}?"
    elif len(known) <= 12:
        hint = "one of " + ", ".join(repr(c) for c in known)
    else:
        hint = f"none of the {len(known)} known is close"
    raise InvalidArgumentError(f"{option} {value!r} is not known; {hint}", argument=option)


def _format_of(path: Path) -> ReportFormat | None:
    suffix = path.suffix.lower().lstrip(".")
    return next((f for f in ReportFormat if f.value == suffix), None)


def _parent_exists(path: Path, option: str = "--out") -> None:
    parent = path.parent
    if not parent.is_dir():
        raise InvalidArgumentError(
            f"{option} {path}: the folder {parent} does not exist", argument=option
        )
