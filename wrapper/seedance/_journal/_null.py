"""No journal: nothing is recorded, and the rate limit is kept in this process only."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .._ratelimit import LocalBucket, RateLimit
from ._base import Journal, Transaction
from ._model import Claim, ClaimOutcome, Entry, Row


class NullJournal(Journal):
    """Journaling turned off (``journal=False``, ``SEEDANCE_JOURNAL=off``). Every claim
    succeeds and is forgotten, reads find nothing; an idempotency key means nothing here,
    so the client refuses one. Buckets are :class:`LocalBucket` objects, per process."""

    durable = False

    def __init__(self) -> None:
        self._buckets: dict[tuple[str, RateLimit, float], LocalBucket] = {}

    def __repr__(self) -> str:
        return "NullJournal()"

    @contextmanager
    def _transaction(self) -> Iterator[Transaction]:  # pragma: no cover - never used
        raise NotImplementedError
        yield

    def _query(self, sql: str, args: tuple[Any, ...]) -> list[Row]:
        return []

    def _execute(self, sql: str, args: tuple[Any, ...]) -> int:  # pragma: no cover - unused
        raise NotImplementedError

    def _claim(self, fresh: Entry) -> Claim:
        return Claim(ClaimOutcome.CLAIMED, fresh)  # nothing is stored, nothing serialised

    def renew(self, key: str, owner: str, lease: float, *, now: float | None = None) -> bool:
        return True

    def _forget(self, *args: Any, **kwargs: Any) -> None:
        """Every write: nothing is recorded."""

    release = unsend = mark_sending = mark_submitted = mark_unknown = mark_rejected = _forget
    update_task = mark_downloaded = _forget

    def _reserve(self, name: str, limit: RateLimit, now: float | None, margin: float) -> float:
        bucket = self._buckets.setdefault((name, limit, margin), LocalBucket(limit, margin))
        return bucket.reserve(time.time() if now is None else now)
