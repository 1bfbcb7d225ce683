"""Per-request DataLoaders: every record or neighbour list a request needs, one query per level."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from strawberry.dataloader import DataLoader

from graph import reads

if TYPE_CHECKING:
    from api.context import Context

__all__ = ["Loaders"]

Row = dict[str, Any]


class Loaders:
    """DataLoaders by kind (records by id) and by link (neighbours of ids).

    Example
    -------
    ``await ctx.loaders.links["force_capabilities"].load("kent")`` gives Kent's
    assessed capabilities; every ``load`` made in the same tick shares one query.
    """

    def __init__(self, context: Context) -> None:
        self._context = context
        self.nodes: dict[str, DataLoader[str, Row | None]] = {
            kind: DataLoader(load_fn=partial(self._load_nodes, kind))
            for kind in reads.BY_ID_QUERIES
        }
        self.links: dict[str, DataLoader[str, list[tuple[Row, Row]]]] = {
            link: DataLoader(load_fn=partial(self._load_links, link)) for link in reads.LINK_QUERIES
        }

    async def _load_nodes(self, kind: str, ids: list[str]) -> list[Row | None]:
        found = await self._context.run(reads.nodes_by_id, kind, list(ids))
        return [found.get(node_id) for node_id in ids]

    async def _load_links(self, link: str, ids: list[str]) -> list[list[tuple[Row, Row]]]:
        found = await self._context.run(reads.neighbours, link, list(ids))
        return [found.get(node_id, []) for node_id in ids]
