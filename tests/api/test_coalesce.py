"""Concurrent callers share reads, and never get one that began before they asked."""

from __future__ import annotations

import asyncio

import pytest

from api.coalesce import Coalesced


class _Counter:
    """A read that takes a while and returns how many reads have started so far."""

    def __init__(self, fail_on: int | None = None) -> None:
        self.started = 0
        self.fail_on = fail_on

    async def read(self) -> int:
        self.started += 1
        number = self.started
        await asyncio.sleep(0.01)
        if number == self.fail_on:
            raise RuntimeError(f"read {number} failed")
        return number


def test_a_lone_caller_gets_its_own_read() -> None:
    counter = _Counter()
    shared = Coalesced(counter.read)

    async def main() -> list[int]:
        return [await shared(), await shared(), await shared()]

    assert asyncio.run(main()) == [1, 2, 3]


def test_callers_arriving_during_a_read_share_the_next_one() -> None:
    counter = _Counter()
    shared = Coalesced(counter.read)

    async def main() -> list[int]:
        first = asyncio.ensure_future(shared())
        await asyncio.sleep(0)  # read 1 is now running
        later = [asyncio.ensure_future(shared()) for _ in range(20)]
        return [await first, *[await task for task in later]]

    # Read 1 started before the twenty arrived, so they all wait for read 2, and share it.
    assert asyncio.run(main()) == [1] + [2] * 20
    assert counter.started == 2


def test_a_failed_read_fails_its_callers_only() -> None:
    counter = _Counter(fail_on=2)
    shared = Coalesced(counter.read)

    async def main() -> tuple[int, list[BaseException | int], int]:
        first = asyncio.ensure_future(shared())
        await asyncio.sleep(0)
        waiting = [asyncio.ensure_future(shared()) for _ in range(3)]
        done = await asyncio.gather(*waiting, return_exceptions=True)
        return await first, done, await shared()

    first, waiting, after = asyncio.run(main())
    assert first == 1
    assert all(isinstance(e, RuntimeError) and "read 2 failed" in str(e) for e in waiting)
    assert after == 3


@pytest.mark.parametrize("callers", [1, 2, 50])
def test_every_caller_gets_a_read_that_started_after_it_asked(callers: int) -> None:
    counter = _Counter()
    shared = Coalesced(counter.read)

    async def one() -> bool:
        asked = counter.started
        got = await shared()
        return got > asked

    async def main() -> list[bool]:
        tasks = []
        for _ in range(callers):
            tasks.append(asyncio.ensure_future(one()))
            await asyncio.sleep(0.003)
        return list(await asyncio.gather(*tasks))

    assert all(asyncio.run(main()))
