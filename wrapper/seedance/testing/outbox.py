"""Callbacks a fake provider owes its clients, and their delivery.

A fake queues a callback when a task reaches a state its provider reports; ``deliver()``
POSTs what is queued, obeying the ``callbacks`` fault (drop, duplicate, reorder). Delivery
uses a transport the test may replace, so a callback can reach an in-process receiver.
"""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
from attrs import define, field

from .faults import Faults


@define
class Callback:
    url: str
    body: dict[str, Any]
    headers: dict[str, str]
    sent_at: float | None = None
    """Wall-clock time of the (last) delivery attempt."""


@define
class CallbackOutbox:
    faults: Faults
    transport: httpx.AsyncBaseTransport | None = None
    timeout: float = 5.0
    queued: list[Callback] = field(factory=list)
    sent: list[tuple[Callback, int | None]] = field(factory=list)
    """Every delivery attempt and the receiver's status (None: it could not be reached)."""

    def add(self, url: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        self.queued.append(Callback(url, body, dict(headers or {})))

    async def deliver(self) -> list[tuple[Callback, int | None]]:
        """Send everything queued; return this round's attempts."""
        batch, self.queued = self.queued, []
        mode = self.faults.callbacks
        if not batch or mode == "drop":
            return []
        if mode == "duplicate":
            batch = [c for c in batch for _ in (0, 1)]
        elif mode == "reorder":
            batch = list(reversed(batch))
        attempts: list[tuple[Callback, int | None]] = []
        async with httpx.AsyncClient(transport=self.transport, timeout=self.timeout) as client:
            for callback in batch:
                callback.sent_at = time.time()
                try:
                    response = await client.post(
                        callback.url,
                        content=json.dumps(callback.body),
                        headers={"Content-Type": "application/json", **callback.headers},
                    )
                    attempts.append((callback, response.status_code))
                except httpx.HTTPError:
                    attempts.append((callback, None))
        self.sent.extend(attempts)
        return attempts
