"""The shared poller and its planner: order, deletion, waiters, deadlines, errors, budget.

Behaviour only, never timing: time is a FakeClock (or looptime's virtual loop), so a test
asserts *when* in task time something happened, not how fast the machine was.
"""

from __future__ import annotations

import asyncio
import math
from collections import deque
from collections.abc import Sequence

import attrs
import httpx
import looptime
import pytest
from apikley_client.models import TaskDetailsResponse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedance._call import Answer
from seedance._errors import NotFoundError, TransportError, WaitTimeoutError
from seedance._models import Task, TaskStatus
from seedance._polling import Poller, PollPlanner, PollSchedule, PollState
from seedance._providers import get_adapter
from seedance.testing import FakeApikley, FakeClock
from seedance.testing.clock import LoopClock

pytestmark = pytest.mark.anyio

SLOW = PollSchedule(steps=((math.inf, 1000.0),), jitter=0.0)


class Script:
    """A provider whose tasks finish at set times; records every status request."""

    def __init__(self, clock: FakeClock, finish: dict[str, float], run_for: float = 60.0) -> None:
        self.clock = clock
        self.start = clock.monotonic()
        self.finish = finish
        self.run_for = run_for
        self.fetched: list[tuple[float, str]] = []
        self.errors: dict[str, deque[Exception]] = {}

    def task(self, task_id: str) -> Task:
        now = self.clock.monotonic() - self.start
        end = self.finish[task_id]
        if now >= end:
            return Task(id=task_id, provider="script", status=TaskStatus.SUCCEEDED, progress=100)
        begun = end - self.run_for
        if now < begun:
            return Task(id=task_id, provider="script", status=TaskStatus.QUEUED)
        progress = int(100 * (now - begun) / self.run_for)
        return Task(id=task_id, provider="script", status=TaskStatus.RUNNING, progress=progress)

    async def fetch_one(self, task_id: str) -> Task:
        self.fetched.append((self.clock.monotonic() - self.start, task_id))
        await asyncio.sleep(0)
        queued = self.errors.get(task_id)
        if queued:
            raise queued.popleft()
        return self.task(task_id)

    async def fetch_many(self, task_ids: Sequence[str]) -> list[Task]:
        self.fetched.append((self.clock.monotonic() - self.start, ",".join(task_ids)))
        await asyncio.sleep(0)
        return [self.task(t) for t in task_ids]

    def ids(self) -> list[str]:
        return [task_id for _, task_id in self.fetched]


def poller(script: Script, clock: FakeClock, **options: object) -> Poller:
    options.setdefault("schedule", SLOW)
    return Poller(
        fetch_one=script.fetch_one,
        fetch_many=None,
        batch_size=1,
        clock=clock,
        **options,  # type: ignore[arg-type]
    )


async def test_polls_come_from_the_heap_in_due_order() -> None:
    clock = FakeClock()
    expected = {"a": 7.0, "b": 2.0, "c": 9.0, "d": 4.0, "e": 1.0}
    script = Script(clock, finish=expected)
    p = poller(script, clock)
    done = await asyncio.gather(
        *(p.wait(t, timeout=100, expected_seconds=s) for t, s in expected.items())
    )
    assert [t.status for t in done] == [TaskStatus.SUCCEEDED] * 5
    assert script.ids() == ["e", "b", "d", "a", "c"]
    # each polled once, just after its expected finish
    assert [round(at, 3) for at, _ in script.fetched] == [1.5, 2.5, 4.5, 7.5, 9.5]
    await p.close()


async def test_a_cancelled_or_timed_out_wait_is_never_polled_again() -> None:
    clock = FakeClock()
    script = Script(clock, finish={"keep": 50.0, "cancel": 500.0, "short": 500.0})
    p = poller(script, clock, schedule=PollSchedule(steps=((math.inf, 5.0),), jitter=0.0))
    keep = asyncio.ensure_future(p.wait("keep", timeout=100))
    cancel = asyncio.ensure_future(p.wait("cancel", timeout=100))
    with pytest.raises(WaitTimeoutError):
        await p.wait("short", timeout=12)
    assert clock.monotonic() - script.start == pytest.approx(12)
    cancel.cancel()
    with pytest.raises(asyncio.CancelledError):
        await cancel
    gone_at = clock.monotonic() - script.start
    assert (await keep).succeeded
    after = [t for at, t in script.fetched if at > gone_at]
    assert "keep" in after
    assert "short" not in after and "cancel" not in after
    await p.close()


async def test_superseded_heap_entries_do_not_pile_up() -> None:
    clock = FakeClock()
    script = Script(clock, finish={f"t{i}": 10_000.0 for i in range(20)})
    p = poller(script, clock, schedule=PollSchedule(steps=((math.inf, 1.0),), jitter=0.0))
    for _ in range(30):  # many waits that come and go, and notifications that reschedule
        waits = [asyncio.ensure_future(p.wait(f"t{i}", timeout=3)) for i in range(20)]
        for i in range(20):
            p.notify(script.task(f"t{i}"))
        for w in waits:
            with pytest.raises(WaitTimeoutError):
                await w
    assert len(p._due) <= 2 * 20 + 64
    assert len(p._deadlines) <= 2 * 20 + 64  # one per wait in progress, plus slack
    # waits given up early beside a long one on the same task: theirs go, its stays
    long_wait = asyncio.ensure_future(p.wait("t0", timeout=5_000))
    for _ in range(300):
        short = asyncio.ensure_future(p.wait("t0", timeout=1_000))
        await asyncio.sleep(0)
        short.cancel()
        with pytest.raises(asyncio.CancelledError):
            await short
    assert len(p._deadlines) <= 2 * 1 + 64
    assert not long_wait.done()
    long_wait.cancel()
    await p.close()


