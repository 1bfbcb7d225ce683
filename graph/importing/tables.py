"""Rows of a published table (ODS, XLSX or CSV), found under its header row, named by place.

Publishers put notes above a table's header and footnotes below it, and split long
tables over several sheets; :func:`read_table` finds the header row of every sheet
that has one, and yields each row under it as a dict keyed by the columns asked for.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from graph.exceptions import ImportFileError

__all__ = ["SUPPRESSED", "RowProgress", "TableRow", "normal", "number", "read_table"]

HEADER_SEARCH_ROWS = 30
"""How many rows at the top of a sheet may hold notes before its header row."""

SUPPRESSED = frozenset({"..", "...", "[x]", "[c]", "[z]", "[u]", "[low]", "*", "-", "n/a", ":"})
"""Cell values that publishers use for a figure withheld, not available or not applicable."""

_SPREADSHEETS = {".ods", ".xlsx", ".xlsm", ".xls"}
_EVERY = 5000

RowProgress = Callable[[int, int], None]
"""Called as rows are read with the rows read so far and the rows in all (of the sheets read)."""


@dataclass(frozen=True)
class TableRow:
    """One row under a header: its place (file, sheet, row number) and its cells by column."""

    where: str
    cells: dict[str, Any]

    def text(self, column: str) -> str:
        """The cell of ``column`` as stripped text ("" when empty)."""
        value = self.cells.get(column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    def blank(self) -> bool:
        """Whether every cell read is empty."""
        return not any(self.text(column) for column in self.cells)


def normal(text: str) -> str:
    """Text compared loosely: case-folded, ``&`` as ``and``, punctuation and spacing evened."""
    folded = text.casefold().replace("&", " and ")
    kept = "".join(c if c.isalnum() else " " for c in folded)
    return " ".join(kept.split())


def number(row: TableRow, column: str) -> float | None:
    """The cell of ``column`` as a number; ``None`` when it is a suppression marker.

    Raises
    ------
    ImportFileError
        The cell is empty or holds text that is neither a number nor a marker.
    """
    value = row.cells.get(column)
    if isinstance(value, bool):
        raise ImportFileError(f"{row.where}, column {column!r}: expected a number, got {value!r}")
    if isinstance(value, int | float):
        return float(value)
    text = row.text(column)
    if text.casefold() in SUPPRESSED:
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        shown = text or "an empty cell"
        raise ImportFileError(
            f"{row.where}, column {column!r}: expected a number, got {shown!r}"
        ) from None


def read_table(
    path: Path,
    columns: Sequence[str],
    *,
    optional: Sequence[str] = (),
    progress: RowProgress | None = None,
) -> Iterator[TableRow]:
    """Every row under the header of every sheet of ``path`` that has ``columns``.

    Headers are matched loosely (:func:`normal`), in any order, among other columns.
    A sheet whose first rows hold no header naming most of ``columns`` is not a table
    of this kind (a cover sheet, notes) and is passed over.

    Raises
    ------
    ImportFileError
        The file cannot be read; a header row lacks one of ``columns`` (named, with
        the row); or no sheet has a header row at all.
    """
    found = False
    sheets = list(_sheets(path))
    total, done = sum(len(rows) for _, rows in sheets), 0
    for sheet, rows in sheets:
        header_at = _header_row(rows, columns)
        if header_at is None:
            continue
        found = True
        header = [normal(_cell_text(cell)) for cell in rows[header_at]]
        place = f"{path.name}" + (f", sheet {sheet!r}" if sheet else "")
        positions: dict[str, int] = {}
        for column in [*columns, *optional]:
            if normal(column) in header:
                positions[column] = header.index(normal(column))
            elif column in columns:
                raise ImportFileError(
                    f"{place}, row {header_at + 1}: expected a column {column!r} in the header row"
                )
        for offset, cells in enumerate(rows[header_at + 1 :], start=header_at + 2):
            if progress and offset % _EVERY == 0:
                progress(done + offset, total)
            yield TableRow(
                where=f"{place}, row {offset}",
                cells={
                    column: _clean(cells[index]) if index < len(cells) else None
                    for column, index in positions.items()
                },
            )
        done += len(rows)
    if progress:
        progress(total, total)
    if not found:
        wanted = ", ".join(repr(c) for c in columns)
        raise ImportFileError(
            f"{path.name}: no sheet has a header row with the columns {wanted} "
            f"in its first {HEADER_SEARCH_ROWS} rows"
        )


def _sheets(path: Path) -> Iterator[tuple[str | None, list[list[Any]]]]:
    if path.suffix.lower() == ".csv":
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                yield None, [list(row) for row in csv.reader(handle)]
        except (UnicodeDecodeError, csv.Error) as exc:
            raise ImportFileError(f"{path.name}: not a readable CSV file ({exc})") from None
        return
    if path.suffix.lower() not in _SPREADSHEETS:
        raise ImportFileError(
            f"{path.name}: expected an .ods, .xlsx or .csv file, got {path.suffix or 'no suffix'!r}"
        )
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        for name in workbook.sheet_names:
            yield name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except CalamineError as exc:
        raise ImportFileError(f"{path.name}: not a readable spreadsheet ({exc})") from None


def _header_row(rows: list[list[Any]], columns: Sequence[str]) -> int | None:
    wanted = {normal(column) for column in columns}
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        present = {normal(_cell_text(cell)) for cell in cells} & wanted
        if len(present) * 2 > len(wanted):
            return index
    return None


def _cell_text(cell: Any) -> str:
    return "" if cell is None else str(cell)


def _clean(cell: Any) -> Any:
    if isinstance(cell, str):
        return cell.strip() or None
    if isinstance(cell, dt.datetime):
        return cell.date()
    return cell
