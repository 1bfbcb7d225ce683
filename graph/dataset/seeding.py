"""The documented rule behind the seed graph's illustrative assessments and supplier use.

No public source says how mature each force is on each capability, or which supplier
each force uses for it, so the seed graph derives both from this rule. It is
deterministic (SHA-256 of names, never Python's salted ``hash``), so the same inputs
always give the same files, and it makes forces differ in believable ways:

Assessments (every territorial force x every capability; maturity and target 0-5):

1. A stage base: public contact 3 (Single Online Home reached 40 of 43 forces by
   October 2024), investigation 2, evidence 2 (device backlogs, HMICFRS 2022).
2. Regional strengths: in each region, the three capabilities ranked first by
   ``sha256(region|capability)`` get +1, for every force of that region (shared
   ROCU services and procurement).
3. Scale: the six largest forces get +1 on investigation capabilities.
4. Force variation: ``sha256(force|capability) mod 5`` gives -1, 0, 0, 0 or +1.
5. National capabilities (the NCA's National Cyber Crime Unit) are reached, not
   run, by forces: maturity 1 plus variation, target 2.
6. Online crime reporting: the three forces ranked first by ``sha256(force)`` are
   the three not yet on Single Online Home (maturity 1).
7. Lead forces: City of London runs Action Fraud and the NFIB (5); the Met runs
   FALCON (fraud investigation 4).

Maturity is clamped to 0-5. Target is 4, or 5 for the priority capabilities
(device extraction, evidence management, disclosure, online reporting). Each
region is assessed on the 15th of its own month of 2026, in region order.
National and special bodies are assessed only where ``LEADS`` says they operate.

Supplier use (every assessment at maturity 2 or more on a capability with suppliers):
forces of a region share the supplier ranked first by ``sha256(region|capability)``
among those offering it, except where ``sha256(force|capability) mod 5 == 0``, when
the force buys its own, ranked by ``sha256(force|capability|supplier)``.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from graph.dataset.contents import Dataset
from graph.model import Assessment, Capability, Force, ForceKind, ForceSupplier, Stage
from graph.model.kinds import CAPABILITIES, FORCES, OFFERINGS

__all__ = ["LEADS", "derive_assessments", "derive_force_suppliers"]

SOURCE = "illustrative"
_BASE = {Stage.PUBLIC_CONTACT: 3, Stage.INVESTIGATION: 2, Stage.EVIDENCE: 2}
_PRIORITY = {
    "mobile-device-extraction",
    "digital-evidence-management",
    "disclosure-redaction",
    "online-crime-reporting",
}
_NATIONAL = {"national-cyber-crime-unit"}
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
_NOT_ON_SOH = 3

LEADS: dict[str, dict[str, tuple[int, int]]] = {
    "city-of-london": {
        "action-fraud-reporting": (5, 5),
        "fraud-intelligence-nfib": (5, 5),
        "fraud-investigation": (5, 5),
    },
    "metropolitan": {"fraud-investigation": (4, 5)},
    "national-crime-agency": {
        "national-cyber-crime-unit": (5, 5),
        "cryptocurrency-tracing": (5, 5),
        "online-cse-investigation": (5, 5),
        "communications-data": (4, 5),
        "open-source-intelligence": (4, 5),
        "computer-forensics": (4, 5),
    },
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
"""Capabilities a force leads or operates, with (maturity, target); these override the rule."""


def derive_assessments(dataset: Dataset) -> list[Assessment]:
    """Assessments for every territorial force x capability, and for what ``LEADS`` names."""
    regions = sorted({force.region for force in dataset.records(FORCES)})
    strengths = {
        region: _regional_strengths(region, dataset.records(CAPABILITIES)) for region in regions
    }
    territorial = [f for f in dataset.records(FORCES) if f.kind == ForceKind.TERRITORIAL]
    not_on_soh = set(sorted((f.id for f in territorial), key=_digest)[:_NOT_ON_SOH])
    assessments: list[Assessment] = []
    for force in dataset.records(FORCES):
        on = dt.date(2026, 1 + regions.index(force.region) % 12, 15)
        leads = LEADS.get(force.id, {})
        for capability in dataset.records(CAPABILITIES):
            if capability.id in leads:
                maturity, target = leads[capability.id]
            elif force.kind == ForceKind.TERRITORIAL:
                maturity, target = _rule(force, capability, strengths[force.region], not_on_soh)
            else:
                continue
            assessments.append(
                Assessment(
                    force=force.id,
                    capability=capability.id,
                    maturity=maturity,
                    target=target,
                    assessed_on=on,
                    source=SOURCE,
                    illustrative=True,
                )
            )
    return assessments


def derive_force_suppliers(dataset: Dataset, assessments: list[Assessment]) -> list[ForceSupplier]:
    """Which supplier each force uses for each capability it holds at maturity 2 or more."""
    offering: dict[str, list[str]] = {}
    for offer in dataset.records(OFFERINGS):
        offering.setdefault(offer.capability, []).append(offer.supplier)
    region = {force.id: force.region for force in dataset.records(FORCES)}
    uses: list[ForceSupplier] = []
    for assessment in assessments:
        suppliers = sorted(offering.get(assessment.capability, []))
        if assessment.maturity < 2 or not suppliers:
            continue
        force, capability = assessment.force, assessment.capability
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


def _rule(
    force: Force, capability: Capability, strengths: set[str], not_on_soh: set[str]
) -> tuple[int, int]:
    variation = _VARIATION[int(_digest(force.id, capability.id), 16) % len(_VARIATION)]
    if capability.id in _NATIONAL:
        return _clamp(1 + variation), 2
    if capability.id == "online-crime-reporting" and force.id in not_on_soh:
        return 1, 5
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