async def test_many_waiters_of_one_task_share_its_polls() -> None:
    clock = FakeClock()
    script = Script(clock, finish={"x": 30.0})
    p = poller(script, clock, schedule=PollSchedule(steps=((math.inf, 4.0),), jitter=0.0))
    seen: list[list[Task]] = [[] for _ in range(6)]
    done = await asyncio.gather(*(p.wait("x", timeout=100, on_update=s.append) for s in seen))
    assert all(d is done[0] and d.succeeded for d in done)
    assert len(script.fetched) == 8  # every 4 s until 32 s: one request per round
    assert all(s[-1] is done[0] for s in seen)
    await p.close()


async def test_notify_wakes_waiters_at_once_without_a_request() -> None:
    clock = FakeClock()
    script = Script(clock, finish={"x": 5.0})
    p = poller(script, clock)
    waiting = asyncio.ensure_future(p.wait("x", timeout=900))
    await asyncio.sleep(0)
    p.notify(Task(id="x", provider="script", status=TaskStatus.SUCCEEDED))
    done = await asyncio.wait_for(waiting, timeout=5)  # real seconds: a hang fails
    assert done.succeeded
    assert script.fetched == []
    await p.close()


async def test_an_older_answer_never_replaces_a_finished_state() -> None:
    clock = FakeClock()
    script = Script(clock, finish={"x": 1000.0})
    p = poller(script, clock)
    waiting = asyncio.ensure_future(p.wait("x", timeout=900))
    await asyncio.sleep(0)
    p.notify(Task(id="x", provider="script", status=TaskStatus.SUCCEEDED))
    p.notify(Task(id="x", provider="script", status=TaskStatus.RUNNING))
    assert (await waiting).succeeded
    await p.close()


@given(timeout=st.floats(0.01, 1000), interval=st.floats(1.0, 2000))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_deadline_is_always_honoured(timeout: float, interval: float) -> None:
    async def scenario() -> None:
        clock = FakeClock()
        script = Script(clock, finish={"x": math.inf})
        p = poller(script, clock, schedule=PollSchedule(steps=((math.inf, interval),)))
        with pytest.raises(WaitTimeoutError):
            await p.wait("x", timeout=timeout)
        assert clock.monotonic() - script.start == pytest.approx(timeout, abs=2e-3)
        await p.close()

    asyncio.run(scenario())


async def test_errors_reach_the_waiters() -> None:
    clock = FakeClock()
    script = Script(clock, finish={"gone": 10.0, "bug": 10.0, "flaky": 10.0})
    script.errors["gone"] = deque([NotFoundError("no such task", provider="script")])
    script.errors["bug"] = deque([RuntimeError("a bug in the adapter")])
    script.errors["flaky"] = deque([TransportError("reset", provider="script")] * 2)
    p = poller(script, clock, schedule=PollSchedule(steps=((math.inf, 3.0),), jitter=0.0))
    results = await asyncio.gather(
        p.wait("gone", timeout=100),
        p.wait("bug", timeout=100),
        p.wait("flaky", timeout=100),
        return_exceptions=True,
    )
    assert isinstance(results[0], NotFoundError)
    assert isinstance(results[1], RuntimeError)
    assert isinstance(results[2], Task) and results[2].succeeded  # transient: kept polling
    assert script.ids().count("gone") == 1 and script.ids().count("bug") == 1
    await p.close()


async def test_batched_rounds_fetch_due_tasks_together() -> None:
    clock = FakeClock()
    script = Script(clock, finish={f"t{i}": 20.0 for i in range(7)})
    p = Poller(
        fetch_one=script.fetch_one,
        fetch_many=script.fetch_many,
        batch_size=3,
        clock=clock,
        schedule=PollSchedule(steps=((math.inf, 5.0),), jitter=0.0),
    )
    done = await asyncio.gather(*(p.wait(f"t{i}", timeout=100) for i in range(7)))
    assert all(t.succeeded for t in done)
    assert all(len(ids.split(",")) in (1, 3) for _, ids in script.fetched)
    assert p.status_requests == len(script.fetched) == 4 * 3  # rounds at 5..20 s, 3 requests
    await p.close()


# ----------------------------------------------------------------------- the planner


def test_the_planner_follows_the_schedule_while_the_budget_holds() -> None:
    planner = PollPlanner(PollSchedule(jitter=0.0), read_rate=10.0)
    state = PollState(started=0.0)
    assert planner.next_delay(state, 0.0, watched=5) == 2.5
    assert planner.next_delay(state, 60.0, watched=5) == 7.5
    # a known finish before the next scheduled poll pulls that poll in
    state = PollState(started=0.0, expected=31.0)
    assert planner.next_delay(state, 30.0, watched=5) == pytest.approx(1.5)


