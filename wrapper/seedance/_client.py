"""The clients users import: :class:`Client` (blocking) and :class:`AsyncClient`.

Both are a :class:`~seedance._base_client.BaseClient` (every rule, as flows) plus their own
I/O: sync httpx, ``time.sleep`` and threads, or async httpx and the event loop. The generated
clients do the HTTP: each wraps this client's httpx client.
"""

from __future__ import annotations

import asyncio
import builtins
import importlib
import logging
import os
import threading
import time
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar, Unpack

import httpx
from attrs import define

from ._base_client import (
    CONNECT_TIMEOUT,
    DEFAULT_TIMEOUT,
    DEFAULT_WAIT,
    BaseClient,
    Fetch,
    ResumeResult,
    WaitFor,
    _task_id,
)
from ._call import (
    PARSER_ERRORS,
    Answer,
    Operation,
    anote_sent,
    answer_after_parser_error,
    answer_from,
    aremember,
    call_deadline,
    last_response,
    note_sent,
    remember,
    request_sent,
)
from ._callbacks import CallbackReceiver
from ._clock import SystemClock
from ._download import EFFECTS as DOWNLOAD_EFFECTS
from ._download import perform_async, perform_sync
from ._errors import (
    AuthenticationError,
    ConfigurationError,
    NotFoundError,
    SeedanceError,
    TaskFailedError,
    TransportError,
    ValidationError,
    WaitTimeoutError,
)
from ._events import Handler, call_handlers
from ._flow import Flow, Http, Sleep, arun, run
from ._journal import crash_point
from ._models import ImageSource, Task, VideoRequest
from ._options import (
    ClientOptions,
    DownloadOptions,
    GenerateOptions,
    SubmitOptions,
    WaitOptions,
    checked,
)
from ._polling import Poller, PollPlanner, PollState

T = TypeVar("T")
log = logging.getLogger("seedance")
CONFIRM_TIMEOUT = 30.0
"""Seconds a callback's confirming fetch may take, retries included: a slow provider must
not keep a task in the receiver's pending set (where its next callbacks wait) for ever."""


class _ApiKey(httpx.Auth):
    """Adds the provider's key headers to each request; never shown in a repr."""

    def __init__(self, headers: dict[str, str]) -> None:
        self._headers = headers

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers.update(self._headers)
        yield request

    def __repr__(self) -> str:
        return "_ApiKey(<redacted>)"


CALL_BUDGET = 4
"""A whole HTTP call (a create, an upload, a status read) ends within this many times the
client's longest timeout: httpx's bound each read, and a body trickling a byte at a time
never trips them."""


def _timeout(value: float | httpx.Timeout | None) -> httpx.Timeout:
    if isinstance(value, httpx.Timeout):
        return value
    if value is None:  # httpx's "no limits": the caller's choice
        return httpx.Timeout(None)
    return httpx.Timeout(value, connect=min(value, CONNECT_TIMEOUT))


def _split_generate(options: GenerateOptions) -> tuple[dict[str, Any], float, Any]:
    checked(options, GenerateOptions, "generate")
    rest: dict[str, Any] = dict(options)
    timeout = _finite(rest.pop("timeout", DEFAULT_WAIT), "timeout")
    on_update = rest.pop("on_update", None)
    return rest, timeout, on_update


@define(frozen=True)
class _Io:
    """The httpx flavour a twin uses."""

    http: type[httpx.Client] | type[httpx.AsyncClient]
    transport: type[httpx.BaseTransport] | type[httpx.AsyncBaseTransport]
    hook: Callable[[httpx.Response], Any]
    sent_hook: Callable[[httpx.Request], Any]
    wrap: str
    """The generated ``Client`` method that takes our httpx client."""
    fake_transport: str
    """The seedance.testing fake's method giving this kind of transport."""
    default_transport: Callable[[], Any]
    """The transport of each httpx client when none is given."""


TransportT = TypeVar("TransportT", httpx.BaseTransport, httpx.AsyncBaseTransport)


def _sync_transport() -> httpx.BaseTransport:
    """The sync twin's default transport: its sockets keep the call's deadline (headers
    that trickle). Imported on first use: httpcore costs ~0.1 s to import, httpx defers it
    too."""
    from ._transport import DeadlineTransport

    return DeadlineTransport()


