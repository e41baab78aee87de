"""What ``Client`` and ``AsyncClient`` share: settings, validation, the journal's claims
and every decision, written once as flows (see ``_flow``). Only I/O differs between them.

One submission, in order: the request is checked (types, the model's spec, local images)
before anything is journaled; the idempotency key is claimed in the journal; images are
uploaded; the create waits for the rate limit; the journal marks it ``sending``; it goes on
the wire; the answer is journaled as submitted, refused (proven by the spec's documented
refusals), or unknown (anything else: never created again, reconciled where the provider
can list its tasks).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import socket
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from attrs import asdict, define, evolve

from ._call import (
    PARSER_ERRORS,
    Answer,
    Operation,
    RequestNotSentError,
    RetryPolicy,
    Sender,
)
from ._callbacks import CallbackTokens
from ._clock import Clock, SystemClock
from ._config import Settings, settings
from ._download import Relink, ResultLinks, check_bound, download_flow
from ._errors import (
    SeedanceError,
    SubmissionInProgressError,
    TaskOutcomeUnknownError,
    TransportError,
    UnexpectedResponseError,
    ValidationError,
)
from ._events import TaskEvents
from ._flow import Flow, Sleep
from ._images import ImageLimits, LocalImage, check_all, read_local
from ._journal import (
    Claim,
    ClaimLostError,
    ClaimOutcome,
    Entry,
    EntryState,
    Journal,
    Listener,
    crash_point,
    open_journal,
)
from ._models import ImageInput, Task, VideoRequest, image_count
from ._options import ClientOptions, DownloadOptions, SubmitOptions, checked
from ._polling import PollSchedule
from ._providers import get_adapter
from ._providers._base import Adapter, ModelInfo
from ._ratelimit import RateLimit
from ._validation import check_file_name, check_request_values, check_text

DEFAULT_WAIT = 900.0
DEFAULT_TIMEOUT = 30.0
CONNECT_TIMEOUT = 10.0
LEASE = 60.0
"""Seconds a claim on an idempotency key lasts unless renewed (a dead owner's claim is
taken over after it)."""
BUSY_WAIT = 120.0
"""How long ``submit`` waits for a key another process is submitting."""
BUSY_POLL = 0.25
STAND_IN_URL = "https://stand-in.invalid/image.png"
"""Where a media URL goes while a body is only checked (never sent)."""
RECONCILE_WINDOW = (-5.0, 300.0)
REQUEST_FIELDS = frozenset(SubmitOptions.__optional_keys__) - {
    "callback_url",
    "idempotency_key",
    "output",
}
# With callbacks, polling is only the safety net for a callback that never comes.
CALLBACK_SAFETY_NET = PollSchedule(steps=((float("inf"), 60.0),), jitter=0.1)


@define(frozen=True)
class WaitFor:
    """Effect: wait for a task as the client's ``wait()`` does."""

    task_id: str
    timeout: float
    on_update: Callable[[Task], None] | None


@define(frozen=True)
class Fetch:
    """Effect: download a task's video as the client's ``download()`` does."""

    task: Task
    destination: str


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


