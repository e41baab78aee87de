"""Waiting for tasks: when to poll (an I/O-free planner), and one shared poller per client.

Every ``wait()`` registers its task with the client's :class:`Poller`; one loop takes the
next-due task from a heap (O(log n) per poll, no scan of all watches), fetches it (in
batches where the provider can, as Ark's list with ``filter.task_ids``) and wakes the
waiters. A thousand concurrent waits cost one loop and the status requests the plan asks
for, not a thousand loops. Every wait has a deadline.

When to poll is decided by :class:`PollPlanner` from what is known of a task: time since
it began, its expected duration, the progress the provider reports, and the read budget
(the provider's status rate limit shared by every watched task). While the budget is not
the bottleneck it follows :class:`PollSchedule`; when it is, it spends the polls near each
task's expected finish. The planner does no I/O, so a blocking wait loop uses it too::

    state = PollState(started=clock.monotonic(), expected=expected_seconds)
    deadline = state.started + timeout
    while not (task := get(task_id)).finished:
        now = clock.monotonic()
        if now >= deadline:
            raise WaitTimeoutError(task_id, timeout, provider=task.provider, last=task)
        planner.observe(state, now, task)
        time.sleep(min(planner.next_delay(state, now, watched=waits), deadline - now))

(``waits``: how many waits share the account's read budget, e.g. across threads.)
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import math
import random
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from attrs import define, field

from ._clock import Clock
from ._errors import AuthenticationError, NotFoundError, SeedanceError, WaitTimeoutError
from ._models import Task, TaskStatus

FetchOne = Callable[[str], Awaitable[Task]]
FetchMany = Callable[[Sequence[str]], Awaitable[list[Task]]]
Listener = Callable[[Task], None]
Expected = Callable[[Task | None], float | None]
"""Seconds a task takes from creation to finish, if known (e.g. by model and duration)."""

# TODO(specs): an `x-seedance-expected-seconds` per model (and per second of video) in
# specs/ would let the client pass a spec-driven ``expected``; until then the poller
# learns each model's duration from the tasks it saw finish (see _Durations).


class RateLimitLike(Protocol):
    """A documented limit: ``requests`` per ``per_seconds`` (``providers.base.RateLimit``)."""

    @property
    def requests(self) -> int: ...

    @property
    def per_seconds(self) -> float: ...


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
class PollState:
    """What is known of one task, for planning its polls (monotonic seconds)."""

    started: float
    """When the task was created (or, not knowing, when the wait began)."""
    expected: float | None = None
    """Seconds from creation to finish given by the caller (model and duration)."""
    prior: float | None = None
    """Seconds from creation to finish learned from similar tasks (less trusted)."""
    interval: float = 0.0
    """The delay last planned."""
    overdue: int = 0
    """Polls after the estimated finish that did not see the task finished."""
    first: tuple[float, int] | None = None
    """(time, progress) of the first answer reporting progress while running."""
    last: tuple[float, int] | None = None
    """(time, progress) of the latest such answer."""

    def finish_estimate(self) -> tuple[float | None, bool]:
        """(monotonic time the task should finish, whether measured from its progress)."""
        first, last = self.first, self.last
        if first is not None and last is not None and last[1] > first[1] and last[0] > first[0]:
            rate = (last[1] - first[1]) / (last[0] - first[0])
            return last[0] + (100 - last[1]) / rate, True
        expected = self.expected if self.expected is not None else self.prior
        if expected is None:
            return None, False
        return self.started + expected, False


@define
class PollPlanner:
    """Decides when a task is next worth a status request; performs no I/O.

    ``read_rate`` is how many task polls per second the account allows (the status rate
    limit, times the batch size where one request polls many); None means unlimited.
    While the schedule's demand fits the budget (``watched / interval <= budget``) the
    schedule rules, plus one poll at an expected finish the caller gave. Past the budget,
    a task with an estimate is polled at checkpoints and just after its expected finish
    (then at doubling intervals if late); a task without one is spaced to its fair share.
    """

    schedule: PollSchedule = field(factory=PollSchedule)
    read_rate: float | None = None
    utilisation: float = 0.9
    """Share of the read budget the plan may spend (the rest absorbs other reads)."""
    margin: float = 0.5
    """Seconds after the estimated finish at which to look."""
    rng: random.Random = field(factory=random.Random, repr=False)

    def fair_share(self, watched: int) -> float:
        """Seconds between polls if every watched task got the same share of the budget."""
        if not self.read_rate:
            return 0.0
        return watched / (self.read_rate * self.utilisation)

    def observe(self, state: PollState, now: float, task: Task) -> None:
        """Learn from an answer: the progress it reports while running."""
        progress = task.progress
        if task.status is not TaskStatus.RUNNING or progress is None or not 0 < progress < 100:
            return
        if state.first is None:
            state.first = (now, progress)
        elif state.last is not None and progress > state.last[1]:
            state.overdue = 0  # it moves: a new estimate follows
        state.last = (now, progress)

    def next_delay(self, state: PollState, now: float, *, watched: int) -> float:
        """Seconds from ``now`` until the next status request for this task."""
        base = self.schedule.interval(now - state.started, self.rng)
        fair = self.fair_share(watched)
        if fair <= base:  # the budget is not the bottleneck: the schedule rules
            if state.expected is not None:
                until = state.started + state.expected + self.margin - now
                if until > 0:
                    return min(base, until)
            return base
        finish, measured = state.finish_estimate()
        if finish is None:
            return max(base, fair)
        remaining = finish - now
        if remaining <= 0:  # late: look again soon, then less often
            state.overdue += 1
            return min(2.0 ** (state.overdue - 1), max(base, fair))
        total = max(finish - state.started, 1.0)
        if not measured and remaining > max(5.0, 0.15 * total):
            # a checkpoint: its answer (progress, state) sharpens the estimate
            return remaining * (0.7 + 0.1 * self.rng.random())
        return remaining + self.margin


class _Durations:
    """How long this poller's tasks took, per model: the prior for the next ones."""

    def __init__(self, keep: int = 32) -> None:
        self._keep = keep
        self._seen: dict[str, deque[float]] = {}
        self._median: dict[str, float] = {}

    def add(self, model: str, seconds: float) -> None:
        seen = self._seen.setdefault(model, deque(maxlen=self._keep))
        seen.append(seconds)
        self._median[model] = _median(seen)

    def get(self, model: str) -> float | None:
        return self._median.get(model)