def _async_transport() -> httpx.AsyncBaseTransport:
    """The async twin's, likewise."""
    from ._transport import AsyncDeadlineTransport

    return AsyncDeadlineTransport()


class _Hosts(BaseClient, Generic[TransportT]):
    """What both twins hold the same way: one httpx client per host (the API, Apikley's
    upload host), each wrapped by a generated client, and one for result files (CDNs,
    where no provider key goes). The twin's ``_io`` picks sync or async httpx."""

    _io: ClassVar[_Io]

    def __init__(
        self,
        provider: str,
        *,
        transport: TransportT | None = None,
        **options: Unpack[ClientOptions],
    ) -> None:
        super().__init__(provider, options)
        io = self._io
        if transport is not None and not isinstance(transport, io.transport):
            raise ConfigurationError(
                f"{type(self).__name__} needs a transport of type httpx.{io.transport.__name__}"
                f"; for seedance.testing fakes use fake.{io.fake_transport}()",
                provider=provider,
            )
        timeout = _timeout(options.get("timeout", DEFAULT_TIMEOUT))
        self._common: dict[str, Any] = {"timeout": timeout, "transport": transport}
        limits = [t for t in (timeout.connect, timeout.read, timeout.write, timeout.pool) if t]
        # read=None is httpx's "no read limit": a call's answer may take as long as it takes
        self._call_budget = CALL_BUDGET * max(limits) if limits and timeout.read else None
        self._generated: dict[str, Any] = {}
        self._hosts_lock = threading.Lock()
        self._hosts: builtins.list[Any] = []
        self._files: Any = None
        self._closed = False
        self._receiver: CallbackReceiver | None = None
        self._setup()

    def _setup(self) -> None:
        """The twin's own state (its poller or its poll plan)."""

    def callback_receiver(self, **options: Any) -> CallbackReceiver:
        """The ASGI app to mount at ``callback_url`` (created once; ``options`` go to
        :class:`~seedance._callbacks.CallbackReceiver` on first call). ``Client``'s
        confirms each callback with a blocking ``get`` in a worker thread."""
        self._require_callbacks()
        if self._receiver is None:
            self._receiver = CallbackReceiver(**options)
            self._receiver.attach(self)
        return self._receiver

    def on_task_done(self, handler: Handler) -> None:
        """Call ``handler(task)`` once per task when this client confirms it finished:
        a callback's confirming fetch, or a ``wait()`` (``generate``, ``resume``) seeing it
        end, by its polls or through the journal (before that ``wait()`` returns). A plain
        ``get()`` does not fire it. With ``AsyncClient`` the handler may be async (awaited);
        a failing one is logged."""
        self._events.add_handler(handler)

    async def confirm(self, task_id: str) -> None:
        """Fetch a task a callback named; its confirmed state wakes waiters (each twin
        does it with its own I/O)."""
        raise NotImplementedError

    def _real_deadline(self, deadline: float | None) -> float | None:
        """When this call must be over, as ``time.monotonic()`` for httpx's hooks: the
        flow's deadline (on the client's clock; not a test clock's, whose time is not the
        wire's), and in any case :data:`CALL_BUDGET` times the timeout after now."""
        now = time.monotonic()
        ends = [now + self._call_budget] if self._call_budget is not None else []
        if deadline is not None and isinstance(self.clock, SystemClock):
            ends.append(now + (deadline - self.clock.monotonic()))
        return min(ends, default=None)

    def _generated_client(self, base_url: str) -> Any:
        found = self._generated.get(base_url)
        if found is not None:
            return found
        with self._hosts_lock:
            self._check_open()
            found = self._generated.get(base_url)
            if found is None:
                http = self._io.http(
                    base_url=base_url,
                    auth=_ApiKey(self.adapter.auth_headers(self._settings.api_key)),
                    event_hooks={"request": [self._io.sent_hook], "response": [self._io.hook]},
                    **self._http_options(),
                )
                self._hosts.append(http)
                package = importlib.import_module(f"{self.adapter.package}.client")
                found = getattr(package.Client(base_url=base_url), self._io.wrap)(http)
                self._generated[base_url] = found
        return found

    def _files_client(self) -> Any:
        """Made on first download (no TLS setup before)."""
        with self._hosts_lock:
            if self._files is None:
                self._check_open()
                self._files = self._io.http(follow_redirects=True, **self._http_options())
        return self._files

    def _http_options(self) -> dict[str, Any]:
        """An httpx client's timeout and transport: the one given, else the twin's own
        (its sockets keep each call's deadline)."""
        given = self._common["transport"]
        return {**self._common, "transport": given or self._io.default_transport()}

    def _check_open(self) -> None:
        """A closed client makes no new connections (as an httpx client it wraps would
        refuse to send)."""
        if self._closed:
            raise RuntimeError(f"this {type(self).__name__} is closed")

    def _http_to_close(self) -> builtins.list[Any]:
        """Every httpx client made so far; none is made after this."""
        with self._hosts_lock:
            self._closed = True
            return [http for http in (*self._hosts, self._files) if http is not None]


