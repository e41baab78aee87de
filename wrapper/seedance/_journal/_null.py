"""No journal: nothing is recorded, and the rate limit is kept in this process only."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .._models import Task
from .._ratelimit import DEFAULT_MARGIN, LocalBucket, RateLimit
from ._base import Journal, Transaction
from ._model import Claim, ClaimOutcome, Entry, EntryState, Row


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

    def _select(
        self,
        where: str = "",
        args: tuple[Any, ...] = (),
        *,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> list[Row]:
        return []

    def claim(
        self,
        key: str,
        *,
        provider: str,
        request: dict[str, Any],
        output: str | None,
        owner: str,
        lease: float,
        hosts: dict[str, str] | None = None,
        now: float | None = None,
    ) -> Claim:
        now = time.time() if now is None else now
        entry = Entry(  # nothing is stored, so nothing is serialised
            key=key,
            provider=provider,
            request=request,
            state=EntryState.INTENT,
            owner=owner,
            lease_until=now + lease,
            task_id=None,
            status=None,
            task=None,
            output=output,
            file=None,
            error=None,
            sent_at=None,
            created_at=now,
            updated_at=now,
            hosts=dict(hosts or {}),
        )
        return Claim(ClaimOutcome.CLAIMED, entry)

    def renew(self, key: str, owner: str, lease: float, *, now: float | None = None) -> bool:
        return True

    def release(self, key: str, owner: str) -> None:
        pass

    def mark_sending(
        self, key: str, owner: str, at: float | None = None, *, lease: float | None = None
    ) -> None:
        pass

    def unsend(self, key: str, owner: str) -> None:
        pass

    def mark_submitted(self, key: str, owner: str, task: Task) -> None:
        pass

    def mark_unknown(self, key: str, owner: str, error: str) -> None:
        pass

    def mark_rejected(self, key: str, owner: str, error: str) -> None:
        pass

    def update_task(self, task: Task) -> None:
        pass

    def mark_downloaded(self, key: str, file: str) -> None:
        pass

    def reserve(
        self,
        name: str,
        limit: RateLimit,
        now: float | None = None,
        *,
        margin: float = DEFAULT_MARGIN,
    ) -> float:
        bucket = self._buckets.setdefault((name, limit, margin), LocalBucket(limit, margin))
        return bucket.reserve(time.time() if now is None else now)
