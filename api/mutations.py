"""Root fields that change the graph; each needs an editor's token and runs in one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from pydantic import ValidationError
from strawberry.types import Info

from api.errors import from_validation
from api.inputs import BenefitInput, PilotInput, SupplierInput
from api.permissions import IsEditor
from api.types import ForceCapability, Pilot, Supplier
from graph import editing, model, reads
from graph.model import EDITOR_SOURCE as EDITOR_SOURCE_ID
from graph.model.kinds import PILOTS

__all__ = ["EDITOR_SOURCE", "Mutation"]

EDITOR_SOURCE = strawberry.ID(EDITOR_SOURCE_ID)
"""The source cited by edits that name none."""


def _validated(model_class: type[model.Entity], values: dict[str, Any], argument: str) -> Any:
    try:
        return model_class.model_validate(values)
    except ValidationError as exc:
        raise from_validation(exc, argument=argument) from exc


@strawberry.type
class Mutation:
    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Record a force's maturity and target on a capability (replaces the last).",
    )
    async def assess_capability(
        self,
        info: Info,
        force_id: strawberry.ID,
        capability_id: strawberry.ID,
        maturity: int,
        target: int,
        assessed_on: dt.date | None = None,
        source_id: strawberry.ID = EDITOR_SOURCE,
    ) -> ForceCapability:
        assessment = _validated(
            model.Assessment,
            {
                "force": force_id,
                "capability": capability_id,
                "maturity": maturity,
                "target": target,
                "assessed_on": assessed_on or dt.date.today(),
                "source": source_id,
            },
            "assessCapability",
        )
        row = await info.context.run(editing.assess_capability, assessment)
        return ForceCapability.from_rows(row["node"], row["history"])

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Create or update a supplier; its offerings become exactly those given.",
    )
    async def upsert_supplier(self, info: Info, input: SupplierInput) -> Supplier:
        supplier = _validated(model.Supplier, input.record(), "input")
        offerings = [
            _validated(
                model.Offering,
                {
                    "supplier": input.id,
                    "capability": o.capability_id,
                    "product": o.product,
                    "source": input.source_id,
                    "illustrative": input.illustrative,
                },
                f"input.offers.{index}",
            )
            for index, o in enumerate(input.offers)
        ]
        await info.context.run(editing.upsert_supplier, supplier, offerings)
        return Supplier.from_row(supplier.properties())

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Register a pilot, or update one: its links become exactly those given.",
    )
    async def register_pilot(self, info: Info, input: PilotInput) -> Pilot:
        pilot = _validated(model.Pilot, input.record(), "input")
        await info.context.run(editing.register_pilot, pilot)
        return Pilot.from_row(pilot.properties())

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Add or replace a pilot's results on the given metrics; others stay.",
    )
    async def record_benefits(
        self, info: Info, pilot_id: strawberry.ID, benefits: list[BenefitInput]
    ) -> Pilot:
        checked = [
            _validated(model.Benefit, vars(b), f"benefits.{index}")
            for index, b in enumerate(benefits)
        ]
        await info.context.run(editing.record_benefits, pilot_id, checked)
        row = await info.context.run(reads.nodes_by_id, PILOTS, [pilot_id])
        return Pilot.from_row(row[pilot_id])
