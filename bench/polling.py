"""The shared poller, in virtual time (looptime): its CPU per task as the number of
watched tasks grows, and how soon it sees 1,000 Apikley tasks finish under the read limit.

1. CPU per task at 100, 1,000 and 10,000 concurrent waits against a scripted provider
   (no HTTP: the poller's own cost), with and without a read limit; the baseline is the
   100-task figure of the same run, so "flat" means a ratio near 1.
2. 1,000 concurrent Apikley tasks (fake Apikley, its documented limits enforced) through
   an AsyncClient: detection lag (from each task's finish to ``wait()`` returning), 429s
   and status requests per task, beside the same run with the client as wired before
   issue 15 (the schedule alone, blind to the read budget). The 429 baseline is a fixed
   1 s poller on raw httpx, which the fake's read limit refuses.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from typing import Any

import httpx

from bench.report import Figure

KEY = "bench-key"
BODY = {
    "model": "bytedance/seedance-1.5-pro",
    "input": {"prompt": "a red fox in snow", "aspect_ratio": "16:9"},
}


class _Limit:
    requests = 10
    per_seconds = 1.0


def _cpu_run(tasks: int, limited: bool, seed: int) -> tuple[float, float]:
    """(CPU seconds per task, status requests per task) for ``tasks`` concurrent waits."""
    import looptime

    from seedance._clock import SystemClock
    from seedance._models import Task, TaskStatus
    from seedance._polling import Poller

    rng = random.Random(seed)
    if limited:  # finishes spread at 5/s: the 10 reads/s budget stays feasible at any size
        finish = [60 + rng.uniform(0, tasks / 5) for _ in range(tasks)]
    else:
        finish = [rng.uniform(30, 120) for _ in range(tasks)]
    requests = 0

    async def scenario() -> None:
        nonlocal requests
        loop = asyncio.get_running_loop()
        start = loop.time()

        async def fetch_one(task_id: str) -> Task:
            now = loop.time() - start
            end = finish[int(task_id)]
            if now >= end:
                return Task(id=task_id, provider="script", status=TaskStatus.SUCCEEDED)
            progress = max(0, int(100 * (1 - (end - now) / 60)))
            return Task(id=task_id, provider="script", status=TaskStatus.RUNNING, progress=progress)

        poller = Poller(
            fetch_one=fetch_one,
            fetch_many=None,
            batch_size=1,
            clock=SystemClock(),
            rng=random.Random(seed),
            read_limit=_Limit() if limited else None,
        )

        async def one(i: int) -> None:
            expected = finish[i] * rng.uniform(0.9, 1.1) if limited else None
            await poller.wait(str(i), timeout=100_000, expected_seconds=expected)

        await asyncio.gather(*(one(i) for i in range(tasks)))
        requests = poller.status_requests
        await poller.close()

    # few no-op cycles before each jump of virtual time: looptime's default (42) would
    # dominate the poller's own cost, and differently at each density of polls
    loop = looptime.new_event_loop(start=0, noop_cycles=2)
    began = time.process_time()
    loop.run_until_complete(scenario())
    cpu = time.process_time() - began
    loop.close()
    return cpu / tasks, requests / tasks


def poller_cpu(sizes: list[int], rounds: int) -> list[Figure]:
    """CPU per task at each size beside the smallest size, same run. Without a limit the
    work per task is the same at every size (the schedule); under the limit the planner
    spends fewer polls per task when the budget binds harder (the note says how many), so
    there the target is that CPU per task does not grow."""
    figures = []
    for limited in (False, True):
        kind = "10 reads/s limit" if limited else "no limit"
        cpu: dict[int, list[float]] = {n: [] for n in sizes}
        polls: dict[int, list[float]] = {n: [] for n in sizes}
        for round_ in range(rounds):  # sizes interleaved within each round
            for n in sizes:
                per_task, per_task_polls = _cpu_run(n, limited, seed=round_)
                cpu[n].append(per_task * 1e3)
                polls[n].append(per_task_polls)
        base = sizes[0]
        for n in sizes[1:]:
            ours, theirs = statistics.median(polls[n]), statistics.median(polls[base])
            note = f"{ours:.1f} vs {theirs:.1f} polls/task"
            figures.append(
                Figure(
                    "poller CPU",
                    f"per task, {n:,} tasks, {kind}",
                    cpu[n],
                    cpu[base],
                    "ms",
                    f"{base} tasks",
                    # what must not happen is growth: denser polls (more tasks) share loop
                    # turns, and under the limit a tighter budget means fewer polls a task,
                    # so the cost per task may fall
                    ratio_range=(0.0, 1.1),
                    note=note,
                )
            )
    return figures


# ----------------------------------------------------------------------- detection lag


class _Counting(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.refused = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        answer = await self.inner.handle_async_request(request)
        if answer.status_code == 429 and request.url.path.endswith("recordInfo"):
            self.refused += 1
        return answer


def schedule_alone(client: Any) -> None:
    """The baseline: the client's poller without its read budget, polling on the schedule
    alone (the client's Sender still keeps the limit, so no 429s; what it loses is the
    planning: polls where tasks should finish)."""
    from seedance._polling import Poller

    old = client._poller
    client._poller = Poller(
        fetch_one=client.get,
        fetch_many=old._fetch_many,
        batch_size=client.adapter.batch_size,
        clock=client.clock,
        schedule=old.schedule,
        read_limit=None,
    )


async def _lag_run(tasks: int, planned: bool, seed: int) -> dict[str, float]:
    from seedance import AsyncClient
    from seedance.testing import FakeApikley
    from seedance.testing.clock import LoopClock

    random.seed(seed)
    clock = LoopClock()
    fake = FakeApikley(api_key=KEY, clock=clock, queued_for=20, running_for=60)
    transport = _Counting(fake.transport())
    lags: list[float] = []
    async with AsyncClient(  # the fake's clock: rate limits move in virtual time too
        "apikley", api_key=KEY, transport=transport, timeout=60, journal=False, clock=clock
    ) as client:
        assert client._poller.planner.read_rate is not None  # the client plans by default
        if not planned:
            schedule_alone(client)
        client._poller.planner.rng = random.Random(seed)

        async def one() -> None:
            task = await client.submit("a red fox in snow", aspect_ratio="16:9")
            done = await client.wait(task, timeout=36_000)
            finished = fake.tasks.get(done.id)
            assert finished is not None
            lags.append(clock.time() - finished.finished_at)

        await asyncio.gather(*(one() for _ in range(tasks)))
    reads = sum(1 for _, path in fake.requests if path.endswith("recordInfo"))
    lags.sort()
    return {
        "median": statistics.median(lags),
        "p90": lags[int(0.9 * (len(lags) - 1))],
        "refused": float(transport.refused),
        "per_task": reads / tasks,
    }


async def _fixed_poller(tasks: int) -> float:
    """A fixed 1 s poller on raw httpx (a 429 counts as "not yet"): the 429s it draws."""
    from seedance.testing import FakeApikley
    from seedance.testing.clock import LoopClock

    fake = FakeApikley(api_key=KEY, clock=LoopClock(), queued_for=20, running_for=60)
    transport = _Counting(fake.transport())
    async with httpx.AsyncClient(
        transport=transport, base_url="http://fake", headers={"Authorization": f"Bearer {KEY}"}
    ) as http:
        creates = asyncio.Semaphore(1)

        async def one() -> None:
            async with creates:  # creates paced at the create limit, as the client does
                created = (await http.post("/api/v1/jobs/createTask", json=BODY)).json()
                await asyncio.sleep(0.5)
            task_id = created["data"]["taskId"]
            while True:
                await asyncio.sleep(1.0)
                answer = await http.get("/api/v1/jobs/recordInfo", params={"taskId": task_id})
                data = answer.json().get("data") or {}
                if data.get("state") in ("success", "fail"):
                    return

        await asyncio.gather(*(one() for _ in range(tasks)))
    return float(transport.refused)


def detection_lag(tasks: int, rounds: int, naive_tasks: int) -> list[Figure]:
    import looptime

    ours: list[dict[str, float]] = []
    today: list[dict[str, float]] = []
    for round_ in range(rounds):  # interleaved: today's, then ours, each round
        for planned, out in ((False, today), (True, ours)):
            loop = looptime.new_event_loop(start=0)
            out.append(loop.run_until_complete(_lag_run(tasks, planned, seed=round_)))
            loop.close()
    loop = looptime.new_event_loop(start=0)
    naive_refused = loop.run_until_complete(_fixed_poller(naive_tasks))
    loop.close()
    section = f"{tasks:,} Apikley tasks, 10 reads/s"
    baseline = "schedule alone (before)"

    def pick(runs: list[dict[str, float]], key: str) -> list[float]:
        return [run[key] for run in runs]

    return [
        Figure(
            section,
            "detection lag, median",
            pick(ours, "median"),
            pick(today, "median"),
            "s",
            baseline,
            value_range=(0, 3.0),
            note="virtual time, from the task's finish",
        ),
        Figure(section, "detection lag, p90", pick(ours, "p90"), pick(today, "p90"), "s", baseline),
        Figure(
            section,
            "status requests per task",
            pick(ours, "per_task"),
            pick(today, "per_task"),
            "req",
            baseline,
            ratio_range=(0, 1.0),
        ),
        Figure(
            section,
            "429 answers to status requests",
            pick(ours, "refused"),
            [naive_refused] * len(ours),
            "",
            f"fixed 1 s poller, raw httpx, {naive_tasks} tasks",
            value_range=(0, 0),
            by_value=True,
        ),
    ]
