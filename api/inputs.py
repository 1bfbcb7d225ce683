"""The inputs of mutations: suppliers with their offerings, pilots with their benefits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from api.types import PilotStatus
from graph.model import EDITOR_SOURCE

__all__ = ["BenefitInput", "OfferingInput", "PilotInput", "SupplierInput"]


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
    source_id: strawberry.ID = strawberry.ID(EDITOR_SOURCE)
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
    source_id: strawberry.ID = strawberry.ID(EDITOR_SOURCE)
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
