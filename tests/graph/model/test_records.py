"""Record rules that hold for any data: gaps, self-dependencies, dates, ids."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from graph.model import Assessment, Dependency, Force, Pilot


def _assessment(maturity: int, target: int) -> Assessment:
    return Assessment(
        force="kent",
        capability="open-source-intelligence",
        maturity=maturity,
        target=target,
        assessed_on=dt.date(2026, 3, 1),
        source="illustrative",
    )


@pytest.mark.parametrize(("maturity", "target", "gap"), [(1, 4, 3), (4, 4, 0), (5, 3, 0)])
def test_gap_is_shortfall_below_target_never_negative(maturity: int, target: int, gap: int) -> None:
    assert _assessment(maturity, target).gap == gap


def test_capability_cannot_depend_on_itself() -> None:
    with pytest.raises(ValidationError, match="cannot depend on itself"):
        Dependency(capability="osint", depends_on="osint", reason="r", strength="HARD", source="s")


def test_pilot_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValidationError, match="ended_on is before started_on"):
        Pilot(
            id="p",
            name="P",
            status="COMPLETED",
            summary="s",
            forces=["kent"],
            capabilities=["osint"],
            started_on=dt.date(2024, 5, 1),
            ended_on=dt.date(2024, 4, 1),
            source="s",
        )


@pytest.mark.parametrize("bad_id", ["Kent", "kent police", "", "-kent"])
def test_ids_are_lower_case_slugs(bad_id: str) -> None:
    with pytest.raises(ValidationError):
        Force(
            id=bad_id, name="Kent", kind="TERRITORIAL", country="England", region="SE", source="s"
        )


def test_graph_properties_are_camel_case_without_nones() -> None:
    props = _assessment(2, 4).properties(exclude={"force", "capability"})
    assert props == {
        "maturity": 2,
        "target": 4,
        "assessedOn": dt.date(2026, 3, 1),
        "source": "illustrative",
        "illustrative": False,
    }
