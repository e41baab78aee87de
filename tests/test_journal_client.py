"""The client's use of the journal: never pay twice, never lose a task, resume after a crash.

These drive the client end to end over its journal (claims, leases, ``EntryState``); the
journal component itself is tested in test_journal.py, on both backends. The multi-process
and fault tests are in test_faults.py."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from seedance import AsyncClient, PollSchedule, TaskStatus
from seedance._errors import (
    RateLimitedError,
    SeedanceError,
    TaskOutcomeUnknownError,
    TransportError,
    ValidationError,
)
from seedance._journal import EntryState, Journal, SqliteJournal
from seedance.testing import FakeApikley, FakeClock

KEY = "sk-journal-test"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake(clock: FakeClock) -> FakeApikley:
    return FakeApikley(api_key=KEY, clock=clock)


@pytest.fixture
def journal(tmp_path: Path) -> SqliteJournal:
    return SqliteJournal(tmp_path / "journal.sqlite3")


def make_client(fake: FakeApikley, clock: FakeClock, journal: Journal | bool) -> AsyncClient:
    return AsyncClient(
        "apikley", api_key=KEY, transport=fake.transport(), clock=clock, journal=journal
    )


@pytest.fixture
async def client(
    fake: FakeApikley, clock: FakeClock, journal: SqliteJournal
) -> AsyncIterator[AsyncClient]:
    async with make_client(fake, clock, journal) as client:
        yield client


pytestmark = pytest.mark.anyio


async def test_every_step_is_recorded(
    client: AsyncClient, journal: SqliteJournal, tmp_path: Path
) -> None:
    task = await client.submit(
        "a red fox in snow", idempotency_key="row-1", output=tmp_path / "fox.mp4"
    )
    entry = journal.get("row-1")
    assert entry is not None and entry.state == "submitted" and entry.task_id == task.id
    assert entry.request["prompt"] == "a red fox in snow"
    done = await client.wait(task)
    entry = journal.get("row-1")
    assert entry is not None and entry.state == "finished" and entry.status == "succeeded"
    assert entry.task is not None and entry.task.video_url == done.video_url
    await client.download(done, tmp_path / "fox.mp4")
    entry = journal.get("row-1")
    assert entry is not None and entry.state == "downloaded"
    assert entry.file == str(tmp_path / "fox.mp4")


async def test_the_same_key_never_pays_twice(client: AsyncClient, fake: FakeApikley) -> None:
    first = await client.submit("a red fox in snow", idempotency_key="row-42")
    again = await client.submit("a red fox in snow", idempotency_key="row-42")
    assert again.id == first.id
    assert len(fake.tasks) == 1


async def test_the_same_key_across_clients_and_processes(
    fake: FakeApikley, clock: FakeClock, journal: SqliteJournal
) -> None:
    async with make_client(fake, clock, journal) as one:
        first = await one.submit("a red fox in snow", idempotency_key="row-7")
    async with make_client(fake, clock, SqliteJournal(journal.path)) as two:
        again = await two.submit("a red fox in snow", idempotency_key="row-7")
    assert again.id == first.id and len(fake.tasks) == 1


async def test_a_lost_create_answer_is_unknown_and_never_resent(
    client: AsyncClient, fake: FakeApikley, journal: Journal
) -> None:
    fake.faults.drop_next = 1
    with pytest.raises(TransportError):
        await client.submit("a red fox in snow", idempotency_key="row-9")
    entry = journal.get("row-9")
    assert entry is not None and entry.state == "unknown" and "may exist" in (entry.error or "")
    with pytest.raises(TaskOutcomeUnknownError) as caught:
        await client.submit("a red fox in snow", idempotency_key="row-9")
    assert caught.value.key == "row-9"
    assert len(fake.tasks) == 1, "the task the provider made, and no second one"


async def test_a_create_that_never_connected_leaves_its_key_free(
    client: AsyncClient, fake: FakeApikley, journal: Journal
) -> None:
    """Connection refused on every attempt: provably nothing was sent, so the key is free
    (not "unknown" for ever), and the same key creates the task once the provider is back."""
    fake.faults.refuse_next = 4  # the first try and its three retries
    with pytest.raises(TransportError) as caught:
        await client.submit("a red fox in snow", idempotency_key="row-3")
    assert not caught.value.may_have_created
    entry = journal.get("row-3")
    assert entry is not None and entry.state == "intent" and entry.owner is None
    task = await client.submit("a red fox in snow", idempotency_key="row-3")
    assert (await client.submit("a red fox in snow", idempotency_key="row-3")).id == task.id
    assert len(fake.tasks) == 1


async def test_a_refused_create_may_be_retried_with_the_same_key(
    client: AsyncClient, fake: FakeApikley, journal: Journal
) -> None:
    fake.faults.rate_limit_next = 4  # one attempt and three retries, all refused
    with pytest.raises(RateLimitedError):
        await client.submit("a red fox in snow", idempotency_key="row-3")
    entry = journal.get("row-3")
    assert entry is not None and entry.state == "rejected"
    task = await client.submit("a red fox in snow", idempotency_key="row-3")
    assert journal.get("row-3").task_id == task.id  # type: ignore[union-attr]
    assert len(fake.tasks) == 1


async def test_a_key_used_for_another_provider_is_refused(
    client: AsyncClient, journal: Journal
) -> None:
    journal.claim(
        "shared", provider="ark", request={"prompt": "x"}, output=None, owner="o", lease=60
    )
    with pytest.raises(ValidationError, match="already used for a ark task"):
        await client.submit("a red fox in snow", idempotency_key="shared")


async def test_without_the_journal_an_idempotency_key_is_an_error(
    fake: FakeApikley, clock: FakeClock
) -> None:
    async with make_client(fake, clock, False) as client:
        with pytest.raises(ValidationError, match="needs the journal"):
            await client.submit("a red fox in snow", idempotency_key="k")
    assert len(fake.tasks) == 0


async def test_resume_finishes_what_a_previous_client_left(
    fake: FakeApikley, clock: FakeClock, journal: SqliteJournal, tmp_path: Path
) -> None:
    async with make_client(fake, clock, journal) as before:
        for i in range(3):
            await before.submit(
                f"fox number {i}", idempotency_key=f"row-{i}", output=tmp_path / f"{i}.mp4"
            )
    creates = len(fake.tasks)
    async with make_client(fake, clock, SqliteJournal(journal.path)) as after:
        results = await after.resume()
    assert len(results) == 3 and all(r.ok for r in results)
    assert all((tmp_path / f"{i}.mp4").read_bytes()[4:8] == b"ftyp" for i in range(3))
    assert len(fake.tasks) == creates, "resume never creates"
    assert {e.state for e in journal.entries()} == {"downloaded"}
    async with make_client(fake, clock, SqliteJournal(journal.path)) as again:
        assert await again.resume() == [], "nothing left to do"


async def test_resume_reports_failed_and_unknown_entries(
    client: AsyncClient, fake: FakeApikley, journal: Journal, tmp_path: Path
) -> None:
    fake.faults.fail_tasks = True
    await client.submit("a red fox", idempotency_key="fails", output=tmp_path / "f.mp4")
    fake.faults.fail_tasks = False
    fake.faults.drop_next = 1
    with pytest.raises(TransportError):
        await client.submit("a grey wolf", idempotency_key="lost", output=tmp_path / "w.mp4")
    results = {r.key: r for r in await client.resume()}
    assert results["fails"].task is not None and results["fails"].task.status is TaskStatus.FAILED
    assert results["fails"].error == "task ended failed"
    assert results["lost"].task is None and "outcome unknown" in (results["lost"].error or "")


# --------------------------------------------------------------------------- SIGKILL

WORKER = textwrap.dedent(
    """
    import sys
    import seedance._base_client as base
    from seedance import Client, PollSchedule
    base.LEASE, base.BUSY_POLL = 1.0, 0.05  # a dead run's claims expire at once
    from seedance._errors import TaskOutcomeUnknownError
    url, journal, out = sys.argv[1], sys.argv[2], sys.argv[3]
    fast = PollSchedule(steps=((float("inf"), 0.05),), jitter=0.0)
    with Client("apikley", api_key="KEY", base_url=url, journal=journal,
                rate_limit=False, poll_schedule=fast) as client:
        tasks = []
        for i in range(3):
            try:
                tasks.append((i, client.submit(f"fox number {i}", idempotency_key=f"row-{i}",
                                               output=f"{out}/{i}.mp4")))
            except TaskOutcomeUnknownError as exc:
                print("UNKNOWN", exc.key, flush=True)
        for i, task in tasks:
            done = client.wait(task, timeout=30)
            client.download(done, f"{out}/{i}.mp4")
    print("DONE", flush=True)
    """
).replace("KEY", KEY)


@pytest.mark.parametrize(
    "crash_at",
    # the points where the sync Client's own path differs from the batch's (which
    # tests/test_faults.py kills at every point): the create on the wire, its wait loop
    # and its download, each then finished by resume()
    ["after-create", "while-waiting", "while-downloading"],
)
def test_sigkill_at_any_point_then_rerun_and_resume(tmp_path: Path, crash_at: str) -> None:
    """A batch killed with SIGKILL, rerun, and resumed: no duplicate, nothing silently lost."""
    import asyncio

    from seedance.serving import serve_in_thread

    fake = FakeApikley(api_key=KEY, queued_for=0.05, running_for=0.1)
    journal_path = tmp_path / "journal.sqlite3"
    out = tmp_path / "out"
    out.mkdir()
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    with serve_in_thread(fake.app) as url:
        fake.public_url = url
        env = {**os.environ, "SEEDANCE_CRASH_AT": crash_at}
        crashed = subprocess.run(
            [sys.executable, str(script), url, str(journal_path), str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert crashed.returncode == -signal.SIGKILL, crashed.stderr
        env.pop("SEEDANCE_CRASH_AT")
        rerun = subprocess.run(
            [sys.executable, str(script), url, str(journal_path), str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert rerun.returncode == 0, rerun.stderr

        async def resume() -> list[object]:
            fast = PollSchedule(steps=((float("inf"), 0.05),), jitter=0.0)
            async with AsyncClient(
                "apikley", api_key=KEY, base_url=url, journal=journal_path, poll_schedule=fast
            ) as client:
                return list(await client.resume(timeout=30))

        leftovers = asyncio.run(resume())
    prompts = Counter(task.request["input"]["prompt"] for task in fake.tasks.all())
    assert all(count == 1 for count in prompts.values()), f"duplicate tasks: {prompts}"
    unknown = [line.split()[1] for line in rerun.stdout.splitlines() if line.startswith("UNKNOWN")]
    journal = SqliteJournal(journal_path)
    for i in range(3):
        entry = journal.get(f"row-{i}")
        assert entry is not None
        if f"row-{i}" in unknown:
            # the only unavoidable case: killed while its create was on the wire
            assert crash_at == "after-create" and entry.state is EntryState.UNKNOWN
        else:
            assert entry.state is EntryState.DOWNLOADED, (i, entry.state)
            assert (out / f"{i}.mp4").read_bytes()[4:8] == b"ftyp"
    assert all(getattr(r, "ok", True) or "outcome unknown" in r.error for r in leftovers)  # type: ignore[attr-defined]
    if crash_at != "after-create":
        assert sum(prompts.values()) == 3 and not unknown
    json.dumps([e.state for e in journal.entries()])


# --------------------------------------------------------------------------- reconciliation


async def test_ark_finds_the_task_a_lost_create_made(clock: FakeClock, tmp_path: Path) -> None:
    from seedance.testing import FakeArk

    fake = FakeArk(api_key=KEY, clock=clock)
    journal = SqliteJournal(tmp_path / "ark.sqlite3")
    async with AsyncClient(
        "ark",
        api_key=KEY,
        transport=fake.transport(),
        clock=clock,
        base_url="http://fake/api/v3",
        journal=journal,
    ) as client:
        fake.faults.drop_next = 1
        task = await client.submit(
            "a red fox in snow", idempotency_key="ark-1", output=tmp_path / "fox.mp4"
        )
        assert task.id == fake.tasks.all()[0].id, "the provider's task, found by listing"
        entry = journal.get("ark-1")
        assert entry is not None and entry.state is EntryState.SUBMITTED
        again = await client.submit("a red fox in snow", idempotency_key="ark-1")
        assert again.id == task.id and len(fake.tasks) == 1
        clock.advance(60)
        results = await client.resume()
    assert [r.ok for r in results] == [True]
    assert (tmp_path / "fox.mp4").read_bytes()[4:8] == b"ftyp"


async def test_ark_reconciliation_refuses_to_guess(clock: FakeClock, tmp_path: Path) -> None:
    """Another task of the same model at the same moment, that no journal entry owns
    (made by some other program): the lost create stays unknown and is never resent."""
    from seedance.testing import FakeArk

    fake = FakeArk(api_key=KEY, clock=clock)
    journal = SqliteJournal(tmp_path / "ark.sqlite3")
    options = {"api_key": KEY, "transport": fake.transport(), "clock": clock}
    async with (
        AsyncClient("ark", base_url="http://fake/api/v3", journal=False, **options) as other,
        AsyncClient("ark", base_url="http://fake/api/v3", journal=journal, **options) as client,
    ):
        await other.submit("someone else's fox")
        fake.faults.drop_next = 1
        with pytest.raises(TransportError):
            await client.submit("a red fox in snow", idempotency_key="a")
        assert journal.get("a").state is EntryState.UNKNOWN  # type: ignore[union-attr]
        with pytest.raises(TaskOutcomeUnknownError):
            await client.submit("a red fox in snow", idempotency_key="a")
    assert len(fake.tasks) == 2, "two candidates: neither is adopted, nothing is created"


class _ListBlip(httpx.AsyncBaseTransport):
    """The provider's task list unreachable while ``down``; everything else goes through."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner, self.down = inner, False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.down and request.method == "GET":
            raise httpx.ConnectError("the list is unreachable", request=request)
        return await self.inner.handle_async_request(request)


