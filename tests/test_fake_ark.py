"""The fake Ark (BytePlus ModelArk / Volcengine) behaves like the service its spec and
notes describe: lifecycle, list filters, cancel/delete, expiry, errors, callbacks, media."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import jsonschema
import pytest

from seedance.testing import FakeClock
from seedance.testing.ark import FakeArk
from tests.support.openapi import bundled, to_json_schema
from tests.support.receiver import Receiver as BaseReceiver

pytestmark = pytest.mark.anyio

KEY = "ark-test-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
TASKS = "/contents/generations/tasks"
PROMPT = "A paper boat drifts on a quiet lake at sunrise."
ID_RE = re.compile(r"cgt-(\d{14})-[0-9a-z]{5}")


def body(text: str = PROMPT, **fields: Any) -> dict[str, Any]:
    return {
        "model": "seedance-1-5-pro-251215",
        "content": [{"type": "text", "text": text}],
        **fields,
    }


def schema_of(component: str) -> Any:
    spec = bundled("ark")
    return {
        **to_json_schema(spec, {"$ref": f"#/components/schemas/{component}"}),
        "$schema": "http://json-schema.org/draft-07/schema#",
    }


def assert_task_shape(task: dict[str, Any]) -> None:
    jsonschema.validate(task, schema_of("ContentGenerationTask"))


class Receiver(BaseReceiver):
    def statuses(self, task_id: str) -> list[str]:
        return [b["status"] for b in self.received if b["id"] == task_id]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def receiver() -> Receiver:
    return Receiver()


@pytest.fixture
def fake(clock: FakeClock, receiver: Receiver) -> FakeArk:
    return FakeArk(
        api_key=KEY,
        clock=clock,
        queued_for=5.0,
        running_for=25.0,
        callback_transport=httpx.ASGITransport(app=receiver.app),
    )


@pytest.fixture
async def client(fake: FakeArk) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=fake.transport(), base_url="http://fake/api/v3", headers=AUTH
    ) as c:
        yield c


async def create(client: httpx.AsyncClient, payload: dict[str, Any] | None = None) -> str:
    response = await client.post(TASKS, json=payload or body())
    assert response.status_code == 200, response.text
    task_id: str = response.json()["id"]
    return task_id


async def get(client: httpx.AsyncClient, task_id: str) -> dict[str, Any]:
    response = await client.get(f"{TASKS}/{task_id}")
    assert response.status_code == 200, response.text
    task: dict[str, Any] = response.json()
    assert_task_shape(task)
    return task


def assert_error(
    response: httpx.Response, status: int, code: str, *, names: str | None = None
) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code
    assert error["type"] == {400: "BadRequest", 401: "Unauthorized", 404: "NotFound"}.get(
        status, error["type"]
    )
    if names is not None:
        assert error["param"] == names
        assert names in error["message"]
    return error


# ----------------------------------------------------------------- lifecycle


async def test_lifecycle_follows_the_clock(
    fake: FakeArk, client: httpx.AsyncClient, clock: FakeClock
) -> None:
    start = int(clock.time())
    task_id = await create(
        client, body(ratio="16:9", resolution="720p", duration=5, seed=42, generate_audio=True)
    )
    match = ID_RE.fullmatch(task_id)
    assert match, task_id
    beijing = datetime.fromtimestamp(start, timezone(timedelta(hours=8)))
    assert match[1] == beijing.strftime("%Y%m%d%H%M%S")

    queued = await get(client, task_id)
    assert queued["status"] == "queued"
    assert queued["created_at"] == queued["updated_at"] == start
    assert "content" not in queued and "usage" not in queued
    assert queued["error"] is None

    clock.advance(5)
    running = await get(client, task_id)
    assert running["status"] == "running"
    assert running["updated_at"] == start + 5

    clock.advance(24.9)
    assert (await get(client, task_id))["status"] == "running"
    clock.advance(0.1)
    done = await get(client, task_id)
    assert done["status"] == "succeeded"
    assert done["updated_at"] == start + 30
    assert done["content"]["video_url"].endswith(f"/{task_id}.mp4")
    assert "last_frame_url" not in done["content"]
    assert done["usage"]["completion_tokens"] == done["usage"]["total_tokens"] == 108_900
    assert (done["seed"], done["resolution"], done["ratio"], done["duration"]) == (
        42,
        "720p",
        "16:9",
        5,
    )
    assert done["framespersecond"] == 24
    assert done["generate_audio"] is True
    assert done["service_tier"] == "default"
    assert done["execution_expires_after"] == 172_800
    assert done["model"] == "seedance-1-5-pro-251215"


async def test_spec_paths_and_api_v3_paths_serve_the_same_tasks(fake: FakeArk) -> None:
    async with httpx.AsyncClient(
        transport=fake.transport(), base_url="http://fake", headers=AUTH
    ) as bare:
        task_id = await create(bare)
        under_v3 = await bare.get(f"/api/v3{TASKS}/{task_id}")
        at_spec_path = await bare.get(f"{TASKS}/{task_id}")
    assert under_v3.status_code == at_spec_path.status_code == 200
    assert under_v3.json() == at_spec_path.json()


async def test_failed_task_reports_an_error(
    fake: FakeArk, client: httpx.AsyncClient, clock: FakeClock
) -> None:
    fake.faults.fail_tasks = True
    task_id = await create(client)
    clock.advance(30)
    task = await get(client, task_id)
    assert task["status"] == "failed"
    assert task["error"]["code"] == "OutputVideoSensitiveContentDetected"
    assert task["error"]["message"]
    assert "content" not in task
    media = await client.get(f"http://127.0.0.1:8765/_fake/media/{task_id}.mp4")
    assert media.status_code == 404


async def test_last_frame_only_when_asked(client: httpx.AsyncClient, clock: FakeClock) -> None:
    with_frame = await create(client, body(return_last_frame=True))
    without = await create(client)
    clock.advance(30)
    content = (await get(client, with_frame))["content"]
    assert content["last_frame_url"].endswith(f"/{with_frame}.png")
    assert "last_frame_url" not in (await get(client, without))["content"]
    png = await client.get(content["last_frame_url"])
    assert png.status_code == 200
    assert png.content.startswith(b"\x89PNG")


async def test_video_is_a_real_mp4_served_with_ranges(
    client: httpx.AsyncClient, clock: FakeClock
) -> None:
    task_id = await create(client)
    clock.advance(4)
    early = await client.get(f"http://127.0.0.1:8765/_fake/media/{task_id}.mp4")
    assert early.status_code == 404, "no video before the task succeeded"
    clock.advance(26)
    url = (await get(client, task_id))["content"]["video_url"]
    full = await client.get(url)
    assert full.status_code == 200
    assert full.headers["content-type"] == "video/mp4"
    assert full.content[4:8] == b"ftyp"
    part = await client.get(url, headers={"Range": "bytes=0-99"})
    assert part.status_code == 206
    assert part.content == full.content[:100]
    assert part.headers["content-range"] == f"bytes 0-99/{len(full.content)}"


# ----------------------------------------------------------------- options


async def test_text_suffix_options_are_parsed_and_top_level_fields_win(
    client: httpx.AsyncClient,
) -> None:
    from_text = await create(
        client, body(f"{PROMPT} --rs 480p --ratio 9:16 --dur 8 --seed 7 --camerafixed true")
    )
    task = await get(client, from_text)
    assert (task["resolution"], task["ratio"], task["duration"], task["seed"]) == (
        "480p",
        "9:16",
        8,
        7,
    )
    overridden = await create(client, body(f"{PROMPT} --ratio 9:16 --duration 8", ratio="1:1"))
    task = await get(client, overridden)
    assert (task["ratio"], task["duration"]) == ("1:1", 8)


async def test_defaults_depend_on_model_and_inputs(client: httpx.AsyncClient) -> None:
    pro = await get(client, await create(client, body(model="seedance-1-0-pro-250528")))
    assert (pro["resolution"], pro["ratio"], pro["duration"]) == ("1080p", "16:9", 5)
    image = {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}
    i2v = {**body(model="seedance-1-0-lite-i2v-250428"), "content": [body()["content"][0], image]}
    lite = await get(client, await create(client, i2v))
    assert (lite["resolution"], lite["ratio"]) == ("720p", "adaptive")
    frames = await get(client, await create(client, body(frames=121, duration=3)))
    assert (frames["frames"], frames["duration"]) == (121, 5), "frames win over duration"


async def test_volcengine_and_endpoint_ids_are_models(clock: FakeClock) -> None:
    fake = FakeArk(
        api_key=KEY, clock=clock, endpoints={"ep-20250101-abcde": "seedance-1-0-pro-250528"}
    )
    async with httpx.AsyncClient(
        transport=fake.transport(), base_url="http://fake/api/v3", headers=AUTH
    ) as client:
        for model in ("doubao-seedance-1-0-pro-250528", "ep-20250101-abcde"):
            task = await get(client, await create(client, body(model=model)))
            assert task["model"] == model
        unknown = await client.post(TASKS, json=body(model="ep-20250101-zzzzz"))
    assert_error(unknown, 404, "InvalidEndpointOrModel.NotFound", names="model")


# ----------------------------------------------------------------- invalid input


@pytest.mark.parametrize(
    ("payload", "param"),
    [
        (body(ratio="5:4"), "ratio"),
        (body(duration=31), "duration"),
        (body(resolution="8k"), "resolution"),
        (body(seed=2**32), "seed"),
        (body(f"{PROMPT} --duration 31"), "duration"),
        (body(f"{PROMPT} --ratio 5:4"), "ratio"),
        (body(f"{PROMPT} --camerafixed maybe"), "camera_fixed"),
        (body(f"{PROMPT} --seed abc"), "seed"),
    ],
)
async def test_invalid_option_is_refused_naming_it(
    fake: FakeArk, client: httpx.AsyncClient, payload: dict[str, Any], param: str
) -> None:
    response = await client.post(TASKS, json=payload)
    error = assert_error(response, 400, "InvalidParameter", names=param)
    assert "Request id: " in error["message"]
    assert len(fake.tasks) == 0


async def test_text_suffix_value_names_the_flag(client: httpx.AsyncClient) -> None:
    response = await client.post(TASKS, json=body(f"{PROMPT} --dur 31"))
    error = assert_error(response, 400, "InvalidParameter", names="duration")
    assert "--dur 31" in error["message"]


async def test_loose_text_options_fall_back_to_defaults(clock: FakeClock) -> None:
    fake = FakeArk(api_key=KEY, clock=clock, strict_text_options=False)
    async with httpx.AsyncClient(
        transport=fake.transport(), base_url="http://fake/api/v3", headers=AUTH
    ) as client:
        task = await get(client, await create(client, body(f"{PROMPT} --duration 31 --rt 1:1")))
    assert (task["duration"], task["ratio"]) == (5, "1:1")


async def test_missing_and_malformed_bodies(fake: FakeArk, client: httpx.AsyncClient) -> None:
    missing = await client.post(TASKS, json={"content": body()["content"]})
    assert_error(missing, 400, "MissingParameter", names="model")
    bad_item = await client.post(TASKS, json=body() | {"content": [{"type": "text"}]})
    assert_error(bad_item, 400, "InvalidParameter")
    not_json = await client.post(
        TASKS, content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert_error(not_json, 400, "InvalidParameter")
    unknown = await client.post(TASKS, json=body(model="seedance-9-9-ultra"))
    assert_error(unknown, 404, "InvalidEndpointOrModel.NotFound", names="model")
    assert "seedance-9-9-ultra" in unknown.json()["error"]["message"]
    assert len(fake.tasks) == 0


async def test_model_rules_when_enabled(clock: FakeClock) -> None:
    lenient = FakeArk(api_key=KEY, clock=clock)
    strict = FakeArk(api_key=KEY, clock=clock, model_rules=True)
    image = {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}
    cases: list[tuple[dict[str, Any], str, str]] = [
        (body(model="seedance-1-0-pro-250528", duration=15), "duration", "2 to 12"),
        (body(model="seedance-1-0-pro-250528", duration=-1), "duration", "2 to 12"),
        (body(duration=3), "duration", "4 to 12"),
        (body(frames=30), "frames", "25 + 4n"),
        (body(f"{PROMPT} --duration 13"), "duration", "4 to 12"),
        (body(model="seedance-1-0-lite-i2v-250428"), "content", "image"),
        (
            {**body(model="seedance-1-0-lite-t2v-250428"), "content": [image]},
            "content",
            "no image",
        ),
        ({**body(), "content": []}, "content", "at least one"),
    ]
    async with (
        httpx.AsyncClient(transport=strict.transport(), base_url="http://f", headers=AUTH) as s,
        httpx.AsyncClient(transport=lenient.transport(), base_url="http://f", headers=AUTH) as le,
    ):
        for payload, param, words in cases:
            refused = await s.post(TASKS, json=payload)
            error = assert_error(refused, 400, "InvalidParameter", names=param)
            assert words in error["message"], error["message"]
            assert (await le.post(TASKS, json=payload)).status_code == 200, payload
        auto = await s.post(TASKS, json=body(duration=-1))
        assert auto.status_code == 200, "1.5 pro lets the model choose"
    assert len(strict.tasks) == 1


async def test_at_most_120_queued_tasks(
    fake: FakeArk, client: httpx.AsyncClient, clock: FakeClock
) -> None:
    for _ in range(120):
        await create(client)
    refused = await client.post(TASKS, json=body())
    error = assert_error(refused, 429, "QuotaExceeded")
    assert "120" in error["message"]
    assert len(fake.tasks) == 120
    clock.advance(5)  # they start running: running tasks do not count
    await create(client)


# ----------------------------------------------------------------- auth


async def test_auth_is_required_everywhere(fake: FakeArk, client: httpx.AsyncClient) -> None:
    task_id = await create(client)
    async with httpx.AsyncClient(transport=fake.transport(), base_url="http://fake/api/v3") as anon:
        attempts = [
            await anon.post(TASKS, json=body()),
            await anon.post(TASKS, json=body(), headers={"Authorization": "Bearer wrong"}),
            await anon.post(TASKS, json=body(), headers={"Authorization": KEY}),
            await anon.get(f"{TASKS}/{task_id}"),
            await anon.get(TASKS),
            await anon.delete(f"{TASKS}/{task_id}"),
        ]
    for response in attempts:
        error = assert_error(response, 401, "AuthenticationError")
        assert error["type"] == "Unauthorized"
    assert len(fake.tasks) == 1
    assert (await get(client, task_id))["status"] == "queued", "the anonymous delete did nothing"


# ----------------------------------------------------------------- list


async def test_list_filters_and_pages_newest_first(
    client: httpx.AsyncClient, clock: FakeClock
) -> None:
    first = await create(client)
    clock.advance(10)  # first is running
    second = await create(client, body(model="seedance-1-0-pro-250528"))
    clock.advance(1)
    third = await create(client)

    both = await client.get(TASKS, params=[("filter.task_ids", first), ("filter.task_ids", third)])
    assert both.status_code == 200
    assert both.json()["total"] == 2
    assert [t["id"] for t in both.json()["items"]] == [third, first]
    for item in both.json()["items"]:
        assert_task_shape(item)

    queued = (await client.get(TASKS, params={"filter.status": "queued"})).json()
    assert [t["id"] for t in queued["items"]] == [third, second]
    running = (await client.get(TASKS, params={"filter.status": "running"})).json()
    assert [t["id"] for t in running["items"]] == [first]
    by_model = (await client.get(TASKS, params={"filter.model": "seedance-1-0-pro-250528"})).json()
    assert [t["id"] for t in by_model["items"]] == [second]

    page1 = (await client.get(TASKS, params={"page_size": 2})).json()
    page2 = (await client.get(TASKS, params={"page_size": 2, "page_num": 2})).json()
    assert page1["total"] == page2["total"] == 3
    assert [t["id"] for t in page1["items"]] == [third, second]
    assert [t["id"] for t in page2["items"]] == [first]
    unknown_but_wellformed = await client.get(
        TASKS, params={"filter.task_ids": "cgt-20250101000000-zzzzz"}
    )
    assert unknown_but_wellformed.json() == {"total": 0, "items": []}


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "501"}, "page_size"),
        ({"page_num": "abc"}, "page_num"),
        ({"filter.status": "done"}, "filter.status"),
        ({"filter.stauts": "queued"}, "filter.stauts"),
        ([("page_size", "1"), ("page_size", "2")], "page_size"),
    ],
)
async def test_list_refuses_invalid_parameters(
    client: httpx.AsyncClient, params: Any, param: str
) -> None:
    response = await client.get(TASKS, params=params)
    assert_error(response, 400, "InvalidParameter", names=param)


async def test_list_keeps_records_seven_days(client: httpx.AsyncClient, clock: FakeClock) -> None:
    task_id = await create(client)
    clock.advance(7 * 86_400 - 1)
    assert (await client.get(TASKS)).json()["total"] == 1
    clock.advance(1)
    assert (await client.get(TASKS)).json()["total"] == 0
    assert (await client.get(f"{TASKS}/{task_id}")).status_code == 404


# ----------------------------------------------------------------- delete


async def test_delete_cancels_queued_deletes_finished_refuses_running(
    client: httpx.AsyncClient, clock: FakeClock
) -> None:
    queued = await create(client)
    cancelled = await client.delete(f"{TASKS}/{queued}")
    assert cancelled.status_code == 200
    assert cancelled.json() == {}
    task = await get(client, queued)
    assert task["status"] == "cancelled"
    assert task["updated_at"] == int(clock.time())
    clock.advance(100)
    assert (await get(client, queued))["status"] == "cancelled", "a cancelled task never runs"
    again = await client.delete(f"{TASKS}/{queued}")
    assert "cancelled" in assert_error(again, 400, "InvalidParameter", names="id")["message"]

    running = await create(client)
    clock.advance(6)
    refused = await client.delete(f"{TASKS}/{running}")
    assert "running" in assert_error(refused, 400, "InvalidParameter", names="id")["message"]
    assert (await get(client, running))["status"] == "running"

    clock.advance(30)
    gone = await client.delete(f"{TASKS}/{running}")
    assert gone.status_code == 200
    assert gone.json() == {}
    assert_error(await client.get(f"{TASKS}/{running}"), 404, "ResourceNotFound", names="id")
    listed = (await client.get(TASKS)).json()
    assert [t["id"] for t in listed["items"]] == [queued]
    assert_error(await client.delete(f"{TASKS}/{running}"), 404, "ResourceNotFound")


async def test_cancelled_records_vanish_after_a_day(
    client: httpx.AsyncClient, clock: FakeClock
) -> None:
    task_id = await create(client)
    await client.delete(f"{TASKS}/{task_id}")
    clock.advance(86_399)
    assert (await client.get(f"{TASKS}/{task_id}")).status_code == 200
    clock.advance(1)
    assert_error(await client.get(f"{TASKS}/{task_id}"), 404, "ResourceNotFound")


# ----------------------------------------------------------------- expiry


async def test_queued_task_expires(clock: FakeClock, receiver: Receiver) -> None:
    fake = FakeArk(
        api_key=KEY,
        clock=clock,
        queued_for=200_000.0,
        callback_transport=httpx.ASGITransport(app=receiver.app),
    )
    async with httpx.AsyncClient(
        transport=fake.transport(), base_url="http://fake/api/v3", headers=AUTH
    ) as client:
        short = await create(
            client,
            body(execution_expires_after=3600, service_tier="flex", callback_url="http://r/cb"),
        )
        default = await create(client)
        start = int(clock.time())
        await fake.advance(3599)
        assert (await get(client, short))["status"] == "queued"
        await fake.advance(1)
        expired = await get(client, short)
        assert expired["status"] == "expired"
        assert expired["updated_at"] == start + 3600
        assert (expired["service_tier"], expired["execution_expires_after"]) == ("flex", 3600)
        assert "content" not in expired
        assert (await get(client, default))["status"] == "queued"
        await fake.advance(172_800 - 3600)
        assert (await get(client, default))["status"] == "expired"
        assert (await client.delete(f"{TASKS}/{short}")).status_code == 200
        assert (await client.get(f"{TASKS}/{short}")).status_code == 404
    assert receiver.statuses(short) == ["queued", "expired"]


async def test_running_task_expires_too(clock: FakeClock, receiver: Receiver) -> None:
    fake = FakeArk(
        api_key=KEY,
        clock=clock,
        queued_for=10.0,
        running_for=10_000.0,
        callback_transport=httpx.ASGITransport(app=receiver.app),
    )
    async with httpx.AsyncClient(
        transport=fake.transport(), base_url="http://fake/api/v3", headers=AUTH
    ) as client:
        task_id = await create(
            client, body(execution_expires_after=3600, callback_url="http://r/cb")
        )
        await fake.advance(3599)
        assert (await get(client, task_id))["status"] == "running"
        await fake.advance(1)
        assert (await get(client, task_id))["status"] == "expired"
    assert receiver.statuses(task_id) == ["queued", "running", "expired"]


# ----------------------------------------------------------------- callbacks


async def test_callback_on_every_status_change(
    fake: FakeArk, client: httpx.AsyncClient, receiver: Receiver
) -> None:
    task_id = await create(client, body(callback_url="http://receiver/cb"))
    silent = await create(client)
    await fake.flush_callbacks()
    assert receiver.statuses(task_id) == ["queued"]
    await fake.advance(5)
    assert receiver.statuses(task_id) == ["queued", "running"]
    await fake.advance(25)
    await fake.advance(100)
    assert receiver.statuses(task_id) == ["queued", "running", "succeeded"]
    assert receiver.statuses(silent) == []
    final = receiver.received[-1]
    assert final == await get(client, task_id), "the callback body is the task object"
    callback_schema = schema_of("ContentGenerationTask")
    for payload in receiver.received:
        jsonschema.validate(payload, callback_schema)


async def test_callbacks_report_each_change_even_when_time_jumps(
    fake: FakeArk, client: httpx.AsyncClient, receiver: Receiver, clock: FakeClock
) -> None:
    start = int(clock.time())
    task_id = await create(client, body(callback_url="http://receiver/cb"))
    await fake.advance(1000)
    assert receiver.statuses(task_id) == ["queued", "running", "succeeded"]
    queued, running, succeeded = receiver.received
    assert queued["updated_at"] == start and "content" not in queued
    assert running["updated_at"] == start + 5 and "content" not in running
    assert succeeded["updated_at"] == start + 30 and "video_url" in succeeded["content"]


async def test_cancel_is_called_back(
    fake: FakeArk, client: httpx.AsyncClient, receiver: Receiver
) -> None:
    task_id = await create(client, body(callback_url="http://receiver/cb"))
    await client.delete(f"{TASKS}/{task_id}")
    await fake.advance(1000)
    assert receiver.statuses(task_id) == ["queued", "cancelled"]


async def test_callback_faults(
    fake: FakeArk, client: httpx.AsyncClient, receiver: Receiver
) -> None:
    fake.faults.callbacks = "duplicate"
    first = await create(client, body(callback_url="http://receiver/cb"))
    await fake.advance(1000)
    twice = [status for status in ("queued", "running", "succeeded") for _ in (0, 1)]
    assert receiver.statuses(first) == twice

    fake.faults.callbacks = "reorder"
    second = await create(client, body(callback_url="http://receiver/cb"))
    await fake.advance(1000)
    assert receiver.statuses(second) == ["succeeded", "running", "queued"]

    fake.faults.callbacks = "drop"
    third = await create(client, body(callback_url="http://receiver/cb"))
    attempts = await fake.advance(1000)
    assert attempts == []
    assert receiver.statuses(third) == []
    fake.faults.callbacks = "deliver"
    await fake.advance(1000)
    assert receiver.statuses(third) == [], "a dropped callback is not sent again"


async def test_unreachable_callback_does_not_break_the_task(
    fake: FakeArk, client: httpx.AsyncClient
) -> None:
    fake.outbox.transport = httpx.MockTransport(lambda request: httpx.Response(500))
    task_id = await create(client, body(callback_url="http://receiver/cb"))
    attempts = await fake.advance(1000)
    assert [status for _, status in attempts] == [500, 500, 500]
    assert (await get(client, task_id))["status"] == "succeeded"


async def test_callback_url_that_is_not_a_url_is_accepted_and_never_called(
    fake: FakeArk, client: httpx.AsyncClient, receiver: Receiver
) -> None:
    task_id = await create(client, body(callback_url="not a url \u00c6"))
    attempts = await fake.advance(1000)
    assert attempts == []
    assert (await get(client, task_id))["status"] == "succeeded"


# ----------------------------------------------------------------- faults


async def test_injected_errors_use_the_ark_envelope(
    fake: FakeArk, client: httpx.AsyncClient
) -> None:
    fake.faults.rate_limit_next = 1
    fake.faults.retry_after = 3
    limited = await client.post(TASKS, json=body())
    assert_error(limited, 429, "RateLimitExceeded.EndpointRPMExceeded")
    assert limited.headers["Retry-After"] == "3"
    fake.faults.server_error_next = 1
    assert_error(await client.get(TASKS), 500, "InternalServiceError")
    assert len(fake.tasks) == 0
    assert (await client.get(TASKS)).status_code == 200


async def test_method_not_allowed_lists_the_path_methods(client: httpx.AsyncClient) -> None:
    response = await client.put(TASKS)
    assert response.status_code == 405
    assert set(response.headers["allow"].split(", ")) >= {"GET", "POST"}


async def test_model_rules_refuse_frames_mixed_with_references(clock: FakeClock) -> None:
    """The spec's modes (x-seedance-models): a first frame and a reference video are never
    one request; references alone are; an audio alone is only on Seedance 2.5."""
    strict = FakeArk(api_key=KEY, clock=clock, model_rules=True)

    def item(kind: str, role: str) -> dict[str, Any]:
        return {"type": kind, kind: {"url": f"https://example.com/{role}"}, "role": role}

    def two(*items: dict[str, Any], model: str = "dreamina-seedance-2-0-260128") -> Any:
        return {**body(model=model), "content": [body()["content"][0], *items]}

    frame, video = item("image_url", "first_frame"), item("video_url", "reference_video")
    audio = item("audio_url", "reference_audio")
    async with httpx.AsyncClient(
        transport=strict.transport(), base_url="http://f", headers=AUTH
    ) as client:
        mixed = await client.post(TASKS, json=two(frame, video))
        error = assert_error(mixed, 400, "InvalidParameter", names="content")
        assert "fit none of dreamina-seedance-2-0-260128's modes" in error["message"]
        assert "multimodal_reference" in error["message"]
        assert (await client.post(TASKS, json=two(video, audio))).status_code == 200
        lonely = await client.post(TASKS, json=two(audio))
        assert_error(lonely, 400, "InvalidParameter", names="content")
        alone = two(audio, model="dreamina-seedance-2-5-260628")
        assert (await client.post(TASKS, json=alone)).status_code == 200
