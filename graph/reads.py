"""The reads the API makes: pages of one kind, records by id, and neighbours, all batched.

Each function runs exactly one Cypher statement, whatever the number of ids given,
which is what keeps a GraphQL request's query count bounded by its depth. Pages,
counts, lookups by id and neighbours are generated from the schema model
(``graph.store.statements``); the rest are named files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from graph.model import Hop, NodeKind, SortOption, filters_of
from graph.selection import Root
from graph.store import statements
from graph.store.database import Database

__all__ = [
    "Page",
    "compiled",
    "count",
    "graph_version",
    "holding_levels",
    "neighbours",
    "nodes_by_id",
    "page",
    "region_summaries",
    "search",
]

Row = dict[str, Any]
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


@dataclass(frozen=True)
class Page:
    """Rows of one page in order, each with its sort key, and whether more lie beyond it."""

    rows: list[tuple[Row, Any]]
    has_more: bool


def page(
    db: Database,
    kind: NodeKind[Any],
    *,
    filters: dict[str, Any],
    sort: SortOption,
    after: tuple[Any, str] | None,
    first: int,
    backward: bool = False,
) -> Page:
    """Up to ``first`` records of ``kind`` matching ``filters``, next to the row ``after``.

    ``filters`` are by the names ``graph.model.filters_of`` gives (absent means not
    used). Rows are ordered by ``sort`` (its stand-in for a missing value taking the
    place of one), then by id, so that a page boundary ``(key, id)`` is stable. Read
    ``backward``, the page holds the rows just before ``after`` (or the last rows),
    still in sort order. ``has_more`` says whether more rows lie beyond the page in
    the direction read.
    """
    [found] = db.read(
        statements.page(kind),
        **_page_parameters(kind, filters, sort, after, first, backward),
    )
    return _page_of(found["rows"], first, backward)


def _page_of(rows: list[Any], size: int, backward: bool) -> Page:
    """A page from up to ``size + 1`` ``[node, key]`` rows read in the direction of reading."""
    kept = [(node, key) for node, key in rows[:size]]
    return Page(rows=kept[::-1] if backward else kept, has_more=len(rows) > size)


def _page_parameters(
    kind: NodeKind[Any],
    filters: dict[str, Any],
    sort: SortOption,
    after: tuple[Any, str] | None,
    first: int,
    backward: bool,
) -> dict[str, Any]:
    """The parameters of a page statement (``fragments/page_tail`` and the kind's filters)."""
    return {
        **_filter_params(kind, filters),
        "sort": sort.key,
        "nullKey": sort.missing,
        "descending": sort.descending != backward,
        "idDescending": backward,
        "after": None if after is None else {"key": after[0], "id": after[1]},
        "limit": first + 1,
    }


async def compiled(db: Database, roots: tuple[Root, ...]) -> dict[str, Any]:
    """What ``roots`` select, in one read (``statements.compiled_read``), by column.

    Read on the event loop (:meth:`Database.read_async`): the API's fastest path.

    A by-id root gives its node's map or ``None``; a page root a :class:`Page` of maps
    (read ``backward``: still in sort order), and ``<slot>_total`` when asked for.
    Temporal values are left as Neo4j gives them (``graph.store.database.native``
    converts one).
    """
    parameters: dict[str, Any] = {}
    for root in roots:
        page = root.page
        parameters[root.slot] = (
            {"id": root.by_id}
            if page is None
            else _page_parameters(
                root.node.kind, page.filters, page.sort, page.after, page.size, page.backward
            )
        )
    [found] = await db.read_async(statements.compiled_read(roots), **parameters)
    answers: dict[str, Any] = dict(found)
    for root in roots:
        if root.page is not None:
            answers[root.slot] = _page_of(found[root.slot], root.page.size, root.page.backward)
    return answers


def count(db: Database, kind: NodeKind[Any], filters: dict[str, Any]) -> int:
    """How many records of ``kind`` match ``filters``."""
    return int(db.read(statements.count_page(kind), **_filter_params(kind, filters))[0]["total"])


def nodes_by_id(db: Database, kind: NodeKind[Any], ids: list[str]) -> dict[str, Row]:
    """The properties of each record of ``kind`` whose id is in ``ids``; unknown ids are absent."""
    [found] = db.read(statements.nodes_by_id(kind), ids=ids)
    return dict(found["rows"])


def neighbours(db: Database, hop: Hop, ids: list[str]) -> dict[str, list[tuple[Row, Row]]]:
    """For each id, the ``(node, relationship)`` property pairs one ``hop`` away."""
    return {
        row["key"]: [(node, rel) for node, rel in row["pairs"]]
        for row in db.read(statements.neighbours(hop), ids=ids)
    }


def holding_levels(db: Database, ids: list[str]) -> dict[str, list[tuple[Row, Row]]]:
    """For each capability id, each force's latest maturity and target on it (nothing else)."""
    return {
        row["key"]: [(node, rel) for node, rel in row["pairs"]]
        for row in db.read("read/capability_holding_levels", ids=ids)
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


def _filter_params(kind: NodeKind[Any], given: dict[str, Any]) -> dict[str, Any]:
    """A value (or ``None``) for every filter parameter of ``kind``'s statements.

    Raises
    ------
    KeyError
        ``given`` names a filter ``kind`` does not have.
    """
    names = {f.name for f in filters_of(kind)}
    unknown = set(given) - names
    if unknown:
        raise KeyError(f"{kind.label} has no filter {sorted(unknown)[0]!r}")
    return {name: given.get(name) for name in names}
