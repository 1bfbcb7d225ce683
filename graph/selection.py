"""What one compiled read selects: root records, their properties, and the hops to follow.

A selection is the model-level plan of a GraphQL read (``api.compiler`` makes it);
``graph.store.statements.compiled_read`` turns it into one Cypher statement that
returns only what is selected, and ``graph.reads.compiled`` runs it.

Example
-------
>>> from graph.model.kinds import FORCES
>>> kent = Root("r0", NodeSelection(FORCES, ("id", "name")), by_id="kent")
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.model.kinds import Hop, NodeKind, SortOption, filters_of

__all__ = ["Latest", "Link", "NodeSelection", "Page", "Reference", "Root", "tables"]


@dataclass(frozen=True)
class NodeSelection:
    """The properties (graph keys) of ``kind``'s nodes to return, and what to follow from them."""

    kind: NodeKind[Any]
    properties: tuple[str, ...]
    links: tuple[Link, ...] = ()
    references: tuple[Reference, ...] = ()
    latest: tuple[Latest, ...] = ()


@dataclass(frozen=True)
class Link:
    """The nodes one ``hop`` away, in name order, as ``[node, relationship]`` pairs.

    As ``graph.reads.neighbours`` gives them: every relationship where the type's
    reads give every one (history newest first), else each node once with an empty
    relationship. ``relationship`` lists the relationship's properties to return.
    """

    slot: str
    hop: Hop
    relationship: tuple[str, ...]
    target: NodeSelection
    cited: tuple[Reference, ...] = ()
    """Nodes whose ids the relationships hold (a holding's source), under each relationship."""


@dataclass(frozen=True)
class Reference:
    """The node of ``target.kind`` whose id the property ``key`` holds (a list of 0 or 1)."""

    slot: str
    key: str
    target: NodeSelection


@dataclass(frozen=True)
class Latest:
    """Per node one ``hop`` away, the newest relationship's ``relationship`` properties only.

    The read gives ``[node id, *properties]`` for every relationship, by node and newest
    first; :meth:`newest` keeps the first of each node.
    """

    slot: str
    hop: Hop
    relationship: tuple[str, ...]

    def newest(self, rows: list[list[Any]]) -> list[list[Any]]:
        """The newest relationship's properties per node (in ``relationship``'s order)."""
        found = []
        last = None
        for node_id, *values in rows:
            if node_id != last:
                last = node_id
                found.append(values)
        return found


@dataclass(frozen=True)
class Page:
    """One keyset page of a root list, as ``graph.reads.page`` reads it, and maybe its total."""

    filters: dict[str, Any]
    sort: SortOption
    after: tuple[Any, str] | None
    size: int
    backward: bool
    total: bool


@dataclass(frozen=True)
class Root:
    """One root field's read: a node by id, or a page of a kind."""

    slot: str
    node: NodeSelection
    by_id: str | None = None
    page: Page | None = None


def tables(roots: tuple[Root, ...]) -> frozenset[str]:
    """The labels and relationship types a read of ``roots`` reads from, its pages' filters
    included."""
    found: set[str] = set()

    def visit(selection: NodeSelection) -> None:
        found.add(selection.kind.label)
        for link in selection.links:
            found.add(link.hop.relationship.type)
            visit(link.target)
            for reference in link.cited:
                visit(reference.target)
        for reference in selection.references:
            visit(reference.target)
        for latest in selection.latest:
            found.update((latest.hop.relationship.type, latest.hop.far.label))

    for root in roots:
        visit(root.node)
        if root.page is not None:
            found.update(
                f.hop.relationship.type
                for f in filters_of(root.node.kind)
                if f.hop is not None and f.name in root.page.filters
            )
    return frozenset(found)
