"""The fake Apikley behaves like the service its spec and notes describe."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from seedance._signatures import kie_signature
from seedance.testing import FakeApikley, FakeClock
from tests.support.receiver import Receiver

pytestmark = pytest.mark.anyio

KEY = "test-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
BODY: dict[str, Any] = {
    "model": "bytedance/seedance-1.5-pro",
    "input": {"prompt": "a red fox in snow", "aspect_ratio": "16:9", "duration": 8},
}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def receiver() -> Receiver:
    return Receiver({"code": 200, "msg": "success"})


@pytest.fixture
def fake(clock: FakeClock, receiver: Receiver) -> FakeApikley:
    return FakeApikley(
        api_key=KEY,
        clock=clock,
        callback_transport=httpx.ASGITransport(app=receiver.app),
    )


@pytest.fixture
async def http(fake: FakeApikley) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=fake.transport(), base_url="http://fake") as client:
        yield client


async def create(http: httpx.AsyncClient, body: dict[str, Any] = BODY) -> str:
    response = await http.post("/api/v1/jobs/createTask", json=body, headers=AUTH)
    assert response.status_code == 200, response.text
    task_id: str = response.json()["data"]["taskId"]
    return task_id


async def record(http: httpx.AsyncClient, task_id: str) -> dict[str, Any]:
    response = await http.get("/api/v1/jobs/recordInfo", params={"taskId": task_id}, headers=AUTH)
    body: dict[str, Any] = response.json()
    return body


async def test_lifecycle_follows_the_clock(
    http: httpx.AsyncClient, fake: FakeApikley, clock: FakeClock
) -> None:
    task_id = await create(http)
    states = []
    for _ in range(16):
        data = (await record(http, task_id))["data"]
        states.append(data["state"])
        clock.advance(2)
    assert states[0] == "waiting"
    assert "queuing" in states and "generating" in states
    assert states[-1] == "success"
    data = (await record(http, task_id))["data"]
    assert json.loads(data["param"]) == BODY
    url = json.loads(data["resultJson"])["resultUrls"][0]
    video = await http.get(url)
    assert video.status_code == 200 and video.content[4:8] == b"ftyp"
    assert data["costTime"] == 30 and data["completeTime"] - data["createTime"] == 30_000


async def test_failed_task_reports_code_and_message(
    http: httpx.AsyncClient, fake: FakeApikley, clock: FakeClock
) -> None:
    fake.faults.fail_tasks = True
    task_id = await create(http)
    clock.advance(60)
    data = (await record(http, task_id))["data"]
    assert data["state"] == "fail"
    assert data["failCode"] == "500" and data["failMsg"]
    assert data["resultJson"] == ""


async def test_record_is_null_right_after_creation(
    fake: FakeApikley, http: httpx.AsyncClient, clock: FakeClock
) -> None:
    fake.visible_after = 2.0
    task_id = await create(http)
    response = await http.get("/api/v1/jobs/recordInfo", params={"taskId": task_id}, headers=AUTH)
    assert response.status_code == 200
    assert response.json() == {"code": 422, "msg": "recordInfo is null", "data": None}
    clock.advance(2)
    assert (await record(http, task_id))["data"]["taskId"] == task_id


@pytest.mark.parametrize(
    ("headers", "path"),
    [({}, "/api/v1/jobs/createTask"), ({"Authorization": "Bearer wrong"}, "/api/v1/chat/credit")],
)
async def test_missing_or_wrong_key_is_401(
    http: httpx.AsyncClient, fake: FakeApikley, headers: dict[str, str], path: str
) -> None:
    method = "POST" if path.endswith("createTask") else "GET"
    response = await http.request(method, path, json=BODY, headers=headers)
    assert response.status_code == 401
    assert response.json()["code"] == 401
    assert len(fake.tasks) == 0


async def test_in_body_errors_come_with_http_200(
    fake: FakeApikley, http: httpx.AsyncClient
) -> None:
    fake.in_body_errors = True
    response = await http.post("/api/v1/jobs/createTask", json=BODY)
    assert response.status_code == 200
    assert response.json()["code"] == 401


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"prompt": "x" * 2501}, "input.prompt"),
        ({"duration": 5}, "input.duration"),
        ({"aspect_ratio": "2:1"}, "input.aspect_ratio"),
        ({"resolution": "1080p"}, "input.resolution"),
    ],
)
async def test_invalid_input_is_422_naming_the_field(
    http: httpx.AsyncClient, fake: FakeApikley, change: dict[str, Any], field: str
) -> None:
    body = {**BODY, "input": {**BODY["input"], **change}}
    response = await http.post("/api/v1/jobs/createTask", json=body, headers=AUTH)
    assert response.status_code == 422
    assert response.json()["code"] == 422
    assert response.json()["msg"].startswith(field)
    assert len(fake.tasks) == 0


async def test_unknown_model_lists_the_supported_ones(http: httpx.AsyncClient) -> None:
    body = {**BODY, "model": "bytedance/nope"}
    response = await http.post("/api/v1/jobs/createTask", json=body, headers=AUTH)
    assert response.status_code == 422
    assert "bytedance/seedance-1.5-pro" in response.json()["msg"]


async def test_malformed_json_is_422_not_500(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/api/v1/jobs/createTask",
        content=b"{not json",
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert response.status_code == 422


async def test_unknown_task_is_404(http: httpx.AsyncClient) -> None:
    body = await record(http, "task_missing")
    assert body == {"code": 404, "msg": "Task not found"}


async def test_rate_limit_20_creates_per_10_seconds(
    http: httpx.AsyncClient, fake: FakeApikley, clock: FakeClock
) -> None:
    for _ in range(20):
        await create(http)
    response = await http.post("/api/v1/jobs/createTask", json=BODY, headers=AUTH)
    assert response.status_code == 429 and response.json()["code"] == 429
    assert len(fake.tasks) == 20, "a refused create creates nothing"
    clock.advance(10)
    await create(http)
    assert len(fake.tasks) == 21


async def test_status_reads_are_limited_as_the_spec_documents(
    http: httpx.AsyncClient, fake: FakeApikley, clock: FakeClock
) -> None:
    documented = fake.spec["paths"]["/api/v1/jobs/recordInfo"]["get"]["x-seedance-rate-limit"]
    task_id = await create(http)
    for _ in range(documented["requests"]):
        assert (await record(http, task_id))["code"] == 200
    refused = await http.get("/api/v1/jobs/recordInfo", params={"taskId": task_id}, headers=AUTH)
    assert refused.status_code == 429 and refused.json()["code"] == 429
    clock.advance(documented["per_seconds"])
    assert (await record(http, task_id))["code"] == 200


async def test_limits_can_be_changed_or_turned_off(clock: FakeClock) -> None:
    fake = FakeApikley(api_key=KEY, clock=clock, create_limit=2, read_limit=0)
    async with httpx.AsyncClient(transport=fake.transport(), base_url="http://fake") as http:
        task_id = await create(http)
        await create(http)
        refused = await http.post("/api/v1/jobs/createTask", json=BODY, headers=AUTH)
        assert refused.status_code == 429
        for _ in range(100):  # read limit off: raw speed for tests that need it
            assert (await record(http, task_id))["code"] == 200


async def test_insufficient_credits_is_402(http: httpx.AsyncClient, fake: FakeApikley) -> None:
    fake.credits = 30
    await create(http)
    response = await http.post("/api/v1/jobs/createTask", json=BODY, headers=AUTH)
    assert response.status_code == 402
    credit = await http.get("/api/v1/chat/credit", headers=AUTH)
    assert credit.json()["data"] == 10


async def test_callback_is_posted_once_when_the_task_ends(
    http: httpx.AsyncClient, fake: FakeApikley, receiver: Receiver
) -> None:
    body = {**BODY, "callBackUrl": "http://receiver/cb/1"}
    task_id = await create(http, body)
    assert await fake.advance(10) == []  # still running: Apikley calls back only at the end
    attempts = await fake.advance(30)
    assert [status for _, status in attempts] == [200]
    await fake.advance(30)
    assert len(receiver.calls) == 1
    headers, payload = receiver.calls[0]
    assert payload["code"] == 200 and payload["data"]["taskId"] == task_id
    assert payload["data"]["state"] == "success"
    assert "x-webhook-signature" not in headers


async def test_failed_task_callback_has_code_501(
    http: httpx.AsyncClient, fake: FakeApikley, receiver: Receiver
) -> None:
    fake.faults.fail_tasks = True
    await create(http, {**BODY, "callBackUrl": "http://receiver/cb/1"})
    await fake.advance(60)
    payload = receiver.calls[0][1]
    assert payload["code"] == 501 and payload["data"]["state"] == "fail"
    assert payload["data"]["failMsg"]


async def test_callbacks_are_signed_like_kie_when_a_key_is_set(
    http: httpx.AsyncClient, fake: FakeApikley, receiver: Receiver, clock: FakeClock
) -> None:
    fake.webhook_hmac_key = "hmac-secret"
    task_id = await create(http, {**BODY, "callBackUrl": "http://receiver/cb/1"})
    await fake.advance(60)
    headers, _ = receiver.calls[0]
    timestamp = headers["x-webhook-timestamp"]
    assert int(timestamp) == int(clock.time())
    assert headers["x-webhook-signature"] == kie_signature("hmac-secret", task_id, timestamp)


@pytest.mark.parametrize("mode", ["drop", "duplicate", "reorder"])
async def test_callback_faults(
    http: httpx.AsyncClient, fake: FakeApikley, receiver: Receiver, mode: str
) -> None:
    fake.faults.callbacks = mode
    first = await create(http, {**BODY, "callBackUrl": "http://receiver/cb/1"})
    second = await create(http, {**BODY, "callBackUrl": "http://receiver/cb/2"})
    await fake.advance(60)
    ids = [payload["data"]["taskId"] for payload in receiver.received]
    expected = {"drop": [], "duplicate": [first, first, second, second], "reorder": [second, first]}
    assert ids == expected[mode]


async def test_injected_server_errors_and_rate_limits(
    http: httpx.AsyncClient, fake: FakeApikley
) -> None:
    fake.faults.server_error_next = 1
    fake.faults.server_error_status = 503
    assert (await http.get("/api/v1/chat/credit", headers=AUTH)).status_code == 503
    fake.faults.rate_limit_next = 2
    fake.faults.retry_after = 3
    limited = await http.post("/api/v1/jobs/createTask", json=BODY, headers=AUTH)
    assert limited.status_code == 429 and limited.headers["retry-after"] == "3"
    fake.faults.retry_after = None
    limited = await http.get("/api/v1/chat/credit", headers=AUTH)
    assert limited.status_code == 429 and "retry-after" not in limited.headers
    assert (await http.get("/api/v1/chat/credit", headers=AUTH)).status_code == 200
    assert len(fake.tasks) == 0


async def test_malformed_answer(http: httpx.AsyncClient, fake: FakeApikley) -> None:
    fake.faults.malformed_next = 1
    response = await http.get("/api/v1/chat/credit", headers=AUTH)
    with pytest.raises(json.JSONDecodeError):
        response.json()


async def test_refused_connection_creates_nothing(
    http: httpx.AsyncClient, fake: FakeApikley
) -> None:
    fake.faults.refuse_next = 1
    with pytest.raises(httpx.ConnectError):
        await http.post("/api/v1/jobs/createTask", json=BODY, headers=AUTH)
    assert len(fake.tasks) == 0


async def test_dropped_answer_still_created_the_task(
    http: httpx.AsyncClient, fake: FakeApikley
) -> None:
    fake.faults.drop_next = 1
    with pytest.raises(httpx.ReadError):
        await http.post("/api/v1/jobs/createTask", json=BODY, headers=AUTH)
    assert len(fake.tasks) == 1, "the ambiguous case: the provider did the work"


async def test_video_supports_range_requests(
    http: httpx.AsyncClient, fake: FakeApikley, clock: FakeClock
) -> None:
    fake.video_size = 100_000
    task_id = await create(http)
    video_url = f"/_fake/media/{task_id}.mp4"
    assert (await http.get(video_url)).status_code == 404, "no result before success"
    clock.advance(60)
    whole = await http.get(video_url)
    assert len(whole.content) == 100_000
    part = await http.get(video_url, headers={"Range": "bytes=1000-"})
    assert part.status_code == 206
    assert part.content == whole.content[1000:]
    assert part.headers["content-range"] == "bytes 1000-99999/100000"


async def test_upload_then_download_the_file(http: httpx.AsyncClient) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 100
    response = await http.post(
        "/api/file-stream-upload",
        files={"file": ("fox.png", png, "image/png")},
        data={"uploadPath": "images"},
        headers=AUTH,
    )
    data = response.json()["data"]
    assert data["mimeType"] == "image/png" and data["fileSize"] == len(png)
    assert (await http.get(data["downloadUrl"])).content == png

    import base64

    encoded = "data:image/png;base64," + base64.b64encode(png).decode()
    response = await http.post(
        "/api/file-base64-upload",
        json={"base64Data": encoded, "uploadPath": "images"},
        headers=AUTH,
    )
    assert (await http.get(response.json()["data"]["downloadUrl"])).content == png


async def test_download_url_gives_a_temporary_link(
    http: httpx.AsyncClient, fake: FakeApikley
) -> None:
    ours = f"{fake.public_url}/_fake/media/task_1/video.mp4"
    response = await http.post("/api/v1/common/download-url", json={"url": ours}, headers=AUTH)
    assert response.json()["data"].startswith(f"{ours}?token=")
    # kie.ai: "External file URLs will return a 422 validation error"
    external = await http.post(
        "/api/v1/common/download-url", json={"url": "https://cdn.example/v.mp4"}, headers=AUTH
    )
    assert (external.status_code, external.json()["code"]) == (422, 422)


async def test_seedance_2_modes_are_mutually_exclusive(http: httpx.AsyncClient) -> None:
    """kie.ai: first frame, first + last frames and multimodal references cannot be used
    together; the fake refuses what the model's x-seedance-modes do not allow."""

    async def post(**inputs: Any) -> httpx.Response:
        body = {"model": "bytedance/seedance-2", "input": {"prompt": "a fox", **inputs}}
        return await http.post("/api/v1/jobs/createTask", json=body, headers=AUTH)

    image, video = "https://x.example/1.png", "https://x.example/1.mp4"
    mixed = await post(first_frame_url=image, reference_video_urls=[video])
    assert (mixed.status_code, mixed.json()["code"]) == (422, 422)
    assert "fit none of bytedance/seedance-2's modes" in mixed.json()["msg"]
    assert (await post(first_frame_url=image, last_frame_url=image)).json()["code"] == 200
    assert (await post(reference_image_urls=[image], reference_video_urls=[video])).json()[
        "code"
    ] == 200
    assert (await post(last_frame_url=image)).json()["code"] == 422, "a last frame alone"
    assert (await post(reference_audio_urls=[video])).json()["code"] == 422, "audio alone"
