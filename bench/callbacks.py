"""Callbacks vs polling, over real loopback sockets and real time.

The fake Apikley runs in its own uvicorn thread; the callback receiver shares the
client's event loop. For each task: how long after the provider sent its callback (or,
polling only, after the task finished) ``wait()`` returned, and how many status
requests it took.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any

from seedance import AsyncClient
from seedance.serving import serve_in_loop, serve_in_thread
from seedance.testing import FakeApikley

KEY = "bench-key"


def bench_callbacks(tasks: int) -> None:
    print(f"callbacks vs polling: {tasks} tasks over loopback, real time")
    with_cb = _run(tasks, callbacks=True)
    polling = _run(tasks, callbacks=False)
    print(
        f"  {'seen by wait() after the event (median)':<44} "
        f"callbacks {with_cb['lag_ms']:7.1f} ms   polling {polling['lag_ms']:7.1f} ms"
        "   (target: callbacks < 100 ms)"
    )
    print(
        f"  {'status requests per task':<44} "
        f"callbacks {with_cb['gets']:7.2f}      polling {polling['gets']:7.2f}"
        "      (target: callbacks = 1, the confirming fetch)"
    )


def _run(tasks: int, *, callbacks: bool) -> dict[str, float]:
    fake = FakeApikley(api_key=KEY, queued_for=0.5, running_for=4.0, create_limit=10**6)
    with serve_in_thread(fake.app) as fake_url:
        fake.public_url = fake_url
        return asyncio.run(_scenario(fake, fake_url, tasks, callbacks))


def _sent_at(fake: FakeApikley, task_id: str) -> float | None:
    """When the fake sent the task's callback (first attempt)."""
    times = [c.sent_at for c, _ in fake.outbox.sent if c.body["data"]["taskId"] == task_id]
    return min((t for t in times if t is not None), default=None)


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
            event = (_sent_at(fake, done.id) if callbacks else None) or fake_task.finished_at
            lags.append(seen - event)

        try:
            await asyncio.gather(*(one(i) for i in range(tasks)))
        finally:
            delivery.cancel()
            gets = client.request_counts.get("get_task_details", 0)
            await client.aclose()
    return {"lag_ms": statistics.median(lags) * 1000, "gets": gets / tasks}
