"""Writing fixture tables as the OpenDocument spreadsheets the Home Office publishes."""

from __future__ import annotations

import csv
from pathlib import Path

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

DATA = Path(__file__).resolve().parents[2] / "data" / "imports"
"""The fixture tables, as CSV text a reviewer can read."""


def sheet_rows(name: str) -> list[list[object]]:
    """A fixture table's rows, numbers as numbers (as a spreadsheet holds them)."""
    with (DATA / name).open(newline="", encoding="utf-8") as handle:
        return [[_typed(cell) for cell in row] for row in csv.reader(handle)]


def write_ods(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """Write ``sheets`` (name to rows) as an ODS workbook at ``path``."""
    document = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        for row in rows:
            table_row = TableRow()
            for value in row:
                table_row.addElement(_cell(value))
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def _cell(value: object) -> TableCell:
    if isinstance(value, int | float) and not isinstance(value, bool):
        cell = TableCell(valuetype="float", value=value)
    else:
        cell = TableCell(valuetype="string")
    if value not in (None, ""):
        cell.addElement(P(text=str(value)))
    return cell


def _typed(cell: str) -> object:
    try:
        return int(cell)
    except ValueError:
        pass
    try:
        return float(cell)
    except ValueError:
        return cell
