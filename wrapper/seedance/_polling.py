"""Waiting for tasks: a polling schedule, and one shared poller per client and provider.

Every ``wait()`` registers its task with the client's :class:`Poller`; one loop fetches
whatever is due (in batches where the provider can, as Ark's list with ``filter.task_ids``)
and wakes the waiters. A thousand concurrent waits cost one loop and the status requests
the schedule asks for, not a thousand loops. Every wait has a deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
from collections.abc import Awaitable, Callable, Sequence

from attrs import define, field

from ._clock import Clock
from ._errors import AuthenticationError, NotFoundError, SeedanceError, WaitTimeoutError
from ._models import Task

FetchOne = Callable[[str], Awaitable[Task]]
FetchMany = Callable[[Sequence[str]], Awaitable[list[Task]]]
Listener = Callable[[Task], None]


@define(frozen=True)
class PollSchedule:
    """How long to wait between status checks, by time since the wait began.

    The default follows the providers' advice (kie.ai: every 2-3 s for the first 30 s,
    5-10 s until 2 min, 15-30 s after), with jitter so many tasks don't poll in step.
    """

    steps: tuple[tuple[float, float], ...] = ((30.0, 2.5), (120.0, 7.5), (math.inf, 20.0))
    jitter: float = 0.2

    def interval(self, elapsed: float, rng: random.Random) -> float:
        base = next(every for until, every in self.steps if elapsed < until)
        return base * (1 + self.jitter * (2 * rng.random() - 1))


@define
class _Watch:
    task_id: str
    started: float
    due: float
    interval: float
    changed: asyncio.Condition = field(factory=asyncio.Condition)
    latest: Task | None = None
    error: SeedanceError | None = None
    waiters: int = 0
    polls: int = 0


class Poller:
    """Polls every watched task of one provider account from a single loop."""

    def __init__(
        self,
        *,
        fetch_one: FetchOne,
        fetch_many: FetchMany | None,
        batch_size: int,
        clock: Clock,
        schedule: PollSchedule | None = None,
        concurrency: int = 16,
        rng: random.Random | None = None,
    ) -> None:
        self._fetch_one = fetch_one
        self._fetch_many = fetch_many
        self._batch_size = max(1, batch_size)
        self._clock = clock
        self.schedule = schedule or PollSchedule()
        self._concurrency = concurrency
        self._rng = rng or random.Random()
        self._watches: dict[str, _Watch] = {}
        self._wake = asyncio.Event()
        self._loop_task: asyncio.Task[None] | None = None
        self.status_requests = 0
        """How many status requests the poller made (one per batch)."""

    async def wait(
        self,
        task_id: str,
        *,
        timeout: float,
        on_update: Listener | None = None,
        initial: Task | None = None,
        first_poll_in: float | None = None,
    ) -> Task:
        """Return the task once finished; raise :class:`WaitTimeoutError` at the deadline."""
        now = self._clock.monotonic()
        deadline = now + timeout
        watch = self._watches.get(task_id)
        if watch is None:
            delay = self.schedule.interval(0, self._rng) if first_poll_in is None else first_poll_in
            watch = _Watch(task_id, started=now, due=now + delay, interval=delay, latest=initial)
            self._watches[task_id] = watch
            self._wake.set()
        watch.waiters += 1
        self._ensure_running()
        seen: Task | None = None
        try:
            while True:
                if watch.error is not None:
                    raise watch.error
                latest = watch.latest
                if latest is not None and latest != seen:
                    seen = latest
                    if on_update is not None:
                        on_update(latest)
                    if latest.finished:
                        return latest
                remaining = deadline - self._clock.monotonic()
                if remaining <= 0:
                    raise WaitTimeoutError(
                        task_id, timeout, provider=latest.provider if latest else "?", last=latest
                    )
                async with watch.changed:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(watch.changed.wait(), timeout=remaining)
        finally:
            watch.waiters -= 1
            if watch.waiters == 0 and self._watches.get(task_id) is watch:
                del self._watches[task_id]

    def notify(self, task: Task) -> None:
        """A task state learned elsewhere (a callback confirmation): wake its waiters now."""
        watch = self._watches.get(task.id)
        if watch is not None:
            asyncio.get_running_loop().create_task(self._publish(watch, task, None))

    def poll_soon(self, task_id: str) -> None:
        """Check this task at the next turn of the loop (e.g. a callback said it changed)."""
        watch = self._watches.get(task_id)
        if watch is not None:
            watch.due = self._clock.monotonic()
            self._wake.set()

    # ------------------------------------------------------------------ the loop

    def _ensure_running(self) -> None:
        if self._loop_task is None or self._loop_task.done():
            self._loop_task = asyncio.get_running_loop().create_task(self._run())

    async def close(self) -> None:
        if self._loop_task is not None:
            self._loop_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop_task

    async def _run(self) -> None:
        # Where one request fetches many tasks, a watch may be polled up to half its
        # interval early: its neighbours' rounds pick it up, so the tasks of a client fall
        # into shared rounds instead of each keeping its own (jittered) phase.
        early = 0.5 if self._fetch_many is not None else 0.0
        while self._watches:
            now = self._clock.monotonic()
            next_due = min(w.due for w in self._watches.values())
            if next_due > now:
                # at least 1 ms: a float-rounding sleep must not spin (virtual clocks)
                await self._sleep_or_wake(max(next_due - now, 0.001))
                continue
            due = [w for w in self._watches.values() if w.due - early * w.interval <= now]
            for watch in due:  # not due again until this round's answer is in
                watch.due = math.inf
            await self._poll(due)

    async def _sleep_or_wake(self, seconds: float) -> None:
        self._wake.clear()
        sleeper = asyncio.ensure_future(self._clock.sleep(seconds))
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for future in (sleeper, waker):
                future.cancel()

    async def _poll(self, due: list[_Watch]) -> None:
        if self._fetch_many is not None and len(due) > 1:
            batches = [due[i : i + self._batch_size] for i in range(0, len(due), self._batch_size)]
            await self._bounded(self._poll_batch(batch) for batch in batches)
        else:
            await self._bounded(self._poll_one(watch) for watch in due)

    async def _bounded(self, jobs: object) -> None:
        semaphore = asyncio.Semaphore(self._concurrency)

        async def run(job: Awaitable[None]) -> None:
            async with semaphore:
                await job

        await asyncio.gather(*(run(job) for job in jobs))  # type: ignore[attr-defined]

    async def _poll_one(self, watch: _Watch) -> None:
        self.status_requests += 1
        try:
            task = await self._fetch_one(watch.task_id)
        except SeedanceError as exc:
            await self._publish(watch, None, exc)
            return
        await self._publish(watch, task, None)

    async def _poll_batch(self, batch: list[_Watch]) -> None:
        assert self._fetch_many is not None
        self.status_requests += 1
        try:
            tasks = {t.id: t for t in await self._fetch_many([w.task_id for w in batch])}
        except SeedanceError as exc:
            for watch in batch:
                await self._publish(watch, None, exc)
            return
        for watch in batch:
            found = tasks.get(watch.task_id)
            if found is None:  # not in the list answer: ask for it alone
                await self._poll_one(watch)
            else:
                await self._publish(watch, found, None)

    async def _publish(self, watch: _Watch, task: Task | None, error: SeedanceError | None) -> None:
        now = self._clock.monotonic()
        watch.polls += 1
        if task is not None:
            watch.latest = task
        elif isinstance(error, (AuthenticationError, NotFoundError)):
            watch.error = error  # final: polling again cannot help
        # other errors (transport, 5xx after retries): keep polling on the schedule
        watch.interval = self.schedule.interval(now - watch.started, self._rng)
        watch.due = now + watch.interval
        async with watch.changed:
            watch.changed.notify_all()
