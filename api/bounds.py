"""Every list of records in the API is bounded: a ``first`` argument with a default and a cap.

Root lists are connections with their own ``first`` (``api.connections``). Nested lists
of records (a force's capabilities, a capability's holdings, ...) get ``first`` from
:func:`bound_lists`, which the schema applies to every object type: they return their
first ``first`` items, ``NESTED_DEFAULT`` unless asked, never more than the page cap.
The query cost analysis (``api.cost``) reads the same argument.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any

from strawberry.annotation import StrawberryAnnotation
from strawberry.extensions import FieldExtension
from strawberry.types import Info
from strawberry.types.arguments import StrawberryArgument
from strawberry.types.base import StrawberryList, StrawberryOptional, has_object_definition
from strawberry.types.field import StrawberryField

from api.connections import DEFAULT_PAGE_SIZE, page_size
from api.orders import order_for, sorted_by

__all__ = ["NESTED_DEFAULT", "Bounded", "bound_lists", "is_record_list"]

NESTED_DEFAULT = DEFAULT_PAGE_SIZE
"""How many items a nested list gives when ``first`` is not given."""


class Bounded(FieldExtension):
    """Adds ``first: Int = NESTED_DEFAULT`` (and ``sort``) to a list field and keeps that many.

    ``first`` above the page cap (``DIIKG_MAX_PAGE_SIZE``) or below 0 is refused with
    ``BAD_USER_INPUT``, as a connection's is. Lists of holdings and of named records
    also take ``sort`` (``api.orders``), applied before ``first``.
    """

    def __init__(self, order: type[Enum] | None = None) -> None:
        super().__init__()
        self.order = order

    def apply(self, field: StrawberryField) -> None:
        field.arguments.append(
            StrawberryArgument(
                python_name="first",
                graphql_name=None,
                type_annotation=StrawberryAnnotation(int),
                default=NESTED_DEFAULT,
                description=(
                    f"At most this many items (default {NESTED_DEFAULT}; "
                    "at most the page cap, 500 unless configured)."
                ),
            )
        )
        if self.order is not None:
            default = next(iter(self.order))
            field.arguments.append(
                StrawberryArgument(
                    python_name="sort",
                    graphql_name=None,
                    type_annotation=StrawberryAnnotation(self.order),
                    default=default,
                    description=f"The order of the items (default {default.name}).",
                )
            )

    def resolve(self, next_: Any, source: Any, info: Info, **kwargs: Any) -> Any:
        size, order = self._window(info, kwargs)
        return self._cut(next_(source, info, **kwargs), size, order)

    async def resolve_async(self, next_: Any, source: Any, info: Info, **kwargs: Any) -> Any:
        size, order = self._window(info, kwargs)
        found = next_(source, info, **kwargs)
        if hasattr(found, "__await__"):
            found = await found
        return self._cut(found, size, order)

    def _window(self, info: Info, kwargs: dict[str, Any]) -> tuple[int, Enum | None]:
        order = kwargs.pop("sort", None) if self.order is not None else None
        return page_size(info, kwargs.pop("first", NESTED_DEFAULT)), order

    @staticmethod
    def _cut(items: list[Any], size: int, order: Enum | None) -> list[Any]:
        return (items if order is None else sorted_by(items, order))[:size]


def is_record_list(field: StrawberryField) -> bool:
    """Whether ``field`` gives a list of objects (not of scalars or enums)."""
    item = _item(field)
    return item is not None and has_object_definition(item)


def _item(field: StrawberryField) -> Any:
    """The type of the items of a list field, or ``None`` if it is not a list."""
    kind = field.type
    if isinstance(kind, StrawberryOptional):
        kind = kind.of_type
    if not isinstance(kind, StrawberryList):
        return None
    item = kind.of_type
    return item.of_type if isinstance(item, StrawberryOptional) else item


def bound_lists(types: Iterable[type]) -> None:
    """Give every list-of-records field of ``types`` that has no ``first`` a :class:`Bounded`.

    Call it once, before the schema is built.
    """
    for cls in types:
        if not has_object_definition(cls):
            continue
        for field in cls.__strawberry_definition__.fields:
            named = {argument.python_name for argument in field.arguments}
            already = any(isinstance(e, Bounded) for e in field.extensions)
            if is_record_list(field) and "first" not in named and not already:
                field.extensions.append(Bounded(order_for(_item(field))))
