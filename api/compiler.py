"""Compiles a GraphQL read into one Cypher read, and writes its answer without resolvers.

:func:`compile_read` turns a validated query whose every field it covers into a
selection (``graph.selection``: records by id, pages, model properties, the links
the types declare with ``follows``, ``holds`` and ``levels``, sources) and a writer
that builds the JSON answer, in the query's field order, straight from the rows.
The writer gives what the resolvers give, field for field: arguments (``first``,
``sort``, ``stage``, ``asOf``, ``belowTarget``), aliases, fragments, ``__typename``,
``@skip`` and ``@include``, and the scalars' serialisation. Anything else (analyses,
search, mutations, introspection, an argument the resolvers would refuse, a value
missing where the schema promises one) raises :class:`Uncompiled`, and the request
goes through the resolvers, which remain the reference.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Any

from graphql import (
    BooleanValueNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
)
from graphql.execution.values import get_variable_values
from graphql.pyutils import Undefined
from graphql.utilities import value_from_ast

from api.bounds import NESTED_DEFAULT
from api.connections import Window, checked_size, encode_cursor
from api.errors import ApiError
from api.modelled import RECORD_TYPES, sort_option
from api.orders import Facts, HoldingSort, sorted_by
from api.types import (
    FOLLOWS,
    HELD_VALUES,
    HOLDS,
    LEVELS,
    PAIRS,
    STAGES,
    HoldingStats,
    stage_summaries,
)
from graph.model import NodeKind, filters_of
from graph.model.kinds import SOURCES
from graph.selection import Latest, Link, NodeSelection, Page, Reference, Root, tables
from graph.store.database import native

__all__ = ["CompiledRead", "Uncompiled", "compile_read"]

Writer = Callable[[Any], Any]
Row = dict[str, Any]
Fields = dict[str, list[FieldNode]]

_HELD = ("maturity", "target", "assessedOn", "source", "illustrative")
"""The relationship properties a holding is built from (``Held.fields``)."""
_HELD_NEEDS = {
    "maturity": {"maturity"},
    "target": {"target"},
    "gap": {"maturity", "target"},
    "assessed_on": {"assessedOn"},
    "source_id": {"source"},
    "illustrative": {"illustrative"},
    "history": set(_HELD),
}
"""The relationship properties each field of ``HELD_VALUES`` reads."""


class Uncompiled(Exception):
    """The operation holds something the compiler does not cover: run it through resolvers."""


@dataclass(frozen=True)
class CompiledRead:
    """The roots to read in one statement, and the writer of the answer from what they give."""

    roots: tuple[Root, ...]
    write: Callable[[dict[str, Any]], dict[str, Any]]

    @cached_property
    def tables(self) -> frozenset[str]:
        """The labels and relationship types the read reads from."""
        return tables(self.roots)


def compile_read(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    *,
    max_page_size: int,
) -> CompiledRead:
    """The compiled form of the query ``operation_name`` (or the only one) of ``document``.

    Raises
    ------
    Uncompiled
        The operation is not a query, its variables do not coerce, or it uses a field
        or an argument the compiler does not cover.
    """
    operations = [
        d
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
        and (operation_name is None or (d.name is not None and d.name.value == operation_name))
    ]
    if len(operations) != 1 or operations[0].operation is not OperationType.QUERY:
        raise Uncompiled("not one query")
    operation = operations[0]
    coerced = get_variable_values(
        schema, operation.variable_definitions or (), dict(variables or {})
    )
    if isinstance(coerced, list):
        raise Uncompiled("variables do not coerce")
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    compiler = _Compiler(schema, fragments, coerced.coerced, max_page_size)
    return compiler.operation(operation)


class _Compiler:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any],
        max_page_size: int,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.max_page_size = max_page_size
        self.slots = 0
        self.by_id = {_camel(kind.singular): kind for kind in _ROOT_KINDS}
        self.pages = {_camel(kind.name): kind for kind in _ROOT_KINDS}

    def operation(self, operation: OperationDefinitionNode) -> CompiledRead:
        query = self.schema.query_type
        assert query is not None
        roots: list[Root] = []
        writers: list[tuple[str, Writer]] = []
        for key, nodes in self.collect([operation.selection_set], query).items():
            name = nodes[0].name.value
            if name == "__typename":
                writers.append((key, _constant(query.name)))
                continue
            if name not in query.fields:
                raise Uncompiled(f"root field {name}")
            field = query.fields[name]
            arguments = self.arguments(field, nodes[0])
            if name in self.by_id:
                root, write = self.record_root(self.by_id[name], field, nodes, arguments)
            elif name in self.pages:
                root, write = self.page_root(self.pages[name], field, nodes, arguments)
            else:
                raise Uncompiled(f"root field {name}")
            roots.append(root)
            writers.append((key, write))
        if not roots:
            raise Uncompiled("no record read")

        return CompiledRead(tuple(roots), _object(writers))

    def record_root(
        self, kind: NodeKind[Any], field: GraphQLField, nodes: list[FieldNode], args: dict[str, Any]
    ) -> tuple[Root, Writer]:
        slot = self.slot("r")
        selection, write_record = self.record(kind, _object_type(field.type), nodes)
        nullable = _nullable(field.type, write_record)
        return Root(slot, selection, by_id=str(args["id"])), lambda answers: nullable(answers[slot])

    def page_root(
        self, kind: NodeKind[Any], field: GraphQLField, nodes: list[FieldNode], args: dict[str, Any]
    ) -> tuple[Root, Writer]:
        slot = self.slot("r")
        connection = _object_type(field.type)
        sort: Enum = args["sort"]
        made_for = f"{kind.label}.{sort.name}"
        window = Window(
            first=args.get("first"),
            after=args.get("after"),
            last=args.get("last"),
            before=args.get("before"),
        )
        try:
            size, backward, cursor = window.checked(self.max_page_size, made_for)
        except ApiError as refused:
            raise Uncompiled("the resolvers refuse the window") from refused
        fields = self.collect([n.selection_set for n in nodes], connection)
        edge_type = _object_type(connection.fields["edges"].type)
        selections: list[NodeSelection] = []
        write_connection = self.connection(
            connection, fields, edge_type, kind, made_for, selections, beyond=cursor is not None
        )
        total = any(n[0].name.value == "totalCount" for n in fields.values())
        page = Page(
            filters=_filters(kind, args.get("filter")),
            sort=sort_option(kind, sort),
            after=cursor,
            size=size,
            backward=backward,
            total=total,
        )

        def write(answers: dict[str, Any]) -> Any:
            return write_connection((answers[slot], backward, answers.get(f"{slot}_total")))

        return Root(slot, _merged(kind, selections), page=page), write

    def connection(
        self,
        connection: GraphQLObjectType,
        fields: Fields,
        edge_type: GraphQLObjectType,
        kind: NodeKind[Any],
        made_for: str,
        selections: list[NodeSelection],
        *,
        beyond: bool,
    ) -> Writer:
        """The writer of a connection from ``(page, backward, total)``.

        Each ``node`` under each ``edges`` adds the selection it needs to ``selections``.
        """
        page_info = _object_type(connection.fields["pageInfo"].type)
        writers: list[tuple[str, Writer]] = []
        for key, nodes in fields.items():
            name = nodes[0].name.value
            if name == "__typename":
                writers.append((key, _constant(connection.name)))
            elif name == "totalCount":
                writers.append((key, lambda value: value[2]))
            elif name == "edges":
                write_edge = self.edge(edge_type, nodes, kind, made_for, selections)
                writers.append((key, _edges(write_edge)))
            elif name == "pageInfo":
                write_info = self.page_info(page_info, nodes, made_for, beyond=beyond)
                writers.append((key, write_info))
            else:
                raise Uncompiled(f"{connection.name}.{name}")
        return _object(writers)

    def edge(
        self,
        edge_type: GraphQLObjectType,
        nodes: list[FieldNode],
        kind: NodeKind[Any],
        made_for: str,
        selections: list[NodeSelection],
    ) -> Writer:
        writers: list[tuple[str, Writer]] = []
        for key, sub in self.collect([n.selection_set for n in nodes], edge_type).items():
            name = sub[0].name.value
            if name == "__typename":
                writers.append((key, _constant(edge_type.name)))
            elif name == "cursor":
                writers.append((key, lambda row: encode_cursor(made_for, row[1], row[0]["id"])))
            elif name == "node":
                node_type = _object_type(edge_type.fields["node"].type)
                selection, write_node = self.record(kind, node_type, sub)
                selections.append(selection)
                writers.append((key, _node_of_edge(write_node)))
            else:
                raise Uncompiled(f"{edge_type.name}.{name}")
        return _object(writers)

    def page_info(
        self, info_type: GraphQLObjectType, nodes: list[FieldNode], made_for: str, *, beyond: bool
    ) -> Writer:
        def cursor(row: tuple[dict[str, Any], Any] | None) -> str | None:
            return None if row is None else encode_cursor(made_for, row[1], row[0]["id"])

        values: dict[str, Writer] = {
            "hasNextPage": lambda v: beyond if v[1] else v[0].has_more,
            "hasPreviousPage": lambda v: v[0].has_more if v[1] else beyond,
            "startCursor": lambda v: cursor(v[0].rows[0] if v[0].rows else None),
            "endCursor": lambda v: cursor(v[0].rows[-1] if v[0].rows else None),
            "__typename": _constant(info_type.name),
        }
        writers = []
        for key, sub in self.collect([n.selection_set for n in nodes], info_type).items():
            name = sub[0].name.value
            if name not in values:
                raise Uncompiled(f"PageInfo.{name}")
            writers.append((key, values[name]))
        return _object(writers)

    def record(
        self, kind: NodeKind[Any], record_type: GraphQLObjectType, nodes: list[FieldNode]
    ) -> tuple[NodeSelection, Writer]:
        """The selection of ``kind``'s nodes the fields of ``nodes`` need, and their writer."""
        properties = {"id"}
        links: list[Link] = []
        references: list[Reference] = []
        latest: list[Latest] = []
        writers: list[tuple[str, Writer]] = []
        model = {_field_name(prop): prop for prop in kind.properties}
        for key, sub in self.collect([n.selection_set for n in nodes], record_type).items():
            name = sub[0].name.value
            if name == "__typename":
                writers.append((key, _constant(record_type.name)))
                continue
            field = record_type.fields[name]
            definition = field.extensions["strawberry-definition"]
            python = definition.python_name
            metadata = definition.metadata or {}
            arguments = self.arguments(field, sub[0])
            if definition.base_resolver is None:
                prop = model.get(python)
                if prop is not None:
                    properties.add(prop.key)
                    convert = prop.type if prop.is_enum else None
                    default = None if prop.required else prop.default
                    writers.append((key, _property(prop.key, field.type, convert, default)))
                elif python in ("source_id", "illustrative"):
                    stored = "source" if python == "source_id" else "illustrative"
                    properties.add(stored)
                    writers.append((key, _property(stored, field.type, None)))
                else:
                    raise Uncompiled(f"{record_type.name}.{name}")
            elif python == "source" and kind is not SOURCES:
                slot = self.slot("s")
                target, write = self.record(SOURCES, _object_type(field.type), sub)
                references.append(Reference(slot, "source", target))
                properties.add("source")
                writers.append((key, _first_of(slot, _nullable(field.type, write))))
            elif FOLLOWS in metadata:
                link, write = self.follows(field, sub, arguments, metadata[FOLLOWS])
                links.append(link)
                writers.append((key, write))
            elif HOLDS in metadata:
                link, write = self.holds(field, sub, arguments, metadata[HOLDS])
                links.append(link)
                writers.append((key, write))
            elif PAIRS in metadata:
                link, write = self.pairs(field, sub, arguments, metadata[PAIRS])
                links.append(link)
                writers.append((key, write))
            elif STAGES in metadata:
                link, write = self.stages(field, sub, arguments, metadata[STAGES])
                links.append(link)
                writers.append((key, write))
            elif LEVELS in metadata and not arguments:
                levels = Latest(self.slot("q"), metadata[LEVELS], ("maturity", "target"))
                latest.append(levels)
                write_stats = self.plain(_object_type(field.type), sub)
                writers.append((key, _stats(levels, write_stats)))
            else:
                raise Uncompiled(f"{record_type.name}.{name}")
        selection = NodeSelection(
            kind, tuple(sorted(properties)), tuple(links), tuple(references), tuple(latest)
        )
        return selection, _object(writers)

    def follows(
        self,
        field: GraphQLField,
        nodes: list[FieldNode],
        arguments: dict[str, Any],
        declared: tuple[Any, bool, Callable[[Row], Any] | None],
    ) -> tuple[Link, Writer]:
        hop, one, own_order = declared
        slot = self.slot("l")
        target, write_record = self.record(hop.far, _object_type(field.type), nodes)
        stage = arguments.pop("stage", None)
        size, order = self.bounds(arguments)
        needs = {"name"} | ({"stage"} if stage is not None else set())
        if own_order is not None:
            needs |= _props(hop.far)
        link = Link(slot, hop, (), _with_properties(target, needs))
        if one:
            write_one = _nullable(field.type, write_record)

            def write_first(row: dict[str, Any]) -> Any:
                pairs = row[slot]
                if is_non_null_type(field.type) and len(pairs) != 1:
                    raise Uncompiled("not exactly one")
                return write_one(pairs[0][0] if pairs else None)

            return link, write_first
        by_name = Facts(name=lambda node: str(node["name"]).casefold())

        def write_list(row: dict[str, Any]) -> list[Any]:
            found = [node for node, _ in row[slot] if stage is None or node["stage"] == stage.value]
            if own_order is not None:
                found = sorted(found, key=own_order)
            if order is not None:
                found = sorted_by(found, order, by_name)
            return [write_record(node) for node in found[:size]]

        return link, write_list

    def holds(
        self,
        field: GraphQLField,
        nodes: list[FieldNode],
        arguments: dict[str, Any],
        declared: tuple[Any, str],
    ) -> tuple[Link, Writer]:
        hop, subject = declared
        slot = self.slot("l")
        holding_type = _object_type(field.type)
        subject_field = next(
            f
            for f in holding_type.fields.values()
            if f.extensions["strawberry-definition"].python_name == subject
        )
        subject_nodes: list[FieldNode] = []
        held_writers: list[tuple[str, Writer]] = []
        cited: list[Reference] = []
        needs: set[str] = set()
        for key, sub in self.collect([n.selection_set for n in nodes], holding_type).items():
            name = sub[0].name.value
            if name == "__typename":
                held_writers.append((key, _constant(holding_type.name)))
                continue
            definition = holding_type.fields[name].extensions["strawberry-definition"]
            if definition.python_name == subject:
                subject_nodes += sub
                held_writers.append((key, lambda h: h[2](h[0])))
            elif definition.base_resolver is None and definition.python_name == "history":
                history_field = holding_type.fields[name]
                size, _ = self.bounds(self.arguments(history_field, sub[0]))
                write_history = self.plain(_object_type(history_field.type), sub)
                held_writers.append((key, _history(write_history, size)))
                needs |= _HELD_NEEDS["history"]
            elif definition.base_resolver is None and definition.python_name in HELD_VALUES:
                write_leaf = _leaf(holding_type.fields[name].type)
                held_writers.append((key, _held_value(definition.python_name, write_leaf)))
                needs |= _HELD_NEEDS[definition.python_name]
            elif definition.python_name == "source":
                needs.add("source")
                source_type = holding_type.fields[name].type
                source, write_source = self.record(SOURCES, _object_type(source_type), sub)
                cited.append(Reference(self.slot("s"), "source", source))
                held_writers.append(
                    (key, _cited(cited[-1].slot, _nullable(source_type, write_source)))
                )
            else:
                raise Uncompiled(f"{holding_type.name}.{name}")
        target, write_subject = self.record(
            hop.far, _object_type(subject_field.type), subject_nodes
        )
        as_of = arguments.pop("asOf", None)
        stage = arguments.pop("stage", None)
        below = arguments.pop("belowTarget", None)
        size, order = self.bounds(arguments)
        if as_of is not None:
            needs.add("assessedOn")
        if below is not None or order in _BY_LEVEL:
            needs |= {"maturity", "target"}
        node_needs = {"name"} | ({"stage"} if stage is not None else set())
        link = Link(
            slot,
            hop,
            tuple(key for key in _HELD if key in needs),
            _with_properties(target, node_needs),
            tuple(cited),
        )
        write_held = _object(held_writers)
        facts = Facts(
            name=lambda h: str(h[0]["name"]).casefold(),
            gap=lambda h: _GAP(h[1]),
            maturity=lambda h: _MATURITY(h[1]),
        )

        def write_holdings(row: dict[str, Any]) -> list[Any]:
            holdings = [
                (node, rels, write_subject)
                for node, rels in _grouped(row[slot], as_of)
                if stage is None or node["stage"] == stage.value
            ]
            if below is not None:
                holdings = [h for h in holdings if (_GAP(h[1]) > 0) == below]
            if order is not None:
                holdings = sorted_by(holdings, order, facts)
            return [write_held(h) for h in holdings[:size]]

        return link, write_holdings

    def pairs(
        self,
        field: GraphQLField,
        nodes: list[FieldNode],
        arguments: dict[str, Any],
        declared: tuple[Any, Callable[[Any, Row], Any], tuple[str, ...], str | None],
    ) -> tuple[Link, Writer]:
        hop, make, relationship, subject = declared
        if not hop.relationship.each_read:
            raise Uncompiled("pairs of a relationship read once per node")
        slot = self.slot("l")
        item_type = _object_type(field.type)
        subject_keys: list[str] = []
        subject_nodes: list[FieldNode] = []
        writers: list[tuple[str, Writer]] = []
        for key, sub in self.collect([n.selection_set for n in nodes], item_type).items():
            name = sub[0].name.value
            if name == "__typename":
                writers.append((key, _constant(item_type.name)))
                continue
            definition = item_type.fields[name].extensions["strawberry-definition"]
            if definition.python_name == subject:
                subject_keys.append(key)
                subject_nodes += sub
                writers.append((key, _constant("")))
            elif definition.base_resolver is None and not sub[0].arguments:
                write_leaf = _leaf(item_type.fields[name].type)
                writers.append((key, _attribute(definition.python_name, write_leaf)))
            else:
                raise Uncompiled(f"{item_type.name}.{name}")
        if subject is None:
            target = NodeSelection(hop.far, tuple(sorted(_props(hop.far))))
        else:
            subject_type = item_type.fields[_camel(subject)].type
            target, write_record = self.record(hop.far, _object_type(subject_type), subject_nodes)
            write_subject = _attribute(subject, _nullable(subject_type, write_record))
            writers = [(k, write_subject if k in subject_keys else w) for k, w in writers]
        size, _ = self.bounds(arguments)
        write_item = _object(writers)

        def write_pairs(row: dict[str, Any]) -> list[Any]:
            return [write_item(make(node, rel)) for node, rel in row[slot][:size]]

        return Link(slot, hop, relationship, target), write_pairs

    def stages(
        self, field: GraphQLField, nodes: list[FieldNode], arguments: dict[str, Any], hop: Any
    ) -> tuple[Link, Writer]:
        slot = self.slot("l")
        write_item = self.plain(_object_type(field.type), nodes)
        size, _ = self.bounds(arguments)

        def write_stages(row: dict[str, Any]) -> list[Any]:
            summaries = stage_summaries(_grouped(row[slot], None))
            return [write_item(summary) for summary in summaries[:size]]

        return Link(slot, hop, _HELD, NodeSelection(hop.far, ("id", "stage"))), write_stages

    def plain(self, object_type: GraphQLObjectType, nodes: list[FieldNode]) -> Writer:
        """The writer of a plain object (no resolvers), field by field from its attributes."""
        writers: list[tuple[str, Writer]] = []
        for key, sub in self.collect([n.selection_set for n in nodes], object_type).items():
            name = sub[0].name.value
            if name == "__typename":
                writers.append((key, _constant(object_type.name)))
                continue
            field = object_type.fields[name]
            definition = field.extensions["strawberry-definition"]
            if definition.base_resolver is not None or sub[0].arguments:
                raise Uncompiled(f"{object_type.name}.{name}")
            write = _leaf(field.type)
            writers.append((key, _attribute(definition.python_name, write)))
        return _object(writers)

    def bounds(self, arguments: dict[str, Any]) -> tuple[int, Enum | None]:
        """``first`` and ``sort`` of a nested list, the last of ``arguments``, as checked."""
        try:
            size = checked_size(arguments.pop("first", NESTED_DEFAULT), self.max_page_size, "first")
        except ApiError as refused:
            raise Uncompiled("the resolvers refuse first") from refused
        order = arguments.pop("sort", None)
        if arguments:
            raise Uncompiled(f"arguments {sorted(arguments)}")
        return size, order

    def arguments(self, field: GraphQLField, node: FieldNode) -> dict[str, Any]:
        """The field's arguments as coerced values, defaults included, nulls left out.

        An argument given a variable the request does not set takes its default, as
        graphql-core has it.
        """
        given = {
            argument.name.value: argument.value
            for argument in node.arguments or ()
            if not isinstance(argument.value, VariableNode)
            or argument.value.name.value in self.variables
        }
        values: dict[str, Any] = {}
        for name, definition in field.args.items():
            if name in given:
                value = value_from_ast(given[name], definition.type, self.variables)
                if value is Undefined:
                    raise Uncompiled(f"argument {name}")
            else:
                value = definition.default_value
            if value is not None and value is not Undefined:
                values[name] = value
        return values

    def collect(self, selection_sets: list[SelectionSetNode | None], runtime: Any) -> Fields:
        """The fields of ``selection_sets`` on ``runtime``, grouped by response key in order."""
        fields: Fields = {}
        for selection_set in selection_sets:
            if selection_set is not None:
                self._collect(selection_set, runtime, fields, set())
        return fields

    def _collect(
        self, selection_set: SelectionSetNode, runtime: Any, into: Fields, seen: set[str]
    ) -> None:
        for selection in selection_set.selections:
            if not self.included(selection):
                continue
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                into.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                if condition is None or self.applies(condition.name.value, runtime):
                    self._collect(selection.selection_set, runtime, into, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if name in seen or fragment is None:
                    continue
                seen.add(name)
                if self.applies(fragment.type_condition.name.value, runtime):
                    self._collect(fragment.selection_set, runtime, into, seen)

    def applies(self, condition: str, runtime: GraphQLObjectType) -> bool:
        named = self.schema.get_type(condition)
        if named is None:
            return False
        if named is runtime:
            return True
        return bool(self.schema.is_sub_type(named, runtime))  # type: ignore[arg-type]

    def included(self, selection: Any) -> bool:
        for directive in selection.directives or ():
            name = directive.name.value
            if name not in ("skip", "include"):
                raise Uncompiled(f"directive @{name}")
            [argument] = directive.arguments
            value = argument.value
            if isinstance(value, VariableNode):
                flag = bool(self.variables.get(value.name.value))
            elif isinstance(value, BooleanValueNode):
                flag = value.value
            else:
                raise Uncompiled("directive argument")
            if (name == "skip") == flag:
                return False
        return True

    def slot(self, prefix: str) -> str:
        self.slots += 1
        return f"{prefix}{self.slots}"


_ROOT_KINDS = [kind for kind in RECORD_TYPES if kind.example_id is not None]


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _field_name(prop: Any) -> str:
    return f"{prop.name}_id" if prop.ref else prop.name


def _props(kind: NodeKind[Any]) -> set[str]:
    return {prop.key for prop in kind.properties}


def _with_properties(selection: NodeSelection, keys: set[str]) -> NodeSelection:
    merged = tuple(sorted(set(selection.properties) | keys))
    return NodeSelection(
        selection.kind, merged, selection.links, selection.references, selection.latest
    )


def _filters(kind: NodeKind[Any], given: dict[str, Any] | None) -> dict[str, Any]:
    """A filter input's values by filter name, as ``api.modelled.filter_values`` gives them."""
    values = {}
    for f in filters_of(kind):
        value = (given or {}).get(f.name)
        if value is not None:
            values[f.name] = value.value if isinstance(value, Enum) else value
    return values


def _object_type(kind: GraphQLOutputType) -> GraphQLObjectType:
    named = get_named_type(kind)
    if not isinstance(named, GraphQLObjectType):
        raise Uncompiled(f"abstract type {named}")
    return named


def _object(writers: list[tuple[str, Writer]]) -> Writer:
    def write(value: Any) -> dict[str, Any]:
        return {key: writer(value) for key, writer in writers}

    return write


def _constant(value: str) -> Writer:
    return lambda _: value


def _nullable(kind: GraphQLOutputType, write: Writer) -> Writer:
    """``write``, or ``None`` for a missing value where ``kind`` allows it."""
    required = is_non_null_type(kind)

    def write_or_none(value: Any) -> Any:
        if value is None:
            if required:
                raise Uncompiled("a required value is missing")
            return None
        return write(value)

    return write_or_none


def _node_of_edge(write: Writer) -> Writer:
    return lambda row: write(row[0])


def _merged(kind: NodeKind[Any], selections: list[NodeSelection]) -> NodeSelection:
    """One selection of ``kind`` reading what each of ``selections`` reads (slots differ)."""
    properties = {"id"}.union(*(s.properties for s in selections))
    return NodeSelection(
        kind,
        tuple(sorted(properties)),
        tuple(link for s in selections for link in s.links),
        tuple(reference for s in selections for reference in s.references),
        tuple(latest for s in selections for latest in s.latest),
    )


def _edges(write_edge: Writer) -> Writer:
    return lambda value: [write_edge(row) for row in value[0].rows]


def _stats(levels: Latest, write: Writer) -> Writer:
    return lambda row: write(HoldingStats.of_levels(levels.newest(row[levels.slot])))


def _attribute(name: str, write: Writer) -> Writer:
    return lambda obj: write(getattr(obj, name))


def _held_value(name: str, write: Writer) -> Writer:
    value = HELD_VALUES[name]
    return lambda holding: write(value(holding[1]))


def _history(write: Writer, size: int) -> Writer:
    history = HELD_VALUES["history"]
    return lambda holding: [write(observation) for observation in history(holding[1])[:size]]


_BY_LEVEL = frozenset({HoldingSort.GAP_DESC, HoldingSort.MATURITY_ASC, HoldingSort.MATURITY_DESC})
"""The orders of holdings that read their maturity (and target)."""
_TEMPORAL = frozenset({"Date", "DateTime", "Time"})
"""Scalars whose values come from Neo4j as its own types, made Python ones before serialising."""
_GAP = HELD_VALUES["gap"]
_MATURITY = HELD_VALUES["maturity"]


def _cited(slot: str, write: Writer) -> Writer:
    """The writer of a holding's source: the node its newest observation cites."""
    return lambda holding: write(holding[1][0][slot][0] if holding[1][0][slot] else None)


def _grouped(pairs: list[Any], as_of: Any) -> list[tuple[Row, list[Row]]]:
    """Pairs of a history link as ``(node, observations newest first)``, on or before ``as_of``,
    nodes with none left out, as ``api.types`` groups holdings."""
    by_node: dict[str, tuple[Row, list[Row]]] = {}
    for node, rel in pairs:
        if as_of is None or rel["assessedOn"] <= as_of:
            by_node.setdefault(node["id"], (node, []))[1].append(rel)
    return list(by_node.values())


def _first_of(slot: str, write: Writer) -> Writer:
    return lambda row: write(row[slot][0] if row[slot] else None)


def _leaf(kind: GraphQLOutputType) -> Writer:
    """The writer of a scalar or enum value of ``kind`` (or a list of them), serialised as
    graphql-core does."""
    named = get_nullable_type(kind)
    if is_list_type(named):
        item = _leaf(named.of_type)
        return _nullable(kind, lambda values: [item(value) for value in values])
    if not is_leaf_type(named):
        raise Uncompiled(f"not a leaf: {kind}")
    serialize = named.serialize
    if named.name not in _TEMPORAL:
        return _nullable(kind, serialize)
    return _nullable(kind, lambda value: serialize(native(value)))


def _property(
    key: str, kind: GraphQLOutputType, convert: Callable[[Any], Any] | None, default: Any = None
) -> Writer:
    """The writer of the node property ``key`` (``default`` if absent, as ``from_row`` has
    it; an enum's value made a member first)."""
    write = _leaf(kind)
    if convert is None:
        return lambda row: write(row.get(key, default))
    return lambda row: write(None if (value := row.get(key, default)) is None else convert(value))
