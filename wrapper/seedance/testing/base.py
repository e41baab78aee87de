"""What every fake provider shares: spec validation, faults, media, callbacks, transport.

A provider's fake subclasses :class:`FakeProvider` and supplies its routes, its error
envelope and its task JSON; everything here is provider-neutral.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import tempfile
import threading
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

import httpx
from attrs import define, field
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .._clock import Clock, SystemClock
from .._spec import ModelTable, load_spec
from . import media
from .faults import Faults
from .outbox import CallbackOutbox
from .tasks import FakeTask, Phase, TaskStore

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8765"
MEDIA_PREFIX = "/_fake/media"


@define
class SlidingWindow:
    """At most ``limit`` events in any ``per`` seconds (Apikley: 20 creates per 10 s)."""

    clock: Clock
    limit: int
    per: float
    _events: deque[float] = field(factory=deque)

    def allow(self) -> bool:
        now = self.clock.monotonic()
        while self._events and self._events[0] <= now - self.per:
            self._events.popleft()
        if len(self._events) >= self.limit:
            return False
        self._events.append(now)
        return True

    def retry_after(self) -> float:
        """Seconds until the next event would be allowed."""
        if len(self._events) < self.limit:
            return 0.0
        return max(0.0, self._events[0] + self.per - self.clock.monotonic())


class FakeProvider:
    """An ASGI app that implements one provider's spec, plus the knobs tests turn.

    Attributes tests use: ``app`` (ASGI), ``transport()`` (in-process httpx transport with
    connection faults), ``faults``, ``tasks``, ``outbox`` (callbacks), ``clock``,
    ``api_key``, and ``advance(seconds)`` to move time and deliver the callbacks it causes.
    """

    name: ClassVar[str]
    spec_package: ClassVar[str]
    notify_phases: ClassVar[frozenset[Phase]] = frozenset({Phase.SUCCEEDED, Phase.FAILED})
    """The phases a callback is sent for (Apikley: the end; Ark: every change)."""
    unauthorized_message: ClassVar[str] = "Invalid API key"

    def __init__(
        self,
        *,
        api_key: str | None = None,
        clock: Clock | None = None,
        queued_for: float = 5.0,
        running_for: float = 25.0,
        public_url: str = DEFAULT_PUBLIC_URL,
        callback_transport: httpx.AsyncBaseTransport | None = None,
        video_size: int | None = None,
    ) -> None:
        self.api_key = api_key or f"fake-{self.name}-{secrets.token_hex(8)}"
        self.clock: Clock = clock or SystemClock()
        self.faults = Faults()
        self.tasks = TaskStore(self.clock, queued_for=queued_for, running_for=running_for)
        self.outbox = CallbackOutbox(self.faults, transport=callback_transport)
        self.public_url = public_url.rstrip("/")
        self.video_size = video_size
        self.media_needs_link = False
        """Knob: the media route answers 403 to a result URL that does not carry a token
        the provider's download-link operation issued (a CDN that wants signed links)."""
        self.media_links: set[str] = set()
        self.requests: list[tuple[str, str]] = []
        """(method, path) of every request that reached the app, for assertions."""
        self.app: ASGIApp = FaultMiddleware(
            Starlette(routes=[*self.routes(), *self._media_routes()]), self
        )

    # ----------------------------------------------------------------- for subclasses

    def routes(self) -> list[BaseRoute]:
        raise NotImplementedError

    def error_response(self, status: int, message: str) -> Response:
        """The provider's error answer, in its own envelope."""
        raise NotImplementedError

    def callback_body(self, task: FakeTask, at: float, phase: Phase) -> dict[str, Any]:
        """The payload POSTed to the task's callback URL for entering ``phase`` at ``at``."""
        raise NotImplementedError

    def callback_headers(self, task: FakeTask) -> dict[str, str]:
        return {}

    # ----------------------------------------------------------------- spec

    @property
    def spec(self) -> dict[str, Any]:
        return load_spec(self.spec_package)

    @cached_property
    def table(self) -> ModelTable:
        """The spec's ``x-seedance-models`` (Ark-format specs), read as the client reads it."""
        return ModelTable(self.spec)

    def request_error(self, path: str, method: str, body: Any) -> str | None:
        """Validate ``body`` against the spec's request schema; a message, or None if valid."""
        operation = self.spec["paths"][path][method]
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        if isinstance(body, dict) and "oneOf" in schema:
            schema, unknown = self._variant_for_model(schema["oneOf"], body.get("model"))
            if unknown:
                return unknown
        return self.schema_error(schema, body)

    def schema_error(self, schema: dict[str, Any], body: Any) -> str | None:
        """Validate ``body`` against ``schema`` (which may ``$ref`` the spec's components,
        e.g. ``{"$ref": "#/components/schemas/X"}``); ``"<where>: <problem>"``, or None."""
        import jsonschema

        validator = jsonschema.Draft4Validator(
            {**schema, "components": self.spec["components"]},
            format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER,
        )
        error = jsonschema.exceptions.best_match(validator.iter_errors(body))
        if error is None:
            return None
        where = ".".join(str(p) for p in error.absolute_path) or "body"
        return f"{where}: {error.message}"

    def _variant_for_model(
        self, variants: list[dict[str, Any]], model: Any
    ) -> tuple[dict[str, Any], str | None]:
        """Per-model bodies (Apikley): validate against the variant the ``model`` names,
        so the error speaks of that model's fields instead of "not valid under any"."""
        models: dict[Any, dict[str, Any]] = {}
        for variant in variants:
            target = variant
            if "$ref" in variant:
                target = self.spec["components"]["schemas"][variant["$ref"].rsplit("/", 1)[-1]]
            enum = target.get("properties", {}).get("model", {}).get("enum", [])
            if len(enum) != 1:
                return {"oneOf": variants}, None
            models[enum[0]] = variant
        if isinstance(model, str) and model in models:
            return models[model], None
        return {}, f"model: {model!r} is not supported; supported models: {sorted(models)}"

    def limit_window(self, path: str, method: str, requests: int | None) -> SlidingWindow | None:
        """The operation's documented limit (``x-seedance-rate-limit`` in the spec) as a
        window, with ``requests`` per the same period instead when given; 0 turns it off."""
        documented = self.spec["paths"].get(path, {}).get(method, {}).get("x-seedance-rate-limit")
        if requests == 0 or (documented is None and requests is None):
            return None
        per = float(documented["per_seconds"]) if documented else 1.0
        limit = int(documented["requests"]) if requests is None else requests
        return SlidingWindow(self.clock, limit=limit, per=per)

    # ----------------------------------------------------------------- helpers

    def new_task(self, task_id: str, body: dict[str, Any], model: str, **more: Any) -> FakeTask:
        """Store a task with this fake's lifecycle (durations, ``fail_tasks``) and ``more``
        of its settings (callback URL, failure, expiry)."""
        task = FakeTask(
            id=task_id,
            model=model,
            request=body,
            created_at=self.clock.time(),
            queued_for=self.tasks.queued_for,
            running_for=self.tasks.running_for,
            will_fail=self.faults.fail_tasks,
            **more,
        )
        return self.tasks.add(task)

    def result_urls(self, task: FakeTask) -> tuple[str, str]:
        """(video URL, last-frame URL) served by this fake."""
        base = f"{self.public_url}{MEDIA_PREFIX}/{task.id}"
        return f"{base}.mp4", f"{base}.png"

    def unauthorized(self, request: Request) -> Response | None:
        """The provider's answer to a request without this fake's key, or None."""
        if request.headers.get("authorization", "") != f"Bearer {self.api_key}":
            return self.error_response(401, self.unauthorized_message)
        return None

    async def checked_body(
        self, request: Request, path: str | None = None, *, status: int = 400
    ) -> tuple[Any, Response | None]:
        """The JSON body of an authorised request, valid against the spec's schema of
        ``path`` (a POST) when given; else (None, the provider's error answer)."""
        if denied := self.unauthorized(request):
            return None, denied
        try:
            body = json.loads(await request.body())
        except (json.JSONDecodeError, UnicodeDecodeError):
            return None, self.error_response(status, "request body is not valid JSON")
        if path and (error := self.request_error(path, "post", body)):
            return None, self.error_response(status, self.body_problem(path, body, error))
        return body, None

    def body_problem(self, path: str, body: Any, error: str) -> str:
        """What the answer says of a body the spec's schema refuses (``error``)."""
        return error

    # ----------------------------------------------------------------- time and callbacks

    def collect_callbacks(self) -> None:
        """Queue one callback per phase change the provider reports and has not yet, oldest
        first, each with the task as it was then (even when the clock jumped over several).
        A callback URL that is no http(s) URL reaches nobody, like a host that does not
        resolve."""
        now = self.clock.time()
        for task in self.tasks.all():
            url = task.callback_url
            if not url:
                continue
            for phase, at in task.transitions(now):
                if phase in self.notify_phases and phase not in task.notified:
                    task.notified.append(phase)
                    if _is_http_url(url):
                        body = self.callback_body(task, at, phase)
                        self.outbox.add(url, body, self.callback_headers(task))

    async def flush_callbacks(self) -> list[tuple[Any, int | None]]:
        self.collect_callbacks()
        return await self.outbox.deliver()

    async def advance(self, seconds: float) -> list[tuple[Any, int | None]]:
        """Move a :class:`FakeClock` forward and deliver the callbacks that causes."""
        advance: Callable[[float], None] | None = getattr(self.clock, "advance", None)
        if advance is None:
            raise TypeError("advance() needs a FakeClock; this fake runs on real time")
        advance(seconds)
        return await self.flush_callbacks()

    async def run_callbacks_forever(self, interval: float = 0.2) -> None:
        """Server mode: deliver callbacks as tasks change, until cancelled."""
        while True:
            with contextlib.suppress(Exception):
                await self.flush_callbacks()
            await asyncio.sleep(interval)

    # ----------------------------------------------------------------- transports

    def transport(self) -> httpx.AsyncBaseTransport:
        """An in-process transport to this fake, with connection-level faults."""
        return FakeTransport(self)

    def sync_transport(self) -> httpx.BaseTransport:
        """The same for a sync ``Client``: the fake runs on a private event loop thread."""
        return SyncFakeTransport(FakeTransport(self))

    # ----------------------------------------------------------------- media

    def _media_routes(self) -> Iterable[BaseRoute]:
        return [Route(MEDIA_PREFIX + "/{name}", self._serve_media, methods=["GET", "HEAD"])]

    @property
    def _media_dir(self) -> Path:
        return _shared_media_dir()

    async def _serve_media(self, request: Request) -> Response:
        name: str = request.path_params["name"]
        task_id, _, ext = name.rpartition(".")
        task = self.tasks.get(task_id)
        if task is None or task.phase(self.clock.time()) is not Phase.SUCCEEDED:
            return Response("not found", status_code=404, media_type="text/plain")
        if self.media_needs_link and request.query_params.get("token") not in self.media_links:
            return Response("forbidden", status_code=403, media_type="text/plain")
        if ext == "mp4":
            path = self._media_dir / f"video-{self.video_size or 0}.mp4"
            if not path.exists():
                partial = path.with_suffix(f".{secrets.token_hex(4)}.tmp")
                partial.write_bytes(media.video_bytes(self.video_size))
                partial.replace(path)  # atomic: concurrent requests never see half a file
            return FileResponse(path, media_type="video/mp4")
        if ext == "png":
            path = self._media_dir / "last_frame.png"
            if not path.exists():
                partial = path.with_suffix(f".{secrets.token_hex(4)}.tmp")
                partial.write_bytes(media.last_frame())
                partial.replace(path)
            return FileResponse(path, media_type="image/png")
        return Response("not found", status_code=404, media_type="text/plain")


