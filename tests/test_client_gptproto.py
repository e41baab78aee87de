"""The wrapper against the fake GPTProto, in process: Ark-shape creates, both answer shapes."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import seedance
from seedance import AsyncClient, Task, TaskStatus
from seedance._errors import (
    AuthenticationError,
    InsufficientCreditsError,
    NotFoundError,
    ProviderRejectedError,
    ProviderUnavailableError,
    RateLimitedError,
    TaskFailedError,
    UnexpectedResponseError,
    UnsupportedOperationError,
    ValidationError,
)
from seedance._providers import get_adapter
from seedance.testing import FakeClock
from seedance.testing.gptproto import FakeGptproto
from tests.support.openapi import bundled
from tests.test_client_ark import NEUTRAL_FIELDS, PNG, answer_to, create_op, property_check

pytestmark = pytest.mark.anyio

KEY = "sk-gptproto-test-0123456789"
TASKS = "/api/v3/contents/generations/tasks"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake(clock: FakeClock) -> FakeGptproto:
    return FakeGptproto(api_key=KEY, clock=clock, model_rules=True)


@pytest.fixture
async def client(fake: FakeGptproto, clock: FakeClock) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(
        "gptproto", api_key=KEY, transport=fake.transport(), clock=clock, base_url="http://fake"
    ) as client:
        yield client


def sent(fake: FakeGptproto) -> dict[str, Any]:
    body: dict[str, Any] = fake.tasks.all()[-1].request
    return body


async def test_generate_end_to_end_writes_a_playable_mp4(
    client: AsyncClient, fake: FakeGptproto, tmp_path: Path
) -> None:
    updates: list[Task] = []
    task = await client.generate(
        "a detective enters a dim room",
        model="doubao-seedance-1-0-pro-250528",
        resolution="480p",
        duration=6,
        seed=99,
        output=tmp_path / "detective.mp4",
        on_update=updates.append,
    )
    assert task.status is TaskStatus.SUCCEEDED
    assert (tmp_path / "detective.mp4").read_bytes()[4:8] == b"ftyp"
    assert TaskStatus.RUNNING in [u.status for u in updates]
    assert sent(fake) == {
        "model": "doubao-seedance-1-0-pro-250528",
        "content": [{"type": "text", "text": "a detective enters a dim room"}],
        "resolution": "480p",
        "duration": 6,
        "seed": 99,
    }
    # GPTProto sends Ark's task with seed and times as strings: they still parse.
    assert isinstance(task.raw["created_at"], str)
    assert task.created_at is not None and task.updated_at is not None
    assert task.updated_at.timestamp() - task.created_at.timestamp() == 30
    assert task.usage and task.usage["total_tokens"] > 0


@pytest.mark.parametrize(
    ("options", "field", "model", "allowed"),
    [
        ({"duration": 3}, "duration", "seedance-1-5-pro-251215", [-1, *range(4, 13)]),
        ({"duration": 1}, "duration", "seedance-1-0-pro-250528", "an integer from 2 to 12"),
        ({"resolution": "4k"}, "resolution", "doubao-seedance-1-5-pro-251215", None),
        ({"audio": True}, "audio", "seedance-1-0-lite-t2v-250428", None),
        ({"aspect_ratio": "5:4"}, "aspect_ratio", "seedance-1-5-pro-251215", None),
    ],
)
async def test_invalid_options_fail_before_sending(
    client: AsyncClient,
    fake: FakeGptproto,
    options: dict[str, Any],
    field: str,
    model: str,
    allowed: Any,
) -> None:
    with pytest.raises(ValidationError) as caught:
        await client.submit("a fox", model=model, **options)
    error = caught.value
    assert (error.field, error.provider, error.model, error.value) == (
        field,
        "gptproto",
        model,
        options[field],
    )
    assert model in str(error) and repr(options[field]) in str(error)
    if allowed is not None:
        assert error.allowed == allowed
    assert fake.requests == []


async def test_an_unknown_model_lists_the_known_ones(
    client: AsyncClient, fake: FakeGptproto
) -> None:
    with pytest.raises(ValidationError) as caught:
        await client.submit("a fox", model="gpt-video-1")
    assert caught.value.allowed == sorted(bundled("gptproto")["x-seedance-models"]["models"])
    assert fake.requests == []


async def test_local_images_are_sent_as_data_uris(
    client: AsyncClient, fake: FakeGptproto, tmp_path: Path
) -> None:
    image = tmp_path / "cat.png"
    image.write_bytes(PNG)
    await client.submit("a cat yawns", model="seedance-1-0-lite-i2v-250428", images=[image])
    assert sent(fake)["content"][1] == {
        "type": "image_url",
        "image_url": {"url": "data:image/png;base64," + base64.b64encode(PNG).decode()},
    }
    with pytest.raises(ValidationError, match="takes 1 to 4 image"):
        await client.submit("a cat", model="seedance-1-0-lite-i2v-250428")


async def test_a_failed_task_raises(client: AsyncClient, fake: FakeGptproto) -> None:
    fake.faults.fail_tasks = True
    with pytest.raises(TaskFailedError) as caught:
        await client.wait(await client.submit("a fox"))
    assert caught.value.task.status is TaskStatus.FAILED
    assert caught.value.task.error_code == "InternalServiceError"


async def test_a_task_in_the_wrapped_shape_is_read_and_waited_for(
    client: AsyncClient, fake: FakeGptproto
) -> None:
    """A task created in seed 004's prompt shape is answered wrapped (pending/completed)."""
    async with httpx.AsyncClient(transport=fake.transport(), base_url="http://fake") as http:
        created = await http.post(
            TASKS,
            json={"model": "seedance-1-0-lite-i2v-250428", "prompt": "a fox", "duration": "5s"},
            headers={"Authorization": f"Bearer {KEY}"},
        )
    adapter = get_adapter("gptproto")
    task_id = adapter.created_id(answer_to(create_op(adapter), 200, created.json()))
    assert task_id.startswith("task_")
    early = await client.get(task_id)
    assert (early.status, early.provider_status) == (TaskStatus.QUEUED, "pending")
    done = await client.wait(task_id)
    assert done.status is TaskStatus.SUCCEEDED and done.video_url
    assert done.model == "seedance-1-0-lite-i2v-250428" and done.updated_at is not None
    fake.faults.fail_tasks = True
    async with httpx.AsyncClient(transport=fake.transport(), base_url="http://fake") as http:
        created = await http.post(
            TASKS,
            json={"model": "seedance-1-0-lite-i2v-250428", "prompt": "a fox"},
            headers={"Authorization": f"Bearer {KEY}"},
        )
    with pytest.raises(TaskFailedError) as caught:
        await client.wait(created.json()["data"]["task_id"])
    assert caught.value.task.error_message


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"code": 0, "data": {"task_id": "task_1", "status": "pending"}}, TaskStatus.QUEUED),
        ({"code": 0, "data": {"task_id": "task_1", "status": "completed"}}, TaskStatus.SUCCEEDED),
        ({"code": 0, "data": {"task_id": "task_1", "status": "failed"}}, TaskStatus.FAILED),
        ({"code": 0, "data": {"task_id": "task_1", "status": "paused"}}, TaskStatus.UNKNOWN),
        ({"id": "cgt-1", "status": "running", "seed": "7"}, TaskStatus.RUNNING),
        ({"id": "cgt-1", "status": "cancelled"}, TaskStatus.CANCELLED),
        ({"id": "cgt-1", "status": "expired"}, TaskStatus.EXPIRED),
        ({"id": "cgt-1", "status": "dreaming"}, TaskStatus.UNKNOWN),
    ],
)
def test_both_shapes_map_their_statuses(body: dict[str, Any], status: TaskStatus) -> None:
    adapter = get_adapter("gptproto")
    task = adapter.to_task("x", answer_to(adapter.get("x"), 200, body))
    assert task.status is status and task.raw == body


