"""The documented rule behind the seed graph's illustrative assessments and supplier use.

No public source says how mature each force is on each capability, or which supplier
each force uses for it, so the seed graph derives both from this rule. It is
deterministic (SHA-256 of names, never Python's salted ``hash``), so the same inputs
always give the same files, and it makes forces differ in believable ways.

Who is assessed follows each capability's delivery level:

- ``FORCE``: every territorial force is assessed on it.
- ``REGIONAL``: each Regional Organised Crime Unit is assessed on it, once; a
  territorial force outside the ROCU network (the Met, City of London Police) holds
  its own and is assessed instead.
- ``NATIONAL``: the body that delivers it (``delivered_by``) is assessed, once.

A retired capability is assessed only before the day it retired.

Maturity and target (0-5):

1. A stage base: public contact 3 (Single Online Home reached 40 of 43 forces by
   October 2024), investigation 2, evidence 2 (device backlogs, HMICFRS 2022).
2. Regional strengths: in each region, the three capabilities ranked first by
   ``sha256(region|capability)`` get +1, for every force of that region (shared
   procurement).
3. Scale: the six largest forces get +1 on investigation capabilities.
4. Variation: ``sha256(body|capability) mod 5`` gives -1, 0, 0, 0 or +1.
5. Lead bodies (``LEADS``) override the rule where they run a capability.

Single Online Home reached 40 of the 43 forces by October 2024 (Parliamentary answer
HL1777), but which three were not on it is not in our sources, so the rule singles out
no force on online reporting: naming three would invent a fact about real forces.

Maturity is clamped to 0-5. Target is 4, or 5 for the priority capabilities
(device extraction, evidence management, disclosure, online reporting). Each region
is assessed on the 15th of its own month of 2026, in region order; units and
national bodies on 15 February 2026. History: on the priority capabilities each
territorial force also has an observation a year earlier, 0 or 1 lower
(``sha256(force|capability|history) mod 2``).

Supplier use (every force's latest assessment at maturity 2 or more on a capability
with suppliers): forces of a region share the supplier ranked first by
``sha256(region|capability)`` among those offering it, except where
``sha256(force|capability) mod 5 == 0``, when the force buys its own, ranked by
``sha256(force|capability|supplier)``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TypeVar

from graph.dataset.contents import Dataset
from graph.model import (
    ILLUSTRATIVE_SOURCE,
    Assessment,
    Capability,
    Delivery,
    Force,
    ForceKind,
    ForceSupplier,
    Observation,
    Stage,
    UnitAssessment,
)
from graph.model.kinds import CAPABILITIES, FORCES, OFFERINGS, REGIONAL_UNITS

__all__ = ["LEADS", "derive_assessments", "derive_force_suppliers"]

ObservationT = TypeVar("ObservationT", bound=Observation)

SOURCE = ILLUSTRATIVE_SOURCE
_BASE = {Stage.PUBLIC_CONTACT: 3, Stage.INVESTIGATION: 2, Stage.EVIDENCE: 2}
_PRIORITY = {
    "mobile-device-extraction",
    "digital-evidence-management",
    "disclosure-redaction",
    "online-crime-reporting",
}
_LARGEST = {
    "metropolitan",
    "greater-manchester",
    "west-midlands",
    "west-yorkshire",
    "merseyside",
    "thames-valley",
}
_VARIATION = (-1, 0, 0, 0, 1)
_REGIONAL_STRENGTHS = 3
_CENTRAL_DAY = dt.date(2026, 2, 15)
_RETIRED_DAY = dt.date(2025, 6, 15)

LEADS: dict[str, dict[str, tuple[int, int]]] = {
    "city-of-london": {
        "report-fraud": (3, 5),
        "action-fraud-reporting": (2, 4),
        "cyber-attack-helpline": (3, 4),
        "fraud-intelligence-nfib": (4, 5),
        "fraud-investigation": (5, 5),
    },
    "metropolitan": {"fraud-investigation": (4, 5)},
    "national-crime-agency": {
        "national-cyber-crime-unit": (5, 5),
        "ceop-reporting": (4, 5),
        "cryptocurrency-tracing": (5, 5),
        "online-cse-investigation": (5, 5),
        "communications-data": (4, 5),
        "open-source-intelligence": (4, 5),
        "computer-forensics": (4, 5),
    },
    "home-office": {
        "child-abuse-image-database": (4, 5),
        "police-national-database": (3, 4),
        "pnc-leds": (2, 4),
        "anpr": (4, 4),
    },
    "office-for-communications-data-authorisations": {"communications-data-authorisation": (4, 4)},
    "british-transport-police": {
        "online-crime-reporting": (4, 4),
        "digital-media-submission": (4, 4),
        "mobile-device-extraction": (3, 4),
        "digital-evidence-management": (3, 4),
    },
    "police-scotland": {
        "online-crime-reporting": (3, 4),
        "communications-data": (3, 4),
        "mobile-device-extraction": (2, 4),
        "digital-evidence-management": (3, 5),
    },
    "northern-ireland": {
        "online-crime-reporting": (3, 4),
        "communications-data": (3, 4),
        "mobile-device-extraction": (3, 4),
    },
}
"""Capabilities a body leads or operates, with (maturity, target); these override the rule."""


def derive_assessments(dataset: Dataset) -> tuple[list[Assessment], list[UnitAssessment]]:
    """Observations for every body each capability's delivery level says is assessed on it.

    Returns the forces' and national bodies' observations, then the regional units'.
    """
    forces = dataset.records(FORCES)
    regions = sorted({force.region for force in forces})
    strengths = {
        region: _regional_strengths(region, dataset.records(CAPABILITIES)) for region in regions
    }
    served = {f for unit in dataset.records(REGIONAL_UNITS) for f in unit.forces}
    assessments: list[Assessment] = []
    for force in forces:
        on = dt.date(2026, 1 + regions.index(force.region) % 12, 15)
        leads = LEADS.get(force.id, {})
        for capability in dataset.records(CAPABILITIES):
            if capability.id in leads:
                maturity, target = leads[capability.id]
                day = _RETIRED_DAY if capability.retired_on else _CENTRAL_DAY
            elif force.kind == ForceKind.TERRITORIAL and _holds_own(capability, force, served):
                maturity, target = _rule(force, capability, strengths[force.region])
                day = on
            else:
                continue
            assessments.append(
                _observation(Assessment, force.id, capability, maturity, target, day)
            )
            if force.kind == ForceKind.TERRITORIAL and capability.id in _PRIORITY:
                earlier = max(
                    maturity - int(_digest(force.id, capability.id, "history"), 16) % 2, 0
                )
                year_before = day.replace(year=day.year - 1)
                assessments.append(
                    _observation(Assessment, force.id, capability, earlier, target, year_before)
                )
    units: list[UnitAssessment] = []
    for unit in dataset.records(REGIONAL_UNITS):
        for capability in dataset.records(CAPABILITIES):
            if capability.delivery == Delivery.REGIONAL and capability.retired_on is None:
                variation = _VARIATION[int(_digest(unit.id, capability.id), 16) % len(_VARIATION)]
                maturity = _clamp(_BASE[Stage(capability.stage)] + 1 + variation)
                units.append(
                    _observation(UnitAssessment, unit.id, capability, maturity, 4, _CENTRAL_DAY)
                )
    return assessments, units


def derive_force_suppliers(dataset: Dataset, assessments: list[Assessment]) -> list[ForceSupplier]:
    """Which supplier each body uses for each capability it holds at maturity 2 or more."""
    offering: dict[str, list[str]] = {}
    for offer in dataset.records(OFFERINGS):
        offering.setdefault(offer.capability, []).append(offer.supplier)
    region = {force.id: force.region for force in dataset.records(FORCES)}
    latest: dict[tuple[str, str], Assessment] = {}
    for assessment in sorted(assessments, key=lambda a: a.assessed_on):
        latest[(assessment.force, assessment.capability)] = assessment
    uses: list[ForceSupplier] = []
    for (force, capability), assessment in latest.items():
        suppliers = sorted(offering.get(capability, []))
        if assessment.maturity < 2 or not suppliers:
            continue
        if int(_digest(force, capability), 16) % 5 == 0:
            chosen = min(suppliers, key=lambda s: _digest(force, capability, s))
        else:
            chosen = min(suppliers, key=lambda s: _digest(region[force], capability, s))
        uses.append(
            ForceSupplier(
                force=force,
                supplier=chosen,
                capability=capability,
                source=SOURCE,
                illustrative=True,
            )
        )
    return uses


def _holds_own(capability: Capability, force: Force, served: set[str]) -> bool:
    """Whether a territorial force is itself assessed on ``capability``."""
    if capability.retired_on is not None:
        return False
    if capability.delivery == Delivery.FORCE:
        return True
    return capability.delivery == Delivery.REGIONAL and force.id not in served


def _observation(
    kind: type[ObservationT],
    body: str,
    capability: Capability,
    maturity: int,
    target: int,
    day: dt.date,
) -> ObservationT:
    holder = "force" if kind is Assessment else "unit"
    return kind.model_validate(
        {
            holder: body,
            "capability": capability.id,
            "maturity": maturity,
            "target": target,
            "assessed_on": day,
            "source": SOURCE,
            "illustrative": True,
        }
    )


def _rule(force: Force, capability: Capability, strengths: set[str]) -> tuple[int, int]:
    variation = _VARIATION[int(_digest(force.id, capability.id), 16) % len(_VARIATION)]
    maturity = _BASE[Stage(capability.stage)] + variation
    maturity += capability.id in strengths
    maturity += force.id in _LARGEST and capability.stage == Stage.INVESTIGATION
    target = 5 if capability.id in _PRIORITY else 4
    return _clamp(maturity), target


def _regional_strengths(region: str, capabilities: list[Capability]) -> set[str]:
    ranked = sorted(capabilities, key=lambda c: _digest(region, c.id))
    return {c.id for c in ranked[:_REGIONAL_STRENGTHS]}


def _digest(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _clamp(value: int) -> int:
    return max(0, min(5, value))
