"""Downloads are bounded in time and in size whatever the result host does after its
headers: a body that trickles fails as stalled (its ``.part`` kept for a later call), a body
that never ends or outgrows its Content-Length fails at its bound (its bytes discarded).

The rule itself runs on a fake clock (no sleeping); the hosts are real sockets on
127.0.0.1 with the bounds made small (a 0.3 s window, a 1 MiB cap), and every call runs in
a thread joined with a deadline, so an unbounded download fails its test instead of
hanging it. No test asserts how fast anything is."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import seedance._client
import seedance._download as downloads
from seedance import AsyncClient, Client, DownloadError, Task, TaskStatus, ValidationError
from seedance._download import (
    Bounds,
    Sink,
    Stalled,
    TooLarge,
    download,
    download_flow,
    perform_sync,
)
from seedance._flow import run
from seedance.testing.media import video_bytes
from tests.support.downloads import FileServer, RudeServer, part_of, sidecar_of
from tests.support.faults import ends as run_to_end
from tests.support.faults import socket_server

KEY = "test-key"
SIZE = 300_000
GUARD = 15.0
"""Seconds a call may run before its test counts it as unbounded (a bounded one takes a
fraction of a second here; the guard only matters when the bounds are missing)."""
WINDOW = 0.3
CAP = 1 << 20

modes = pytest.mark.parametrize("mode", ["sync", "async"])


# --------------------------------------------------------------------------- helpers


def ends(call: Callable[[], Any]) -> BaseException | None:
    """Run ``call`` in a thread; what it raised (None if it returned). Fails the test when
    it is still running after GUARD seconds."""
    return run_to_end(call, within=GUARD)


def fetch(mode: str, transport: Any, url: str, dest: Path) -> Path:
    """The download flow driven by blocking (what ``Client`` does) or async I/O; with
    ``transport`` None, over real sockets."""
    if mode == "sync":
        with httpx.Client(transport=transport) as http:
            return run(download_flow(url, dest), lambda effect: perform_sync(http, effect))

    async def go() -> Path:
        async with httpx.AsyncClient(transport=transport) as http:
            return await download(http, url, dest)

    return asyncio.run(go())


def task_at(url: str) -> Task:
    return Task(id="task_1", provider="apikley", status=TaskStatus.SUCCEEDED, video_url=url)


def client_download(mode: str, url: str, dest: Path, **options: Any) -> Callable[[], Any]:
    """``Client.download`` / ``AsyncClient.download`` of a task whose video is ``url``."""
    task = task_at(url)
    if mode == "sync":

        def sync() -> None:
            with Client("apikley", api_key=KEY, journal=False, timeout=5) as client:
                client.download(task, dest, **options)

        return sync

    async def go() -> None:
        async with AsyncClient("apikley", api_key=KEY, journal=False, timeout=5) as client:
            await client.download(task, dest, **options)

    return lambda: asyncio.run(go())


@pytest.fixture
def short_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(downloads, "MIN_SPEED_TIME", WINDOW)


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(downloads, "MAX_SIZE", CAP)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def sink(total: int | None = None, *, speed: int = 100, window: float = 10.0) -> Sink:
    return Sink(io.BytesIO(), 0, total, None, Bounds(speed, window, CAP), Clock())


def at(target: Sink, seconds: float, size: int) -> None:
    """``size`` bytes arrive ``seconds`` after the sink was opened."""
    clock = target._clock
    assert isinstance(clock, Clock)
    clock.now = 1000.0 + seconds
    target.write(b"x" * size)


# --------------------------------------------------------------------------- the rule


def test_a_steady_transfer_at_the_minimum_passes() -> None:
    target = sink(speed=100, window=10)
    for second in range(1, 61):
        at(target, second, 100)
    assert target.offset == 6000


def test_a_burst_then_silence_within_a_window_passes() -> None:
    target = sink(speed=100, window=10)
    at(target, 0.1, 1000)  # a window's worth at once, then nothing for ten seconds
    at(target, 10.0, 1)
    at(target, 19.9, 1000)
    assert target.offset == 2001


def test_a_window_under_the_minimum_stalls() -> None:
    target = sink(speed=100, window=10)
    for second in range(1, 21):  # two good windows
        at(target, second, 100)
    for second in range(21, 30):
        at(target, second, 50)
    with pytest.raises(Stalled, match=r"500 bytes came in the last 10\.0 s"):
        at(target, 30, 50)  # the first chunk after the third window ends


def test_a_late_chunk_is_averaged_over_the_time_it_took() -> None:
    """One chunk after 25 s: a 10 s window's worth of bytes is not enough for 25 s."""
    target = sink(speed=100, window=10)
    with pytest.raises(Stalled):
        at(target, 25, 2000)
    enough = sink(speed=100, window=10)
    at(enough, 25, 2500)


