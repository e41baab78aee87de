"""Client-side rate limits: a sliding-window bucket that hands out send times.

A caller reserves a send time and sleeps until it; nothing is locked while it sleeps, so sync
threads and async tasks share one bucket, in the order they asked. The same step is kept
in the journal when several processes share one API key (see ``seedance._journal``).
"""

from __future__ import annotations

import threading

from attrs import define


@define(frozen=True)
class RateLimit:
    """At most ``requests`` calls in any ``per_seconds`` window (from the provider's spec)."""

    requests: int
    per_seconds: float


def reserve(sent: list[float], now: float, limit: RateLimit, margin: float = 0.05) -> float:
    """Reserve the next send time given the last ``limit.requests`` ones (kept in ``sent``,
    oldest first, updated in place). Returns that time.

    A sliding window: a burst of ``requests`` goes out at once, the next waits until the
    oldest leaves the window. ``margin`` widens the window a little, so uneven latency on
    the way to the provider cannot push its own count over the limit.
    """
    window = limit.per_seconds * (1 + margin)
    at = now if not sent else max(now, sent[-1])
    if len(sent) >= limit.requests:
        at = max(at, sent[-limit.requests] + window)
    sent.append(at)
    del sent[: max(0, len(sent) - limit.requests)]
    return at


class LocalBucket:
    """A bucket for one process (threads and tasks alike)."""

    def __init__(self, limit: RateLimit, margin: float = 0.05) -> None:
        self.limit = limit
        self._margin = margin
        self._sent: list[float] = []
        self._lock = threading.Lock()

    def reserve(self, now: float) -> float:
        """Seconds to wait before the reserved call may go out."""
        with self._lock:
            at = reserve(self._sent, now, self.limit, self._margin)
        return at - now