def test_past_the_budget_polls_go_to_the_expected_finish() -> None:
    planner = PollPlanner(PollSchedule(jitter=0.0), read_rate=10.0)
    watched = 500  # fair share 55 s
    blind = PollState(started=0.0)
    assert planner.next_delay(blind, 0.0, watched=watched) == pytest.approx(500 / 9)
    state = PollState(started=0.0, prior=80.0)
    first = planner.next_delay(state, 0.0, watched=watched)
    assert 0.7 * 80 <= first <= 0.8 * 80  # a checkpoint before the finish
    # two progress readings (20 % at 30 s, 50 % at 45 s): finish measured at 70 s
    running = Task(id="x", provider="p", status=TaskStatus.RUNNING, progress=20)
    planner.observe(state, 30.0, running)
    planner.observe(state, 45.0, attrs.evolve(running, progress=50))
    assert planner.next_delay(state, 45.0, watched=watched) == pytest.approx(25.5)
    # late: 1, 2, 4 s, never more than the fair share
    late = [planner.next_delay(state, 71.0 + i, watched=watched) for i in range(8)]
    assert late[:3] == [1.0, 2.0, 4.0]
    assert max(late) <= 500 / 9


@given(
    finishes=st.lists(st.floats(1.0, 900.0), min_size=1, max_size=40),
    limited=st.booleans(),
    expected=st.booleans(),
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_finish_times(finishes: list[float], limited: bool, expected: bool) -> None:
    """Every wait returns the finished task, seen no earlier than it finished and, without
    a limit, no later than one scheduled interval after; with a limit, no window of the
    limit's length ever holds more requests than it allows."""

    class Limit:
        requests = 2
        per_seconds = 1.0

    async def scenario() -> None:
        clock = FakeClock()
        finish = {f"t{i}": f for i, f in enumerate(finishes)}
        script = Script(clock, finish=finish, run_for=30.0)
        p = poller(script, clock, schedule=PollSchedule(), read_limit=Limit() if limited else None)
        seen: dict[str, float] = {}

        async def one(task_id: str) -> None:
            task = await p.wait(
                task_id, timeout=10_000, expected_seconds=finish[task_id] if expected else None
            )
            assert task.succeeded
            seen[task_id] = clock.monotonic() - script.start

        await asyncio.gather(*(one(t) for t in finish))
        for task_id, at in seen.items():
            assert at >= finish[task_id]
            if not limited:
                assert at <= finish[task_id] + 20.0 * 1.2 + 1e-6
        times = sorted(at for at, _ in script.fetched)
        for i in range(len(times) - Limit.requests if limited else 0):
            assert times[i + Limit.requests] - times[i] >= Limit.per_seconds
        await p.close()

    asyncio.run(scenario())


# ----------------------------------------------------------------------- against the fake


def test_the_planner_keeps_1000_tasks_under_the_fakes_read_limit() -> None:
    """1,000 concurrent waits polled straight at the fake Apikley (no client-side limiter):
    the poller's own pacing keeps every status request under the spec's 10 per second."""
    adapter = get_adapter("apikley")
    limit = adapter.read_rate_limit
    assert limit is not None

    async def scenario() -> tuple[int, int, int]:
        clock = LoopClock()
        fake = FakeApikley(api_key="k", clock=clock, queued_for=20, running_for=60, create_limit=0)
        refused = 0
        async with httpx.AsyncClient(
            transport=fake.transport(),
            base_url="http://fake",
            headers={"Authorization": "Bearer k"},
        ) as http:

            async def fetch_one(task_id: str) -> Task:
                nonlocal refused
                answer = await http.get("/api/v1/jobs/recordInfo", params={"taskId": task_id})
                if answer.status_code == 429:
                    refused += 1
                    raise TransportError("429", provider="apikley")
                body = answer.json()
                parsed = TaskDetailsResponse.from_dict(body)
                return adapter.to_task(task_id, Answer(200, answer.headers, body, parsed))

            p = Poller(
                fetch_one=fetch_one,
                fetch_many=None,
                batch_size=1,
                clock=clock,
                read_limit=limit,
            )
            body = {
                "model": "bytedance/seedance-1.5-pro",
                "input": {"prompt": "a fox", "aspect_ratio": "16:9"},
            }

            async def one() -> None:
                created = (await http.post("/api/v1/jobs/createTask", json=body)).json()
                task = await p.wait(created["data"]["taskId"], timeout=36_000)
                assert task.succeeded

            await asyncio.gather(*(one() for _ in range(1000)))
            await p.close()
        reads = sum(1 for _, path in fake.requests if path.endswith("recordInfo"))
        return refused, reads, p.status_requests

    refused, reads, requests = looptime.new_event_loop(start=0).run_until_complete(scenario())
    assert refused == 0
    assert reads == requests
    assert reads / 1000 <= 5.6  # no more status requests per task than before issue 15
