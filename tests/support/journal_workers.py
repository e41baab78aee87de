"""Process bodies for the journal's multi-process tests (spawned: light imports only)."""

from __future__ import annotations

import os
import random
import signal
import time
from typing import Any

from seedance._journal import ClaimLostError, ClaimOutcome, RateLimit, open_journal

GO_TIMEOUT = 60.0


def claim_race(spec: str, owner: str, keys: list[str], go: Any, out: Any) -> None:
    """Claim every key (in an order of its own) and mark it sending at once when claimed:
    first with a 30 s lease, then (keys prefixed ``expiring-``) with leases that end at
    once. Reports (key, outcome, reached_sending) for each."""
    journal = open_journal(spec)
    order = list(keys)
    random.Random(owner).shuffle(order)
    results = []
    go.wait(GO_TIMEOUT)
    for prefix, lease in (("", 30.0), ("expiring-", 0.0)):
        for key in (prefix + k for k in order):
            claim = journal.claim(
                key,
                provider="apikley",
                request={"prompt": key},
                output=None,
                owner=owner,
                lease=lease,
            )
            sent = False
            if claim.outcome is ClaimOutcome.CLAIMED:
                try:
                    journal.mark_sending(key, owner)
                    sent = True
                except ClaimLostError:
                    pass
            results.append((key, claim.outcome.value, sent))
    journal.close()
    out.put((owner, results))


def die_after_claims(spec: str, lease: float, ready: Any) -> None:
    """Claim ``intent`` and ``sending`` (marking that one sent), then SIGKILL itself."""
    journal = open_journal(spec)
    for key in ("intent", "sending"):
        claim = journal.claim(
            key,
            provider="apikley",
            request={"prompt": key},
            output=None,
            owner="doomed",
            lease=lease,
        )
        assert claim.outcome is ClaimOutcome.CLAIMED
    journal.mark_sending("sending", "doomed")
    ready.set()
    os.kill(os.getpid(), signal.SIGKILL)


def reserve_many(
    spec: str, name: str, requests: int, per: float, count: int, go: Any, out: Any
) -> None:
    """Reserve ``count`` slots as fast as possible; report the send times they give."""
    journal = open_journal(spec)
    limit = RateLimit(requests, per)
    go.wait(GO_TIMEOUT)
    sends = []
    for _ in range(count):
        now = time.time()
        sends.append(now + journal.reserve(name, limit, now))
    journal.close()
    out.put(sends)


def notify_once(spec: str, provider: str, task_id: str) -> None:
    journal = open_journal(spec)
    journal.notify(provider, task_id)
    journal.close()
