"""Record the cassettes in ``cassettes/``: raw HTTP exchanges with every provider, as vcrpy files.

Three kinds, told apart by file name and by the ``seedance`` metadata inside each file:

- ``cassettes/<provider>/<scenario>.yaml``: the scenarios below, played against the
  provider's fake in process (:mod:`seedance.testing`), on a :class:`FakeClock` with a fixed
  start, a fixed key and the fake's deterministic task ids, so a re-run writes the same bytes.
- ``cassettes/<provider>/live-<scenario>.yaml``: the same scenarios against the real service
  (``--live P``, with the provider's key in the environment). Never run by tests.
- ``cassettes/<provider>/vendor-example-*.yaml``: the request and response examples of the
  vendors' documents (as the bundled spec carries them), as HTTP exchanges.

Usage::

    python -m seedance.testing.record --out cassettes                 # make cassettes
    python -m seedance.testing.record --out cassettes --provider ark
    python -m seedance.testing.record --out cassettes --vendor-examples
    python -m seedance.testing.record --out cassettes --live apikley  # make record-live

Each scenario is a short sequence of raw calls made with httpx: create, poll until the task
ends (the fake's clock moved between polls), and for a success a ``Range: bytes=0-1023`` GET
of the result video so the cassette stays small. A provider is a row of :data:`PROVIDERS`;
a provider whose fake module does not exist yet is skipped with a message.

Scrubbing: the key never reaches a file. The ``Authorization`` and
``Ocp-Apim-Subscription-Key`` request headers are replaced by ``<REDACTED>`` (vcrpy
``filter_headers``); any other occurrence of a key in a request (URL, headers, body) is
replaced in ``before_record_request``, and in a response (headers, body) in
``before_record_response``, which also drops ``Set-Cookie`` and the media file's
``ETag``/``Last-Modified`` (they change with the file's mtime) and cuts a media body that
ignored the Range header to 1024 bytes.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import os
import random
import secrets as system_secrets
import sys
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx

from .base import DEFAULT_PUBLIC_URL, FakeProvider
from .clock import FakeClock

REDACTED = "<REDACTED>"
RECORDING_KEY = "seedance-recording-key-3f9a1c7e5b2d"
"""The key the fakes are given while recording; it must never appear in a cassette."""
BAD_KEY = "seedance-not-a-valid-key-0000"
"""The key of the bad-key scenario (scrubbed all the same)."""
AUTH_HEADERS = ("Authorization", "Ocp-Apim-Subscription-Key")
CLOCK_START = 1_765_186_736.0
"""The recording clock's start (2025-12-08T09:38:56Z), the time of the vendors' examples."""
FAKE_BASE = DEFAULT_PUBLIC_URL
POLL_EVERY = 15.0
"""Seconds the fake's clock moves between polls (a task: 5 s queued, 25 s running)."""
MAX_POLLS = 20
LIVE_POLL_EVERY = 10.0
LIVE_DEADLINE = 30 * 60.0
MEDIA_RANGE = "bytes=0-1023"
MEDIA_BYTES = 1024
RATE_LIMIT_RETRY_AFTER = 10.0
IMAGE_URL = "https://file.aiquickdraw.com/custom-page/akr/section-images/example1.png"
"""A public image (from Apikley's own examples), for image to video, fake or live."""
PROMPT = "A red fox trots through fresh snow at dawn, cinematic, soft light"

# Ark-format bodies, sent to Ark itself and to GPTProto's "official format".
ARK_IMAGE_TO_VIDEO = {
    "model": "seedance-1-0-lite-i2v-250428",
    "content": [
        {"type": "text", "text": PROMPT},
        {"type": "image_url", "image_url": {"url": IMAGE_URL}, "role": "first_frame"},
    ],
    "resolution": "480p",
    "duration": 5,
}
ARK_INVALID_INPUT = {
    "model": "seedance-1-0-lite-t2v-250428",
    "content": [{"type": "text", "text": PROMPT}],
    "duration": 99,  # outside every model's range
}
CLIENT_HEADERS = {
    "User-Agent": "seedance-cassette-recorder/1",
    "Accept": "application/json",
    "Accept-Encoding": "identity",
}
"""Fixed request headers: cassettes must not change with the httpx version or with the
compression libraries installed."""
DROPPED_RESPONSE_HEADERS = frozenset({"set-cookie", "etag", "last-modified"})
MAKE_COMMAND = "python -m seedance.testing.record --out cassettes"

Json = Any


class RecordingError(Exception):
    """A scenario did not go the way its name says; nothing is written for it."""


# ----------------------------------------------------------------------------- providers


@dataclass(frozen=True)
class Call:
    """One raw HTTP call; ``path`` is the spec's path (relative to the API base)."""

    method: str
    path: str
    json: Json = None
    params: Mapping[str, str] | None = None


@dataclass(frozen=True)
class TaskState:
    """A poll answer, read: ``pending`` until the task ends."""

    state: Literal["pending", "succeeded", "failed"]
    video_url: str | None = None


