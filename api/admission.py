"""Who may execute now: a few requests per client, a bound in total, and a heavy lane.

Cheap queries (a cost up to ``DIIKG_HEAVY_COST``) run as soon as they arrive, so
``/healthz`` and small lookups stay fast however busy the server is. Costlier ones
take a turn in the heavy lane (``DIIKG_HEAVY_CONCURRENCY`` at a time) and wait for
it at most ``DIIKG_HEAVY_WAIT`` seconds. A client with too many requests in flight,
a worker at its total, or a heavy query that waited too long is refused with
:class:`RateLimited`, which says when to try again.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections import Counter
from collections.abc import AsyncIterator

from graph.config import Settings

__all__ = ["Admission", "RateLimited"]

_SMOOTHING = 0.2
"""Weight of the newest heavy run in the running mean of heavy run times."""


class RateLimited(Exception):
    """A request refused for now; ``retry_after`` is how many seconds to wait."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Admission:
    """The limits of one API worker on what runs at once (see the module docstring)."""

    def __init__(
        self,
        *,
        per_client: int,
        total: int,
        heavy_cost: int,
        heavy_slots: int,
        heavy_wait: float,
    ) -> None:
        self.per_client = per_client
        self.total = total
        self.heavy_cost = heavy_cost
        self.heavy_slots = heavy_slots
        self.heavy_wait = heavy_wait
        self._in_flight: Counter[str] = Counter()
        self._lane = asyncio.Semaphore(heavy_slots)
        self._waiting = 0
        self._heavy_seconds = 1.0

    @classmethod
    def from_settings(cls, settings: Settings) -> Admission:
        """The limits ``settings`` configure."""
        return cls(
            per_client=settings.client_concurrency,
            total=settings.max_concurrency,
            heavy_cost=settings.heavy_cost,
            heavy_slots=settings.heavy_concurrency,
            heavy_wait=settings.heavy_wait,
        )

    @property
    def in_flight(self) -> int:
        """How many requests hold a place now."""
        return sum(self._in_flight.values())

    @contextlib.asynccontextmanager
    async def request(self, client: str) -> AsyncIterator[None]:
        """Hold a place for one request of ``client`` while it runs.

        Raises
        ------
        RateLimited
            ``client`` already has ``per_client`` requests in flight, or the worker
            has ``total``.
        """
        if self._in_flight[client] >= self.per_client:
            raise RateLimited(
                f"this client already has {self.per_client} requests in flight; "
                "wait for one to finish",
                retry_after=1,
            )
        if self.in_flight >= self.total:
            raise RateLimited(
                f"the server is answering {self.total} requests; try again shortly",
                retry_after=1,
            )
        self._in_flight[client] += 1
        try:
            yield
        finally:
            self._in_flight[client] -= 1
            if not self._in_flight[client]:
                del self._in_flight[client]

    @contextlib.asynccontextmanager
    async def lane(self, cost: int) -> AsyncIterator[None]:
        """Run a query of ``cost``: at once if cheap, else when the heavy lane has room.

        Raises
        ------
        RateLimited
            The query is heavy and no turn came within ``heavy_wait`` seconds.
        """
        if cost <= self.heavy_cost:
            yield
            return
        self._waiting += 1
        try:
            async with asyncio.timeout(self.heavy_wait):
                await self._lane.acquire()
        except TimeoutError:
            raise RateLimited(
                f"the query costs {cost:,}, and the {self.heavy_slots} places for queries "
                f"costing over {self.heavy_cost:,} stayed busy for {self.heavy_wait:g} s; "
                "try again later or ask for less",
                retry_after=self._retry_after(),
            ) from None
        finally:
            self._waiting -= 1
        started = time.monotonic()
        try:
            yield
        finally:
            self._lane.release()
            took = time.monotonic() - started
            self._heavy_seconds += _SMOOTHING * (took - self._heavy_seconds)

    def _retry_after(self) -> int:
        """Seconds until the queries waiting now have likely had their turn."""
        turns = (self._waiting + 1) / self.heavy_slots
        return max(1, math.ceil(turns * self._heavy_seconds))
