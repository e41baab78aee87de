"""Download under faults: stale parts, changed files, racing writers (threads, tasks and
processes), a writer SIGKILLed mid-body, a held lock, private files, and result URLs the
direct fetch refuses (the spec's download-url fallback). Through ``Client.download`` and
``AsyncClient.download`` where a client is involved; over loopback for processes."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import itertools
import json
import multiprocessing
import os
import queue
import random
import signal
import stat
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import seedance._download as downloads
from seedance import AsyncClient, Client, DownloadError, ProviderRejectedError, Task
from seedance._download import download, download_flow, perform_sync
from seedance._flow import run
from seedance.serving import serve_in_thread
from seedance.testing import FakeApikley, FakeClock, async_client_for, client_for
from seedance.testing.media import video_bytes
from tests.support.download_workers import download_one
from tests.support.downloads import FileServer, Wire, lock_of, part_of, sidecar_of

KEY = "test-key"
SIZE = 300_000
DEADLINE = 60.0  # seconds any wait in these tests may take before it counts as a hang


# --------------------------------------------------------------------------- helpers


def fetch_sync(transport: httpx.BaseTransport, url: str, dest: Path, **options: Any) -> Path:
    """The download flow driven by blocking I/O (what ``Client`` does)."""
    with httpx.Client(transport=transport) as http:

        def perform(effect: Any) -> Any:
            return perform_sync(http, effect)

        return run(download_flow(url, dest, **options), perform)


def fetch_async(transport: httpx.AsyncBaseTransport, url: str, dest: Path, **options: Any) -> Path:
    async def go() -> Path:
        async with httpx.AsyncClient(transport=transport) as http:
            return await download(http, url, dest, **options)

    return asyncio.run(go())


def fetch(mode: str, transport: Any, url: str, dest: Path, **options: Any) -> Path:
    return (fetch_sync if mode == "sync" else fetch_async)(transport, url, dest, **options)


def gave_up(mode: str, server: FileServer, url: str, dest: Path, at: int) -> None:
    """A transfer of ``url`` that broke after ``at`` bytes: its part and sidecar stay."""
    with pytest.raises(DownloadError):
        fetch(mode, Wire(server.transport(), cuts=[at]), url, dest, max_resumes=0)
    assert part_of(dest).stat().st_size == at


modes = pytest.mark.parametrize("mode", ["sync", "async"])


class Gate:
    """ASGI middleware before a fake: records media requests (method, Range) and holds
    media bodies once ``stall_after`` bytes went out, until ``release()`` (or a deadline,
    so that nothing hangs)."""

    def __init__(self, app: Any, stall_after: int = 0) -> None:
        self.app = app
        self.stall_after = stall_after
        self.opened = threading.Event()
        self.media: list[tuple[str, str | None]] = []

    def release(self) -> None:
        self.opened.set()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/_fake/media/"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        self.media.append((scope["method"], (headers.get(b"range") or b"").decode() or None))
        sent = 0

        async def gated(message: Any) -> None:
            nonlocal sent
            if message["type"] == "http.response.body" and sent >= self.stall_after:
                deadline = time.monotonic() + DEADLINE
                while not self.opened.is_set() and time.monotonic() < deadline:
                    await asyncio.sleep(0.01)
            sent += len(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, gated)

    @property
    def gets(self) -> int:
        return sum(1 for method, _ in self.media if method == "GET")


def finished_task(fake: FakeApikley) -> Task:
    """A task created through the API and run to success on the fake's clock."""
    with client_for(fake, journal=False) as client:
        task = client.submit("a red fox in snow")
        assert isinstance(fake.clock, FakeClock)
        fake.clock.advance(60)
        done = client.get(task.id)
    assert done.succeeded and done.video_url
    return done


def on_host(base: str) -> Client:
    """A client whose API and files are both on the loopback server (no other host)."""
    return Client("apikley", api_key=KEY, base_url=base, journal=False)


def on_loopback(task: Task, base: str) -> Task:
    assert task.video_url is not None
    return attrs.evolve(task, video_url=base + httpx.URL(task.video_url).path)


@pytest.fixture
def fake() -> FakeApikley:
    return FakeApikley(api_key=KEY, clock=FakeClock(), video_size=SIZE)