def test_a_body_past_its_announced_size_is_refused_before_it_is_written() -> None:
    target = sink(total=1000)
    at(target, 0, 600)
    at(target, 0, 400)  # exactly the announced size
    with pytest.raises(TooLarge, match="announced"):
        at(target, 0, 1)
    assert target.offset == 1000
    assert isinstance(target.file, io.BytesIO) and len(target.file.getvalue()) == 1000


def test_a_body_of_no_announced_size_stops_at_the_cap() -> None:
    target = sink(total=None)
    at(target, 0, CAP)
    with pytest.raises(TooLarge, match="no announced size"):
        at(target, 0, 1)


def test_the_bounds_default_to_the_module_constants_read_when_called(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert Bounds.of() == Bounds(1024, 30.0, 4 << 30)
    monkeypatch.setattr(downloads, "MIN_SPEED", 7)
    monkeypatch.setattr(downloads, "MIN_SPEED_TIME", 0.5)
    monkeypatch.setattr(downloads, "MAX_SIZE", 99)
    assert Bounds.of() == Bounds(7, 0.5, 99)
    assert Bounds.of(min_speed=8, max_size=100) == Bounds(8, 0.5, 100)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("min_speed", 0),
        ("min_speed", -1),
        ("min_speed", 1.5),
        ("min_speed", True),
        ("min_speed", "1024"),
        ("min_speed_time", 0),
        ("min_speed_time", -1.0),
        ("min_speed_time", float("inf")),
        ("min_speed_time", float("nan")),
        ("min_speed_time", "30"),
        ("max_size", 0),
    ],
)
def test_no_bound_can_be_turned_off(name: str, value: Any) -> None:
    with pytest.raises(ValueError, match=name):
        Bounds.of(**{name: value})


# --------------------------------------------------------------------------- trickling hosts


@modes
@pytest.mark.usefixtures("short_window")
def test_a_trickling_host_fails_as_stalled(mode: str, tmp_path: Path) -> None:
    """Headers, then a byte every 10 ms (httpx's read timeout never fires): the call ends
    with a DownloadError saying it stalled."""
    server = RudeServer("trickle")
    dest = tmp_path / "fox.mp4"
    with server.running() as base:
        error = ends(client_download(mode, base + "/fox.mp4", dest))
    assert isinstance(error, DownloadError), error
    assert "stalled" in str(error) and "a later call starts over" in str(error)
    assert error.status_code is None and error.destination == dest
    assert not dest.exists()
    assert server.connections == 1  # a stall is not retried within the call


@modes
def test_the_minimum_speed_is_an_option_of_download(mode: str, tmp_path: Path) -> None:
    server = RudeServer("trickle", every=0.001)
    dest = tmp_path / "fox.mp4"
    with server.running() as base:
        error = ends(
            client_download(mode, base + "/fox.mp4", dest, min_speed=1 << 20, min_speed_time=0.2)
        )
    assert isinstance(error, DownloadError), error
    assert "under the minimum of 1048576 bytes/s over 0.2 s" in str(error)