@dataclass(frozen=True)
class Provider:
    """How to talk to one provider, from its spec (paths, auth scheme, examples)."""

    name: str
    env_var: str
    auth_header: str
    auth_prefix: str
    text_to_video: Call
    image_to_video: Call
    invalid_input: Call
    task_id: Callable[[Json], str | None]
    poll: Callable[[str], Call]
    read: Callable[[Json], TaskState]
    extra_headers: Mapping[str, str] = field(default_factory=dict)
    fake_options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def spec_package(self) -> str:
        return f"{self.name}_client"

    def headers(self, key: str) -> dict[str, str]:
        return {self.auth_header: f"{self.auth_prefix}{key}", **self.extra_headers}


def _dict(value: Json) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _ark_state(task: Json) -> TaskState:
    """Ark's task object (Ark, Pixazo, GPTProto's official format)."""
    task = _dict(task)
    status = task.get("status")
    if status == "succeeded":
        return TaskState("succeeded", _dict(task.get("content")).get("video_url"))
    if status in ("failed", "cancelled", "expired"):
        return TaskState("failed")
    return TaskState("pending")


# Apikley (kie.ai "market"): {code, msg, data}; recordInfo's data.state; resultJson a string.


def _apikley_task_id(body: Json) -> str | None:
    value = _dict(_dict(body).get("data")).get("taskId")
    return value if isinstance(value, str) else None


def _apikley_read(body: Json) -> TaskState:
    data = _dict(_dict(body).get("data"))
    state = data.get("state")
    if state == "success":
        try:
            urls = json.loads(data.get("resultJson") or "{}").get("resultUrls") or []
        except (ValueError, AttributeError):
            urls = []
        return TaskState("succeeded", urls[0] if urls else None)
    if state == "fail":
        return TaskState("failed")
    return TaskState("pending")  # waiting, queuing, generating, or "recordInfo is null"


APIKLEY = Provider(
    name="apikley",
    env_var="APIKLEY_API_KEY",
    auth_header="Authorization",
    auth_prefix="Bearer ",
    text_to_video=Call(
        "POST",
        "/api/v1/jobs/createTask",
        {
            "model": "bytedance/seedance-1.5-pro",
            "input": {
                "prompt": PROMPT,
                "aspect_ratio": "16:9",
                "resolution": "480p",
                "duration": 4,
                "fixed_lens": False,
                "generate_audio": False,
            },
        },
    ),
    image_to_video=Call(
        "POST",
        "/api/v1/jobs/createTask",
        {
            "model": "bytedance/v1-pro-fast-image-to-video",
            "input": {
                "prompt": PROMPT,
                "image_url": IMAGE_URL,
                "resolution": "720p",
                "duration": "5",
            },
        },
    ),
    # The prompt is shorter than the model's minLength (3).
    invalid_input=Call(
        "POST",
        "/api/v1/jobs/createTask",
        {"model": "bytedance/seedance-1.5-pro", "input": {"prompt": "ok", "aspect_ratio": "16:9"}},
    ),
    task_id=_apikley_task_id,
    poll=lambda task_id: Call("GET", "/api/v1/jobs/recordInfo", params={"taskId": task_id}),
    read=_apikley_read,
)


# Pixazo: Ocp-Apim-Subscription-Key and Cache-Control: no-cache; {"id"}; Ark's task object.


def _id(body: Json) -> str | None:
    value = _dict(body).get("id")
    return value if isinstance(value, str) else None


PIXAZO = Provider(
    name="pixazo",
    env_var="PIXAZO_API_KEY",
    auth_header="Ocp-Apim-Subscription-Key",
    auth_prefix="",
    extra_headers={"Cache-Control": "no-cache"},
    text_to_video=Call(
        "POST",
        "/byteplus/v1/generateVideoTask",
        {
            "model": "seedance-1-0-lite-t2v-250428",
            "text": f"{PROMPT} --ratio 16:9 --resolution 480p --duration 5 --camerafixed false",
        },
    ),
    image_to_video=Call(
        "POST",
        "/byteplus/v1/generateImage2VideoTask",
        {
            "model": "seedance-1-0-lite-i2v-250428",
            "content": [
                {"type": "text", "text": f"{PROMPT} --resolution 480p --duration 5"},
                {"type": "image_url", "image_url": IMAGE_URL},
            ],
        },
    ),
    # Ark's Seedance 1.0 takes 2 to 12 seconds.
    invalid_input=Call(
        "POST",
        "/byteplus/v1/generateVideoTask",
        {"model": "seedance-1-0-lite-t2v-250428", "text": f"{PROMPT} --duration 99"},
    ),
    task_id=_id,
    poll=lambda task_id: Call("POST", "/bytedance-polling/getVideoResult", {"task_id": task_id}),
    read=_ark_state,
)


# GPTProto: two body shapes on one path; answers wrapped ({code, message, data}) or raw (Ark).


def _gptproto_task_id(body: Json) -> str | None:
    value = _dict(_dict(body).get("data")).get("task_id") or _dict(body).get("id")
    return value if isinstance(value, str) else None


