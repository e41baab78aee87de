"""The wrapper against the fake Ark (BytePlus ModelArk / Volcengine), in process.

Per-model rules come from ``x-seedance-models`` in specs/ark/ark.yaml; the fake runs with
``model_rules`` on, so it refuses what the table forbids too and client and fake must agree.
The helpers at the bottom (spec-derived option schemas and the property test) are shared
with tests/test_client_gptproto.py and tests/test_client_pixazo.py.
"""

from __future__ import annotations

import asyncio
import base64
import importlib
import json
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

import seedance
from seedance import AsyncClient, PollSchedule, Task, TaskStatus
from seedance._call import (
    PARSER_ERRORS,
    Answer,
    Operation,
    answer_after_parser_error,
    answer_from,
    last_response,
    remember,
)
from seedance._errors import (
    AuthenticationError,
    ConfigurationError,
    InsufficientCreditsError,
    NotFoundError,
    ProviderRejectedError,
    ProviderUnavailableError,
    RateLimitedError,
    TaskFailedError,
    UnexpectedResponseError,
    ValidationError,
)
from seedance._providers import get_adapter
from seedance._providers._base import Adapter
from seedance.testing import FakeClock, FakeProvider
from seedance.testing.ark import FakeArk
from tests.support.openapi import bundled, resolve, to_json_schema

pytestmark = pytest.mark.anyio

KEY = "ark-test-secret-key-0123456789"
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64
TASKS = "/contents/generations/tasks"
BYTEPLUS = "https://ark.ap-southeast.bytepluses.com/api/v3"
VOLCENGINE = "https://ark.cn-beijing.volces.com/api/v3"
NO_JITTER = PollSchedule(jitter=0.0)


@pytest.fixture(autouse=True)
def _no_region(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARK_REGION", raising=False)
    monkeypatch.delenv("ARK_BASE_URL", raising=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake(clock: FakeClock) -> FakeArk:
    return FakeArk(api_key=KEY, clock=clock, model_rules=True)


@pytest.fixture
async def client(fake: FakeArk, clock: FakeClock) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(
        "ark", api_key=KEY, transport=fake.transport(), clock=clock, base_url="http://fake"
    ) as client:
        yield client


def sent(fake: FakeProvider, index: int = -1) -> dict[str, Any]:
    body: dict[str, Any] = fake.tasks.all()[index].request
    return body


def answer_to(op: Operation, status: int, body: Any) -> Answer:
    """What a client makes of ``body`` answered with ``status`` to ``op``: the generated
    operation's own public ``sync_detailed`` reads it from a mock transport."""
    if body is None:
        content = b""
    else:
        content = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=content))
    http = httpx.Client(
        base_url="http://fake", transport=transport, event_hooks={"response": [remember]}
    )
    package = importlib.import_module(op.module.__name__.split(".")[0] + ".client")
    generated = package.Client(base_url="http://fake").set_httpx_client(http)
    last_response.set(None)
    with http:
        try:
            return answer_from(op.module.sync_detailed(client=generated, **op.kwargs))
        except PARSER_ERRORS as exc:
            return answer_after_parser_error(exc)


def create_op(adapter: Adapter, prompt: str = "a fox") -> Operation:
    """The create operation of a plain text-to-video request."""
    info, fields = adapter.validate(seedance.VideoRequest(prompt=prompt))
    return adapter.create(seedance.VideoRequest(prompt=prompt), info, fields, [], None)


