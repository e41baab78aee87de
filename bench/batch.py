"""A 1,000-request batch against the fake Apikley with its real rate limit (virtual time),
and the journal's cost per task (real time), each beside its baseline."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

KEY = "bench-key"


def bench_batch(requests: int) -> None:
    import looptime

    print(f"batch of {requests} requests, fake Apikley with its real limit (virtual time)")
    result = looptime.new_event_loop(start=0).run_until_complete(_batch(requests))
    limit_time = (requests - 20) / 20 * 10 + result["task_seconds"]  # first 20 go at once
    print(f"  {'429 answers received':<44} {result['rate_limited']:>8.0f}   (target 0)")
    ratio = result["elapsed"] / limit_time
    print(
        f"  {'time to finish vs what the limit allows':<38} {result['elapsed']:10.1f} s      "
        f"baseline {limit_time:10.1f} s      ratio {ratio:5.2f}  (target <= 1.10)"
    )
    bench_journal(requests)


async def _batch(requests: int) -> dict[str, float]:
    from seedance import AsyncClient, run_batch
    from seedance.testing import FakeApikley
    from seedance.testing.clock import LoopClock

    fake = FakeApikley(api_key=KEY, clock=LoopClock(), queued_for=5, running_for=25)
    loop = asyncio.get_running_loop()
    start = loop.time()
    with tempfile.TemporaryDirectory() as tmp:
        async with AsyncClient(
            "apikley",
            api_key=KEY,
            transport=fake.transport(),
            journal=Path(tmp) / "journal.sqlite3",
        ) as client:
            result = await run_batch(
                client,
                ({"prompt": f"fox number {i}", "key": f"row-{i}"} for i in range(requests)),
                out_dir=Path(tmp) / "videos",
                concurrency=requests,  # all in flight: the client's create limit paces them
                timeout=36_000,
                download=False,  # measure the create limit and the polling, as before
            )
            assert result.ok, result.counts
    creates = sum(1 for _, path in fake.requests if path.endswith("createTask"))
    return {
        "elapsed": loop.time() - start,
        "rate_limited": float(creates - requests),
        "task_seconds": 30.0,
    }


def bench_journal(tasks: int) -> None:
    """The journal writes one task goes through, timed on a real file."""
    from seedance._journal import Journal
    from seedance._models import Task, TaskStatus

    with tempfile.TemporaryDirectory() as tmp:
        journal = Journal(Path(tmp) / "journal.sqlite3")
        start = time.perf_counter()
        for i in range(tasks):
            key = f"row-{i}"
            journal.record_intent(key, "apikley", {"prompt": f"fox {i}"}, f"{i}.mp4")
            journal.mark_sending(key)
            task = Task(id=f"task_{i}", provider="apikley", status=TaskStatus.QUEUED)
            journal.mark_submitted(key, task)
            for status in (TaskStatus.RUNNING, TaskStatus.SUCCEEDED):
                journal.update_task(Task(id=f"task_{i}", provider="apikley", status=status))
            journal.mark_downloaded(key, f"{i}.mp4")
        per_task = (time.perf_counter() - start) / tasks
        journal.close()
    print(
        f"  {'journal writes per task (6 writes)':<38} {per_task * 1e3:10.3f} ms     "
        "(target < 2 ms)"
    )
