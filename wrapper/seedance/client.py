"""The clients users import: :class:`AsyncClient` (the implementation) and :class:`Client`.

``Client`` is a thin synchronous facade: it runs an ``AsyncClient`` on a private event
loop in a background thread, so both share one implementation of every rule (validation,
retries, rate limits, polling, downloads) and a sync program needs no asyncio.
"""

from __future__ import annotations

import asyncio
import base64
import builtins
import math
import mimetypes
import os
import secrets
import threading
import uuid
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any, TypeVar

import httpx
from attrs import define

from .callbacks import CallbackReceiver, CallbackTokens, TaskEvents
from .clock import Clock, SystemClock
from .errors import (
    AuthenticationError,
    SeedanceError,
    TaskFailedError,
    TaskOutcomeUnknownError,
    TransportError,
    UnexpectedResponseError,
    ValidationError,
)
from .journal import Entry, Journal, crash_point, open_journal
from .models import ImageInput, ImageSource, Task, VideoRequest
from .polling import Poller, PollSchedule
from .providers import get_adapter
from .providers.base import Adapter, ModelInfo
from .requester import RateLimiter, Requester, RetryPolicy

T = TypeVar("T")
DEFAULT_WAIT = 900.0
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
# With callbacks, polling is only the safety net for a callback that never comes.
CALLBACK_SAFETY_NET = PollSchedule(steps=((math.inf, 60.0),), jitter=0.1)


