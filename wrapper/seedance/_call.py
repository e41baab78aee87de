"""One provider call, decided without I/O: what to send, how to read the answer, whether
to retry, what an error means. ``Client`` and ``AsyncClient`` drive the same flows with
their own I/O (see ``_flow``), so the rules exist once.

An :class:`Operation` names a generated operation module and its arguments; the client's
I/O runs the module's public ``sync_detailed``/``asyncio_detailed`` on a generated
``AuthenticatedClient`` that wraps its httpx client. The answer comes back as the
generated model (``Answer.parsed``) beside the decoded body (``Answer.body``, kept as
``raw``). Reads are retried on transport errors, 429 and 5xx with jittered backoff,
honouring ``Retry-After``; a create only where the provider provably refused it.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from contextvars import ContextVar
from types import ModuleType
from typing import TYPE_CHECKING, Any

import httpx
from attrs import define, field

from ._errors import (
    ProviderError,
    ProviderUnavailableError,
    RateLimitedError,
    TransportError,
    UnexpectedResponseError,
    ValidationError,
)
from ._flow import Flow, Http, Sleep

if TYPE_CHECKING:
    from ._providers._base import Adapter

log = logging.getLogger("seedance.http")

# Exceptions raised before a request left the machine: retrying cannot create a duplicate.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


@define(frozen=True, slots=True)
class Operation:
    """One call of a generated operation module, with its keyword arguments."""

    module: ModuleType
    kwargs: Mapping[str, Any]
    create: bool = False
    """A create costs money: retried only when the provider provably refused it."""
    base_url: str | None = None
    """Set when the operation lives on another host (Apikley's upload API)."""
    name: str = field(init=False)
    """The operation's name (its module's), for counts, logs and errors."""

    @name.default
    def _name(self) -> str:
        return self.module.__name__.rsplit(".", 1)[-1]


@define(frozen=True, slots=True)
class Answer:
    """An HTTP answer: the generated model where the generated parser had one, and the
    decoded body (``text`` instead when it was not JSON)."""

    status: int
    headers: httpx.Headers
    body: Any
    parsed: Any = None
    text: str | None = None

    @classmethod
    def of(cls, status: int, headers: httpx.Headers, content: bytes, parsed: Any) -> Answer:
        if not content:
            return cls(int(status), headers, None, parsed)
        try:
            return cls(int(status), headers, json.loads(content), parsed)
        except (ValueError, RecursionError):  # not JSON, not UTF-8, a 5000-digit number,
            # nesting deeper than Python recurses: kept as text
            return cls(int(status), headers, None, None, content[:2000].decode("utf-8", "replace"))


# The last raw response of the current thread/task: read only when a generated parser
# raised on an answer it does not know (a status outside HTTPStatus, a non-JSON 200).
last_response: ContextVar[httpx.Response | None] = ContextVar("last_response", default=None)


# Whether the current call's request was built and handed to the transport: a failure
# before that (a value httpx cannot encode) provably sent nothing.
request_sent: ContextVar[bool] = ContextVar("request_sent", default=False)


# When the current call must be over (time.monotonic()), or None: httpx's timeouts bound
# each read, not a whole call, and a body trickling a byte a second never trips them.
call_deadline: ContextVar[float | None] = ContextVar("call_deadline", default=None)


def remember(response: httpx.Response) -> None:
    """httpx response hook (sync clients): keeps the response, bounds its body."""
    last_response.set(response)
    if (deadline := call_deadline.get()) is not None:
        response.stream = _BoundedStream(response.stream, response.request, deadline)


async def aremember(response: httpx.Response) -> None:
    """httpx response hook (async clients)."""
    last_response.set(response)
    if (deadline := call_deadline.get()) is not None:
        response.stream = _BoundedStream(response.stream, response.request, deadline)


def note_sent(request: httpx.Request) -> None:
    """httpx request hook (sync clients): runs once the request is built, right before
    the transport; no connect, write or read may outlast the call's deadline."""
    request_sent.set(True)
    if (deadline := call_deadline.get()) is not None:
        left = max(deadline - time.monotonic(), 0.001)
        timeouts = request.extensions.get("timeout", {})
        request.extensions["timeout"] = {
            kind: left if limit is None else min(limit, left) for kind, limit in timeouts.items()
        }


async def anote_sent(request: httpx.Request) -> None:
    """httpx request hook (async clients)."""
    note_sent(request)


class _BoundedStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body that raises ReadTimeout once the call's deadline has passed."""

    def __init__(self, inner: Any, request: httpx.Request, deadline: float) -> None:
        self._inner, self._request, self._deadline = inner, request, deadline

    def _check(self) -> None:
        if time.monotonic() > self._deadline:
            raise httpx.ReadTimeout("the call's deadline passed mid-body", request=self._request)

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            self._check()
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            self._check()
            yield chunk

    def close(self) -> None:
        self._inner.close()

    async def aclose(self) -> None:
        await self._inner.aclose()


class RequestNotSentError(ValidationError):
    """The request could not be built (the generated client or httpx refused a value), so
    nothing left the machine: a create's key is free again."""


PARSER_ERRORS = (ValueError, KeyError, TypeError, AttributeError, OverflowError, RecursionError)
"""What a generated parser raises on an answer outside its spec."""


def answer_from(result: Any) -> Answer:
    """A generated ``Response`` as an :class:`Answer`."""
    return Answer.of(result.status_code, result.headers, result.content, result.parsed)


def answer_after_parser_error(exc: Exception) -> Answer:
    """The raw answer a generated parser choked on; re-raise when there was none (the
    error came before any request: a bug, not an answer)."""
    response = last_response.get()
    if response is None and not request_sent.get():
        raise RequestNotSentError(
            f"the request could not be built ({type(exc).__name__}: {exc}); nothing was sent",
            field="request",
            value=None,
        ) from exc
    if response is None:
        raise exc
    return Answer.of(response.status_code, response.headers, response.content, None)


@define
class RetryPolicy:
    """How often and how long to retry. Delays double from ``base`` up to ``cap``."""

    max_retries: int = 3
    base: float = 0.5
    cap: float = 8.0
    jitter: float = 0.5
    max_retry_after: float = 60.0
    rng: random.Random = field(factory=random.Random, repr=False)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        if retry_after is not None:
            return float(min(max(retry_after, 0.0), self.max_retry_after))
        raw = min(self.cap, self.base * (2**attempt))
        return float(raw * (1 - self.jitter * self.rng.random()))


Reserve = Callable[[Operation], float]
"""Seconds to wait before ``operation`` may go out (the rate limits)."""
Now = Callable[[], float]


@define
class Sender:
    """Sends operations for one provider account: limits, retries, error mapping."""

    adapter: Adapter
    retry: RetryPolicy
    reserve: Reserve
    now: Now
    wall: Now
    counts: dict[str, int] = field(factory=dict)
    """Requests sent per operation (what a benchmark or a bill wants to know)."""

    def send(
        self,
        op: Operation,
        *,
        deadline: float | None = None,
        on_wire: Callable[[], None] | None = None,
        on_wait: Callable[[float], None] | None = None,
        on_refused: Callable[[], None] | None = None,
    ) -> Flow[Answer]:
        """The answer of ``op``, after the retries it deserves; raises what it means.

        ``on_wire`` runs right before each attempt goes out, after the rate limit (the
        journal's "sending" mark); ``on_wait`` before each rate-limit wait (to renew a
        claim for that long); ``on_refused`` before a refused create is tried again.
        ``deadline`` (monotonic) bounds every wait in here: a
        ``Retry-After`` beyond it fails at once with :class:`RateLimitedError`.
        """
        attempt = 0
        while True:
            wait = self.reserve(op)
            if wait > 0:
                self._check_deadline(deadline, wait, None)
                if on_wait is not None:
                    on_wait(wait)
                yield Sleep(wait)
            if on_wire is not None:
                on_wire()
            self.counts[op.name] = self.counts.get(op.name, 0) + 1
            log.debug("%s %s (attempt %d)", self.adapter.name, op.name, attempt + 1)
            try:
                answer: Answer = yield Http(op, deadline)
            except httpx.TransportError as exc:
                error = self.transport_error(op, exc)
                if error.may_have_created or attempt >= self.retry.max_retries:
                    raise error from exc
                delay = self.retry.delay(attempt)
                if op.create and on_refused is not None:
                    on_refused()  # it never reached the provider
                self._check_deadline(deadline, delay, error)  # no time left: this error
            else:
                failure = self.failure(op, answer)
                if failure is None:
                    return answer
                if not self.retryable(op, failure) or attempt >= self.retry.max_retries:
                    raise failure
                retry_after = getattr(failure, "retry_after", None)
                delay = self.retry.delay(attempt, retry_after)
                self._check_deadline(deadline, delay, failure)
                if op.create and on_refused is not None:
                    on_refused()
            log.debug("%s %s: retrying in %.2f s", self.adapter.name, op.name, delay)
            yield Sleep(delay)
            attempt += 1

    def _check_deadline(
        self, deadline: float | None, wait: float, failure: Exception | None
    ) -> None:
        if deadline is None or self.now() + wait <= deadline:
            return
        if isinstance(failure, RateLimitedError):
            raise RateLimitedError(
                f"{failure.message}; the provider asks to wait {wait:g} s, beyond this "
                "call's deadline",
                retry_after=failure.retry_after,
                provider=failure.provider,
                status_code=failure.status_code,
                code=failure.code,
                raw=failure.raw,
            )
        if failure is not None:
            raise failure
        raise RateLimitedError(
            f"{self.adapter.name}: the rate limit allows the next call in {wait:g} s, beyond "
            "this call's deadline",
            retry_after=wait,
            provider=self.adapter.name,
        )

    def transport_error(self, op: Operation, exc: httpx.TransportError) -> TransportError:
        name = self.adapter.name
        kind = type(exc).__name__
        if op.create and not isinstance(exc, NOT_SENT):
            return TransportError(
                f"{name} create request failed after it was sent ({kind}); the task may "
                "exist and be billed, so it was not retried: check the provider's task list "
                "or the journal before submitting again",
                provider=name,
                may_have_created=True,
            )
        return TransportError(f"{name} {op.name} request failed ({kind}: {exc})", provider=name)

    def failure(self, op: Operation, answer: Answer) -> Exception | None:
        """The exception an answer means, or None for a success."""
        name = self.adapter.name
        if answer.text is not None and (answer.status < 400 or answer.status in RETRYABLE_STATUSES):
            hint = " (the task may have been created)" if op.create else ""
            return UnexpectedResponseError(
                f"{name} answered HTTP {answer.status} with a body that is not JSON{hint}",
                provider=name,
                status_code=answer.status,
                raw=answer.text,
            )
        retry_after = (  # RFC 9110 gives Retry-After a meaning on 3xx, 429 and 503 only
            parse_retry_after(answer.headers.get("retry-after"), self.wall())
            if answer.status >= 300
            else None
        )
        error = self.adapter.error(op, answer, retry_after)
        if error is not None:
            return error
        if answer.body is None:
            return UnexpectedResponseError(
                f"{name} answered HTTP {answer.status} with an empty body",
                provider=name,
                status_code=answer.status,
                raw=answer.text,
            )
        return None

    def retryable(self, op: Operation, error: Exception) -> bool:
        if op.create:  # only what proves nothing was created, and is worth another try
            return self.adapter.refused(error) and (
                isinstance(error, RateLimitedError) or self.adapter.maintenance(error)
            )
        if isinstance(error, (RateLimitedError, ProviderUnavailableError)):
            return True
        return isinstance(error, UnexpectedResponseError) and error.status_code is not None


def parse_retry_after(value: str | None, wall_now: float) -> float | None:
    """``Retry-After`` as seconds (it may be a number or an HTTP date)."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        return max(0.0, when.timestamp() - wall_now)
    return max(0.0, seconds) if seconds == seconds and seconds != float("inf") else None


def proven_refusal(error: BaseException, statuses: frozenset[int]) -> bool:
    """Whether ``error`` is an answer that proves the provider created nothing: one of the
    create operation's documented refusal codes (HTTP status or body code)."""
    if not isinstance(error, ProviderError):
        return False
    code = error.code
    if isinstance(code, int) and not isinstance(code, bool):
        return code in statuses
    return error.status_code in statuses