@modes
def test_a_host_trickling_its_headers_fails_within_the_call_budget(
    mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Headers a byte every 0.2 s: no read timeout fires and the minimum speed counts
    from the headers on, so each attempt ends at the client's call budget (4 times its
    timeout); like any broken transfer it is resumed a bounded number of times, then
    fails, leaving nothing at the destination. (A budget of 0.25 s here: a timeout of 1 s,
    five times the trickle's pace, never fires.)"""
    monkeypatch.setattr(seedance._client, "CALL_BUDGET", 0.25)
    dest = tmp_path / "fox.mp4"
    with socket_server("headers") as (url, received):
        task = task_at(url + "/fox.mp4")
        if mode == "sync":

            def call() -> None:
                with Client("apikley", api_key=KEY, journal=False, timeout=1.0) as client:
                    client.download(task, dest)
        else:

            async def go() -> None:
                async with AsyncClient("apikley", api_key=KEY, journal=False, timeout=1.0) as c:
                    await c.download(task, dest)

            def call() -> None:
                asyncio.run(go())

        error = ends(call)
    assert isinstance(error, DownloadError), repr(error)
    assert "ReadTimeout" in str(error) and "after 5 resumes" in str(error)
    assert len(received) == 6 and not dest.exists()


@modes
@pytest.mark.usefixtures("short_window")
def test_a_stalled_part_is_resumed_by_a_later_call(mode: str, tmp_path: Path) -> None:
    """A host that sent 5000 bytes and then trickled: the call fails, the bytes stay with
    their sidecar, and the next call asks only for the rest."""
    data = video_bytes(SIZE)
    server = RudeServer("trickle", data=data, head=5000)
    dest = tmp_path / "fox.mp4"
    with server.running() as base:
        url = base + "/fox.mp4"
        error = ends(lambda: fetch(mode, None, url, dest))
    assert isinstance(error, DownloadError), error
    assert "kept in fox.mp4.part for a later call" in str(error)
    kept = part_of(dest).stat().st_size
    assert 5000 <= kept < SIZE and sidecar_of(dest).exists()
    assert part_of(dest).read_bytes() == data[:kept]

    healthy = FileServer(data)  # the same file (ETag) at the same URL
    fetch(mode, healthy.transport(), url, dest)
    assert healthy.seen == [(f"bytes={kept}-", healthy.etag, 206)]
    assert dest.read_bytes() == data


@pytest.mark.parametrize("name", ["min_speed", "min_speed_time"])
@pytest.mark.parametrize("value", [0, -5, float("nan"), True, "fast"])
def test_a_bad_minimum_speed_is_a_validation_error(name: str, value: Any, tmp_path: Path) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError("nothing is sent")

    with (
        Client("apikley", api_key=KEY, journal=False, transport=httpx.MockTransport(refuse)) as c,
        pytest.raises(ValidationError) as caught,
    ):
        c.download(task_at("http://cdn/fox.mp4"), tmp_path / "fox.mp4", **{name: value})
    assert caught.value.field == name and caught.value.value is value
    assert f"{name} must be" in str(caught.value)  # a known option, with a value it refuses
    assert not list(tmp_path.iterdir())


# --------------------------------------------------------------------------- endless bodies


@modes
@pytest.mark.usefixtures("small_cap")
def test_an_endless_body_fails_at_the_size_cap(mode: str, tmp_path: Path) -> None:
    """Chunked, no Content-Length, 64 KiB chunks without end: the call stops at the cap
    and throws the bytes away, instead of filling the disk."""
    server = RudeServer("endless")
    dest = tmp_path / "fox.mp4"
    with server.running() as base:
        error = ends(client_download(mode, base + "/fox.mp4", dest))
    assert isinstance(error, DownloadError), error
    assert f"went past {CAP} bytes" in str(error) and "discarded" in str(error)
    assert error.status_code is None
    assert not dest.exists() and not part_of(dest).exists() and not sidecar_of(dest).exists()
    assert server.connections == 1  # refused, not fetched again


class Endless(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that goes on past any Content-Length (an in-process transport does not cut
    it there as h11 does over a socket); stops by itself after ``limit`` bytes."""

    def __init__(self, limit: int = 16 << 20) -> None:
        self.limit = limit
        self.sent = 0

    def __iter__(self) -> Iterator[bytes]:
        while self.sent < self.limit:
            self.sent += 65_536
            yield b"\0" * 65_536

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk


@modes
def test_a_body_longer_than_its_content_length_is_cut_at_once(mode: str, tmp_path: Path) -> None:
    """Before: written whole, discarded, fetched whole five more times, and reported as
    kept in the .part. Now: one request, stopped at the first chunk beyond."""
    bodies: list[Endless] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(Endless())
        headers = {"content-length": "100000", "etag": '"v1"'}
        return httpx.Response(200, headers=headers, stream=bodies[-1])

    dest = tmp_path / "fox.mp4"
    error = ends(lambda: fetch(mode, httpx.MockTransport(handler), "http://cdn/fox.mp4", dest))
    assert isinstance(error, DownloadError), error
    assert "past the 100000 bytes the server announced" in str(error)
    assert len(bodies) == 1 and bodies[0].sent <= 2 * 65_536
    assert not dest.exists() and not part_of(dest).exists() and not sidecar_of(dest).exists()


@modes
@pytest.mark.usefixtures("small_cap")
def test_an_announced_size_above_the_cap_is_refused_before_writing(
    mode: str, tmp_path: Path
) -> None:
    bodies: list[Endless] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(Endless())
        return httpx.Response(200, headers={"content-length": str(CAP + 1)}, stream=bodies[-1])

    dest = tmp_path / "fox.mp4"
    error = ends(lambda: fetch(mode, httpx.MockTransport(handler), "http://cdn/fox.mp4", dest))
    assert isinstance(error, DownloadError), error
    assert f"announced {CAP + 1} bytes" in str(error)
    assert len(bodies) == 1 and bodies[0].sent == 0
    assert not list(tmp_path.iterdir())
