"""The enumerations of the knowledge graph: stages, kinds of force, delivery and market of a
capability, strength of a dependency, crime categories, volume measures, pilots."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "CrimeCategory",
    "Delivery",
    "ForceKind",
    "Market",
    "PilotStatus",
    "Stage",
    "Strength",
    "VolumeMeasure",
]


class Stage(StrEnum):
    """The three stages of digital policing, after the NPCC Digital Policing Portfolio.

    Members are in the order work flows through them: ``list(Stage)`` is that order.
    """

    PUBLIC_CONTACT = "PUBLIC_CONTACT"
    INVESTIGATION = "INVESTIGATION"
    EVIDENCE = "EVIDENCE"


class ForceKind(StrEnum):
    """TERRITORIAL: the 43 forces of England and Wales; NATIONAL: a nation or the UK; SPECIAL."""

    TERRITORIAL = "TERRITORIAL"
    NATIONAL = "NATIONAL"
    SPECIAL = "SPECIAL"


class Delivery(StrEnum):
    """Who delivers a capability, and so who is assessed on it.

    FORCE: each force holds its own. REGIONAL: the Regional Organised Crime Unit that
    serves a force delivers it (a force outside the ROCU network holds its own).
    NATIONAL: one named national body delivers it for every force.
    """

    FORCE = "FORCE"
    REGIONAL = "REGIONAL"
    NATIONAL = "NATIONAL"


class Market(StrEnum):
    """Whether suppliers can serve a capability.

    PRODUCT: software or equipment a force buys. SERVICE: work a firm can do for the
    police. POLICE_FUNCTION: only the police can perform it (a unit, a power, a role).
    """

    PRODUCT = "PRODUCT"
    SERVICE = "SERVICE"
    POLICE_FUNCTION = "POLICE_FUNCTION"


class Strength(StrEnum):
    """How much a capability needs one it depends on.

    HARD: it cannot work without it. SOFT: it works, degraded, without it.
    """

    HARD = "HARD"
    SOFT = "SOFT"


class VolumeMeasure(StrEnum):
    """How a crime volume was counted; figures of different measures are never added.

    SURVEY_ESTIMATE: a household survey's estimate (the Crime Survey for England and
    Wales), which leaves out crime against organisations. POLICE_RECORDED: offences
    recorded by the police (for fraud and computer misuse, by the national reporting
    service and the NFIB).
    """

    SURVEY_ESTIMATE = "SURVEY_ESTIMATE"
    POLICE_RECORDED = "POLICE_RECORDED"


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
