"""Servers and wires for the download tests: a file server with Range/If-Range that can
change its file or misbehave, and a wire that records requests and breaks bodies. Each
works under a sync and an async httpx client (``httpx.MockTransport`` does both). Plus a
loopback socket server whose bodies trickle or never end (:class:`RudeServer`)."""

from __future__ import annotations

import contextlib
import hashlib
import re
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx


class BreakingBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """Passes a body through, counting it; with ``after`` set, the connection "resets"
    once that many bytes went through."""

    def __init__(
        self,
        inner: httpx.SyncByteStream | httpx.AsyncByteStream,
        after: int | None,
        request: httpx.Request,
    ) -> None:
        self.inner = inner
        self.after = after
        self.request = request
        self.delivered = 0

    def _pass(self, chunk: bytes) -> tuple[bytes, bool]:
        if self.after is not None and self.delivered + len(chunk) >= self.after:
            piece = chunk[: self.after - self.delivered]
            self.delivered += len(piece)
            return piece, True
        self.delivered += len(chunk)
        return chunk, False

    def _reset(self) -> httpx.ReadError:
        return httpx.ReadError("connection reset by peer (test)", request=self.request)

    def __iter__(self) -> Iterator[bytes]:
        assert isinstance(self.inner, httpx.SyncByteStream)
        for chunk in self.inner:
            piece, broken = self._pass(chunk)
            if piece:
                yield piece
            if broken:
                raise self._reset()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self.inner, httpx.AsyncByteStream)
        async for chunk in self.inner:
            piece, broken = self._pass(chunk)
            if piece:
                yield piece
            if broken:
                raise self._reset()

    def close(self) -> None:
        if isinstance(self.inner, httpx.SyncByteStream):
            self.inner.close()

    async def aclose(self) -> None:
        if isinstance(self.inner, httpx.AsyncByteStream):
            await self.inner.aclose()


