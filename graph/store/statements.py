"""Cypher generated from the schema model: the one place statements are built rather than written.

Every statement here is a fixed text for a given kind: labels, relationship types
and property keys come from ``graph.model`` only, and every value is a parameter.
``all_statements`` lists every statement this module can produce, and a test runs
``EXPLAIN`` on each. Statements written by hand live in ``cypher/`` as named files.

Examples
--------
>>> from graph.model.kinds import FORCES
>>> print(merge_nodes(FORCES).text)
UNWIND $rows AS row
MERGE (n:Force {id: row.id})
SET n = row.props
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from graph.model.kinds import (
    LINKS,
    NODES,
    RELATIONSHIP_TYPES,
    Hop,
    NodeKind,
    QueryFilter,
    RelationshipType,
    filters_of,
)
from graph.model.properties import Match, Property
from graph.selection import NodeSelection, Reference, Root
from graph.store.queries import Statement, query

__all__ = [
    "all_statements",
    "clear_links",
    "compiled_read",
    "count_page",
    "create_constraints",
    "create_indexes",
    "find_known_ids",
    "load_csv",
    "merge_nodes",
    "merge_relationships",
    "neighbours",
    "nodes_by_id",
    "page",
    "project_nodes",
    "search_index",
]

SEARCH_INDEX = "search_text"
"""The name of the full-text index (``read/search_nodes`` queries it by this name)."""

_PAGE_TAIL = "fragments/page_tail"
"""The keyset-pagination tail every page statement ends with (a named fragment)."""


@cache
def merge_nodes(kind: NodeKind[Any]) -> Statement:
    """Create or update ``kind``'s nodes from rows ``{id, props}``; props replace the old ones."""
    return Statement(
        f"model/merge_nodes/{kind.label}",
        f"UNWIND $rows AS row\nMERGE (n:{kind.label} {{id: row.id}})\nSET n = row.props",
    )


@cache
def merge_relationships(rel: RelationshipType) -> Statement:
    """Create or update ``rel``'s relationships from rows ``{from, to, props}``."""
    key = _key_map(rel, "row.props")
    return Statement(
        f"model/merge_relationships/{rel.type}",
        "UNWIND $rows AS row\n"
        f"MATCH (a:{rel.start.label} {{id: row.from}})\n"
        f"MATCH (b:{rel.end.label} {{id: row.to}})\n"
        f"MERGE (a)-[r:{rel.type}{key}]->(b)\n"
        "SET r = row.props",
    )


@cache
def nodes_by_id(kind: NodeKind[Any]) -> Statement:
    """``kind``'s nodes for ``$ids`` as ``rows`` of ``[id, properties]``; unknown ids left out."""
    return Statement(
        f"model/nodes_by_id/{kind.label}",
        f"UNWIND $ids AS id\nMATCH (n:{kind.label} {{id: id}})\n"
        "RETURN collect([id, properties(n)]) AS rows",
    )


@cache
def neighbours(hop: Hop) -> Statement:
    """For each of ``$ids``, the nodes one ``hop`` away as ``pairs`` of ``[node, relationship]``.

    Sorted by name, then id. Where a relationship type can join the same two nodes
    more than once (it has key properties), each node comes once, with no properties
    for the relationship, unless the relationships are history (every one comes,
    newest first) or records of their own (every one comes).
    """
    rel = hop.relationship
    arrow = _arrow(hop, "r")
    distinct = "WITH DISTINCT id, b\nWITH id AS key, properties(b) AS node, {} AS rel\n"
    each = "WITH id AS key, properties(b) AS node, properties(r) AS rel\n"
    newest = f", r.{rel.key_properties[0]} DESC" if rel.history else ""
    return Statement(
        f"model/neighbours/{hop.near.label}/{'out' if hop.outgoing else 'in'}/{rel.type}",
        "UNWIND $ids AS id\n"
        f"MATCH (a:{hop.near.label} {{id: id}}){arrow}(b:{hop.far.label})\n"
        + (each if rel.each_read else distinct)
        + f"ORDER BY key, b.name, b.id{newest}\nRETURN key, collect([node, rel]) AS pairs",
    )