class AsyncClient(_Hosts[httpx.AsyncBaseTransport]):
    """Generate Seedance videos through one provider, with asyncio.

    >>> async with AsyncClient("apikley") as client:          # key from APIKLEY_API_KEY
    ...     task = await client.generate("a red fox in snow", output="fox.mp4")

    Every HTTP call has a timeout, every wait a deadline. Creates are never retried when
    the provider might have accepted them. Status checks of all concurrent waits share one
    poller and the provider's rate limits (read from its spec).

    ``base_url``/``upload_base_url`` default to ``<PROVIDER>_BASE_URL``/``_UPLOAD_URL``, then
    the spec. ``callback_url`` is the public URL where :meth:`callback_receiver` is mounted:
    each task then gets its own signed callback URL below it, and ``wait()`` resolves on the
    confirmed callback, polling only as a slow safety net. ``rate_limit=False`` drops the
    client-side limits read from the spec. ``journal``: the durable task record (default on,
    ``SEEDANCE_JOURNAL``; ``False`` turns it off; a path, a ``postgresql://`` DSN or a
    journal object picks it). ``transport`` and ``clock`` are for tests (see
    :mod:`seedance.testing`); a transport of your own replaces the default one whose
    sockets keep each call's deadline while headers trickle in (``_transport``).
    """

    _io = _Io(
        httpx.AsyncClient,
        httpx.AsyncBaseTransport,
        aremember,
        anote_sent,
        "set_async_httpx_client",
        "transport",
        _async_transport,
    )

    def _setup(self) -> None:
        batched = self.adapter.batch_size > 1
        self._poller = Poller(
            fetch_one=self.get,
            fetch_many=self._get_many if batched else None,
            batch_size=self.adapter.batch_size,
            clock=self.clock,
            schedule=self.poll_schedule,
            read_limit=self._read_limit,
        )

    # ------------------------------------------------------------------ I/O

    async def _run(self, flow: Flow[T]) -> T:
        return await arun(flow, self._perform)

    async def _perform(self, effect: Any) -> Any:
        if isinstance(effect, Http):
            return await self._call(effect.op, effect.deadline)
        if isinstance(effect, Sleep):
            return await self.clock.sleep(effect.seconds)
        if isinstance(effect, DOWNLOAD_EFFECTS):
            return await perform_async(self._files_client(), effect, self._call_budget)
        if isinstance(effect, WaitFor):
            return await self.wait(
                effect.task_id,
                timeout=effect.timeout,
                on_update=effect.on_update,
                raise_on_failure=False,
            )
        if isinstance(effect, Fetch):
            return await self.download(effect.task, effect.destination)
        raise TypeError(f"unknown effect {effect!r}")

    async def _call(self, op: Operation, deadline: float | None = None) -> Answer:
        generated = self._generated_client(op.base_url or self.base_url)
        last_response.set(None)
        request_sent.set(False)
        ends = call_deadline.set(self._real_deadline(deadline))  # this call's, not later I/O's
        try:
            result = await op.module.asyncio_detailed(client=generated, **op.kwargs)
        except PARSER_ERRORS as exc:
            return answer_after_parser_error(exc)
        finally:
            call_deadline.reset(ends)
        return answer_from(result)

    # ------------------------------------------------------------------ tasks

    async def submit(self, prompt: str | VideoRequest, **options: Unpack[SubmitOptions]) -> Task:
        """Create a task and return it (queued). Everything is checked before any request.

        With the journal on, the submission is claimed and recorded before it is sent.
        Submitting again with the same ``idempotency_key`` returns the journaled task
        instead of paying for a new one (from any process sharing the journal); when the
        first attempt's answer was lost it raises :class:`TaskOutcomeUnknownError` and
        creates nothing. ``output`` is where ``resume()`` downloads the result.
        """
        return await self._run(self._submit_flow(prompt, options))

    async def get(self, task: str | Task, *, timeout: float | None = None) -> Task:
        """The task as the provider reports it now (``timeout``: seconds for the whole
        call, retries and rate-limit waits included)."""
        return await self._run(self._get_flow(task, timeout))

    async def _get_many(self, task_ids: Sequence[str]) -> list[Task]:
        return await self._run(self._get_many_flow(task_ids))

    async def wait(self, task: str | Task, **options: Unpack[WaitOptions]) -> Task:
        """Wait until the task finishes, at most ``timeout`` seconds (default 900).

        Raises :class:`WaitTimeoutError` at the deadline (the task goes on at the
        provider) and, unless ``raise_on_failure=False``, :class:`TaskFailedError` when it
        ends without a video. ``on_update`` is called with every new state.
        """
        checked(options, WaitOptions, "wait")
        timeout = _finite(options.get("timeout", DEFAULT_WAIT), "timeout")
        on_update = options.get("on_update")
        task_id = _task_id(task)
        initial = task if isinstance(task, Task) else self._events.latest(task_id)
        self._listen()

        def updated(seen: Task) -> None:
            self._journal.update_task(seen)
            crash_point("while-waiting")
            if on_update is not None:
                on_update(seen)

        done = await self._poller.wait(task_id, timeout=timeout, on_update=updated, initial=initial)
        await self._task_done(done)
        if options.get("raise_on_failure", True) and not done.succeeded:
            raise TaskFailedError(done)
        return done

    async def download(
        self,
        task: Task,
        destination: str | os.PathLike[str],
        **options: Unpack[DownloadOptions],
    ) -> Path:
        """Stream the task's video (or last frame) to ``destination``, atomically.

        Constant memory; an interrupted transfer resumes with a Range request when the
        server proves it is the same file; one writer per destination across processes.
        """
        return await self._run(self._download_flow(task, destination, options))

    async def generate(
        self, prompt: str | VideoRequest, **options: Unpack[GenerateOptions]
    ) -> Task:
        """Submit, wait and (with ``output``) download: the whole job in one call."""
        submit, timeout, on_update = _split_generate(options)
        task = await self._run(self._submit_flow(prompt, submit))
        if on_update is not None:
            on_update(task)
        done = await self.wait(task, timeout=timeout, on_update=on_update)
        if submit.get("output") is not None:
            await self.download(done, submit["output"])
        return done

    async def cancel(self, task: str | Task, *, delete: bool = False) -> None:
        """Cancel a queued task where the API allows. On Ark cancelling a finished task
        deletes its record and result: refused unless ``delete=True``."""
        await self._run(self._cancel_flow(task, delete))

    async def list(self, *, page: int = 1, page_size: int = 50) -> builtins.list[Task]:
        """Tasks the provider knows, newest first, where the API allows listing."""
        return await self._run(self._list_flow(page, page_size))

    async def resume(
        self,
        *,
        timeout: float = DEFAULT_WAIT,
        concurrency: int = 16,
        on_update: Callable[[Task], None] | None = None,
    ) -> builtins.list[ResumeResult]:
        """Finish every unfinished journaled task of this provider: wait, then download to
        the ``output`` it was submitted with. Never creates a task."""
        self._require_journal("resume")
        semaphore = asyncio.Semaphore(max(1, concurrency))

        async def finish(entry: Any) -> ResumeResult:
            async with semaphore:
                return await self._run(self._resume_one_flow(entry, timeout, on_update))

        return list(await asyncio.gather(*(finish(e) for e in self._resumable())))

    async def upload(self, image: ImageSource) -> str:
        """Upload a local image (path or bytes) and return a URL the provider accepts."""
        from ._images import read_local
        from ._models import ImageInput

        local = read_local(ImageInput(image), self._image_limits(), self.provider)
        return await self._run(self._upload_flow(local))

    def _listen(self) -> None:
        """Where the journal carries notifications (PostgreSQL), a state confirmed by any
        process (a callback received by another instance) wakes this loop's waiters."""
        if self._listener is not None or not self._journal.shared_notifications:
            return
        loop = asyncio.get_running_loop()

        def heard(provider: str, task_id: str) -> None:  # on the listener's thread
            if provider == self.provider:
                loop.call_soon_threadsafe(self._heard, task_id)

        self._listener = self._journal.listen(heard)

    def _heard(self, task_id: str) -> None:
        task = self._shared_state(task_id)
        if task is not None:
            self._poller.notify(task)

    # ------------------------------------------------------------------ callbacks

    async def confirm(self, task_id: str) -> None:
        """Fetch a task a callback named (within :data:`CONFIRM_TIMEOUT`); its confirmed
        state wakes waiters and handlers."""
        try:
            async with asyncio.timeout(CONFIRM_TIMEOUT):
                task = await self.get(task_id, timeout=CONFIRM_TIMEOUT)
        except TimeoutError:
            raise _confirm_timed_out(self.provider, task_id) from None
        await self.accept_confirmed(task)

    async def accept_confirmed(self, task: Task) -> None:
        """A state confirmed with the provider: journal it, wake waiters, fire handlers."""
        if self._accept(task):
            self._poller.notify(task)
            await self._task_done(task)

    async def _task_done(self, task: Task) -> None:
        """Fire ``on_task_done`` handlers (awaiting async ones) if ``task`` has ended and
        they have not fired for it: however this client learnt it (a callback's fetch, a
        wait's poll, another process's confirmation)."""
        for result in call_handlers(self._events.handlers_due(task), task):
            if asyncio.iscoroutine(result):
                try:
                    await result
                except Exception:
                    log.exception("on_task_done handler failed for %s", task.id)

    # ------------------------------------------------------------------ lifecycle

    async def aclose(self) -> None:
        """Stop the poller, close the HTTP connections (and the journal, unless passed in)."""
        await self._poller.close()
        for http in self._http_to_close():
            await http.aclose()
        self._close_journal()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