def _is_http_url(url: str) -> bool:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.host)


_MEDIA_DIR: tempfile.TemporaryDirectory[str] | None = None


def _shared_media_dir() -> Path:
    """One folder per process for the files the fakes serve, removed when it exits."""
    global _MEDIA_DIR
    if _MEDIA_DIR is None:
        _MEDIA_DIR = tempfile.TemporaryDirectory(prefix="seedance-fake-media-")
    return Path(_MEDIA_DIR.name)


class FaultMiddleware:
    """Applies :class:`Faults` before the app sees a request, and records requests."""

    def __init__(self, app: ASGIApp, fake: FakeProvider) -> None:
        self.app = app
        self.fake = fake

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        fake, faults = self.fake, self.fake.faults
        fake.requests.append((scope["method"], scope["path"]))
        if faults.latency:
            await asyncio.sleep(faults.latency)
        if scope["path"].startswith(MEDIA_PREFIX):
            await self.app(scope, receive, send)
            return
        if faults.take("server_error_next"):
            response = fake.error_response(faults.server_error_status, "injected server error")
            await response(scope, receive, send)
            return
        if faults.take("rate_limit_next"):
            response = fake.error_response(429, "rate limit exceeded (injected)")
            if faults.retry_after is not None:
                response.headers["Retry-After"] = f"{faults.retry_after:g}"
            await response(scope, receive, send)
            return
        if scope["method"] == "POST" and faults.take("accept_then_error_next"):
            await self.app(scope, receive, _discard)  # the work is done, the answer lost
            status = faults.accept_then_error_status
            response = fake.error_response(status, f"injected HTTP {status} after accepting")
            await response(scope, receive, send)
            return
        if faults.take("malformed_next"):
            await Response('{"code": 200, "da', media_type="application/json")(scope, receive, send)
            return
        if not scope.get("extensions", {}).get("seedance.fake.in_process") and faults.take(
            "drop_next"
        ):
            await self._handle_then_drop(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _handle_then_drop(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request for real, then send half an answer: the client sees a broken
        connection although the provider did the work (the ambiguous case)."""
        messages: list[Message] = []

        async def capture(message: Message) -> None:
            messages.append(message)

        await self.app(scope, receive, capture)
        start = next(m for m in messages if m["type"] == "http.response.start")
        body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
        headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body) + 64).encode()))
        await send({"type": "http.response.start", "status": start["status"], "headers": headers})
        await send(
            {"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True}
        )
        # Returning without finishing the body makes the server close the connection.


async def _discard(message: Message) -> None:
    return None


class FakeTransport(httpx.AsyncBaseTransport):
    """In-process transport to a fake, adding faults only a connection can have."""

    def __init__(self, fake: FakeProvider) -> None:
        self.fake = fake
        self._inner = httpx.ASGITransport(app=self._mark_in_process)

    async def _mark_in_process(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope = {
            **scope,
            "extensions": {**scope.get("extensions", {}), "seedance.fake.in_process": True},
        }
        await self.fake.app(scope, receive, send)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        faults = self.fake.faults
        if faults.take("refuse_next"):
            raise httpx.ConnectError("connection refused (injected)", request=request)
        drop = faults.take("drop_next")
        response = await self._inner.handle_async_request(request)
        if drop:
            await response.aread()
            raise httpx.ReadError(
                "connection dropped after the request was sent (injected)", request=request
            )
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


Handler = Callable[[Request], Awaitable[Response]]


class SyncFakeTransport(httpx.BaseTransport):
    """A blocking transport onto an async one (tests of the sync client against a fake):
    each request runs on a private event loop in a daemon thread."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        forwarded = httpx.Request(
            request.method,
            request.url,
            headers=request.headers,
            content=body,
            extensions=request.extensions,
        )

        async def call() -> tuple[httpx.Response, bytes]:
            response = await self._inner.handle_async_request(forwarded)
            content = await response.aread()
            await response.aclose()
            return response, content

        future = asyncio.run_coroutine_threadsafe(call(), self._loop)
        response, content = future.result(timeout=60)
        headers = [
            (k, v) for k, v in response.headers.multi_items() if k.lower() != "content-encoding"
        ]
        return httpx.Response(
            response.status_code,
            headers=headers,
            stream=_BytesStream(content),
            extensions={k: v for k, v in response.extensions.items() if k == "http_version"},
        )

    def close(self) -> None:
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)


class _BytesStream(httpx.SyncByteStream):
    def __init__(self, content: bytes) -> None:
        self._content = content

    def __iter__(self) -> Iterator[bytes]:
        yield self._content