class BaseClient:
    """The I/O-free half of a client; see :class:`seedance.AsyncClient` for the arguments."""

    def __init__(self, provider: str, options: ClientOptions) -> None:
        checked(options, ClientOptions, type(self).__name__)
        self.adapter: Adapter = get_adapter(provider)
        self._settings: Settings = settings(
            self.adapter,
            api_key=options.get("api_key"),
            base_url=options.get("base_url"),
            upload_base_url=options.get("upload_base_url"),
            callback_url=options.get("callback_url"),
            callback_secret=options.get("callback_secret"),
        )
        self.clock: Clock = options.get("clock") or SystemClock()
        poll_schedule = options.get("poll_schedule")
        journal = options.get("journal")
        self.callback_tokens = (
            CallbackTokens(self._settings.callback_secret)
            if self._settings.callback_secret
            else None
        )
        if self.callback_tokens is not None and poll_schedule is None:
            poll_schedule = CALLBACK_SAFETY_NET
        self.poll_schedule = poll_schedule or PollSchedule()
        self._journal_spec = journal
        self._owns_journal = not isinstance(journal, Journal)
        self._owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self._events = TaskEvents()
        self._listener: Listener | None = None
        self._limits: dict[bool, tuple[str, RateLimit]] = {}
        for create, limit in (
            (True, self.adapter.create_rate_limit),
            (False, self.adapter.read_rate_limit),
        ):
            if options.get("rate_limit", True) and limit is not None:
                # one bucket per provider key, shared by everyone using this journal
                name = f"{self.provider}:{'create' if create else 'read'}:{self._key_id()}"
                self._limits[create] = (name, limit)
        found = self._limits.get(False)
        self._read_limit: RateLimit | None = found[1] if found else None
        self._sender = Sender(
            adapter=self.adapter,
            retry=RetryPolicy(max_retries=options.get("max_retries", 3)),
            reserve=self._reserve,
            now=self.clock.monotonic,
            wall=self.clock.time,
        )

    # ------------------------------------------------------------------ properties

    @property
    def provider(self) -> str:
        """The provider's name (``apikley``, ``pixazo``, ``gptproto``, ``ark``)."""
        return self.adapter.name

    @property
    def base_url(self) -> str:
        """The API host this client talks to."""
        return self._settings.base_url

    @property
    def upload_base_url(self) -> str | None:
        """Apikley's upload host, where local images go (None: not configured)."""
        return self._settings.upload_base_url

    @cached_property
    def _journal(self) -> Journal:
        """Opened on first use: making a client costs no file or database work."""
        return open_journal(self._journal_spec)

    @property
    def journal(self) -> Journal:
        """The journal this client records its tasks in (a null one when turned off)."""
        return self._journal

    @property
    def request_counts(self) -> dict[str, int]:
        """Requests sent so far, per operation (what a benchmark or a bill wants to know)."""
        return dict(self._sender.counts)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(provider={self.provider!r}, base_url={self.base_url!r})"

    def wall_time(self) -> float:
        """Unix seconds on the client's clock (callback signatures are checked against it)."""
        return self.clock.time()

    def _reserve(self, op: Operation) -> float:
        found = self._limits.get(op.create)
        if found is None:
            return 0.0
        name, limit = found
        return self._journal.reserve(name, limit, self._journal_now())

    def _journal_now(self) -> float | None:
        """The time for a journal step: None on real time, so the journal's own clock
        decides (PostgreSQL's is the one every host shares, whatever its own clock says).
        A test's clock keeps its own time."""
        return None if isinstance(self.clock, SystemClock) else self.clock.time()

    def _key_id(self) -> str:
        """A name for the API key that shares a limit, without the key itself."""
        return hashlib.sha256(self._settings.api_key.encode()).hexdigest()[:16]

    # ------------------------------------------------------------------ models

    def models(self) -> list[ModelInfo]:
        """The models this provider offers and the options each accepts (from its spec)."""
        return self.adapter.models()

    def validate(self, request: VideoRequest) -> ModelInfo:
        """Check a request without sending it; raise :class:`ValidationError` if invalid
        (everything ``submit`` checks before anything is journaled)."""
        if not isinstance(request, VideoRequest):
            raise ValidationError(
                f"validate() takes a VideoRequest, not {type(request).__name__}",
                field="request",
                value=repr(request),
                allowed="a VideoRequest",
            )
        return self._prepare(self._request(request, {}))[1]

    def _request(self, prompt: str | VideoRequest, options: Mapping[str, Any]) -> VideoRequest:
        checked(options, SubmitOptions, "submit")
        fields = {k: v for k, v in options.items() if k in REQUEST_FIELDS}
        if isinstance(prompt, VideoRequest):
            check_request_values({**asdict(prompt, recurse=False), **fields})
            if fields:
                names = sorted(fields)
                raise ValidationError(
                    f"submit(): pass options in the VideoRequest, not beside it ({names})",
                    field=names[0],
                    value=fields[names[0]],
                )
            return prompt
        check_request_values({"prompt": prompt, **fields})
        count = image_count(fields.get("images"))
        fields["model"] = self.adapter.pick_model(fields.get("model"), count, self.base_url)
        extra = fields.pop("extra", None)
        try:
            return VideoRequest(prompt=prompt, extra=dict(extra or {}), **fields)
        except (TypeError, ValueError) as exc:  # the model's converters refusing a value
            raise ValidationError(
                f"submit(): not a request ({exc})", field="request", value=None
            ) from exc

    def _prepare(self, request: VideoRequest) -> tuple[VideoRequest, ModelInfo, dict[str, Any]]:
        """The request with its model picked, the model, and the provider's fields; the
        body is built once here (with stand-in media URLs), so whatever the generated
        model refuses is a ValidationError before anything is journaled."""
        model = self.adapter.pick_model(request.model, len(request.images), self.base_url)
        if model != request.model:  # a VideoRequest given without one
            request = evolve(request, model=model)
        info, fields = self.adapter.validate(request)
        self._check_image_transport(request)
        if request.images:
            check_all(request.images, self.adapter.image_limits(request, info), self.provider)
        if request.extra:  # options were checked against the spec; extra only by the model
            self._create(request, info, fields, [STAND_IN_URL] * len(request.images), None)
        return request, info, fields

    def _create(
        self,
        request: VideoRequest,
        info: ModelInfo,
        fields: dict[str, Any],
        urls: Sequence[str],
        callback_url: str | None,
    ) -> Operation:
        try:
            return self.adapter.create(request, info, fields, urls, callback_url)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            if isinstance(exc, ValidationError):
                raise
            raise ValidationError(
                f"{self.provider} model {info.model} cannot take this request "
                f"({type(exc).__name__}: {exc})",
                field="extra" if request.extra else "request",
                value=dict(request.extra) or None,
                provider=self.provider,
                model=info.model,
            ) from exc

    def _image_limits(self) -> ImageLimits:
        """The spec's root limits (an image uploaded on its own, for no field)."""
        return self.adapter.root_image_limits

    def _check_image_transport(self, request: VideoRequest) -> None:
        if self.adapter.image_transport == "url":
            for image in request.images:
                if not image.is_url or str(image.source).startswith("data:"):
                    raise ValidationError(
                        f"images: {self.provider} takes image URLs only, not "
                        f"{image.describe()}; upload the file somewhere public and pass its "
                        "https:// URL",
                        field="images",
                        value=image.describe(),
                        allowed="http(s) URLs",
                        provider=self.provider,
                    )
        if (
            self.adapter.image_transport == "upload"
            and any(not image.is_url for image in request.images)
            and not self._upload_host()
        ):
            raise ValidationError(
                f"images: local files go through {self.provider}'s upload API, whose host is "
                f"not known: set {self.provider.upper()}_UPLOAD_URL or pass upload_base_url=",
                field="upload_base_url",
                value=None,
                provider=self.provider,
            )

    def _upload_host(self) -> str | None:
        return self.upload_base_url

    # ------------------------------------------------------------------ flows

    def _submit_flow(
        self,
        prompt: str | VideoRequest,
        options: Mapping[str, Any],
        *,
        busy_wait: float = BUSY_WAIT,
    ) -> Flow[Task]:
        """Create a task, never twice for one idempotency key. While another live owner
        holds the key, wait up to ``busy_wait`` seconds for its outcome, then raise
        :class:`SubmissionInProgressError` (a batch passes 0: it moves on and comes back).
        A claim lost before anything was sent (our lease ran out, another owner took the
        key) goes back to waiting for that owner; it is never a second create."""
        request, info, fields = self._prepare(self._request(prompt, options))
        output = _output(options.get("output"))
        given_key = options.get("idempotency_key")
        if given_key is not None and (not isinstance(given_key, str) or not given_key.strip()):
            raise ValidationError(
                f"idempotency_key={given_key!r}: a non-blank string",
                field="idempotency_key",
                value=given_key,
                allowed="a non-blank string",
            )
        if given_key is not None:
            check_text(given_key, "idempotency_key")
        if given_key is not None and not self._journal.durable:
            raise ValidationError(
                "idempotency_key needs the journal; it is turned off for this client",
                field="idempotency_key",
                value=given_key,
                provider=self.provider,
            )
        key = given_key or secrets.token_hex(16)
        nonce, callback_url = self._task_callback_url(options.get("callback_url"))
        flow = self._create_flow(key, request, info, fields, output, busy_wait, nonce, callback_url)
        if nonce is None:
            return (yield from flow)
        self._events.issue(nonce)  # its callback may come before the create's answer
        try:
            return (yield from flow)
        finally:
            self._events.settle(nonce)

    def _create_flow(
        self,
        key: str,
        request: VideoRequest,
        info: ModelInfo,
        fields: dict[str, Any],
        output: str | None,
        busy_wait: float,
        nonce: str | None,
        callback_url: str | None,
    ) -> Flow[Task]:
        """``_submit_flow`` once the request is checked: claim ``key``, then create the
        task (its callback URL carrying ``nonce``) unless the journal already has it."""
        hosts = {"base_url": self.base_url}
        if self.upload_base_url:
            hosts["upload_base_url"] = self.upload_base_url
        if nonce is not None:
            hosts["callback"] = nonce
        give_up = self.clock.monotonic() + busy_wait
        while True:
            claim = yield from self._claim_flow(key, request, output, hosts, give_up)
            found = yield from self._settled(claim, key)
            if found is not None:
                return found
            try:
                urls = []
                limits_of = self.adapter.image_limits(request, info) if request.images else []
                for image, limits in zip(request.images, limits_of, strict=True):
                    self._journal.renew(key, self._owner, LEASE, now=self._journal_now())
                    urls.append((yield from self._image_url(image, limits)))
                op = self._create(request, info, fields, urls, callback_url)
            except BaseException:
                self._journal.release(key, self._owner)
                raise
            crash_point("before-create")

            def on_wire() -> None:
                # "sending" goes down right before it, the lease renewed for the call itself
                self._journal.mark_sending(key, self._owner, at=self._journal_now(), lease=LEASE)

            try:
                answer = yield from self._sender.send(
                    op,
                    on_wire=on_wire,
                    on_wait=lambda seconds: self._renew(key, seconds),
                    on_refused=lambda: self._journal.unsend(key, self._owner),
                )
                crash_point("after-create")
                task_id = _read(self.provider, answer, self.adapter.created_id, answer)
            except ClaimLostError:
                # our lease ran out before anything was sent and another owner took the
                # key: its outcome is ours to wait for, never a second create
                if self._journal.get(key) is None or self._sent_by_us(key):
                    raise
                continue
            except BaseException as exc:
                found = yield from self._create_failed(key, exc)
                if found is None:
                    raise
                if nonce is not None:
                    self._events.bind(nonce, found.id)
                return found  # the answer was lost, the provider's task list has it
            break
        if nonce is not None:
            self._events.bind(nonce, task_id)
        task = Task(id=task_id, provider=self.provider, model=info.model, raw=answer.body)
        self._journal.mark_submitted(key, self._owner, task)
        crash_point("after-submitted")
        return task

    def _claim_flow(
        self,
        key: str,
        request: VideoRequest,
        output: str | None,
        hosts: dict[str, str],
        give_up: float,
    ) -> Flow[Claim]:
        """Claim ``key``; while another live owner holds it, poll until ``give_up``
        (monotonic), then raise :class:`SubmissionInProgressError`."""
        while True:
            claim = self._journal.claim(
                key,
                provider=self.provider,
                request=request.to_dict() if self._journal.durable else {},
                output=output,
                owner=self._owner,
                lease=LEASE,
                hosts=hosts,
                now=self._journal_now(),
            )
            crash_point("after-intent")
            if claim.outcome is not ClaimOutcome.BUSY:
                return claim
            if self.clock.monotonic() + BUSY_POLL > give_up:
                raise SubmissionInProgressError(
                    f"idempotency_key={key!r} is being submitted by another process "
                    f"({claim.entry.owner}); try again later",
                    key=key,
                    provider=self.provider,
                )
            yield Sleep(BUSY_POLL)

    def _sent_by_us(self, key: str) -> bool:
        entry = self._journal.get(key)
        return entry is not None and entry.owner == self._owner and entry.sent_at is not None

    def _renew(self, key: str, seconds: float) -> None:
        """Before a create's rate-limit wait: the claim outlives the wait."""
        self._journal.renew(key, self._owner, seconds + LEASE, now=self._journal_now())
        crash_point("while-rate-limited")

    def _settled(self, claim: Claim, key: str) -> Flow[Task | None]:
        """The task when the key already has an outcome; None when we own it now."""
        entry = claim.entry
        if claim.outcome is ClaimOutcome.CLAIMED:
            return None
        if claim.outcome is ClaimOutcome.CONFLICT:
            raise ValidationError(
                f"idempotency_key={key!r} is already used for a {entry.provider} task",
                field="idempotency_key",
                value=key,
                provider=self.provider,
            )
        if claim.outcome is ClaimOutcome.DONE and entry.task is not None:
            return entry.task
        found = yield from self._reconcile_flow(entry)
        if found is not None:
            return found
        raise TaskOutcomeUnknownError(
            f"the earlier submission under idempotency_key={key!r} was sent but its answer "
            f"never arrived ({entry.error or 'the process stopped'}); the task may exist at "
            f"{self.provider} and was not created again",
            key=key,
            provider=self.provider,
        )

    def _create_failed(self, key: str, exc: BaseException) -> Flow[Task | None]:
        """Journal a failed create: refused only when the answer proves it. Anything else
        may have created the task: where the provider lists its tasks, the one it made is
        looked for at once (returned when found without doubt)."""
        entry = self._journal.get(key)
        sent = entry is not None and entry.state is EntryState.SENDING
        never_left = isinstance(exc, RequestNotSentError) or (
            isinstance(exc, TransportError) and not exc.may_have_created  # never connected
        )
        if sent and never_left:
            self._journal.unsend(key, self._owner)
        if not sent or never_left:
            self._journal.release(key, self._owner)  # it never left
        elif self.adapter.refused(exc):
            self._journal.mark_rejected(key, self._owner, str(exc))
        else:
            why = str(exc) or f"interrupted while the create was on the wire ({type(exc).__name__})"
            self._journal.mark_unknown(key, self._owner, why)
            if isinstance(exc, (SeedanceError, TransportError)) and self.adapter.can_list:
                lost = self._journal.get(key)
                if lost is not None:
                    with contextlib.suppress(SeedanceError):  # best effort
                        found: Task | None = yield from self._reconcile_flow(lost)
                        return found
        return None

    def _image_url(self, image: ImageInput, limits: ImageLimits) -> Flow[str]:
        if image.is_url:
            return str(image.source)
        local = read_local(image, limits, self.provider)
        if self.adapter.image_transport == "upload":
            url = yield from self._upload_flow(local)
            return url
        return local.data_uri()

    def _upload_flow(self, image: LocalImage) -> Flow[str]:
        op = self.adapter.upload(image.data, image.name, self._upload_host())
        answer = yield from self._sender.send(op)
        return _read(self.provider, answer, self.adapter.uploaded_url, answer)

    def _get_flow(self, task: str | Task, timeout: float | None = None) -> Flow[Task]:
        task_id = _task_id(task)
        deadline = None if timeout is None else self.clock.monotonic() + timeout
        answer = yield from self._sender.send(self.adapter.get(task_id), deadline=deadline)
        return _read(self.provider, answer, self.adapter.to_task, task_id, answer)

    def _get_many_flow(self, task_ids: Sequence[str]) -> Flow[list[Task]]:
        op = self.adapter.list(page=1, page_size=len(task_ids), task_ids=task_ids)
        answer = yield from self._sender.send(op)
        return _read(self.provider, answer, self.adapter.to_tasks, answer)

    def _list_flow(self, page: int, page_size: int) -> Flow[list[Task]]:
        answer = yield from self._sender.send(self.adapter.list(page=page, page_size=page_size))
        return _read(self.provider, answer, self.adapter.to_tasks, answer)

    def _cancel_flow(self, task: str | Task, delete: bool) -> Flow[None]:
        task_id = _task_id(task)
        op = self.adapter.cancel(task_id)
        if not delete and self.adapter.can_list:  # Ark deletes a finished task's record
            current = yield from self._get_flow(task_id)
            if current.finished:
                raise ValidationError(
                    f"task {task_id} has already {current.status.value}: cancelling it would "
                    "delete its record and result URL; pass delete=True to do that",
                    field="delete",
                    value=False,
                    provider=self.provider,
                )
        yield from self._sender.send(op)
        return None

    def _reconcile_flow(self, entry: Entry) -> Flow[Task | None]:
        """Find the task a lost create made, where the provider can list its tasks: the one
        task of the same model created within a few minutes after the create went out that
        no other journal entry owns. Anything less certain stays unknown (reported)."""
        if not self.adapter.can_list or entry.sent_at is None:
            return None
        try:
            listed = yield from self._list_flow(1, 100)
        except SeedanceError:
            return None
        model = entry.request.get("model")
        low, high = RECONCILE_WINDOW

        def could_be(sent_at: float, task: Task) -> bool:
            created = task.created_at
            return (task.model is None or task.model == model) and (
                created is not None and sent_at + low <= created.timestamp() <= sent_at + high
            )

        candidates = [
            t
            for t in listed
            if could_be(entry.sent_at, t) and self._journal.find(self.provider, t.id) is None
        ]
        # another create of the same model, account host and window whose answer is lost
        # (or still out) could own it as well; one that provably never left cannot
        rivals = [
            e.sent_at
            for e in self._journal.open_entries(self.provider)
            if e.key != entry.key
            and e.state in (EntryState.UNKNOWN, EntryState.SENDING)
            and e.task_id is None
            and e.sent_at is not None
            and e.request.get("model") == model
            and e.hosts.get("base_url") == entry.hosts.get("base_url")
        ]
        if len(candidates) != 1 or any(could_be(sent, candidates[0]) for sent in rivals):
            return None
        self._journal.mark_submitted(entry.key, entry.owner or self._owner, candidates[0])
        return candidates[0]

    def _resume_one_flow(
        self, entry: Entry, timeout: float, on_update: Callable[[Task], None] | None
    ) -> Flow[ResumeResult]:
        if entry.state is EntryState.INTENT:  # claimed, never sent: nothing to finish
            return ResumeResult(
                entry.key,
                None,
                None,
                "not sent: the process stopped before sending its create, so nothing was "
                f"created at {self.provider}; submit it again (the same idempotency key "
                "is free once its claim's lease ends)",
            )
        if entry.task_id is None:
            yield from self._reconcile_flow(entry)
            entry = self._journal.get(entry.key) or entry
        if entry.task_id is None:
            return ResumeResult(
                entry.key,
                None,
                None,
                "outcome unknown: the create was sent but its answer never recorded; the "
                f"task may exist at {self.provider} (not created again)",
            )
        try:
            task = entry.task if entry.state is EntryState.FINISHED and entry.task else None
            if task is None or not task.finished:
                task = yield WaitFor(entry.task_id, timeout, on_update)
            if task.succeeded and entry.output and not entry.file:
                path = yield Fetch(task, entry.output)
                return ResumeResult(entry.key, task, str(path), None)
            error = None if task.succeeded else f"task ended {task.status.value}"
            return ResumeResult(entry.key, task, entry.file, error)
        except SeedanceError as exc:
            return ResumeResult(entry.key, None, None, str(exc))

    def _resumable(self) -> list[Entry]:
        """Open entries of this provider created on this client's host (or on no known one)."""
        return [
            e
            for e in self._journal.open_entries(self.provider)
            if e.hosts.get("base_url", self.base_url) == self.base_url
        ]

    # ------------------------------------------------------------------ callbacks

    def _task_callback_url(self, explicit: Any) -> tuple[str | None, str | None]:
        """(nonce, URL) for one submission: our signed URL, or the caller's own as given."""
        if explicit is not None:
            if not isinstance(explicit, str) or not explicit.startswith(("http://", "https://")):
                raise ValidationError(
                    f"callback_url={explicit!r}: an http(s) URL",
                    field="callback_url",
                    value=explicit,
                    allowed="http(s) URL",
                )
            check_text(explicit, "callback_url")
            return None, explicit
        if self.callback_tokens is None or not self._settings.callback_url:
            return None, None
        nonce, token = self.callback_tokens.new(self.provider)
        return nonce, f"{self._settings.callback_url.rstrip('/')}/{self.provider}/{token}"

    def confirmed_finished(self, task_id: str) -> bool:
        """Whether a confirmed state says the task ended (callbacks for it need no fetch)."""
        latest = self._events.latest(task_id)
        return latest is not None and latest.finished

    def callback_task_for(self, nonce: str) -> str | None:
        """The task a callback token was issued for: this process's, else the journal's
        (one indexed lookup, however many submissions came since); ``""`` while the create
        that carries it has not been answered yet."""
        found = self._events.task_for(nonce)
        if found is not None:
            return found
        entry = self._journal.find_callback(self.provider, nonce)
        if entry is None:
            return None
        return entry.task_id or ""  # "": issued, its create's answer not in yet

    def _accept(self, task: Task) -> bool:
        """A state confirmed with the provider: journal it; True when it was news."""
        if not self._events.accept(task):
            return False
        self._journal.update_task(task)
        self._journal.notify(task.provider, task.id)
        return True

    def _download_args(
        self, task: Task, options: Mapping[str, Any]
    ) -> tuple[str, Callable[[int, int | None], None]]:
        """The URL to fetch and the progress hook, for ``download(task, ...)``."""
        checked(options, DownloadOptions, "download")
        if not isinstance(task, Task):
            raise ValidationError(
                f"task={task!r}: download() takes a Task (from get() or wait())",
                field="task",
                value=task,
            )
        for name in ("min_speed", "min_speed_time"):
            if name in options:
                try:
                    check_bound(name, options[name])
                except ValueError as exc:
                    raise ValidationError(
                        f"download(): {exc}", field=name, value=options[name]
                    ) from None
        last_frame = bool(options.get("last_frame", False))
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
        on_progress = options.get("on_progress")

        def progress(done: int, total: int | None) -> None:
            crash_point("while-downloading")
            if on_progress is not None:
                on_progress(done, total)

        return url, progress

    # ------------------------------------------------------------------ download

    def _download_flow(
        self, task: Task, destination: str | os.PathLike[str], options: Mapping[str, Any]
    ) -> Flow[Path]:
        """``download()``: the file flow (see ``_download``), through the provider's
        download-link operation once when the direct fetch is refused as its spec says."""
        destination = _output(destination, "destination") or ""
        url, progress = self._download_args(task, options)
        adapter = self.adapter
        relink: Relink | None = None
        statuses: frozenset[int] = frozenset()
        if isinstance(adapter, ResultLinks) and adapter.result_fetch_fallback:
            statuses = adapter.result_fetch_fallback

            def relink(source: str) -> Flow[str]:
                answer = yield from self._sender.send(adapter.result_link(source))
                return adapter.result_link_url(answer)

        path = yield from download_flow(
            url,
            destination,
            on_progress=progress,
            relink=relink,
            relink_statuses=statuses,
            min_speed=options.get("min_speed"),
            min_speed_time=options.get("min_speed_time"),
        )
        self._downloaded(task, path, options)
        return path

    def _downloaded(self, task: Task, path: Path, options: Mapping[str, Any]) -> None:
        if not options.get("last_frame"):
            entry = self._journal.find(self.provider, task.id)
            if entry is not None:
                self._journal.mark_downloaded(entry.key, str(path))

    def _require_journal(self, method: str) -> None:
        if not self._journal.durable:
            raise ValidationError(
                f"{method}() needs the journal; it is turned off for this client",
                field="journal",
                value=False,
                provider=self.provider,
            )

    def _require_callbacks(self) -> None:
        if self.callback_tokens is None:
            raise ValidationError(
                "callback_receiver() needs the client to be made with callback_url=",
                field="callback_url",
                value=None,
                provider=self.provider,
            )

    def _shared_state(self, task_id: str) -> Task | None:
        """A task's state another process confirmed and wrote to the shared journal."""
        entry = self._journal.find(self.provider, task_id)
        task = entry.task if entry is not None else None
        if task is not None and self._events.accept(task):
            return task
        return None

    def _close_journal(self) -> None:
        if self._listener is not None:
            self._listener.close()
        if self._owns_journal and "_journal" in self.__dict__:
            self._journal.close()