def wait_for(events: Any, count: int, kind: str) -> list[tuple[Any, ...]]:
    """``count`` events of ``kind`` from a queue, within the deadline."""
    found: list[tuple[Any, ...]] = []
    deadline = time.monotonic() + DEADLINE
    while len(found) < count:
        try:
            event = events.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError(f"only {len(found)} of {count} {kind!r} events") from None
        assert event[0] != "error", event[2]
        if event[0] == kind:
            found.append(event)
    return found


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


# --------------------------------------------------------------------------- stale parts


@modes
def test_a_part_from_another_url_is_never_continued(mode: str, tmp_path: Path) -> None:
    old, new = FileServer(video_bytes(SIZE)), FileServer(video_bytes(SIZE)[::-1])
    dest = tmp_path / "fox.mp4"
    gave_up(mode, old, "http://cdn/old.mp4", dest, 120_000)
    fetch(mode, new.transport(), "http://cdn/new.mp4", dest)
    assert dest.read_bytes() == new.data  # not old's first 120 kB + new's rest
    assert [(r, s) for r, _, s in new.seen] == [(None, 200)]  # it never asked for a range
    assert not part_of(dest).exists() and not sidecar_of(dest).exists()


@modes
def test_same_url_with_a_changed_etag_is_fetched_whole(mode: str, tmp_path: Path) -> None:
    """The file behind the URL changed (same length, other bytes): If-Range carries the
    old ETag, the server answers 200, and the whole new file replaces the part."""
    server = FileServer(video_bytes(SIZE))
    dest = tmp_path / "fox.mp4"
    gave_up(mode, server, "http://cdn/fox.mp4", dest, 120_000)
    old_etag = server.etag
    server.replace(bytes(reversed(server.data)))
    fetch(mode, server.transport(), "http://cdn/fox.mp4", dest)
    assert dest.read_bytes() == server.data
    assert server.seen[-1] == ("bytes=120000-", old_etag, 200)


@modes
def test_a_206_of_a_changed_file_is_not_appended(mode: str, tmp_path: Path) -> None:
    """A server (a broken cache) that ignores If-Range and answers the Range of the new
    file: its ETag gives it away and the download starts over."""
    server = FileServer(video_bytes(SIZE))
    dest = tmp_path / "fox.mp4"
    gave_up(mode, server, "http://cdn/fox.mp4", dest, 120_000)
    server.replace(bytes(reversed(server.data)))
    stale = server.handle

    def ignoring_if_range(request: httpx.Request) -> httpx.Response:
        if "if-range" in request.headers:
            del request.headers["if-range"]  # honours Range, whatever the validator
        return stale(request)

    fetch(mode, httpx.MockTransport(ignoring_if_range), "http://cdn/fox.mp4", dest)
    assert dest.read_bytes() == server.data
    assert [(r, s) for r, _, s in server.seen[1:]] == [("bytes=120000-", 206), (None, 200)]


@modes
def test_a_file_without_validators_is_never_resumed(mode: str, tmp_path: Path) -> None:
    """No ETag, no Last-Modified: nothing proves the next answer is the same file."""
    data = video_bytes(SIZE)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=data)

    dest = tmp_path / "fox.mp4"
    wire = Wire(httpx.MockTransport(handler), cuts=[50_000])
    fetch(mode, wire, "http://cdn/fox.mp4", dest)
    assert wire.ranges == [None, None] and dest.read_bytes() == data


