"""The fake GPTProto behaves like the service its spec and notes describe: two body shapes
on one path, each answered (and polled) in its own form."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from seedance.testing import FakeClock, FakeGptproto
from seedance.testing.faults import CallbackMode
from tests.support.receiver import Receiver

pytestmark = pytest.mark.anyio

KEY = "sk-test"
AUTH = {"Authorization": f"Bearer {KEY}"}
TASKS = "/api/v3/contents/generations/tasks"
PROMPT_BODY = {
    "model": "seedance-1-0-lite-i2v-250428",
    "prompt": "a red fox in snow --ratio 16:9 --resolution 720p",
    "duration": "10s",
    "dimension": "768:768",
    "seed": 12345,
}
ARK_BODY = {
    "model": "doubao-seedance-1-0-pro-250528",
    "content": [{"type": "text", "text": "a detective enters a dim room --ratio 4:3"}],
    "resolution": "480p",
    "duration": 6,
    "seed": 99,
}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def receiver() -> Receiver:
    return Receiver()


@pytest.fixture
def fake(clock: FakeClock, receiver: Receiver) -> FakeGptproto:
    return FakeGptproto(
        api_key=KEY, clock=clock, callback_transport=httpx.ASGITransport(app=receiver.app)
    )


@pytest.fixture
async def http(fake: FakeGptproto) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=fake.transport(), base_url="http://fake") as client:
        yield client


async def create(http: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await http.post(TASKS, json=body, headers=AUTH)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def get(http: httpx.AsyncClient, task_id: str) -> dict[str, Any]:
    response = await http.get(f"{TASKS}/{task_id}", headers=AUTH)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def test_prompt_shape_is_answered_and_polled_wrapped(
    http: httpx.AsyncClient, clock: FakeClock
) -> None:
    created = await create(http, PROMPT_BODY)
    assert created["code"] == 0 and created["message"] == "Success"
    assert set(created) == {"code", "message", "data"}
    task_id = created["data"]["task_id"]
    assert task_id.startswith("task_") and created["data"]["status"] == "pending"

    pending = await get(http, task_id)
    assert pending["code"] == 0 and set(pending) == {"code", "message", "data"}
    data = pending["data"]
    assert data["status"] == "pending" and data["model"] == PROMPT_BODY["model"]
    assert data["created_at"] == "2025-12-08T09:38:56Z"
    assert "video_url" not in data and "completed_at" not in data
    clock.advance(10)
    assert (await get(http, task_id))["data"]["status"] == "pending", "running is still pending"
    clock.advance(20)
    data = (await get(http, task_id))["data"]
    assert data["status"] == "completed"
    assert data["completed_at"] == "2025-12-08T09:39:26Z"
    video = await http.get(data["video_url"])
    assert video.status_code == 200 and video.content[4:8] == b"ftyp"
    part = await http.get(data["video_url"], headers={"Range": "bytes=0-7"})
    assert part.status_code == 206 and part.content == video.content[:8]
    assert part.headers["content-range"] == f"bytes 0-7/{len(video.content)}"


async def test_ark_shape_is_answered_and_polled_raw(
    http: httpx.AsyncClient, clock: FakeClock
) -> None:
    created = await create(http, ARK_BODY)
    assert set(created) == {"id"}
    task_id = created["id"]
    assert re.fullmatch(r"cgt-\d{14}-[a-z0-9]{5}", task_id)
    start = int(clock.time())

    queued = await get(http, task_id)
    assert "code" not in queued and queued["id"] == task_id and queued["status"] == "queued"
    # GPTProto sends seed and times as strings.
    assert queued["seed"] == "99"
    assert queued["created_at"] == queued["updated_at"] == str(start)
    clock.advance(5)
    running = await get(http, task_id)
    assert running["status"] == "running" and running["updated_at"] == str(start + 5)
    clock.advance(25)
    done = await get(http, task_id)
    assert done["status"] == "succeeded" and done["error"] is None
    # Top-level fields win; the text's suffix fills what they leave out.
    assert (done["resolution"], done["duration"], done["ratio"]) == ("480p", 6, "4:3")
    assert done["content"]["video_url"].endswith(f"/{task_id}.mp4")
    assert "last_frame_url" not in done["content"], "only with return_last_frame"
    assert done["usage"]["total_tokens"] > 0
    video = await http.get(done["content"]["video_url"])
    assert video.content[4:8] == b"ftyp"


async def test_last_frame_only_when_asked(http: httpx.AsyncClient, clock: FakeClock) -> None:
    task_id = (await create(http, {**ARK_BODY, "return_last_frame": True}))["id"]
    clock.advance(30)
    content = (await get(http, task_id))["content"]
    frame = await http.get(content["last_frame_url"])
    assert frame.status_code == 200 and frame.content.startswith(b"\x89PNG")


async def test_image_to_video_defaults_to_adaptive_ratio(
    http: httpx.AsyncClient, clock: FakeClock
) -> None:
    body = {
        "model": "doubao-seedance-2-0-fast-260128",
        "content": [
            {"type": "text", "text": "a girl holding a fox"},
            {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}},
        ],
        "generate_audio": True,
    }
    task = await get(http, (await create(http, body))["id"])
    assert task["ratio"] == "adaptive" and task["duration"] == 5
    assert int(task["seed"]) >= 0, "a seed is chosen and reported"


async def test_frames_instead_of_duration(http: httpx.AsyncClient) -> None:
    body = {k: v for k, v in ARK_BODY.items() if k != "duration"}
    task = await get(http, (await create(http, {**body, "frames": 241}))["id"])
    assert task["duration"] == 10


async def test_failed_tasks(http: httpx.AsyncClient, fake: FakeGptproto, clock: FakeClock) -> None:
    fake.faults.fail_tasks = True
    wrapped_id = (await create(http, PROMPT_BODY))["data"]["task_id"]
    raw_id = (await create(http, ARK_BODY))["id"]
    clock.advance(30)
    data = (await get(http, wrapped_id))["data"]
    assert data["status"] == "failed" and data["error"]
    assert "video_url" not in data and data["completed_at"]
    raw = await get(http, raw_id)
    assert raw["status"] == "failed"
    assert raw["error"]["code"] and raw["error"]["message"]
    assert "content" not in raw and "usage" not in raw


async def test_unfinished_task_expires(clock: FakeClock) -> None:
    fake = FakeGptproto(api_key=KEY, clock=clock, running_for=7200)
    async with httpx.AsyncClient(transport=fake.transport(), base_url="http://fake") as http:
        task_id = (await create(http, {**ARK_BODY, "execution_expires_after": 3600}))["id"]
        clock.advance(3599)
        assert (await get(http, task_id))["status"] == "running"
        clock.advance(1)
        assert (await get(http, task_id))["status"] == "expired"


@pytest.mark.parametrize("authorization", [f"Bearer {KEY}", KEY, f"bearer {KEY}"])
async def test_key_with_or_without_bearer(http: httpx.AsyncClient, authorization: str) -> None:
    response = await http.post(TASKS, json=ARK_BODY, headers={"Authorization": authorization})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Bearer"}, {"X-Api-Key": KEY}],
)
async def test_missing_or_wrong_key_is_401(
    http: httpx.AsyncClient, fake: FakeGptproto, headers: dict[str, str]
) -> None:
    for response in (
        await http.post(TASKS, json=ARK_BODY, headers=headers),
        await http.get(f"{TASKS}/task_x", headers=headers),
    ):
        assert response.status_code == 401
        error = response.json()["error"]
        assert error["code"] == "invalid_api_key" and error["type"] and error["message"]
    assert len(fake.tasks) == 0


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({**PROMPT_BODY, "duration": "7s"}, "duration", "'7s'"),
        ({**PROMPT_BODY, "dimension": "1:1"}, "dimension", "'1:1'"),
        ({**PROMPT_BODY, "seed": 0}, "seed", "minimum"),
        ({**PROMPT_BODY, "prompt": "x --ratio 2:1"}, "prompt", "--ratio 2:1"),
        ({**PROMPT_BODY, "prompt": "x --duration 20"}, "prompt", "--duration 20"),
        ({"prompt": "x"}, "model", "is required"),
        ({**ARK_BODY, "ratio": "2:1"}, "ratio", "'2:1'"),
        ({**ARK_BODY, "duration": 16}, "duration", "maximum"),
        ({**ARK_BODY, "resolution": "8k"}, "resolution", "'8k'"),
        (
            {**ARK_BODY, "content": [{"type": "text", "text": "x --rs 4k"}]},
            "content.0.text",
            "--rs 4k",
        ),
        (
            {**ARK_BODY, "content": [{"type": "image_url", "image_url": "https://x/y.png"}]},
            "content.0.image_url",
            "object",
        ),
        ({"content": []}, "model", "is required"),
    ],
)
async def test_invalid_input_is_400_naming_the_field(
    http: httpx.AsyncClient, fake: FakeGptproto, body: dict[str, Any], field: str, words: str
) -> None:
    response = await http.post(TASKS, json=body, headers=AUTH)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error" and error["code"] == "invalid_parameters"
    assert error["message"].startswith(f"{field}: "), error["message"]
    assert words in error["message"]
    assert len(fake.tasks) == 0


async def test_unknown_task_is_404(http: httpx.AsyncClient) -> None:
    response = await http.get(f"{TASKS}/task_missing", headers=AUTH)
    assert response.status_code == 404
    error = response.json()["error"]
    assert "task_missing" in error["message"] and error["type"] and error["code"]


async def test_callbacks_on_every_status_change_in_order(
    http: httpx.AsyncClient, fake: FakeGptproto, clock: FakeClock, receiver: Receiver
) -> None:
    start = int(clock.time())
    task_id = (await create(http, {**ARK_BODY, "callback_url": "http://receiver/cb/1"}))["id"]
    await fake.advance(6)
    assert [c["status"] for c in receiver.received] == ["queued", "running"]
    await fake.advance(60)
    assert [c["status"] for c in receiver.received] == ["queued", "running", "succeeded"]
    assert [c["updated_at"] for c in receiver.received] == [
        str(start),
        str(start + 5),
        str(start + 30),
    ]
    assert receiver.received[-1] == await get(http, task_id)
    # The prompt shape has no callback_url: nothing is sent for it.
    await create(http, PROMPT_BODY)
    await fake.advance(60)
    assert len(receiver.received) == 3


@pytest.mark.parametrize("mode", ["drop", "duplicate", "reorder"])
async def test_callback_faults(
    http: httpx.AsyncClient, fake: FakeGptproto, receiver: Receiver, mode: CallbackMode
) -> None:
    fake.faults.callbacks = mode
    first = (await create(http, {**ARK_BODY, "callback_url": "http://receiver/cb/1"}))["id"]
    second = (await create(http, {**ARK_BODY, "callback_url": "http://receiver/cb/2"}))["id"]
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
