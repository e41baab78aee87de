"""Process bodies for the journal's multi-process tests (spawned: light imports only)."""

from __future__ import annotations

import os
import random
import signal
import time
from typing import Any

from seedance._journal import ClaimLostError, ClaimOutcome, RateLimit, open_journal

GO_TIMEOUT = 60.0


def claim_and_reserve(spec: str, owner: str, keys: list[str], go: Any, out: Any) -> None:
    """One of several processes started together. First, claim every key (in an order
    of its own) and mark it sending at once when claimed: with a 30 s lease, then (keys
    prefixed ``expiring-``) with leases that end at once. Reports (key, outcome,
    reached_sending) for each. Then reserve 30 slots of one bucket (20 per second) as fast
    as possible, and report the send times they give."""
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
    limit = RateLimit(20, 1.0)
    sends = []
    for _ in range(30):
        now = time.time()
        sends.append(now + journal.reserve("apikley:create", limit, now))
    journal.close()
    out.put((owner, results, sends))


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


def notify_once(spec: str, provider: str, task_id: str) -> None:
    journal = open_journal(spec)
    journal.notify(provider, task_id)
    journal.close()