@define(eq=False)
class _Watch:
    task_id: str
    state: PollState
    latest: Task | None = None
    error: BaseException | None = None
    waiters: int = 0
    entry: int = -1
    """Sequence number of this watch's live entry in the due heap (-1: none)."""
    live: bool = True
    alone: bool = False
    """Missing from a list answer: ask for it by itself next time."""
    changed: asyncio.Event = field(factory=asyncio.Event)

    def publish(self) -> None:
        """Wake every waiter of this task (each re-reads ``latest`` and ``error``)."""
        changed, self.changed = self.changed, asyncio.Event()
        changed.set()


class _Pace:
    """At most ``requests`` dispatches in any window of ``per_seconds`` (plus a margin)."""

    def __init__(self, limit: RateLimitLike, margin: float = 0.05) -> None:
        self.requests = max(1, int(limit.requests))
        self.window = float(limit.per_seconds) * (1 + margin)
        self._sent: deque[float] = deque()

    def free_at(self, now: float) -> float:
        while self._sent and self._sent[0] + self.window <= now:
            self._sent.popleft()
        if len(self._sent) < self.requests:
            return now
        return self._sent[0] + self.window

    def spend(self, now: float) -> None:
        self._sent.append(now)


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


_FINAL = (AuthenticationError, NotFoundError)
"""Errors after which polling again cannot help."""


