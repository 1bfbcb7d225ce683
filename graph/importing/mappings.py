"""The reviewed mapping tables that turn a publisher's names and codes into the graph's ids.

They live in ``seeds/mappings/`` as CSV files, one row per name or code, each with
the reason a reviewer accepted it: publishers' force and buyer names to body ids,
offence codes to crime types, contract keywords and CPV codes to capabilities.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from graph.config import PROJECT_ROOT
from graph.dataset.contents import Issue
from graph.dataset.files import validation_issues
from graph.exceptions import DatasetError
from graph.importing.tables import normal

__all__ = [
    "DEFAULT_MAPPINGS",
    "NATIONAL",
    "TOTAL",
    "BuyerName",
    "ContractRule",
    "ForceName",
    "Mappings",
    "OffenceCode",
]

DEFAULT_MAPPINGS = PROJECT_ROOT / "seeds" / "mappings"
"""Where the reviewed mapping tables are kept."""

NATIONAL = "national"
"""A force name whose rows count for England and Wales (Action Fraud's)."""
TOTAL = "total"
"""A force name whose rows total other rows: skipped, so nothing is counted twice."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9._~-]*$")]


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ForceName(_Row):
    """A name publishers give a force: its id, or ``national`` or ``total``."""

    name: Text
    force: Slug
    note: Text


class BuyerName(_Row):
    """A contracting body's published name: the forces or units it buys for (none: skip)."""

    name: Text
    bodies: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9 .~-]*$")]
    note: Text

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the bodies, in the order given."""
        return tuple(self.bodies.split())


class OffenceCode(_Row):
    """A Home Office offence code and the crime type its offences count towards."""

    offence_code: Text
    offence_description: Text
    crime_type: Slug
    reason: Text


class ContractRule(_Row):
    """A keyword (and optionally a CPV code prefix) marking a contract as serving a capability."""

    capability: Slug
    keyword: Text
    cpv: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9]{0,8}$")] = ""
    reason: Text

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The keyword as a whole-word, any-case pattern."""
        return re.compile(rf"(?<![a-z0-9]){re.escape(normal(self.keyword))}(?![a-z0-9])")

    def matches(self, text: str, cpv_codes: set[str]) -> bool:
        """Whether a contract with ``text`` (title and description) and ``cpv_codes`` serves it."""
        if not self.pattern.search(normal(text)):
            return False
        return not self.cpv or any(code.startswith(self.cpv) for code in cpv_codes)


R = TypeVar("R", bound=_Row)


@dataclass(frozen=True)
class Mappings:
    """The mapping tables of one folder, read and checked on first use."""

    folder: Path = DEFAULT_MAPPINGS

    @cached_property
    def force_names(self) -> dict[str, ForceName]:
        """Force names by their :func:`~graph.importing.tables.normal` form."""
        return _by_name(self._read("force_names.csv", ForceName), "force_names.csv")

    @cached_property
    def buyers(self) -> dict[str, BuyerName]:
        """Buyer names by their normal form."""
        return _by_name(self._read("buyers.csv", BuyerName), "buyers.csv")

    @cached_property
    def offence_codes(self) -> dict[str, OffenceCode]:
        """Offence codes (upper case) to their mapping."""
        rows = self._read("offence_codes.csv", OffenceCode)
        found: dict[str, OffenceCode] = {}
        for where, row in rows:
            code = row.offence_code.upper()
            if code in found:
                raise DatasetError(
                    f"{where}: offence code {code!r} is mapped twice",
                    issues=[Issue(where, "mapped twice", "offence_code")],
                )
            found[code] = row
        return found

    @cached_property
    def contract_rules(self) -> tuple[ContractRule, ...]:
        """Every contract rule, in file order."""
        return tuple(row for _, row in self._read("contract_capabilities.csv", ContractRule))

    def where(self, filename: str) -> str:
        """The path of one table, as messages name it."""
        return str(self.folder / filename)

    def unknown_force(self, where: str, name: str, column: str) -> Issue:
        """The issue of a row naming a force the force names table does not list."""
        table = self.where("force_names.csv")
        return Issue(where, f"unknown force name {name!r}: add it to {table}", column)

    def _read(self, filename: str, model: type[R]) -> list[tuple[str, R]]:
        path = self.folder / filename
        if not path.is_file():
            raise DatasetError(f"{path}: mapping table is missing", issues=[])
        issues: list[Issue] = []
        rows: list[tuple[str, R]] = []
        with path.open(newline="", encoding="utf-8") as handle:
            for number, raw in enumerate(csv.DictReader(handle), start=1):
                where = f"{path} row {number}"
                values: dict[str, Any] = {k: v for k, v in raw.items() if k is not None}
                try:
                    rows.append((where, model.model_validate(values)))
                except ValidationError as exc:
                    issues.extend(validation_issues(where, exc))
        if issues:
            raise DatasetError(f"{len(issues)} problem(s) in {path}", issues=issues)
        return rows


def _by_name(rows: list[tuple[str, Any]], filename: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for where, row in rows:
        key = normal(row.name)
        if key in found and found[key] != row:
            raise DatasetError(
                f"{where}: {row.name!r} is listed twice in {filename}",
                issues=[Issue(where, "listed twice", "name")],
            )
        found[key] = row
    return found
