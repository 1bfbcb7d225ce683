"""The records of the knowledge graph: one validated class per kind of fact in the data files.

Field names are snake_case, as in the data files; the graph stores them in camelCase
(``annual_volume`` becomes ``annualVolume``), which ``Entity.properties`` gives. The
markers in each field's ``Annotated`` metadata (``graph.model.properties``) say what
the property is for: filters, sort orders, search, analyses, references. Adding a
field here adds it to the graph, the data files, exports and the API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from operator import attrgetter
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic.alias_generators import to_camel

from graph.model.enums import (
    CrimeCategory,
    Delivery,
    ForceKind,
    Market,
    PilotStatus,
    Stage,
    Strength,
    VolumeMeasure,
)
from graph.model.properties import ANALYSED, SEARCHED, Filter, Match, Ref, Sort

__all__ = [
    "EDITOR_SOURCE",
    "ILLUSTRATIVE_SOURCE",
    "Assessment",
    "Benefit",
    "Capability",
    "Contract",
    "CrimeNeed",
    "CrimeType",
    "CrimeVolume",
    "Dependency",
    "Entity",
    "Force",
    "ForceContract",
    "ForceSupplier",
    "Metric",
    "Observation",
    "Offering",
    "Pilot",
    "Record",
    "RegionalUnit",
    "Source",
    "Supplier",
    "UnitAssessment",
    "UnitContract",
    "Workforce",
]

Id = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=120, pattern=r"^[a-z0-9][a-z0-9._~-]*$"
    ),
]
"""Ids are lower-case slugs, like data.police.uk's force ids (``avon-and-somerset``)."""

ILLUSTRATIVE_SOURCE = "illustrative"
"""The source that made-up demonstration values cite; a record citing it is illustrative."""
EDITOR_SOURCE = "editor-input"
"""The source that edits made through the API cite unless they name another; it may be cited by
nothing until the first edit."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
Count = Annotated[float, Field(ge=0)]
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
        return _key_of(type(self))(self)

    def properties(self, *, exclude: set[str] | None = None) -> dict[str, Any]:
        """The record as graph properties (camelCase names, ``None`` values left out)."""
        return self.model_dump(by_alias=True, exclude_none=True, exclude=exclude)


@cache
def _key_of(record: type[Entity]) -> Callable[[Entity], tuple[Any, ...]]:
    """Reads a record's ``key`` (asked for twice per record a load reads)."""
    read = attrgetter(*record.key_fields)
    if len(record.key_fields) > 1:
        return read
    return lambda entity: (read(entity),)


class Source(Entity):
    """A public source that facts cite."""

    id: Id
    title: Text
    publisher: Text
    year: Year
    url: Url | None = None
    licence: Annotated[
        Text | None, Field(description="The licence it is published under, where it says.")
    ] = None
    file_name: Annotated[
        Text | None, Field(description="The name of the file imported from it, if one was.")
    ] = None
    published_on: Annotated[
        dt.date | None, Field(description="The day the file imported was published.")
    ] = None
    sha256: Annotated[
        str | None,
        StringConstraints(pattern=r"^[0-9a-f]{64}$"),
        Field(description="The SHA-256 of the file imported, so that each figure traces to it."),
    ] = None


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


class RegionalUnit(Record):
    """A Regional Organised Crime Unit: it delivers regional capabilities for the forces it serves.

    ``forces`` are stored as ``SERVES`` relationships from the unit
    (``graph.model.kinds.SERVES``); a force is served by one unit at most.
    """

    id: Id
    name: Name
    short_name: Annotated[Text, SEARCHED, Field(description="What the unit calls itself (ERSOU).")]
    region: Annotated[
        Text,
        ANALYSED,
        Filter(Match.EXACT_ANY_CASE),
        Field(description="The policing region it serves, as its forces name it."),
    ]
    forces: Annotated[list[Id], Field(min_length=1)]


class Capability(Record):
    """Something policing can do digitally, in one stage, and who delivers it.

    A ``NATIONAL`` capability names the body that delivers it (``delivered_by``, a
    force or national body); a retired one says when (``retired_on``) and, where it
    was replaced, by what (``replaced_by``).
    """

    id: Id
    name: Name
    stage: Annotated[Stage, ANALYSED, Sort(), Filter()]
    description: Annotated[Text, SEARCHED]
    delivery: Annotated[
        Delivery,
        ANALYSED,
        Filter(),
        Field(description="Who delivers it: each force, the regional unit, or a national body."),
    ]
    market: Annotated[
        Market,
        ANALYSED,
        Filter(),
        Field(description="Whether suppliers can serve it, or only the police can perform it."),
    ]
    delivered_by: Annotated[
        Id | None,
        Ref("forces"),
        ANALYSED,
        Field(description="The national body that delivers it, for a national capability."),
    ] = None
    retired_on: Annotated[
        dt.date | None, ANALYSED, Field(description="The day it stopped, if it has.")
    ] = None
    replaced_by: Annotated[
        Id | None,
        Ref("capabilities"),
        ANALYSED,
        Field(description="The capability that took over from it, if any."),
    ] = None

    @model_validator(mode="after")
    def _delivery_consistent(self) -> Capability:
        if (self.delivery == Delivery.NATIONAL) != (self.delivered_by is not None):
            raise ValueError("delivered_by names the national body, and only for NATIONAL delivery")
        if self.replaced_by is not None and self.retired_on is None:
            raise ValueError("replaced_by needs retired_on: the day it was replaced")
        if self.replaced_by == self.id:
            raise ValueError("a capability cannot replace itself")
        return self


