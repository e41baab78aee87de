"""The fault suite: never pay twice, never lose a task, under racing processes, SIGKILL,
5xx after acceptance, hung and half-answering servers, and bad input.

Black-box where it can be: ``seedance batch`` runs as real processes (with claim leases
shortened, see tests/support/faults.py) against fakes served over loopback, and every test
counts, at the fake, the creates per request and asserts exactly one. The figures (faults
tried, survived, tasks lost, duplicate creates) are printed at the end of the module
(``pytest -s tests/test_faults.py``).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import math
import signal
import subprocess
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

import seedance._client
from seedance import AsyncClient, Client, PollSchedule
from seedance._batch import run_batch
from seedance._errors import (
    SeedanceError,
    TaskOutcomeUnknownError,
    TransportError,
    ValidationError,
    WaitTimeoutError,
)
from seedance._journal import EntryState, SqliteJournal
from seedance._providers import get_adapter
from seedance.serving import serve_in_thread
from seedance.testing import FakeApikley, FakeArk, FakeClock
from tests.support.faults import (
    cli_env,
    creates_by_prompt,
    ends,
    finish,
    media_gets,
    socket_server,
    start_cli,
)

KEY = "sk-fault-suite"
ROWS = 12
PROCESSES = 3
CRASH_POINTS = (
    "while-rate-limited",  # first: it starts alone (see the test)
    "after-intent",
    "before-create",
    "after-create",
    "after-submitted",
    "while-waiting",
    "while-downloading",
)

TALLY: Counter[str] = Counter()
"""faults tried / survived, tasks lost, duplicate creates: the suite's figures."""


@pytest.fixture(scope="module", autouse=True)
def _figures() -> Iterator[None]:
    yield
    print(
        "\nfault suite: {tried} faults tried, {survived} survived, {lost} tasks lost, "
        "{duplicates} duplicate creates".format(
            tried=TALLY["tried"],
            survived=TALLY["survived"],
            lost=TALLY["lost"],
            duplicates=TALLY["duplicates"],
        )
    )


