"""download() streams a result file to disk, resumes broken transfers and never leaves a
half-written destination; the bytes come from the fake provider's media route in process."""

from __future__ import annotations

import asyncio
import contextlib
import stat
import tracemalloc
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from seedance import DownloadError
from seedance._download import WRITE_BUFFER, download
from seedance.testing import FakeApikley, FakeClock
from seedance.testing.media import video_bytes
from tests.support.downloads import FileServer, Wire, lock_of, part_of, sidecar_of

pytestmark = pytest.mark.anyio

KEY = "test-key"
SIZE = 300_000
BODY = {
    "model": "bytedance/seedance-1.5-pro",
    "input": {"prompt": "a red fox in snow", "aspect_ratio": "16:9", "duration": 8},
}


# --------------------------------------------------------------------------- helpers


class StreamingASGITransport(httpx.AsyncBaseTransport):
    """Serves an ASGI app chunk by chunk, as a socket would (one chunk in flight).

    ``httpx.ASGITransport``, under ``fake.transport()``, gathers the whole body before it
    answers, so through it every download would hold the whole file in memory."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        messages: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=1)
        finished = asyncio.Event()
        body = await request.aread()
        request_sent = False

        async def receive() -> dict[str, Any]:
            nonlocal request_sent
            if not request_sent:
                request_sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            await finished.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            await messages.put(message)

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": request.method,
            "headers": [(k.lower(), v) for k, v in request.headers.raw],
            "scheme": request.url.scheme,
            "path": request.url.path,
            "raw_path": request.url.raw_path.split(b"?")[0],
            "query_string": request.url.query,
            "server": (request.url.host, request.url.port),
            "client": ("127.0.0.1", 123),
            "root_path": "",
        }
        app = asyncio.create_task(self.app(scope, receive, send))
        first = asyncio.create_task(messages.get())
        await asyncio.wait({app, first}, return_when=asyncio.FIRST_COMPLETED)
        if not first.done():
            first.cancel()
            app.result()  # the app's exception, if it failed before answering
            raise AssertionError("the app returned without answering")
        start = first.result()
        return httpx.Response(
            start["status"],
            headers=start.get("headers", []),
            stream=QueuedBody(messages, app, finished),
        )


class QueuedBody(httpx.AsyncByteStream):
    def __init__(
        self,
        messages: asyncio.Queue[dict[str, Any]],
        app: asyncio.Task[None],
        finished: asyncio.Event,
    ) -> None:
        self.messages = messages
        self.app = app
        self.finished = finished

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while True:
            message = await self.messages.get()
            if chunk := message.get("body", b""):
                yield chunk
            if not message.get("more_body", False):
                break

    async def aclose(self) -> None:
        self.finished.set()
        if not self.app.done():
            self.app.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.app


@pytest.fixture
def fake() -> Iterator[FakeApikley]:
    fake = FakeApikley(api_key=KEY, clock=FakeClock(), video_size=SIZE)
    yield fake


async def finished_video(fake: FakeApikley) -> str:
    """Create a task through the API, let its clock run past the end: its video URL."""
    async with httpx.AsyncClient(transport=fake.transport(), base_url="http://fake") as api:
        response = await api.post(
            "/api/v1/jobs/createTask", json=BODY, headers={"Authorization": f"Bearer {KEY}"}
        )
        task_id = response.json()["data"]["taskId"]
    await fake.advance(60)
    return f"http://fake/_fake/media/{task_id}.mp4"


async def served(fake: FakeApikley, url: str) -> bytes:
    async with httpx.AsyncClient(transport=fake.transport()) as plain:
        response = await plain.get(url)
        assert response.status_code == 200
        return response.content


def client(transport: httpx.AsyncBaseTransport) -> httpx.AsyncClient:
    """A client without provider credentials, as callers are told to pass."""
    return httpx.AsyncClient(transport=transport)


async def served_etag(fake: FakeApikley, url: str) -> str:
    async with httpx.AsyncClient(transport=fake.transport()) as plain:
        return (await plain.head(url)).headers["etag"]


async def interrupted(fake: FakeApikley, url: str, dest: Path, at: int) -> None:
    """A download that broke after ``at`` bytes and gave up: its part and sidecar stay."""
    async with client(Wire(fake.transport(), cuts=[at])) as http:
        with pytest.raises(DownloadError):
            await download(http, url, dest, max_resumes=0)
    assert part_of(dest).stat().st_size == at and sidecar_of(dest).exists()


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


# --------------------------------------------------------------------------- tests


async def test_downloads_the_served_file(fake: FakeApikley, tmp_path: Path) -> None:
    url = await finished_video(fake)
    wire = Wire(StreamingASGITransport(fake.app))  # chunk by chunk, as a socket
    progress: list[tuple[int, int | None]] = []
    dest = tmp_path / "fox.mp4"
    async with client(wire) as http:
        result = await download(http, url, dest, on_progress=lambda n, t: progress.append((n, t)))
    assert result == dest
    data = dest.read_bytes()
    assert len(data) == SIZE and data == await served(fake, url)
    assert data[4:8] == b"ftyp"
    assert private(dest)
    assert not part_of(dest).exists() and not sidecar_of(dest).exists()
    assert not lock_of(dest).exists()
    assert wire.ranges == [None] and wire.statuses == [200]
    assert all("authorization" not in headers for headers in wire.requests)
    assert progress[-1] == (SIZE, SIZE)
    assert [n for n, _ in progress] == sorted(n for n, _ in progress) and len(progress) > 1


async def test_resumes_from_the_bytes_already_written(fake: FakeApikley, tmp_path: Path) -> None:
    url = await finished_video(fake)
    etag = await served_etag(fake, url)
    dest = tmp_path / "fox.mp4"
    wire = Wire(fake.transport(), cuts=[100_000, 150_000], part=part_of(dest))
    async with client(wire) as http:
        await download(http, url, dest)
    # Every byte that came before the break is on disk (the write buffer is flushed when
    # the transfer breaks), so each resume starts exactly where the last one stopped.
    assert wire.on_disk == [0, 100_000, 250_000]
    assert wire.ranges == [None, "bytes=100000-", "bytes=250000-"]
    assert wire.if_ranges == [None, etag, etag]  # continued only if still the same file
    assert wire.statuses == [200, 206, 206]
    assert wire.delivered == [100_000, 150_000, SIZE - 250_000]
    assert dest.read_bytes() == await served(fake, url)
    assert not part_of(dest).exists() and not sidecar_of(dest).exists()
    assert all("authorization" not in headers for headers in wire.requests)


async def test_restarts_when_the_server_ignores_range(fake: FakeApikley, tmp_path: Path) -> None:
    url = await finished_video(fake)
    wire = Wire(fake.transport(), cuts=[100_000], ignore_range=True)
    dest = tmp_path / "fox.mp4"
    async with client(wire) as http:
        await download(http, url, dest)
    assert wire.ranges == [None, "bytes=100000-"]
    assert wire.statuses == [200, 200]  # the whole body again: written from byte 0
    data = dest.read_bytes()
    assert len(data) == SIZE and data == await served(fake, url)


async def test_error_answer_names_status_and_url_without_token(
    fake: FakeApikley, tmp_path: Path
) -> None:
    await finished_video(fake)
    wire = Wire(fake.transport())
    dest = tmp_path / "fox.mp4"
    url = "http://fake/_fake/media/task_unknown.mp4?token=s3cr3t"
    async with client(wire) as http:
        with pytest.raises(DownloadError) as caught:
            await download(http, url, dest)
    error = caught.value
    assert error.status_code == 404 and "404" in str(error)
    assert "http://fake/_fake/media/task_unknown.mp4" in str(error)
    assert "s3cr3t" not in str(error) and "s3cr3t" not in error.url
    assert error.url == "http://fake/_fake/media/task_unknown.mp4"
    assert error.destination == dest
    assert not dest.exists() and not part_of(dest).exists() and not sidecar_of(dest).exists()
    assert wire.statuses == [404]  # an answer is not an interruption: no retry


async def test_part_left_by_an_earlier_call_is_resumed(fake: FakeApikley, tmp_path: Path) -> None:
    url = await finished_video(fake)
    expected = await served(fake, url)
    dest = tmp_path / "fox.mp4"
    await interrupted(fake, url, dest, 120_000)
    assert private(part_of(dest)) and private(sidecar_of(dest))
    wire = Wire(fake.transport())
    progress: list[int] = []
    async with client(wire) as http:
        await download(http, url, dest, on_progress=lambda n, _: progress.append(n))
    assert wire.ranges == ["bytes=120000-"] and wire.statuses == [206]
    assert wire.delivered == [SIZE - 120_000]  # only the missing bytes
    assert progress[0] > 120_000 and progress[-1] == SIZE
    assert dest.read_bytes() == expected


async def test_part_without_a_sidecar_is_started_over(fake: FakeApikley, tmp_path: Path) -> None:
    """Bytes nobody can vouch for (an older version's part, a stray file) are never
    continued, even when they are the right length."""
    url = await finished_video(fake)
    expected = await served(fake, url)
    dest = tmp_path / "fox.mp4"
    part_of(dest).write_bytes(b"x" * 120_000)
    wire = Wire(fake.transport())
    async with client(wire) as http:
        await download(http, url, dest)
    assert wire.ranges == [None] and wire.statuses == [200]
    assert dest.read_bytes() == expected


async def test_part_is_discarded_by_a_server_without_range(
    fake: FakeApikley, tmp_path: Path
) -> None:
    url = await finished_video(fake)
    expected = await served(fake, url)
    dest = tmp_path / "fox.mp4"
    await interrupted(fake, url, dest, 120_000)
    wire = Wire(fake.transport(), ignore_range=True)
    async with client(wire) as http:
        await download(http, url, dest)
    assert wire.ranges == ["bytes=120000-"] and wire.statuses == [200]
    assert dest.read_bytes() == expected


async def test_complete_part_is_moved_into_place(fake: FakeApikley, tmp_path: Path) -> None:
    """A crash between the last byte and the rename: the server answers 416 to the resume,
    and its total says nothing is missing."""
    url = await finished_video(fake)
    expected = await served(fake, url)
    dest = tmp_path / "fox.mp4"
    await interrupted(fake, url, dest, SIZE)  # every byte arrived, then the connection broke
    wire = Wire(fake.transport())
    async with client(wire) as http:
        await download(http, url, dest)
    assert wire.ranges == [f"bytes={SIZE}-"] and wire.statuses == [416]
    assert dest.read_bytes() == expected and not part_of(dest).exists()
    assert not sidecar_of(dest).exists()


async def test_part_longer_than_the_file_is_discarded(fake: FakeApikley, tmp_path: Path) -> None:
    url = await finished_video(fake)
    dest = tmp_path / "fox.mp4"
    await interrupted(fake, url, dest, 120_000)
    with part_of(dest).open("ab") as part:
        part.write(b"x" * SIZE)  # more than the sidecar's total: not this file's bytes
    wire = Wire(fake.transport())
    async with client(wire) as http:
        await download(http, url, dest)
    assert wire.ranges == [None] and wire.statuses == [200]
    assert dest.read_bytes() == await served(fake, url)


async def test_range_answer_from_elsewhere_restarts(tmp_path: Path) -> None:
    """A 206 whose Content-Range does not start at the bytes on disk cannot be appended."""
    data = video_bytes(SIZE)
    server = FileServer(data)
    dest = tmp_path / "fox.mp4"
    async with client(Wire(server.transport(), cuts=[1000])) as http:
        with pytest.raises(DownloadError):
            await download(http, "http://cdn/fox.mp4", dest, max_resumes=0)
    server.range_from = 2000  # whatever is asked, from byte 2000
    async with client(server.transport()) as http:
        await download(http, "http://cdn/fox.mp4", dest)
    assert [(r, s) for r, _, s in server.seen] == [
        (None, 200),
        ("bytes=1000-", 206),
        (None, 200),
    ]
    assert dest.read_bytes() == data


async def test_short_body_is_resumed_and_checked(tmp_path: Path) -> None:
    """A body that ends early without a transport error is caught by the size check."""
    data = video_bytes(SIZE)
    server = FileServer(data)
    server.short_first = 1000
    dest = tmp_path / "fox.mp4"
    async with client(server.transport()) as http:
        await download(http, "http://cdn/fox.mp4", dest)
    assert [(r, i, s) for r, i, s in server.seen] == [
        (None, None, 200),
        ("bytes=1000-", server.etag, 206),
    ]
    assert dest.read_bytes() == data


async def test_last_modified_is_the_validator_without_an_etag(tmp_path: Path) -> None:
    data = video_bytes(SIZE)
    server = FileServer(data, etag=False)
    dest = tmp_path / "fox.mp4"
    async with client(Wire(server.transport(), cuts=[5000])) as http:
        await download(http, "http://cdn/fox.mp4", dest)
    assert [(r, i, s) for r, i, s in server.seen] == [
        (None, None, 200),
        ("bytes=5000-", server.last_modified, 206),
    ]
    assert dest.read_bytes() == data


async def test_follows_a_redirect_to_the_file(fake: FakeApikley, tmp_path: Path) -> None:
    url = await finished_video(fake)
    inner: httpx.AsyncBaseTransport = fake.transport()

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "signed":
            return httpx.Response(302, headers={"Location": url})
        return await inner.handle_async_request(request)

    dest = tmp_path / "fox.mp4"
    async with client(httpx.MockTransport(handler)) as http:
        await download(http, "http://signed/v?sig=1", dest)
    assert dest.read_bytes() == await served(fake, url)


async def test_destination_appears_only_when_complete(fake: FakeApikley, tmp_path: Path) -> None:
    url = await finished_video(fake)
    dest = tmp_path / "fox.mp4"
    checks: list[tuple[bool, bool]] = []

    def on_progress(done: int, total: int | None) -> None:
        checks.append((dest.exists(), part_of(dest).exists()))

    async with client(Wire(StreamingASGITransport(fake.app), cuts=[100_000])) as http:
        await download(http, url, dest, on_progress=on_progress)
    assert len(checks) > 3
    assert all(not dest_exists and part_exists for dest_exists, part_exists in checks)
    assert dest.stat().st_size == SIZE


async def test_exhausted_resumes_keep_the_part_for_later(fake: FakeApikley, tmp_path: Path) -> None:
    url = await finished_video(fake)
    dest = tmp_path / "fox.mp4"
    wire = Wire(fake.transport(), cuts=[80_000, 80_000, 80_000])
    async with client(wire) as http:
        with pytest.raises(DownloadError) as caught:
            await download(http, url + "?token=s3cr3t", dest, max_resumes=2)
    assert len(wire.requests) == 3
    assert caught.value.status_code is None and "s3cr3t" not in str(caught.value)
    assert isinstance(caught.value.__cause__, httpx.ReadError)
    assert not dest.exists()
    assert part_of(dest).stat().st_size == 240_000  # every byte of each attempt

    later = Wire(fake.transport())
    async with client(later) as http:
        await download(http, url + "?token=s3cr3t", dest)
    assert later.ranges == ["bytes=240000-"] and later.delivered == [SIZE - 240_000]
    assert dest.read_bytes() == await served(fake, url)


async def test_overwrite_false_refuses_before_any_request(
    fake: FakeApikley, tmp_path: Path
) -> None:
    url = await finished_video(fake)
    dest = tmp_path / "fox.mp4"
    dest.write_bytes(b"earlier video")
    wire = Wire(fake.transport())
    async with client(wire) as http:
        with pytest.raises(FileExistsError):
            await download(http, url, dest, overwrite=False)
        assert wire.requests == [] and dest.read_bytes() == b"earlier video"
        await download(http, url, dest)  # overwrite=True by default
    assert dest.read_bytes() == await served(fake, url)


async def test_memory_stays_constant_for_a_large_file(fake: FakeApikley, tmp_path: Path) -> None:
    # The first run of this path imports modules lazily (anyio's file I/O...), which would
    # count as megabytes traced: run it once, small, before measuring.
    async with client(StreamingASGITransport(fake.app)) as http:
        await download(http, await finished_video(fake), tmp_path / "warm-up.mp4")
    size = 50_000_000
    big = FakeApikley(api_key=KEY, clock=FakeClock(), video_size=size)
    try:
        url = await finished_video(big)
        async with client(big.transport()) as warm:  # the fake writes its file on first use
            assert (await warm.head(url)).status_code == 200
        dest = tmp_path / "big.mp4"
        async with client(StreamingASGITransport(big.app)) as http:
            tracemalloc.start()
            try:
                await download(http, url, dest)
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
    finally:
        (big._media_dir / f"video-{size}.mp4").unlink(missing_ok=True)  # 50 MB: free it now
    assert dest.stat().st_size == size
    assert dest.read_bytes() == video_bytes(size)
    # the write buffer, a chunk or two in flight, and a file's worth of nothing
    assert peak < WRITE_BUFFER + 1_500_000, f"peak traced memory {peak} bytes"
