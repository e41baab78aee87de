"""The journal component: claims, leases, status rules, buckets and notifications.

One module for both backends: every test taking ``journal`` or ``spec`` runs on SQLite and
on a real PostgreSQL server (tests/support/postgres.py). Times are passed in (``now=``)
wherever a lease must expire, so nothing here sleeps to make time pass.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import stat
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedance import Task, TaskStatus
from seedance._errors import ValidationError
from seedance._journal import (
    Claim,
    ClaimLostError,
    ClaimOutcome,
    EntryState,
    Journal,
    JournalError,
    NullJournal,
    PostgresJournal,
    SqliteJournal,
    default_path,
    open_journal,
)
from seedance._ratelimit import CLOCK_STEP, LocalBucket, RateLimit, gcra, rewound
from tests.support import journal_workers as workers
from tests.support.journal_sql import execute_behind, is_postgres

SPAWN = multiprocessing.get_context("spawn")
T0 = 1_800_000_000.0
"""A fixed 'now' for tests that drive time themselves."""


@pytest.fixture
def journal(spec: str) -> Iterator[Journal]:
    with open_journal(spec) as journal:
        yield journal


def claim(
    journal: Journal,
    key: str,
    owner: str,
    *,
    lease: float = 30.0,
    now: float | None = T0,
    provider: str = "apikley",
    **extra: Any,
) -> Claim:
    return journal.claim(
        key,
        provider=provider,
        request={"prompt": f"prompt of {key}"},
        output=extra.pop("output", None),
        owner=owner,
        lease=lease,
        now=now,
        **extra,
    )


def task(status: TaskStatus = TaskStatus.QUEUED, id: str = "t-1", **fields: Any) -> Task:
    return Task(id=id, provider="apikley", status=status, **fields)


# --------------------------------------------------------------------------- claims


def test_a_new_key_is_claimed_and_recorded(journal: Journal) -> None:
    hosts = {"api": "https://api.example/v1", "upload": "https://upload.example"}
    got = claim(journal, "k", "a", output="/out/k.mp4", hosts=hosts)
    assert got.outcome is ClaimOutcome.CLAIMED
    entry = journal.get("k")
    assert entry is not None and entry == got.entry
    assert entry.state is EntryState.INTENT and entry.owner == "a"
    assert entry.lease_until == T0 + 30 and entry.created_at == T0
    assert entry.request == {"prompt": "prompt of k"} and entry.output == "/out/k.mp4"
    assert entry.hosts == hosts and entry.task is None and entry.sent_at is None


def test_a_live_claim_is_busy_for_others_and_renewed_for_its_owner(journal: Journal) -> None:
    claim(journal, "k", "a")
    assert claim(journal, "k", "b", now=T0 + 29).outcome is ClaimOutcome.BUSY
    again = claim(journal, "k", "a", now=T0 + 29)
    assert again.outcome is ClaimOutcome.CLAIMED and again.entry.lease_until == T0 + 59
    assert journal.renew("k", "a", 100, now=T0 + 30)
    assert not journal.renew("k", "b", 100, now=T0 + 30)
    assert claim(journal, "k", "b", now=T0 + 129).outcome is ClaimOutcome.BUSY


def test_an_expired_intent_is_taken_over_and_its_old_owner_cannot_send(
    journal: Journal,
) -> None:
    claim(journal, "k", "a", lease=10)
    taken = claim(journal, "k", "b", now=T0 + 10.5)
    assert taken.outcome is ClaimOutcome.CLAIMED and taken.entry.owner == "b"
    with pytest.raises(ClaimLostError, match="owned by b"):
        journal.mark_sending("k", "a")
    assert not journal.renew("k", "a", 10)
    journal.mark_sending("k", "b", at=T0 + 11)
    entry = journal.get("k")
    assert entry is not None and entry.state is EntryState.SENDING and entry.sent_at == T0 + 11


def test_sending_is_busy_while_leased_then_unknown_and_never_claimed_again(
    journal: Journal,
) -> None:
    claim(journal, "k", "a", lease=10)
    journal.mark_sending("k", "a")
    assert claim(journal, "k", "a", now=T0 + 5).outcome is ClaimOutcome.BUSY
    assert claim(journal, "k", "b", now=T0 + 5).outcome is ClaimOutcome.BUSY
    late = claim(journal, "k", "b", now=T0 + 11)
    assert late.outcome is ClaimOutcome.UNKNOWN
    assert late.entry.state is EntryState.UNKNOWN and "may exist" in (late.entry.error or "")
    for owner in ("a", "b", "c"):
        assert claim(journal, "k", owner, now=T0 + 1e6).outcome is ClaimOutcome.UNKNOWN
    with pytest.raises(ClaimLostError):
        journal.mark_sending("k", "a")


def test_two_owners_can_never_both_reach_sending(journal: Journal) -> None:
    claim(journal, "k", "a", lease=1)
    claim(journal, "k", "b", lease=1, now=T0 + 2)  # a's lease expired: b took it
    journal.mark_sending("k", "b")
    for owner in ("a", "b"):
        with pytest.raises(ClaimLostError):
            journal.mark_sending("k", owner)


def test_a_refusal_or_a_release_frees_the_key_at_once(journal: Journal) -> None:
    claim(journal, "k", "a")
    journal.mark_sending("k", "a")
    journal.mark_rejected("k", "a", "HTTP 422: prompt too long")
    entry = journal.get("k")
    assert entry is not None and entry.state is EntryState.REJECTED and entry.owner is None
    retry = claim(journal, "k", "b", now=T0 + 1)
    assert retry.outcome is ClaimOutcome.CLAIMED and retry.entry.owner == "b"
    assert retry.entry.error is None and retry.entry.sent_at is None
    journal.release("k", "a")  # not a's any more: changes nothing
    assert claim(journal, "k", "c", now=T0 + 1).outcome is ClaimOutcome.BUSY
    journal.release("k", "b")
    assert claim(journal, "k", "c", now=T0 + 1).outcome is ClaimOutcome.CLAIMED


def test_a_submitted_key_is_done_with_its_task(journal: Journal) -> None:
    claim(journal, "k", "a")
    journal.mark_sending("k", "a")
    journal.mark_submitted("k", "a", task(TaskStatus.QUEUED))
    journal.mark_submitted("k", "a", task(TaskStatus.QUEUED))  # recording it twice is harmless
    done = claim(journal, "k", "b", now=T0 + 1e6)
    assert done.outcome is ClaimOutcome.DONE
    assert done.entry.task is not None and done.entry.task.id == "t-1"
    assert done.entry.state is EntryState.SUBMITTED and done.entry.lease_until is None
    with pytest.raises(ClaimLostError):
        journal.mark_submitted("k", "a", task(id="t-2"))  # another task for the same key


def test_a_lost_answer_found_later_by_anyone_is_recorded(journal: Journal) -> None:
    claim(journal, "k", "a")
    with pytest.raises(ClaimLostError):
        journal.mark_submitted("k", "a", task())  # never sent: cannot have a task
    with pytest.raises(ClaimLostError):
        journal.mark_unknown("k", "a", "lost")
    journal.mark_sending("k", "a")
    journal.mark_unknown("k", "a", "read timeout; the task may exist")
    assert claim(journal, "k", "b", now=T0 + 1e6).outcome is ClaimOutcome.UNKNOWN
    journal.mark_submitted("k", "reconciler", task(TaskStatus.RUNNING))
    entry = journal.get("k")
    assert entry is not None and entry.state is EntryState.SUBMITTED and entry.error is None
    assert entry.status == "running"


def _neighbours(journal: Journal) -> dict[str, Any]:
    """One row in every state, all owned by "a": a step on another key must leave them be."""
    for key in ("n-intent", "n-sending", "n-unknown", "n-submitted", "n-rejected"):
        claim(journal, key, "a")
    for key in ("n-sending", "n-unknown", "n-submitted", "n-rejected"):
        journal.mark_sending(key, "a")
    journal.mark_unknown("n-unknown", "a", "lost")
    journal.mark_submitted("n-submitted", "a", task(id="t-n"))
    journal.mark_rejected("n-rejected", "a", "HTTP 422")
    return {e.key: e for e in journal.entries()}


def test_a_step_writes_its_own_key_and_no_other(journal: Journal) -> None:
    before = _neighbours(journal)
    claim(journal, "k", "a")
    claim(journal, "free", "a")
    claim(journal, "refused", "a")
    steps: list[Callable[[], object]] = [
        lambda: journal.renew("k", "a", 60),
        lambda: journal.mark_sending("k", "a"),
        lambda: journal.unsend("k", "a"),
        lambda: journal.mark_sending("k", "a"),
        lambda: journal.mark_unknown("k", "a", "read timeout"),
        lambda: journal.mark_submitted("k", "reconciler", task(id="t-k")),
        lambda: journal.mark_downloaded("k", "/out/k.mp4"),
        lambda: journal.release("free", "a"),
        lambda: journal.mark_rejected("refused", "a", "HTTP 400"),
    ]
    for i, step in enumerate(steps):
        step()
        now = {e.key: e for e in journal.entries() if e.key in before}
        assert now == before, f"step {i} changed another key"
    entry = journal.get("k")
    assert entry is not None and entry.state is EntryState.DOWNLOADED


def test_a_refused_step_changes_nothing(journal: Journal) -> None:
    before = _neighbours(journal)
    refused: list[tuple[str, Callable[[], object]]] = [
        ("n-intent", lambda: journal.mark_unknown("n-intent", "a", "x")),  # never sent
        ("n-intent", lambda: journal.mark_sending("n-intent", "b")),  # not b's
        ("n-sending", lambda: journal.mark_sending("n-sending", "a")),  # sent already
        ("n-submitted", lambda: journal.unsend("n-submitted", "a")),
        ("n-rejected", lambda: journal.mark_submitted("n-rejected", "a", task(id="t-r"))),
    ]
    for key, step in refused:
        with pytest.raises(ClaimLostError, match=key):
            step()
    assert {e.key: e for e in journal.entries()} == before


@pytest.mark.parametrize("state", ["n-submitted", "n-unknown", "n-rejected"])
def test_only_a_claim_not_yet_answered_is_renewed(journal: Journal, state: str) -> None:
    before = _neighbours(journal)
    assert not journal.renew(state, "a", 1e6)
    journal.release(state, "a")  # only an intent is released
    assert journal.get(state) == before[state]


def test_recording_our_answer_never_moves_a_status_back(spec: str, journal: Journal) -> None:
    claim(journal, "k", "a")
    journal.mark_sending("k", "a")
    # another program (a newer seedance) recorded the task's end while we were sending
    execute_behind(spec, "UPDATE {prefix}entries SET status = 'succeeded'")
    journal.mark_submitted("k", "a", task(TaskStatus.QUEUED))
    entry = journal.get("k")
    assert entry is not None and entry.status == "succeeded"


def test_a_key_of_another_provider_is_a_conflict(journal: Journal) -> None:
    claim(journal, "k", "a", provider="ark")
    clash = claim(journal, "k", "b", provider="apikley", now=T0 + 1e6)
    assert clash.outcome is ClaimOutcome.CONFLICT and clash.entry.provider == "ark"


@pytest.mark.parametrize(
    ("key", "lease", "field"),
    [("", 1, "idempotency_key"), ("k", -1, "lease"), ("k", float("nan"), "lease")],
)
def test_bad_claims_are_validation_errors(
    journal: Journal, key: str, lease: float, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        claim(journal, key, "a", lease=lease)
    assert caught.value.field == field
    assert journal.entries() == []


def test_unjournalable_requests_are_a_journal_error(journal: Journal) -> None:
    with pytest.raises(JournalError, match="not plain JSON"):
        journal.claim(
            "k", provider="apikley", request={"seed": float("nan")}, output=None, owner="a", lease=1
        )
    assert journal.get("k") is None


# --------------------------------------------------------------------------- task status

ORDERED = [TaskStatus.QUEUED, TaskStatus.RUNNING]
ENDS = [TaskStatus.SUCCEEDED, TaskStatus.FAILED, TaskStatus.CANCELLED, TaskStatus.EXPIRED]


def _rank(status: TaskStatus) -> int:
    return 2 if status.finished else ORDERED.index(status) if status in ORDERED else 0


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    reports=st.lists(st.sampled_from([*ORDERED, *ENDS, TaskStatus.UNKNOWN]), max_size=8),
    download_after=st.integers(min_value=0, max_value=8),
)
def test_a_status_never_goes_back(
    journal: Journal, reports: list[TaskStatus], download_after: int
) -> None:
    key = f"k-{time.monotonic_ns()}"
    task_id = f"t-{key}"
    claim(journal, key, "a")
    journal.mark_sending(key, "a")
    journal.mark_submitted(key, "a", task(TaskStatus.QUEUED, id=task_id))
    best = TaskStatus.QUEUED
    for i, status in enumerate(reports):
        journal.update_task(task(status, id=task_id, video_url=f"https://v/{i}"))
        if _rank(status) > _rank(best) or (_rank(status) == _rank(best) and not best.finished):
            best = status
        if i + 1 == download_after and best is TaskStatus.SUCCEEDED:
            journal.mark_downloaded(key, "/out/video.mp4")
        entry = journal.get(key)
        assert entry is not None and entry.status == best.value, (reports[: i + 1], entry)
        if best.finished:
            assert entry.state in (EntryState.FINISHED, EntryState.DOWNLOADED)
    entry = journal.get(key)
    assert entry is not None
    if entry.file is not None:
        assert entry.state is EntryState.DOWNLOADED


def test_a_report_at_the_same_status_refreshes_the_result(journal: Journal) -> None:
    claim(journal, "k", "a")
    journal.mark_sending("k", "a")
    journal.mark_submitted("k", "a", task())
    journal.update_task(task(TaskStatus.SUCCEEDED, video_url="https://v/old"))
    journal.update_task(task(TaskStatus.RUNNING, video_url="https://v/stale"))
    journal.update_task(task(TaskStatus.SUCCEEDED, video_url="https://v/new"))
    entry = journal.get("k")
    assert entry is not None and entry.task is not None
    assert entry.state is EntryState.FINISHED and entry.task.video_url == "https://v/new"


# --------------------------------------------------------------------------- reads


def test_reads_find_entries_by_key_task_and_state(journal: Journal) -> None:
    for i, (state, output) in enumerate(
        [("intent", None), ("submitted", None), ("succeeded", "/o/2.mp4"), ("failed", None)]
    ):
        key = f"k{i}"
        claim(journal, key, "a", output=output, now=T0 + i)
        if state == "intent":
            continue
        journal.mark_sending(key, "a")
        status = TaskStatus(state) if state != "submitted" else TaskStatus.QUEUED
        journal.mark_submitted(key, "a", task(status, id=f"t{i}"))
    claim(journal, "other", "a", provider="ark", now=T0 + 9)
    assert [e.key for e in journal.open_entries("apikley")] == ["k0", "k1", "k2"]
    assert [e.key for e in journal.open_entries()] == ["k0", "k1", "k2", "other"]
    assert [e.key for e in journal.entries(limit=2)] == ["other", "k3"]
    assert [e.key for e in journal.entries(provider="apikley")] == ["k3", "k2", "k1", "k0"]
    found = journal.find("apikley", "t2")
    assert found is not None and found.key == "k2"
    assert journal.find(None, "t3") is not None and journal.find("ark", "t3") is None
    journal.mark_downloaded("k2", "/o/2.mp4")
    assert [e.key for e in journal.open_entries("apikley")] == ["k0", "k1"]
    assert journal.get("missing") is None


def test_a_submission_is_found_by_its_callback_nonce_and_nothing_else(journal: Journal) -> None:
    """The nonce is read out of the JSON ``hosts`` exactly: no prefix, no pattern, no other
    field and no other provider's entry matches."""
    claim(journal, "mine", "a", hosts={"base_url": "https://api.example", "callback": "n_1"})
    claim(journal, "host", "a", hosts={"base_url": "n_2", "callback": "other"}, now=T0 + 1)
    claim(journal, "ark", "a", provider="ark", hosts={"callback": "n_3"}, now=T0 + 2)
    claim(journal, "none", "a", now=T0 + 3)
    found = journal.find_callback("apikley", "n_1")
    assert found is not None and found.key == "mine"
    for nonce in ("n_", "n%", "n_%", "%", "N_1", "n_1 ", '"n_1"', "n_2", "base_url", "n_3", ""):
        assert journal.find_callback("apikley", nonce) is None, nonce
    found = journal.find_callback("ark", "n_3")
    assert found is not None and found.key == "ark"


