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
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

from bench.__main__ import import_seconds, row, timed

KEY = "bench-ark-key"
PROMPT = "a paper boat drifts on a quiet lake"
TASKS = "/contents/generations/tasks"


SERVER = """
import sys, uvicorn
from seedance.testing.ark import FakeArk
port = int(sys.argv[1])
fake = FakeArk(api_key=sys.argv[2], queued_for=0, running_for=0, max_queued=10**9)
fake.public_url = f"http://127.0.0.1:{port}"
uvicorn.run(fake.app, host="127.0.0.1", port=port, log_level="error", lifespan="off")
"""


@contextlib.contextmanager
def loopback_ark() -> Iterator[str]:
    """A FakeArk served by uvicorn on 127.0.0.1 in its own process (so its work does not
    share the benchmark's GIL); yields the base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port), KEY])
    try:
        deadline = time.monotonic() + 20
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the loopback fake did not start")
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port}/api/v3"
    finally:
        server.terminate()
        server.wait(timeout=10)


async def _median_async(fn: Callable[[], Awaitable[Any]], rounds: int) -> float:
    for _ in range(5):
        await fn()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        await fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


BODY = {"model": "seedance-1-5-pro-251215", "content": [{"type": "text", "text": PROMPT}]}


def bench_ark_overhead(rounds: int) -> None:
    """Per submit+get: each client's total, and its own cost above raw httpx making the
    same two requests (the server's time is the same for all and is most of the total)."""
    from byteplussdkarkruntime import Ark

    from seedance import Client

    print("submit + get against a loopback FakeArk in its own process (median per call)")
    with loopback_ark() as url, tempfile.TemporaryDirectory() as tmp:
        sdk = Ark(base_url=url, api_key=KEY)
        raw = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {KEY}"})

        def raw_calls() -> None:
            created = raw.post(TASKS, json={**BODY, "duration": 5}).json()
            raw.get(f"{TASKS}/{created['id']}").json()

        def sdk_calls() -> None:
            created = sdk.content_generation.tasks.create(**BODY, duration=5)
            sdk.content_generation.tasks.get(task_id=created.id)

        with (
            Client("ark", api_key=KEY, base_url=url, journal=False) as plain,
            Client("ark", api_key=KEY, base_url=url, journal=Path(tmp) / "j.sqlite3") as kept,
        ):

            def seedance_calls(client: Client = plain) -> None:
                client.get(client.submit(PROMPT, duration=5))

            times: dict[str, list[float]] = {"raw": [], "sdk": [], "ours": [], "journal": []}
            for _ in range(3):  # interleaved, so drift in machine load hits all
                times["raw"].append(timed(raw_calls, rounds))
                times["sdk"].append(timed(sdk_calls, rounds))
                times["ours"].append(timed(seedance_calls, rounds))
                times["journal"].append(timed(lambda: seedance_calls(kept), rounds))
        sdk.close()
        raw.close()
        best = {name: min(values) * 1e3 for name, values in times.items()}
        _rows("sync Client", "Ark", best)
        row(
            "  sync Client + journal vs Ark: total",
            best["journal"],
            best["sdk"],
            "ms",
            "informational",
        )
        asyncio.run(_bench_async(url, rounds))


def _rows(ours: str, theirs: str, best: dict[str, float]) -> None:
    row(f"{ours} vs {theirs}: total", best["ours"], best["sdk"], "ms", "informational")
    row(
        f"{ours} vs {theirs}: above raw httpx",
        best["ours"] - best["raw"],
        best["sdk"] - best["raw"],
        "ms",
        "<= 0.67",
    )


async def _bench_async(url: str, rounds: int) -> None:
    from byteplussdkarkruntime import AsyncArk

    from seedance import AsyncClient

    sdk = AsyncArk(base_url=url, api_key=KEY)
    async with (
        httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {KEY}"}) as raw,
        AsyncClient("ark", api_key=KEY, base_url=url, journal=False) as client,
    ):

        async def raw_calls() -> None:
            created = (await raw.post(TASKS, json={**BODY, "duration": 5})).json()
            (await raw.get(f"{TASKS}/{created['id']}")).json()

        async def sdk_calls() -> None:
            created = await sdk.content_generation.tasks.create(**BODY, duration=5)
            await sdk.content_generation.tasks.get(task_id=created.id)

        async def seedance_calls() -> None:
            await client.get(await client.submit(PROMPT, duration=5))

        times: dict[str, list[float]] = {"raw": [], "sdk": [], "ours": []}
        for _ in range(3):
            times["raw"].append(await _median_async(raw_calls, rounds))
            times["sdk"].append(await _median_async(sdk_calls, rounds))
            times["ours"].append(await _median_async(seedance_calls, rounds))
    await sdk.close()
    _rows("AsyncClient", "AsyncArk", {name: min(v) * 1e3 for name, v in times.items()})


def bench_ark_import(runs: int) -> None:
    print("import time (median of fresh interpreters, interpreter start subtracted)")
    empty = import_seconds("pass", runs)
    ours = import_seconds("import seedance", runs) - empty
    ark = import_seconds("import byteplussdkarkruntime", runs) - empty
    row("import seedance vs byteplussdkarkruntime", ours * 1e3, ark * 1e3, "ms", "<= 0.5")
    # What a first Ark call costs on top: the adapter and its generated client.
    used = import_seconds("import seedance; seedance.list_models('ark')", runs) - empty
    row("  seedance + Ark adapter vs the SDK", used * 1e3, ark * 1e3, "ms", "informational")


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


async def _many_waits(tasks: int, schedule: Any, clock: Any) -> dict[str, float]:
    from seedance import AsyncClient
    from seedance.testing.ark import FakeArk

    fake = FakeArk(api_key=KEY, clock=clock, queued_for=20, running_for=60, max_queued=10**9)
    counting = _Counting(fake.transport())
    async with AsyncClient(
        "ark",
        api_key=KEY,
        transport=counting,
        base_url="http://fake",
        poll_schedule=schedule,
        journal=False,
        clock=clock,
    ) as client:

        async def one() -> None:
            await client.wait(await client.submit(PROMPT), timeout=36_000)

        await asyncio.gather(*(one() for _ in range(tasks)))
    return {
        "requests": float(counting.lists + counting.gets),
        "polls": float(counting.listed + counting.gets),
    }


def bench_ark_many_waits(tasks: int) -> None:
    """Status requests for many concurrent waits (default schedule, jitter and all),
    beside one get per task per poll (the task-polls the same run made)."""
    import looptime

    from seedance.testing.clock import LoopClock

    print(f"{tasks} concurrent waits on one AsyncClient against FakeArk (virtual time)")
    loop = looptime.new_event_loop(start=0)
    result = loop.run_until_complete(_many_waits(tasks, None, LoopClock()))
    row(
        "status requests vs get per task-poll", result["requests"], result["polls"], "req", "<= 0.1"
    )


def bench_ark(quick: bool) -> None:
    """Every Ark benchmark; ``quick`` for a smoke run."""
    rounds, runs, tasks = (20, 3, 500) if quick else (200, 10, 500)
    bench_ark_overhead(rounds)
    bench_ark_import(runs)
    bench_ark_many_waits(tasks)


if __name__ == "__main__":
    import sys

    bench_ark("--quick" in sys.argv)