class Dependency(Record):
    """``capability`` needs ``depends_on``, for ``reason``: ``HARD`` (cannot work without) or
    ``SOFT`` (degraded without)."""

    capability: Id
    depends_on: Id
    reason: Annotated[Text, ANALYSED]
    strength: Annotated[Strength, ANALYSED]

    key_fields: ClassVar[tuple[str, ...]] = ("capability", "depends_on")

    @model_validator(mode="after")
    def _not_on_itself(self) -> Dependency:
        if self.capability == self.depends_on:
            raise ValueError("a capability cannot depend on itself")
        return self


class CrimeType(Record):
    """A kind of crime; its volumes are ``CrimeVolume`` records, one per measure, year and area."""

    id: Id
    name: Name
    category: Annotated[CrimeCategory, ANALYSED, Sort(), Filter()]
    description: Annotated[Text, SEARCHED]


class CrimeVolume(Record):
    """How many offences of ``crime_type`` one measure counted in one year and area.

    ``year`` is the year the financial year ends in (2025: April 2024 to March 2025);
    ``area`` is a force's id, or none for England and Wales. Measures are never added
    together: a survey estimate and a police-recorded count are two records.
    ``crime_type`` and ``area`` are stored as relationships (``VOLUME_OF``, ``IN_AREA``).
    """

    id: Id
    crime_type: Id
    measure: Annotated[VolumeMeasure, ANALYSED, Filter()]
    year: Annotated[Year, ANALYSED, Sort(("DESC",))]
    area: Id | None = None
    value: Annotated[int, Field(ge=0), ANALYSED]


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
    identifiers: Annotated[
        list[Text], Field(description="Its registered identifiers as published (GB-COH-01234567).")
    ] = []


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


class Contract(Record):
    """A contract awarded to ``supplier`` as a public notice published it, and what it serves.

    ``capabilities`` are the capabilities the reviewed mapping
    (``seeds/mappings/contract_capabilities.csv``) reads in its title, description
    and CPV codes.
    """

    supplier: Id
    contract: Annotated[
        Text, Field(description="The contract's id: its OCDS ocid and award id (ocid/award).")
    ]
    title: Annotated[Text, ANALYSED]
    capabilities: Annotated[
        list[Id],
        Ref("capabilities"),
        ANALYSED,
        Field(min_length=1, description="The capabilities the contract serves."),
    ]
    value: Annotated[Count | None, ANALYSED, Field(description="The awarded value.")] = None
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    awarded_on: dt.date | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    notice_url: Annotated[
        Url | None, ANALYSED, Field(description="The published notice of the award.")
    ] = None

    @model_validator(mode="after")
    def _period_in_order(self) -> Contract:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        return self


class ForceContract(Contract):
    """A contract ``force`` (a force or national body) awarded: stored as ``SUPPLIES``."""

    force: Id

    key_fields: ClassVar[tuple[str, ...]] = ("supplier", "force", "contract")


class UnitContract(Contract):
    """A contract the regional unit ``unit`` awarded: stored as ``SUPPLIES_UNIT``."""

    unit: Id

    key_fields: ClassVar[tuple[str, ...]] = ("supplier", "unit", "contract")


class Workforce(Record):
    """How many people ``force`` employed on 31 March of ``year``, in full-time equivalents.

    Used to share a national crime volume among forces where a force has no figure
    of its own; ``force`` is stored as a ``WORKFORCE_OF`` relationship.
    """

    id: Id
    force: Id
    year: Annotated[Year, ANALYSED]
    officers: Annotated[Count, ANALYSED, Field(description="Police officers (FTE).")]
    staff: Annotated[Count | None, Field(description="Police staff (FTE).")] = None
    pcsos: Annotated[
        Count | None, Field(description="Police community support officers (FTE).")
    ] = None


class Observation(Record):
    """A dated observation of how mature a body is on ``capability`` (0 to 5), against a target.

    Observations are history: a body's holding as of a day is its latest observation
    on or before it. Two observations of one body and capability differ in their day
    or their source.
    """

    capability: Id
    maturity: Annotated[Level, ANALYSED]
    target: Annotated[Level, ANALYSED]
    assessed_on: Annotated[dt.date, ANALYSED]

    @property
    def gap(self) -> int:
        """How far maturity falls short of target: ``max(target - maturity, 0)``."""
        return max(self.target - self.maturity, 0)


class Assessment(Observation):
    """An observation of ``force`` (a force or national body) on ``capability``."""

    force: Id

    key_fields: ClassVar[tuple[str, ...]] = ("force", "capability", "assessed_on", "source")


class UnitAssessment(Observation):
    """An observation of the regional unit ``unit`` on a regional ``capability``."""

    unit: Id

    key_fields: ClassVar[tuple[str, ...]] = ("unit", "capability", "assessed_on", "source")


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
