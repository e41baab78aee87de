"""One provider rate limit as a schedule of send slots (GCRA without burst).

A limit of ``requests`` per ``per_seconds`` is kept by spacing sends at least
``per_seconds * (1 + margin) / requests`` apart: any ``requests + 1`` consecutive sends then
span at least a whole (widened) window, so no window of that length, sliding or fixed,
ever holds more than ``requests``. The state is two numbers: the theoretical arrival time
(``tat``, the earliest free slot) and the clock's reading at the last reservation (so a
clock set back takes the schedule back with it, :func:`rewound`). That is what lets the
journal share a bucket between processes and hosts in one short transaction
(:meth:`seedance._journal.Journal.reserve`).

Reservation semantics: a caller reserves a slot *now* and learns how long to sleep before
sending; slots are handed out first come, first served, and a reserved slot is never
given to anyone else (a caller that gives up simply leaves its slot unused).
"""

from __future__ import annotations

import math
import threading
from typing import Any

from attrs import Attribute, field, frozen

from ._errors import ValidationError

DEFAULT_MARGIN = 0.05
"""Slack on every window, for clock skew between us and the provider's counter."""
CLOCK_STEP = 1.0
"""Seconds a clock must read earlier than at the last reservation to count as set back
(smaller inversions are callers racing to the lock with readings taken before it)."""


def _positive(instance: object, attribute: Attribute[Any], value: Any) -> None:
    whole = attribute.name == "requests"
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if not number or (whole and not isinstance(value, int)) or not 0 < value < math.inf:
        what = "a whole number" if whole else "a finite number"
        raise ValidationError(
            f"a rate limit's {attribute.name} must be {what} above 0, not {value!r}",
            field=attribute.name,
            value=value,
            allowed="> 0",
        )


@frozen
class RateLimit:
    """At most ``requests`` sends in any ``per_seconds`` window."""

    requests: int = field(validator=_positive)
    per_seconds: float = field(validator=_positive)

    def interval(self, margin: float = DEFAULT_MARGIN) -> float:
        """Seconds between two consecutive send slots."""
        return self.per_seconds * (1.0 + margin) / self.requests


def gcra(
    tat: float,
    now: float,
    limit: RateLimit,
    margin: float = DEFAULT_MARGIN,
    seen: float | None = None,
) -> tuple[float, float]:
    """One reservation: ``(new_tat, delay)``. The caller sleeps ``delay`` then sends; the
    next reservation starts from ``new_tat`` and ``seen=now``. Pure, so every bucket
    (local or in a journal) computes the same schedule."""
    slot = max(rewound(tat, seen, now), now)
    return slot + limit.interval(margin), slot - now


def rewound(tat: float, seen: float | None, now: float) -> float:
    """The schedule ``tat``, made on a clock that read ``seen`` at the last reservation,
    for that clock reading ``now``. A clock set back takes the schedule back with it, or
    every slot would wait the step out (a submit, which has no deadline, for hours); a
    clock set forward needs nothing, as no slot is ever before ``now``."""
    if seen is None or seen - now <= CLOCK_STEP:
        return tat
    return tat - (seen - now)


class LocalBucket:
    """A bucket for one process (no journal to share it through). Thread-safe, so one
    bucket serves a sync client's loop thread and any number of async tasks alike."""

    def __init__(self, limit: RateLimit, margin: float = DEFAULT_MARGIN) -> None:
        self.limit = limit
        self.margin = margin
        self._tat = -math.inf
        self._seen: float | None = None
        self._lock = threading.Lock()

    def reserve(self, now: float) -> float:
        """Reserve the next slot; return the seconds to wait before sending."""
        with self._lock:
            self._tat, delay = gcra(self._tat, now, self.limit, self.margin, self._seen)
            self._seen = now
        return delay

    def __repr__(self) -> str:
        return f"LocalBucket({self.limit.requests}/{self.limit.per_seconds:g}s)"