def test_created_ids_in_either_shape_and_an_unreadable_answer() -> None:
    adapter = get_adapter("gptproto")
    op = create_op(adapter)
    assert adapter.created_id(answer_to(op, 200, {"id": "cgt-1"})) == "cgt-1"
    wrapped = {"code": 0, "data": {"task_id": "task_9"}}
    assert adapter.created_id(answer_to(op, 200, wrapped)) == "task_9"
    with pytest.raises(UnexpectedResponseError) as caught:
        adapter.created_id(answer_to(op, 200, {"code": 0, "message": "Success"}))
    assert caught.value.raw == {"code": 0, "message": "Success"}


async def test_errors_map_from_gptprotos_envelope(client: AsyncClient, fake: FakeGptproto) -> None:
    with pytest.raises(NotFoundError) as missing:
        await client.get("task_missing")
    assert missing.value.code == "task_not_found"
    fake.faults.rate_limit_next = 10
    fake.faults.retry_after = 2
    with pytest.raises(RateLimitedError) as limited:
        await client.get("task_missing")
    assert limited.value.retry_after == 2.0 and limited.value.code == "rate_limit_exceeded"
    fake.faults.rate_limit_next = 0
    fake.faults.server_error_next = 10
    with pytest.raises(ProviderUnavailableError):
        await client.get("task_missing")
    fake.faults.server_error_next = 1
    fake.faults.server_error_status = 400
    with pytest.raises(ProviderRejectedError) as refused:
        await client.submit("a fox")
    assert refused.value.code == "invalid_parameters" and refused.value.status_code == 400


