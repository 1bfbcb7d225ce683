"""The records of the knowledge graph: one validated class per kind of fact in the data files.

Field names are snake_case, as in the data files; the graph stores them in camelCase
(``annual_volume`` becomes ``annualVolume``), which ``Entity.properties`` gives. The
markers in each field's ``Annotated`` metadata (``graph.model.properties``) say what
the property is for: filters, sort orders, search, analyses, references. Adding a
field here adds it to the graph, the data files, exports and the API.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic.alias_generators import to_camel

from graph.model.enums import CrimeCategory, ForceKind, PilotStatus, Stage
from graph.model.properties import ANALYSED, SEARCHED, Filter, Match, Ref, Sort

__all__ = [
    "Assessment",
    "Benefit",
    "Capability",
    "CrimeNeed",
    "CrimeType",
    "Dependency",
    "Entity",
    "Force",
    "ForceSupplier",
    "Metric",
    "Offering",
    "Pilot",
    "Record",
    "Source",
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
Year = Annotated[int, Field(ge=1900, le=2100)]

Name = Annotated[Text, SEARCHED, ANALYSED, Sort(("ASC", "DESC")), Filter(Match.CONTAINS_ANY_CASE)]
"""A display name: searched, sorted both ways, filtered by the words it contains."""


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
    year: Year
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None


class Record(Entity):
    """A fact with its provenance.

    ``source`` names an entry of ``sources``; ``illustrative`` marks values made up
    for demonstration.
    """

    source: Annotated[Id, Ref("sources")]
    illustrative: bool = False


class Metric(Record):
    """A benefit measure shared by pilots, so that their results compare."""

    id: Id
    name: Annotated[Text, ANALYSED]
    unit: Annotated[Text, ANALYSED]
    higher_is_better: Annotated[bool, ANALYSED]
    description: Text


class Force(Record):
    """A police force or law-enforcement body."""

    id: Id
    name: Name
    kind: Annotated[ForceKind, ANALYSED, Sort(), Filter()]
    country: Text
    region: Annotated[Text, SEARCHED, ANALYSED, Sort(), Filter(Match.EXACT_ANY_CASE)]
    rocu: Annotated[
        Text | None, Field(description="The Regional Organised Crime Unit that serves it.")
    ] = None


class Capability(Record):
    """Something a force can do digitally, in one stage."""

    id: Id
    name: Name
    stage: Annotated[Stage, ANALYSED, Sort(), Filter()]
    description: Annotated[Text, SEARCHED]


class Dependency(Record):
    """``capability`` needs ``depends_on`` to work, for ``reason``."""

    capability: Id
    depends_on: Id
    reason: Annotated[Text, ANALYSED]

    key_fields: ClassVar[tuple[str, ...]] = ("capability", "depends_on")

    @model_validator(mode="after")
    def _not_on_itself(self) -> Dependency:
        if self.capability == self.depends_on:
            raise ValueError("a capability cannot depend on itself")
        return self


class CrimeType(Record):
    """A kind of crime, with its annual volume where a public figure exists."""

    id: Id
    name: Name
    category: Annotated[CrimeCategory, ANALYSED, Sort(), Filter()]
    description: Annotated[Text, SEARCHED]
    annual_volume: Annotated[
        int | None, Field(ge=0), ANALYSED, Sort(("DESC",), stem="VOLUME", missing=-1)
    ] = None
    volume_year: Year | None = None
    volume_source: Annotated[Id | None, Ref("sources")] = None
    volume_illustrative: bool = False


class CrimeNeed(Record):
    """Crime type ``crime_type`` needs ``capability`` to be reported, investigated or proven."""

    crime_type: Id
    capability: Id

    key_fields: ClassVar[tuple[str, ...]] = ("crime_type", "capability")


class Supplier(Record):
    """An organisation that offers capabilities to forces."""

    id: Id
    name: Name
    description: Annotated[Text | None, SEARCHED] = None


class Offering(Record):
    """``supplier`` offers ``capability`` as ``product``."""

    supplier: Id
    capability: Id
    product: Annotated[Text, ANALYSED]

    key_fields: ClassVar[tuple[str, ...]] = ("supplier", "capability")


class ForceSupplier(Record):
    """``force`` uses ``supplier`` for ``capability``."""

    force: Id
    supplier: Id
    capability: Annotated[Id, Ref("capabilities")]

    key_fields: ClassVar[tuple[str, ...]] = ("force", "supplier", "capability")


class Assessment(Record):
    """How mature ``force`` is on ``capability`` (0 to 5), against its target, and when assessed."""

    force: Id
    capability: Id
    maturity: Annotated[Level, ANALYSED]
    target: Annotated[Level, ANALYSED]
    assessed_on: dt.date

    key_fields: ClassVar[tuple[str, ...]] = ("force", "capability")

    @property
    def gap(self) -> int:
        """How far maturity falls short of target: ``max(target - maturity, 0)``."""
        return max(self.target - self.maturity, 0)


class Benefit(Entity):
    """A pilot's measurement on a shared metric: before (baseline) and after (result)."""

    metric: Id
    baseline: Annotated[float, ANALYSED]
    result: Annotated[float, ANALYSED]

    key_fields: ClassVar[tuple[str, ...]] = ("metric",)


class Pilot(Record):
    """A trial of capabilities by one or more forces, with measured benefits.

    ``forces``, ``capabilities``, ``supplier``, ``crime_types`` and ``benefits`` are
    stored as relationships from the pilot (``graph.model.kinds.LINKS``).
    """

    id: Id
    name: Name
    status: Annotated[PilotStatus, ANALYSED, Sort(), Filter()]
    summary: Annotated[Text, SEARCHED]
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
