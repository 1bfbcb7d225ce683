"""The enumerations of the knowledge graph: stages, kinds of force, crime categories, pilots."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["CrimeCategory", "ForceKind", "PilotStatus", "Stage"]


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
