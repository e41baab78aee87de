"""Four processes, one API key, one journal: do they share Apikley's limits?

    python -m bench.multiprocess                 # 40 tasks over 4 processes (about 30 s)
    python -m bench.multiprocess --tasks 200 --journal postgresql://...

A fake Apikley over loopback enforces the spec's limits (20 creates per 10 s, 10 status
reads per s, sliding windows). Each process is its own ``AsyncClient`` on the same journal
(SQLite by default), submitting its share of the tasks and waiting for them; the journal's
token buckets are the only coordination. Reported: 429 answers (the target is zero), and
how close the creates run to the limit: the span from the first to the last accepted
create beside the least span the limit allows at its sustained rate, ``(n - 1) * 10 / 20``
seconds (target within 1.10x), and beside the strict bound of a sliding window that lets a
burst of 20 through at once, ``floor((n - 1) / 20) * 10`` seconds (our buckets never
burst, so this ratio is near 2 for a few dozen tasks and tends to 1.05 for thousands).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import multiprocessing
import tempfile
import time
from pathlib import Path
from typing import Any

KEY = "bench-multiprocess-key"
CREATE = "/api/v1/jobs/createTask"
RECORD = "/api/v1/jobs/recordInfo"


class _Recorder:
    """ASGI middleware: (wall time, method, path, status) of every answer."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.answers: list[tuple[float, str, str, int]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def record(message: Any) -> None:
            if message["type"] == "http.response.start":
                self.answers.append(
                    (time.time(), scope["method"], scope["path"], int(message["status"]))
                )
            await send(message)

        await self.app(scope, receive, record)


def _worker(url: str, journal: str, prompts: list[str], go: Any, out: Any) -> None:
    """One process: submit its prompts, wait for each (spawned: imports happen here)."""
    from seedance import AsyncClient, PollSchedule

    async def run() -> tuple[int, int]:
        schedule = PollSchedule(steps=((math.inf, 1.0),), jitter=0.2)
        async with AsyncClient(
            "apikley", api_key=KEY, base_url=url, journal=journal, poll_schedule=schedule
        ) as client:

            async def one(prompt: str) -> bool:
                task = await client.submit(prompt, idempotency_key=prompt)
                done = await client.wait(task, timeout=600, raise_on_failure=False)
                return done.succeeded

            go.wait(60)
            ok = await asyncio.gather(*(one(p) for p in prompts))
            return sum(ok), len(ok)

    out.put(asyncio.run(run()))


def measure(tasks: int = 40, processes: int = 4, journal: str | None = None) -> dict[str, Any]:
    from seedance.serving import serve_in_thread
    from seedance.testing import FakeApikley

    fake = FakeApikley(api_key=KEY, queued_for=1.0, running_for=2.0)
    recorder = _Recorder(fake.app)
    with tempfile.TemporaryDirectory() as tmp, serve_in_thread(recorder) as url:
        fake.public_url = url
        spec = journal or str(Path(tmp) / "journal.sqlite3")
        context = multiprocessing.get_context("spawn")
        go, out = context.Event(), context.Queue()
        prompts = [f"bench fox number {i:05d}" for i in range(tasks)]
        workers = [
            context.Process(target=_worker, args=(url, spec, prompts[i::processes], go, out))
            for i in range(processes)
        ]
        for worker in workers:
            worker.start()
        time.sleep(2.0)  # every process imported and waiting (spawn start-up)
        started = time.time()
        go.set()
        results = [out.get(timeout=900) for _ in workers]
        elapsed = time.time() - started
        for worker in workers:
            worker.join(timeout=30)
    answers = recorder.answers
    created = sorted(t for t, m, p, s in answers if p == CREATE and s == 200)
    span = created[-1] - created[0] if len(created) > 1 else 0.0
    sustained = (len(created) - 1) * 10 / 20
    burst = math.floor((len(created) - 1) / 20) * 10
    return {
        "tasks": tasks,
        "processes": processes,
        "succeeded": sum(ok for ok, _ in results),
        "creates_accepted": len(created),
        "create_429": sum(1 for _, _, p, s in answers if p == CREATE and s == 429),
        "read_429": sum(1 for _, _, p, s in answers if p == RECORD and s == 429),
        "reads": sum(1 for _, _, p, _ in answers if p == RECORD),
        "elapsed_s": round(elapsed, 2),
        "create_span_s": round(span, 2),
        "sustained_bound_s": sustained,
        "ratio_to_sustained": round(span / sustained, 3) if sustained else None,
        "burst_bound_s": burst,
        "ratio_to_burst": round(span / burst, 3) if burst else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--tasks", type=int, default=40)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--journal", help="a path or postgresql:// DSN (default: a temp SQLite)")
    args = parser.parse_args(argv)
    figures = measure(args.tasks, args.processes, args.journal)
    for name, value in figures.items():
        print(f"{name:>20}: {value}")
    return 0 if figures["create_429"] == figures["read_429"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
