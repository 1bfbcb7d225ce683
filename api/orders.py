"""The orders a nested list can be given with its ``sort`` argument.

Holdings (a force's capabilities, a capability's or unit's holdings) sort by the
name of what is held or who holds it, by gap (worst first) or by maturity; lists of
records with names sort by name. Other nested lists keep the order their field's
description gives (newest first, stage order, ...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from operator import attrgetter
from typing import Any

import strawberry

from api.types import CapabilityHolding, ForceCapability, Held, UnitHolding

__all__ = ["Facts", "HoldingSort", "NameSort", "order_for", "sorted_by"]


@strawberry.enum(description="The order of a list of holdings.")
class HoldingSort(Enum):
    NAME_ASC = strawberry.enum_value(
        "NAME_ASC", description="By the name of the capability, force or unit (the default)."
    )
    GAP_DESC = strawberry.enum_value(
        "GAP_DESC", description="Largest gap first (worst first), then lowest maturity."
    )
    MATURITY_ASC = strawberry.enum_value("MATURITY_ASC", description="Lowest maturity first.")
    MATURITY_DESC = strawberry.enum_value("MATURITY_DESC", description="Highest maturity first.")


@strawberry.enum(description="The order of a list of named records.")
class NameSort(Enum):
    NAME_ASC = strawberry.enum_value("NAME_ASC", description="A to Z (the default).")
    NAME_DESC = strawberry.enum_value("NAME_DESC", description="Z to A.")


def order_for(item: type) -> type[Enum] | None:
    """The sort enum a list of ``item`` takes, or ``None`` if it keeps its own order."""
    if issubclass(item, Held):
        return HoldingSort
    fields = getattr(item, "__strawberry_definition__", None)
    if fields is not None and any(f.python_name == "name" for f in fields.fields):
        return NameSort
    return None


@dataclass(frozen=True)
class Facts:
    """How to read what sorting needs from one item: its name, gap and maturity."""

    name: Callable[[Any], str]
    gap: Callable[[Any], int] = attrgetter("gap")
    maturity: Callable[[Any], int] = attrgetter("maturity")


def sorted_by(items: list[Any], order: Enum, facts: Facts | None = None) -> list[Any]:
    """``items`` (in name order, as the graph gives them) in ``order``.

    ``facts`` reads the items; by default they are the API's objects (holdings and
    records). Names compare without case.
    """
    facts = facts or _OBJECTS
    name = facts.name
    keys: dict[Enum, tuple[Callable[[Any], Any], bool]] = {
        HoldingSort.NAME_ASC: (name, False),
        HoldingSort.GAP_DESC: (lambda h: (-facts.gap(h), facts.maturity(h)), False),
        HoldingSort.MATURITY_ASC: (facts.maturity, False),
        HoldingSort.MATURITY_DESC: (facts.maturity, True),
        NameSort.NAME_ASC: (name, False),
        NameSort.NAME_DESC: (name, True),
    }
    key, reverse = keys[order]
    return sorted(items, key=key, reverse=reverse)


def _name_of_object(item: Any) -> str:
    if isinstance(item, ForceCapability):
        return _name(item.capability)
    if isinstance(item, CapabilityHolding):
        return _name(item.force)
    if isinstance(item, UnitHolding):
        return _name(item.unit)
    return _name(item)


def _name(record: Any) -> str:
    """A record's name for sorting (records' fields come from the model, unseen by mypy)."""
    return str(record.name).casefold()


_OBJECTS = Facts(name=_name_of_object)