class AsyncClient:
    """Generate Seedance videos through one provider.

    >>> async with AsyncClient("apikley") as client:          # key from APIKLEY_API_KEY
    ...     task = await client.generate("a red fox in snow", output="fox.mp4")

    Every HTTP call has a timeout, every wait a deadline. Creates are never retried when
    the provider might have accepted them. Status checks of all concurrent waits share one
    poller and the provider's rate limits (read from its spec).
    """

    def __init__(
        self,
        provider: str,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        upload_base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 3,
        poll_schedule: PollSchedule | None = None,
        callback_url: str | None = None,
        callback_secret: str | None = None,
        rate_limit: bool = True,
        journal: Journal | str | os.PathLike[str] | bool | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Clock | None = None,
    ) -> None:
        """``callback_url`` is the public URL where a :class:`~seedance.callbacks.CallbackReceiver`
        for this client is mounted: each task then gets its own signed callback URL below
        it, ``wait()`` resolves on the confirmed callback and polls only as a slow safety
        net. ``callback_secret`` (default ``SEEDANCE_CALLBACK_SECRET``, else random per
        client) signs those URLs. ``rate_limit=False`` drops the client-side limits read
        from the provider's spec (for accounts with higher limits). ``journal``: the
        durable task record (default: on, see :mod:`seedance.journal`; ``False`` turns it
        off; a path or a :class:`~seedance.journal.Journal` picks the file)."""
        self.adapter: Adapter = get_adapter(provider)
        self.provider = provider
        key = api_key or os.environ.get(self.adapter.env_key)
        if not key:
            raise AuthenticationError(
                f"no API key for {provider}: set the environment variable "
                f"{self.adapter.env_key} or pass api_key=",
                provider=provider,
            )
        self.base_url = base_url or self.adapter.default_base_url
        self.upload_base_url = upload_base_url or os.environ.get(f"{provider.upper()}_UPLOAD_URL")
        self.callback_url = callback_url
        self.callback_tokens: CallbackTokens | None = None
        if callback_url:
            secret = callback_secret or os.environ.get("SEEDANCE_CALLBACK_SECRET")
            self.callback_tokens = CallbackTokens(secret or secrets.token_bytes(32))
            if poll_schedule is None:
                poll_schedule = CALLBACK_SAFETY_NET
        self._callback_nonces: dict[str, str] = {}
        self._events = TaskEvents()
        self.journal: Journal | None = open_journal(journal)
        self._owns_journal = not isinstance(journal, Journal)
        self._receiver: CallbackReceiver | None = None
        self.clock: Clock = clock or SystemClock()
        self._http = httpx.AsyncClient(
            transport=transport,
            timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
            follow_redirects=True,
        )
        create_limit = self.adapter.create_rate_limit if rate_limit else None
        read_limit = self.adapter.read_rate_limit if rate_limit else None
        self._requester = Requester(
            adapter=self.adapter,
            http=self._http,
            base_url=self.base_url,
            api_key=key,
            clock=self.clock,
            retry=RetryPolicy(max_retries=max_retries),
            create_limiter=RateLimiter(create_limit, self.clock) if create_limit else None,
            read_limiter=RateLimiter(read_limit, self.clock) if read_limit else None,
        )
        batched = self.adapter.batch_size > 1
        self._poller = Poller(
            fetch_one=self.get,
            fetch_many=self._get_many if batched else None,
            batch_size=self.adapter.batch_size,
            clock=self.clock,
            schedule=poll_schedule,
        )

    def __repr__(self) -> str:
        return f"AsyncClient(provider={self.provider!r}, base_url={self.base_url!r})"

    @property
    def request_counts(self) -> dict[str, int]:
        """Requests sent so far, per operation (what a benchmark or a bill wants to know)."""
        return dict(self._requester.counts)

    # ------------------------------------------------------------------ models

    def models(self) -> list[ModelInfo]:
        """The models this provider offers and the options each accepts (from its spec)."""
        return self.adapter.models()

    def validate(self, request: VideoRequest) -> ModelInfo:
        """Check a request without sending it; raise :class:`ValidationError` if invalid."""
        info, _ = self.adapter.validate(request)
        self._check_image_transport(request)
        return info

    # ------------------------------------------------------------------ tasks

    async def submit(
        self,
        prompt: str | VideoRequest,
        *,
        model: str | None = None,
        images: ImageSource | ImageInput | Sequence[ImageSource | ImageInput] | None = None,
        aspect_ratio: str | None = None,
        resolution: str | None = None,
        duration: int | None = None,
        seed: int | None = None,
        camera_fixed: bool | None = None,
        audio: bool | None = None,
        watermark: bool | None = None,
        return_last_frame: bool | None = None,
        extra: dict[str, Any] | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
        output: str | os.PathLike[str] | None = None,
    ) -> Task:
        """Create a task and return it (queued). Validation happens before any request.

        With the journal on, the submission is recorded before it is sent. Submitting again
        with the same ``idempotency_key`` returns the journaled task instead of paying for a
        new one (or raises :class:`TaskOutcomeUnknownError` when the first attempt's answer
        was lost). ``output`` is where ``resume()`` downloads the result.
        """
        request = (
            prompt
            if isinstance(prompt, VideoRequest)
            else VideoRequest(
                prompt=prompt,
                model=model,
                images=images,
                aspect_ratio=aspect_ratio,
                resolution=resolution,
                duration=duration,
                seed=seed,
                camera_fixed=camera_fixed,
                audio=audio,
                watermark=watermark,
                return_last_frame=return_last_frame,
                extra=dict(extra or {}),
            )
        )
        info, fields = self.adapter.validate(request)
        self._check_image_transport(request)
        key = await self._journal_intent(request, idempotency_key, output)
        if isinstance(key, Task):
            return key
        try:
            image_urls = [await self._image_url(image) for image in request.images]
            nonce, url = self._task_callback_url(callback_url)
            call = self.adapter.create_call(request, info, fields, image_urls, url)
            crash_point("before-create")
            if key is not None:
                self.journal.mark_sending(key, at=self.clock.time())  # type: ignore[union-attr]
            body = await self._requester.send(call)
            crash_point("after-create")
            task_id = self.adapter.created_id(body)
        except TransportError as exc:
            if key is not None:
                if exc.may_have_created:
                    self.journal.mark_unknown(key, str(exc))  # type: ignore[union-attr]
                else:
                    self.journal.mark_rejected(key, str(exc))  # type: ignore[union-attr]
            raise
        except UnexpectedResponseError as exc:
            if key is not None:  # an answer we can't read: the task may exist
                self.journal.mark_unknown(key, str(exc))  # type: ignore[union-attr]
            raise
        except SeedanceError as exc:
            if key is not None:  # the provider refused: nothing was created
                self.journal.mark_rejected(key, str(exc))  # type: ignore[union-attr]
            raise
        if nonce is not None:
            self._callback_nonces[nonce] = task_id
        task = Task(id=task_id, provider=self.provider, model=info.model, raw=body)
        if key is not None:
            self.journal.mark_submitted(key, task)  # type: ignore[union-attr]
            crash_point("after-submitted")
        return task

    async def _journal_intent(
        self,
        request: VideoRequest,
        idempotency_key: str | None,
        output: str | os.PathLike[str] | None,
    ) -> str | Task | None:
        """Record the intent; return its key, or the journaled task for a known key."""
        if self.journal is None:
            if idempotency_key is not None:
                raise ValidationError(
                    "idempotency_key needs the journal; it is turned off for this client",
                    field="idempotency_key",
                    value=idempotency_key,
                    provider=self.provider,
                )
            return None
        key = idempotency_key or uuid.uuid4().hex
        entry, created = self.journal.record_intent(
            key, self.provider, request.to_dict(), str(output) if output is not None else None
        )
        crash_point("after-intent")
        if created:
            return key
        if entry.provider != self.provider:
            raise ValidationError(
                f"idempotency_key={key!r} is already used for a {entry.provider} task",
                field="idempotency_key",
                value=key,
                provider=self.provider,
            )
        if entry.task is not None and entry.state != "rejected":
            return entry.task
        if entry.state in ("rejected", "intent"):  # nothing reached the provider
            self.journal.retry_intent(key)
            return key
        found = await self._reconcile(entry)
        if found is not None:
            return found
        raise TaskOutcomeUnknownError(
            f"the earlier submission under idempotency_key={key!r} was sent but its answer "
            f"never arrived ({entry.error or 'the process stopped'}); the task may exist at "
            f"{self.provider} and was not created again",
            key=key,
            provider=self.provider,
        )

    # ------------------------------------------------------------------ callbacks

    def _task_callback_url(self, explicit: str | None) -> tuple[str | None, str | None]:
        """(nonce, URL) for one submission: our signed URL, or the caller's own as given."""
        if explicit is not None or self.callback_tokens is None or not self.callback_url:
            return None, explicit
        nonce, token = self.callback_tokens.new(self.provider)
        return nonce, f"{self.callback_url.rstrip('/')}/{self.provider}/{token}"

    def callback_task_for(self, nonce: str) -> str | None:
        """The task a callback token was issued for (None if this process doesn't know)."""
        return self._callback_nonces.get(nonce)

    def callback_receiver(self, **options: Any) -> CallbackReceiver:
        """The ASGI app to mount at ``callback_url`` (created once; ``options`` go to
        :class:`~seedance.callbacks.CallbackReceiver` on first call)."""
        if self.callback_tokens is None:
            raise ValidationError(
                "callback_receiver() needs the client to be made with callback_url=",
                field="callback_url",
                value=None,
                provider=self.provider,
            )
        if self._receiver is None:
            self._receiver = CallbackReceiver(**options)
            self._receiver.attach(self)
        return self._receiver

    def on_task_done(self, handler: Callable[[Task], Any]) -> None:
        """Call ``handler(task)`` once when a task is confirmed finished (fire and forget)."""
        self._events.add_handler(handler)

    async def accept_confirmed(self, task: Task) -> None:
        """A state confirmed with the provider (after a callback): wake waiters, fire handlers."""
        if self._events.accept(task):
            if self.journal is not None:
                self.journal.update_task(task)
            self._poller.notify(task)
            await self._events.fire(task)

    async def get(self, task: str | Task) -> Task:
        """The task as the provider reports it now."""
        task_id = task.id if isinstance(task, Task) else task
        body = await self._requester.send(self.adapter.get_call(task_id))
        return self.adapter.to_task(task_id, body)

    async def _get_many(self, task_ids: Sequence[str]) -> list[Task]:
        call = self.adapter.list_call(page=1, page_size=len(task_ids), task_ids=task_ids)
        return self.adapter.to_tasks(await self._requester.send(call))

    async def wait(
        self,
        task: str | Task,
        *,
        timeout: float = DEFAULT_WAIT,
        on_update: Callable[[Task], None] | None = None,
        raise_on_failure: bool = True,
    ) -> Task:
        """Wait until the task finishes, at most ``timeout`` seconds.

        Raises :class:`WaitTimeoutError` at the deadline (the task goes on at the provider)
        and :class:`TaskFailedError` if it ends without a video (unless
        ``raise_on_failure=False``). ``on_update`` is called on every change seen.
        """
        if timeout <= 0:
            raise ValidationError(
                f"timeout={timeout!r} must be positive", field="timeout", value=timeout
            )
        task_id = task.id if isinstance(task, Task) else task
        initial = self._events.latest(task_id) or (task if isinstance(task, Task) else None)

        def updated(seen: Task) -> None:
            if self.journal is not None and seen.provider_status is not None:
                self.journal.update_task(seen)
            crash_point("while-waiting")
            if on_update is not None:
                on_update(seen)

        done = await self._poller.wait(task_id, timeout=timeout, on_update=updated, initial=initial)
        if raise_on_failure and not done.succeeded:
            raise TaskFailedError(done)
        return done

    async def download(
        self,
        task: Task,
        destination: str | os.PathLike[str],
        *,
        last_frame: bool = False,
        on_progress: Callable[[int, int | None], None] | None = None,
    ) -> Path:
        """Stream the task's video (or last frame) to ``destination``, atomically.

        Constant memory; an interrupted transfer resumes with a Range request.
        """
        from .download import download

        url = task.last_frame_url if last_frame else task.video_url
        if not url:
            what = "last frame" if last_frame else "video"
            raise ValidationError(
                f"task {task.id} has no {what} URL (status {task.status.value}); "
                "wait for it to succeed first",
                field="task",
                value=task.id,
                provider=self.provider,
            )

        def progress(done: int, total: int | None) -> None:
            crash_point("while-downloading")
            if on_progress is not None:
                on_progress(done, total)

        path = await download(self._http, url, destination, on_progress=progress)
        if self.journal is not None and not last_frame:
            entry = self.journal.find(self.provider, task.id)
            if entry is not None:
                self.journal.mark_downloaded(entry.key, str(path))
        return path

    async def generate(
        self,
        prompt: str | VideoRequest,
        *,
        output: str | os.PathLike[str] | None = None,
        timeout: float = DEFAULT_WAIT,
        on_update: Callable[[Task], None] | None = None,
        **options: Any,
    ) -> Task:
        """Submit, wait and (with ``output``) download: the whole job in one call."""
        task = await self.submit(prompt, output=output, **options)
        if on_update is not None:
            on_update(task)
        done = await self.wait(task, timeout=timeout, on_update=on_update)
        if output is not None:
            await self.download(done, output)
        return done

    async def cancel(self, task: str | Task) -> None:
        """Cancel a queued task (or delete a finished one's record) where the API allows."""
        task_id = task.id if isinstance(task, Task) else task
        await self._requester.send(self.adapter.cancel_call(task_id))

    async def list(self, *, page: int = 1, page_size: int = 50) -> list[Task]:
        """Tasks the provider knows, newest first, where the API allows listing."""
        call = self.adapter.list_call(page=page, page_size=page_size)
        return self.adapter.to_tasks(await self._requester.send(call))

    async def resume(
        self,
        *,
        timeout: float = DEFAULT_WAIT,
        concurrency: int = 16,
        on_update: Callable[[Task], None] | None = None,
    ) -> builtins.list[ResumeResult]:
        """Finish every unfinished journaled task of this provider: wait, then download to
        the ``output`` it was submitted with. Never creates a task."""
        if self.journal is None:
            raise ValidationError(
                "resume() needs the journal; it is turned off for this client",
                field="journal",
                value=False,
                provider=self.provider,
            )
        semaphore = asyncio.Semaphore(concurrency)

        async def finish(entry: Entry) -> ResumeResult:
            async with semaphore:
                return await self._resume_one(entry, timeout, on_update)

        entries = self.journal.open_entries(self.provider)
        return list(await asyncio.gather(*(finish(e) for e in entries)))

    async def _reconcile(self, entry: Entry) -> Task | None:
        """Find the task a lost create made, where the provider can list its tasks: the one
        task of the same model created within a few minutes after the create went out that
        no other journal entry owns. Anything less certain stays unknown (reported)."""
        if self.journal is None or not self.adapter.can_list:
            return None
        try:
            listed = self.adapter.to_tasks(
                await self._requester.send(self.adapter.list_call(page=1, page_size=100))
            )
        except SeedanceError:
            return None
        try:
            model = self.adapter.model_info(entry.request.get("model")).model
        except ValidationError:
            return None
        if entry.sent_at is None:
            return None
        sent = entry.sent_at
        candidates = [
            t
            for t in listed
            if (t.model is None or t.model == model)
            and t.created_at is not None
            and sent - 5 <= t.created_at.timestamp() <= sent + 300
            and self.journal.find(self.provider, t.id) is None
        ]
        if len(candidates) != 1:
            return None
        self.journal.mark_submitted(entry.key, candidates[0])
        return candidates[0]

    async def _resume_one(
        self, entry: Entry, timeout: float, on_update: Callable[[Task], None] | None
    ) -> ResumeResult:
        if entry.task_id is None:
            found = await self._reconcile(entry)
            if found is not None:
                entry = self.journal.get(entry.key) or entry  # type: ignore[union-attr]
        if entry.task_id is None:
            return ResumeResult(
                entry.key,
                None,
                None,
                "outcome unknown: the create was sent but its answer never recorded; the "
                f"task may exist at {self.provider} (not created again)",
            )
        try:
            task = entry.task if entry.state == "finished" and entry.task else None
            if task is None or not task.finished:
                task = await self.wait(
                    entry.task_id, timeout=timeout, on_update=on_update, raise_on_failure=False
                )
            if task.succeeded and entry.output and not entry.file:
                path = await self.download(task, entry.output)
                return ResumeResult(entry.key, task, str(path), None)
            error = None if task.succeeded else f"task ended {task.status.value}"
            return ResumeResult(entry.key, task, entry.file, error)
        except SeedanceError as exc:
            return ResumeResult(entry.key, None, None, str(exc))

    async def upload(self, image: ImageSource) -> str:
        """Upload a local image (path or bytes) and return a URL the provider accepts."""
        data, name = _read_image(image)
        call = self.adapter.upload_call(data, name, self.upload_base_url)
        return self.adapter.uploaded_url(await self._requester.send(call))

    # ------------------------------------------------------------------ images

    def _check_image_transport(self, request: VideoRequest) -> None:
        if self.adapter.image_transport != "url":
            return
        for image in request.images:
            if not image.is_url or str(image.source).startswith("data:"):
                raise ValidationError(
                    f"images: {self.provider} takes image URLs only, not {image.describe()}; "
                    "upload the file somewhere public and pass its https:// URL",
                    field="images",
                    value=image.describe(),
                    allowed="http(s) URLs",
                    provider=self.provider,
                )

    async def _image_url(self, image: ImageInput) -> str:
        if image.is_url:
            return str(image.source)
        if self.adapter.image_transport == "upload":
            return await self.upload(image.source)
        data, name = _read_image(image.source)
        mime = mimetypes.guess_type(name)[0] or _sniff_image(data)
        return f"data:{mime};base64,{base64.b64encode(data).decode()}"

    # ------------------------------------------------------------------ lifecycle

    async def aclose(self) -> None:
        await self._poller.close()
        await self._http.aclose()
        if self.journal is not None and self._owns_journal:
            self.journal.close()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


