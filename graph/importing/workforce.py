"""Force size: the Home Office police workforce open data tables, to workforce figures.

Rows give full-time equivalents by force, year (as at 31 March), worker type and
further breakdowns (sex, rank); they are summed per force, year and worker type.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from graph.dataset import Dataset
from graph.dataset.contents import Issue
from graph.importing.files import ImportedFile, Publication
from graph.importing.mappings import NATIONAL, TOTAL, Mappings
from graph.importing.plan import ImportPlan
from graph.importing.tables import RowProgress, normal, number, read_table
from graph.model import Workforce
from graph.model.kinds import SOURCES, WORKFORCE

__all__ = ["COLUMNS", "PUBLICATION", "WORKER_TYPES", "plan_workforce"]

PUBLICATION = Publication(
    key="ho-workforce",
    title="Police workforce open data tables",
    publisher="Home Office",
    url="https://www.gov.uk/government/statistics/police-workforce-open-data-tables",
    licence="Open Government Licence v3.0",
)

YEAR, FORCE, WORKER, FTE = "As at 31 March", "Force Name", "Worker type", "Total (FTE)"
COLUMNS = (YEAR, FORCE, WORKER, FTE)

WORKER_TYPES = {
    "police officer": "officers",
    "police officers": "officers",
    "police staff": "staff",
    "pcso": "pcsos",
    "pcsos": "pcsos",
    "police community support officer": "pcsos",
    "police community support officers": "pcsos",
}
"""Worker types counted, by their normal form, to the figure they add to; others are skipped."""


def plan_workforce(
    files: list[ImportedFile],
    current: Dataset,
    mappings: Mappings,
    progress: RowProgress | None = None,
) -> ImportPlan:
    """The workforce figures (officers, staff, PCSOs in FTE) the tables in ``files`` give.

    A force and year with no officers counted is not written (the figure shares out
    demand by officers). Where several files give one figure, the last file's wins.
    ``progress`` hears how many rows have been read.

    Raises
    ------
    ImportFileError
        A file is not one of these tables, named with the row and column.
    DatasetError
        Rows name forces the force names table does not list; every such row is listed.
    """
    del current
    plan = ImportPlan("workforce", files)
    issues: list[Issue] = []
    for file in files:
        source = file.source(PUBLICATION)
        sums: dict[tuple[str, int], dict[str, float]] = defaultdict(lambda: defaultdict(float))
        where: dict[tuple[str, int], str] = {}
        withheld: set[tuple[str, int, str]] = set()
        for row in read_table(file.path, COLUMNS, progress=progress):
            plan.rows_read += 1
            if row.blank() or not row.text(FORCE):
                plan.skipped["note, footnote or empty row"] += 1
                continue
            year = _year(row.cells.get(YEAR))
            if year is None:
                issues.append(Issue(row.where, f"expected a year, got {row.text(YEAR)!r}", YEAR))
                continue
            force = mappings.force_names.get(normal(row.text(FORCE)))
            if force is None:
                issues.append(mappings.unknown_force(row.where, row.text(FORCE), FORCE))
                continue
            if force.force in (TOTAL, NATIONAL):
                plan.skipped["total row (a sum of other rows)"] += 1
                continue
            figure = WORKER_TYPES.get(normal(row.text(WORKER)))
            if figure is None:
                plan.skipped[f"worker type not counted: {row.text(WORKER)}"] += 1
                continue
            key = (force.force, year)
            where.setdefault(key, row.where)
            value = number(row, FTE)
            if value is None:
                plan.skipped["suppressed figure (.., [x])"] += 1
                withheld.add((*key, figure))
                continue
            sums[key][figure] += value
        used = False
        for (force_id, year), figures in sorted(sums.items()):
            for figure in [f for f in figures if (force_id, year, f) in withheld]:
                del figures[figure]
                plan.skipped[f"{figure} left out: part of the count is suppressed"] += 1
            if not figures.get("officers"):
                plan.skipped["force and year without a whole count of officers"] += 1
                continue
            record = Workforce(
                id=f"workforce-{force_id}-{year}",
                force=force_id,
                year=year,
                officers=round(figures["officers"], 2),
                staff=_rounded(figures.get("staff")),
                pcsos=_rounded(figures.get("pcsos")),
                source=source.id,
            )
            plan.add(WORKFORCE, record, where[(force_id, year)])
            used = True
        if used:
            plan.add(SOURCES, source, str(file.path))
    plan.refuse(issues)
    return plan


def _year(value: object) -> int | None:
    if isinstance(value, dt.date):
        return value.year
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if 1900 <= value <= 2100 else None
    found = re.findall(r"\b(19\d{2}|20\d{2})\b", str(value or ""))
    return int(found[-1]) if len(found) == 1 else None


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
