"""Police recorded crime by force area: the Home Office open data tables, to crime volumes.

Each row of the police force area tables counts the offences of one offence code
that one force recorded in one quarter of a financial year. Rows are mapped to the
graph's crime types through ``seeds/mappings/offence_codes.csv`` and summed into
one ``POLICE_RECORDED`` crime volume per crime type, force area and year.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from graph.dataset import Dataset
from graph.dataset.contents import Issue
from graph.importing.files import ImportedFile, Publication
from graph.importing.mappings import NATIONAL, TOTAL, Mappings
from graph.importing.plan import ImportPlan
from graph.importing.tables import RowProgress, normal, number, read_table
from graph.model import CrimeVolume, VolumeMeasure
from graph.model.kinds import CRIME_VOLUMES, SOURCES

__all__ = ["COLUMNS", "PUBLICATION", "plan_recorded_crime"]

PUBLICATION = Publication(
    key="ho-prc",
    title="Police recorded crime and outcomes open data tables: police force area data tables",
    publisher="Home Office",
    url="https://www.gov.uk/government/statistics/police-recorded-crime-open-data-tables",
    licence="Open Government Licence v3.0",
)

YEAR, QUARTER, FORCE, DESCRIPTION, CODE, COUNT = (
    "Financial Year",
    "Financial Quarter",
    "Force Name",
    "Offence Description",
    "Offence Code",
    "Number of Offences",
)
COLUMNS = (YEAR, FORCE, CODE, COUNT)
"""The columns every sheet of the tables must have; quarter and description are read too."""

_FINANCIAL_YEAR = re.compile(r"^(\d{4})\s*/\s*(\d{2}|\d{4})$")

Key = tuple[str, str | None, int]
"""A crime volume's crime type, area (``None``: England and Wales) and year."""


@dataclass
class _Tally:
    """One file's counts, summed per crime volume, with what makes a sum unusable."""

    totals: Counter[Key] = field(default_factory=Counter)
    where: dict[Key, str] = field(default_factory=dict)
    suppressed: set[Key] = field(default_factory=set)
    quarters: dict[tuple[str | None, int], set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )
    has_quarters: bool = False


def plan_recorded_crime(
    files: list[ImportedFile],
    current: Dataset,
    mappings: Mappings,
    progress: RowProgress | None = None,
) -> ImportPlan:
    """The crime volumes the police force area tables in ``files`` give.

    A figure is written only for a whole financial year: a year the file gives fewer
    than four quarters of, or in which any quarter's count is suppressed, is skipped
    and counted. Where several files give one figure, the last file's wins.
    ``progress`` hears how many rows have been read.

    Raises
    ------
    ImportFileError
        A file is not one of these tables (its header, a cell), named with its row.
    DatasetError
        Rows name forces that ``seeds/mappings/force_names.csv`` does not list, or
        years that are not financial years; every such row is listed.
    """
    plan = ImportPlan("police-recorded-crime", files)
    existing = {
        (v.crime_type, v.measure, v.year, v.area): v.id for v in current.records(CRIME_VOLUMES)
    }
    issues: list[Issue] = []
    for file in files:
        source = file.source(PUBLICATION)
        tally = _read(file, mappings, plan, issues, progress)
        used = False
        for key, total in sorted(tally.totals.items(), key=lambda item: str(item[0])):
            reason = _unusable(key, total, tally)
            if reason:
                plan.skipped[reason] += 1
                continue
            crime_type, area, year = key
            natural = (crime_type, VolumeMeasure.POLICE_RECORDED, year, area)
            volume = CrimeVolume(
                id=existing.get(natural) or _volume_id(crime_type, area, year),
                crime_type=crime_type,
                measure=VolumeMeasure.POLICE_RECORDED,
                year=year,
                area=area,
                value=total,
                source=source.id,
            )
            plan.add(CRIME_VOLUMES, volume, tally.where[key])
            used = True
        if used:
            plan.add(SOURCES, source, str(file.path))
    plan.refuse(issues)
    return plan


def _read(
    file: ImportedFile,
    mappings: Mappings,
    plan: ImportPlan,
    issues: list[Issue],
    progress: RowProgress | None,
) -> _Tally:
    tally = _Tally()
    codes, names = mappings.offence_codes, mappings.force_names
    for row in read_table(file.path, COLUMNS, optional=(QUARTER, DESCRIPTION), progress=progress):
        plan.rows_read += 1
        if row.blank():
            plan.skipped["empty row"] += 1
            continue
        if not row.text(FORCE) and not row.text(CODE):
            plan.skipped["note or footnote row"] += 1
            continue
        year = _financial_year(row.text(YEAR))
        force = names.get(normal(row.text(FORCE)))
        if year is None:
            issues.append(
                Issue(row.where, f"expected a financial year like 2023/24, got {row.text(YEAR)!r}")
            )
            continue
        if force is None:
            issues.append(mappings.unknown_force(row.where, row.text(FORCE), FORCE))
            continue
        if force.force == TOTAL:
            plan.skipped["total row (a sum of other rows)"] += 1
            continue
        area = None if force.force == NATIONAL else force.force
        if QUARTER in row.cells and row.text(QUARTER):
            tally.has_quarters = True
            tally.quarters[(area, year)].add(row.text(QUARTER))
        mapping = codes.get(row.text(CODE).upper())
        if mapping is None:
            plan.skipped["offence code not in offence_codes.csv (not a digital crime type)"] += 1
            continue
        described = row.text(DESCRIPTION)
        if described and not _same_offence(described, mapping.offence_description):
            plan.skipped[
                f"offence code {mapping.offence_code} is described as {described!r} in the file, "
                f"not {mapping.offence_description!r}: review offence_codes.csv"
            ] += 1
            continue
        key: Key = (mapping.crime_type, area, year)
        tally.where.setdefault(key, row.where)
        value = number(row, COUNT)
        if value is None:
            tally.suppressed.add(key)
            plan.skipped["suppressed count (.., [x])"] += 1
            continue
        tally.totals[key] += int(value)
    for key in tally.suppressed:
        tally.totals.setdefault(key, 0)
    return tally


def _unusable(key: Key, total: int, tally: _Tally) -> str | None:
    _, area, year = key
    if key in tally.suppressed:
        return "year left out: a quarter's count is suppressed, so its total is unknown"
    seen = tally.quarters.get((area, year), set())
    if tally.has_quarters and len(seen) < 4:
        return f"year left out: the file has {len(seen)} of its 4 quarters"
    if total < 0:
        return "year left out: its counts sum to less than zero"
    return None


def _financial_year(text: str) -> int | None:
    """The year a financial year ends in: ``2023/24`` gives 2024."""
    match = _FINANCIAL_YEAR.match(text.replace("-", "/").replace(" to ", "/"))
    if not match:
        return None
    start, end = int(match[1]), match[2]
    ending = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
    if ending < start:
        ending += 100
    return ending if ending == start + 1 else None


def _same_offence(described: str, mapped: str) -> bool:
    one, other = normal(described), normal(mapped)
    return one == other or one in other or other in one


def _volume_id(crime_type: str, area: str | None, year: int) -> str:
    return f"{crime_type}-prc-{area or 'england-and-wales'}-{year}"
