"""What a property is for beyond its type: filters, sort orders, search, analyses, references.

A record class marks a property by putting these in its ``Annotated`` metadata; the
schema model reads them back as :class:`Property` descriptions, from which the
Cypher, the indexes and the API's filters and sort orders are derived.

Examples
--------
>>> from typing import Annotated
>>> from pydantic import BaseModel
>>> class Thing(BaseModel):
...     name: Annotated[str, Filter(Match.CONTAINS_ANY_CASE), Sort(("ASC", "DESC")), SEARCHED]
>>> [(p.name, p.key, p.filter.match.value) for p in properties_of(Thing)]
[('name', 'name', 'CONTAINS_ANY_CASE')]
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.alias_generators import to_camel

__all__ = [
    "ANALYSED",
    "SEARCHED",
    "Analysed",
    "Filter",
    "Match",
    "Property",
    "Ref",
    "Searched",
    "Sort",
    "properties_of",
]


class Match(StrEnum):
    """How a property filter compares the value given with the stored one."""

    EXACT = "EXACT"
    """Equal; the filter field is named after the property (``kind``)."""
    EXACT_ANY_CASE = "EXACT_ANY_CASE"
    """Equal ignoring case (``region``)."""
    CONTAINS_ANY_CASE = "CONTAINS_ANY_CASE"
    """The stored text contains the value, ignoring case (``nameContains``)."""


@dataclass(frozen=True)
class Filter:
    """The property can be filtered on, as ``match`` says."""

    match: Match = Match.EXACT


@dataclass(frozen=True)
class Sort:
    """The property orders pages: ``directions`` offered, the sort option's stem, a missing value.

    Sort options are named ``<STEM>_<DIRECTION>`` (``NAME_ASC``); the stem is the
    property's name in upper case unless ``stem`` says otherwise.
    """

    directions: tuple[str, ...] = ("ASC",)
    stem: str | None = None
    missing: Any = ""
    """What stands in for a missing value, so that rows without one still sort and page."""


@dataclass(frozen=True)
class Searched:
    """The property's text is in the full-text search index."""


@dataclass(frozen=True)
class Analysed:
    """The analyses read the property: it is projected into NetworkX."""


@dataclass(frozen=True)
class Ref:
    """The property holds the id of a record of the kind named (``sources``)."""

    kind: str


SEARCHED = Searched()
ANALYSED = Analysed()


@dataclass(frozen=True)
class Property:
    """One property of a kind, as the graph stores it and the API shows it.

    ``name`` is the record's field (snake_case), ``key`` the graph's property
    (camelCase); ``type`` is the bare Python type (``str``, ``int``, an enum, ...).
    """

    name: str
    key: str
    type: type
    required: bool
    nullable: bool
    default: Any
    description: str | None
    filter: Filter | None
    sort: Sort | None
    searched: bool
    analysed: bool
    ref: str | None

    @property
    def is_enum(self) -> bool:
        """Whether the values are members of an enumeration."""
        return isinstance(self.type, type) and issubclass(self.type, Enum)


def properties_of(
    model: type[BaseModel], *, exclude: frozenset[str] = frozenset()
) -> tuple[Property, ...]:
    """The properties a record class declares, in declaration order, less ``exclude``."""
    found = []
    for name, field in model.model_fields.items():
        if name in exclude:
            continue
        metadata = [*field.metadata, *_annotated_metadata(field.annotation)]
        found.append(
            Property(
                name=name,
                key=to_camel(name),
                type=_bare(field.annotation),
                required=field.is_required(),
                nullable=_allows_none(field.annotation),
                default=None if field.is_required() else field.default,
                description=field.description,
                filter=next((m for m in metadata if isinstance(m, Filter)), None),
                sort=next((m for m in metadata if isinstance(m, Sort)), None),
                searched=any(isinstance(m, Searched) for m in metadata),
                analysed=any(isinstance(m, Analysed) for m in metadata),
                ref=next((m.kind for m in metadata if isinstance(m, Ref)), None),
            )
        )
    return tuple(found)


def _allows_none(annotation: Any) -> bool:
    if get_origin(annotation) is Annotated:
        return _allows_none(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        return any(arg is type(None) or _allows_none(arg) for arg in get_args(annotation))
    return annotation is type(None)


def _annotated_metadata(annotation: Any) -> list[Any]:
    """Metadata of ``Annotated`` types nested in a union (``Annotated[str, X] | None``)."""
    if get_origin(annotation) is Annotated:
        return [*annotation.__metadata__, *_annotated_metadata(get_args(annotation)[0])]
    if get_origin(annotation) in (Union, types.UnionType):
        return [m for arg in get_args(annotation) for m in _annotated_metadata(arg)]
    return []


def _bare(annotation: Any) -> Any:
    """The type without ``Annotated`` and ``None``: ``Annotated[str, X] | None`` gives ``str``."""
    if get_origin(annotation) is Annotated:
        return _bare(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        kept = [arg for arg in get_args(annotation) if arg is not type(None)]
        return _bare(kept[0]) if len(kept) == 1 else annotation
    return annotation
