"""Callbacks vs polling, over real loopback sockets and real time.

The fake Apikley runs in its own uvicorn thread; the callback receiver shares the
client's event loop. For each task, in both modes: how long after the task finished at
the provider ``wait()`` returned, and how many status requests it took.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any

from bench.report import Figure
from seedance import AsyncClient
from seedance.serving import serve_in_loop, serve_in_thread
from seedance.testing import FakeApikley

KEY = "bench-key"


def bench_callbacks(tasks: int, rounds: int) -> list[Figure]:
    with_cb: list[dict[str, float]] = []
    polling: list[dict[str, float]] = []
    for _ in range(rounds):  # interleaved
        polling.append(_run(tasks, callbacks=False))
        with_cb.append(_run(tasks, callbacks=True))
    section = f"callbacks, {tasks} tasks, loopback"
    return [
        Figure(
            section,
            "wait() returns after the task finished",
            [r["lag_ms"] for r in with_cb],
            [r["lag_ms"] for r in polling],
            "ms",
            "polling only",
            value_range=(0, 100),
            note="real time, median per round",
        ),
        Figure(
            section,
            "status requests per task",
            [r["gets"] for r in with_cb],
            [r["gets"] for r in polling],
            "req",
            "polling only",
            value_range=(1, 1),
            note="the confirming fetch only",
        ),
    ]


def _run(tasks: int, *, callbacks: bool) -> dict[str, float]:
    # limits off (documented switch), as the client here: this measures callbacks vs polls
    fake = FakeApikley(api_key=KEY, queued_for=0.5, running_for=4.0, create_limit=0, read_limit=0)
    with serve_in_thread(fake.app) as fake_url:
        fake.public_url = fake_url
        return asyncio.run(_scenario(fake, fake_url, tasks, callbacks))


async def _scenario(
    fake: FakeApikley, fake_url: str, tasks: int, callbacks: bool
) -> dict[str, float]:
    holder: dict[str, AsyncClient] = {}

    async def receiver(scope: Any, receive: Any, send: Any) -> None:
        await holder["client"].callback_receiver()(scope, receive, send)

    async with serve_in_loop(receiver) as receiver_url:
        client = AsyncClient(
            "apikley",
            api_key=KEY,
            base_url=fake_url,
            rate_limit=False,
            callback_url=receiver_url + "/hooks" if callbacks else None,
        )
        holder["client"] = client
        delivery = asyncio.ensure_future(fake.run_callbacks_forever(interval=0.01))
        lags: list[float] = []

        async def one(index: int) -> None:
            await asyncio.sleep(index * 0.05)  # tasks end one by one, as in real use
            task = await client.submit("a red fox in snow")
            done = await client.wait(task, timeout=120)
            seen = time.time()
            fake_task = fake.tasks.get(done.id)
            assert fake_task is not None
            lags.append(seen - fake_task.finished_at)  # both modes: from the task's finish

        try:
            await asyncio.gather(*(one(i) for i in range(tasks)))
        finally:
            delivery.cancel()
            gets = client.request_counts.get("get_task_details", 0)
            await client.aclose()
    return {"lag_ms": statistics.median(lags) * 1000, "gets": gets / tasks}