async def test_ark_never_hands_one_lost_create_the_task_of_another(
    clock: FakeClock, tmp_path: Path
) -> None:
    """Row A's create is accepted but answered 503 while the list is down (A stays
    unknown); row B's create fails for real 2 s later. The one unowned task in B's window
    is A's: with A unresolved beside it, it is nobody's for certain, so B stays unknown."""
    from seedance.testing import FakeArk

    fake = FakeArk(api_key=KEY, clock=clock)
    transport = _ListBlip(fake.transport())
    journal = SqliteJournal(tmp_path / "ark.sqlite3")
    async with AsyncClient(
        "ark",
        api_key=KEY,
        transport=transport,
        clock=clock,
        base_url="http://fake/api/v3",
        journal=journal,
    ) as client:
        fake.faults.accept_then_error_next, fake.faults.accept_then_error_status = 1, 503
        transport.down = True
        with pytest.raises(SeedanceError):
            await client.submit("row A: a red fox", idempotency_key="A")
        transport.down = False
        clock.advance(2)
        fake.faults.server_error_next, fake.faults.server_error_status = 1, 500
        with pytest.raises(SeedanceError):
            await client.submit("row B: a grey wolf", idempotency_key="B")
        for key in ("A", "B"):
            entry = journal.get(key)
            assert entry is not None and entry.state is EntryState.UNKNOWN, entry
            assert entry.task_id is None
    assert len(fake.tasks) == 1


