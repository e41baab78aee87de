"""Time, behind one small interface so tests can replace it.

Every wait in seedance reads deadlines from ``monotonic()`` and waits with ``sleep()``;
the fake providers stamp tasks with ``time()``. ``seedance.testing.FakeClock`` implements
the same three methods with time that moves only when told to.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Protocol


class Clock(Protocol):
    """Wall-clock seconds for timestamps, monotonic seconds for deadlines, and a sleep."""

    def time(self) -> float: ...

    def monotonic(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...

    def sleep_sync(self, seconds: float, wake: threading.Event | None = None) -> None:
        """Block for ``seconds``, or until ``wake`` is set (the sync client's waits)."""
        ...


class SystemClock:
    """Real time. Inside an event loop, deadlines follow the loop's own clock (the one
    ``asyncio.sleep`` uses), so a loop with virtual time (looptime) drives them too."""

    def time(self) -> float:
        return time.time()

    def monotonic(self) -> float:
        try:
            return asyncio.get_running_loop().time()
        except RuntimeError:
            return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(seconds, 0.0))

    def sleep_sync(self, seconds: float, wake: threading.Event | None = None) -> None:
        block(seconds, wake)


def block(seconds: float, wake: threading.Event | None = None) -> None:
    """Block the thread for ``seconds`` of real time, or until ``wake`` is set."""
    if wake is not None:
        wake.wait(max(seconds, 0.0))
    else:
        time.sleep(max(seconds, 0.0))
