"""The importers by name, as ``diikg import SOURCE`` names them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from graph.dataset import Dataset
from graph.importing.contracts import plan_contracts
from graph.importing.crime import plan_recorded_crime
from graph.importing.files import ImportedFile
from graph.importing.mappings import Mappings
from graph.importing.plan import ImportPlan
from graph.importing.police_uk import plan_police_uk_forces
from graph.importing.tables import RowProgress
from graph.importing.workforce import plan_workforce

__all__ = ["IMPORTERS", "Importer", "importer_named"]


class Planner(Protocol):
    """Plans an import of ``files`` against the graph's records ``current``."""

    def __call__(
        self,
        files: list[ImportedFile],
        current: Dataset,
        mappings: Mappings,
        progress: RowProgress | None = None,
    ) -> ImportPlan: ...


@dataclass(frozen=True)
class Importer:
    """One kind of public file: its name, what it gives, and the function that plans it."""

    name: str
    summary: str
    plan: Planner
    writes: bool = True
    """Whether it writes to the graph (else it only checks and reports)."""


IMPORTERS: tuple[Importer, ...] = (
    Importer(
        "police-recorded-crime",
        "Home Office police force area tables: per-force police-recorded crime volumes",
        plan_recorded_crime,
    ),
    Importer(
        "contracts",
        "OCDS release packages (Contracts Finder, Find a Tender): suppliers and contracts",
        plan_contracts,
    ),
    Importer(
        "workforce",
        "Home Office police workforce tables: officers, staff and PCSOs per force and year",
        plan_workforce,
    ),
    Importer(
        "police-uk-forces",
        "data.police.uk /api/forces: checks the graph's force ids and names; writes nothing",
        plan_police_uk_forces,
        writes=False,
    ),
)


def importer_named(name: str) -> Importer:
    """The importer called ``name``.

    Raises
    ------
    KeyError
        No importer has that name.
    """
    return _BY_NAME[name]


_BY_NAME = {importer.name: importer for importer in IMPORTERS}