@cache
def page(kind: NodeKind[Any]) -> Statement:
    """One page of ``kind``'s nodes matching its filters, in sort order (keyset pagination).

    Parameters: one per filter (``null`` when not used), ``$sort`` (the property to
    order by), ``$nullKey`` (stands in for a missing value), ``$descending``,
    ``$after`` (``{key, id}`` of the previous page's last row, or ``null``) and
    ``$limit``. Returns one row whose ``rows`` are ``[properties, sort key]``.
    """
    return Statement(
        f"model/page/{kind.label}",
        f"MATCH (n:{kind.label})\n{_where(kind)}{query(_PAGE_TAIL)}\n"
        "RETURN collect([properties(n), key]) AS rows",
    )


def compiled_read(roots: tuple[Root, ...]) -> Statement:
    """One statement reading every root of a compiled GraphQL read (``graph.selection``).

    Each root is a ``CALL`` subquery giving one row: column ``<slot>`` holds the node
    (by id: its map or ``null``) or the page's ``[map, sort key]`` pairs (read as
    ``page`` reads), and ``<slot>_total`` the page's total when asked for. Maps hold
    only the selected properties, and per link, reference or latest a list under its
    slot (a latest's: ``[far id, properties...]`` per relationship, each node's newest
    first; aggregating in the subquery costs three times as much). Parameters are
    ``$<slot>`` maps: ``id``, or the page parameters.

    Unlike ``page``, a page here is written for its request: only the filters given,
    and the sort property and directions in the text, so that the indexes can serve
    it (an any-case filter on an indexed property first finds the stored values that
    match, then seeks them).
    """
    calls = []
    columns = []
    for root in roots:
        scope = f"${root.slot}."
        node = _projection(root.node, "n", 0)
        label = root.node.kind.label
        if root.page is None:
            calls.append(
                f"CALL () {{\n  OPTIONAL MATCH (n:{label} {{id: {scope}id}})\n"
                f"  RETURN n {node} AS {root.slot}\n}}"
            )
            columns.append(root.slot)
            continue
        found, conditions = _page_filters(root, scope)
        calls += found
        imported = ", ".join(f"{root.slot}_{f.name}" for f in _seeking(root))
        calls.append(
            f"CALL ({imported}) {{\n  MATCH (n:{label})\n{_page_order(root, scope, conditions)}"
            f"  WITH n {node} AS row, key\n  RETURN collect([row, key]) AS {root.slot}\n}}"
        )
        columns.append(root.slot)
        if root.page.total:
            calls.append(
                f"CALL ({imported}) {{\n  MATCH (n:{label})\n{_where_all(conditions)}"
                f"  RETURN count(n) AS {root.slot}_total\n}}"
            )
            columns.append(f"{root.slot}_total")
    return Statement("model/compiled_read", "\n".join(calls) + f"\nRETURN {', '.join(columns)}")


def _seeking(root: Root) -> list[QueryFilter]:
    """The any-case filters of ``root``'s page on indexed properties: each first finds the
    stored values that match, so that the page seeks the index for them."""
    assert root.page is not None
    return [
        f
        for f in filters_of(root.node.kind)
        if f.name in root.page.filters
        and f.match is Match.EXACT_ANY_CASE
        and f.property is not None
        and _indexed(f.property)
    ]


def _page_filters(root: Root, scope: str) -> tuple[list[str], list[str]]:
    """The subqueries finding the values ``_seeking`` filters seek, and the page's conditions."""
    assert root.page is not None
    label = root.node.kind.label
    seeking = {f.name for f in _seeking(root)}
    calls = []
    conditions = []
    for f in filters_of(root.node.kind):
        if f.name not in root.page.filters:
            continue
        if f.name in seeking:
            assert f.property is not None
            key, values = f.property.key, f"{root.slot}_{f.name}"
            calls.append(
                f"CALL () {{\n  MATCH (m:{label}) WHERE m.{key} IS NOT NULL\n"
                f"  WITH DISTINCT m.{key} AS v WHERE toLower(v) = toLower({scope}{f.name})\n"
                f"  RETURN collect(v) AS {values}\n}}"
            )
            conditions.append(f"n.{key} IN {values}")
        else:
            conditions.append(_scoped(_condition(f), scope))
    return calls, conditions


