"""Per-request DataLoaders: every record or neighbour list a request needs, one query per level."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from strawberry.dataloader import DataLoader

from graph import reads
from graph.model import NODES, Hop, NodeKind

__all__ = ["Loaders", "Runner"]

Row = dict[str, Any]
Runner = Callable[..., Awaitable[Any]]
"""Runs ``function(db, *args)`` for the request (``Context.run``) and awaits the result."""


class Loaders:
    """DataLoaders by node kind (records by id) and by hop (neighbours of ids).

    Example
    -------
    ``await ctx.loaders.link(ASSESSMENTS.outgoing).load("kent")`` gives Kent's
    assessed capabilities; every ``load`` made in the same tick shares one query.
    """

    def __init__(self, run: Runner) -> None:
        self._run = run
        self.nodes: dict[NodeKind[Any], DataLoader[str, Row | None]] = {
            kind: DataLoader(load_fn=partial(self._load_nodes, kind)) for kind in NODES
        }
        self.holding_levels: DataLoader[str, list[tuple[Row, Row]]] = DataLoader(
            load_fn=partial(self._load_pairs, reads.holding_levels)
        )
        self._links: dict[Hop, DataLoader[str, list[tuple[Row, Row]]]] = {}

    def link(self, hop: Hop) -> DataLoader[str, list[tuple[Row, Row]]]:
        """The loader of the nodes one ``hop`` away from the ids loaded."""
        loader = self._links.get(hop)
        if loader is None:
            loader = self._links[hop] = DataLoader(
                load_fn=partial(self._load_pairs, partial(reads.neighbours, hop=hop))
            )
        return loader

    async def _load_nodes(self, kind: NodeKind[Any], ids: list[str]) -> list[Row | None]:
        found: dict[str, Row] = await self._run(reads.nodes_by_id, kind, list(ids))
        return [found.get(node_id) for node_id in ids]

    async def _load_pairs(
        self, read: Callable[..., dict[str, list[tuple[Row, Row]]]], ids: list[str]
    ) -> list[list[tuple[Row, Row]]]:
        found = await self._run(read, ids=list(ids))
        return [found.get(node_id, []) for node_id in ids]
