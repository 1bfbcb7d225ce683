"""The domain model: one validated record type per kind of fact in the knowledge graph.

Field names are snake_case, as in the data files; the graph stores them in camelCase
(``annual_volume`` becomes ``annualVolume``), which ``Record.properties`` gives.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic.alias_generators import to_camel

__all__ = [
    "Assessment",
    "Benefit",
    "Capability",
    "CrimeCategory",
    "CrimeNeed",
    "CrimeType",
    "Dependency",
    "Entity",
    "Force",
    "ForceKind",
    "ForceSupplier",
    "Metric",
    "Offering",
    "Pilot",
    "PilotStatus",
    "Record",
    "Source",
    "Stage",
    "Supplier",
]

Id = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=120, pattern=r"^[a-z0-9][a-z0-9._~-]*$"
    ),
]
"""Ids are lower-case slugs, like data.police.uk's force ids (``avon-and-somerset``)."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Level = Annotated[int, Field(ge=0, le=5)]


class Stage(StrEnum):
    """The three stages of digital policing, after the NPCC Digital Policing Portfolio."""

    PUBLIC_CONTACT = "PUBLIC_CONTACT"
    INVESTIGATION = "INVESTIGATION"
    EVIDENCE = "EVIDENCE"


class ForceKind(StrEnum):
    """TERRITORIAL: the 43 forces of England and Wales; NATIONAL: a nation or the UK; SPECIAL."""

    TERRITORIAL = "TERRITORIAL"
    NATIONAL = "NATIONAL"
    SPECIAL = "SPECIAL"


class CrimeCategory(StrEnum):
    """How a crime depends on computers (Home Office Research Report 75)."""

    CYBER_DEPENDENT = "CYBER_DEPENDENT"
    CYBER_ENABLED = "CYBER_ENABLED"
    DIGITAL_ELEMENT = "DIGITAL_ELEMENT"


class PilotStatus(StrEnum):
    """Where a pilot stands."""

    PLANNED = "PLANNED"
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    STOPPED = "STOPPED"


class Entity(BaseModel):
    """A validated row of a data file; unknown fields are refused."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        alias_generator=to_camel,
        populate_by_name=True,
        str_strip_whitespace=True,
        use_enum_values=True,
    )

    key_fields: ClassVar[tuple[str, ...]] = ("id",)
    """The fields that identify a record of this kind; no two records share them."""

    @property
    def key(self) -> tuple[Any, ...]:
        """The values of ``key_fields``."""
        return tuple(getattr(self, name) for name in self.key_fields)

    def properties(self, *, exclude: set[str] | None = None) -> dict[str, Any]:
        """The record as graph properties (camelCase names, ``None`` values left out)."""
        return self.model_dump(by_alias=True, exclude_none=True, exclude=exclude)


class Source(Entity):
    """A public source that facts cite."""

    id: Id
    title: Text
    publisher: Text
    year: Annotated[int, Field(ge=1900, le=2100)]
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None


class Record(Entity):
    """A fact with its provenance.

    ``source`` names an entry of ``sources``; ``illustrative`` marks values made up
    for demonstration.
    """

    source: Id
    illustrative: bool = False


class Metric(Record):
    """A benefit measure shared by pilots, so that their results compare."""

    id: Id
    name: Text
    unit: Text
    higher_is_better: bool
    description: Text


class Force(Record):
    """A police force or law-enforcement body."""

    id: Id
    name: Text
    kind: ForceKind
    country: Text
    region: Text
    rocu: Text | None = None


class Capability(Record):
    """Something a force can do digitally, in one stage."""

    id: Id
    name: Text
    stage: Stage
    description: Text


class Dependency(Record):
    """``capability`` needs ``depends_on`` to work, for ``reason``."""

    capability: Id
    depends_on: Id
    reason: Text

    key_fields: ClassVar[tuple[str, ...]] = ("capability", "depends_on")

    @model_validator(mode="after")
    def _not_on_itself(self) -> Dependency:
        if self.capability == self.depends_on:
            raise ValueError("a capability cannot depend on itself")
        return self


class CrimeType(Record):
    """A kind of crime, with its annual volume where a public figure exists."""

    id: Id
    name: Text
    category: CrimeCategory
    description: Text
    annual_volume: Annotated[int, Field(ge=0)] | None = None
    volume_year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    volume_source: Id | None = None
    volume_illustrative: bool = False


class CrimeNeed(Record):
    """Crime type ``crime_type`` needs ``capability`` to be reported, investigated or proven."""

    crime_type: Id
    capability: Id

    key_fields: ClassVar[tuple[str, ...]] = ("crime_type", "capability")


class Supplier(Record):
    """An organisation that offers capabilities to forces."""

    id: Id
    name: Text
    description: Text | None = None


class Offering(Record):
    """``supplier`` offers ``capability`` as ``product``."""

    supplier: Id
    capability: Id
    product: Text

    key_fields: ClassVar[tuple[str, ...]] = ("supplier", "capability")


class ForceSupplier(Record):
    """``force`` uses ``supplier`` for ``capability``."""

    force: Id
    supplier: Id
    capability: Id

    key_fields: ClassVar[tuple[str, ...]] = ("force", "supplier", "capability")


class Assessment(Record):
    """How mature ``force`` is on ``capability`` (0 to 5), against its target, and when assessed."""

    force: Id
    capability: Id
    maturity: Level
    target: Level
    assessed_on: dt.date

    key_fields: ClassVar[tuple[str, ...]] = ("force", "capability")

    @property
    def gap(self) -> int:
        """How far maturity falls short of target: ``max(target - maturity, 0)``."""
        return max(self.target - self.maturity, 0)


class Benefit(Entity):
    """A pilot's measurement on a shared metric: before (baseline) and after (result)."""

    metric: Id
    baseline: float
    result: float


class Pilot(Record):
    """A trial of capabilities by one or more forces, with measured benefits."""

    id: Id
    name: Text
    status: PilotStatus
    summary: Text
    started_on: dt.date | None = None
    ended_on: dt.date | None = None
    forces: Annotated[list[Id], Field(min_length=1)]
    capabilities: Annotated[list[Id], Field(min_length=1)]
    supplier: Id | None = None
    crime_types: list[Id] = Field(default_factory=list)
    benefits: list[Benefit] = Field(default_factory=list)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Pilot:
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValueError("ended_on is before started_on")
        return self

    def properties(self, *, exclude: set[str] | None = None) -> dict[str, Any]:
        """The pilot's own properties; its links become relationships."""
        links = {"forces", "capabilities", "supplier", "crime_types", "benefits"}
        return super().properties(exclude=links | (exclude or set()))