class Poller:
    """Polls every watched task of one provider account from a single loop.

    ``read_limit`` (the provider's documented status limit) makes the poller pace its
    requests under it and plan by budget; ``expected(task)`` gives a task's expected
    duration; without it the poller learns each model's from the tasks it saw finish
    (``learn=False`` turns that off).
    """

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
        read_limit: RateLimitLike | None = None,
        expected: Expected | None = None,
        learn: bool = True,
    ) -> None:
        self._fetch_one = fetch_one
        self._fetch_many = fetch_many
        self._batch_size = max(1, batch_size) if fetch_many is not None else 1
        self._clock = clock
        self.schedule = schedule or PollSchedule()
        self._concurrency = concurrency
        rate = None
        if read_limit is not None:
            rate = read_limit.requests / read_limit.per_seconds * self._batch_size
        self.planner = PollPlanner(self.schedule, read_rate=rate, rng=rng or random.Random())
        self._pace = _Pace(read_limit) if read_limit is not None else None
        self._expected = expected
        self._durations = _Durations() if learn else None
        # Where one request fetches many tasks, a watch may be polled up to half its
        # interval early: its neighbours' rounds pick it up, so the tasks of a client fall
        # into shared rounds instead of each keeping its own (jittered) phase.
        self._early = 0.5 if fetch_many is not None else 0.0
        self._watches: dict[str, _Watch] = {}
        self._due: list[tuple[float, int, _Watch]] = []
        self._deadlines: list[tuple[float, int, _Watch, list[bool]]] = []
        self._waiting = 0
        """Waits in progress (each has one entry in the deadline heap)."""
        self._seq = itertools.count()
        self._sleeping: asyncio.Future[None] | None = None
        self._sleep_until = -math.inf
        self._on_loop_time = True
        self._blocked = False
        """The loop waits for a free slot (``concurrency`` polls in flight)."""
        self._loop_task: asyncio.Task[None] | None = None
        self._polls: set[asyncio.Task[None]] = set()
        self.status_requests = 0
        """How many status requests the poller made (one per batch)."""

    async def wait(
        self,
        task_id: str,
        *,
        timeout: float,
        on_update: Listener | None = None,
        initial: Task | None = None,
        expected_seconds: float | None = None,
    ) -> Task:
        """Return the task once finished; raise :class:`WaitTimeoutError` at the deadline.

        ``expected_seconds``: how long the task takes from creation (model and duration),
        if the caller knows; it moves polls to where the task should finish.
        """
        now = self._clock.monotonic()
        deadline = now + timeout
        watch = self._watches.get(task_id)
        if watch is None:
            if expected_seconds is None and self._expected is not None:
                expected_seconds = self._expected(initial)
            state = PollState(started=now, expected=expected_seconds)
            if self._durations is not None and initial is not None:
                state.prior = self._durations.get(initial.model or "")
            watch = _Watch(task_id, state, latest=initial)
            self._watches[task_id] = watch
            self._schedule(watch, now)
        elif expected_seconds is not None and watch.state.expected is None:
            watch.state.expected = expected_seconds
        watch.waiters += 1
        self._waiting += 1
        waiting = [True]  # this wait's entry in the deadline heap is live while it waits
        heapq.heappush(self._deadlines, (deadline, next(self._seq), watch, waiting))
        self._wake(deadline)
        self._ensure_running()
        seen: Task | None = None
        # The poller's deadline heap wakes this wait on time, whatever the clock; the
        # loop timer below is only the safety net should the poller's loop ever die.
        safety_net = asyncio.timeout(timeout + 1.0)
        try:
            async with safety_net:
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
                    if deadline - self._clock.monotonic() <= 0:
                        raise WaitTimeoutError(
                            task_id,
                            timeout,
                            provider=latest.provider if latest else "?",
                            last=latest,
                        )
                    await watch.changed.wait()
        except TimeoutError:
            if not safety_net.expired():
                raise
            raise WaitTimeoutError(
                task_id, timeout, provider=seen.provider if seen else "?", last=seen
            ) from None
        finally:
            waiting[0] = False
            watch.waiters -= 1
            self._waiting -= 1
            if watch.waiters == 0 and self._watches.get(task_id) is watch:
                del self._watches[task_id]
                watch.live = False
                if not self._watches:
                    self._wake(-math.inf)  # let the loop end

    def notify(self, task: Task) -> None:
        """A task state learned elsewhere (a callback confirmation): wake its waiters now."""
        watch = self._watches.get(task.id)
        if watch is not None:
            self._publish(watch, task, self._clock.monotonic())

    async def close(self) -> None:
        tasks = [t for t in (self._loop_task, *self._polls) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # ------------------------------------------------------------------ the heap

    def _schedule(self, watch: _Watch, now: float, delay: float | None = None) -> None:
        if delay is None:
            delay = self.planner.next_delay(watch.state, now, watched=len(self._watches))
            watch.state.interval = delay
        seq = next(self._seq)
        watch.entry = seq
        heapq.heappush(self._due, (now + delay, seq, watch))
        if len(self._due) > 2 * len(self._watches) + 64:  # lazy deletions piled up
            self._due = [e for e in self._due if e[2].live and e[2].entry == e[1]]
            heapq.heapify(self._due)
        self._wake(now + delay)

    def _next_due(self) -> tuple[float, int, _Watch] | None:
        """The earliest live poll entry, dropping superseded and abandoned ones."""
        due = self._due
        while due:
            entry = due[0]
            if entry[2].live and entry[2].entry == entry[1]:
                return entry
            heapq.heappop(due)
        return None

    def _next_deadline(self, now: float) -> float:
        """Wake the waiters whose deadline has come; return the next deadline."""
        deadlines = self._deadlines
        while deadlines and (deadlines[0][0] <= now or not deadlines[0][3][0]):
            _, _, watch, waiting = heapq.heappop(deadlines)
            if waiting[0]:
                watch.publish()
        if len(deadlines) > 2 * self._waiting + 64:  # waits that ended left theirs behind
            self._deadlines = [e for e in deadlines if e[3][0]]
            heapq.heapify(self._deadlines)
        return self._deadlines[0][0] if self._deadlines else math.inf

    # ------------------------------------------------------------------ the loop

    def _ensure_running(self) -> None:
        if self._loop_task is None or self._loop_task.done():
            self._loop_task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        # A clock that reads the loop's own time (the system clock, looptime) lets the loop
        # sleep on a timer handle; another clock (a test's FakeClock) sleeps its own way.
        self._on_loop_time = on_loop_time = abs(self._clock.monotonic() - loop.time()) < 1e-6
        while self._watches:
            now = self._clock.monotonic()
            wake_at = self._next_deadline(now)
            head = self._next_due()
            self._blocked = head is not None and len(self._polls) >= self._concurrency
            if head is not None and not self._blocked:
                at = head[0] if self._pace is None else max(head[0], self._pace.free_at(now))
                if at <= now:
                    self._dispatch(now)
                    continue
                wake_at = min(wake_at, at)
            # at least 1 ms: a float-rounding sleep must not spin (virtual clocks)
            seconds = None if wake_at == math.inf else max(wake_at - now, 0.001)
            await self._sleep(loop, seconds, on_loop_time)

    async def _sleep(
        self, loop: asyncio.AbstractEventLoop, seconds: float | None, on_loop_time: bool
    ) -> None:
        """Sleep ``seconds`` (None: until woken), or until :meth:`_wake` calls for sooner.

        While answers are pending a test clock is not asked to sleep: one whose ``sleep``
        jumps ahead must not skip past an answer about to arrive.
        """
        woken: asyncio.Future[None] = loop.create_future()
        self._sleeping = woken
        now = self._clock.monotonic()
        self._sleep_until = math.inf if seconds is None else now + seconds
        timer = None
        try:
            if seconds is not None and (on_loop_time or self._polls):
                timer = loop.call_later(seconds, _resolve, woken)
            elif seconds is not None:
                sleeper = asyncio.ensure_future(self._clock.sleep(seconds))
                sleeper.add_done_callback(lambda _: _resolve(woken))
                try:
                    await woken
                finally:
                    sleeper.cancel()
                return
            await woken
        finally:
            self._sleeping = None
            self._sleep_until = -math.inf
            if timer is not None:
                timer.cancel()

    def _wake(self, at: float) -> None:
        """Something is due at ``at``: wake the loop if it sleeps past that."""
        if at < self._sleep_until:
            self._sleep_until = -math.inf
            if self._sleeping is not None:
                _resolve(self._sleeping)

    def _dispatch(self, now: float) -> None:
        """Send one status request for the due task at the top (and, batched, its
        neighbours that are nearly due)."""
        _, _, first = heapq.heappop(self._due)
        batch = [first]
        if not first.alone:
            while len(batch) < self._batch_size:
                head = self._next_due()
                if head is None or head[2].alone:
                    break
                due, _, watch = head
                if due - self._early * watch.state.interval > now:
                    break
                heapq.heappop(self._due)
                batch.append(watch)
        for watch in batch:
            watch.entry = -1  # in flight: not due again until its answer is in
            watch.alone = False
        self.status_requests += 1
        if self._pace is not None:
            self._pace.spend(now)
        poll = asyncio.get_running_loop().create_task(self._poll(batch))
        self._polls.add(poll)
        poll.add_done_callback(self._poll_done)

    def _poll_done(self, poll: asyncio.Task[None]) -> None:
        self._polls.discard(poll)
        if self._blocked or not (self._polls or self._on_loop_time):
            # a slot is free, or a test clock may move again
            self._wake(-math.inf)

    async def _poll(self, batch: list[_Watch]) -> None:
        try:
            if len(batch) == 1:
                found = {batch[0].task_id: await self._fetch_one(batch[0].task_id)}
            else:
                assert self._fetch_many is not None
                found = {t.id: t for t in await self._fetch_many([w.task_id for w in batch])}
        except Exception as exc:  # every failure reaches the waiters (cancelling does not)
            now = self._clock.monotonic()
            for watch in batch:
                self._failed(watch, exc, now)
            return
        now = self._clock.monotonic()
        for watch in batch:
            task = found.get(watch.task_id)
            if task is None:  # not in the list answer: ask for it alone, first
                watch.alone = True
                self._schedule(watch, now, delay=0.0)
            else:
                self._publish(watch, task, now)

    def _failed(self, watch: _Watch, error: Exception, now: float) -> None:
        if not watch.live:
            return
        if isinstance(error, SeedanceError) and not isinstance(error, _FINAL):
            # transport trouble, 5xx after retries: keep polling on the plan
            self._schedule(watch, now)
            return
        watch.error = error  # final, or a bug: the waiters raise it
        watch.publish()

    def _publish(self, watch: _Watch, task: Task, now: float) -> None:
        if not watch.live or (watch.latest is not None and watch.latest.finished):
            return  # a finished state is never replaced by an older answer
        watch.latest = task
        self.planner.observe(watch.state, now, task)
        if task.finished:
            self._learn(watch, task, now)
            watch.entry = -1
        else:
            if self._durations is not None and watch.state.prior is None:
                watch.state.prior = self._durations.get(task.model or "")
            if watch.state.expected is None and self._expected is not None:
                watch.state.expected = self._expected(task)
            if watch.entry == -1:  # not already scheduled (a notify during a poll is)
                self._schedule(watch, now)
        watch.publish()

    def _learn(self, watch: _Watch, task: Task, now: float) -> None:
        if self._durations is None or task.status is not TaskStatus.SUCCEEDED:
            return
        seconds = now - watch.state.started
        if task.created_at is not None and task.updated_at is not None:
            stamped = (task.updated_at - task.created_at).total_seconds()
            if 0 < stamped <= seconds + 1:  # the provider's own clock, when plausible
                seconds = stamped
        self._durations.add(task.model or "", seconds)


def _median(values: Sequence[float]) -> float:
    """The median (``statistics`` would cost its import, decimal and fractions, at startup)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2
