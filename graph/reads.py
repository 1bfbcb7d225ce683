"""The reads the API makes: pages of one kind, records by id, and neighbours, all batched.

Each function runs exactly one named Cypher query, whatever the number of ids given,
which is what keeps a GraphQL request's query count bounded by its depth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from graph.database import Database

__all__ = [
    "BY_ID_QUERIES",
    "ENTITY_QUERIES",
    "LINK_QUERIES",
    "Page",
    "count",
    "graph_version",
    "neighbours",
    "nodes_by_id",
    "page",
    "region_summaries",
    "search",
]

ENTITY_QUERIES = ("forces", "capabilities", "suppliers", "crime_types", "pilots")
"""The kinds with ``read/page_<kind>`` and ``read/count_<kind>``."""

BY_ID_QUERIES = (*ENTITY_QUERIES, "sources", "metrics")
"""The kinds with ``read/<kind>_by_id``."""

LINK_QUERIES = (
    "force_capabilities",
    "force_pilots",
    "force_suppliers",
    "capability_holdings",
    "capability_holding_levels",
    "capability_depends_on",
    "capability_dependents",
    "capability_suppliers",
    "capability_crime_types",
    "capability_pilots",
    "supplier_offers",
    "supplier_pilots",
    "supplier_forces",
    "crime_type_capabilities",
    "crime_type_pilots",
    "pilot_forces",
    "pilot_capabilities",
    "pilot_suppliers",
    "pilot_crime_types",
    "pilot_benefits",
)
"""Neighbour queries ``read/<name>``: for each id, the nodes one relationship away."""

Row = dict[str, Any]
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


@dataclass(frozen=True)
class Page:
    """Rows of one page in order, each with its sort key, and whether more follow."""

    rows: list[tuple[Row, Any]]
    has_next: bool


def page(
    db: Database,
    kind: str,
    *,
    filters: dict[str, Any],
    sort: str,
    null_key: Any,
    descending: bool,
    after: tuple[Any, str] | None,
    first: int,
) -> Page:
    """Up to ``first`` records of ``kind`` matching ``filters``, after the row ``after``.

    Rows are ordered by the property ``sort`` (``null_key`` standing in for a missing
    value), then by id, so that a page boundary ``(key, id)`` is stable.
    """
    _check_kind(kind)
    [found] = db.read(
        f"read/page_{kind}",
        **filters,
        sort=sort,
        nullKey=null_key,
        descending=descending,
        after=None if after is None else {"key": after[0], "id": after[1]},
        limit=first + 1,
    )
    rows = found["rows"]
    return Page(rows=[(node, key) for node, key in rows[:first]], has_next=len(rows) > first)


def count(db: Database, kind: str, filters: dict[str, Any]) -> int:
    """How many records of ``kind`` match ``filters``."""
    _check_kind(kind)
    return int(db.read(f"read/count_{kind}", **filters)[0]["total"])


def nodes_by_id(db: Database, kind: str, ids: list[str]) -> dict[str, Row]:
    """The properties of each record of ``kind`` whose id is in ``ids``; unknown ids are absent."""
    if kind not in BY_ID_QUERIES:
        raise ValueError(f"unknown kind {kind!r}")
    [found] = db.read(f"read/{kind}_by_id", ids=ids)
    return dict(found["rows"])


def neighbours(db: Database, link: str, ids: list[str]) -> dict[str, list[tuple[Row, Row]]]:
    """For each id, the ``(node, relationship)`` property pairs that the link query returns."""
    if link not in LINK_QUERIES:
        raise ValueError(f"unknown link query {link!r}")
    return {
        row["key"]: [(node, rel) for node, rel in row["pairs"]]
        for row in db.read(f"read/{link}", ids=ids)
    }


def graph_version(db: Database) -> int:
    """The graph's write counter: every load and edit raises it (0 before the first)."""
    return int(db.read("read/graph_version")[0]["version"])


def region_summaries(db: Database) -> list[Row]:
    """Per region: forces, territorial forces, assessments, mean maturity and gaps."""
    return db.read("read/region_summaries")


def search(db: Database, text: str, limit: int) -> list[tuple[str, Row, float]]:
    """``(label, properties, score)`` of records whose text matches the words of ``text``.

    Every word must match, whole or as a prefix. Lucene's operators in ``text`` are
    escaped (and words lower-cased, so ``AND`` is a word), so any input is searched
    as plain words.
    """
    words = [_LUCENE_SPECIAL.sub(r"\\\1", word.lower()) for word in text.split()]
    if not words:
        return []
    lucene = " AND ".join(f"({word} OR {word}*)" for word in words)
    rows = db.read("read/search_nodes", text=lucene, limit=limit)
    return [(row["label"], row["node"], float(row["score"])) for row in rows]


def _check_kind(kind: str) -> None:
    if kind not in ENTITY_QUERIES:
        raise ValueError(f"unknown kind {kind!r}")