class Wire(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Delegates to ``inner`` (sync or async) and records what passes. ``cuts[k]`` breaks
    the k-th response's body after that many bytes; ``ignore_range`` hides ``Range`` from
    the server, which then behaves like one without range support. With ``part`` given it
    notes that file's size on disk at each request."""

    def __init__(
        self,
        inner: httpx.BaseTransport | httpx.AsyncBaseTransport,
        *,
        cuts: list[int | None] | None = None,
        ignore_range: bool = False,
        part: Path | None = None,
    ) -> None:
        self.inner = inner
        self.cuts = cuts or []
        self.ignore_range = ignore_range
        self.part = part
        self.on_disk: list[int] = []
        self.requests: list[httpx.Headers] = []
        self.urls: list[str] = []
        self.statuses: list[int] = []
        self.bodies: list[BreakingBody] = []

    @property
    def ranges(self) -> list[str | None]:
        return [headers.get("range") for headers in self.requests]

    @property
    def if_ranges(self) -> list[str | None]:
        return [headers.get("if-range") for headers in self.requests]

    @property
    def delivered(self) -> list[int]:
        return [body.delivered for body in self.bodies]

    def _before(self, request: httpx.Request) -> None:
        self.requests.append(request.headers.copy())
        self.urls.append(str(request.url))
        if self.part is not None:
            self.on_disk.append(self.part.stat().st_size if self.part.exists() else 0)
        if self.ignore_range and "range" in request.headers:
            del request.headers["range"]

    def _after(self, request: httpx.Request, response: httpx.Response) -> httpx.Response:
        index = len(self.statuses)
        self.statuses.append(response.status_code)
        assert isinstance(response.stream, (httpx.SyncByteStream, httpx.AsyncByteStream))
        body = BreakingBody(
            response.stream, self.cuts[index] if index < len(self.cuts) else None, request
        )
        self.bodies.append(body)
        return httpx.Response(
            response.status_code, headers=response.headers, stream=body, request=request
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(self.inner, httpx.BaseTransport)
        self._before(request)
        return self._after(request, self.inner.handle_request(request))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(self.inner, httpx.AsyncBaseTransport)
        self._before(request)
        return self._after(request, await self.inner.handle_async_request(request))


_RANGE = re.compile(r"bytes=(\d+)-$")


class FileServer:
    """One URL's file, served as a CDN would: strong ETag, Last-Modified, Range honoured
    under If-Range (RFC 9110). ``replace(data)`` changes the file (a new ETag);
    ``range_from`` makes every 206 start at that byte whatever was asked (a broken
    cache); ``etag=None`` serves no ETag. Counts what it served in ``seen``."""

    def __init__(self, data: bytes, *, etag: bool = True) -> None:
        self.data = data
        self.with_etag = etag
        self.version = 1
        self.range_from: int | None = None
        self.short_first: int | None = None
        self.seen: list[tuple[str | None, str | None, int]] = []
        """(Range, If-Range, status) of every request."""

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.data).hexdigest()[:16] + '"'

    @property
    def last_modified(self) -> str:
        return f"Mon, 0{self.version} Dec 2025 10:00:00 GMT"

    def replace(self, data: bytes) -> None:
        self.data = data
        self.version += 1

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        size = len(self.data)
        headers = {"Last-Modified": self.last_modified, "Accept-Ranges": "bytes"}
        if self.with_etag:
            headers["ETag"] = self.etag
        asked, if_range = request.headers.get("range"), request.headers.get("if-range")
        match = _RANGE.match(asked or "")
        current = if_range in (headers.get("ETag"), headers["Last-Modified"])
        if match and (if_range is None or current):
            start = int(match[1]) if self.range_from is None else self.range_from
            if start >= size:
                self.seen.append((asked, if_range, 416))
                return httpx.Response(416, headers={"Content-Range": f"bytes */{size}"})
            self.seen.append((asked, if_range, 206))
            headers["Content-Range"] = f"bytes {start}-{size - 1}/{size}"
            return httpx.Response(206, headers=headers, content=self.data[start:])
        self.seen.append((asked, if_range, 200))
        if self.short_first is not None:  # a body that ends early, without an error
            body, self.short_first = self.data[: self.short_first], None
            headers["Content-Length"] = str(size)
            return httpx.Response(200, headers=headers, stream=_Bytes(body))
        return httpx.Response(200, headers=headers, content=self.data)


class _Bytes(httpx.SyncByteStream, httpx.AsyncByteStream):
    def __init__(self, data: bytes) -> None:
        self.data = data

    def __iter__(self) -> Iterator[bytes]:
        yield self.data

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.data


def part_of(path: Path) -> Path:
    return path.with_name(path.name + ".part")


def sidecar_of(path: Path) -> Path:
    return path.with_name(path.name + ".part.json")


def lock_of(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class RudeServer:
    """A loopback (127.0.0.1) HTTP server whose bodies never finish in reasonable time:

    - ``trickle``: headers, then ``head`` bytes of ``data`` at once, then one byte every
      ``every`` seconds; with ``data`` given the answer has its Content-Length, ETag and
      Last-Modified (as :class:`FileServer` would give them), else it is chunked;
    - ``endless``: chunked, 64 KiB chunks as fast as the socket takes them.

    Each connection ends after ``cap`` bytes or ``seconds`` (closed without finishing the
    body), and all of them when the server stops: a client without bounds fails the test
    instead of filling the disk or outliving it. ``connections`` counts the requests."""

    def __init__(
        self,
        mode: str,
        *,
        data: bytes | None = None,
        head: int = 0,
        every: float = 0.01,
        cap: int = 64 << 20,
        seconds: float = 20.0,
    ) -> None:
        assert mode in ("trickle", "endless")
        self.mode, self.data, self.head, self.every = mode, data, head, every
        self.cap, self.seconds = cap, seconds
        self.connections = 0
        self._stop = threading.Event()

    @contextlib.contextmanager
    def running(self) -> Iterator[str]:
        """Serve until the block ends; yields the base URL."""
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        listener.settimeout(0.1)
        threads: list[threading.Thread] = []

        def accept() -> None:
            while not self._stop.is_set():
                try:
                    conn, _ = listener.accept()
                except TimeoutError:
                    continue
                except OSError:
                    return
                self.connections += 1
                thread = threading.Thread(target=self._answer, args=(conn,), daemon=True)
                thread.start()
                threads.append(thread)

        acceptor = threading.Thread(target=accept, daemon=True)
        acceptor.start()
        try:
            yield f"http://127.0.0.1:{listener.getsockname()[1]}"
        finally:
            self._stop.set()
            acceptor.join(5)
            listener.close()
            for thread in threads:
                thread.join(5)

    def _answer(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.settimeout(2.0)
            request = b""
            while b"\r\n\r\n" not in request and (got := conn.recv(65536)):
                request += got
            if self.data is not None:
                etag = '"' + hashlib.sha256(self.data).hexdigest()[:16] + '"'
                head = (
                    f"HTTP/1.1 200 OK\r\ncontent-length: {len(self.data)}\r\n"
                    f"etag: {etag}\r\nlast-modified: Mon, 01 Dec 2025 10:00:00 GMT\r\n\r\n"
                ).encode()
                conn.sendall(head + self.data[: self.head])
            else:
                conn.sendall(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n")
            sent, until = self.head, time.monotonic() + self.seconds
            chunk = b"\0" * 65536
            while sent < self.cap and time.monotonic() < until and not self._stop.is_set():
                if self.mode == "endless":
                    conn.sendall(self._frame(chunk))
                    sent += len(chunk)
                else:
                    byte = self.data[sent : sent + 1] if self.data is not None else b" "
                    if not byte:
                        break
                    conn.sendall(self._frame(byte))
                    sent += 1
                    self._stop.wait(self.every)

    def _frame(self, piece: bytes) -> bytes:
        """As the body carries it: a chunk of a chunked body, or the bytes themselves."""
        return piece if self.data is not None else b"%x\r\n%s\r\n" % (len(piece), piece)