def _where_all(conditions: list[str], indent: str = "  ") -> str:
    """``WHERE`` with every one of ``conditions`` (one a line), or nothing."""
    return f"{indent}WHERE {chr(10).join(_join(conditions))}\n" if conditions else ""


def _page_order(root: Root, scope: str, conditions: list[str]) -> str:
    """The rest of a compiled page after ``MATCH``: the rows after the boundary, in order.

    A sort property every record has (the model requires it) is the key itself, and
    is read in index order (bounded by the boundary's key where there is one) unless
    an any-case filter seeks its values: the planner cannot tell how few those are.
    """
    page = root.page
    assert page is not None
    descending = page.sort.descending != page.backward
    key_order, id_order = ("DESC" if descending else "ASC"), ("DESC" if page.backward else "ASC")
    sort = next(p for p in root.node.kind.properties if p.key == page.sort.key)
    if sort.required and not sort.nullable:
        key = f"n.{sort.key}"
        if not _seeking(root):
            bound = f"{key} IS NOT NULL"
            if page.after is not None:
                bound = f"{key} {'<=' if descending else '>='} {scope}after.key"
            conditions = [*conditions, bound]
    else:
        key = f"coalesce(n.{sort.key}, {scope}nullKey)"
    beyond = ""
    if page.after is not None:
        key_beyond, id_beyond = ("<" if descending else ">"), ("<" if page.backward else ">")
        beyond = (
            f"  WHERE key {key_beyond} {scope}after.key\n"
            f"     OR (key = {scope}after.key AND n.id {id_beyond} {scope}after.id)\n"
        )
    return (
        f"{_where_all(conditions)}  WITH n, {key} AS key\n{beyond}"
        f"  ORDER BY key {key_order}, n.id {id_order}\n  LIMIT {scope}limit\n"
    )


def _projection(selection: NodeSelection, var: str, depth: int) -> str:
    """The map projection ``{.id, .name, l0: COLLECT {...}}`` of ``var`` for ``selection``."""
    items = [f".{key}" for key in selection.properties]
    near, rel = f"v{depth + 1}", f"r{depth + 1}"
    for link in selection.links:
        relationship = link.hop.relationship
        arrow = _arrow(link.hop, rel)
        target = _projection(link.target, near, depth + 1)
        match = f"MATCH ({var}){arrow}({near}:{link.hop.far.label})"
        if relationship.each_read:
            newest = (
                f", {rel}.{relationship.key_properties[0]} DESC" if relationship.history else ""
            )
            kept = [f".{key}" for key in link.relationship]
            kept += [_reference(cited, rel, f"w{depth + 1}", depth) for cited in link.cited]
            body = (
                f"{match} WITH {near}, {rel} ORDER BY {near}.name, {near}.id{newest} "
                f"RETURN [{near} {target}, {rel} {{{', '.join(kept)}}}]"
            )
        else:
            body = (
                f"{match} WITH DISTINCT {near} ORDER BY {near}.name, {near}.id "
                f"RETURN [{near} {target}, {{}}]"
            )
        items.append(f"{link.slot}: COLLECT {{ {body} }}")
    items += [_reference(reference, var, near, depth) for reference in selection.references]
    for latest in selection.latest:
        newest = latest.hop.relationship.key_properties[0]
        values = ", ".join([f"{near}.id", *(f"{rel}.{key}" for key in latest.relationship)])
        items.append(
            f"{latest.slot}: COLLECT {{ MATCH ({var}){_arrow(latest.hop, rel)}"
            f"({near}:{latest.hop.far.label}) WITH {near}, {rel} "
            f"ORDER BY {near}.id, {rel}.{newest} DESC RETURN [{values}] }}"
        )
    return "{" + ", ".join(items) + "}"