async def test_a_wrong_key_names_the_environment_variable(
    fake: FakeGptproto, clock: FakeClock
) -> None:
    async with AsyncClient(
        "gptproto", api_key="sk-wrong", transport=fake.transport(), clock=clock
    ) as client:
        with pytest.raises(AuthenticationError, match="GPTPROTO_API_KEY") as caught:
            await client.submit("a fox")
    assert caught.value.code == "invalid_api_key" and "sk-wrong" not in str(caught.value)


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (200, {"code": 401, "message": "bad key"}, AuthenticationError),
        (200, {"code": 429, "message": "slow down"}, RateLimitedError),
        (200, {"code": 1001, "message": "model busy"}, ProviderRejectedError),
        (200, {"code": 503, "message": "down"}, ProviderUnavailableError),
        (
            403,
            {"error": {"message": "Insufficient balance", "code": "q"}},
            InsufficientCreditsError,
        ),
        (403, {"error": {"message": "no", "type": "permission_error"}}, ProviderRejectedError),
        (404, ["not", "an", "envelope"], UnexpectedResponseError),
    ],
)
def test_error_table(status: int, body: Any, expected: type[Exception]) -> None:
    adapter = get_adapter("gptproto")
    op = adapter.get("task_1")
    error = adapter.error(op, answer_to(op, status, body), None)
    assert type(error) is expected
    assert getattr(error, "raw", None) == body
    ok = {"code": 0, "data": {}}
    assert adapter.error(op, answer_to(op, 200, ok), None) is None


async def test_cancel_and_list_are_unsupported(client: AsyncClient) -> None:
    with pytest.raises(UnsupportedOperationError):
        await client.cancel("cgt-1")
    with pytest.raises(UnsupportedOperationError):
        await client.list()


def test_models_come_from_the_spec_table() -> None:
    infos = {info.model: info for info in seedance.list_models("gptproto")}
    assert set(infos) == set(bundled("gptproto")["x-seedance-models"]["models"])
    assert infos["seedance-1-5-pro-251215"].options["audio"].field == "generate_audio"


def test_any_value_the_spec_allows_is_accepted_and_any_other_refused_before_sending() -> None:
    def reached(body: dict[str, Any], neutral: str, value: Any) -> bool:
        return bool(body[NEUTRAL_FIELDS[neutral]] == value)

    property_check(
        "gptproto",
        lambda clock: FakeGptproto(api_key=KEY, clock=clock, model_rules=True),
        NEUTRAL_FIELDS,
        reached,
        examples=50,
    )
