"""The cost of a GraphQL operation, worked out from its text before anything runs.

Each field costs 1 for every time it can be resolved: the product of the sizes of
the lists above it. A list's size is its ``first`` or ``last`` argument (given, from
a variable, or the argument's default; a connection's applies to its ``edges``), or
``UNBOUNDED_LIST`` for the few lists of computed results that have none; a connection
without either counts its default page. Aliases and fragments count every time they
are used. Analysis fields add a cost of their
own (``FIELD_COSTS``), for the work they do before answering.

Example
-------
>>> from graphql import build_schema, parse
>>> s = build_schema("type Q { fs(first: Int = 50): [F] } type F { n: String }", )
>>> query_cost(s, parse("{ fs { n } }"), None, {})
51
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    is_leaf_type,
)
from graphql.language import DocumentNode

from api.connections import DEFAULT_PAGE_SIZE

__all__ = ["CEILING", "FIELD_COSTS", "UNBOUNDED_LIST", "query_cost"]

CEILING = 2**53 - 1
"""The most a cost is counted as: the largest integer every JSON reader keeps exact."""

UNBOUNDED_LIST = 100
"""The size counted for a list of computed results that has no ``first``."""

_SIZES = ("first", "last")
"""The arguments that set a list's size."""

FIELD_COSTS: dict[str, int] = {
    "Query.unmetNeeds": 2_000,
    "Query.organisationalGaps": 2_000,
    "Query.interdependencies": 5_000,
    "Query.bottlenecks": 10_000,
    "Query.impact": 5_000,
    "Query.pilotComparison": 1_000,
    "Query.dependencyReport": 20_000,
    "Query.search": 500,
}
"""What an analysis (or search) costs beyond its fields: its work before answering."""


def query_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
) -> int:
    """The cost of the operation ``operation_name`` (or the only one) of ``document``.

    Fields the schema does not have are not counted (validation reports them); a cost
    beyond ``CEILING`` is counted as ``CEILING``.
    """
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [
        o
        for o in operations
        if operation_name is None or (o.name and o.name.value == operation_name)
    ]
    if len(chosen) != 1:
        return 0
    operation = chosen[0]
    root = schema.get_root_type(operation.operation)
    if root is None:
        return 0
    defaults = {
        v.variable.name.value: v.default_value for v in operation.variable_definitions or ()
    }
    walker = _Walker(fragments, dict(variables or {}), defaults)
    return min(walker.cost(operation.selection_set, root, 1, set()), CEILING)


class _Walker:
    def __init__(
        self,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any],
        defaults: dict[str, Any],
    ) -> None:
        self.fragments = fragments
        self.variables = variables
        self.defaults = defaults

    def cost(
        self,
        selections: SelectionSetNode,
        parent: GraphQLNamedType,
        multiplier: int,
        visiting: set[str],
        page: int | None = None,
    ) -> int:
        total = 0
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                total += self._field(selection, parent, multiplier, visiting, page)
            elif isinstance(selection, InlineFragmentNode):
                total += self.cost(selection.selection_set, parent, multiplier, visiting, page)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in visiting:
                    total += self.cost(
                        fragment.selection_set, parent, multiplier, visiting | {name}, page
                    )
        return total

    def _field(
        self,
        node: FieldNode,
        parent: GraphQLNamedType,
        multiplier: int,
        visiting: set[str],
        page: int | None,
    ) -> int:
        if not isinstance(parent, GraphQLObjectType) or node.name.value not in parent.fields:
            return multiplier if node.name.value == "__typename" else 0
        definition = parent.fields[node.name.value]
        own = multiplier * (1 + FIELD_COSTS.get(f"{parent.name}.{node.name.value}", 0))
        named = get_named_type(definition.type)
        if node.selection_set is None or is_leaf_type(named):
            return own
        first = self._size(node, definition.args)
        connection = named.name.endswith("Connection")
        size, inner_page = 1, None
        if connection:
            inner_page = DEFAULT_PAGE_SIZE if first is None else first
        elif _is_list(definition.type):
            size = first if first is not None else page if page is not None else UNBOUNDED_LIST
        inner = min(multiplier * size, CEILING)
        return own + self.cost(node.selection_set, named, inner, visiting, inner_page)

    def _size(self, node: FieldNode, arguments: Mapping[str, Any]) -> int | None:
        """The size a list is asked for: ``first`` or ``last``, whichever is larger."""
        sizes = [
            self._argument(node, name, arguments[name]) for name in _SIZES if name in arguments
        ]
        given = [size for size in sizes if size is not None]
        return max(given) if given else None

    def _argument(self, node: FieldNode, name: str, argument: Any) -> int | None:
        given = next((a.value for a in node.arguments or () if a.name.value == name), None)
        if isinstance(given, VariableNode):
            name = given.name.value
            value = self.variables.get(name)
            if value is None and isinstance(self.defaults.get(name), IntValueNode):
                value = int(self.defaults[name].value)
            return _count(value, argument.default_value)
        if isinstance(given, IntValueNode):
            return max(int(given.value), 0)
        return _count(None, argument.default_value)


def _count(value: Any, default: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return max(value, 0)
    if isinstance(default, int) and not isinstance(default, bool):
        return max(default, 0)
    return None


def _is_list(kind: Any) -> bool:
    if isinstance(kind, GraphQLNonNull):
        kind = kind.of_type
    return isinstance(kind, GraphQLList)