def _reference(reference: Reference, holder: str, var: str, depth: int) -> str:
    """``slot: COLLECT {...}``: the node whose id ``holder``'s property ``reference.key`` holds."""
    target = _projection(reference.target, var, depth + 1)
    return (
        f"{reference.slot}: COLLECT {{ MATCH ({var}:{reference.target.kind.label} "
        f"{{id: {holder}.{reference.key}}}) RETURN {var} {target} }}"
    )


def _arrow(hop: Hop, var: str) -> str:
    """``-[var:TYPE]->`` or ``<-[var:TYPE]-``, as ``hop`` walks its relationship type."""
    kind = hop.relationship.type
    return f"-[{var}:{kind}]->" if hop.outgoing else f"<-[{var}:{kind}]-"


def _scoped(text: str, scope: str) -> str:
    """``text`` with each parameter ``$name`` read from the map ``scope`` (``$r0.name``)."""
    return _PARAMETER.sub(lambda found: scope + found[1], text)


_PARAMETER = re.compile(r"\$(\w+)")


@cache
def count_page(kind: NodeKind[Any]) -> Statement:
    """How many of ``kind``'s nodes match its filters (``total``), with ``page``'s parameters."""
    return Statement(
        f"model/count/{kind.label}",
        f"MATCH (n:{kind.label})\n{_where(kind)}RETURN count(n) AS total",
    )


@cache
def find_known_ids() -> Statement:
    """Which of the ids given exist: a parameter and a column per node kind (``$forces``, ...)."""
    columns = ",\n       ".join(
        f"[x IN ${kind.name} WHERE EXISTS {{ MATCH (:{kind.label} {{id: x}}) }}] AS {kind.name}"
        for kind in NODES
    )
    return Statement("model/find_known_ids", f"RETURN {columns}")


@cache
def clear_links(kind: NodeKind[Any]) -> Statement:
    """Delete the links of the ``kind`` node with id ``$id`` (before they are written again)."""
    types = "|".join(link.type for link in LINKS if link.start == kind)
    return Statement(
        f"model/clear_links/{kind.label}",
        f"MATCH (:{kind.label} {{id: $id}})-[r:{types}]->()\nDELETE r",
    )


@cache
def create_constraints() -> tuple[Statement, ...]:
    """One uniqueness constraint on ``id`` per node kind (each also indexes ``id``)."""
    return tuple(
        Statement(
            f"model/constraint/{kind.label}",
            f"CREATE CONSTRAINT {_snake(kind.label)}_id IF NOT EXISTS "
            f"FOR (n:{kind.label}) REQUIRE n.id IS UNIQUE",
        )
        for kind in NODES
    )


@cache
def create_indexes() -> tuple[Statement, ...]:
    """Range indexes on the properties pages sort or filter exactly on, and the search index."""
    indexes = [
        Statement(
            f"model/index/{kind.label}/{prop.key}",
            f"CREATE INDEX {_snake(kind.label)}_{prop.name} IF NOT EXISTS "
            f"FOR (n:{kind.label}) ON (n.{prop.key})",
        )
        for kind in NODES
        for prop in kind.properties
        if _indexed(prop)
    ]
    labels, keys = search_index()
    indexes.append(
        Statement(
            "model/index/search_text",
            f"CREATE FULLTEXT INDEX {SEARCH_INDEX} IF NOT EXISTS "
            f"FOR (n:{'|'.join(labels)}) ON EACH [{', '.join(f'n.{key}' for key in keys)}]",
        )
    )
    return tuple(indexes)