class Recorder(httpx.AsyncBaseTransport):
    """Passes requests to the fake, noting each list request's ``filter.task_ids``."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.lists: list[list[str]] = []
        self.gets = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and request.url.path.endswith(TASKS):
            self.lists.append(request.url.params.get_list("filter.task_ids"))
        elif request.method == "GET" and TASKS + "/" in request.url.path:
            self.gets += 1
        return await self.inner.handle_async_request(request)


# ----------------------------------------------------------------- generate


async def test_generate_end_to_end_writes_a_playable_mp4(
    client: AsyncClient, fake: FakeArk, tmp_path: Path
) -> None:
    updates: list[Task] = []
    task = await client.generate(
        "a paper boat on a quiet lake",
        aspect_ratio="16:9",
        duration=5,
        audio=True,
        output=tmp_path / "boat.mp4",
        on_update=updates.append,
    )
    assert task.status is TaskStatus.SUCCEEDED and task.provider_status == "succeeded"
    assert (tmp_path / "boat.mp4").read_bytes()[4:8] == b"ftyp"
    assert updates[0].status is TaskStatus.QUEUED
    assert TaskStatus.RUNNING in [u.status for u in updates]
    assert task.usage == {"completion_tokens": 108900, "total_tokens": 108900}
    assert task.created_at is not None and task.updated_at is not None
    assert task.updated_at > task.created_at
    assert sent(fake) == {
        "model": "seedance-1-5-pro-251215",
        "content": [{"type": "text", "text": "a paper boat on a quiet lake"}],
        "ratio": "16:9",
        "duration": 5,
        "generate_audio": True,
    }


async def test_extra_fields_are_checked_against_the_spec_and_sent(
    client: AsyncClient, fake: FakeArk
) -> None:
    await client.submit("a fox", extra={"service_tier": "flex", "execution_expires_after": 3600})
    assert sent(fake)["service_tier"] == "flex"
    cases: list[tuple[dict[str, Any], str]] = [
        ({"execution_expires_after": 60}, "execution_expires_after"),
        ({"service_tier": "cheap"}, "service_tier"),
        ({"frames": 29}, "frames"),  # 1.5 pro takes no frames (x-seedance-models)
        ({"model": "x"}, "extra.model"),
        ({"tools": [{"type": "bogus"}]}, "extra"),  # the generated model refuses it
    ]
    for extra, field in cases:
        with pytest.raises(ValidationError) as caught:
            await client.submit("a fox", extra=extra)
        assert caught.value.field == field, extra
    with pytest.raises(ValidationError, match="duration or frames"):
        await client.submit(
            "a fox", model="seedance-1-0-pro-250528", duration=5, extra={"frames": 29}
        )
    assert len(fake.requests) == 1


# ----------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("options", "field", "model", "allowed"),
    [
        ({"duration": 3}, "duration", "seedance-1-5-pro-251215", [-1, *range(4, 13)]),
        ({"duration": 16}, "duration", "dreamina-seedance-2-0-260128", [-1, *range(4, 16)]),
        ({"duration": -1}, "duration", "seedance-1-0-pro-250528", "an integer from 2 to 12"),
        ({"duration": 13}, "duration", "seedance-1-0-lite-t2v-250428", "an integer from 2 to 12"),
        # 1.5 pro takes 1080p since (ComfyUI comfy_api_nodes, specs/README.md); 4k is 2.0's
        (
            {"resolution": "4k"},
            "resolution",
            "seedance-1-5-pro-251215",
            ["480p", "720p", "1080p"],
        ),
        ({"resolution": "1080p"}, "resolution", "dreamina-seedance-2-0-fast-260128", None),
        ({"aspect_ratio": "2:1"}, "aspect_ratio", "seedance-1-5-pro-251215", None),
        ({"seed": 2**32}, "seed", "seedance-1-0-pro-250528", "an integer from -1 to 4294967295"),
        ({"audio": True}, "audio", "seedance-1-0-pro-250528", None),
    ],
)
async def test_invalid_options_fail_before_sending_naming_everything(
    client: AsyncClient,
    fake: FakeArk,
    options: dict[str, Any],
    field: str,
    model: str,
    allowed: Any,
) -> None:
    with pytest.raises(ValidationError) as caught:
        await client.submit("a fox", model=model, **options)
    error = caught.value
    assert (error.field, error.provider, error.model) == (field, "ark", model)
    assert error.value == options[field]
    assert repr(options[field]) in str(error) and model in str(error) and "ark" in str(error)
    if allowed is not None:
        assert error.allowed == allowed
    if field == "audio":  # not offered by this model: the message lists what it takes
        assert isinstance(error.allowed, list)
        assert "audio" not in error.allowed and "duration" in error.allowed
    assert fake.requests == [], "nothing may be sent for an invalid request"


async def test_a_value_of_the_wrong_type_fails_before_sending(
    client: AsyncClient, fake: FakeArk
) -> None:
    for options in ({"camera_fixed": "yes"}, {"aspect_ratio": 16}, {"audio": 1}):
        with pytest.raises(ValidationError) as caught:
            await client.submit("a fox", **options)
        name = next(iter(options))
        assert (caught.value.field, caught.value.value) == (name, options[name])
    assert fake.requests == []


async def test_an_unknown_model_lists_the_known_ones(client: AsyncClient, fake: FakeArk) -> None:
    with pytest.raises(ValidationError) as caught:
        await client.submit("a fox", model="seedance-9-ultra")
    assert caught.value.field == "model"
    assert caught.value.allowed == sorted(bundled("ark")["x-seedance-models"]["models"])
    assert "doubao-" in str(caught.value), "the Volcengine alias rule is named"
    assert fake.requests == []


async def test_volcengine_ids_are_aliases_with_the_same_rules(
    client: AsyncClient, fake: FakeArk
) -> None:
    with pytest.raises(ValidationError) as caught:
        await client.submit("a fox", model="doubao-seedance-1-5-pro-251215", duration=3)
    assert caught.value.model == "doubao-seedance-1-5-pro-251215"
    await client.submit("a fox", model="doubao-seedance-1-5-pro-251215", duration=-1)
    await client.submit("a fox", model="doubao-seedance-2-0-260128", duration=15)
    assert [t.model for t in fake.tasks.all()] == [
        "doubao-seedance-1-5-pro-251215",
        "doubao-seedance-2-0-260128",
    ]
    with pytest.raises(ValidationError):  # the prefix is added, not a free-for-all
        await client.submit("a fox", model="doubao-dreamina-seedance-2-0-260128")


async def test_models_come_from_the_spec_table() -> None:
    infos = {info.model: info for info in seedance.list_models("ark")}
    table = bundled("ark")["x-seedance-models"]["models"]
    assert set(infos) == set(table)
    lite = infos["seedance-1-0-lite-i2v-250428"]
    assert (lite.min_images, lite.max_images) == (1, 4)
    assert "audio" not in lite.options and "audio" in infos["seedance-1-5-pro-251215"].options
    assert infos["seedance-1-5-pro-251215"].options["aspect_ratio"].field == "ratio"
    assert infos["seedance-1-0-lite-t2v-250428"].max_images == 0


# ----------------------------------------------------------------- images


async def test_local_images_become_data_uris_with_first_and_last_frame_roles(
    client: AsyncClient, fake: FakeArk, tmp_path: Path
) -> None:
    first = tmp_path / "first.png"
    first.write_bytes(PNG)
    await client.submit("a flower opens", images=[first, b"\xff\xd8\xff" + b"1" * 10])
    items = sent(fake)["content"]
    assert items[0] == {"type": "text", "text": "a flower opens"}
    assert items[1] == {
        "type": "image_url",
        "image_url": {"url": "data:image/png;base64," + base64.b64encode(PNG).decode()},
        "role": "first_frame",
    }
    assert items[2]["role"] == "last_frame"
    assert items[2]["image_url"]["url"].startswith("data:image/jpeg;base64,")


async def test_one_image_keeps_arks_default_role_and_urls_pass_unchanged(
    client: AsyncClient, fake: FakeArk
) -> None:
    await client.submit("a kitten", images=["https://example.com/k.png"])
    assert sent(fake)["content"][1] == {
        "type": "image_url",
        "image_url": {"url": "https://example.com/k.png"},
    }
    await client.submit(
        "a kitten",
        model="seedance-1-0-lite-i2v-250428",
        images=["https://example.com/a.png", "https://example.com/b.png", "https://x/c.png"],
    )
    assert [i.get("role") for i in sent(fake)["content"][1:]] == ["reference_image"] * 3


@pytest.mark.parametrize(
    ("model", "images", "words"),
    [
        ("seedance-1-0-lite-i2v-250428", [], "takes 1 to 4 image"),
        ("seedance-1-0-lite-t2v-250428", ["https://x/a.png"], "takes exactly 0 image"),
        ("seedance-1-0-pro-fast-251015", ["https://x/a.png"] * 2, "takes 0 to 1 image"),
        (
            "seedance-1-5-pro-251215",
            [seedance.ImageInput("https://x/a.png", role="reference_image")],
            "role 'reference_image' is not accepted",
        ),
        (
            "seedance-1-5-pro-251215",
            [seedance.ImageInput("https://x/a.png", role="last_frame")],
            "a last_frame needs a first_frame",
        ),
        (
            "dreamina-seedance-2-0-260128",
            [
                seedance.ImageInput("https://x/a.png", role="first_frame"),
                seedance.ImageInput("https://x/b.png", role="reference_image"),
            ],
            "do not mix",
        ),
        (
            "seedance-1-5-pro-251215",
            [seedance.ImageInput("https://x/a.png", role="first_frame"), "https://x/b.png"],
            "every image a role",
        ),
    ],
)
async def test_image_counts_and_roles_are_checked_per_model(
    client: AsyncClient, fake: FakeArk, model: str, images: list[Any], words: str
) -> None:
    with pytest.raises(ValidationError, match=words) as caught:
        await client.submit("a fox", model=model, images=images)
    assert caught.value.model == model
    assert fake.requests == []


# ----------------------------------------------------------------- statuses


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("queued", TaskStatus.QUEUED),
        ("running", TaskStatus.RUNNING),
        ("succeeded", TaskStatus.SUCCEEDED),
        ("failed", TaskStatus.FAILED),
        ("cancelled", TaskStatus.CANCELLED),
        ("expired", TaskStatus.EXPIRED),
        ("thinking", TaskStatus.UNKNOWN),
    ],
)
def test_every_ark_status_maps_and_an_unknown_one_is_unknown(word: str, status: TaskStatus) -> None:
    body = {
        "id": "cgt-1",
        "status": word,
        "created_at": "1743414619",  # resellers send strings
        "updated_at": 1743414688,
        "seed": "42",
        "surprise": {"new": "field"},
    }
    adapter = get_adapter("ark")
    task = adapter.to_task("cgt-1", answer_to(adapter.get("cgt-1"), 200, body))
    assert (task.status, task.provider_status) == (status, word)
    assert task.created_at is not None and task.created_at.timestamp() == 1743414619
    assert task.raw["surprise"] == {"new": "field"}
    assert task.finished is status.finished


def test_an_answer_without_a_status_is_unexpected_and_kept() -> None:
    adapter = get_adapter("ark")
    with pytest.raises(UnexpectedResponseError) as caught:
        adapter.to_task("cgt-1", answer_to(adapter.get("cgt-1"), 200, {"id": "cgt-1"}))
    assert caught.value.raw == {"id": "cgt-1"}


async def test_a_failed_task_raises_with_arks_error(client: AsyncClient, fake: FakeArk) -> None:
    fake.faults.fail_tasks = True
    task = await client.submit("a fox")
    with pytest.raises(TaskFailedError) as caught:
        await client.wait(task)
    failed = caught.value.task
    assert failed.status is TaskStatus.FAILED
    assert failed.error_code == "OutputVideoSensitiveContentDetected"
    assert failed.error_message and "sensitive" in failed.error_message


async def test_an_unfinished_task_expires(
    client: AsyncClient, fake: FakeArk, clock: FakeClock
) -> None:
    fake.tasks.running_for = 10_000
    task = await client.submit("a fox", extra={"execution_expires_after": 3600})
    done = await client.wait(task, timeout=7200, raise_on_failure=False)
    assert done.status is TaskStatus.EXPIRED


# ----------------------------------------------------------------- errors


async def test_errors_map_from_arks_envelope(
    client: AsyncClient, fake: FakeArk, clock: FakeClock
) -> None:
    with pytest.raises(NotFoundError) as missing:
        await client.get("cgt-20250101000000-abcde")
    assert missing.value.code == "ResourceNotFound" and missing.value.status_code == 404
    with pytest.raises(ProviderRejectedError) as refused:  # 25 + 4n is the provider's rule
        await client.submit("a fox", model="seedance-1-0-pro-250528", extra={"frames": 30})
    assert refused.value.code == "InvalidParameter" and "frames" in str(refused.value)
    fake.faults.rate_limit_next = 10
    fake.faults.retry_after = 3
    with pytest.raises(RateLimitedError) as limited:
        await client.get("cgt-20250101000000-abcde")
    assert limited.value.retry_after == 3.0
    fake.faults.rate_limit_next = 0
    fake.faults.server_error_next = 10
    with pytest.raises(ProviderUnavailableError) as failing:
        await client.get("cgt-20250101000000-abcde")
    assert failing.value.code == "InternalServiceError"
    fake.faults.server_error_next = 1
    fake.faults.server_error_status = 403
    with pytest.raises(ProviderRejectedError) as denied:
        await client.submit("a fox")
    assert denied.value.code == "AccessDenied"


async def test_a_wrong_key_names_the_environment_variable(fake: FakeArk, clock: FakeClock) -> None:
    async with AsyncClient(
        "ark", api_key="sk-wrong-0000", transport=fake.transport(), clock=clock
    ) as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.get("cgt-20250101000000-abcde")
    assert "ARK_API_KEY" in str(caught.value) and "sk-wrong-0000" not in str(caught.value)


async def test_a_full_queue_is_retried_until_a_task_starts(fake: FakeArk, clock: FakeClock) -> None:
    fake.max_queued = 1
    fake.tasks.queued_for = 1
    async with AsyncClient(
        "ark", api_key=KEY, transport=fake.transport(), clock=clock, base_url="http://fake"
    ) as client:
        await client.submit("first")
        start = clock.monotonic()
        await client.submit("second")  # 429 QuotaExceeded until the first one runs
    assert len(fake.tasks) == 2 and clock.monotonic() - start >= 1


@pytest.mark.parametrize(
    ("status", "body", "expected", "code"),
    [
        (403, {"error": {"code": "AccountOverdueError", "message": "overdue"}}, "credits", None),
        (402, {"error": {"code": "Payment", "message": "pay"}}, "credits", None),
        (403, {"error": {"code": "AccessDenied", "message": "no"}}, "rejected", "AccessDenied"),
        (400, {"error": {"code": "InvalidParameter", "message": "bad"}}, "rejected", None),
        (404, "<html>nginx</html>", "unexpected", None),
        (418, {"something": "else"}, "unexpected", None),
        (503, None, "unavailable", 503),
        (401, None, "auth", 401),
        (200, {"id": "cgt-1"}, None, None),
    ],
)
def test_error_table(status: int, body: Any, expected: str | None, code: Any) -> None:
    classes = {
        "credits": InsufficientCreditsError,
        "rejected": ProviderRejectedError,
        "unexpected": UnexpectedResponseError,
        "unavailable": ProviderUnavailableError,
        "auth": AuthenticationError,
    }
    adapter = get_adapter("ark")
    op = adapter.get("cgt-1")
    error = adapter.error(op, answer_to(op, status, body), None)
    if expected is None:
        assert error is None
        return
    assert type(error) is classes[expected]
    assert getattr(error, "raw", None) == body
    if code is not None:
        assert getattr(error, "code", None) == code


# ----------------------------------------------------------------- cancel, list, last frame


async def test_cancel_a_queued_task_and_refused_cancel_of_a_running_one(
    client: AsyncClient, fake: FakeArk, clock: FakeClock
) -> None:
    queued = await client.submit("a fox")
    await client.cancel(queued)
    assert (await client.get(queued)).status is TaskStatus.CANCELLED
    with pytest.raises(TaskFailedError, match="cancelled"):
        await client.wait(queued)
    running = await client.submit("a fox")
    clock.advance(6)
    with pytest.raises(ProviderRejectedError, match="running"):
        await client.cancel(running)
    assert ("DELETE", f"{TASKS}/{running.id}") in fake.requests


async def test_list_newest_first_and_page_size_from_the_spec(
    client: AsyncClient, fake: FakeArk, clock: FakeClock
) -> None:
    ids = []
    for _ in range(3):
        ids.append((await client.submit("a fox")).id)
        clock.advance(1)
    listed = await client.list(page_size=2)
    assert [t.id for t in listed] == [ids[2], ids[1]]
    assert all(t.provider == "ark" and t.status is TaskStatus.QUEUED for t in listed)
    sent_before = len(fake.requests)
    with pytest.raises(ValidationError, match="from 1 to 500"):
        await client.list(page_size=501)
    assert len(fake.requests) == sent_before
    assert get_adapter("ark").batch_size == 500


async def test_the_last_frame_is_returned_and_downloads(
    client: AsyncClient, fake: FakeArk, tmp_path: Path
) -> None:
    task = await client.wait(await client.submit("a fox", return_last_frame=True))
    assert sent(fake)["return_last_frame"] is True
    assert task.last_frame_url and task.last_frame_url.endswith(".png")
    path = await client.download(task, tmp_path / "last.png", last_frame=True)
    assert path.read_bytes().startswith(b"\x89PNG")


async def test_many_waits_are_polled_by_one_list_request_per_round(
    fake: FakeArk, clock: FakeClock
) -> None:
    recorder = Recorder(fake.transport())
    fake.tasks.queued_for, fake.tasks.running_for = 20, 60
    async with AsyncClient(
        "ark",
        api_key=KEY,
        transport=recorder,
        clock=clock,
        base_url="http://fake",  # the default schedule, jitter and all
    ) as client:
        tasks = [await client.submit("a fox") for _ in range(40)]
        done = await asyncio.gather(*(client.wait(t) for t in tasks))
    assert all(t.succeeded for t in done)
    rounds = len(recorder.lists)
    assert rounds >= 5, "several polling rounds happened"
    assert sum(len(ids) for ids in recorder.lists) >= 40 * 5
    assert sum(len(ids) for ids in recorder.lists) / rounds >= 20, "most rounds batch most tasks"
    assert recorder.gets == 0, "no task was fetched on its own"
    assert rounds * 40 > 20 * (rounds + recorder.gets), "far fewer requests than tasks x rounds"


async def test_a_bogus_id_in_a_batch_fails_only_its_own_wait(
    fake: FakeArk, clock: FakeClock
) -> None:
    """Ark's list answers 404 for a malformed id in ``filter.task_ids``: the batch then
    lists nothing and each task is asked for alone, so only the bogus wait fails."""
    recorder = Recorder(fake.transport())
    async with AsyncClient(
        "ark",
        api_key=KEY,
        transport=recorder,
        clock=clock,
        base_url="http://fake",
        poll_schedule=NO_JITTER,
    ) as client:
        good = await client.submit("a fox")
        results = await asyncio.gather(
            client.wait(good), client.wait("not-an-ark-id"), return_exceptions=True
        )
    assert isinstance(results[0], Task) and results[0].succeeded
    assert isinstance(results[1], NotFoundError)
    assert sorted(recorder.lists[0]) == sorted([good.id, "not-an-ark-id"])
    assert recorder.gets >= 2


# ----------------------------------------------------------------- regions


async def test_volcengine_by_environment_picks_its_url_and_doubao_default(
    fake: FakeArk, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARK_REGION", "volcengine")
    async with AsyncClient("ark", api_key=KEY, transport=fake.transport(), clock=clock) as client:
        assert client.base_url == VOLCENGINE
        await client.submit("a fox")
    assert fake.requests == [("POST", "/api/v3" + TASKS)]
    assert sent(fake)["model"] == "doubao-seedance-1-5-pro-251215"


@pytest.mark.parametrize(
    ("env", "argument", "expected"),
    [
        ({}, None, BYTEPLUS),
        ({"ARK_REGION": "byteplus"}, None, BYTEPLUS),
        ({"ARK_BASE_URL": VOLCENGINE}, None, VOLCENGINE),
        ({"ARK_REGION": "volcengine"}, "http://my-proxy/api/v3", "http://my-proxy/api/v3"),
    ],
)
def test_base_url_selection(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], argument: str | None, expected: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert AsyncClient("ark", api_key=KEY, base_url=argument).base_url == expected


def test_an_unknown_region_lists_the_known_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARK_REGION", "mars")
    with pytest.raises(ConfigurationError, match=r"byteplus.*volcengine"):
        AsyncClient("ark", api_key=KEY)


# ----------------------------------------------------------------- the table itself


@pytest.mark.parametrize("provider", ["ark", "gptproto", "pixazo"])
def test_every_model_fragment_only_narrows_its_base_property(provider: str) -> None:
    """A fragment may only narrow, so "base with the fragment laid over" (how the wrapper
    and the fakes read it) equals "valid against both"."""
    spec = bundled(provider)
    extension = spec["x-seedance-models"]
    base = resolve(spec, extension["options_from"])["properties"]
    for model, entry in extension["models"].items():
        for name, fragment in entry.get("options", {}).items():
            plain = to_json_schema(spec, base[name])
            wide = jsonschema.Draft7Validator(plain)
            if "enum" in fragment:
                assert all(wide.is_valid(v) for v in fragment["enum"]), (model, name)
            if "minimum" in fragment or "maximum" in fragment:
                low, high = fragment.get("minimum"), fragment.get("maximum")
                assert wide.is_valid(low) and wide.is_valid(high), (model, name)
            if "default" in fragment:
                narrow = {"allOf": [plain, _plain(fragment)]}
                assert jsonschema.Draft7Validator(narrow).is_valid(fragment["default"])


def test_resellers_state_the_same_facts_as_ark_for_the_models_they_share() -> None:
    ark = bundled("ark")["x-seedance-models"]["models"]
    for provider in ("gptproto", "pixazo"):
        for model, entry in bundled(provider)["x-seedance-models"]["models"].items():
            mine = {k: _plain(v) for k, v in entry.get("options", {}).items()}
            theirs = {k: _plain(v) for k, v in ark[model].get("options", {}).items()}
            assert mine == theirs, (provider, model)
            assert entry["images"]["max"] <= ark[model]["images"]["max"], (provider, model)


# ----------------------------------------------------------------- property test


NEUTRAL_FIELDS = {
    "aspect_ratio": "ratio",
    "resolution": "resolution",
    "duration": "duration",
    "seed": "seed",
    "camera_fixed": "camera_fixed",
    "watermark": "watermark",
    "audio": "generate_audio",
    "return_last_frame": "return_last_frame",
}


def _plain(schema: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in schema.items() if not k.startswith("x-")}


def option_schemas(
    provider: str, neutral_fields: Mapping[str, str]
) -> dict[tuple[str, str], dict[str, Any] | None]:
    """(model, neutral option) -> the JSON Schema its values must meet, computed here from
    the bundled spec (``allOf`` of the base property and the model's fragment), or None
    where the model does not take the option."""
    spec = bundled(provider)
    extension = spec["x-seedance-models"]
    base = resolve(spec, extension["options_from"])["properties"]
    out: dict[tuple[str, str], dict[str, Any] | None] = {}
    for model, entry in extension["models"].items():
        for neutral, name in neutral_fields.items():
            if name not in base:
                continue
            if name in entry.get("unsupported", []):
                out[(model, neutral)] = None
                continue
            fragment = _plain(entry.get("options", {}).get(name, {}))
            out[(model, neutral)] = {"allOf": [to_json_schema(spec, base[name]), fragment]}
    return out


def invalid_values(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values of a neutral option's kind that ``schema`` refuses (no numeric strings for
    integer options: those are coerced, as documented)."""
    validator = jsonschema.Draft7Validator(schema)
    candidates = st.one_of(
        st.integers(min_value=-(2**40), max_value=2**40),
        st.booleans(),
        st.text(max_size=6).filter(lambda s: not s.lstrip("-").isdigit()),
    )
    return candidates.filter(lambda v: not validator.is_valid(v))


def property_check(
    provider: str,
    make_fake: Callable[[FakeClock], FakeProvider],
    neutral_fields: Mapping[str, str],
    reached: Callable[[dict[str, Any], str, Any], bool],
    examples: int = 60,
) -> None:
    """Any option value the spec allows for a model is accepted (it reaches the fake and a
    task is created); any other value is a ValidationError before anything is sent."""
    schemas = option_schemas(provider, neutral_fields)
    minimum_images = {
        model: entry.get("images", {}).get("min", 0)
        for model, entry in bundled(provider)["x-seedance-models"]["models"].items()
    }
    loop = asyncio.new_event_loop()
    clock = FakeClock()
    fake = make_fake(clock)

    async def make_client() -> AsyncClient:
        return AsyncClient(provider, api_key=fake.api_key, transport=fake.transport(), clock=clock)

    client = loop.run_until_complete(make_client())

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        model, neutral = data.draw(st.sampled_from(sorted(schemas)), label="model, option")
        schema = schemas[(model, neutral)]
        images = ["https://example.com/first.png"] * minimum_images[model]
        valid = schema is not None and data.draw(st.booleans(), label="valid")
        value: Any
        if schema is None:
            value = data.draw(st.booleans(), label="value")
        elif valid:
            value = data.draw(from_schema(schema).filter(lambda v: v is not None), label="v")
        else:
            value = data.draw(invalid_values(schema), label="value")
        requests, tasks = len(fake.requests), len(fake.tasks)
        options: dict[str, Any] = {neutral: value}
        submit = client.submit("a fox", model=model, images=images, **options)
        if valid:
            loop.run_until_complete(submit)
            assert len(fake.tasks) == tasks + 1
            assert reached(fake.tasks.all()[-1].request, neutral, value)
        else:
            with pytest.raises(ValidationError) as caught:
                loop.run_until_complete(submit)
            # a value of the wrong plain type is refused before the model is read
            assert caught.value.field == neutral and caught.value.model in (model, None)
            if caught.value.model is None:
                assert "expected" in str(caught.value) and caught.value.value == value
            assert len(fake.requests) == requests, "nothing may be sent"

    try:
        check()
    finally:
        loop.run_until_complete(client.aclose())
        loop.close()


def test_any_value_the_spec_allows_is_accepted_and_any_other_refused_before_sending() -> None:
    def reached(body: dict[str, Any], neutral: str, value: Any) -> bool:
        return bool(body[NEUTRAL_FIELDS[neutral]] == value)

    property_check(
        "ark",
        lambda clock: FakeArk(api_key=KEY, clock=clock, model_rules=True),
        NEUTRAL_FIELDS,
        reached,
        examples=80,
    )
