"""What every resolver of one request shares: the database, loaders, caller and counters."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from api.admission import Admission
from api.auth import Role
from api.errors import from_domain
from api.extensions.response_cache import ResponseStore
from api.loaders import Loaders
from graph.config import Settings
from graph.exceptions import DiikgError
from graph.projection import ProjectionCache
from graph.store.database import Database

if TYPE_CHECKING:
    from api.compiler import CompiledRead

__all__ = ["Context"]

P = ParamSpec("P")
T = TypeVar("T")


@dataclass
class Context:
    """One request's view of the API.

    ``run`` calls a ``graph`` function on a worker thread (the driver is blocking)
    with this request's counted database, and turns domain errors into API errors.
    """

    db: Database
    settings: Settings
    projections: ProjectionCache
    request_id: str
    role: Role | None = None
    responses: ResponseStore | None = None
    admission: Admission | None = None
    response: Any = None
    """The HTTP response's status and headers, as far as execution decides them."""
    cost: int = 0
    """The operation's cost (``api.cost``), once worked out."""
    compiled: CompiledRead | None = None
    """The compiled read that answered, if one did (``api.extensions.compiled_reads``)."""
    compiled_failed: bool = False
    """Whether a compiled read of this request already failed (Neo4j unreachable, say):
    the resolvers answer it, without trying the compiled read again."""

    @cached_property
    def loaders(self) -> Loaders:
        """This request's DataLoaders (created on first use)."""
        return Loaders(self.run)

    @property
    def tables(self) -> frozenset[str] | None:
        """The labels and relationship types the answer was read from, where known (a
        compiled read); ``None``: it may rest on anything."""
        return None if self.compiled is None else self.compiled.tables

    @property
    def queries_run(self) -> int:
        """How many Cypher queries this request has run so far."""
        return self.db.queries_run

    async def run(
        self, function: Callable[Concatenate[Database, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``function(db, *args, **kwargs)`` on a worker thread, with errors made client-ready."""
        try:
            return await asyncio.to_thread(function, self.db, *args, **kwargs)
        except DiikgError as exc:
            api_error = from_domain(exc)
            if api_error is None:
                raise
            raise api_error from exc
