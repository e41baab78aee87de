"""Benchmarks against the fake Ark, each figure beside the official SDK or a baseline.

    from bench.ark import bench_ark; bench_ark(quick=True)

1. submit + get per call against one loopback FakeArk server: seedance vs the official
   SDK (``byteplussdkarkruntime``), sync and async, same calls, interleaved.
2. ``import seedance`` vs ``import byteplussdkarkruntime`` in fresh interpreters.
3. 500 concurrent waits on one AsyncClient in virtual time (looptime): status requests
   sent vs one get per task per poll (what a poller without Ark's list would send).
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

from bench.__main__ import import_seconds, row

KEY = "bench-ark-key"
PROMPT = "a paper boat drifts on a quiet lake"
TASKS = "/contents/generations/tasks"


@contextlib.contextmanager
def loopback_ark() -> Iterator[str]:
    """A FakeArk served by uvicorn on 127.0.0.1 in a background thread; yields the base URL."""
    import uvicorn

    from seedance.testing.ark import FakeArk

    fake = FakeArk(api_key=KEY, queued_for=0, running_for=0, max_queued=10**9)
    config = uvicorn.Config(fake.app, host="127.0.0.1", port=0, log_level="error", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the loopback fake did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    fake.public_url = f"http://127.0.0.1:{port}"
    try:
        yield f"{fake.public_url}/api/v3"
    finally:
        server.should_exit = True
        thread.join(timeout=5)


def _median(fn: Callable[[], Any], rounds: int) -> float:
    for _ in range(5):
        fn()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


async def _median_async(fn: Callable[[], Awaitable[Any]], rounds: int) -> float:
    for _ in range(5):
        await fn()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        await fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bench_ark_overhead(rounds: int) -> None:
    from byteplussdkarkruntime import Ark

    from seedance import Client

    print("submit + get against a loopback FakeArk (median per submit+get, journal off)")
    with loopback_ark() as url, tempfile.TemporaryDirectory() as tmp:
        sdk = Ark(base_url=url, api_key=KEY)

        def sdk_calls() -> None:
            created = sdk.content_generation.tasks.create(
                model="seedance-1-5-pro-251215",
                content=[{"type": "text", "text": PROMPT}],
                duration=5,
            )
            sdk.content_generation.tasks.get(task_id=created.id)

        with (
            Client("ark", api_key=KEY, base_url=url, journal=False) as plain,
            Client("ark", api_key=KEY, base_url=url, journal=Path(tmp) / "j.sqlite3") as kept,
        ):

            def seedance_calls(client: Client = plain) -> None:
                client.get(client.submit(PROMPT, duration=5))

            ours, base, journaled = [], [], []
            for _ in range(3):  # interleaved, so drift in machine load hits both
                base.append(_median(sdk_calls, rounds))
                ours.append(_median(seedance_calls, rounds))
                journaled.append(_median(lambda: seedance_calls(kept), rounds))
        sdk.close()
        row("sync Client vs Ark SDK", min(ours) * 1e3, min(base) * 1e3, "ms", "<= 0.67")
        row(
            "sync Client, journal on vs Ark SDK",
            min(journaled) * 1e3,
            min(base) * 1e3,
            "ms",
            "informational",
        )
        asyncio.run(_bench_async(url, rounds))


async def _bench_async(url: str, rounds: int) -> None:
    from byteplussdkarkruntime import AsyncArk

    from seedance import AsyncClient

    sdk = AsyncArk(base_url=url, api_key=KEY)
    async with AsyncClient("ark", api_key=KEY, base_url=url, journal=False) as client:

        async def sdk_calls() -> None:
            created = await sdk.content_generation.tasks.create(
                model="seedance-1-5-pro-251215",
                content=[{"type": "text", "text": PROMPT}],
                duration=5,
            )
            await sdk.content_generation.tasks.get(task_id=created.id)

        async def seedance_calls() -> None:
            await client.get(await client.submit(PROMPT, duration=5))

        ours, base = [], []
        for _ in range(3):
            base.append(await _median_async(sdk_calls, rounds))
            ours.append(await _median_async(seedance_calls, rounds))
    await sdk.close()
    row("AsyncClient vs AsyncArk SDK", min(ours) * 1e3, min(base) * 1e3, "ms", "<= 0.67")


def bench_ark_import(runs: int) -> None:
    print("import time (median of fresh interpreters, interpreter start subtracted)")
    empty = import_seconds("pass", runs)
    ours = import_seconds("import seedance", runs) - empty
    ark = import_seconds("import byteplussdkarkruntime", runs) - empty
    row("import seedance vs byteplussdkarkruntime", ours * 1e3, ark * 1e3, "ms", "<= 0.5")
    # What a first Ark call costs on top: the adapter and its generated client.
    used = import_seconds("import seedance; seedance.list_models('ark')", runs) - empty
    row("  + Ark adapter loaded vs the SDK", used * 1e3, ark * 1e3, "ms", "informational")


class _Counting(httpx.AsyncBaseTransport):
    """Counts status requests: list requests (and the task polls they carry) and gets."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.lists = 0
        self.listed = 0
        self.gets = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and request.url.path.endswith(TASKS):
            self.lists += 1
            self.listed += len(request.url.params.get_list("filter.task_ids"))
        elif request.method == "GET" and TASKS + "/" in request.url.path:
            self.gets += 1
        return await self.inner.handle_async_request(request)


async def _many_waits(tasks: int, jitter: float | None) -> dict[str, float]:
    from seedance import AsyncClient, PollSchedule
    from seedance.testing.ark import FakeArk
    from seedance.testing.clock import LoopClock

    fake = FakeArk(api_key=KEY, clock=LoopClock(), queued_for=20, running_for=60, max_queued=10**9)
    counting = _Counting(fake.transport())
    schedule = None if jitter is None else PollSchedule(jitter=jitter)
    loop = asyncio.get_running_loop()
    start = loop.time()
    async with AsyncClient(
        "ark",
        api_key=KEY,
        transport=counting,
        base_url="http://fake",
        poll_schedule=schedule,
        journal=False,
    ) as client:

        async def one() -> None:
            await client.wait(await client.submit(PROMPT), timeout=36_000)

        await asyncio.gather(*(one() for _ in range(tasks)))
    return {
        "requests": float(counting.lists + counting.gets),
        "polls": float(counting.listed + counting.gets),
        "elapsed": loop.time() - start,
    }


def bench_ark_many_waits(tasks: int) -> None:
    import looptime

    print(f"{tasks} concurrent waits on one AsyncClient against FakeArk (virtual time)")
    for label, jitter in (("no jitter", 0.0), ("default schedule", None)):
        run = looptime.new_event_loop(start=0).run_until_complete(_many_waits(tasks, jitter))
        row(
            f"status requests vs get per task-poll ({label})",
            run["requests"],
            run["polls"],
            "req",
            "<= 0.1" if jitter == 0.0 else "informational",
        )
    print(f"  virtual time to finish all                  {run['elapsed']:8.0f} s")


def bench_ark(quick: bool) -> None:
    """Every Ark benchmark; ``quick`` for a smoke run."""
    rounds, runs, tasks = (20, 3, 500) if quick else (200, 10, 500)
    bench_ark_overhead(rounds)
    bench_ark_import(runs)
    bench_ark_many_waits(tasks)


if __name__ == "__main__":
    import sys

    bench_ark("--quick" in sys.argv)
