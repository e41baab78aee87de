"""Sending one provider call: rate limits, retries, timeouts and error mapping.

Reads (status, list, download) are retried on transport errors, 429 and 5xx with jittered
exponential backoff, honouring ``Retry-After``. A create is retried only when the provider
cannot have accepted it: 429 (nothing is created), maintenance (Apikley 455), or a
connection that was never established. After an ambiguous failure (the request went out,
the answer was lost) it raises :class:`TransportError` with ``may_have_created=True``.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import random
from collections import deque
from typing import Any

import httpx
from attrs import define, field

from .clock import Clock
from .errors import (
    ProviderUnavailableError,
    RateLimitedError,
    TransportError,
    UnexpectedResponseError,
)
from .providers.base import Adapter, HttpCall, RateLimit

# Exceptions raised before a request left the machine: retrying cannot create a duplicate.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@define
class RetryPolicy:
    """How often and how long to retry. Delays double from ``base`` up to ``cap``."""

    max_retries: int = 3
    base: float = 0.5
    cap: float = 8.0
    jitter: float = 0.5
    rng: random.Random = field(factory=random.Random, repr=False)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        if retry_after is not None:
            return float(min(max(retry_after, 0.0), 60.0))
        raw = min(self.cap, self.base * (2**attempt))
        return float(raw * (1 - self.jitter * self.rng.random()))


class RateLimiter:
    """At most ``requests`` calls in any ``per_seconds`` window, shared by every caller.

    Waiters are served in order. A small margin keeps the client under the provider's own
    count even when requests reach it with uneven latency.
    """

    def __init__(self, limit: RateLimit, clock: Clock, margin: float = 0.05) -> None:
        self.limit = limit
        self.clock = clock
        self.window = limit.per_seconds * (1 + margin)
        self._sent: deque[float] = deque()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                now = self.clock.monotonic()
                while self._sent and self._sent[0] + self.window <= now:
                    self._sent.popleft()
                if len(self._sent) < self.limit.requests:
                    self._sent.append(now)
                    return
                # the same sum as the test above, so a float rounding can't make us spin
                await self.clock.sleep(max(self._sent[0] + self.window - now, 0.001))

    def penalise(self, seconds: float) -> None:
        """After a 429, count the window as full for ``seconds`` more."""
        until = self.clock.monotonic() + seconds - self.window
        self._sent.extend([until] * max(0, self.limit.requests - len(self._sent)))


@define
class Requester:
    """Sends :class:`HttpCall` s for one provider account and returns decoded JSON."""

    adapter: Adapter
    http: httpx.AsyncClient
    base_url: str
    api_key: str = field(repr=False)
    clock: Clock
    retry: RetryPolicy = field(factory=RetryPolicy)
    create_limiter: RateLimiter | None = None
    read_limiter: RateLimiter | None = None
    counts: dict[str, int] = field(factory=dict)
    """Requests sent per operation (for benchmarks and tests)."""

    async def send(self, call: HttpCall) -> Any:
        attempt = 0
        headers = self.adapter.auth_headers(self.api_key)
        while True:
            limiter = self.create_limiter if call.create else self.read_limiter
            if limiter is not None:
                await limiter.acquire()
            self.counts[call.operation] = self.counts.get(call.operation, 0) + 1
            try:
                response = await self.http.request(
                    call.method,
                    (call.base_url or self.base_url).rstrip("/") + call.url,
                    params=call.params,
                    json=call.json,
                    files=call.files,
                    data=call.data,
                    headers=headers,
                )
            except httpx.TransportError as exc:
                error = self._transport_error(call, exc)
                if error.may_have_created or attempt >= self.retry.max_retries:
                    raise error from exc
                await self.clock.sleep(self.retry.delay(attempt))
                attempt += 1
                continue
            outcome = self._outcome(call, response)
            if not isinstance(outcome, Exception):
                return outcome
            if not self._retryable(call, outcome) or attempt >= self.retry.max_retries:
                raise outcome
            retry_after = getattr(outcome, "retry_after", None)
            if isinstance(outcome, RateLimitedError) and limiter is not None:
                limiter.penalise(self.retry.delay(attempt, retry_after))
            await self.clock.sleep(self.retry.delay(attempt, retry_after))
            attempt += 1

    def _transport_error(self, call: HttpCall, exc: httpx.TransportError) -> TransportError:
        name = self.adapter.name
        kind = type(exc).__name__
        if call.create and not isinstance(exc, NOT_SENT):
            return TransportError(
                f"{name} create request failed after it was sent ({kind}); the task may "
                "exist and be billed, so it was not retried: check the provider's task list "
                "or the journal before submitting again",
                provider=name,
                may_have_created=True,
            )
        return TransportError(
            f"{name} {call.operation} request failed ({kind}: {exc})", provider=name
        )

    def _outcome(self, call: HttpCall, response: httpx.Response) -> Any:
        """The decoded body, or the exception the answer means."""
        retry_after = parse_retry_after(response.headers.get("retry-after"), self.clock)
        try:
            body = response.json() if response.content else None
        except (json.JSONDecodeError, UnicodeDecodeError):
            body = None
            text = response.text[:2000]
            if response.status_code < 400 or response.status_code in (429, 500, 502, 503, 504):
                hint = " (the task may have been created)" if call.create else ""
                return UnexpectedResponseError(
                    f"{self.adapter.name} answered HTTP {response.status_code} with a body "
                    f"that is not JSON{hint}",
                    provider=self.adapter.name,
                    status_code=response.status_code,
                    raw=text,
                )
        error = self.adapter.error(call, response.status_code, body, retry_after)
        if error is not None:
            return error
        if body is None:
            return UnexpectedResponseError(
                f"{self.adapter.name} answered HTTP {response.status_code} with an empty body",
                provider=self.adapter.name,
                status_code=response.status_code,
                raw=response.text,
            )
        return body

    @staticmethod
    def _retryable(call: HttpCall, error: Exception) -> bool:
        if isinstance(error, RateLimitedError):
            return True
        if isinstance(error, ProviderUnavailableError):
            return not call.create or error.code == 455
        if isinstance(error, UnexpectedResponseError):
            return not call.create and error.status_code is not None
        return False


def parse_retry_after(value: str | None, clock: Clock) -> float | None:
    """``Retry-After`` as seconds (it may be a number or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - clock.time())
