"""Receive provider callbacks without trusting them: anyone who learns the URL can POST.

1. **Authenticate.** Each task's callback URL ends in ``/<provider>/<token>`` (a random nonce
   and its HMAC under the client's secret); an invalid token changes nothing (401). Where the
   provider signs (kie.ai's ``X-Webhook-Signature``), the signature is checked too.
2. **Confirm.** A valid callback only triggers a fetch of the task; the fetched state counts.
3. **Stay bounded.** A body size limit and a deadline for the whole body (then 408, and
   the connection is closed), at most ``max_pending`` tasks being confirmed (then 503,
   which providers retry), never 500. Logs never hold a key or token.

Mount :class:`CallbackReceiver` (an ASGI app) in a Starlette app, or run it alone with
``seedance callbacks serve``.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Mapping
from typing import Any, Protocol

from ._errors import SeedanceError
from ._signatures import kie_signature

log = logging.getLogger("seedance._callbacks")

MAX_BODY = 256 * 1024
BODY_DEADLINE = 10.0
"""Seconds a sender has for a callback's whole body: one byte every few seconds (a slow
or hostile sender) must not hold a connection, and the task it names, for ever."""
SIGNATURE_TOLERANCE = 300.0
CLOSES = frozenset({408, 413})
"""Answers given before the body was read to its end: the connection is closed after them
(what is left of that body must not be read as the next request)."""

# What each provider expects back (Apikley: {"code":200,"msg":"success"}; Ark: any 2xx).
ACKNOWLEDGEMENTS: dict[str, dict[str, Any]] = {"apikley": {"code": 200, "msg": "success"}}


class CallbackTokens:
    """Per-task callback tokens: ``<nonce>.<HMAC(secret, provider:nonce)>``, stateless to check."""

    def __init__(self, secret: str | bytes) -> None:
        if not secret:
            raise ValueError("a callback secret is required (at least 16 random bytes)")
        self._key = secret.encode() if isinstance(secret, str) else secret

    def new(self, provider: str) -> tuple[str, str]:
        """A fresh (nonce, token) for one submission."""
        nonce = secrets.token_urlsafe(16)
        return nonce, f"{nonce}.{self._mac(provider, nonce)}"

    def nonce_of(self, provider: str, token: str) -> str | None:
        """The token's nonce if its MAC is valid for ``provider``; None otherwise."""
        nonce, _, mac = token.partition(".")
        if not nonce or not mac:
            return None
        expected = self._mac(provider, nonce)
        return nonce if hmac.compare_digest(mac.encode(), expected.encode()) else None

    def _mac(self, provider: str, nonce: str) -> str:
        digest = hmac.new(self._key, f"{provider}:{nonce}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:24]).decode().rstrip("=")


def callback_task_id(body: Any) -> str | None:
    """The task id a provider's callback names (kie.ai puts it in several places)."""
    if not isinstance(body, Mapping):
        return None
    for container in (body.get("data"), body):
        if isinstance(container, Mapping):
            for key in ("taskId", "task_id", "id"):
                value = container.get(key)
                if isinstance(value, str) and value:
                    return value
    return None


class CallbackSource(Protocol):
    """What a receiver needs of a client (sync or async): its tokens, which task a token
    was issued for, its clock, and a way to confirm a task with the provider."""

    @property
    def provider(self) -> str: ...

    @property
    def callback_tokens(self) -> CallbackTokens | None: ...

    def callback_task_for(self, nonce: str) -> str | None:
        """The task a token's nonce was issued for: None when no submission recorded it,
        ``""`` while its create has not been answered yet."""

    def wall_time(self) -> float: ...

    def confirmed_finished(self, task_id: str) -> bool:
        """Whether this client already confirmed that the task ended (nothing can change)."""

    async def confirm(self, task_id: str) -> None:
        """Fetch the task from the provider and act on what it says."""


class CallbackReceiver:
    """An ASGI app receiving callbacks for one or more clients (one per provider).
    ``webhook_keys``: a signing provider's key (Apikley's kie.ai ``X-Webhook-Signature``);
    with one set, unsigned callbacks are refused."""

    def __init__(
        self,
        *,
        webhook_keys: Mapping[str, str] | None = None,
        max_pending: int = 1000,
        max_body: int = MAX_BODY,
    ) -> None:
        self._clients: dict[str, CallbackSource] = {}
        self._webhook_keys = dict(webhook_keys or {})
        self._max_pending = max_pending
        self._max_body = max_body
        self._pending: set[tuple[str, str]] = set()
        self._again: set[tuple[str, str]] = set()
        """Tasks called back again while being confirmed: confirmed once more after."""
        self._jobs: set[asyncio.Task[None]] = set()
        self.confirmed = 0
        self.rejected = 0

    def attach(self, client: CallbackSource) -> None:
        """Receive callbacks for ``client``'s provider (its tokens and its confirmations)."""
        self._clients[client.provider] = client

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        try:
            status, body = await self._handle(scope, receive)
        except Exception:  # a receiver must never answer 500 nor die on a bad request
            log.exception("callback handling failed")
            status, body = 400, {"error": "bad request"}
        payload = json.dumps(body).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(payload)).encode()),
        ]
        if status in CLOSES:
            headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})

    async def _handle(self, scope: Any, receive: Any) -> tuple[int, dict[str, Any]]:
        if scope["method"] != "POST":
            return 405, {"error": "POST only"}
        parts = [p for p in str(scope["path"]).split("/") if p]
        if len(parts) < 2:
            return 404, {"error": "unknown callback URL"}
        provider, token = parts[-2], parts[-1]
        client = self._clients.get(provider)
        if client is None:
            return 404, {"error": "unknown provider"}
        tokens = client.callback_tokens
        nonce = tokens.nonce_of(provider, token) if tokens is not None else None
        if nonce is None:
            why = "callback for %s with an invalid token refused"
            return self._refuse("invalid callback token", why, provider)
        try:
            async with asyncio.timeout(BODY_DEADLINE):
                raw = await _read_body(receive, self._max_body)
        except TimeoutError:
            return 408, {"error": f"the body took longer than {BODY_DEADLINE:g} s"}
        if raw is None:
            return 413, {"error": f"body larger than {self._max_body} bytes"}
        try:
            body = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return 400, {"error": "body is not JSON"}
        task_id = callback_task_id(body)
        if task_id is None:
            return 400, {"error": "no task id in the body"}
        bound = client.callback_task_for(nonce)
        if bound == "":  # the callback outran the create's answer: the provider retries
            return 503, {"error": "task not recorded yet; retry later"}
        if bound is None:
            why = "callback for %s with a token no task of ours was issued"
            return self._refuse("token was not issued for a known task", why, provider)
        if bound != task_id:
            why = "callback token of %s task %s used for %s: refused"
            return self._refuse("token does not belong to this task", why, provider, bound, task_id)
        if not self._signature_ok(provider, scope, task_id, client):
            why = "callback for %s task %s: bad or missing signature"
            return self._refuse("invalid signature", why, provider, task_id)
        key = (provider, task_id)
        if client.confirmed_finished(task_id):
            pass  # a replay (or a late duplicate): an ended task's state is final, no fetch
        elif key in self._pending:
            # the confirmation in flight may have fetched the state before this news: one
            # more follows it (however many callbacks come meanwhile)
            self._again.add(key)
        else:
            if len(self._pending) >= self._max_pending:
                return 503, {"error": "busy; retry later"}
            self._pending.add(key)
            job = asyncio.get_running_loop().create_task(self._confirm(client, task_id, key))
            self._jobs.add(job)
            job.add_done_callback(self._jobs.discard)
        return 200, ACKNOWLEDGEMENTS.get(provider, {"ok": True})

    def _refuse(self, error: str, why: str, *args: str) -> tuple[int, dict[str, Any]]:
        """401, counted, and ``why % args`` logged."""
        self.rejected += 1
        log.warning(why, *args)
        return 401, {"error": error}

    def _signature_ok(
        self, provider: str, scope: Any, task_id: str, client: CallbackSource
    ) -> bool:
        key = self._webhook_keys.get(provider)
        if not key:
            return True
        headers = {k.decode().lower(): v.decode() for k, v in scope.get("headers", [])}
        timestamp = headers.get("x-webhook-timestamp", "")
        signature = headers.get("x-webhook-signature", "")
        if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 12:
            return False  # whole seconds only: "nan", "1e9" or "-5" prove nothing
        if abs(client.wall_time() - int(timestamp)) > SIGNATURE_TOLERANCE:
            return False
        expected = kie_signature(key, task_id, timestamp)
        return hmac.compare_digest(signature.encode(), expected.encode())

    async def _confirm(self, client: CallbackSource, task_id: str, key: tuple[str, str]) -> None:
        """Fetch the task from the provider; that, not the callback, is the news. Again
        when the task was called back while it was being fetched."""
        try:
            while True:
                try:
                    await client.confirm(task_id)
                except SeedanceError as exc:
                    log.warning("confirming %s task %s failed: %s", client.provider, task_id, exc)
                else:
                    self.confirmed += 1
                if key not in self._again:
                    return
                self._again.discard(key)
        finally:
            self._pending.discard(key)
            self._again.discard(key)

    async def aclose(self) -> None:
        for job in list(self._jobs):
            job.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await job


async def _read_body(receive: Any, limit: int) -> bytes | None:
    """The whole body, or None once it grows past ``limit`` bytes."""
    body = bytearray()
    while (message := await receive())["type"] == "http.request":
        body += message.get("body", b"")
        if len(body) > limit:
            return None
        if not message.get("more_body", False):
            break
    return bytes(body)


async def _lifespan(receive: Any, send: Any) -> None:
    while (message := await receive())["type"] != "lifespan.shutdown":
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
    await send({"type": "lifespan.shutdown.complete"})
