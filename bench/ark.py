"""Ark: seedance beside the official SDK (``byteplussdkarkruntime``) and raw httpx.

1. submit + get against one FakeArk in its own process: seedance, the SDK and raw httpx
   making the same two requests, interleaved; each ratio is of totals, round by round (a
   ratio of small differences, "cost above raw httpx", is noise and came out negative).
2. import + first client in a fresh process: seedance vs the SDK.
3. 500 concurrent waits in virtual time: status requests with Ark's batched list, beside
   the same 500 waits measured with one get per task per poll (no list).
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from bench._server import KEY, serve
from bench._timing import interleaved, interleaved_async, interleaved_processes
from bench.report import Figure

PROMPT = "a paper boat drifts on a quiet lake"
TASKS = "/contents/generations/tasks"
BODY = {"model": "seedance-1-5-pro-251215", "content": [{"type": "text", "text": PROMPT}]}
SECTION = "Ark"


def overhead(rounds: int, calls: int) -> list[Figure]:
    from byteplussdkarkruntime import Ark  # type: ignore[import-untyped]

    from seedance import Client

    with serve("ark") as url:
        sdk = Ark(base_url=url, api_key=KEY)
        raw = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {KEY}"})
        ours = Client("ark", api_key=KEY, base_url=url, journal=False)

        def raw_calls() -> None:
            created = raw.post(TASKS, json={**BODY, "duration": 5}).json()
            raw.get(f"{TASKS}/{created['id']}").json()

        def sdk_calls() -> None:
            created = sdk.content_generation.tasks.create(**BODY, duration=5)
            sdk.content_generation.tasks.get(task_id=created.id)

        def our_calls() -> None:
            ours.get(ours.submit(PROMPT, duration=5))

        try:
            times = interleaved(
                {"raw": raw_calls, "sdk": sdk_calls, "ours": our_calls}, rounds, calls
            )
        finally:
            sdk.close()
            raw.close()
            ours.close()
        figures = _figures("sync Client", "Ark", "httpx.Client", times)
        times = asyncio.run(_overhead_async(url, rounds, calls))
    return figures + _figures("AsyncClient", "AsyncArk", "httpx.AsyncClient", times)


def _figures(ours: str, sdk: str, raw: str, times: dict[str, list[float]]) -> list[Figure]:
    ms = {name: [t * 1e3 for t in values] for name, values in times.items()}
    return [
        Figure(SECTION, f"{ours}, per submit+get", ms["ours"], ms["sdk"], "ms", f"SDK {sdk}"),
        Figure(SECTION, f"{ours}, per submit+get", ms["ours"], ms["raw"], "ms", raw),
    ]


async def _overhead_async(url: str, rounds: int, calls: int) -> dict[str, list[float]]:
    from byteplussdkarkruntime import AsyncArk

    from seedance import AsyncClient

    sdk = AsyncArk(base_url=url, api_key=KEY)
    async with (
        httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {KEY}"}) as raw,
        AsyncClient("ark", api_key=KEY, base_url=url, journal=False) as ours,
    ):

        async def raw_calls() -> None:
            created = (await raw.post(TASKS, json={**BODY, "duration": 5})).json()
            (await raw.get(f"{TASKS}/{created['id']}")).json()

        async def sdk_calls() -> None:
            created = await sdk.content_generation.tasks.create(**BODY, duration=5)
            await sdk.content_generation.tasks.get(task_id=created.id)

        async def our_calls() -> None:
            await ours.get(await ours.submit(PROMPT, duration=5))

        try:
            return await interleaved_async(
                {"raw": raw_calls, "sdk": sdk_calls, "ours": our_calls}, rounds, calls
            )
        finally:
            await sdk.close()


IMPORT_OURS = """
import time
start = time.perf_counter()
import seedance
client = seedance.Client("ark", api_key="bench-key")
print(time.perf_counter() - start)
client.close()
"""
IMPORT_SDK = """
import time
start = time.perf_counter()
from byteplussdkarkruntime import Ark
client = Ark(api_key="bench-key")
print(time.perf_counter() - start)
client.close()
"""


def import_cost(runs: int) -> list[Figure]:
    times = interleaved_processes({"ours": IMPORT_OURS, "sdk": IMPORT_SDK}, runs)
    return [
        Figure(
            SECTION,
            "import + first client",
            [t * 1e3 for t in times["ours"]],
            [t * 1e3 for t in times["sdk"]],
            "ms",
            "SDK: import + Ark()",
            note="fresh process",
        )
    ]


class _Counting(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.requests = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and TASKS in request.url.path:
            self.requests += 1  # a list (many tasks) or a get (one)
        return await self.inner.handle_async_request(request)


async def _many_waits(tasks: int, batched: bool) -> float:
    from seedance import AsyncClient
    from seedance._polling import Poller
    from seedance.testing.ark import FakeArk
    from seedance.testing.clock import LoopClock

    clock = LoopClock()
    fake = FakeArk(api_key=KEY, clock=clock, queued_for=20, running_for=60, max_queued=10**9)
    counting = _Counting(fake.transport())
    async with AsyncClient(
        "ark", api_key=KEY, transport=counting, base_url="http://fake", journal=False, clock=clock
    ) as client:
        if not batched:  # the same poller, one get per task per poll
            client._poller = Poller(
                fetch_one=client.get, fetch_many=None, batch_size=1, clock=client.clock
            )

        async def one() -> Any:
            return await client.wait(await client.submit(PROMPT), timeout=36_000)

        await asyncio.gather(*(one() for _ in range(tasks)))
    return float(counting.requests)


def many_waits(tasks: int, rounds: int) -> list[Figure]:
    import looptime

    ours: list[float] = []
    unbatched: list[float] = []
    for _ in range(rounds):
        for batched, out in ((False, unbatched), (True, ours)):
            loop = looptime.new_event_loop(start=0)
            out.append(loop.run_until_complete(_many_waits(tasks, batched)))
            loop.close()
    return [
        Figure(
            SECTION,
            f"status requests for {tasks} concurrent waits",
            ours,
            unbatched,
            "req",
            "one get per task per poll (measured)",
            ratio_range=(0, 0.1),
        )
    ]


def bench_ark(quick: bool) -> list[Figure]:
    rounds, calls, runs = (2, 20, 3) if quick else (5, 40, 6)
    return overhead(rounds, calls) + import_cost(runs) + many_waits(500, 1 if quick else 2)
