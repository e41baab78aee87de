"""Faults a test can switch on in a fake provider.

Counters (``*_next``) apply to that many of the next requests and then reset
themselves, so a test says "the next two calls get a 503" and nothing more.
"""

from __future__ import annotations

from typing import Literal

from attrs import define

CallbackMode = Literal["deliver", "drop", "duplicate", "reorder"]


@define
class Faults:
    """Switches read by the fake's middleware, transport and callback outbox."""

    latency: float = 0.0
    """Seconds of real delay before every answer (to exercise client timeouts)."""
    server_error_next: int = 0
    server_error_status: int = 500
    rate_limit_next: int = 0
    """Answer 429 to this many requests, whatever the real rate limit says."""
    retry_after: float | None = None
    """Sent as ``Retry-After`` with every 429 when set."""
    refuse_next: int = 0
    """In-process only: the connection is refused before the request is sent."""
    drop_next: int = 0
    """The request is handled (a task may be created) but the answer is lost."""
    accept_then_error_next: int = 0
    """The next POSTs (a create) are handled for real (the task exists) and then answered
    ``accept_then_error_status`` with the provider's JSON error body: the 5xx after
    acceptance that must never be taken for a refusal."""
    accept_then_error_status: int = 503
    malformed_next: int = 0
    """Answer 200 with a body that is not JSON."""
    fail_tasks: bool = False
    """New tasks end failed instead of succeeded."""
    callbacks: CallbackMode = "deliver"

    def take(self, name: str) -> bool:
        """Consume one unit of the counter ``name``; True when it was armed."""
        count: int = getattr(self, name)
        if count > 0:
            setattr(self, name, count - 1)
            return True
        return False