async def test_resume_says_a_claim_never_sent_created_nothing(
    client: AsyncClient, fake: FakeApikley, journal: Journal
) -> None:
    journal.claim(
        "row-5",
        provider="apikley",
        request={"prompt": "a fox"},
        output=None,
        owner="gone",
        lease=60,
    )
    [result] = await client.resume()
    assert not result.ok and result.error is not None
    assert "not sent" in result.error and "may exist" not in result.error
    assert fake.tasks.all() == []


async def test_a_relative_output_is_journaled_where_it_was_meant(
    client: AsyncClient, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Resume from another working directory writes the video where the submit meant."""
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    monkeypatch.chdir(project)
    await client.submit("a red fox in snow", idempotency_key="row-6", output="videos/fox.mp4")
    monkeypatch.chdir(elsewhere)
    entry = journal.get("row-6")
    assert entry is not None and entry.output == str(project / "videos" / "fox.mp4")


class _Hang(httpx.AsyncBaseTransport):
    """Creates never answer (until cancelled); the rest goes to the fake."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.on_the_wire = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            self.on_the_wire.set()
            await asyncio.Event().wait()
        return await self.inner.handle_async_request(request)


async def test_a_submit_cancelled_on_the_wire_is_unknown_at_once(
    fake: FakeApikley, clock: FakeClock, journal: SqliteJournal
) -> None:
    """Cancelled (Ctrl-C, a task group) while its create is out: the journal says
    "unknown" at once, not "sending" for a lease's length, and the cancel propagates."""
    hang = _Hang(fake.transport())
    async with AsyncClient(
        "apikley", api_key=KEY, transport=hang, clock=clock, journal=journal
    ) as client:
        submit = asyncio.ensure_future(client.submit("a fox", idempotency_key="row-8"))
        await hang.on_the_wire.wait()
        submit.cancel()
        with pytest.raises(asyncio.CancelledError):
            await submit
        entry = journal.get("row-8")
        assert entry is not None and entry.state is EntryState.UNKNOWN
        assert "interrupted" in (entry.error or "")


def test_ctrl_c_before_the_create_is_sent_frees_its_key(tmp_path: Path) -> None:
    """KeyboardInterrupt while an image is read (before anything is sent): the claim is
    released, so the same key is free at once."""
    from seedance import Client

    class Interrupting(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            raise KeyboardInterrupt

    journal = SqliteJournal(tmp_path / "journal.sqlite3")
    fake = FakeApikley(api_key=KEY)
    with Client(
        "apikley",
        api_key=KEY,
        transport=Interrupting(),
        journal=journal,
        upload_base_url="http://127.0.0.1:9/upload",
    ) as client:
        image = tmp_path / "frame.png"
        image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
        try:
            client.submit("a fox", idempotency_key="row-9", images=[image])
        except KeyboardInterrupt:
            entry = journal.get("row-9")  # as the handler sees it, before anything is collected
        else:
            pytest.fail("the interrupt was swallowed")
    assert entry is not None and entry.state is EntryState.INTENT and entry.owner is None
    assert fake.tasks.all() == []


@pytest.mark.parametrize("rival", ["never sent", "another account host"])
async def test_ark_finds_a_lost_create_beside_a_create_that_cannot_own_its_task(
    clock: FakeClock, tmp_path: Path, rival: str
) -> None:
    """A rival blocks reconciliation only if it could own the task: not a create that
    provably never left (connection refused, key released), nor a lost create on another
    account's host, whose tasks this account's list never shows."""
    from seedance.testing import FakeArk

    fake = FakeArk(api_key=KEY, clock=clock)
    journal = SqliteJournal(tmp_path / "ark.sqlite3")
    options: dict[str, Any] = {"api_key": KEY, "clock": clock, "journal": journal}
    async with AsyncClient(
        "ark", transport=fake.transport(), base_url="http://fake/api/v3", **options
    ) as client:
        if rival == "never sent":
            fake.faults.refuse_next = 4  # the first try and its three retries
            with pytest.raises(TransportError):
                await client.submit("row B: a grey wolf", idempotency_key="B")
        else:  # a create lost on another host a moment ago, as that client journals it
            model = client.adapter.default_model
            journal.claim(
                "B",
                provider="ark",
                request={"prompt": "row B: a grey wolf", "model": model},
                output=None,
                owner="elsewhere",
                lease=60,
                hosts={"base_url": "http://other/api/v3"},
                now=clock.time(),
            )
            journal.mark_sending("B", "elsewhere", at=clock.time())
            journal.mark_unknown("B", "elsewhere", "read timeout")
        clock.advance(2)
        fake.faults.accept_then_error_next, fake.faults.accept_then_error_status = 1, 503
        task = await client.submit("row A: a red fox", idempotency_key="A")
    [made] = fake.tasks.all()
    assert task.id == made.id
    entry = journal.get("A")
    assert entry is not None and entry.state is EntryState.SUBMITTED
