"""A coarse watchdog for the async twin's calls: one task per client wakes every second
and cancels a call past its deadline (a response whose headers trickle in a byte at a
time, which no httpx timeout ends; the body is bounded by ``_call``'s hooks). A timer per
call would cost more than the rest of the call's bookkeeping."""

from __future__ import annotations

import asyncio
import time
from typing import Any

TICK = 1.0
"""Seconds between two looks: a call overruns its deadline by at most this."""


class Watchdog:
    """Calls in flight (one per task: a task's calls run one after another) and their
    deadlines (``time.monotonic()``)."""

    def __init__(self) -> None:
        self._calls: dict[asyncio.Task[Any], float] = {}
        self._expired: set[asyncio.Task[Any]] = set()
        self._runner: asyncio.Task[None] | None = None

    def watch(self, ends: float) -> asyncio.Task[Any] | None:
        """Watch the current task's call until :meth:`release`."""
        task = asyncio.current_task()
        if task is None:
            return None
        self._calls[task] = ends
        runner = self._runner
        if runner is None or runner.done() or runner.get_loop() is not task.get_loop():
            self._runner = task.get_loop().create_task(self._run(), name="seedance-watchdog")
        return task

    def release(self, task: asyncio.Task[Any]) -> bool:
        """Stop watching ``task``'s call; True when the watchdog cancelled it (then the
        cancel is withdrawn: the caller raises a timeout instead)."""
        self._calls.pop(task, None)
        if task not in self._expired:
            return False
        self._expired.discard(task)
        task.uncancel()
        return True

    async def _run(self) -> None:
        while self._calls:
            await asyncio.sleep(TICK)
            now = time.monotonic()
            for task, ends in list(self._calls.items()):
                if now > ends and task not in self._expired:
                    self._expired.add(task)
                    task.cancel("the call's deadline passed")

    def close(self) -> None:
        if self._runner is not None:
            self._runner.cancel()
