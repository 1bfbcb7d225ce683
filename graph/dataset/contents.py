"""A dataset: every record of each kind, where each was read from, and the problems found."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from graph.model import KINDS, Entity, Kind

__all__ = ["Dataset", "Issue"]

R = TypeVar("R", bound=Entity)


@dataclass(frozen=True)
class Issue:
    """One problem in a dataset: where it is, which field, and what is wrong."""

    where: str
    message: str
    field: str | None = None

    def __str__(self) -> str:
        field = f", field {self.field}" if self.field else ""
        return f"{self.where}{field}: {self.message}"


class Dataset:
    """Every record of a dataset, by kind (``graph.model.KINDS``), with where each came from.

    Examples
    --------
    >>> from graph.model.kinds import SOURCES
    >>> from graph.model import Source
    >>> data = Dataset({SOURCES: [Source(id="ons", title="Crime", publisher="ONS", year=2025)]})
    >>> [s.id for s in data.records(SOURCES)], data.counts()["sources"]
    (['ons'], 1)
    """

    def __init__(
        self, records: Mapping[Kind[Any], Iterable[Entity]] | None = None, *, origin: str = ""
    ) -> None:
        given = records or {}
        self.origin = origin
        self.locations: dict[tuple[str, tuple[Any, ...]], str] = {}
        self._records: dict[str, list[Any]] = {
            kind.name: list(given.get(kind, ())) for kind in KINDS
        }

    def records(self, kind: Kind[R]) -> list[R]:
        """The records of ``kind``, in the order read (a list to append to)."""
        records: list[R] = self._records[kind.name]
        return records

    def replace(self, kind: Kind[R], records: Iterable[R]) -> None:
        """Make ``records`` the records of ``kind``."""
        self._records[kind.name] = list(records)

    def where(self, kind: Kind[Any], record: Entity) -> str:
        """Where a record was read from (file and row or item), for messages."""
        return self.locations.get(
            (kind.name, record.key), f"{self.origin} {kind.name} {record.key}"
        )

    def counts(self) -> dict[str, int]:
        """How many records of each kind, by kind name."""
        return {kind.name: len(self._records[kind.name]) for kind in KINDS}
