"""Benchmarks: every figure printed beside a baseline measured in the same run.

    make bench            # or: python -m bench [--quick]

1. submit + get overhead against a loopback fake: seedance vs raw httpx, same calls.
2. ``import seedance`` vs ``import httpx`` in fresh interpreters.
3. 1,000 concurrent waits on one AsyncClient against the fake Apikley with its real rate
   limit, in virtual time (looptime): 429s received, create rate vs the limit, and status
   requests per task beside a fixed 1 s poller's.
4. Callbacks vs polling over loopback: how soon wait() sees a finished task, and status
   requests per task (bench/callbacks.py).
5. A 1,000-request batch with the journal on, against the real rate limit (virtual time),
   and the journal's cost per task (bench/batch.py).
6. Ark: seedance vs the official SDK per call, import time, 500 waits (bench/ark.py).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx

KEY = "bench-key"
BODY = {
    "model": "bytedance/seedance-1.5-pro",
    "input": {"prompt": "a red fox in snow", "aspect_ratio": "16:9"},
}


def row(name: str, ours: float, baseline: float, unit: str, target: str) -> None:
    ratio = ours / baseline if baseline else float("inf")
    print(
        f"  {name:<38} {ours:10.3f} {unit:<6} baseline {baseline:10.3f} {unit:<6} "
        f"ratio {ratio:5.2f}  (target {target})"
    )


# ----------------------------------------------------------------------- loopback server


@contextmanager
def loopback_fake() -> Iterator[str]:
    """A fake Apikley served by uvicorn on 127.0.0.1 in a background thread."""
    from seedance.serving import serve_in_thread
    from seedance.testing import FakeApikley

    fake = FakeApikley(api_key=KEY, create_limit=10**9, queued_for=0, running_for=0)
    with serve_in_thread(fake.app) as url:
        fake.public_url = url
        yield url


def timed(fn: Callable[[], Any], rounds: int) -> float:
    """Median seconds per call over ``rounds`` calls (after a warm-up)."""
    for _ in range(10):
        fn()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bench_overhead(rounds: int) -> None:
    from seedance import Client

    print("submit + get against a loopback fake (median per submit+get)")
    with loopback_fake() as url:
        headers = {"Authorization": f"Bearer {KEY}"}
        with httpx.Client(base_url=url, headers=headers) as raw:

            def raw_calls() -> None:
                created = raw.post("/api/v1/jobs/createTask", json=BODY).json()
                task_id = created["data"]["taskId"]
                raw.get("/api/v1/jobs/recordInfo", params={"taskId": task_id}).json()

            with Client(
                "apikley", api_key=KEY, base_url=url, rate_limit=False, journal=False
            ) as client:

                def seedance_calls() -> None:
                    task = client.submit("a red fox in snow", aspect_ratio="16:9")
                    client.get(task)

                # interleave to share any drift in machine load
                ours, base = [], []
                for _ in range(3):
                    base.append(timed(raw_calls, rounds))
                    ours.append(timed(seedance_calls, rounds))
        row("sync Client vs httpx.Client", min(ours) * 1e3, min(base) * 1e3, "ms", "<= 1.15")
        asyncio.run(_bench_overhead_async(url, rounds, headers))


async def _bench_overhead_async(url: str, rounds: int, headers: dict[str, str]) -> None:
    from seedance import AsyncClient

    async def timed_async(fn: Callable[[], Any]) -> float:
        for _ in range(10):
            await fn()
        samples = []
        for _ in range(rounds):
            start = time.perf_counter()
            await fn()
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    async with (
        httpx.AsyncClient(base_url=url, headers=headers) as raw,
        AsyncClient(
            "apikley", api_key=KEY, base_url=url, rate_limit=False, journal=False
        ) as client,
    ):

        async def raw_calls() -> None:
            created = (await raw.post("/api/v1/jobs/createTask", json=BODY)).json()
            task_id = created["data"]["taskId"]
            (await raw.get("/api/v1/jobs/recordInfo", params={"taskId": task_id})).json()

        async def seedance_calls() -> None:
            task = await client.submit("a red fox in snow", aspect_ratio="16:9")
            await client.get(task)

        ours, base = [], []
        for _ in range(3):
            base.append(await timed_async(raw_calls))
            ours.append(await timed_async(seedance_calls))
    row("AsyncClient vs httpx.AsyncClient", min(ours) * 1e3, min(base) * 1e3, "ms", "<= 1.15")


# ----------------------------------------------------------------------- import time


def import_seconds(statement: str, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bench_import(runs: int) -> None:
    print("import time (median of fresh interpreters, interpreter start included in both)")
    empty = import_seconds("pass", runs)
    ours = import_seconds("import seedance", runs) - empty
    httpx_time = import_seconds("import httpx", runs) - empty
    print(f"  {'import seedance':<38} {ours * 1e3:10.1f} ms     (target < 120 ms)")
    row("import seedance vs import httpx", ours * 1e3, httpx_time * 1e3, "ms", "informational")
    try:
        import byteplussdkarkruntime  # noqa: F401
    except ImportError:
        return
    ark = import_seconds("import byteplussdkarkruntime", runs) - empty
    row("import seedance vs byteplussdkarkruntime", ours * 1e3, ark * 1e3, "ms", "<= 0.5")


# ----------------------------------------------------------------------- many waits


def bench_many_waits(tasks: int) -> None:
    import looptime

    print(
        f"{tasks} concurrent waits on one AsyncClient, fake Apikley with its real limits "
        "(virtual time)"
    )
    ours = looptime.new_event_loop(start=0).run_until_complete(_many_waits(tasks))
    naive = looptime.new_event_loop(start=0).run_until_complete(_naive_fixed_poller(tasks))
    limit = 20 / 10
    print(
        f"  429 answers received by the client          {ours['rate_limited']:>8.0f}   (target 0)"
    )
    row("create rate (creates/s) vs limit", ours["create_rate"], limit, "/s", ">= 0.90")
    row(
        "status requests per task vs fixed 1 s poll",
        ours["status_per_task"],
        naive["status_per_task"],
        "req",
        "lower is better",
    )
    print(f"  virtual time to finish all                  {ours['elapsed']:8.0f} s")


async def _naive_fixed_poller(tasks: int) -> dict[str, float]:
    """The baseline: each task polled once a second with raw httpx until it ends."""
    from seedance.testing import FakeApikley
    from seedance.testing.clock import LoopClock

    fake = FakeApikley(
        api_key=KEY, clock=LoopClock(), queued_for=20, running_for=60, create_limit=10**9
    )
    headers = {"Authorization": f"Bearer {KEY}"}
    async with httpx.AsyncClient(
        transport=fake.transport(), base_url="http://fake", headers=headers
    ) as http:

        async def one() -> None:
            created = (await http.post("/api/v1/jobs/createTask", json=BODY)).json()
            task_id = created["data"]["taskId"]
            while True:
                answer = await http.get("/api/v1/jobs/recordInfo", params={"taskId": task_id})
                if answer.json()["data"]["state"] in ("success", "fail"):
                    return
                await asyncio.sleep(1.0)

        await asyncio.gather(*(one() for _ in range(tasks)))
    statuses = [path for _, path in fake.requests if path.endswith("recordInfo")]
    return {"status_per_task": len(statuses) / tasks}


async def _many_waits(tasks: int) -> dict[str, float]:
    from seedance import AsyncClient
    from seedance.testing import FakeApikley
    from seedance.testing.clock import LoopClock

    clock = LoopClock()
    fake = FakeApikley(api_key=KEY, clock=clock, queued_for=20, running_for=60)
    loop = asyncio.get_running_loop()
    start = loop.time()
    async with AsyncClient(
        "apikley",
        api_key=KEY,
        transport=fake.transport(),
        timeout=60,
    ) as client:
        create_times: list[float] = []

        async def one() -> None:
            task = await client.submit("a red fox in snow")
            create_times.append(loop.time())
            await client.wait(task, timeout=36_000)

        await asyncio.gather(*(one() for _ in range(tasks)))
        counts = client.request_counts
    statuses = [path for _, path in fake.requests if path.endswith("recordInfo")]
    creates = [path for _, path in fake.requests if path.endswith("createTask")]
    span = max(create_times) - min(create_times)
    return {
        "rate_limited": float(len(creates) - tasks),
        "create_rate": (tasks - 1) / span if span else float("inf"),
        "status_per_task": len(statuses) / tasks,
        "elapsed": loop.time() - start,
        "gets": float(counts.get("get_task_details", 0)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a smoke run)")
    args = parser.parse_args(argv)
    import os
    import tempfile

    # Benchmarks never write to the user's journal; where it matters they say so.
    os.environ["SEEDANCE_JOURNAL"] = os.path.join(tempfile.mkdtemp(), "bench-journal.sqlite3")
    rounds, runs, tasks = (30, 3, 100) if args.quick else (200, 10, 1000)
    bench_overhead(rounds)
    bench_import(runs)
    bench_many_waits(tasks)
    from bench.callbacks import bench_callbacks

    bench_callbacks(10 if args.quick else 50)
    from bench.batch import bench_batch

    bench_batch(100 if args.quick else 1000)
    from bench.ark import bench_ark

    bench_ark(args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