def _gptproto_read(body: Json) -> TaskState:
    body = _dict(body)
    if "data" in body and "id" not in body:
        data = _dict(body["data"])
        status = data.get("status")
        if status == "completed":
            url = data.get("video_url")
            return TaskState("succeeded", url if isinstance(url, str) else None)
        if status == "failed":
            return TaskState("failed")
        return TaskState("pending")
    return _ark_state(body)


GPTPROTO = Provider(
    name="gptproto",
    env_var="GPTPROTO_API_KEY",
    auth_header="Authorization",
    auth_prefix="Bearer ",
    # Seed 004's shape (answered wrapped)...
    text_to_video=Call(
        "POST",
        "/api/v3/contents/generations/tasks",
        {
            "model": "seedance-1-0-pro-250528",
            "prompt": PROMPT,
            "loop": False,
            "duration": "5s",
            "dimension": "1280:768",
            "seed": 12345,
        },
    ),
    # ... and the "official format", Ark's body (answered raw).
    image_to_video=Call(
        "POST",
        "/api/v3/contents/generations/tasks",
        ARK_IMAGE_TO_VIDEO,
    ),
    invalid_input=Call(
        "POST",
        "/api/v3/contents/generations/tasks",
        ARK_INVALID_INPUT,
    ),
    task_id=_gptproto_task_id,
    poll=lambda task_id: Call("GET", f"/api/v3/contents/generations/tasks/{task_id}"),
    read=_gptproto_read,
)


# Ark (BytePlus ModelArk): paths under the server's /api/v3.

ARK = Provider(
    name="ark",
    env_var="ARK_API_KEY",
    auth_header="Authorization",
    auth_prefix="Bearer ",
    text_to_video=Call(
        "POST",
        "/contents/generations/tasks",
        {
            "model": "seedance-1-0-lite-t2v-250428",
            "content": [{"type": "text", "text": PROMPT}],
            "ratio": "16:9",
            "resolution": "480p",
            "duration": 5,
            "watermark": False,
        },
    ),
    image_to_video=Call(
        "POST",
        "/contents/generations/tasks",
        ARK_IMAGE_TO_VIDEO,
    ),
    invalid_input=Call(
        "POST",
        "/contents/generations/tasks",
        ARK_INVALID_INPUT,
    ),
    task_id=_id,
    poll=lambda task_id: Call("GET", f"/contents/generations/tasks/{task_id}"),
    read=_ark_state,
)

PROVIDERS: dict[str, Provider] = {p.name: p for p in (APIKLEY, PIXAZO, GPTPROTO, ARK)}


