"""The fake Pixazo behaves like the service its spec and notes describe."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from seedance.testing import FakeClock, FakePixazo
from seedance.testing.faults import CallbackMode
from tests.support.receiver import Receiver

pytestmark = pytest.mark.anyio

KEY = "test-key"
AUTH = {"Ocp-Apim-Subscription-Key": KEY, "Cache-Control": "no-cache"}
T2V = "/byteplus/v1/generateVideoTask"
I2V = "/byteplus/v1/generateImage2VideoTask"
RESULT = "/bytedance-polling/getVideoResult"
PROMPT = (
    "a red fox in snow --ratio 9:16 --resolution 1080p --duration 8 --camerafixed true --seed 42"
)
BODY = {"model": "seedance-1-0-lite-t2v-250428", "text": PROMPT}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def receiver() -> Receiver:
    return Receiver()


@pytest.fixture
def fake(clock: FakeClock, receiver: Receiver) -> FakePixazo:
    return FakePixazo(
        api_key=KEY, clock=clock, callback_transport=httpx.ASGITransport(app=receiver.app)
    )


@pytest.fixture
async def http(fake: FakePixazo) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=fake.transport(), base_url="http://fake") as client:
        yield client


async def create(http: httpx.AsyncClient, body: dict[str, Any] = BODY, path: str = T2V) -> str:
    response = await http.post(path, json=body, headers=AUTH)
    assert response.status_code == 200, response.text
    assert set(response.json()) == {"id"}
    task_id: str = response.json()["id"]
    return task_id


async def result(http: httpx.AsyncClient, task_id: str) -> dict[str, Any]:
    response = await http.post(RESULT, json={"task_id": task_id}, headers=AUTH)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_lifecycle_queued_running_succeeded(
    http: httpx.AsyncClient, clock: FakeClock
) -> None:
    created = int(clock.time())
    task_id = await create(http)
    queued = await result(http, task_id)
    assert queued["status"] == "queued"
    assert "content" not in queued and "usage" not in queued and queued["error"] is None
    assert queued["created_at"] == queued["updated_at"] == created
    clock.advance(5)
    running = await result(http, task_id)
    assert running["status"] == "running" and running["updated_at"] == created + 5
    clock.advance(25)
    done = await result(http, task_id)
    assert done["status"] == "succeeded" and done["error"] is None
    assert done["created_at"] == created and done["updated_at"] == created + 30
    assert isinstance(done["created_at"], int) and isinstance(done["updated_at"], int)
    # The prompt's suffixes are the task's options.
    assert (done["ratio"], done["resolution"], done["duration"], done["seed"]) == (
        "9:16",
        "1080p",
        8,
        42,
    )
    assert done["model"] == "seedance-1-0-lite-t2v-250428" and done["framespersecond"] == 24
    assert done["content"]["video_url"].endswith(f"/{task_id}.mp4")
    assert done["content"]["last_frame_url"].endswith(f"/{task_id}.png")
    usage = done["usage"]
    assert usage["completion_tokens"] == usage["total_tokens"] > 0


async def test_ids_look_like_arks_and_are_stamped_with_beijing_time(
    http: httpx.AsyncClient, clock: FakeClock
) -> None:
    first, second = await create(http), await create(http)
    assert first != second
    stamp = datetime.fromtimestamp(clock.time(), timezone(timedelta(hours=8)))
    for task_id in (first, second):
        assert re.fullmatch(rf"cgt-{stamp:%Y%m%d%H%M%S}-[a-z0-9]{{5}}", task_id), task_id


async def test_video_downloads_as_mp4_with_range_support(
    http: httpx.AsyncClient, fake: FakePixazo, clock: FakeClock
) -> None:
    fake.video_size = 50_000
    task_id = await create(http)
    video_url = f"/_fake/media/{task_id}.mp4"
    assert (await http.get(video_url)).status_code == 404, "no video before success"
    clock.advance(30)
    url = (await result(http, task_id))["content"]["video_url"]
    whole = await http.get(url)
    assert whole.status_code == 200 and whole.headers["content-type"] == "video/mp4"
    assert whole.content[4:8] == b"ftyp" and len(whole.content) == 50_000
    part = await http.get(url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part.content == whole.content[100:200]
    assert part.headers["content-range"] == "bytes 100-199/50000"


async def test_content_form_and_defaults(http: httpx.AsyncClient, clock: FakeClock) -> None:
    body = {"content": [{"type": "text", "text": "a quiet lake --rt 21:9 --dur 3"}]}
    task_id = await create(http, body)
    clock.advance(30)
    done = await result(http, task_id)
    # No model: Pixazo's text-to-video default; the short Ark flags are understood.
    assert done["model"] == "seedance-1-0-lite-t2v-250428"
    assert (done["ratio"], done["duration"], done["resolution"]) == ("21:9", 3, "720p")
    # No seed: one is chosen and reported, the same on every read.
    assert isinstance(done["seed"], int) and done["seed"] >= 0
    assert (await result(http, task_id))["seed"] == done["seed"]


async def test_image_to_video(http: httpx.AsyncClient, fake: FakePixazo, clock: FakeClock) -> None:
    body = {
        "content": [
            {"type": "text", "text": "clouds drift --resolution 480p --duration 5"},
            {"type": "image_url", "image_url": "https://example.com/input.jpg"},
        ]
    }
    task_id = await create(http, body, path=I2V)
    assert fake.tasks.get(task_id) is not None
    clock.advance(30)
    done = await result(http, task_id)
    assert done["status"] == "succeeded"
    assert done["model"] == "seedance-1-0-lite-i2v-250428"
    assert (done["ratio"], done["resolution"]) == ("adaptive", "480p")


async def test_ark_shaped_image_is_refused(http: httpx.AsyncClient, fake: FakePixazo) -> None:
    body = {"content": [{"type": "image_url", "image_url": {"url": "https://x/y.png"}}]}
    response = await http.post(I2V, json=body, headers=AUTH)
    assert response.status_code == 400
    assert response.json()["error"].startswith("content.0")
    assert len(fake.tasks) == 0


async def test_failed_task_reports_an_error_and_no_result(
    http: httpx.AsyncClient, fake: FakePixazo, clock: FakeClock
) -> None:
    fake.faults.fail_tasks = True
    task_id = await create(http)
    clock.advance(10)
    assert (await result(http, task_id))["status"] == "running"
    clock.advance(20)
    failed = await result(http, task_id)
    assert failed["status"] == "failed"
    assert failed["error"]["code"] and failed["error"]["message"]
    assert "content" not in failed and "usage" not in failed
    assert (await http.get(f"/_fake/media/{task_id}.mp4")).status_code == 404


@pytest.mark.parametrize("path", [T2V, I2V, RESULT])
@pytest.mark.parametrize(
    "headers", [{}, {"Ocp-Apim-Subscription-Key": "wrong"}, {"Authorization": f"Bearer {KEY}"}]
)
async def test_missing_or_wrong_key_is_401(
    http: httpx.AsyncClient, fake: FakePixazo, path: str, headers: dict[str, str]
) -> None:
    response = await http.post(path, json=BODY, headers=headers)
    assert response.status_code == 401
    assert response.json() == {"error": "Invalid or missing authentication"}
    assert len(fake.tasks) == 0


@pytest.mark.parametrize(
    ("path", "body", "field", "words"),
    [
        (T2V, {"text": "fox --ratio 2:1"}, "text", "--ratio 2:1"),
        (T2V, {"text": "fox --duration 20"}, "text", "--duration 20"),
        (T2V, {"text": "fox --duration five"}, "text", "not an integer"),
        (T2V, {"text": "fox --resolution 4k"}, "text", "--resolution 4k"),
        (T2V, {"text": "fox --camerafixed maybe"}, "text", "camerafixed"),
        (T2V, {"text": "fox --seed 4294967296"}, "text", "seed"),
        (T2V, {"content": [{"type": "text", "text": "x --rt 5:4"}]}, "content.0.text", "--rt 5:4"),
        (T2V, {"model": "seedance-1-5-pro-251215", "text": "x --dur 2"}, "text", "4..12"),
        (T2V, {}, "body", "'text' or 'content'"),
        (T2V, {"text": 5}, "text", "not of type 'string'"),
        (T2V, {"content": [{"type": "text"}]}, "content.0.text", "is required"),
        (I2V, {"model": "m"}, "content", "is required"),
        (I2V, {"content": [{"type": "video_url"}]}, "content.0", ""),
        (RESULT, {}, "task_id", "is required"),
        (RESULT, {"task_id": 7}, "task_id", "not of type 'string'"),
    ],
)
async def test_invalid_input_is_400_naming_the_field(
    http: httpx.AsyncClient,
    fake: FakePixazo,
    path: str,
    body: dict[str, Any],
    field: str,
    words: str,
) -> None:
    response = await http.post(path, json=body, headers=AUTH)
    assert response.status_code == 400
    assert set(response.json()) == {"error"}
    message: str = response.json()["error"]
    assert message.startswith(f"{field}: "), message
    assert words in message
    assert len(fake.tasks) == 0


async def test_valid_flags_at_the_edges_are_accepted(http: httpx.AsyncClient) -> None:
    for text in ("x --duration 2", "x --duration 12", "x --seed -1", "x --ratio adaptive"):
        await create(http, {"text": text})
    response = await http.post(
        T2V, json={"model": "seedance-1-5-pro-251215", "text": "x --duration -1"}, headers=AUTH
    )
    assert response.status_code == 200


async def test_body_that_is_not_json_is_400(http: httpx.AsyncClient) -> None:
    response = await http.post(
        T2V, content=b"{nope", headers={**AUTH, "Content-Type": "application/json"}
    )
    assert response.status_code == 400 and "error" in response.json()


async def test_cache_control_must_be_no_cache_when_sent(http: httpx.AsyncClient) -> None:
    headers = {**AUTH, "Cache-Control": "max-age=0"}
    response = await http.post(T2V, json=BODY, headers=headers)
    assert response.status_code == 400
    assert response.json()["error"].startswith("Cache-Control: ")
    without = {"Ocp-Apim-Subscription-Key": KEY}
    assert (await http.post(T2V, json=BODY, headers=without)).status_code == 200


async def test_unknown_task_is_404(http: httpx.AsyncClient) -> None:
    response = await http.post(RESULT, json={"task_id": "cgt-20250910201045-nope0"}, headers=AUTH)
    assert response.status_code == 404
    assert "cgt-20250910201045-nope0" in response.json()["error"]


async def test_callbacks_on_every_status_change_in_order(
    http: httpx.AsyncClient, fake: FakePixazo, clock: FakeClock, receiver: Receiver
) -> None:
    created = int(clock.time())
    task_id = await create(http, {**BODY, "callback_url": "http://receiver/cb/1"})
    await fake.advance(0)
    assert [c["status"] for c in receiver.received] == ["queued"]
    await fake.advance(60)  # jumps over running and the end: both are still reported
    assert [c["status"] for c in receiver.received] == ["queued", "running", "succeeded"]
    assert [c["updated_at"] for c in receiver.received] == [created, created + 5, created + 30]
    assert all(c["id"] == task_id for c in receiver.received)
    assert receiver.received[1].get("content") is None
    # The last callback is what polling answers.
    assert receiver.received[-1] == await result(http, task_id)
    await fake.advance(60)
    assert len(receiver.received) == 3, "each change is reported once"


async def test_each_callback_carries_the_status_it_reports(
    clock: FakeClock, receiver: Receiver
) -> None:
    """Even changes at the same instant (no time queued) are reported one by one."""
    fake = FakePixazo(
        api_key=KEY,
        clock=clock,
        queued_for=0,
        running_for=10,
        callback_transport=httpx.ASGITransport(app=receiver.app),
    )
    async with httpx.AsyncClient(transport=fake.transport(), base_url="http://fake") as http:
        await create(http, {**BODY, "callback_url": "http://receiver/cb/1"})
    await fake.advance(10)
    assert [c["status"] for c in receiver.received] == ["queued", "running", "succeeded"]


async def test_failed_task_callback(
    http: httpx.AsyncClient, fake: FakePixazo, receiver: Receiver
) -> None:
    fake.faults.fail_tasks = True
    await create(http, {**BODY, "callback_url": "http://receiver/cb/1"})
    await fake.advance(60)
    last = receiver.received[-1]
    assert last["status"] == "failed" and last["error"]["message"]


@pytest.mark.parametrize("mode", ["drop", "duplicate", "reorder"])
async def test_callback_faults(
    http: httpx.AsyncClient, fake: FakePixazo, receiver: Receiver, mode: CallbackMode
) -> None:
    fake.faults.callbacks = mode
    first = await create(http, {**BODY, "callback_url": "http://receiver/cb/1"})
    second = await create(http, {**BODY, "callback_url": "http://receiver/cb/2"})
    await fake.advance(60)
    got = [(c["id"], c["status"]) for c in receiver.received]
    in_order = [
        (task, status) for task in (first, second) for status in ("queued", "running", "succeeded")
    ]
    expected = {
        "drop": [],
        "duplicate": [item for item in in_order for _ in (0, 1)],
        "reorder": in_order[::-1],
    }
    assert got == expected[mode]
