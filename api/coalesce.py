"""Concurrent callers sharing one fresh read: each gets a result read after it asked."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

__all__ = ["Coalesced"]

T = TypeVar("T")


class Coalesced(Generic[T]):
    """Runs ``read`` for concurrent callers at most one at a time, never serving a stale result.

    A caller arriving while no read runs starts one. A caller arriving while a read
    runs cannot use it (it began before the caller asked), so it waits for the next
    read, which starts as soon as the running one ends and serves every caller that
    arrived meanwhile. Under load that is two reads in flight at most instead of one
    per caller; a lone caller waits for exactly one read. Errors reach every caller of
    the read that failed.

    Example
    -------
    ``version = Coalesced(read_version); await version()`` in each request.
    """

    def __init__(self, read: Callable[[], Awaitable[T]]) -> None:
        self._read = read
        self._running: asyncio.Future[T] | None = None
        self._next: asyncio.Future[T] | None = None

    async def __call__(self) -> T:
        if self._running is None:
            self._running = asyncio.ensure_future(self._run())
            return await asyncio.shield(self._running)
        if self._next is None:
            self._next = asyncio.get_running_loop().create_future()
        return await asyncio.shield(self._next)

    async def _run(self) -> T:
        try:
            return await self._read()
        finally:
            self._running = None
            waiting, self._next = self._next, None
            if waiting is not None:
                self._running = asyncio.ensure_future(self._run())
                self._running.add_done_callback(lambda done: _settle(waiting, done))


def _settle(target: asyncio.Future[T], done: asyncio.Future[T]) -> None:
    if done.cancelled():
        target.cancel()
    elif (error := done.exception()) is not None:
        target.set_exception(error)
    else:
        target.set_result(done.result())