def _read_image(image: ImageSource) -> tuple[bytes, str]:
    if isinstance(image, bytes):
        return image, "image" + (mimetypes.guess_extension(_sniff_image(image)) or ".bin")
    path = Path(image)
    try:
        return path.read_bytes(), path.name
    except OSError as exc:
        raise ValidationError(
            f"images: cannot read {path}: {exc.strerror}", field="images", value=str(path)
        ) from exc


def _sniff_image(data: bytes) -> str:
    for prefix, mime in (
        (b"\x89PNG", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"GIF8", "image/gif"),
        (b"RIFF", "image/webp"),
    ):
        if data.startswith(prefix):
            return mime
    return "application/octet-stream"


@define(frozen=True)
class ResumeResult:
    """What ``resume()`` did with one journaled submission."""

    key: str
    task: Task | None
    file: str | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.error is None


class _LoopThread:
    """A private event loop in a daemon thread, for the synchronous facade."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="seedance", daemon=True)
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=5)
        self.loop.close()


class _BlockingTransport(httpx.AsyncBaseTransport):
    """Sync HTTP I/O for the sync facade's private loop.

    Async httpx costs about twice what sync httpx does per request; the sync client's loop
    thread serves one caller at a time, so it may block on a plain socket instead.
    """

    def __init__(self) -> None:
        self._sync = httpx.HTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(request.stream, httpx.SyncByteStream):
            # httpx's in-memory and multipart streams are both; anything else is read first
            body = b"".join([chunk async for chunk in request.stream])
            request = httpx.Request(
                request.method,
                request.url,
                headers=request.headers,
                content=body,
                extensions=request.extensions,
            )
        response = self._sync.handle_request(request)
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_AsyncStream(response.stream),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        self._sync.close()


class _AsyncStream(httpx.AsyncByteStream):
    def __init__(self, stream: Any) -> None:
        self._stream = stream

    async def __aiter__(self) -> Any:
        for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        self._stream.close()


class Client:
    """The synchronous client; same arguments and behaviour as :class:`AsyncClient`.

    >>> client = Client("apikley")                   # key from APIKLEY_API_KEY
    >>> task = client.generate("a red fox in snow", output="fox.mp4")
    """

    def __init__(self, provider: str, **kwargs: Any) -> None:
        if kwargs.get("transport") is None:
            kwargs["transport"] = _BlockingTransport()
        self._loop = _LoopThread()
        try:
            self._async = self._loop.run(_make_async(provider, kwargs))
        except BaseException:
            self._loop.stop()
            raise

    def __repr__(self) -> str:
        return f"Client(provider={self._async.provider!r}, base_url={self._async.base_url!r})"

    @property
    def provider(self) -> str:
        return self._async.provider

    @property
    def request_counts(self) -> dict[str, int]:
        return self._async.request_counts

    def _run(self, coro: Awaitable[T]) -> T:
        return self._loop.run(_awaited(coro))

    def models(self) -> list[ModelInfo]:
        return self._async.models()

    def validate(self, request: VideoRequest) -> ModelInfo:
        return self._async.validate(request)

    def submit(self, prompt: str | VideoRequest, **options: Any) -> Task:
        """See :meth:`AsyncClient.submit`."""
        return self._run(self._async.submit(prompt, **options))

    def get(self, task: str | Task) -> Task:
        """See :meth:`AsyncClient.get`."""
        return self._run(self._async.get(task))

    def wait(self, task: str | Task, **options: Any) -> Task:
        """See :meth:`AsyncClient.wait` (``on_update`` runs on the client's loop thread)."""
        return self._run(self._async.wait(task, **options))

    def download(self, task: Task, destination: str | os.PathLike[str], **options: Any) -> Path:
        """See :meth:`AsyncClient.download`."""
        return self._run(self._async.download(task, destination, **options))

    def generate(self, prompt: str | VideoRequest, **options: Any) -> Task:
        """See :meth:`AsyncClient.generate`."""
        return self._run(self._async.generate(prompt, **options))

    def cancel(self, task: str | Task) -> None:
        """See :meth:`AsyncClient.cancel`."""
        self._run(self._async.cancel(task))

    def list(self, **options: Any) -> list[Task]:
        """See :meth:`AsyncClient.list`."""
        return self._run(self._async.list(**options))

    def resume(self, **options: Any) -> builtins.list[ResumeResult]:
        """See :meth:`AsyncClient.resume`."""
        return self._run(self._async.resume(**options))

    @property
    def journal(self) -> Journal | None:
        return self._async.journal

    def upload(self, image: ImageSource) -> str:
        """See :meth:`AsyncClient.upload`."""
        return self._run(self._async.upload(image))

    def close(self) -> None:
        try:
            self._run(self._async.aclose())
        finally:
            self._loop.stop()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


async def _make_async(provider: str, kwargs: dict[str, Any]) -> AsyncClient:
    return AsyncClient(provider, **kwargs)


async def _awaited(awaitable: Awaitable[T]) -> T:
    return await awaitable
