"""A clock for tests: time moves only when told to.

A fake's task lifecycle and rate limit read time only through its clock, so a test moves
a task from queued to succeeded with ``clock.advance(30)`` instead of sleeping.
"""

from __future__ import annotations

import asyncio
import threading

from .._clock import block


class FakeClock:
    """Implements :class:`seedance._clock.Clock`; ``sleep`` advances instead of waiting.

    A client given the same clock as a fake finishes a 15-minute wait in milliseconds
    while following exactly the schedule it would follow in real time.
    """

    def __init__(self, start: float = 1_765_186_736.0) -> None:
        self._now = start

    def time(self) -> float:
        return self._now

    def monotonic(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError(f"cannot move a clock backwards (seconds={seconds})")
        self._now += seconds

    async def sleep(self, seconds: float) -> None:
        self.advance(max(seconds, 0.0))
        await asyncio.sleep(0)

    def sleep_sync(self, seconds: float, wake: threading.Event | None = None) -> None:
        """Advances instead of blocking (a sync client's waits, in fake time)."""
        self.advance(max(seconds, 0.0))


class LoopClock:
    """Wall time that follows the running event loop's clock.

    Real time under a normal loop; virtual time under a looptime loop, where a fake
    provider, its rate limits and the clients polling it all move together and a
    ten-minute batch runs in a second.
    """

    def __init__(self, start: float = 1_765_186_736.0) -> None:
        self._start = start
        self._origin: float | None = None

    def _loop_time(self) -> float:
        now = asyncio.get_running_loop().time()
        if self._origin is None:
            self._origin = now
        return now

    def time(self) -> float:
        now = self._loop_time()
        assert self._origin is not None
        return self._start + (now - self._origin)

    def monotonic(self) -> float:
        return self._loop_time()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(seconds, 0.0))

    def sleep_sync(self, seconds: float, wake: threading.Event | None = None) -> None:
        block(seconds, wake)