def tally(creates: Counter[str], prompts: list[str], *, unknown: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    """Count one fault: duplicates are creates beyond one; lost is a prompt with no task
    that is not honestly reported unknown."""
    TALLY["tried"] += 1
    duplicates = sum(max(0, creates[p] - 1) for p in prompts)
    lost = sum(1 for p in prompts if creates[p] == 0 and p not in unknown)
    TALLY["duplicates"] += duplicates
    TALLY["lost"] += lost
    TALLY["survived"] += int(duplicates == 0 and lost == 0)


# --------------------------------------------------------------------------- servers


@pytest.fixture(scope="module")
def limited() -> Iterator[tuple[str, FakeApikley]]:
    """A fake Apikley over loopback enforcing the spec's limits (20 creates / 10 s,
    10 reads / s), with short tasks."""
    fake = FakeApikley(api_key=KEY, queued_for=0.2, running_for=0.3)
    with serve_in_thread(fake.app) as url:
        fake.public_url = url
        yield url, fake


@pytest.fixture(scope="module")
def unlimited() -> Iterator[tuple[str, FakeApikley]]:
    """The same without limits at the fake (the clients still keep their own)."""
    fake = FakeApikley(api_key=KEY, queued_for=0.2, running_for=0.3, create_limit=0, read_limit=0)
    with serve_in_thread(fake.app) as url:
        fake.public_url = url
        yield url, fake


def write_rows(path: Path, prompts: list[str]) -> None:
    path.write_text("".join(json.dumps({"prompt": p}) + "\n" for p in prompts))


def manifest(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]


def batch_args(rows: Path, url: str, out: Path, concurrency: int = 8) -> list[str]:
    return [
        "batch",
        str(rows),
        "--base-url",
        url,
        "--out",
        str(out),
        "--concurrency",
        str(concurrency),
        "--timeout",
        "60",
        "--poll-every",  # tasks of 0.5 s: the default's first look at 2.5 s only waits
        "0.25",
        "--json",
    ]


# --------------------------------------------------------------------------- racing


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_racing_batches_create_each_row_once_and_write_each_video_once(
    engine: str, limited: tuple[str, FakeApikley], tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Three `seedance batch` processes on one file and one journal (on PostgreSQL:
    separate processes with one DSN, as separate hosts would run it) split the rows."""
    url, fake = limited
    journal: str = (
        request.getfixturevalue("postgres_dsn")
        if engine == "postgres"
        else str(tmp_path / "journal.sqlite3")
    )
    prompts = [f"racing {engine} fox {i}" for i in range(ROWS)]
    rows, out = tmp_path / "rows.jsonl", tmp_path / "out"
    write_rows(rows, prompts)
    env = cli_env(journal, KEY)
    before_gets = media_gets(fake)
    posts_before = fake.requests.count(("POST", "/api/v1/jobs/createTask"))
    # the default lease: a live process's claim never expires under it here
    runs = [start_cli(batch_args(rows, url, out), env, lease=60) for _ in range(PROCESSES)]
    results = [finish(p) for p in runs]
    creates = creates_by_prompt(fake)
    tally(creates, prompts)
    for code, stdout, err in results:
        assert "Traceback" not in err, err
        assert code == 0, (stdout, err)
    assert [creates[p] for p in prompts] == [1] * ROWS, "exactly one create per row"
    posts = fake.requests.count(("POST", "/api/v1/jobs/createTask")) - posts_before
    # 12 creates never fill Apikley's window of 20: any extra POST is a repeat
    assert posts == ROWS, f"{posts - ROWS} creates were refused (429) or repeated"
    ids = {t.id for t in fake.tasks.all() if t.request["input"]["prompt"] in prompts}
    gets = media_gets(fake) - before_gets
    assert {i: gets[f"{i}.mp4"] for i in ids} == {i: 1 for i in ids}, "each video once"
    rows_seen = manifest(out)
    assert sorted(r["line"] for r in rows_seen) == list(range(1, ROWS + 1))
    assert {r["status"] for r in rows_seen} == {"succeeded"}
    assert all(Path(r["file"]).read_bytes()[4:8] == b"ftyp" for r in rows_seen)

    code, _, err = finish(start_cli(batch_args(rows, url, out), env))
    assert (code, "Traceback" in err) == (0, False), err
    assert creates_by_prompt(fake) == creates, "the rerun created nothing"
    assert media_gets(fake) - before_gets == gets, "and fetched nothing again"


# --------------------------------------------------------------------------- SIGKILL


def finish_quietly(process: subprocess.Popen[str]) -> None:
    process.wait(timeout=60)


def fill_create_bucket(path: Path) -> None:
    """Reserve the create slot of ``KEY`` five seconds from now in the journal (as another
    process would), so that a batch starting before then waits for the rate limit."""
    adapter = get_adapter("apikley")
    limit = adapter.create_rate_limit
    assert limit is not None
    name = f"apikley:create:{hashlib.sha256(KEY.encode()).hexdigest()[:16]}"
    with SqliteJournal(path) as journal:
        journal.reserve(name, limit, time.time() + 5)


def test_sigkill_at_every_point_then_rerun(
    unlimited: tuple[str, FakeApikley], tmp_path: Path
) -> None:
    """`seedance batch` killed at each point of a task (every point in its own process,
    all at once), then rerun: nothing created twice, a row whose create never left is
    created by the rerun, "outcome unknown" only for a create that really went out."""
    url, fake = unlimited
    runs: dict[str, tuple[Path, Path, dict[str, str], list[str]]] = {}
    for point in CRASH_POINTS:
        where = tmp_path / point
        where.mkdir()
        prompts = [f"{point} fox {i}" for i in range(3)]
        write_rows(where / "rows.jsonl", prompts)
        runs[point] = (
            where / "rows.jsonl",
            where / "out",
            cli_env(where / "j.sqlite3", KEY),
            prompts,
        )
    # one row at a time, so nothing else is on the wire when the kill comes; the create
    # bucket starts full, so the first create waits for the rate limit (that run goes
    # first, alone, to start well within the 5 s)
    fill_create_bucket(tmp_path / "while-rate-limited" / "j.sqlite3")
    crashed: dict[str, subprocess.Popen[str]] = {}
    for point, (rows, out, env, _) in runs.items():
        crashed[point] = start_cli(
            batch_args(rows, url, out, 1), {**env, "SEEDANCE_CRASH_AT": point}
        )
        if point == "while-rate-limited":
            finish_quietly(crashed[point])
    for point, process in crashed.items():
        code, _, err = finish(process)
        assert code == -signal.SIGKILL, (point, err)
    sent_before = creates_by_prompt(fake)
    reruns = {
        point: start_cli(batch_args(rows, url, out, 1), env)
        for point, (rows, out, env, _) in runs.items()
    }
    for point, process in reruns.items():
        code, stdout, err = finish(process)
        prompts = runs[point][3]
        creates = creates_by_prompt(fake)
        assert "Traceback" not in err, (point, err)
        report = json.loads(stdout.splitlines()[-1])
        status = {r["prompt"]: r["status"] for r in report["rows"]}
        unknown = {p for p in prompts if status[p] == "outcome unknown"}
        tally(creates, prompts, unknown=unknown)
        assert [creates[p] for p in prompts] == [1] * 3, (point, creates)
        for p in prompts:
            if status[p] == "outcome unknown":
                assert sent_before[p] == 1, f"{point}: {p!r} refused as sent, never created"
            else:
                assert status[p] == "succeeded", (point, p, status[p])
        assert code == (1 if unknown else 0), (point, err)
        if point not in ("after-create",):
            assert not unknown, (point, status)


# --------------------------------------------------------------------------- 5xx after accept


@pytest.fixture
async def ark_client(tmp_path: Path) -> AsyncIterator[tuple[AsyncClient, FakeArk, SqliteJournal]]:
    clock = FakeClock()
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
        yield client, fake, journal


@pytest.mark.parametrize("status", [500, 502, 503, 504])
@pytest.mark.anyio
async def test_a_5xx_after_apikley_accepted_is_unknown_never_recreated(
    status: int, tmp_path: Path
) -> None:
    clock = FakeClock()
    fake = FakeApikley(api_key=KEY, clock=clock)
    journal = SqliteJournal(tmp_path / "j.sqlite3")
    async with AsyncClient(
        "apikley", api_key=KEY, transport=fake.transport(), clock=clock, journal=journal
    ) as client:
        fake.faults.accept_then_error_next, fake.faults.accept_then_error_status = 1, status
        with pytest.raises(SeedanceError) as first:
            await client.submit("a fox after a 5xx", idempotency_key="k")
        assert not isinstance(first.value, ValidationError)
        entry = journal.get("k")
        assert entry is not None and entry.state is EntryState.UNKNOWN
        with pytest.raises(TaskOutcomeUnknownError):
            await client.submit("a fox after a 5xx", idempotency_key="k")
    tally(creates_by_prompt(fake), ["a fox after a 5xx"])
    assert len(fake.tasks) == 1


@pytest.mark.parametrize("status", [500, 502, 503, 504])
@pytest.mark.anyio
async def test_a_5xx_after_ark_accepted_is_found_in_its_task_list(
    status: int, ark_client: tuple[AsyncClient, FakeArk, SqliteJournal]
) -> None:
    client, fake, journal = ark_client
    fake.faults.accept_then_error_next, fake.faults.accept_then_error_status = 1, status
    task = await client.submit("an ark fox after a 5xx", idempotency_key="k")
    assert task.id == fake.tasks.all()[0].id, "the task the provider made, reconciled"
    again = await client.submit("an ark fox after a 5xx", idempotency_key="k")
    assert again.id == task.id
    entry = journal.get("k")
    assert entry is not None and entry.state is EntryState.SUBMITTED
    tally(creates_by_prompt(fake), ["an ark fox after a 5xx"])
    assert len(fake.tasks) == 1


# --------------------------------------------------------------------------- hung servers


@pytest.mark.parametrize("mode", ["hang", "half", "trickle"])
@pytest.mark.anyio
async def test_a_server_that_hangs_or_answers_half_ends_by_the_timeout(
    mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Accept and never answer, send half a body and close, or trickle a body a byte at a
    time (no read timeout fires): each call ends (by its timeout, or the call budget for
    the whole call: once the timeout here, 4 times it by default), the create is
    journaled unknown, and it is never sent again."""
    monkeypatch.setattr(seedance._client, "CALL_BUDGET", 1)
    journal = SqliteJournal(tmp_path / "j.sqlite3")
    with socket_server(mode) as (url, received):
        async with AsyncClient(
            "apikley", api_key=KEY, base_url=url, timeout=0.5, journal=journal
        ) as client:
            started = time.monotonic()
            with pytest.raises(TransportError) as caught:
                await client.submit("a fox to a hung server", idempotency_key="k")
            assert caught.value.may_have_created
            assert journal.get("k").state is EntryState.UNKNOWN  # type: ignore[union-attr]
            with pytest.raises(TaskOutcomeUnknownError):
                await client.submit("a fox to a hung server", idempotency_key="k")
            with pytest.raises(SeedanceError):
                await client.get("task_1", timeout=1.0)
            assert time.monotonic() - started < 60, "every call ended"
    creates = [r for r in received if r.startswith(b"POST /api/v1/jobs/createTask")]
    TALLY["tried"] += 1
    TALLY["duplicates"] += max(0, len(creates) - 1)
    TALLY["survived"] += int(len(creates) == 1)
    assert len(creates) == 1, "the create went out once, and was never repeated"


@pytest.mark.parametrize("twin", ["sync", "async"])
@pytest.mark.parametrize("mode", ["trickle", "hang"])
def test_get_with_a_timeout_bounds_the_whole_call(twin: str, mode: str) -> None:
    """``get(timeout=...)`` bounds the call, body included: a body that trickles a byte
    at a time never trips httpx's read timeout (30 s here) and used to hold it for ever;
    what ends it is a TransportError, not a rate-limit message."""
    with socket_server(mode) as (url, _):
        options: dict[str, Any] = {"api_key": KEY, "base_url": url, "timeout": 30.0}
        if twin == "sync":

            def call() -> None:
                with Client("apikley", journal=False, **options) as client:
                    client.get("task_1", timeout=0.5)
        else:

            def call() -> None:
                async def go() -> None:
                    async with AsyncClient("apikley", journal=False, **options) as client:
                        await client.get("task_1", timeout=0.5)

                asyncio.run(go())

        error = ends(call, within=10.0)
    assert isinstance(error, TransportError), repr(error)


@pytest.mark.parametrize("twin", ["sync", "async"])
@pytest.mark.parametrize("call", ["get", "submit"])
def test_a_call_ends_when_the_headers_trickle(
    twin: str, call: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Headers a byte every 0.2 s: no hook sees the response before they end and no read
    timeout (1 s) fires, so the sockets' deadline (seedance._transport, either twin) ends
    the call, by get()'s deadline or the call budget (half the timeout here; 4 times it by
    default). A create is then "may have created", never sent again."""
    monkeypatch.setattr(seedance._client, "CALL_BUDGET", 0.5)
    journal = SqliteJournal(tmp_path / "j.sqlite3")
    options: dict[str, Any] = {"api_key": KEY, "timeout": 1.0, "journal": journal}
    with socket_server("headers") as (url, received):
        if twin == "sync":

            def run() -> None:
                with Client("apikley", base_url=url, **options) as client:
                    if call == "get":
                        client.get("task_1", timeout=0.5)
                    else:
                        client.submit("a fox", idempotency_key="k")
        else:

            def run() -> None:
                async def go() -> None:
                    async with AsyncClient("apikley", base_url=url, **options) as client:
                        if call == "get":
                            await client.get("task_1", timeout=0.5)
                        else:
                            await client.submit("a fox", idempotency_key="k")

                asyncio.run(go())

        error = ends(run, within=15.0)
    assert isinstance(error, TransportError), repr(error)
    if call == "submit":
        assert error.may_have_created and len(received) == 1
        assert journal.get("k").state is EntryState.UNKNOWN  # type: ignore[union-attr]


def test_a_sync_wait_ends_at_its_deadline_against_a_trickling_server() -> None:
    with socket_server("trickle") as (url, _):

        def call() -> None:
            every = PollSchedule(steps=((math.inf, 0.1),), jitter=0.0)
            with Client(
                "apikley", api_key=KEY, base_url=url, journal=False, poll_schedule=every
            ) as client:
                client.wait("task_1", timeout=1.0)

        error = ends(call, within=10.0)
    assert isinstance(error, WaitTimeoutError), repr(error)


@pytest.mark.anyio
async def test_a_create_answered_after_the_timeout_is_never_made_twice(tmp_path: Path) -> None:
    """The fake answers later than the client's timeout: the create may exist, so it is
    journaled unknown and never sent again."""
    fake = FakeApikley(api_key=KEY)
    journal = SqliteJournal(tmp_path / "j.sqlite3")
    with serve_in_thread(fake.app) as url:
        async with AsyncClient(
            "apikley", api_key=KEY, base_url=url, timeout=0.3, journal=journal
        ) as client:
            fake.faults.latency = 1.0
            with pytest.raises(TransportError):
                await client.submit("a slow fox", idempotency_key="k")
            fake.faults.latency = 0.0
            with pytest.raises(TaskOutcomeUnknownError):
                await client.submit("a slow fox", idempotency_key="k")
    posts = fake.requests.count(("POST", "/api/v1/jobs/createTask"))
    tally(creates_by_prompt(fake), ["a slow fox"], unknown={"a slow fox"})
    assert posts == 1 and len(fake.tasks) <= 1, "sent once (the server may have made it)"


# --------------------------------------------------------------------------- bad input


BAD = [
    ({"extra": {"x": math.nan}}, "extra.x"),
    ({"extra": {"x": [1, math.inf]}}, "extra.x[1]"),
    ({"extra": {"x": object()}}, "extra.x"),
    ({"extra": [1]}, "extra"),
    ({"seed": math.nan}, "seed"),
    ({"seed": "3"}, "seed"),
    ({"duration": "5"}, "duration"),
    ({"images": True}, "images"),
    ({"output": 5}, "output"),
    ({"callback_url": 5}, "callback_url"),
]


@pytest.mark.parametrize(("options", "field"), BAD, ids=[f for _, f in BAD])
@pytest.mark.anyio
async def test_bad_input_is_a_validation_error_and_never_journaled(
    options: dict[str, Any], field: str, tmp_path: Path
) -> None:
    clock = FakeClock()
    fake = FakeApikley(api_key=KEY, clock=clock)
    journal = SqliteJournal(tmp_path / "j.sqlite3")
    async with AsyncClient(
        "apikley", api_key=KEY, transport=fake.transport(), clock=clock, journal=journal
    ) as client:
        with pytest.raises(ValidationError) as caught:
            await client.submit("a fox", idempotency_key="k", **options)
    assert caught.value.field == field
    TALLY["tried"] += 1
    assert journal.entries() == [] and fake.requests == []
    TALLY["survived"] += 1


@pytest.mark.anyio
async def test_bad_batch_lines_are_rows_and_the_good_one_runs(tmp_path: Path) -> None:
    clock = FakeClock()
    fake = FakeApikley(api_key=KEY, clock=clock, queued_for=1, running_for=1)
    journal = SqliteJournal(tmp_path / "j.sqlite3")
    lines = [
        '{"prompt": "a fox", "seed": NaN}',
        '{"prompt": "a fox", "output": 5}',
        '{"prompt": "a fox", "images": true}',
        '{"prompt": "the good fox"}',
    ]
    async with AsyncClient(
        "apikley", api_key=KEY, transport=fake.transport(), clock=clock, journal=journal
    ) as client:
        result = await run_batch(client, lines, out_dir=tmp_path / "out")
    assert [(r.line, r.status.value) for r in result.rows] == [
        (1, "invalid"),
        (2, "invalid"),
        (3, "invalid"),
        (4, "succeeded"),
    ]
    assert [r.field for r in result.rows[:3]] == ["seed", "output", "images"]
    assert [e.request["prompt"] for e in journal.entries()] == ["the good fox"]
    TALLY["tried"] += 3
    assert creates_by_prompt(fake) == Counter({"the good fox": 1})
    TALLY["survived"] += 3
