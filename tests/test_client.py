"""The wrapper against the fake Apikley, in process: the behaviour users rely on."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

import seedance
from seedance import AsyncClient, Client, Task, TaskStatus
from seedance._errors import (
    AuthenticationError,
    InsufficientCreditsError,
    NotFoundError,
    ProviderUnavailableError,
    RateLimitedError,
    TaskFailedError,
    TransportError,
    UnexpectedResponseError,
    UnsupportedOperationError,
    ValidationError,
    WaitTimeoutError,
)
from seedance.testing import FakeApikley, FakeClock
from tests.support.openapi import ROOT

pytestmark = pytest.mark.anyio

KEY = "sk-test-secret-key-0123456789"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake(clock: FakeClock) -> FakeApikley:
    return FakeApikley(api_key=KEY, clock=clock)


@pytest.fixture
async def client(fake: FakeApikley, clock: FakeClock) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(
        "apikley",
        api_key=KEY,
        transport=fake.transport(),
        clock=clock,
        base_url="http://fake",
        upload_base_url="http://fake",
    ) as client:
        yield client


def creates(fake: FakeApikley) -> int:
    return sum(1 for method, path in fake.requests if path.endswith("/createTask"))


async def test_generate_end_to_end_writes_a_playable_mp4(
    client: AsyncClient, fake: FakeApikley, tmp_path: Path
) -> None:
    updates: list[Task] = []
    task = await client.generate(
        "a red fox in snow",
        aspect_ratio="16:9",
        duration=8,
        output=tmp_path / "fox.mp4",
        on_update=updates.append,
    )
    assert task.status is TaskStatus.SUCCEEDED
    assert task.video_url and task.video_url.endswith(".mp4")
    data = (tmp_path / "fox.mp4").read_bytes()
    assert data[4:8] == b"ftyp"
    assert updates[0].status is TaskStatus.QUEUED
    assert TaskStatus.RUNNING in [u.status for u in updates]
    sent = fake.tasks.all()[0].request
    assert sent["input"] == {"prompt": "a red fox in snow", "aspect_ratio": "16:9", "duration": 8}


async def test_required_fields_get_the_spec_default(client: AsyncClient, fake: FakeApikley) -> None:
    await client.submit("a red fox in snow")
    # seedance-1.5-pro requires aspect_ratio; the spec's default is '1:1'
    assert fake.tasks.all()[0].request["input"]["aspect_ratio"] == "1:1"


async def test_duration_is_coerced_to_the_models_type(
    client: AsyncClient, fake: FakeApikley
) -> None:
    await client.submit("a fox", model="bytedance/v1-pro-text-to-video", duration=10)
    assert fake.tasks.all()[0].request["input"]["duration"] == "10"  # a string enum there


@pytest.mark.parametrize(
    ("options", "field", "allowed"),
    [
        ({"duration": 7}, "duration", [4, 8, 12]),
        ({"aspect_ratio": "2:1"}, "aspect_ratio", ["1:1", "4:3", "3:4", "16:9", "9:16", "21:9"]),
        ({"resolution": "1080p"}, "resolution", ["480p", "720p"]),
        ({"watermark": True}, "watermark", None),
        ({"model": "bytedance/nope"}, "model", None),
    ],
)
async def test_invalid_requests_fail_before_sending(
    client: AsyncClient,
    fake: FakeApikley,
    options: dict[str, Any],
    field: str,
    allowed: list[Any] | None,
) -> None:
    with pytest.raises(ValidationError) as caught:
        await client.submit("a red fox in snow", **options)
    error = caught.value
    assert error.field == field
    assert error.provider == "apikley"
    assert str(options[field]) in str(error) or repr(options[field]) in str(error)
    if allowed is not None:
        assert error.allowed == allowed
    assert fake.requests == [], "nothing may be sent for an invalid request"


async def test_prompt_length_comes_from_the_spec(client: AsyncClient, fake: FakeApikley) -> None:
    with pytest.raises(ValidationError, match="at most 2500 characters"):
        await client.submit("x" * 2501)
    with pytest.raises(ValidationError, match="at least 3 characters"):
        await client.submit("xy")
    assert fake.requests == []


async def test_image_count_is_checked(client: AsyncClient, fake: FakeApikley) -> None:
    with pytest.raises(ValidationError, match="takes exactly 1 image"):
        await client.submit("a fox", model="bytedance/v1-pro-fast-image-to-video")
    with pytest.raises(ValidationError, match="0 to 2"):
        await client.submit("a fox", images=["https://x/1.png"] * 3)
    assert fake.requests == []


async def test_local_images_are_uploaded_first(
    client: AsyncClient, fake: FakeApikley, tmp_path: Path
) -> None:
    image = tmp_path / "fox.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    await client.submit("a red fox", images=[image, b"\xff\xd8\xff" + b"1" * 10])
    urls = fake.tasks.all()[0].request["input"]["input_urls"]
    assert len(urls) == 2 and all("/_fake/files/" in u for u in urls)
    assert [data for data, _ in fake.uploads.values()] == [
        image.read_bytes(),
        b"\xff\xd8\xff" + b"1" * 10,
    ]


async def test_failed_task_raises_with_the_task(client: AsyncClient, fake: FakeApikley) -> None:
    fake.faults.fail_tasks = True
    task = await client.submit("a red fox in snow")
    with pytest.raises(TaskFailedError) as caught:
        await client.wait(task)
    assert caught.value.task.status is TaskStatus.FAILED
    assert caught.value.task.error_code == "500"
    done = await client.wait(task, raise_on_failure=False)
    assert done.error_message


async def test_wait_has_a_deadline(
    client: AsyncClient, fake: FakeApikley, clock: FakeClock
) -> None:
    fake.tasks.running_for = 10_000
    task = await client.submit("a red fox in snow")
    start = clock.monotonic()
    with pytest.raises(WaitTimeoutError) as caught:
        await client.wait(task, timeout=120)
    assert caught.value.task_id == task.id
    assert caught.value.last is not None and caught.value.last.status is TaskStatus.RUNNING
    assert 120 <= clock.monotonic() - start < 150


async def test_record_is_null_at_first_means_keep_waiting(
    client: AsyncClient, fake: FakeApikley
) -> None:
    fake.visible_after = 4
    task = await client.submit("a red fox in snow")
    early = await client.get(task)
    assert early.status is TaskStatus.QUEUED and early.provider_status == "recordInfo is null"
    assert (await client.wait(task)).succeeded


async def test_unknown_state_is_unknown_not_a_crash(client: AsyncClient, fake: FakeApikley) -> None:
    task = await client.submit("a red fox in snow")
    fake.state = lambda task, now: "thinking"
    seen = await client.get(task)
    assert seen.status is TaskStatus.UNKNOWN and seen.provider_status == "thinking"
    assert seen.raw["data"]["state"] == "thinking"


async def test_reads_are_retried_on_5xx_and_429(client: AsyncClient, fake: FakeApikley) -> None:
    task = await client.submit("a red fox in snow")
    fake.faults.server_error_next = 2
    fake.faults.server_error_status = 502
    assert (await client.get(task)).id == task.id
    fake.faults.rate_limit_next = 1
    assert (await client.get(task)).id == task.id
    assert client.request_counts["get_task_details"] == 5


async def test_reads_give_up_after_max_retries(client: AsyncClient, fake: FakeApikley) -> None:
    fake.faults.server_error_next = 10
    with pytest.raises(ProviderUnavailableError):
        await client.get("task_x")
    assert client.request_counts["get_task_details"] == 4  # 1 + 3 retries


async def test_a_create_is_not_retried_after_a_5xx(client: AsyncClient, fake: FakeApikley) -> None:
    fake.faults.server_error_next = 1
    with pytest.raises(ProviderUnavailableError):
        await client.submit("a red fox in snow")
    assert creates(fake) == 1


async def test_a_create_is_retried_after_429_honouring_retry_after(
    client: AsyncClient, fake: FakeApikley, clock: FakeClock
) -> None:
    fake.faults.rate_limit_next = 1
    fake.faults.retry_after = 7
    start = clock.monotonic()
    task = await client.submit("a red fox in snow")
    assert task.id and creates(fake) == 2 and len(fake.tasks) == 1
    assert clock.monotonic() - start >= 7


async def test_a_create_is_retried_when_the_connection_was_refused(
    client: AsyncClient, fake: FakeApikley
) -> None:
    fake.faults.refuse_next = 2
    await client.submit("a red fox in snow")
    assert len(fake.tasks) == 1


async def test_a_lost_answer_to_a_create_is_not_retried(
    client: AsyncClient, fake: FakeApikley
) -> None:
    fake.faults.drop_next = 1
    with pytest.raises(TransportError) as caught:
        await client.submit("a red fox in snow")
    assert caught.value.may_have_created is True
    assert "may exist" in str(caught.value)
    assert len(fake.tasks) == 1, "exactly one task: the provider's, never a duplicate"


async def test_maintenance_is_retried_for_creates(client: AsyncClient, fake: FakeApikley) -> None:
    fake.faults.server_error_next = 1
    fake.faults.server_error_status = 455
    fake.in_body_errors = True  # 455 is not an HTTP status: kie-style in-body code
    task = await client.submit("a red fox in snow")
    assert task.id and len(fake.tasks) == 1


async def test_malformed_json_is_an_error_that_keeps_the_body(
    client: AsyncClient, fake: FakeApikley
) -> None:
    fake.faults.malformed_next = 10
    with pytest.raises(UnexpectedResponseError) as caught:
        await client.get("task_x")
    assert caught.value.raw == '{"code": 200, "da'


@pytest.mark.parametrize("in_body", [False, True])
async def test_errors_map_from_http_status_and_body_code_alike(
    client: AsyncClient, fake: FakeApikley, in_body: bool
) -> None:
    fake.in_body_errors = in_body
    with pytest.raises(NotFoundError):
        await client.get("task_missing")
    fake.credits = 0
    with pytest.raises(InsufficientCreditsError) as caught:
        await client.submit("a red fox in snow")
    assert caught.value.code == 402 and caught.value.raw["msg"]
    fake.credits = None
    fake.faults.rate_limit_next = 10
    with pytest.raises(RateLimitedError):
        await client.submit("a red fox in snow")


async def test_a_wrong_key_is_an_authentication_error_without_the_key(
    fake: FakeApikley, clock: FakeClock
) -> None:
    async with AsyncClient(
        "apikley", api_key="sk-wrong-0000", transport=fake.transport(), clock=clock
    ) as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.get("task_x")
    assert "APIKLEY_API_KEY" in str(caught.value)
    assert "sk-wrong-0000" not in str(caught.value) + repr(caught.value) + repr(client)


def test_a_missing_key_names_the_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("APIKLEY_API_KEY", raising=False)
    with pytest.raises(AuthenticationError, match="APIKLEY_API_KEY"):
        AsyncClient("apikley")


def test_an_unknown_provider_lists_the_known_ones() -> None:
    with pytest.raises(seedance.ConfigurationError, match="apikley"):
        AsyncClient("nope", api_key="x")


async def test_the_key_never_appears_in_reprs(client: AsyncClient) -> None:
    await client.get(await client.submit("a red fox"))  # the host's httpx client exists now
    shown = repr(client) + repr(client._sender) + repr(client._hosts) + repr(client._settings)
    shown += repr(client._hosts[0].headers) + repr(client._hosts[0].auth)
    assert KEY not in shown


async def test_cancel_and_list_are_unsupported_on_apikley(client: AsyncClient) -> None:
    with pytest.raises(UnsupportedOperationError, match="cancel"):
        await client.cancel("task_x")
    with pytest.raises(UnsupportedOperationError, match="list"):
        await client.list()


async def test_tasks_serialise_and_come_back_equal(client: AsyncClient) -> None:
    task = await client.wait(await client.submit("a red fox in snow"))
    data = json.loads(json.dumps(task.to_dict()))
    assert Task.from_dict(data) == task


def test_the_sync_client_shares_the_async_implementation(tmp_path: Path) -> None:
    clock = FakeClock()
    fake = FakeApikley(api_key=KEY, clock=clock)
    with Client("apikley", api_key=KEY, transport=fake.sync_transport(), clock=clock) as client:
        task = client.generate("a red fox in snow", output=tmp_path / "fox.mp4")
        assert task.succeeded and (tmp_path / "fox.mp4").read_bytes()[4:8] == b"ftyp"
        assert client.get(task.id).status is TaskStatus.SUCCEEDED
        with pytest.raises(ValidationError):
            client.submit("a fox", duration=7)


def test_list_models_reads_the_specs() -> None:
    infos = {info.model: info for info in seedance.list_models("apikley")}
    documents = {
        yaml.safe_load(f.read_text())["paths"]["/api/v1/jobs/createTask"]["post"]["requestBody"][
            "content"
        ]["application/json"]["schema"]["properties"]["model"]["enum"][0]
        for f in (ROOT / "specs" / "apikley" / "vendor").glob("*.yaml")
    }
    assert set(infos) == documents
    assert {"bytedance/seedance-2", "bytedance/seedance-2-fast"} <= set(infos)
    pro = infos["bytedance/seedance-1.5-pro"]
    assert pro.options["duration"].schema["enum"] == [4, 8, 12]
    assert pro.options["camera_fixed"].field == "fixed_lens"
    assert (pro.min_images, pro.max_images) == (0, 2)


def test_the_sync_client_over_loopback_uses_blocking_io(tmp_path: Path) -> None:
    """Without a transport, the sync client does plain blocking HTTP on its loop thread."""
    from seedance.serving import serve_in_thread

    fake = FakeApikley(api_key=KEY, queued_for=0.05, running_for=0.1, video_size=1_000_000)
    fast = seedance.PollSchedule(steps=((float("inf"), 0.05),), jitter=0.0)
    with serve_in_thread(fake.app) as url:
        fake.public_url = url
        with Client("apikley", api_key=KEY, base_url=url, poll_schedule=fast) as client:
            task = client.generate("a red fox in snow", output=tmp_path / "fox.mp4")
            assert client._hosts and all(isinstance(h, httpx.Client) for h in client._hosts)
            with pytest.raises(ValidationError):
                client.submit("a fox", duration=7)
            with pytest.raises(NotFoundError):
                client.get("task_missing")
    assert task.succeeded
    data = (tmp_path / "fox.mp4").read_bytes()
    assert len(data) == 1_000_000 and data[4:8] == b"ftyp"


def test_a_new_client_loads_no_generated_client_and_opens_no_connection_pool() -> None:
    """Import + first client stays cheap: the generated operations and models, httpcore
    and the per-host httpx client (its TLS context) load on the first request, not before
    (the spec is read from the generated package's data)."""
    import subprocess
    import sys

    code = (
        "import sys, seedance\n"
        "client = seedance.Client('apikley', api_key='x', journal=False)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('apikley_client.api', "
        "'apikley_client.models', 'httpcore'))))\n"
        "print(len(client._hosts))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    # httpcore too (~0.1 s): httpx defers it to the first transport, and so do we
    assert done.stdout.split("\n")[:2] == ["[]", "0"], done.stdout + done.stderr


def test_threads_sharing_one_sync_client_each_get_their_own_task(tmp_path: Path) -> None:
    """One Client, 8 threads submitting and reading at once from a cold start (no host
    client made yet) with the journal on: every submission is one task at the provider
    and one journal entry, each thread reads back its own task, and the host gets one
    httpx client."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from seedance.serving import serve_in_thread

    # the provider's limits off on both sides: this is about threads, not pacing
    fake = FakeApikley(api_key=KEY, queued_for=0, running_for=0, create_limit=0, read_limit=0)
    threads, each = 8, 5
    start = threading.Barrier(threads)
    with serve_in_thread(fake.app) as url:
        fake.public_url = url
        journal = tmp_path / "journal.sqlite3"
        with Client(
            "apikley", api_key=KEY, base_url=url, journal=journal, rate_limit=False
        ) as client:

            def work(n: int) -> list[tuple[str, str]]:
                start.wait(timeout=30)
                done = []
                for i in range(each):
                    prompt = f"fox {n}-{i}"
                    task = client.submit(prompt, idempotency_key=f"k-{n}-{i}")
                    seen = client.get(task)
                    assert seen.id == task.id and seen.raw["data"]["param"].find(prompt) >= 0
                    done.append((prompt, task.id))
                return done

            with ThreadPoolExecutor(threads) as pool:
                results = [pair for part in pool.map(work, range(threads)) for pair in part]
            assert len(client._hosts) == 1
            entries = client.journal.entries(limit=1000)
    ids = [task_id for _, task_id in results]
    assert len(set(ids)) == threads * each
    prompts = sorted(t.request["input"]["prompt"] for t in fake.tasks.all())
    assert prompts == sorted(prompt for prompt, _ in results)
    assert sorted(e.task_id for e in entries if e.task_id) == sorted(ids)


async def test_a_closed_client_makes_no_new_connections(fake: FakeApikley) -> None:
    """Closed before its first request: a call fails instead of quietly opening (and
    leaking) a connection pool, as with a client closed after use."""
    sync = Client("apikley", api_key=KEY, transport=fake.sync_transport(), journal=False)
    sync.close()
    with pytest.raises(RuntimeError, match="closed"):
        sync.get("task_x")
    assert sync._hosts == []
    async with AsyncClient(
        "apikley", api_key=KEY, transport=fake.transport(), journal=False
    ) as client:
        pass
    with pytest.raises(RuntimeError, match="closed"):
        await client.get("task_x")
    assert client._hosts == []


async def test_on_task_done_fires_once_when_a_polling_wait_sees_the_end(
    client: AsyncClient, fake: FakeApikley
) -> None:
    """No callbacks: the wait's own polls find the end, and the handlers hear it once,
    an async one awaited, a failed task too (before wait() raises)."""
    fired: list[tuple[str, str]] = []

    async def later(task: Task) -> None:
        fired.append(("async", task.status.value))

    client.on_task_done(lambda task: fired.append(("sync", task.status.value)))
    client.on_task_done(later)
    task = await client.submit("a red fox in snow")
    assert fired == []  # submitted is not done
    done = await client.wait(task)
    assert done.succeeded and fired == [("sync", "succeeded"), ("async", "succeeded")]
    await client.wait(task)  # the same end again: no second call
    await client.get(task)
    assert len(fired) == 2
    fake.faults.fail_tasks = True
    failing = await client.submit("a grey wolf in snow")
    with pytest.raises(TaskFailedError):
        await client.wait(failing)
    assert fired[2:] == [("sync", "failed"), ("async", "failed")]


def test_on_task_done_fires_when_a_sync_wait_sees_the_end(fake: FakeApikley) -> None:
    fired: list[str] = []
    with Client(
        "apikley",
        api_key=KEY,
        transport=fake.sync_transport(),
        clock=fake.clock,
        base_url="http://fake",
        journal=False,
    ) as client:
        client.on_task_done(lambda task: fired.append(task.id))
        task = client.submit("a red fox in snow")
        client.get(task)
        assert fired == []
        client.wait(task)
        client.wait(task)
    assert fired == [task.id]


async def test_a_calls_deadline_ends_with_it(client: AsyncClient, fake: FakeApikley) -> None:
    """The deadline the sockets keep (seedance._transport) is the call's alone: later I/O
    in the same task or thread (a download's body, the user's own) never inherits it."""
    from seedance._call import call_deadline

    task = await client.submit("a red fox in snow")
    await client.get(task)
    assert call_deadline.get() is None
    with Client(
        "apikley", api_key=KEY, transport=fake.sync_transport(), base_url="http://fake"
    ) as sync:
        sync.get(sync.submit("a grey wolf in snow", idempotency_key="wolf"))
        assert call_deadline.get() is None
