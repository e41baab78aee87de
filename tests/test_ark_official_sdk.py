"""The official BytePlus Ark SDK against our fake Ark over loopback HTTP.

If the vendor's own client can create, read, list and delete tasks on the fake and parse
every answer, the fake (and the spec it follows) speaks Ark as Ark's SDK expects. This is
how the SDK's habit of sending null for every optional create field was found: the spec
marks them nullable and the fake reads null as absent.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from seedance.testing.ark import FakeArk

sdk = pytest.importorskip("byteplussdkarkruntime")
ArkNotFoundError = sdk._exceptions.ArkNotFoundError

KEY = "ark-sdk-test-key"
TASKS = "/api/v3/contents/generations/tasks"


class Capture:
    """ASGI middleware keeping the JSON body of every POST, as it came over the wire."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.bodies: list[Any] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []

        async def recorded() -> Any:
            message = await receive()
            if message["type"] == "http.request":
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    self.bodies.append(json.loads(b"".join(chunks)))
            return message

        await self.app(scope, recorded, send)


@pytest.fixture
def served() -> Iterator[tuple[FakeArk, Capture, str]]:
    """FakeArk on 127.0.0.1 (random port) in a background thread, on real time."""
    import uvicorn

    fake = FakeArk(api_key=KEY, queued_for=0.3, running_for=0.3)
    capture = Capture(fake.app)
    config = uvicorn.Config(capture, host="127.0.0.1", port=0, log_level="error", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while not server.started:
        assert time.monotonic() < deadline, "the fake did not start"
        time.sleep(0.005)
    port = server.servers[0].sockets[0].getsockname()[1]
    fake.public_url = f"http://127.0.0.1:{port}"
    try:
        yield fake, capture, f"http://127.0.0.1:{port}/api/v3"
    finally:
        server.should_exit = True
        thread.join(timeout=5)


def wait_for(get: Any, task_id: str, status: str, seconds: float = 2.0) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        task = get(task_id=task_id)
        if task.status == status or time.monotonic() > deadline:
            return task
        time.sleep(0.05)


def test_the_official_sdk_creates_gets_lists_and_deletes_on_the_fake(
    served: tuple[FakeArk, Capture, str],
) -> None:
    fake, capture, base_url = served
    client = sdk.Ark(base_url=base_url, api_key=KEY)
    tasks = client.content_generation.tasks

    created = tasks.create(
        model="seedance-1-5-pro-251215",
        content=[
            {"type": "text", "text": "a paper boat on a quiet lake"},
            {"type": "image_url", "image_url": {"url": "https://example.com/first.png"}},
        ],
        ratio="16:9",
        duration=5,
        return_last_frame=True,
    )
    assert created.id.startswith("cgt-")
    wire = capture.bodies[0]
    assert wire["safety_identifier"] is None and wire["seed"] is None, "null for not given"
    assert wire["resolution"] is None and wire["service_tier"] is None

    first = tasks.get(task_id=created.id)
    assert (first.id, first.model, first.status) == (
        created.id,
        "seedance-1-5-pro-251215",
        "queued",
    )
    assert (first.ratio, first.duration, first.framespersecond) == ("16:9", 5, 24)

    done = wait_for(tasks.get, created.id, "succeeded")
    assert done.status == "succeeded"
    assert done.content.video_url == f"{fake.public_url}/_fake/media/{created.id}.mp4"
    assert done.content.last_frame_url.endswith(".png")
    assert done.usage.completion_tokens > 0 and done.created_at <= done.updated_at

    queued = tasks.create(model="seedance-1-0-pro-250528", content=[{"type": "text", "text": "x"}])
    listed = tasks.list(page_size=10, task_ids=[created.id, queued.id])
    assert listed.total == 2
    assert [t.id for t in listed.items] == [queued.id, created.id]  # newest first
    assert listed.items[1].content.video_url == done.content.video_url

    tasks.delete(queued.id)  # queued: cancelled
    assert tasks.get(task_id=queued.id).status == "cancelled"
    tasks.delete(created.id)  # finished: its record is deleted
    with pytest.raises(ArkNotFoundError) as caught:
        tasks.get(task_id=created.id)
    assert caught.value.status_code == 404
    assert [m for m, p in fake.requests if p.startswith(TASKS)].count("DELETE") == 2
