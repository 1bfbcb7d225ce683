"""Checks that keep a dataset true to who delivers what: the rules a reference check cannot see.

- An assessment is on the body that delivers the capability: a force or national body
  for a force-level capability, the regional unit for a regional one (a force outside
  the ROCU network holds its own), the named national body for a national one.
- No observation of a retired capability is dated after it retired.
- No supplier offers a capability that only the police can perform.
- A force is served by one regional unit at most.
- A crime type has one figure per measure, year and area: a second one (a revision, or a
  figure that adds two measures up under one) is refused, and a measure is one of the
  two the model knows, so a sum across measures cannot be recorded as either.
- A record citing the ``illustrative`` source is marked illustrative.
- Every source is cited by some record (``EDITOR_SOURCE`` may wait for the first edit).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graph.dataset.contents import Dataset, Issue
from graph.model import (
    EDITOR_SOURCE,
    ILLUSTRATIVE_SOURCE,
    KINDS,
    Capability,
    Contract,
    Delivery,
    Market,
    Observation,
)
from graph.model.kinds import (
    ASSESSMENTS,
    CAPABILITIES,
    CONTRACTS,
    CRIME_VOLUMES,
    OFFERINGS,
    REGIONAL_UNITS,
    SOURCES,
    UNIT_ASSESSMENTS,
    UNIT_CONTRACTS,
    RelationshipKind,
)
from graph.model.properties import properties_of

__all__ = ["assessment_problem", "check_rules"]


def check_rules(dataset: Dataset) -> list[Issue]:
    """Every breach of the rules above in ``dataset``, one issue each (references assumed good)."""
    capabilities = {c.id: c for c in dataset.records(CAPABILITIES)}
    serving: dict[str, list[str]] = {}
    for unit in dataset.records(REGIONAL_UNITS):
        for force in unit.forces:
            serving.setdefault(force, []).append(unit.id)
    issues: list[Issue] = []
    for force, units in sorted(serving.items()):
        if len(units) > 1:
            unit = next(u for u in dataset.records(REGIONAL_UNITS) if u.id == units[1])
            issues.append(
                Issue(
                    dataset.where(REGIONAL_UNITS, unit),
                    f"force {force!r} is already served by {units[0]!r}",
                    "forces",
                )
            )
    for assessment in dataset.records(ASSESSMENTS):
        capability = capabilities.get(assessment.capability)
        if capability is None:
            continue
        wrong = assessment_problem(capability, assessment.force, served=assessment.force in serving)
        issues.extend(_observation_issues(dataset, ASSESSMENTS, assessment, capability, wrong))
    for observation in dataset.records(UNIT_ASSESSMENTS):
        capability = capabilities.get(observation.capability)
        if capability is None:
            continue
        wrong = (
            None
            if capability.delivery == Delivery.REGIONAL
            else f"{capability.id!r} is delivered at {capability.delivery.lower()} level, "
            "so a regional unit is not assessed on it"
        )
        issues.extend(
            _observation_issues(dataset, UNIT_ASSESSMENTS, observation, capability, wrong)
        )
    for offering in dataset.records(OFFERINGS):
        capability = capabilities.get(offering.capability)
        if capability is not None and capability.market == Market.POLICE_FUNCTION:
            issues.append(
                Issue(
                    dataset.where(OFFERINGS, offering),
                    f"{capability.id!r} is a police function: no supplier can offer it",
                    "capability",
                )
            )
    issues.extend(_police_function_contracts(dataset, capabilities))
    issues.extend(_repeated_volumes(dataset))
    issues.extend(_unflagged_illustrative(dataset))
    issues.extend(_uncited_sources(dataset))
    return issues


def assessment_problem(capability: Capability, body: str, *, served: bool) -> str | None:
    """Why the force or body ``body`` may not be assessed on ``capability``, or ``None``.

    ``served`` says whether a regional unit serves ``body``.
    """
    if capability.delivery == Delivery.NATIONAL and body != capability.delivered_by:
        return (
            f"{capability.id!r} is delivered nationally by {capability.delivered_by!r}: "
            "assess that body, once, not each force"
        )
    if capability.delivery == Delivery.REGIONAL and served:
        return (
            f"{capability.id!r} is delivered by the regional unit that serves {body!r}: "
            "assess the unit (unit_assessments), not the force"
        )
    return None


def _observation_issues(
    dataset: Dataset,
    kind: Any,
    observation: Observation,
    capability: Capability,
    wrong: str | None,
) -> Iterator[Issue]:
    where = dataset.where(kind, observation)
    if wrong is not None:
        yield Issue(where, wrong, "capability")
    if capability.retired_on is not None and observation.assessed_on > capability.retired_on:
        yield Issue(
            where,
            f"{capability.id!r} retired on {capability.retired_on.isoformat()}; "
            f"an observation dated {observation.assessed_on.isoformat()} is after that",
            "assessed_on",
        )


def _police_function_contracts(
    dataset: Dataset, capabilities: dict[str, Capability]
) -> Iterator[Issue]:
    kinds: tuple[RelationshipKind[Any], ...] = (CONTRACTS, UNIT_CONTRACTS)
    for kind in kinds:
        contracts: list[Contract] = dataset.records(kind)
        for contract in contracts:
            functions = [
                c
                for c in contract.capabilities
                if c in capabilities and capabilities[c].market == Market.POLICE_FUNCTION
            ]
            if functions:
                yield Issue(
                    dataset.where(kind, contract),
                    f"{functions[0]!r} is a police function: no contract can supply it "
                    "(correct seeds/mappings/contract_capabilities.csv)",
                    "capabilities",
                )


def _repeated_volumes(dataset: Dataset) -> Iterator[Issue]:
    first: dict[tuple[str, str, int, str | None], str] = {}
    for volume in dataset.records(CRIME_VOLUMES):
        key = (volume.crime_type, volume.measure, volume.year, volume.area)
        if key in first:
            where = "England and Wales" if volume.area is None else repr(volume.area)
            yield Issue(
                dataset.where(CRIME_VOLUMES, volume),
                f"{volume.crime_type!r} already has a {volume.measure} figure for {volume.year} "
                f"in {where} ({first[key]!r}); one figure per measure, year and area",
                "id",
            )
        else:
            first[key] = volume.id


def _unflagged_illustrative(dataset: Dataset) -> Iterator[Issue]:
    for kind in KINDS:
        for record in dataset.records(kind):
            if getattr(record, "source", None) == ILLUSTRATIVE_SOURCE and not record.illustrative:
                yield Issue(
                    dataset.where(kind, record),
                    "cites the illustrative source but is not marked illustrative: true",
                    "illustrative",
                )


def _uncited_sources(dataset: Dataset) -> Iterator[Issue]:
    cited: set[str] = set()
    for kind in KINDS:
        fields = [p.name for p in properties_of(kind.record) if p.ref == SOURCES.name]
        for record in dataset.records(kind):
            cited.update(getattr(record, field) for field in fields)
    for source in dataset.records(SOURCES):
        if source.id not in cited and source.id != EDITOR_SOURCE:
            yield Issue(
                dataset.where(SOURCES, source), f"source {source.id!r} is cited by nothing", "id"
            )
