"""A batch of requests against the fake Apikley with its real limits (virtual time): the
time it takes beside the least time the create limit allows, and the 429s it drew."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import httpx

from bench.report import Figure

KEY = "bench-key"
QUEUED, RUNNING = 5.0, 25.0


def bench_batch(requests: int) -> list[Figure]:
    import looptime

    loop = looptime.new_event_loop(start=0)
    result = loop.run_until_complete(_batch(requests))
    loop.close()
    # the least time: 20 creates at once, then 20 per 10 s, and the last task's run
    bound = max(0, requests - 20) / 20 * 10 + QUEUED + RUNNING
    section = f"batch of {requests}, journal on"
    return [
        Figure(
            section,
            "time to finish every task",
            [result["elapsed"]],
            [bound],
            "s",
            "least the create limit allows",
            ratio_range=(0, 1.10),
            note="virtual time",
        ),
        Figure(
            section,
            "429 answers",
            [result["refused"]],
            [0.0],
            "",
            "none",
            value_range=(0, 0),
            by_value=True,
        ),
    ]


async def _batch(requests: int) -> dict[str, float]:
    from seedance import AsyncClient, run_batch
    from seedance.testing import FakeApikley
    from seedance.testing.clock import LoopClock

    clock = LoopClock()  # the client's too: its rate limits move in virtual time
    fake = FakeApikley(api_key=KEY, clock=clock, queued_for=QUEUED, running_for=RUNNING)
    transport = _Refusals(fake.transport())
    loop = asyncio.get_running_loop()
    start = loop.time()
    with tempfile.TemporaryDirectory() as tmp:
        async with AsyncClient(
            "apikley",
            api_key=KEY,
            transport=transport,
            journal=Path(tmp) / "journal.sqlite3",
            clock=clock,
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
    return {"elapsed": loop.time() - start, "refused": float(transport.refused)}


class _Refusals(httpx.AsyncBaseTransport):
    """Counts the 429 answers that reach the client."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.refused = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        answer = await self.inner.handle_async_request(request)
        self.refused += answer.status_code == 429
        return answer
