"""The wrapper against the fake Pixazo, in process: options as prompt suffixes, URL images."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import seedance
from seedance import AsyncClient, Task, TaskStatus
from seedance._errors import (
    AuthenticationError,
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
from seedance.testing.pixazo import FakePixazo
from tests.support.openapi import bundled
from tests.test_client_ark import PNG, answer_to, property_check

pytestmark = pytest.mark.anyio

KEY = "pixazo-test-key-0123456789"
T2V = "/byteplus/v1/generateVideoTask"
I2V = "/byteplus/v1/generateImage2VideoTask"
RESULT = "/bytedance-polling/getVideoResult"
SUFFIXES = {
    "aspect_ratio": "ratio",
    "resolution": "resolution",
    "duration": "duration",
    "seed": "seed",
    "camera_fixed": "camerafixed",
    "watermark": "watermark",
}


class Headers(httpx.AsyncBaseTransport):
    """Passes requests to the fake, keeping the headers of every API request."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.seen: list[httpx.Headers] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not request.url.path.startswith("/_fake/"):  # not the result download
            self.seen.append(request.headers)
        return await self.inner.handle_async_request(request)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake(clock: FakeClock) -> FakePixazo:
    return FakePixazo(api_key=KEY, clock=clock)


@pytest.fixture
def headers(fake: FakePixazo) -> Headers:
    return Headers(fake.transport())


@pytest.fixture
async def client(headers: Headers, clock: FakeClock) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(
        "pixazo", api_key=KEY, transport=headers, clock=clock, base_url="http://fake"
    ) as client:
        yield client


def sent(fake: FakePixazo) -> dict[str, Any]:
    body: dict[str, Any] = fake.tasks.all()[-1].request
    return body


async def test_generate_end_to_end_renders_options_as_suffixes(
    client: AsyncClient, fake: FakePixazo, headers: Headers, tmp_path: Path
) -> None:
    updates: list[Task] = []
    task = await client.generate(
        "a daisy field under a blue sky",
        aspect_ratio="9:16",
        resolution="1080p",
        duration=8,
        camera_fixed=False,
        seed=42,
        output=tmp_path / "daisy.mp4",
        on_update=updates.append,
    )
    assert task.status is TaskStatus.SUCCEEDED and task.video_url
    assert (tmp_path / "daisy.mp4").read_bytes()[4:8] == b"ftyp"
    assert TaskStatus.RUNNING in [u.status for u in updates]
    assert sent(fake) == {
        "model": "seedance-1-0-lite-t2v-250428",
        "content": [
            {
                "type": "text",
                "text": "a daisy field under a blue sky --ratio 9:16 --resolution 1080p "
                "--duration 8 --camerafixed false --seed 42",
            }
        ],
    }
    # The fake parsed the suffixes into the task's options: they were understood.
    assert (task.raw["ratio"], task.raw["resolution"], task.raw["duration"]) == (
        "9:16",
        "1080p",
        8,
    )
    assert fake.requests[0] == ("POST", T2V) and ("POST", RESULT) in fake.requests
    assert len(headers.seen) >= 3
    for seen in headers.seen:
        assert seen["ocp-apim-subscription-key"] == KEY
        assert seen["cache-control"] == "no-cache"
        assert "authorization" not in seen


async def test_an_image_url_goes_to_the_image_to_video_operation(
    client: AsyncClient, fake: FakePixazo
) -> None:
    await client.submit(
        "clouds drift", model="seedance-1-0-lite-i2v-250428", images=["https://x/c.jpg"]
    )
    assert fake.requests[-1] == ("POST", I2V)
    assert sent(fake)["content"] == [
        {"type": "text", "text": "clouds drift"},
        {"type": "image_url", "image_url": "https://x/c.jpg"},
    ]


@pytest.mark.parametrize("image", [PNG, "local"])
async def test_local_images_are_refused_before_sending(
    client: AsyncClient, fake: FakePixazo, tmp_path: Path, image: Any
) -> None:
    if image == "local":
        image = tmp_path / "c.png"
        image.write_bytes(PNG)
    with pytest.raises(ValidationError, match="image URLs only") as caught:
        await client.submit("clouds", model="seedance-1-0-lite-i2v-250428", images=[image])
    assert caught.value.field == "images" and caught.value.provider == "pixazo"
    assert fake.requests == []