@cache
def search_index() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The labels and property keys the full-text index covers: every ``SEARCHED`` property."""
    searched = [kind for kind in NODES if any(p.searched for p in kind.properties)]
    keys = dict.fromkeys(p.key for kind in searched for p in kind.properties if p.searched)
    return tuple(kind.label for kind in searched), tuple(keys)


@cache
def project_nodes() -> Statement:
    """Every node the analyses read, as ``[label, id, {analysed properties and provenance}]``
    (days as ISO text), ``$chunk`` a row."""
    kinds = [kind for kind in NODES if kind.analysed]
    return Statement(
        "model/project_nodes",
        "MATCH (n)\n"
        f"WHERE {' OR '.join(f'n:{kind.label}' for kind in kinds)}\n"
        f"WITH collect({_projected_node('n')}) AS everything\n"
        "UNWIND range(0, size(everything) - 1, $chunk) AS start\n"
        "RETURN everything[start..start + $chunk] AS rows",
    )


@cache
def project_relationships(rel: RelationshipType) -> Statement:
    """Every relationship of type ``rel``, as rows of at most ``$chunk``
    ``[from id, to id, *its projected properties]`` (``RelationshipType.projected``; days as
    ISO text): one typed scan, one record per chunk (a record per row costs the driver far
    more than the data). A statement per type lets the types be read side by side."""
    return Statement(
        f"model/project_relationships/{rel.type}",
        f"MATCH (a)-[r:{rel.type}]->(b)\n"
        f"WITH collect({_projected_relationship(rel, 'a', 'r', 'b')}) AS rows\n"
        "UNWIND range(0, size(rows) - 1, $chunk) AS start\n"
        "RETURN rows[start..start + $chunk] AS rows",
    )


@cache
def project_nodes_by_id() -> Statement:
    """The nodes the analyses read whose ids are given (``$forces``, ... as ``find_known_ids``),
    each as ``node`` (as ``project_nodes`` gives it) and ``relationships``: its outgoing
    ones, a list per type of ``RELATIONSHIP_TYPES`` in order, rows as
    ``project_relationships`` gives them."""
    reads = "\n  UNION ALL\n  ".join(
        f"UNWIND ${kind.name} AS id MATCH (n:{kind.label} {{id: id}}) RETURN n"
        for kind in NODES
        if kind.analysed
    )
    outgoing = ",\n        ".join(
        f"COLLECT {{ MATCH (n)-[r:{rel.type}]->(b) "
        f"RETURN {_projected_relationship(rel, 'n', 'r', 'b')} }}"
        for rel in RELATIONSHIP_TYPES
    )
    return Statement(
        "model/project_nodes_by_id",
        f"CALL () {{\n  {reads}\n}}\n"
        f"RETURN {_projected_node('n')} AS node,\n"
        f"       [{outgoing}] AS relationships",
    )


def _projected_node(var: str) -> str:
    """``[label, id, {analysed properties and provenance}]`` of the node ``var``."""
    keys = dict.fromkeys(p.key for kind in NODES for p in kind.properties if p.analysed)
    keys.update(dict.fromkeys(("source", "illustrative")))
    days = {p.key for kind in NODES for p in kind.properties if p.type is dt.date}
    values = ", ".join(
        f"{key}: toString({var}.{key})" if key in days else f".{key}" for key in keys
    )
    return f"[labels({var})[0], {var}.id, {var} {{{values}}}]"


def _projected_relationship(rel: RelationshipType, start: str, var: str, end: str) -> str:
    """``[from id, to id, *projected properties]`` of the relationship ``var``."""
    values = [
        f"toString({var}.{key})" if key in rel.days else f"{var}.{key}" for key in rel.projected
    ]
    return f"[{', '.join([f'{start}.id', f'{end}.id', *values])}]"


@cache
def load_csv(kind: NodeKind[Any] | RelationshipType) -> Statement:
    """Benchmark only: ``LOAD CSV`` of the ``diikg export --format csv`` table at ``$url``.

    Values are typed as the loader types them (CSV cells are text).
    """
    if isinstance(kind, NodeKind):
        typed = _typed(kind.stored)
        return Statement(
            f"model/load_csv/{kind.label}",
            "LOAD CSV WITH HEADERS FROM $url AS row\n"
            f"MERGE (n:{kind.label} {{id: row.id}})\n"
            f"SET n = row {{.*{typed}}}",
        )
    key = _key_map(kind, "row", typed=True)
    return Statement(
        f"model/load_csv/{kind.type}",
        "LOAD CSV WITH HEADERS FROM $url AS row\n"
        f"MATCH (a:{kind.start.label} {{id: row.from}})\n"
        f"MATCH (b:{kind.end.label} {{id: row.to}})\n"
        f"MERGE (a)-[r:{kind.type}{key}]->(b)\n"
        f"SET r = row {{.*, from: null, to: null{_typed(kind.properties)}}}",
    )


def all_statements() -> list[Statement]:
    """Every statement this module produces, for review and for ``EXPLAIN`` in tests."""
    return [
        *create_constraints(),
        *create_indexes(),
        find_known_ids(),
        project_nodes(),
        *(project_relationships(rel) for rel in RELATIONSHIP_TYPES),
        project_nodes_by_id(),
        *(merge_nodes(kind) for kind in NODES),
        *(nodes_by_id(kind) for kind in NODES),
        *(page(kind) for kind in NODES),
        *(count_page(kind) for kind in NODES),
        *(load_csv(kind) for kind in NODES),
        *(merge_relationships(rel) for rel in RELATIONSHIP_TYPES),
        *(load_csv(rel) for rel in RELATIONSHIP_TYPES),
        *(neighbours(hop) for rel in RELATIONSHIP_TYPES for hop in (rel.outgoing, rel.incoming)),
        *(clear_links(kind) for kind in NODES if any(link.start == kind for link in LINKS)),
    ]


_CONDITIONS = {
    Match.EXACT: "n.{key} = ${name}",
    Match.EXACT_ANY_CASE: "toLower(n.{key}) = toLower(${name})",
    Match.CONTAINS_ANY_CASE: "toLower(n.{key}) CONTAINS toLower(${name})",
}
_CASTS = {int: "toInteger", float: "toFloat", bool: "toBoolean", dt.date: "date"}


def _where(kind: NodeKind[Any]) -> str:
    conditions = [f"(${f.name} IS NULL OR {_condition(f)})" for f in filters_of(kind)]
    return _where_all(conditions, indent="")


def _indexed(prop: Property) -> bool:
    """Whether ``create_indexes`` gives ``prop`` a range index (sorted, or filtered exactly)."""
    return prop.sort is not None or (prop.filter is not None and prop.filter.match is Match.EXACT)


def _join(conditions: list[str]) -> list[str]:
    return [conditions[0], *(f"  AND {c}" for c in conditions[1:])]


def _condition(f: QueryFilter) -> str:
    if f.hop is not None:
        rel = f.hop.relationship
        other = f"(:{f.hop.far.label} {{id: ${f.name}}})"
        arrow = f"-[:{rel.type}]->" if f.hop.outgoing else f"<-[:{rel.type}]-"
        return f"EXISTS {{ (n){arrow}{other} }}"
    assert f.property is not None
    assert f.match is not None
    return _CONDITIONS[f.match].format(key=f.property.key, name=f.name)


def _typed(properties: tuple[Property, ...]) -> str:
    casts = [
        f"{p.key}: {_CASTS[p.type]}(row.{p.key})"
        for p in sorted(properties, key=lambda p: p.key)
        if p.type in _CASTS
    ]
    return "".join(f", {cast}" for cast in casts)


def _key_map(rel: RelationshipType, row: str, *, typed: bool = False) -> str:
    """`` {a: row.a, ...}`` for ``rel``'s key properties (typed as CSV cells need), or ``""``."""
    if not rel.key_properties:
        return ""
    types = {p.key: p.type for p in rel.properties}
    pairs = []
    for key in rel.key_properties:
        value = f"{row}.{key}"
        if typed and types.get(key) in _CASTS:
            value = f"{_CASTS[types[key]]}({value})"
        pairs.append(f"{key}: {value}")
    return f" {{{', '.join(pairs)}}}"


def _snake(label: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in label).lstrip("_")
