"""Filters, sort orders and mutation inputs."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import strawberry

from api.connections import SortSpec
from api.types import CrimeCategory, ForceKind, PilotStatus, Stage

__all__ = [
    "BenefitInput",
    "CapabilityFilter",
    "CapabilitySort",
    "CrimeTypeFilter",
    "CrimeTypeSort",
    "ForceFilter",
    "ForceSort",
    "OfferingInput",
    "PilotFilter",
    "PilotInput",
    "PilotSort",
    "SupplierFilter",
    "SupplierInput",
    "SupplierSort",
    "UnmetNeedFilter",
    "sort_spec",
]


@strawberry.input(description="Forces matching every field given.")
class ForceFilter:
    kind: ForceKind | None = None
    region: str | None = strawberry.field(default=None, description="Exact region, any case.")
    name_contains: str | None = strawberry.field(
        default=None, description="Part of the name, any case."
    )


@strawberry.input(description="Capabilities matching every field given.")
class CapabilityFilter:
    stage: Stage | None = None
    name_contains: str | None = None
    crime_type_id: strawberry.ID | None = strawberry.field(
        default=None, description="Needed by this crime type."
    )


@strawberry.input(description="Suppliers matching every field given.")
class SupplierFilter:
    name_contains: str | None = None
    offers_capability_id: strawberry.ID | None = None


@strawberry.input(description="Crime types matching every field given.")
class CrimeTypeFilter:
    category: CrimeCategory | None = None
    name_contains: str | None = None


@strawberry.input(description="Pilots matching every field given.")
class PilotFilter:
    status: PilotStatus | None = None
    force_id: strawberry.ID | None = None
    capability_id: strawberry.ID | None = None
    supplier_id: strawberry.ID | None = None


@strawberry.input(description="Narrows unmet needs to a stage, a region's forces, or a crime type.")
class UnmetNeedFilter:
    stage: Stage | None = None
    region: str | None = None
    crime_type_id: strawberry.ID | None = None


@strawberry.enum(description="Orders forces; ties are broken by id.")
class ForceSort(Enum):
    NAME_ASC = "NAME_ASC"
    NAME_DESC = "NAME_DESC"
    REGION_ASC = "REGION_ASC"
    KIND_ASC = "KIND_ASC"


@strawberry.enum(description="Orders capabilities; ties are broken by id.")
class CapabilitySort(Enum):
    NAME_ASC = "NAME_ASC"
    NAME_DESC = "NAME_DESC"
    STAGE_ASC = "STAGE_ASC"


@strawberry.enum(description="Orders suppliers; ties are broken by id.")
class SupplierSort(Enum):
    NAME_ASC = "NAME_ASC"
    NAME_DESC = "NAME_DESC"


@strawberry.enum(description="Orders crime types; ties are broken by id.")
class CrimeTypeSort(Enum):
    NAME_ASC = "NAME_ASC"
    NAME_DESC = "NAME_DESC"
    CATEGORY_ASC = "CATEGORY_ASC"
    VOLUME_DESC = "VOLUME_DESC"


@strawberry.enum(description="Orders pilots; ties are broken by id.")
class PilotSort(Enum):
    NAME_ASC = "NAME_ASC"
    NAME_DESC = "NAME_DESC"
    STATUS_ASC = "STATUS_ASC"


_SORTS: dict[str, SortSpec] = {
    "NAME_ASC": SortSpec("name", ""),
    "NAME_DESC": SortSpec("name", "", descending=True),
    "REGION_ASC": SortSpec("region", ""),
    "KIND_ASC": SortSpec("kind", ""),
    "STAGE_ASC": SortSpec("stage", ""),
    "CATEGORY_ASC": SortSpec("category", ""),
    "VOLUME_DESC": SortSpec("annualVolume", -1, descending=True),
    "STATUS_ASC": SortSpec("status", ""),
}


def sort_spec(sort: Enum) -> SortSpec:
    """The property, missing-value stand-in and direction behind a sort option."""
    return _SORTS[sort.name]


@strawberry.input(description="A capability a supplier offers, and the product name.")
class OfferingInput:
    capability_id: strawberry.ID
    product: str


@strawberry.input(
    description="A supplier and everything it offers (offerings not listed are removed)."
)
class SupplierInput:
    id: strawberry.ID
    name: str
    description: str | None = None
    offers: list[OfferingInput] = strawberry.field(default_factory=list)
    source_id: strawberry.ID = strawberry.ID("editor-input")
    illustrative: bool = False

    def record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "source": self.source_id,
            "illustrative": self.illustrative,
        }


@strawberry.input(description="A measured result on a shared metric.")
class BenefitInput:
    metric: strawberry.ID
    baseline: float
    result: float


@strawberry.input(description="A pilot with all it links to; registering again replaces its links.")
class PilotInput:
    id: strawberry.ID
    name: str
    status: PilotStatus
    summary: str
    force_ids: list[strawberry.ID]
    capability_ids: list[strawberry.ID]
    started_on: dt.date | None = None
    ended_on: dt.date | None = None
    supplier_id: strawberry.ID | None = None
    crime_type_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    benefits: list[BenefitInput] = strawberry.field(default_factory=list)
    source_id: strawberry.ID = strawberry.ID("editor-input")
    illustrative: bool = False

    def record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "status": self.status,
            "summary": self.summary,
            "started_on": self.started_on,
            "ended_on": self.ended_on,
            "forces": list(self.force_ids),
            "capabilities": list(self.capability_ids),
            "supplier": self.supplier_id,
            "crime_types": list(self.crime_type_ids),
            "benefits": [vars(b) for b in self.benefits],
            "source": self.source_id,
            "illustrative": self.illustrative,
        }