@pytest.mark.parametrize(
    ("options", "field", "model", "allowed"),
    [
        ({"duration": 3}, "duration", "seedance-1-5-pro-251215", [-1, *range(4, 13)]),
        ({"duration": 13}, "duration", "seedance-1-0-lite-t2v-250428", "an integer from 2 to 12"),
        # 1.5 pro takes 1080p (specs/README.md); Pixazo's prompt options have no 4k
        (
            {"resolution": "4k"},
            "resolution",
            "seedance-1-5-pro-251215",
            ["480p", "720p", "1080p"],
        ),
        ({"seed": -2}, "seed", "seedance-1-0-lite-t2v-250428", None),
        ({"audio": True}, "audio", "seedance-1-5-pro-251215", None),
        ({"return_last_frame": True}, "return_last_frame", "seedance-1-0-pro-250528", None),
    ],
)
async def test_invalid_options_fail_before_sending(
    client: AsyncClient,
    fake: FakePixazo,
    options: dict[str, Any],
    field: str,
    model: str,
    allowed: Any,
) -> None:
    with pytest.raises(ValidationError) as caught:
        await client.submit("a fox", model=model, **options)
    error = caught.value
    assert (error.field, error.provider, error.model) == (field, "pixazo", model)
    assert model in str(error) and repr(options[field]) in str(error)
    if allowed is not None:
        assert error.allowed == allowed
    assert fake.requests == []


async def test_image_counts_per_model(client: AsyncClient, fake: FakePixazo) -> None:
    with pytest.raises(ValidationError, match="exactly 1 image"):
        await client.submit("a fox", model="seedance-1-0-lite-i2v-250428")
    with pytest.raises(ValidationError, match="exactly 0 image"):
        await client.submit("a fox", model="seedance-1-0-lite-t2v-250428", images=["https://x/a"])
    with pytest.raises(ValidationError, match="unknown"):
        await client.submit("a fox", model="unknown-model")
    assert fake.requests == []


async def test_images_without_a_model_pick_the_image_to_video_model(
    client: AsyncClient, fake: FakePixazo
) -> None:
    """The spec's default is text to video; with an image and no model named, the first
    model of the table that takes one image is used (and its endpoint)."""
    table = bundled("pixazo")["x-seedance-models"]
    assert table["models"][table["default"]]["images"]["max"] == 0
    task = await client.submit("a fox", images=["https://example.com/fox.png"])
    fits = [
        name
        for name, entry in table["models"].items()
        if entry["images"].get("min", 0) <= 1 <= entry["images"]["max"]
    ]
    assert task.model == fits[0] and fake.tasks.all()[-1].model == fits[0]
    assert fake.requests[-1] == ("POST", I2V)
    await client.submit("a fox")
    assert fake.tasks.all()[-1].model == table["default"] and fake.requests[-1] == ("POST", T2V)


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("queued", TaskStatus.QUEUED),
        ("running", TaskStatus.RUNNING),
        ("succeeded", TaskStatus.SUCCEEDED),
        ("failed", TaskStatus.FAILED),
        ("cancelled", TaskStatus.CANCELLED),
        ("expired", TaskStatus.EXPIRED),
        ("rendering", TaskStatus.UNKNOWN),
    ],
)
def test_statuses_map_and_an_unknown_one_is_unknown(word: str, status: TaskStatus) -> None:
    adapter = get_adapter("pixazo")
    body = {"id": "cgt-1", "status": word}
    task = adapter.to_task("cgt-1", answer_to(adapter.get("cgt-1"), 200, body))
    assert (task.status, task.provider_status) == (status, word)


async def test_a_failed_task_raises(client: AsyncClient, fake: FakePixazo) -> None:
    fake.faults.fail_tasks = True
    with pytest.raises(TaskFailedError) as caught:
        await client.wait(await client.submit("a fox"))
    assert caught.value.task.error_code == "InternalServiceError"