def _task_id(task: str | Task) -> str:
    if isinstance(task, Task):
        return task.id
    if not isinstance(task, str) or not task:
        raise ValidationError(
            f"task={task!r}: a task id (a non-empty string) or a Task", field="task", value=task
        )
    return task


_R = TypeVar("_R")
_MISREAD = (*PARSER_ERRORS, IndexError)
"""What an adapter's reading of an answer raises on a shape its spec does not allow: what a
generated parser raises, and an index past a list's end."""


def _read(provider: str, answer: Answer, read: Callable[..., _R], *args: Any) -> _R:
    """``read(*args)``, with an answer it cannot read as :class:`UnexpectedResponseError`
    keeping the raw body (never a bare AttributeError from a list where a dict belongs)."""
    try:
        return read(*args)
    except _MISREAD as exc:
        if isinstance(exc, SeedanceError):
            raise
        raise UnexpectedResponseError(
            f"{provider}'s answer does not have the shape its spec gives "
            f"({type(exc).__name__}: {exc})",
            provider=provider,
            status_code=answer.status,
            raw=answer.body if answer.body is not None else answer.text,
        ) from exc


def _output(value: Any, field: str = "output") -> str | None:
    """A path to write a video to: text, naming a file (not a folder)."""
    if value is None:
        return None
    if not isinstance(value, (str, os.PathLike)) or not os.fspath(value):
        raise ValidationError(
            f"{field}={value!r}: a file path (str or os.PathLike)",
            field=field,
            value=value,
            allowed="a file path",
        )
    # absolute: resume (in another working directory, on another day) writes it here
    return os.path.abspath(check_file_name(str(os.fspath(value)), field, file=True))