@modes
def test_a_torn_sidecar_restarts(mode: str, tmp_path: Path) -> None:
    server = FileServer(video_bytes(SIZE))
    dest = tmp_path / "fox.mp4"
    gave_up(mode, server, "http://cdn/fox.mp4", dest, 120_000)
    text = sidecar_of(dest).read_text()
    sidecar_of(dest).write_text(text[: len(text) // 2])
    fetch(mode, server.transport(), "http://cdn/fox.mp4", dest)
    assert server.seen[-1][0] is None and dest.read_bytes() == server.data


FUZZ_SIZE = 4000
call = st.fixed_dictionaries(
    {
        "url": st.sampled_from(["http://a/v.mp4", "http://b/v.mp4"]),
        "change": st.booleans(),  # the file behind that URL changes before this call
        "cuts": st.lists(st.none() | st.integers(0, FUZZ_SIZE), max_size=4),
        "max_resumes": st.integers(0, 2),
    }
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    calls=st.lists(call, min_size=1, max_size=6),
    etag=st.booleans(),
    mode=st.sampled_from(["sync", "async"]),
)
def test_any_history_of_breaks_and_changes_ends_in_the_served_file(
    calls: list[dict[str, Any]], etag: bool, mode: str
) -> None:
    """Calls to two URLs sharing one destination, files changing between calls (same
    size, other bytes), transfers breaking anywhere: every call that returns wrote
    exactly what its URL served at the time, and a last clean call always does."""
    versions = {"http://a/v.mp4": 0, "http://b/v.mp4": 100}
    servers = {
        url: FileServer(random.Random(v).randbytes(FUZZ_SIZE), etag=etag)
        for url, v in versions.items()
    }

    def handler(request: httpx.Request) -> httpx.Response:
        return servers[f"http://{request.url.host}/v.mp4"].handle(request)

    with tempfile.TemporaryDirectory() as folder:
        dest = Path(folder) / "v.mp4"
        for step in [*calls, {"url": "http://a/v.mp4", "change": False, "cuts": []}]:
            server = servers[step["url"]]
            if step["change"]:
                versions[step["url"]] += 1
                server.replace(random.Random(versions[step["url"]]).randbytes(FUZZ_SIZE))
            wire = Wire(httpx.MockTransport(handler), cuts=step["cuts"])
            try:
                fetch(mode, wire, step["url"], dest, max_resumes=step.get("max_resumes", 5))
            except DownloadError:
                assert step["cuts"], "only a broken transfer may fail"
                continue
            assert dest.read_bytes() == server.data
        assert not part_of(dest).exists() and not sidecar_of(dest).exists()


# --------------------------------------------------------------------------- private files


def test_files_are_private_whatever_the_umask(fake: FakeApikley, tmp_path: Path) -> None:
    task = finished_task(fake)
    dest = tmp_path / "fox.mp4"
    part_of(dest).write_bytes(b"left over")
    os.chmod(part_of(dest), 0o644)
    seen: list[bool] = []

    def on_progress(done: int, total: int | None) -> None:
        seen.append(private(part_of(dest)) and private(sidecar_of(dest)))
        seen.append(private(lock_of(dest)))

    previous = os.umask(0)
    try:
        with client_for(fake) as client:
            client.download(task, dest, on_progress=on_progress)
    finally:
        os.umask(previous)
    assert seen and all(seen)
    assert private(dest)


# --------------------------------------------------------------------------- racing writers


@contextlib.contextmanager
def loopback(fake: FakeApikley, stall_after: int = 0) -> Iterator[tuple[str, Gate]]:
    gate = Gate(fake.app, stall_after)
    try:
        with serve_in_thread(gate) as base:
            yield base, gate
    finally:
        gate.release()


def watch_lock(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts, per thread, the first time a writer found the lock held."""
    blocked: list[int] = []
    original = downloads._try_lock
    seen: set[int] = set()
    guard = threading.Lock()

    def watched(path: Path) -> Any:
        found = original(path)
        key = id(asyncio.current_task()) if _in_loop() else threading.get_ident()
        with guard:
            if found is None and key not in seen:
                seen.add(key)
                blocked.append(key)
        return found

    monkeypatch.setattr(downloads, "_try_lock", watched)
    return blocked


def _in_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def wait_until(condition: Any, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


WRITERS = 4


def test_threads_sharing_a_client_write_the_file_once(
    fake: FakeApikley, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = finished_task(fake)
    dest = tmp_path / "fox.mp4"
    blocked = watch_lock(monkeypatch)
    results: list[Path | BaseException] = []
    with loopback(fake) as (base, gate), on_host(base) as client:
        job = on_loopback(task, base)

        def one() -> None:
            try:
                results.append(client.download(job, dest))
            except BaseException as exc:
                results.append(exc)

        threads = [threading.Thread(target=one) for _ in range(WRITERS)]
        for thread in threads:
            thread.start()
        wait_until(lambda: len(blocked) >= WRITERS - 1 or results, "the others to wait")
        gate.release()
        for thread in threads:
            thread.join(DEADLINE)
    assert results == [dest] * WRITERS
    assert gate.gets == 1, gate.media  # the others waited and found it done
    assert dest.read_bytes() == video_bytes(SIZE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fox.mp4"]


def test_tasks_of_an_async_client_write_the_file_once(
    fake: FakeApikley, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = finished_task(fake)
    dest = tmp_path / "fox.mp4"
    blocked = watch_lock(monkeypatch)
    with loopback(fake) as (base, gate):
        job = on_loopback(task, base)

        async def main() -> list[Path | BaseException]:
            async with AsyncClient("apikley", api_key=KEY, base_url=base, journal=False) as client:
                runs = [asyncio.ensure_future(client.download(job, dest)) for _ in range(WRITERS)]
                deadline = time.monotonic() + DEADLINE
                while len(blocked) < WRITERS - 1 and time.monotonic() < deadline:
                    await asyncio.sleep(0.01)
                gate.release()
                return list(await asyncio.gather(*runs, return_exceptions=True))

        results = asyncio.run(main())
    assert results == [dest] * WRITERS
    assert gate.gets == 1
    assert dest.read_bytes() == video_bytes(SIZE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fox.mp4"]


def test_processes_write_the_file_once(fake: FakeApikley, tmp_path: Path) -> None:
    task = finished_task(fake)
    dest = tmp_path / "fox.mp4"
    context = multiprocessing.get_context("spawn")
    events = context.Queue()
    with loopback(fake) as (base, gate):
        job = on_loopback(task, base)
        workers = [
            context.Process(target=download_one, args=(base, KEY, job.video_url, str(dest), events))
            for _ in range(3)
        ]
        for worker in workers:
            worker.start()
        try:
            wait_for(events, 2, "blocked")  # two found the lock held by the third
            gate.release()
            done = wait_for(events, 3, "done")
        finally:
            for worker in workers:
                worker.join(DEADLINE)
                if worker.is_alive():
                    worker.kill()
    assert [worker.exitcode for worker in workers] == [0, 0, 0]
    assert {path for _, _, path in done} == {str(dest)}
    assert gate.gets == 1
    assert dest.read_bytes() == video_bytes(SIZE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fox.mp4"]


def test_a_held_lock_fails_by_its_deadline_in_real_time(
    fake: FakeApikley, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer holds the destination: the call fails at the lock deadline, and the
    wait takes real time (the fake clock, shared with the provider, does not move)."""
    task = finished_task(fake)
    dest = tmp_path / "fox.mp4"
    monkeypatch.setattr(downloads, "LOCK_TIMEOUT", 0.3)
    before = fake.clock.time()
    with lock_of(dest).open("ab") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with client_for(fake) as client, pytest.raises(DownloadError) as caught:
            client.download(task, dest)
        assert "being written by another download" in str(caught.value)

        async def in_async() -> None:
            async with async_client_for(fake) as client:
                await client.download(task, dest)

        with pytest.raises(DownloadError):
            asyncio.run(in_async())
    assert fake.clock.time() == before
    assert not dest.exists()
    with client_for(fake) as client:  # released: the next call writes it
        assert client.download(task, dest) == dest
    assert dest.read_bytes() == video_bytes(SIZE)


# --------------------------------------------------------------------------- crashes


def test_a_writer_killed_mid_body_leaves_a_part_the_next_run_resumes(tmp_path: Path) -> None:
    size = 3_000_000
    fake = FakeApikley(api_key=KEY, clock=FakeClock(), video_size=size)
    task = finished_task(fake)
    dest = tmp_path / "fox.mp4"
    context = multiprocessing.get_context("spawn")
    events = context.Queue()
    with loopback(fake, stall_after=size // 2) as (base, gate):
        job = on_loopback(task, base)
        worker = context.Process(
            target=download_one, args=(base, KEY, job.video_url, str(dest), events)
        )
        worker.start()
        try:
            wait_until(
                # its first buffer flush (up to WRITE_BUFFER; socket chunks are uneven)
                lambda: part_of(dest).exists() and part_of(dest).stat().st_size >= 1 << 19,
                "the writer to put half a megabyte on disk",
            )
        finally:
            if worker.pid is not None:
                os.kill(worker.pid, signal.SIGKILL)
            worker.join(DEADLINE)
        assert worker.exitcode == -signal.SIGKILL
        on_disk = part_of(dest).stat().st_size
        assert json.loads(sidecar_of(dest).read_text())["total"] == size
        gate.release()
        with on_host(base) as client:
            assert client.download(job, dest) == dest
    assert gate.media[-1] == ("GET", f"bytes={on_disk}-")  # only what was missing
    assert dest.read_bytes() == video_bytes(size)
    assert not part_of(dest).exists() and not sidecar_of(dest).exists()
    (fake._media_dir / f"video-{size}.mp4").unlink(missing_ok=True)


def test_a_crash_at_the_first_chunk_then_a_clean_run(fake: FakeApikley, tmp_path: Path) -> None:
    """``SEEDANCE_CRASH_AT=while-downloading`` kills the client at its first progress
    report; the next run, through the same client code, produces the exact file."""
    task = finished_task(fake)
    dest = tmp_path / "fox.mp4"
    context = multiprocessing.get_context("spawn")
    events = context.Queue()
    with loopback(fake) as (base, gate):
        gate.release()
        job = on_loopback(task, base)
        os.environ["SEEDANCE_CRASH_AT"] = "while-downloading"
        try:
            worker = context.Process(
                target=download_one, args=(base, KEY, job.video_url, str(dest), events)
            )
            worker.start()
        finally:
            del os.environ["SEEDANCE_CRASH_AT"]
        worker.join(DEADLINE)
        assert worker.exitcode == -signal.SIGKILL
        assert sidecar_of(dest).exists() and not dest.exists()
        on_disk = part_of(dest).stat().st_size
        with on_host(base) as client:
            client.download(job, dest)
    assert gate.media[-1] == ("GET", f"bytes={on_disk}-" if on_disk else None)
    assert dest.read_bytes() == video_bytes(SIZE)


# --------------------------------------------------------------------------- download-url


def spec_statuses() -> frozenset[int]:
    spec = json.loads(files("apikley_client").joinpath("openapi.json").read_text())
    fallback = spec["paths"]["/api/v1/common/download-url"]["post"][
        "x-seedance-result-fetch-fallback"
    ]
    return frozenset(fallback["statuses"])


def media_requests(fake: FakeApikley) -> list[str]:
    return [path for method, path in fake.requests if "media" in path or "download" in path]


@modes
def test_a_refused_result_url_goes_through_download_url_once(
    mode: str, fake: FakeApikley, tmp_path: Path
) -> None:
    task = finished_task(fake)
    fake.media_needs_link = True
    dest = tmp_path / "fox.mp4"
    if mode == "sync":
        wire = Wire(fake.sync_transport(), cuts=[None, None, 100_000])
        with client_for(fake, transport=wire) as client:
            assert 403 in client.adapter.result_fetch_fallback
            client.download(task, dest)
            counts = client.request_counts
    else:
        wire = Wire(fake.transport(), cuts=[None, None, 100_000])

        async def go() -> dict[str, int]:
            async with async_client_for(fake, transport=wire) as client:
                await client.download(task, dest)
                return client.request_counts

        counts = asyncio.run(go())
    assert dest.read_bytes() == video_bytes(SIZE)
    assert counts.get("get_download_url") == 1
    media = httpx.URL(task.video_url or "").path
    assert [httpx.URL(u).path for u in wire.urls] == [
        media,
        "/api/v1/common/download-url",
        media,
        media,
    ]
    assert wire.statuses == [403, 200, 200, 206]
    # the link carries the token; the key never goes to the file host
    assert all("token=" in u for u in wire.urls[2:])
    assert not any("authorization" in wire.requests[i] for i in (0, 2, 3))
    assert wire.ranges[3] == "bytes=100000-"


def test_the_fallback_statuses_are_the_specs(fake: FakeApikley) -> None:
    with client_for(fake) as client:
        assert client.adapter.result_fetch_fallback == spec_statuses()


def test_a_refused_link_is_not_asked_for_again(fake: FakeApikley, tmp_path: Path) -> None:
    task = finished_task(fake)
    fake.media_needs_link = True

    class Forgetful(set[str]):
        def add(self, item: str) -> None:  # issues links the media route won't honour
            pass

    fake.media_links = Forgetful()
    with client_for(fake) as client, pytest.raises(DownloadError) as caught:
        client.download(task, tmp_path / "fox.mp4")
    assert caught.value.status_code == 403
    assert client.request_counts.get("get_download_url") == 1
    assert not (tmp_path / "fox.mp4").exists()


def test_a_status_outside_the_spec_list_is_not_relinked(fake: FakeApikley, tmp_path: Path) -> None:
    """A 5xx from the file host is no reason for a new link (the spec lists which are)."""
    task = finished_task(fake)
    assert 502 not in spec_statuses()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502, text="bad gateway")

    files_only = Wire(httpx.MockTransport(handler))
    with client_for(fake) as client:
        client._files = httpx.Client(transport=files_only)
        with pytest.raises(DownloadError) as caught:
            client.download(task, tmp_path / "fox.mp4")
        assert client.request_counts.get("get_download_url") is None
    assert caught.value.status_code == 502 and len(files_only.requests) == 1


def test_a_link_the_provider_refuses_is_a_download_error(fake: FakeApikley, tmp_path: Path) -> None:
    """download-url takes only this service's files (422 otherwise): the caller gets a
    DownloadError naming the refused fetch, with the provider's answer as its cause."""
    task = finished_task(fake)
    fake.media_needs_link = True
    elsewhere = attrs.evolve(
        task, video_url="http://elsewhere.example" + httpx.URL(task.video_url or "").path
    )
    with client_for(fake) as client, pytest.raises(DownloadError) as caught:
        client.download(elsewhere, tmp_path / "fox.mp4")
    assert caught.value.status_code == 403 and "download link" in str(caught.value)
    assert isinstance(caught.value.__cause__, ProviderRejectedError)
    assert client.request_counts.get("get_download_url") == 1  # a refusal is not retried


# --------------------------------------------------------------------------- durability


@modes
def test_the_part_is_on_disk_before_it_gets_the_name(
    mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fsync comes before the rename, for the .part's own bytes, and for the async client
    in a worker thread (an fsync of a large file must not stall the event loop)."""
    data = video_bytes(3 * 65_536 + 17)
    server = FileServer(data)
    dest = tmp_path / "fox.mp4"
    events: list[tuple[str, Any, bool]] = []
    loop_thread = threading.get_ident()
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.fstat(fd).st_size, threading.get_ident() == loop_thread))
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        events.append(("replace", Path(src).name, dest.exists()))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    fetch(mode, server.transport(), "https://cdn.example/fox.mp4", dest)
    assert dest.read_bytes() == data
    events = [e for e in events if e[0] == "fsync" or e[1] == "fox.mp4.part"]
    assert [kind for kind, *_ in events] == ["fsync", "replace"], events
    assert events[0][1] == len(data)  # the whole .part was synced
    assert events[1][1] == "fox.mp4.part" and events[1][2] is False
    assert events[0][2] is (mode == "sync"), "async fsync ran on the loop thread"


@modes
def test_writeback_starts_while_the_body_streams(
    mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every WRITEBACK_EVERY bytes the kernel is asked to write what came so far, in
    ranges that follow each other from the first byte, after those bytes were written;
    the file is the same as without it."""
    data = video_bytes(10 * 65_536 + 5)

    class Chunked(httpx.SyncByteStream, httpx.AsyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            yield from (data[i : i + 65_536] for i in range(0, len(data), 65_536))

        async def __aiter__(self) -> AsyncIterator[bytes]:
            for chunk in self:
                yield chunk

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-length": str(len(data))}, stream=Chunked())

    dest = tmp_path / "fox.mp4"
    monkeypatch.setattr(downloads, "WRITEBACK_EVERY", 2 * 65_536)
    ranges: list[tuple[int, int, int]] = []
    real = os.posix_fadvise

    def fadvise(fd: int, offset: int, length: int, advice: int) -> None:
        assert advice == os.POSIX_FADV_DONTNEED
        ranges.append((offset, length, os.fstat(fd).st_size))
        real(fd, offset, length, advice)

    monkeypatch.setattr(os, "posix_fadvise", fadvise)
    fetch(mode, httpx.MockTransport(handler), "https://cdn.example/fox.mp4", dest)
    assert dest.read_bytes() == data
    assert len(ranges) >= 4
    assert ranges[0][0] == 0
    for (start, length, on_disk), (following, _, _) in itertools.pairwise(ranges):
        assert following == start + length
        assert on_disk >= start + length  # flushed before the advice
    assert all(length >= 2 * 65_536 for _, length, _ in ranges)