async def test_errors_map_from_pixazos_envelope(client: AsyncClient, fake: FakePixazo) -> None:
    with pytest.raises(NotFoundError, match="Task not found") as missing:
        await client.get("cgt-20250101000000-abcde")
    assert missing.value.code == 404
    from pixazo_client.models import ContentVideoTaskRequest

    body = {
        "model": "seedance-1-0-lite-t2v-250428",
        "content": [{"type": "text", "text": "a fox --duration 20"}],
    }
    op = client.adapter.operation(
        "default.generate_video_task", create=True, body=ContentVideoTaskRequest.from_dict(body)
    )  # a suffix our checks refuse (see below), sent past them: Pixazo's own refusal
    with pytest.raises(ProviderRejectedError, match="--duration 20") as refused:
        await client._run(client._sender.send(op))
    assert refused.value.status_code == 400
    fake.faults.rate_limit_next = 10
    fake.faults.retry_after = 4
    with pytest.raises(RateLimitedError) as limited:
        await client.get("cgt-20250101000000-abcde")
    assert limited.value.retry_after == 4.0
    fake.faults.rate_limit_next = 0
    fake.faults.server_error_next = 10
    with pytest.raises(ProviderUnavailableError):
        await client.get("cgt-20250101000000-abcde")


async def test_a_wrong_key_names_the_environment_variable(
    fake: FakePixazo, clock: FakeClock
) -> None:
    async with AsyncClient(
        "pixazo", api_key="wrong-key", transport=fake.transport(), clock=clock
    ) as client:
        with pytest.raises(AuthenticationError, match="PIXAZO_API_KEY") as caught:
            await client.submit("a fox")
    assert "wrong-key" not in str(caught.value)


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (403, {"error": "Access denied for this operation"}, ProviderRejectedError),
        (400, {"error": "Invalid parameters"}, ProviderRejectedError),
        (404, {"message": "Resource not found"}, UnexpectedResponseError),
        (500, {"error": "An unexpected error occurred"}, ProviderUnavailableError),
    ],
)
def test_error_table(status: int, body: Any, expected: type[Exception]) -> None:
    adapter = get_adapter("pixazo")
    op = adapter.get("cgt-1")
    error = adapter.error(op, answer_to(op, status, body), None)
    assert type(error) is expected and getattr(error, "raw", None) == body


async def test_cancel_and_list_are_unsupported(client: AsyncClient) -> None:
    with pytest.raises(UnsupportedOperationError):
        await client.cancel("cgt-1")
    with pytest.raises(UnsupportedOperationError):
        await client.list()


def test_models_and_suffixes_come_from_the_spec() -> None:
    spec = bundled("pixazo")
    infos = {info.model: info for info in seedance.list_models("pixazo")}
    assert set(infos) == set(spec["x-seedance-models"]["models"])
    pro = infos["seedance-1-5-pro-251215"]
    assert pro.options["camera_fixed"].field == "camerafixed"
    assert set(pro.options) == set(SUFFIXES)  # no audio, no last frame: no such suffix


def test_any_value_the_spec_allows_is_accepted_and_any_other_refused_before_sending() -> None:
    def reached(body: dict[str, Any], neutral: str, value: Any) -> bool:
        text = str(body["content"][0]["text"])
        rendered = str(value).lower() if isinstance(value, bool) else str(value)
        return text.endswith(f" --{SUFFIXES[neutral]} {rendered}")

    property_check(
        "pixazo", lambda clock: FakePixazo(api_key=KEY, clock=clock), SUFFIXES, reached, 50
    )


@pytest.mark.parametrize(
    ("prompt", "word", "option"),
    [
        ("a red fox --duration 99", "--duration", "duration="),
        ("a red fox --ratio 7:3 at dawn", "--ratio", "aspect_ratio="),
        ("--resolution 4k a red fox", "--resolution", "resolution="),
        ("a red fox --Duration 99", "--Duration", "duration="),
    ],
)
async def test_a_prompt_writing_an_option_itself_is_refused(
    client: AsyncClient, fake: FakePixazo, prompt: str, word: str, option: str
) -> None:
    """Pixazo reads ``--name value`` from the prompt as an option: one the caller wrote
    would reach it unchecked (and beside the checked one)."""
    with pytest.raises(ValidationError) as caught:
        await client.submit(prompt, duration=5)
    assert caught.value.field == "prompt" and caught.value.value == word
    assert option in str(caught.value) and fake.tasks.all() == []


async def test_a_double_dash_that_names_no_option_is_prose(
    client: AsyncClient, fake: FakePixazo
) -> None:
    await client.submit("a red fox -- then a wolf --slowly, then the word --watermark")
    text = sent(fake)["content"][0]["text"]
    assert text.startswith("a red fox -- then a wolf --slowly, then the word --watermark")