@cache
def spec(provider: str) -> dict[str, Any]:
    """The bundled spec the generated client ships (``<provider>_client/openapi.json``)."""
    text = files(f"{provider}_client").joinpath("openapi.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def server_url(provider: str) -> str:
    """The first ``servers`` entry of the provider's spec (the live base URL)."""
    url: str = spec(provider)["servers"][0]["url"]
    return url.rstrip("/")


# ----------------------------------------------------------------------------- scenarios


class Session:
    """One scenario's connection to a provider: raw calls, polling, the media request."""

    def __init__(
        self,
        provider: Provider,
        client: httpx.AsyncClient,
        *,
        key: str,
        wait: Callable[[float], Awaitable[Any]],
        poll_every: float,
        max_polls: int,
        fake: FakeProvider | None = None,
    ) -> None:
        self.provider = provider
        self.client = client
        self.key = key
        self.wait = wait
        self.poll_every = poll_every
        self.max_polls = max_polls
        self.fake = fake

    async def send(self, call: Call, *, key: str | None = None) -> httpx.Response:
        return await self.client.request(
            call.method,
            call.path,
            json=call.json,
            params=dict(call.params) if call.params else None,
            headers=self.provider.headers(self.key if key is None else key),
        )

    async def create(self, call: Call) -> str:
        response = await self.send(call)
        expect(response.status_code == 200, f"create answered {_said(response)}")
        task_id = self.provider.task_id(_json(response))
        expect(task_id is not None, f"create answered no task id: {_said(response)}")
        assert task_id is not None
        return task_id

    async def until_finished(self, task_id: str) -> TaskState:
        for attempt in range(self.max_polls):
            if attempt:
                await self.wait(self.poll_every)
            response = await self.send(self.provider.poll(task_id))
            expect(response.status_code == 200, f"poll answered {_said(response)}")
            state = self.provider.read(_json(response))
            if state.state != "pending":
                return state
        raise RecordingError(f"task {task_id} did not finish after {self.max_polls} polls")

    async def fetch_media(self, url: str) -> None:
        """The first KiB of the result: no key (it may be another host), a Range header."""
        response = await self.client.get(url, headers={"Range": MEDIA_RANGE})
        expect(response.status_code in (200, 206), f"result video answered {_said(response)}")


def expect(condition: bool, problem: str) -> None:
    if not condition:
        raise RecordingError(problem)


def _json(response: httpx.Response) -> Json:
    try:
        return response.json()
    except ValueError:
        return None


def _said(response: httpx.Response) -> str:
    return f"HTTP {response.status_code} {response.text[:300]!r}"


async def _succeed(session: Session, call: Call) -> None:
    task_id = await session.create(call)
    state = await session.until_finished(task_id)
    expect(state.state == "succeeded", f"task {task_id} ended {state.state}, not succeeded")
    expect(state.video_url is not None, f"task {task_id} succeeded without a video URL")
    assert state.video_url is not None
    await session.fetch_media(state.video_url)


async def text_to_video(session: Session) -> None:
    await _succeed(session, session.provider.text_to_video)


async def image_to_video(session: Session) -> None:
    await _succeed(session, session.provider.image_to_video)


async def task_failure(session: Session) -> None:
    task_id = await session.create(session.provider.text_to_video)
    state = await session.until_finished(task_id)
    expect(state.state == "failed", f"task {task_id} ended {state.state}, not failed")


async def bad_key(session: Session) -> None:
    response = await session.send(session.provider.text_to_video, key=BAD_KEY)
    expect(response.status_code in (401, 403), f"a bad key got {_said(response)}")


async def invalid_input(session: Session) -> None:
    response = await session.send(session.provider.invalid_input)
    expect(response.status_code in (400, 422), f"an invalid body got {_said(response)}")


async def rate_limit(session: Session) -> None:
    """A create refused with 429, then the same create after waiting ``Retry-After``."""
    call = session.provider.text_to_video
    response = await session.send(call)
    expect(response.status_code == 429, f"the create was not rate limited: {_said(response)}")
    retry_after = response.headers.get("Retry-After")
    await session.wait(float(retry_after) if retry_after else RATE_LIMIT_RETRY_AFTER)
    await session.create(call)


def _fail_tasks(fake: FakeProvider) -> None:
    fake.faults.fail_tasks = True


def _rate_limit_next(fake: FakeProvider) -> None:
    fake.faults.rate_limit_next = 1
    fake.faults.retry_after = RATE_LIMIT_RETRY_AFTER


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    run: Callable[[Session], Awaitable[None]]
    setup: Callable[[FakeProvider], None] | None = None
    """A fault the fake is given first; a scenario with one cannot be recorded live."""

    @property
    def live(self) -> bool:
        return self.setup is None


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "text-to-video",
        "text to video: create, poll until succeeded, first KiB of the video",
        text_to_video,
    ),
    Scenario(
        "image-to-video",
        "image to video: create, poll until succeeded, first KiB of the video",
        image_to_video,
    ),
    Scenario(
        "task-failure",
        "a task that fails: create, poll until failed",
        task_failure,
        _fail_tasks,
    ),
    Scenario("bad-key", "create with a wrong key: 401", bad_key),
    Scenario("invalid-input", "create with a body the spec refuses: 400/422", invalid_input),
    Scenario(
        "rate-limit",
        "create answered 429 with Retry-After, then the same create after waiting",
        rate_limit,
        _rate_limit_next,
    ),
)


# ----------------------------------------------------------------------------- vcrpy


def _hidden(keys: Iterable[str]) -> list[str]:
    return sorted({k for k in keys if k}, key=len, reverse=True)


def _scrub_text(value: Any, hidden: Sequence[str]) -> Any:
    if isinstance(value, bytes):
        for secret in hidden:
            value = value.replace(secret.encode(), REDACTED.encode())
    elif isinstance(value, str):
        for secret in hidden:
            value = value.replace(secret, REDACTED)
    return value


def _scrub_request(hidden: Sequence[str]) -> Callable[[Any], Any]:
    def scrub(request: Any) -> Any:
        request.uri = _scrub_text(request.uri, hidden)
        request.body = _scrub_text(request.body, hidden)
        headers = request.headers.copy()
        for name in list(headers):
            if name.lower() in (h.lower() for h in AUTH_HEADERS):
                headers[name] = REDACTED
            else:
                headers[name] = _scrub_text(headers[name], hidden)
        request.headers = headers
        return request

    return scrub