def _plan(spec: str, sql: str, args: tuple[Any, ...]) -> str:
    """How the database runs ``sql`` (PostgreSQL told to avoid a scan, as it would on a
    journal of more than a few rows)."""
    if not is_postgres(spec):
        return "\n".join(
            str(r[-1]) for r in execute_behind(spec, f"EXPLAIN QUERY PLAN {sql}", args)
        )
    import psycopg

    with psycopg.connect(spec, autocommit=True) as pg:
        pg.execute("SET enable_seqscan = off")
        rows = pg.execute(f"EXPLAIN {sql}".replace("?", "%s"), args).fetchall()
    return "\n".join(str(r[0]) for r in rows)


def test_the_callback_lookup_is_one_index_search_that_older_journals_get_on_open(
    spec: str, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A receiver looks up every callback's token: an index search, not a scan of the
    newest entries; a journal made before that index gets it when it is opened."""
    claim(journal, "k", "a", hosts={"callback": "n-1"})
    journal.close()
    execute_behind(spec, "DROP INDEX {prefix}entries_callback")
    with open_journal(spec) as reopened:
        queries: list[tuple[str, tuple[Any, ...]]] = []
        query = reopened._query

        def spy(sql: str, args: tuple[Any, ...]) -> list[dict[str, Any]]:
            queries.append((sql, args))
            return query(sql, args)

        monkeypatch.setattr(reopened, "_query", spy)
        found = reopened.find_callback("apikley", "n-1")
        assert found is not None and found.key == "k"
    [(sql, args)] = queries
    assert "entries_callback" in _plan(spec, sql, args)


# --------------------------------------------------------------------------- rate limit


@settings(max_examples=300, deadline=None)
@given(
    requests=st.integers(min_value=1, max_value=30),
    per=st.floats(min_value=0.01, max_value=100),
    margin=st.floats(min_value=0, max_value=0.5),
    gaps=st.lists(st.floats(min_value=0, max_value=5), min_size=1, max_size=120),
)
def test_gcra_never_puts_more_than_the_limit_in_any_window(
    requests: int, per: float, margin: float, gaps: list[float]
) -> None:
    limit = RateLimit(requests, per)
    tat, now, sends = 0.0, T0, []
    for gap in gaps:
        now += gap * per
        tat, delay = gcra(tat, now, limit, margin)
        assert delay >= 0
        sends.append(now + delay)
    assert sends == sorted(sends), "first come, first served"
    # exact up to float precision at epoch-sized times (a few 1e-7 s per slot)
    window = per * (1 + margin) - requests * 1e-6
    for i in range(len(sends) - requests):
        assert sends[i + requests] - sends[i] >= window, (i, sends)


def test_gcra_sends_at_once_when_the_bucket_is_idle() -> None:
    limit = RateLimit(20, 10)
    tat, delay = gcra(0.0, T0, limit)
    assert delay == 0 and tat == pytest.approx(T0 + 0.525)
    assert gcra(tat, T0, limit)[1] == pytest.approx(0.525)
    assert gcra(tat, T0 + 100, limit)[1] == 0, "an idle bucket does not save up a burst"


@pytest.mark.parametrize(
    ("requests", "per"), [(0, 1), (-1, 1), (2.5, 1), (True, 1), (1, 0), (1, float("nan"))]
)
def test_a_bad_rate_limit_is_a_validation_error(requests: Any, per: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        RateLimit(requests, per)
    assert caught.value.field in ("requests", "per_seconds")


def test_a_local_bucket_is_shared_by_threads() -> None:
    bucket = LocalBucket(RateLimit(10, 1.0), margin=0)
    sends: list[float] = []
    lock = threading.Lock()

    def reserve() -> None:
        for _ in range(50):
            delay = bucket.reserve(T0)
            with lock:
                sends.append(T0 + delay)

    threads = [threading.Thread(target=reserve) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(sends) == pytest.approx([T0 + i * 0.1 for i in range(200)])


def test_the_journal_bucket_is_shared_by_every_instance(spec: str, journal: Journal) -> None:
    limit = RateLimit(2, 1.0)
    with open_journal(spec) as other:
        delays = [j.reserve("apikley:create", limit, T0) for j in (journal, other) * 3]
        assert delays == pytest.approx([i * 0.525 for i in range(6)])
        assert other.reserve("apikley:read", limit, T0) == 0, "one bucket per name"
        assert journal.reserve("apikley:create", limit) >= 0, "on the journal's own clock"


def test_clients_sharing_a_journal_reserve_on_its_clock_not_their_own(journal: Journal) -> None:
    """Hosts' clocks disagree: a client whose clock is 30 s behind must neither wait 30 s
    behind the others' slots nor send at once beside them. Real-time clients reserve on
    the journal's clock (PostgreSQL's is shared by every host)."""
    from seedance import Client
    from seedance._clock import SystemClock

    class Behind(SystemClock):
        def time(self) -> float:
            return time.time() - 30

    clients = [
        Client("apikley", api_key="k", journal=journal, clock=clock)
        for clock in (Behind(), SystemClock())
    ]
    try:
        read = clients[0].adapter.get("task-1")
        limit = clients[0].adapter.read_rate_limit
        assert limit is not None
        spans = []  # (earliest, latest) moment each slot can be: the call's span + its wait
        for client in clients * 3:
            before = time.monotonic()
            wait = client._reserve(read)
            spans.append((before + wait, time.monotonic() + wait))
    finally:
        for client in clients:
            client.close()
    # alternating, they take consecutive slots of one schedule, however slow the calls
    first, slack = spans[0][0], spans[0][1] - spans[0][0] + 0.005  # slot 0 is in its span
    for i, (earliest, latest) in enumerate(spans):
        slot = i * limit.interval()
        assert earliest - first - slack <= slot <= latest - first + 0.005, (i, spans)


def test_a_client_whose_clock_is_behind_leases_on_the_journal_clock(journal: Journal) -> None:
    """A sender whose clock is 90 s behind: while its create is on the wire, the journal
    holds a live lease (on the journal's clock), so another host waits for it instead of
    calling its outcome unknown."""
    import httpx

    from seedance import Client
    from seedance._clock import SystemClock
    from seedance.testing import FakeApikley

    class Behind(SystemClock):
        def time(self) -> float:
            return time.time() - 90

    seen: list[Any] = []

    class OnTheWire(httpx.BaseTransport):
        def __init__(self, inner: httpx.BaseTransport) -> None:
            self.inner = inner

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/createTask"):
                entry = journal.get("row-1")
                seen.append((entry, claim(journal, "row-1", "other host", now=None)))
            return self.inner.handle_request(request)

    fake = FakeApikley(api_key="k")
    transport = OnTheWire(fake.sync_transport())
    with Client(
        "apikley", api_key="k", journal=journal, clock=Behind(), transport=transport
    ) as client:
        client.submit("a red fox in snow", idempotency_key="row-1")
    [(entry, other)] = seen
    assert entry.state is EntryState.SENDING
    assert entry.lease_until == pytest.approx(time.time() + 60, abs=5)
    assert other.outcome is ClaimOutcome.BUSY
    done = journal.get("row-1")
    assert done is not None and done.state is EntryState.SUBMITTED


def _host(dsn: str, skew: float) -> PostgresJournal:
    """The journal as opened on a host whose clock is ``skew`` seconds off."""
    journal = PostgresJournal(dsn)
    journal._wall = lambda: time.time() + skew
    return journal


def test_hosts_whose_clocks_disagree_share_one_lease_clock(postgres_dsn: str) -> None:
    """A host 90 s behind must not record a lease the others think long expired, and a
    host 90 s ahead must not take over a claim the others think live."""
    with ExitStack() as stack:
        behind, true, ahead = (
            stack.enter_context(_host(postgres_dsn, skew)) for skew in (-90.0, 0.0, 90.0)
        )
        for key, first, then in (("k-1", behind, true), ("k-2", true, ahead)):
            key = f"{key}-{time.monotonic_ns()}"
            got = claim(first, key, "a", lease=60, now=None)
            assert got.outcome is ClaimOutcome.CLAIMED
            assert got.entry.lease_until == pytest.approx(time.time() + 60, abs=5)
            taken = claim(then, key, "b", lease=60, now=None)
            assert taken.outcome is ClaimOutcome.BUSY, (key, taken.entry)
            first.mark_sending(key, "a", lease=60)
            late = claim(then, key, "b", lease=60, now=None)
            assert late.outcome is ClaimOutcome.BUSY, "a live send is never marked unknown"


def test_a_host_clock_is_read_against_the_database_now_and_then(postgres_dsn: str) -> None:
    skew = [0.0]
    with PostgresJournal(postgres_dsn) as journal:
        journal._wall = lambda: time.time() + skew[0]
        assert journal.time() == pytest.approx(time.time(), abs=5)
        skew[0] = -3600.0  # the host's clock is set back an hour
        assert journal.time() == pytest.approx(time.time() - 3600, abs=5), "until re-read"
        journal._offset_until = 0.0  # OFFSET_TTL seconds later
        assert journal.time() == pytest.approx(time.time(), abs=5)


STEP_BACK = 3600.0


def test_a_clock_set_back_keeps_the_schedule(spec: str, journal: Journal) -> None:
    """The clock is set back an hour between two reservations (a manual ``date -s``, a
    restored snapshot): the next slot follows the schedule as before, rather than an hour
    later, which a submit (no deadline) would sleep out."""
    limit = RateLimit(2, 1.0)
    before = [journal.reserve("apikley:create", limit, T0) for _ in range(3)]
    assert before == pytest.approx([0, 0.525, 1.05])
    after = [journal.reserve("apikley:create", limit, T0 - STEP_BACK) for _ in range(2)]
    assert after == pytest.approx([1.575, 2.1])
    later = journal.reserve("apikley:create", limit, T0 - STEP_BACK + 10)
    assert later == 0, "the bucket went idle on the new clock"


def test_a_clock_set_forward_or_readings_raced_change_nothing(journal: Journal) -> None:
    """A clock set forward needs nothing (no slot is before now); readings taken before
    the lock and arriving out of order by less than CLOCK_STEP are callers racing, not a
    clock set back: they keep the schedule as it is, never hand out an earlier slot."""
    limit = RateLimit(2, 1.0)
    assert journal.reserve("b", limit, T0) == 0
    assert journal.reserve("b", limit, T0 + 100) == 0
    assert journal.reserve("b", limit, T0 + 100 - CLOCK_STEP / 2) == pytest.approx(
        0.525 + CLOCK_STEP / 2
    )


def test_a_local_bucket_keeps_its_schedule_when_the_clock_is_set_back() -> None:
    bucket = LocalBucket(RateLimit(1, 1.0), margin=0)
    assert [bucket.reserve(T0) for _ in range(2)] == [0, 1]
    assert bucket.reserve(T0 - STEP_BACK) == 2


@settings(max_examples=200, deadline=None)
@given(
    steps=st.lists(st.floats(0, 30, allow_nan=False), min_size=1, max_size=30),
    back=st.floats(CLOCK_STEP * 1.01, 1e6, allow_nan=False),
    at=st.integers(0, 29),
)
def test_a_clock_set_back_never_sends_early_and_waits_at_most_the_unseen_gap(
    steps: list[float], back: float, at: int
) -> None:
    """Reservations on a clock set back by ``back`` after reservation ``at``, beside the
    same reservations on a clock never set back: never an earlier slot (the limit holds),
    and later by at most the real time between the two readings around the step (no
    reading can show it: the bucket takes it as none) and CLOCK_STEP (a step that small,
    once that time is taken off, is not told from callers racing)."""
    limit = RateLimit(3, 1.0)
    steady, stepped = LocalBucket(limit), LocalBucket(limit)
    now, gap = T0, 0.0
    for i, step in enumerate(steps):
        now += step
        if i == at + 1:
            gap = step
        set_back = i > at
        kept, moved = steady.reserve(now), stepped.reserve(now - back if set_back else now)
        assert kept - 1e-6 <= moved <= kept + gap + CLOCK_STEP + 1e-6


def test_rewound_leaves_a_fresh_bucket_alone() -> None:
    assert rewound(0.0, None, T0) == 0.0
    assert rewound(T0 + 5, T0, T0 - STEP_BACK) == pytest.approx(T0 + 5 - STEP_BACK)


def test_no_journal_keeps_a_local_bucket() -> None:
    journal = NullJournal()
    limit = RateLimit(1, 1.0)
    assert [journal.reserve("x", limit, T0, margin=0) for _ in range(3)] == [0, 1, 2]


# --------------------------------------------------------------------------- processes


def _run(target: Any, *argsets: tuple[Any, ...]) -> list[Any]:
    """Start one spawned process per argument tuple (each also given ``go`` and a result
    queue), release them at once, and collect one result from each."""
    go, out = SPAWN.Event(), SPAWN.Queue()
    procs = [SPAWN.Process(target=target, args=(*args, go, out)) for args in argsets]
    for p in procs:
        p.start()
    go.set()
    try:
        results = [out.get(timeout=60) for _ in procs]
    finally:
        for p in procs:
            p.join(timeout=30)
    assert all(p.exitcode == 0 for p in procs), [p.exitcode for p in procs]
    return results


KEYS = [f"row-{i}" for i in range(30)]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def four_processes(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, list[Any]]]:
    """Four processes started at once on one journal, racing for the same 30 keys and
    then reserving from one bucket (tests/support/journal_workers.py); run once per
    backend, their results checked by the tests below."""
    with ExitStack() as stack:
        if request.param == "sqlite":
            spec = str(tmp_path_factory.mktemp("race") / "journal.sqlite3")
        else:
            from tests.support import postgres

            spec = stack.enter_context(
                postgres.database(request.getfixturevalue("postgres_server"))
            )
        argsets = [(spec, f"p{n}", KEYS) for n in range(4)]
        yield spec, _run(workers.claim_and_reserve, *argsets)


def test_racing_processes_send_each_key_once(four_processes: tuple[str, list[Any]]) -> None:
    """With a lease, each key is claimed by exactly one process; with leases that expire
    at once, claims are taken over all the time, and still exactly one owner per key
    reaches sending."""
    spec, results = four_processes
    claimed: Counter[str] = Counter()
    sent: dict[str, list[str]] = defaultdict(list)
    for owner, rows, _ in results:
        for key, outcome, reached in rows:
            claimed[key] += outcome == "claimed"
            if reached:
                sent[key].append(owner)
    everything = [*KEYS, *(f"expiring-{k}" for k in KEYS)]
    assert {key: len(owners) for key, owners in sent.items()} == dict.fromkeys(everything, 1)
    assert {k: claimed[k] for k in KEYS} == dict.fromkeys(KEYS, 1)
    with open_journal(spec) as journal:
        for key in everything:
            entry = journal.get(key)
            assert entry is not None and [entry.owner] == sent[key]
            if key in KEYS:
                assert entry.state is EntryState.SENDING
            else:  # a later claim may have found the expired sending: then it is unknown
                assert entry.state in (EntryState.SENDING, EntryState.UNKNOWN)


def test_processes_sharing_a_bucket_stay_within_the_limit(
    four_processes: tuple[str, list[Any]],
) -> None:
    """The union of the send times four processes reserved from one bucket of 20 per
    second never has more than 20 in any second."""
    sends = sorted(t for _, _, reserved in four_processes[1] for t in reserved)
    assert len(sends) == 120
    for i in range(len(sends) - 20):
        assert sends[i + 20] - sends[i] >= 1.0, f"21 sends within {sends[i + 20] - sends[i]} s"


def test_a_killed_owner_blocks_its_keys_until_the_lease_ends(spec: str, journal: Journal) -> None:
    """SIGKILLed after claiming: others wait out the lease, then take the key over only if
    nothing was sent; a key killed while sending becomes unknown, never claimable."""
    ready = SPAWN.Event()
    proc = SPAWN.Process(target=workers.die_after_claims, args=(spec, 60.0, ready))
    proc.start()
    proc.join(timeout=60)
    assert proc.exitcode == -9 and ready.is_set()
    for key in ("intent", "sending"):
        entry = journal.get(key)
        assert entry is not None and entry.owner == "doomed" and entry.lease_until is not None
        assert claim(journal, key, "b", now=time.time()).outcome is ClaimOutcome.BUSY
        after = claim(journal, key, "b", now=entry.lease_until + 0.001)
        if key == "intent":
            assert after.outcome is ClaimOutcome.CLAIMED and after.entry.owner == "b"
        else:
            assert after.outcome is ClaimOutcome.UNKNOWN
            for owner in ("b", "c", "doomed"):
                assert claim(journal, key, owner, now=T0 * 2).outcome is ClaimOutcome.UNKNOWN


# --------------------------------------------------------------------------- notifications


def test_a_notification_from_another_process_reaches_a_listener(postgres_dsn: str) -> None:
    got: list[tuple[str, str]] = []
    arrived = threading.Event()

    def handler(provider: str, task_id: str) -> None:
        got.append((provider, task_id))
        if task_id == "t-9":
            arrived.set()

    with open_journal(postgres_dsn) as journal:
        assert journal.shared_notifications
        listener = journal.listen(handler)
        try:
            proc = SPAWN.Process(target=workers.notify_once, args=(postgres_dsn, "ark", "t-9"))
            proc.start()
            proc.join(timeout=60)
            assert proc.exitcode == 0
            assert arrived.wait(timeout=30), "the notification never arrived"
        finally:
            listener.close()
        assert got == [("ark", "t-9")]
        journal.notify("ark", "after-close")
        time.sleep(0.3)
        assert got == [("ark", "t-9")], "a closed listener delivers nothing"


def test_a_failing_handler_does_not_stop_the_listener(postgres_dsn: str) -> None:
    seen = threading.Event()

    def handler(provider: str, task_id: str) -> None:
        if task_id == "boom":
            raise RuntimeError("handler bug")
        seen.set()

    with open_journal(postgres_dsn) as journal, journal.listen(handler):
        journal.notify("apikley", "boom")
        journal.notify("apikley", "fine")
        assert seen.wait(timeout=30)


def test_a_listener_reconnects_after_losing_its_connection(postgres_dsn: str) -> None:
    import psycopg

    seen = threading.Event()
    with open_journal(postgres_dsn) as journal:
        listener = journal.listen(lambda provider, task_id: seen.set())
        try:
            with psycopg.connect(postgres_dsn, autocommit=True) as admin:
                killed = admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE query = 'LISTEN seedance_tasks'"
                ).fetchall()
            assert killed == [(True,)]
            deadline = time.monotonic() + 30
            while not seen.is_set() and time.monotonic() < deadline:
                journal.notify("apikley", "t-1")  # those sent while it was away are lost
                seen.wait(0.2)
            assert seen.is_set(), "the listener never came back"
        finally:
            listener.close()


def test_closing_the_journal_stops_its_listeners(postgres_dsn: str) -> None:
    def listeners() -> list[threading.Thread]:
        return [t for t in threading.enumerate() if t.name == "seedance-journal-listener"]

    before = len(listeners())
    journal = open_journal(postgres_dsn)
    journal.listen(lambda provider, task_id: None)
    journal.listen(lambda provider, task_id: None)
    assert len(listeners()) == before + 2
    journal.close()
    assert len(listeners()) == before


def test_the_same_owner_claiming_twice_still_sends_once(journal: Journal) -> None:
    """Two submits of one key under one owner (say, two tasks of one client) both hold
    the claim; the sending mark lets only the first through."""
    assert claim(journal, "k", "a").outcome is ClaimOutcome.CLAIMED
    assert claim(journal, "k", "a").outcome is ClaimOutcome.CLAIMED
    journal.mark_sending("k", "a")
    with pytest.raises(ClaimLostError, match="it is sending"):
        journal.mark_sending("k", "a")
    assert claim(journal, "k", "a").outcome is ClaimOutcome.BUSY


def test_sqlite_and_no_journal_never_notify(tmp_path: Path) -> None:
    fired = threading.Event()
    for journal in (SqliteJournal(tmp_path / "j.sqlite3"), NullJournal()):
        assert not journal.shared_notifications
        with journal.listen(lambda provider, task_id: fired.set()):
            journal.notify("apikley", "t-1")
        assert not fired.is_set()


# --------------------------------------------------------------------------- schema


def test_the_schema_is_versioned(spec: str, journal: Journal) -> None:
    execute_behind(spec, "UPDATE {prefix}meta SET value='99' WHERE name='schema_version'")
    with pytest.raises(JournalError, match="schema version 99, written by a newer seedance"):
        open_journal(spec)


V1_SCHEMA = """
CREATE TABLE entries (
    key TEXT PRIMARY KEY, provider TEXT NOT NULL, request TEXT NOT NULL, state TEXT NOT NULL,
    task_id TEXT, status TEXT, task TEXT, output TEXT, file TEXT, error TEXT, sent_at REAL,
    created_at REAL NOT NULL, updated_at REAL NOT NULL
);
CREATE INDEX entries_task ON entries (provider, task_id);
CREATE INDEX entries_state ON entries (state);
"""


def test_a_version_1_journal_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    row = (
        "INSERT INTO entries (key, provider, request, state, task_id, status, task, "
        "created_at, updated_at, sent_at) VALUES (?, 'apikley', '{}', ?, ?, ?, ?, 1, 1, ?)"
    )
    done = json.dumps(task(TaskStatus.SUCCEEDED, id="t-old").to_dict())
    db.execute(row, ("old-intent", "intent", None, None, None, None))
    db.execute(row, ("old-sending", "sending", None, None, None, 1.0))
    db.execute(row, ("old-done", "finished", "t-old", "succeeded", done, 1.0))
    db.commit()
    db.close()
    with SqliteJournal(path) as journal:
        assert journal.get("old-done").task.id == "t-old"  # type: ignore[union-attr]
        assert claim(journal, "old-intent", "a").outcome is ClaimOutcome.CLAIMED
        assert claim(journal, "old-sending", "a").outcome is ClaimOutcome.UNKNOWN
        assert claim(journal, "old-done", "a").outcome is ClaimOutcome.DONE
        assert journal.reserve("b", RateLimit(1, 1), T0) == 0
    db = sqlite3.connect(path)
    assert db.execute("SELECT value FROM meta").fetchall() == [("2",)]
    # the state index every step had to rewrite is dropped; the lookups keep theirs
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "entries_state" not in indexes and "entries_task" in indexes


def test_a_journal_whose_buckets_predate_seen_is_migrated(spec: str, journal: Journal) -> None:
    """A journal made before ``buckets.seen``: the column is added on open, its bucket's
    schedule goes on, and an older seedance writing only ``tat`` still shares it."""
    limit = RateLimit(1, 1.0)
    journal.reserve("old", limit, T0, margin=0)
    journal.close()
    execute_behind(spec, "ALTER TABLE {prefix}buckets DROP COLUMN seen")
    with open_journal(spec) as reopened:
        assert reopened.reserve("old", limit, T0, margin=0) == 1
        # what an older seedance's reservation writes: tat alone
        execute_behind(spec, "UPDATE {prefix}buckets SET tat = tat + 1")
        assert reopened.reserve("old", limit, T0, margin=0) == 3


# --------------------------------------------------------------------------- SQLite files


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_journal_is_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "dir" / "journal.sqlite3"
    with SqliteJournal(path) as journal:
        claim(journal, "k", "a")
        assert _mode(path) == 0o600 and _mode(path.parent) == 0o700
        assert _mode(path.with_name("journal.sqlite3-wal")) == 0o600


def test_an_existing_journal_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    SqliteJournal(path).close()
    os.chmod(path, 0o644)
    with SqliteJournal(path) as journal:
        assert _mode(path) == 0o600
        claim(journal, "k", "a")


def test_a_corrupt_journal_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"this is not a database, it is a text file" * 100)
    with pytest.raises(JournalError, match="is corrupt") as caught:
        SqliteJournal(path)
    assert str(path) in str(caught.value)


def test_a_locked_journal_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    journal = SqliteJournal(path, busy_timeout=0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(JournalError, match="locked by another process"):
            claim(journal, "k", "a")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert claim(journal, "k", "a").outcome is ClaimOutcome.CLAIMED


def test_an_unusable_path_gives_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(JournalError, match="cannot open the journal"):
        SqliteJournal(tmp_path / "file" / "journal.sqlite3")


# --------------------------------------------------------------------------- PostgreSQL


def test_an_unreachable_server_gives_a_clear_error_without_the_password() -> None:
    from tests.support.postgres import _free_port

    dsn = f"postgresql://me:hunter2@127.0.0.1:{_free_port()}/jobs?connect_timeout=2"
    with pytest.raises(JournalError, match="cannot reach the journal") as caught:
        PostgresJournal(dsn, timeout=2)
    assert "hunter2" not in str(caught.value) and "me@127.0.0.1" in str(caught.value)


def test_without_the_extra_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg_pool", None)
    with pytest.raises(JournalError, match=r'pip install "seedance\[postgres\]"'):
        open_journal("postgresql://127.0.0.1/none")


# --------------------------------------------------------------------------- choosing one


def test_open_journal_picks_the_backend(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, postgres_dsn: str
) -> None:
    given = NullJournal()
    assert open_journal(given) is given
    assert isinstance(open_journal(False), NullJournal)
    assert isinstance(open_journal("off"), NullJournal)
    assert isinstance(open_journal(tmp_path / "a.sqlite3"), SqliteJournal)
    with open_journal(postgres_dsn) as shared:
        assert isinstance(shared, PostgresJournal) and "@" not in repr(shared).split("//")[0]
    monkeypatch.setenv("SEEDANCE_JOURNAL", postgres_dsn)
    with open_journal(None) as from_env:
        assert isinstance(from_env, PostgresJournal)
    assert default_path() is None
    monkeypatch.setenv("SEEDANCE_JOURNAL", "off")
    assert isinstance(open_journal(True), NullJournal) and default_path() is None
    monkeypatch.setenv("SEEDANCE_JOURNAL", str(tmp_path / "env.sqlite3"))
    with open_journal(None) as local:
        assert isinstance(local, SqliteJournal) and local.path == tmp_path / "env.sqlite3"
    monkeypatch.delenv("SEEDANCE_JOURNAL")
    assert default_path() is not None and default_path().name == "journal.sqlite3"  # type: ignore[union-attr]
    with pytest.raises(JournalError, match="must be a Journal"):
        open_journal(42)  # type: ignore[arg-type]


def test_no_journal_claims_everything_and_remembers_nothing() -> None:
    journal = NullJournal()
    assert claim(journal, "k", "a").outcome is ClaimOutcome.CLAIMED
    assert claim(journal, "k", "b").outcome is ClaimOutcome.CLAIMED
    journal.mark_sending("k", "a")
    assert journal.get("k") is None and journal.entries() == [] and journal.open_entries() == []
    assert journal.find_callback("apikley", "n") is None
