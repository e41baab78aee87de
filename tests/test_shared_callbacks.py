"""Callbacks received anywhere: with a PostgreSQL journal, a callback that another process
confirms wakes the wait() of the process that submitted the task, through LISTEN/NOTIFY,
without a poll of its own (its polls are the 60 s safety net of a callback client)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from seedance import AsyncClient
from seedance.serving import serve_in_thread
from seedance.testing import FakeApikley
from seedance.testing.tasks import Phase

KEY = "shared-callbacks-key"
SECRET = "a shared callback secret of 32 b"
CALLBACK_URL = "http://127.0.0.1:9/seedance"  # never reached: the test delivers by hand

SUBMITTER = """
import asyncio, json, sys, time
from seedance import AsyncClient

async def main() -> None:
    async with AsyncClient(
        "apikley", api_key={key!r}, base_url={url!r}, journal={dsn!r},
        callback_url={callback!r}, callback_secret={secret!r},
    ) as client:
        task = await client.submit("a heron at dawn")
        print(json.dumps({{"id": task.id}}), flush=True)
        started = time.monotonic()
        done = await client.wait(task, timeout=45)
        print(json.dumps({{
            "status": done.status.value,
            "gets": client.request_counts.get("get_task_details", 0),
            "seconds": time.monotonic() - started,
        }}), flush=True)

asyncio.run(main())
"""


def _read_line(process: subprocess.Popen[str], timeout: float) -> dict[str, Any]:
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.append(process.stdout.readline()))  # type: ignore[union-attr]
    reader.start()
    reader.join(timeout)
    assert found and found[0].strip(), "the submitting process printed nothing"
    result: dict[str, Any] = json.loads(found[0])
    return result


def test_a_callback_confirmed_by_another_process_wakes_the_submitters_wait(
    postgres_dsn: str, tmp_path: Path
) -> None:
    fake = FakeApikley(api_key=KEY, queued_for=0.2, running_for=0.3)
    with serve_in_thread(fake.app) as url:
        fake.public_url = url
        script = tmp_path / "submitter.py"
        script.write_text(
            textwrap.dedent(SUBMITTER).format(
                key=KEY, url=url, dsn=postgres_dsn, callback=CALLBACK_URL, secret=SECRET
            )
        )
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        process = subprocess.Popen(
            [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=env
        )
        try:
            task_id = _read_line(process, 60)["id"]
            until = time.monotonic() + 20
            stored = fake.tasks.get(task_id)
            assert stored is not None
            while stored.phase(fake.clock.time()) is not Phase.SUCCEEDED:
                assert time.monotonic() < until, "the fake never finished the task"
                time.sleep(0.05)
            asyncio.run(_deliver_in_this_process(url, postgres_dsn, stored.callback_url, fake))
            result = _read_line(process, 60)
        finally:
            process.kill()
            process.wait(10)
    assert result["status"] == "succeeded"
    assert result["gets"] == 0, "the submitter polled: it was not woken by the notification"
    assert result["seconds"] < 45


async def _deliver_in_this_process(
    url: str, dsn: str, callback_url: str | None, fake: FakeApikley
) -> None:
    """Process B: another instance with the same secret and journal receives the callback."""
    assert callback_url is not None and callback_url.startswith(CALLBACK_URL)
    async with AsyncClient(
        "apikley",
        api_key=KEY,
        base_url=url,
        journal=dsn,
        callback_url=CALLBACK_URL,
        callback_secret=SECRET,
    ) as other:
        receiver = other.callback_receiver()
        transport = httpx.ASGITransport(app=receiver)
        async with httpx.AsyncClient(transport=transport, base_url="http://receiver") as http:
            body = {"code": 200, "data": {"taskId": _task_of(callback_url, fake)}}
            response = await http.post(callback_url.removeprefix(CALLBACK_URL) or "/", json=body)
            assert response.status_code == 200, response.text
        for _ in range(200):  # the confirmation runs as a job of the receiver
            if receiver.confirmed:
                break
            await asyncio.sleep(0.05)
        assert receiver.confirmed == 1


def _task_of(callback_url: str, fake: FakeApikley) -> str:
    for task in fake.tasks.all():
        if task.callback_url == callback_url:
            return str(task.id)
    raise AssertionError("no task has that callback URL")