class Client(_Hosts[httpx.BaseTransport]):
    """Generate Seedance videos through one provider, with blocking calls.

    >>> with Client("apikley") as client:                    # key from APIKLEY_API_KEY
    ...     task = client.generate("a red fox in snow", output="fox.mp4")

    The same arguments, methods and guarantees as :class:`AsyncClient`, with plain blocking
    I/O (sync httpx). One ``Client`` may be shared by threads: HTTP, the journal, the rate
    limits and callback state are thread-safe.
    """

    _io = _Io(
        httpx.Client,
        httpx.BaseTransport,
        remember,
        note_sent,
        "set_httpx_client",
        "sync_transport",
        _sync_transport,
    )

    def _setup(self) -> None:
        rate = None
        if self._read_limit is not None:
            rate = self._read_limit.requests / self._read_limit.per_seconds
        # one plan for every wait of this client (threads share the read budget)
        self._planner = PollPlanner(self.poll_schedule, read_rate=rate)
        self._waits = 0
        self._waits_lock = threading.Lock()

    def _listen(self) -> None:
        """Where the journal carries notifications (PostgreSQL), a state another process
        confirmed wakes the thread waiting on it."""
        with self._waits_lock:
            if self._listener is None and self._journal.shared_notifications:
                self._listener = self._journal.listen(self._heard)

    def _heard(self, provider: str, task_id: str) -> None:
        """A state another process confirmed: wakes the thread waiting on it (its waker)."""
        if provider == self.provider:
            self._shared_state(task_id)

    # ------------------------------------------------------------------ I/O

    def _run(self, flow: Flow[T]) -> T:
        return run(flow, self._perform)

    def _perform(self, effect: Any) -> Any:
        if isinstance(effect, Http):
            return self._call(effect.op, effect.deadline)
        if isinstance(effect, Sleep):
            return self.clock.sleep_sync(effect.seconds)
        if isinstance(effect, DOWNLOAD_EFFECTS):
            return perform_sync(self._files_client(), effect, self._call_budget)
        if isinstance(effect, WaitFor):
            return self.wait(
                effect.task_id,
                timeout=effect.timeout,
                on_update=effect.on_update,
                raise_on_failure=False,
            )
        if isinstance(effect, Fetch):
            return self.download(effect.task, effect.destination)
        raise TypeError(f"unknown effect {effect!r}")

    def _call(self, op: Operation, deadline: float | None = None) -> Answer:
        generated = self._generated_client(op.base_url or self.base_url)
        last_response.set(None)
        request_sent.set(False)
        ends = call_deadline.set(self._real_deadline(deadline))  # this call's, not later I/O's
        try:
            result = op.module.sync_detailed(client=generated, **op.kwargs)
        except PARSER_ERRORS as exc:
            return answer_after_parser_error(exc)
        finally:
            call_deadline.reset(ends)
        return answer_from(result)

    # ------------------------------------------------------------------ tasks

    def submit(self, prompt: str | VideoRequest, **options: Unpack[SubmitOptions]) -> Task:
        """Create a task and return it (queued). Everything is checked before any request.

        With the journal on, the submission is claimed and recorded before it is sent.
        Submitting again with the same ``idempotency_key`` returns the journaled task
        instead of paying for a new one (from any process sharing the journal); when the
        first attempt's answer was lost it raises :class:`TaskOutcomeUnknownError` and
        creates nothing. ``output`` is where ``resume()`` downloads the result.
        """
        return self._run(self._submit_flow(prompt, options))

    def get(self, task: str | Task, *, timeout: float | None = None) -> Task:
        """The task as the provider reports it now (``timeout``: seconds for the whole
        call, retries and rate-limit waits included)."""
        return self._run(self._get_flow(task, timeout))

    def wait(self, task: str | Task, **options: Unpack[WaitOptions]) -> Task:
        """Wait until the task finishes, at most ``timeout`` seconds (default 900).

        Raises :class:`WaitTimeoutError` at the deadline (the task goes on at the
        provider) and, unless ``raise_on_failure=False``, :class:`TaskFailedError` when it
        ends without a video. ``on_update`` is called with every new state. A confirmed
        callback ends the wait at once; polling follows ``poll_schedule`` meanwhile.
        """
        checked(options, WaitOptions, "wait")
        timeout = _finite(options.get("timeout", DEFAULT_WAIT), "timeout")
        on_update = options.get("on_update")
        task_id = _task_id(task)
        state = PollState(started=self.clock.monotonic())
        deadline = state.started + timeout
        latest = task if isinstance(task, Task) else self._events.latest(task_id)
        seen: Task | None = None
        waker = self._events.waker(task_id)
        self._listen()
        with self._waits_lock:
            self._waits += 1
        try:
            while True:
                now = self.clock.monotonic()
                if latest is not None and latest != seen:
                    seen = latest
                    self._planner.observe(state, now, latest)
                    self._journal.update_task(latest)
                    crash_point("while-waiting")
                    if on_update is not None:
                        on_update(latest)
                    if latest.finished:
                        break
                if now >= deadline:
                    raise WaitTimeoutError(task_id, timeout, provider=self.provider, last=seen)
                pause = self._planner.next_delay(state, now, watched=self._waits)
                waker.clear()
                self.clock.sleep_sync(min(pause, deadline - now), waker)
                confirmed = self._events.latest(task_id)
                if confirmed is not None and confirmed.finished:
                    latest = confirmed
                    continue
                remaining = deadline - self.clock.monotonic()
                if remaining <= 0:
                    continue
                try:
                    latest = self.get(task_id, timeout=remaining)
                except (AuthenticationError, NotFoundError, ValidationError):
                    raise  # final: polling again cannot help
                except SeedanceError:
                    continue  # transport, 5xx after retries: keep polling on the schedule
        finally:
            with self._waits_lock:
                self._waits -= 1
            self._events.drop_waker(task_id)
        assert seen is not None
        call_handlers(self._events.handlers_due(seen), seen)
        if options.get("raise_on_failure", True) and not seen.succeeded:
            raise TaskFailedError(seen)
        return seen

    def download(
        self,
        task: Task,
        destination: str | os.PathLike[str],
        **options: Unpack[DownloadOptions],
    ) -> Path:
        """Stream the task's video (or last frame) to ``destination``, atomically and
        resumably, as :meth:`AsyncClient.download` does, with blocking I/O."""
        return self._run(self._download_flow(task, destination, options))

    def generate(self, prompt: str | VideoRequest, **options: Unpack[GenerateOptions]) -> Task:
        """Submit, wait and (with ``output``) download: the whole job in one call."""
        submit, timeout, on_update = _split_generate(options)
        task = self._run(self._submit_flow(prompt, submit))
        if on_update is not None:
            on_update(task)
        done = self.wait(task, timeout=timeout, on_update=on_update)
        if submit.get("output") is not None:
            self.download(done, submit["output"])
        return done

    def cancel(self, task: str | Task, *, delete: bool = False) -> None:
        """Cancel a queued task where the API allows. On Ark cancelling a finished task
        deletes its record and result: refused unless ``delete=True``."""
        self._run(self._cancel_flow(task, delete))

    def list(self, *, page: int = 1, page_size: int = 50) -> builtins.list[Task]:
        """Tasks the provider knows, newest first, where the API allows listing."""
        return self._run(self._list_flow(page, page_size))

    def resume(
        self,
        *,
        timeout: float = DEFAULT_WAIT,
        concurrency: int = 16,
        on_update: Callable[[Task], None] | None = None,
    ) -> builtins.list[ResumeResult]:
        """Finish every unfinished journaled task of this provider: wait, then download to
        the ``output`` it was submitted with (``concurrency`` threads). Never creates a task."""
        self._require_journal("resume")
        entries = self._resumable()
        with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
            return list(
                pool.map(lambda e: self._run(self._resume_one_flow(e, timeout, on_update)), entries)
            )

    def upload(self, image: ImageSource) -> str:
        """Upload a local image (path or bytes) and return a URL the provider accepts."""
        from ._images import read_local
        from ._models import ImageInput

        local = read_local(ImageInput(image), self._image_limits(), self.provider)
        return self._run(self._upload_flow(local))

    # ------------------------------------------------------------------ callbacks

    async def confirm(self, task_id: str) -> None:
        """Fetch a task a callback named (in a thread, waited for at most
        :data:`CONFIRM_TIMEOUT`: a thread cannot be stopped, the wait for it can); its
        state wakes waiters."""
        fetch = asyncio.to_thread(self.get, task_id, timeout=CONFIRM_TIMEOUT)
        try:
            task = await asyncio.wait_for(fetch, CONFIRM_TIMEOUT)
        except TimeoutError:
            raise _confirm_timed_out(self.provider, task_id) from None
        self.accept_confirmed(task)

    def accept_confirmed(self, task: Task) -> None:
        """A state confirmed with the provider: journal it, wake waiters, fire handlers."""
        if self._accept(task):
            call_handlers(self._events.handlers_due(task), task)

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the HTTP connections (and the journal, unless it was passed in)."""
        for http in self._http_to_close():
            http.close()
        self._close_journal()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _confirm_timed_out(provider: str, task_id: str) -> TransportError:
    return TransportError(
        f"{provider} did not answer the fetch of task {task_id} within {CONFIRM_TIMEOUT:g} s",
        provider=provider,
    )


def _finite(value: Any, name: str) -> float:
    if (
        not isinstance(value, (int, float))
        or isinstance(value, bool)
        or value != value
        or value in (float("inf"), float("-inf"))
        or value < 0
    ):
        raise ValidationError(
            f"{name}={value!r}: a finite number of seconds >= 0",
            field=name,
            value=value,
            allowed="a finite number >= 0",
        )
    return float(value)