def _scrub_response(hidden: Sequence[str]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def scrub(response: dict[str, Any]) -> dict[str, Any]:
        headers: dict[str, list[str]] = {}
        for name, values in response.get("headers", {}).items():
            if name.lower() in DROPPED_RESPONSE_HEADERS:
                continue
            if name.lower() in (h.lower() for h in AUTH_HEADERS):
                headers[name] = [REDACTED for _ in values]
            else:
                headers[name] = [_scrub_text(v, hidden) for v in values]
        body = response.get("body", {}).get("string")
        content_type = " ".join(
            v for n, vs in headers.items() if n.lower() == "content-type" for v in vs
        )
        is_text = "json" in content_type or content_type.startswith("text/")
        if isinstance(body, bytes) and not is_text and len(body) > MEDIA_BYTES:
            # The server ignored the Range header: keep the first KiB, say so.
            body = body[:MEDIA_BYTES]
            for name in [n for n in headers if n.lower() == "content-length"]:
                headers[name] = [str(MEDIA_BYTES)]
            headers["X-Seedance-Cassette-Truncated"] = ["true"]
        response["headers"] = headers
        response["body"] = {"string": _scrub_text(body, hidden)}
        return response

    return scrub


def _vcr(hidden: Sequence[str]) -> Any:
    try:
        import vcr  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - vcrpy is a dev dependency
        raise SystemExit("recording needs vcrpy (a dev dependency): run `make setup`") from None
    return vcr.VCR(
        serializer="yaml",
        record_mode="all",
        record_on_exception=False,
        match_on=("method", "path", "query"),
        filter_headers=[(name, REDACTED) for name in AUTH_HEADERS],
        before_record_request=_scrub_request(hidden),
        before_record_response=_scrub_response(hidden),
        decode_compressed_response=True,
    )


def _record(
    path: Path, hidden: Sequence[str], metadata: dict[str, Any], run: Callable[[], None]
) -> None:
    """Run ``run`` with vcrpy recording into ``path`` (replaced only if ``run`` succeeds)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)  # vcrpy's "all" mode keeps what a file already holds
    try:
        with _vcr(hidden).use_cassette(str(partial)) as cassette:
            cassette.get_metadata("seedance", metadata)
            run()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)


# ----------------------------------------------------------------------------- fake recording


def fake_available(provider: str) -> bool:
    """Whether the provider's fake module exists (others may still be writing it)."""
    import importlib

    from . import FAKES

    module = FAKES[provider].partition(":")[0]
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name == module:
            return False
        raise  # the fake exists but imports something missing: a real problem
    return True


class _SeededSecrets:
    """Stands in for the :mod:`secrets` module inside the fakes while recording.

    Some fakes draw ids from :mod:`secrets` (Ark: task ids, request ids); seeded per
    scenario, they come out the same on every run, in the fake's own format.
    """

    def __init__(self, seed: str) -> None:
        self._random = random.Random(seed)

    def choice(self, sequence: Sequence[Any]) -> Any:
        return self._random.choice(sequence)

    def token_bytes(self, nbytes: int | None = None) -> bytes:
        return self._random.randbytes(32 if nbytes is None else nbytes)

    def token_hex(self, nbytes: int | None = None) -> str:
        return self.token_bytes(nbytes).hex()

    def token_urlsafe(self, nbytes: int | None = None) -> str:
        return base64.urlsafe_b64encode(self.token_bytes(nbytes)).rstrip(b"=").decode()

    def randbelow(self, exclusive_upper_bound: int) -> int:
        return self._random.randrange(exclusive_upper_bound)

    def randbits(self, k: int) -> int:
        return self._random.getrandbits(k)

    def __getattr__(self, name: str) -> Any:  # compare_digest and the rest
        return getattr(system_secrets, name)


@contextlib.contextmanager
def _seeded_fakes(seed: str) -> Iterator[None]:
    """Give every loaded ``seedance.testing`` module a seeded ``secrets`` for a while."""
    stand_in = _SeededSecrets(seed)
    patched = [
        module
        for name, module in list(sys.modules.items())
        if name.startswith(__package__ + ".") and getattr(module, "secrets", None) is system_secrets
    ]
    for module in patched:
        module.secrets = stand_in  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for module in patched:
            module.secrets = system_secrets  # type: ignore[attr-defined]


def _fake_api_base(fake: FakeProvider, provider: str) -> str:
    """The fake's API base: with the spec server's path prefix (Ark's ``/api/v3``) when the
    fake serves its routes under it, as schemathesis calls them."""
    prefix = urlsplit(server_url(provider)).path.rstrip("/")
    paths = [str(getattr(route, "path", "")) for route in fake.routes()]
    if prefix and any(p.startswith(prefix + "/") for p in paths):
        return FAKE_BASE + prefix
    return FAKE_BASE


def record_fake_scenario(provider: str, scenario: Scenario, out: Path) -> Path:
    """Record one scenario against the provider's fake; the cassette's path."""
    from . import fake_for

    recipe = PROVIDERS[provider]
    clock = FakeClock(CLOCK_START)
    fake = fake_for(
        provider,
        api_key=RECORDING_KEY,
        clock=clock,
        public_url=FAKE_BASE,
        **dict(recipe.fake_options),
    )
    if scenario.setup is not None:
        scenario.setup(fake)

    async def wait(seconds: float) -> None:
        clock.advance(seconds)  # the scenarios ask for no callbacks: nothing to deliver

    async def run() -> None:
        async with httpx.AsyncClient(
            transport=fake.transport(),
            base_url=_fake_api_base(fake, provider),
            headers=CLIENT_HEADERS,
        ) as client:
            session = Session(
                recipe,
                client,
                key=RECORDING_KEY,
                wait=wait,
                poll_every=POLL_EVERY,
                max_polls=MAX_POLLS,
                fake=fake,
            )
            await scenario.run(session)

    path = out / provider / f"{scenario.name}.yaml"
    metadata = {
        "source": "fake",
        "provider": provider,
        "scenario": scenario.name,
        "description": scenario.description,
        "made_by": MAKE_COMMAND,
    }
    with _seeded_fakes(f"{provider}/{scenario.name}"):
        _record(path, _hidden([RECORDING_KEY, BAD_KEY]), metadata, lambda: asyncio.run(run()))
    return path


def record_fakes(out: Path, providers: Iterable[str], log: Callable[[str], None]) -> list[Path]:
    """Every scenario of every provider whose fake exists. A scenario that does not go as
    its name says is reported and the others still recorded; then RecordingError."""
    written: list[Path] = []
    failures: list[str] = []
    for provider in providers:
        try:
            available = fake_available(provider)
        except Exception as error:  # a fake being written may not even import
            problem = f"its fake does not import: {type(error).__name__}: {error}"
            failures.append(f"{provider}: {problem}")
            log(f"{provider}: FAILED, {problem}")
            continue
        if not available:
            log(
                f"{provider}: skipped, its fake (seedance/testing/{provider}.py) does not exist yet"
            )
            continue
        done = []
        for scenario in SCENARIOS:
            try:
                written.append(record_fake_scenario(provider, scenario, out))
            except Exception as error:  # a fake still being written may crash: report it
                failures.append(f"{provider} {scenario.name}: {type(error).__name__}: {error}")
                log(f"{provider}: {scenario.name} FAILED: {type(error).__name__}: {error}")
            else:
                done.append(scenario.name)
        log(f"{provider}: recorded {', '.join(done) or 'nothing'}")
    if failures:
        raise RecordingError("; ".join(failures))
    return written


# ----------------------------------------------------------------------------- live recording


def record_live(
    provider: str,
    out: Path,
    log: Callable[[str], None],
    *,
    base_url: str | None = None,
    environ: Mapping[str, str] = os.environ,
) -> list[Path]:
    """Record the scenarios a real service can play (those needing no fault) into
    ``<out>/<provider>/live-<scenario>.yaml``. Creates real, billed tasks."""
    recipe = PROVIDERS[provider]
    key = environ.get(recipe.env_var, "").strip()
    if not key:
        raise SystemExit(
            f"--live {provider} needs the provider's API key in the environment variable "
            f"{recipe.env_var}; it is not set, nothing was recorded"
        )
    base = (base_url or server_url(provider)).rstrip("/")
    written: list[Path] = []
    for scenario in SCENARIOS:
        if not scenario.live:
            log(f"{provider}: live {scenario.name} skipped (it needs a fault only a fake has)")
            continue
        path = out / provider / f"live-{scenario.name}.yaml"
        metadata = {
            "source": "live",
            "provider": provider,
            "scenario": scenario.name,
            "description": scenario.description,
            "base_url": base,
            "recorded_on": time.strftime("%Y-%m-%d", time.gmtime()),
            "made_by": f"python -m seedance.testing.record --live {provider} --out cassettes",
        }
        log(f"{provider}: live {scenario.name} ...")
        _record(path, _hidden([key, BAD_KEY]), metadata, _live_run(recipe, scenario, base, key))
        written.append(path)
    return written


def _live_run(recipe: Provider, scenario: Scenario, base: str, key: str) -> Callable[[], None]:
    async def run() -> None:
        async with httpx.AsyncClient(
            base_url=base, headers=CLIENT_HEADERS, timeout=60.0, follow_redirects=True
        ) as client:
            session = Session(
                recipe,
                client,
                key=key,
                wait=asyncio.sleep,
                poll_every=LIVE_POLL_EVERY,
                max_polls=int(LIVE_DEADLINE / LIVE_POLL_EVERY),
            )
            await scenario.run(session)

    return lambda: asyncio.run(run())


# ----------------------------------------------------------------------------- vendor examples


@dataclass(frozen=True)
class Example:
    """One documented exchange: a request (a spec request example, or none) and the
    documented answer (a spec response example)."""

    method: str
    path: str
    """The spec's path template."""
    status: int
    response: str | None
    """The response example's key (None: the response's single ``example``)."""
    request: str | None = None
    """The request body example's key (None: no body)."""
    path_params: Mapping[str, str] = field(default_factory=dict)
    params: Mapping[str, str | list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class VendorCassette:
    name: str
    source: str
    """Where the examples come from (the vendor page, seed, or spec file)."""
    examples: tuple[Example, ...]


_APIKLEY_CREATE = "/api/v1/jobs/createTask"
_APIKLEY_RECORD = "/api/v1/jobs/recordInfo"
_PIXAZO_T2V = "/byteplus/v1/generateVideoTask"
_PIXAZO_I2V = "/byteplus/v1/generateImage2VideoTask"
_PIXAZO_RESULT = "/bytedance-polling/getVideoResult"
_GPTPROTO_TASKS = "/api/v3/contents/generations/tasks"
_GPTPROTO_TASK = "/api/v3/contents/generations/tasks/{task_id}"
_ARK_TASKS = "/contents/generations/tasks"
_ARK_TASK = "/contents/generations/tasks/{id}"

VENDOR_EXAMPLES: dict[str, tuple[VendorCassette, ...]] = {
    "apikley": (
        VendorCassette(
            "vendor-example-create-task",
            "Apikley's model documents (seeds 000, 001, 002): each model's createTask request "
            "example, answered by the documented 200 example (seed 002)",
            tuple(
                Example("POST", _APIKLEY_CREATE, 200, None, request=key)
                for key in (
                    "BytedanceSeedance15Pro",
                    "BytedanceV1ProFastImageToVideo",
                    "BytedanceV1ProTextToVideo",
                )
            ),
        ),
        VendorCassette(
            "vendor-example-get-task-details",
            "kie.ai's Get Task Details page (specs/apikley/extras.yaml): the task not visible "
            'yet ("recordInfo is null"), then finished',
            (
                Example(
                    "GET",
                    _APIKLEY_RECORD,
                    422,
                    None,
                    params={"taskId": "task_bytedance_1765186736545"},
                ),
                Example(
                    "GET",
                    _APIKLEY_RECORD,
                    200,
                    "success",
                    params={"taskId": "task_bytedance_1765186736545"},
                ),
            ),
        ),
        VendorCassette(
            "vendor-example-get-task-details-message",
            "docs.apikley.ru/get-task-detail: the answer with `message` instead of `msg`",
            (
                Example(
                    "GET",
                    _APIKLEY_RECORD,
                    200,
                    "messageInsteadOfMsg",
                    params={"taskId": "task_12345678"},
                ),
            ),
        ),
    ),
    "pixazo": (
        VendorCassette(
            "vendor-example-generate-video-task",
            "Pixazo's page (seed 003): generateVideoTask example -> {id}",
            (Example("POST", _PIXAZO_T2V, 200, "created", request="prompt"),),
        ),
        VendorCassette(
            "vendor-example-generate-image2video-task",
            "pixazo.ai/models/image-to-video/seedance-pro-api: generateImage2VideoTask example "
            "-> {id}",
            (Example("POST", _PIXAZO_I2V, 200, "created", request="imageToVideo"),),
        ),
        VendorCassette(
            "vendor-example-get-video-result",
            "Pixazo's page (seed 003): getVideoResult example -> the succeeded task",
            (Example("POST", _PIXAZO_RESULT, 200, "succeeded", request="poll"),),
        ),
    ),
    "gptproto": (
        VendorCassette(
            "vendor-example-create-prompt",
            "GPTProto's page (seed 004): the prompt-shaped create -> the wrapped answer",
            (Example("POST", _GPTPROTO_TASKS, 200, "wrapped", request="prompt"),),
        ),
        VendorCassette(
            "vendor-example-create-official-format",
            "GPTProto's official-format text and image to video pages: Ark-shaped creates -> {id}",
            (
                Example("POST", _GPTPROTO_TASKS, 200, "raw", request="arkTextToVideo"),
                Example("POST", _GPTPROTO_TASKS, 200, "raw", request="arkImageToVideo"),
            ),
        ),
        VendorCassette(
            "vendor-example-query-task",
            "GPTProto's Query Task page: pending, then completed",
            (
                Example(
                    "GET",
                    _GPTPROTO_TASK,
                    200,
                    "pending",
                    path_params={"task_id": "task_xxxxxxxxxx"},
                ),
                Example(
                    "GET",
                    _GPTPROTO_TASK,
                    200,
                    "completed",
                    path_params={"task_id": "task_xxxxxxxxxx"},
                ),
            ),
        ),
        VendorCassette(
            "vendor-example-query-task-failed",
            "GPTProto's Query Task page: failed",
            (
                Example(
                    "GET", _GPTPROTO_TASK, 200, "failed", path_params={"task_id": "task_xxxxxxxxxx"}
                ),
            ),
        ),
        VendorCassette(
            "vendor-example-query-task-official-format",
            "GPTProto's official-format pages: the raw Ark task (numbers as strings)",
            (
                Example(
                    "GET",
                    _GPTPROTO_TASK,
                    200,
                    "raw",
                    path_params={"task_id": "cgt-20251225195352-123"},
                ),
            ),
        ),
    ),
    "ark": (
        VendorCassette(
            "vendor-example-create-task",
            "specs/ark/ark.yaml (from docs.byteplus.com/docs/ModelArk/1520757 and the SDKs): "
            "the text to video create example, then that task succeeded",
            (
                Example("POST", _ARK_TASKS, 200, "created", request="textToVideo"),
                Example(
                    "GET",
                    _ARK_TASK,
                    200,
                    "succeeded",
                    path_params={"id": "cgt-20250331175019-68d9t"},
                ),
            ),
        ),
        VendorCassette(
            "vendor-example-get-task-queued",
            "specs/ark/ark.yaml: a queued task",
            (
                Example(
                    "GET", _ARK_TASK, 200, "queued", path_params={"id": "cgt-20250331180102-k2m4q"}
                ),
            ),
        ),
        VendorCassette(
            "vendor-example-get-task-failed",
            "specs/ark/ark.yaml: a failed task",
            (
                Example(
                    "GET", _ARK_TASK, 200, "failed", path_params={"id": "cgt-20250331181530-p9w3z"}
                ),
            ),
        ),
        VendorCassette(
            "vendor-example-get-task-expired",
            "specs/ark/ark.yaml: an expired task",
            (
                Example(
                    "GET", _ARK_TASK, 200, "expired", path_params={"id": "cgt-20250329090000-e1x0p"}
                ),
            ),
        ),
        VendorCassette(
            "vendor-example-list-tasks",
            "specs/ark/ark.yaml: listing the two example tasks by id",
            (
                Example(
                    "GET",
                    _ARK_TASKS,
                    200,
                    "twoTasks",
                    params={
                        "filter.task_ids": ["cgt-20250331175019-68d9t", "cgt-20250331180102-k2m4q"]
                    },
                ),
            ),
        ),
        VendorCassette(
            "vendor-example-delete-task",
            "specs/ark/ark.yaml: deleting a finished task -> {}",
            (
                Example(
                    "DELETE",
                    _ARK_TASK,
                    200,
                    "empty",
                    path_params={"id": "cgt-20250331175019-68d9t"},
                ),
            ),
        ),
    ),
}


def _resolve(document: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _example_value(media: dict[str, Any], key: str | None, where: str) -> Json:
    if key is None:
        if "example" not in media:
            raise KeyError(f"{where}: no `example`")
        return media["example"]
    examples = media.get("examples", {})
    if key not in examples:
        raise KeyError(f"{where}: no example {key!r} (has {sorted(examples)})")
    return examples[key]["value"]


def vendor_exchange(provider: str, example: Example) -> tuple[Json, int, Json]:
    """(request body or None, status, response body) of one documented exchange."""
    document = spec(provider)
    operation = document["paths"][example.path][example.method.lower()]
    where = f"{provider} {example.method} {example.path}"
    body = None
    if example.request is not None:
        media = operation["requestBody"]["content"]["application/json"]
        body = _example_value(media, example.request, f"{where} request")
    response = _resolve(document, operation["responses"][str(example.status)])
    answer = _example_value(
        response["content"]["application/json"], example.response, f"{where} {example.status}"
    )
    return body, example.status, answer


def record_vendor_cassette(provider: str, cassette: VendorCassette, out: Path) -> Path:
    """Play a cassette's documented exchanges through httpx (a mock transport answering the
    documented responses) and record them like any other cassette."""
    recipe = PROVIDERS[provider]
    exchanges = [(example, *vendor_exchange(provider, example)) for example in cassette.examples]
    answers = iter(exchanges)

    def answer(request: httpx.Request) -> httpx.Response:
        _, _, status, body = next(answers)
        return httpx.Response(status, json=body)

    def run() -> None:
        with httpx.Client(
            transport=httpx.MockTransport(answer),
            base_url=server_url(provider),
            headers=CLIENT_HEADERS,
        ) as client:
            for example, body, _, _ in exchanges:
                path = example.path.format(**example.path_params)
                client.request(
                    example.method,
                    path,
                    json=body,
                    params=dict(example.params) or None,
                    headers=recipe.headers(RECORDING_KEY),
                )

    path = out / provider / f"{cassette.name}.yaml"
    metadata = {
        "source": "vendor-example",
        "provider": provider,
        "description": cassette.source,
        "made_by": MAKE_COMMAND,
    }
    _record(path, _hidden([RECORDING_KEY]), metadata, run)
    return path


def record_vendor_examples(
    out: Path, providers: Iterable[str], log: Callable[[str], None]
) -> list[Path]:
    written: list[Path] = []
    for provider in providers:
        cassettes = VENDOR_EXAMPLES.get(provider, ())
        for cassette in cassettes:
            written.append(record_vendor_cassette(provider, cassette, out))
        log(f"{provider}: wrote {len(cassettes)} vendor-example cassettes")
    return written


def record_all(
    out: Path, providers: Iterable[str] | None = None, log: Callable[[str], None] = print
) -> list[Path]:
    """What ``make cassettes`` writes: every vendor example and every fake scenario."""
    chosen = list(providers or PROVIDERS)
    return [*record_vendor_examples(out, chosen, log), *record_fakes(out, chosen, log)]


# ----------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m seedance.testing.record",
        description="Record the cassettes: every scenario against the fake providers and the "
        "vendors' documented examples (default), or against a real provider (--live).",
    )
    parser.add_argument("--out", type=Path, required=True, help="the cassettes directory")
    parser.add_argument(
        "--provider",
        action="append",
        choices=sorted(PROVIDERS),
        help="only this provider (repeatable; default: all)",
    )
    parser.add_argument(
        "--vendor-examples", action="store_true", help="only the vendor-example cassettes"
    )
    parser.add_argument(
        "--live",
        metavar="PROVIDER",
        help="record against the real service; its key must be in "
        + ", ".join(f"{p.env_var} ({p.name})" for p in PROVIDERS.values()),
    )
    parser.add_argument(
        "--base-url", help="with --live: the API base URL (default: the spec's first server)"
    )
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr)

    try:
        if args.live is not None:
            if args.live not in PROVIDERS:
                parser.error(f"--live: unknown provider {args.live!r}; one of {sorted(PROVIDERS)}")
            written = record_live(args.live, args.out, log, base_url=args.base_url)
        elif args.vendor_examples:
            written = record_vendor_examples(args.out, args.provider or list(PROVIDERS), log)
        else:
            written = record_all(args.out, args.provider, log)
    except RecordingError as error:
        log(f"recording failed: {error}")
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
