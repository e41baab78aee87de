"""Downloading a result file: streamed to disk, resumed only where provably the same
file, one writer per destination, never left half-written at its destination.

The body goes chunk by chunk into ``<name>.part`` beside the destination, with a sidecar
``<name>.part.json`` naming the source (a hash of its URL) and its validator (ETag or
Last-Modified) and size. An interruption resumes with ``Range`` + ``If-Range``: the server
continues only the same file, else sends it whole. A ``.part`` without a matching sidecar
is started over. A lock file serialises writers of one destination across threads and
processes; a writer that waited for another finds the file done. Only a complete file is
moved into place (``os.replace`` in the same directory, atomic). The decisions are written
once; the sync and async clients only perform the effects (:func:`perform_sync`,
:func:`perform_async`).

A result URL whose direct fetch is refused with one of the statuses the provider's spec
names (``x-seedance-result-fetch-fallback``) is exchanged once for a download link
(``relink``, a flow through the client's Sender) and the link is downloaded; the ``.part``
still belongs to the result URL, so a later call resumes it through a fresh link.

Every transfer is bounded in time and in size. The connect and the headers keep the
client's call budget (the sockets keep ``call_deadline``, see ``_transport``); after
them, whatever the server does (httpx's read timeout only bounds the wait for each chunk,
so a host trickling a byte every few seconds, or sending forever, would hold a call and
its disk without end), the body is bounded too. The rule
lives in :class:`Sink`, which both streams feed: a transfer that averages under
``min_speed`` bytes/s over ``min_speed_time`` seconds of the monotonic clock
(:data:`MIN_SPEED`, :data:`MIN_SPEED_TIME`; curl's ``--speed-limit``/``--speed-time``)
fails with :class:`DownloadError` and keeps its ``.part`` for a later call; a body longer
than its Content-Length (or Content-Range) or than :data:`MAX_SIZE` fails at the first
chunk beyond, and its bytes are discarded. Neither is resumed within the call: a server
that slow or that long answers the next request the same way.
"""

from __future__ import annotations

import asyncio
import errno
import fcntl
import hashlib
import io
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, Protocol, runtime_checkable

import httpx
from attrs import define

from ._call import call_deadline
from ._errors import DownloadError, SeedanceError
from ._flow import Flow

if TYPE_CHECKING:
    from ._call import Answer, Operation

ProgressCallback = Callable[[int, int | None], None]
"""Called after every chunk with (bytes of the file on disk so far, total size or None)."""
Relink = Callable[[str], Flow[str]]
"""A flow turning a result URL the direct fetch refused into a link to download instead."""

_CONTENT_RANGE = re.compile(r"\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*", re.IGNORECASE)
_UNSATISFIED_RANGE = re.compile(r"\s*bytes\s+\*/(\d+)\s*", re.IGNORECASE)
LOCK_POLL = 0.05
LOCK_TIMEOUT = 900.0
"""Seconds to wait for another writer of the same destination (real time, whatever the
client's clock: the other writer is a real thread or process)."""
WRITE_BUFFER = io.DEFAULT_BUFFER_SIZE
"""The file's buffer: small chunks are gathered, while socket chunks (usually 64 KiB) go
straight to write(2): a bigger buffer would copy every byte once more (measured: ~10 %
of a loopback download's speed)."""
WRITEBACK_EVERY = 16 << 20
"""Bytes after which the kernel is asked to start writing the ``.part`` to disk, so the
fsync before the rename waits for the last few MiB only, not for the whole file."""
MIN_SPEED = 1024
"""Bytes per second a transfer must average over every :data:`MIN_SPEED_TIME` seconds
(the ``min_speed`` option of ``download()``). 1 KiB/s is far below any link a video is
fetched over (a 20 MB result would take five hours), so only a stalled or trickling host
trips it."""
MIN_SPEED_TIME = 30.0
"""Seconds of the monotonic clock over which :data:`MIN_SPEED` is averaged (the
``min_speed_time`` option): a pause shorter than this costs nothing, and a stall is caught
at the first chunk after a window ends (the client's read timeout bounds the wait for that
chunk), so within two windows of the moment the transfer slowed down."""
MAX_SIZE = 4 << 30
"""The most bytes a body may have (4 GiB), whether or not the server announces a size: a
body without a Content-Length that never ends, or an announced size above this, fails
instead of filling the disk. A Seedance result is a video of at most 1080p and 15 s (tens
of MB; even at 50 Mbit/s under 100 MB) or a last-frame image, so 4 GiB is forty times the
largest any provider can return, yet reached in seconds at disk speed rather than after
the disk is full. A server that compresses despite ``Accept-Encoding: identity`` is
counted in decoded bytes, so a compression bomb stops here too."""


@runtime_checkable
class ResultLinks(Protocol):
    """An adapter whose provider exchanges result URLs for download links."""

    @property
    def result_fetch_fallback(self) -> frozenset[int]:
        """The direct-fetch statuses that send a result URL through :meth:`result_link`."""
        ...

    def result_link(self, url: str) -> Operation:
        """The operation asking for a download link to ``url``."""
        ...

    def result_link_url(self, answer: Answer) -> str:
        """The link in that operation's answer."""
        ...


class Restart(Exception):
    """The bytes on disk cannot be continued (not the same file, or too many of them)."""


class Stalled(Exception):
    """The transfer averaged under the minimum speed over a whole window."""


class TooLarge(Exception):
    """The body is longer than it announced, or than :data:`MAX_SIZE`."""


@define(frozen=True)
class Bounds:
    """How slow and how long a transfer may be (see :class:`Sink`); made by :meth:`of`."""

    min_speed: int
    min_speed_time: float
    max_size: int

    @classmethod
    def of(
        cls,
        min_speed: int | None = None,
        min_speed_time: float | None = None,
        max_size: int | None = None,
    ) -> Bounds:
        """The given bounds, the module's constants (read now) for the others; raises
        ValueError for a bound that would not bound anything."""
        return cls(
            check_bound("min_speed", MIN_SPEED if min_speed is None else min_speed),
            check_bound(
                "min_speed_time", MIN_SPEED_TIME if min_speed_time is None else min_speed_time
            ),
            check_bound("max_size", MAX_SIZE if max_size is None else max_size),
        )


def check_bound(name: str, value: Any) -> Any:
    """``value`` if it is a bound :class:`Bounds` can hold under ``name``, else ValueError:
    an integer >= 1 (``min_speed``, bytes/s; ``max_size``, bytes) or a finite number of
    seconds > 0 (``min_speed_time``). No value turns a bound off."""
    if name == "min_speed_time":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{name} must be a number of seconds, not {value!r}")
        if not 0 < value < float("inf"):
            raise ValueError(f"{name} must be finite and > 0, not {value!r}")
        return float(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be an integer >= 1, not {value!r}")
    return value


@define
class Plan:
    """One request of a download: what to ask for and how to read the answer."""

    url: str
    """What to GET: the result URL, or the link it was exchanged for."""
    part: Path
    offset: int
    headers: dict[str, str]
    expected: dict[str, Any]
    """The sidecar the bytes on disk were written under ({} when starting over)."""
    source: str
    """The result URL the bytes belong to (named, hashed, in the sidecar)."""
    shown: str
    target: Path
    on_progress: ProgressCallback | None
    bounds: Bounds

    def open(self, status: int, headers: httpx.Headers) -> Sink:
        """Where the answer's body goes (``sink.file`` is None when nothing is missing);
        raises :class:`Restart`, :class:`TooLarge` or :class:`DownloadError`."""
        if status == 416 and self.offset:
            # If-Range is evaluated before Range: a 416 means the validator matched.
            match = _UNSATISFIED_RANGE.fullmatch(headers.get("content-range", ""))
            if match and int(match[1]) == self.offset == self.expected.get("total"):
                # done: a crash came before the rename
                return Sink(None, self.offset, self.offset, bounds=self.bounds)
            raise Restart(f"the server refused to resume at byte {self.offset}")
        if not 200 <= status < 300:
            raise DownloadError(
                f"GET {self.shown} answered HTTP {status}",
                url=self.shown,
                status_code=status,
                destination=self.target,
            )
        if status == 206:
            match = _CONTENT_RANGE.fullmatch(headers.get("content-range", ""))
            if not self.offset or match is None or int(match[1]) != self.offset:
                raise Restart(
                    f"asked for bytes from {self.offset}, the server sent "
                    f"Content-Range {headers.get('content-range')!r}"
                )
            total = None if match[3] == "*" else int(match[3])
            if total != self.expected.get("total"):
                raise Restart("the file's size changed since the first part")
            if _validators(headers) - _validators_of(self.expected):
                raise Restart("the server's validator changed since the first part")
            self._check_size(total)
            file = _private_open(self.part, "ab")
            return Sink(file, self.offset, total, self.on_progress, self.bounds)
        total = _content_length(headers)
        self._check_size(total)
        file = _private_open(self.part, "wb")  # empty before the new sidecar names it
        try:
            _write_sidecar(self.part, _sidecar_meta(self.source, headers, total))
        except BaseException:
            file.close()
            raise
        return Sink(file, 0, total, self.on_progress, self.bounds)

    def _check_size(self, total: int | None) -> None:
        if total is not None and total > self.bounds.max_size:
            raise TooLarge(
                f"the server announced {total} bytes, more than the {self.bounds.max_size} "
                "a result may have"
            )


class Sink:
    """A body on its way into the ``.part`` file: counts the bytes, reports progress,
    starts the kernel's writeback as it goes, and holds the transfer to its bounds (both
    streams share it; the clock is read once per chunk, and is the only I/O besides the
    file).

    Size: a chunk that would take the file past its total (the announced size), or past
    ``bounds.max_size`` when none was announced, raises :class:`TooLarge` before it is
    written. Speed: the body is cut into windows of at least ``bounds.min_speed_time``
    seconds, from the answer's headers on; at the first chunk after a window ends, a
    window that brought fewer than ``min_speed`` bytes per second of its length raises
    :class:`Stalled`, else the next window starts there. Per chunk the bounds cost one
    integer compare, one read of ``clock`` (monotonic; a fake one in tests) and one float
    compare."""

    def __init__(
        self,
        file: IO[bytes] | None,
        offset: int,
        total: int | None,
        on_progress: ProgressCallback | None = None,
        bounds: Bounds | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        bounds = Bounds.of() if bounds is None else bounds
        self.file, self.offset, self.total = file, offset, total
        self._progress = on_progress
        self._written_back = offset
        self._limit = bounds.max_size if total is None else total
        self._bounds, self._clock = bounds, clock
        self._window_start, self._window_offset = clock(), offset
        self._window_end = self._window_start + bounds.min_speed_time

    def write(self, chunk: bytes) -> None:
        assert self.file is not None
        offset = self.offset + len(chunk)
        if offset > self._limit:
            self._too_large(offset)
        self.file.write(chunk)
        self.offset = offset
        if offset - self._written_back >= WRITEBACK_EVERY:
            self._write_back()
        if (now := self._clock()) >= self._window_end:
            self._window_ended(now)
        if self._progress is not None:
            self._progress(offset, self.total)

    def _too_large(self, offset: int) -> NoReturn:
        if self.total is not None:
            raise TooLarge(
                f"the body went past the {self.total} bytes the server announced "
                f"(at least {offset})"
            )
        raise TooLarge(
            f"the body, of no announced size, went past {self._bounds.max_size} bytes, "
            "more than a result may have"
        )

    def _window_ended(self, now: float) -> None:
        """At the first chunk after a window's end: too slow, or the next window."""
        elapsed = now - self._window_start
        received = self.offset - self._window_offset
        if received < self._bounds.min_speed * elapsed:
            raise Stalled(
                f"{received} bytes came in the last {elapsed:.1f} s, under the minimum of "
                f"{self._bounds.min_speed} bytes/s over {self._bounds.min_speed_time:g} s"
            )
        self._window_start, self._window_offset = now, self.offset
        self._window_end = now + self._bounds.min_speed_time

    def _write_back(self) -> None:
        """Start writing what is buffered to disk without waiting for it (Linux starts
        writeback for DONTNEED; elsewhere the fsync before the rename does it all)."""
        assert self.file is not None
        self.file.flush()
        if hasattr(os, "posix_fadvise"):
            start = self._written_back
            os.posix_fadvise(self.file.fileno(), start, self.offset - start, os.POSIX_FADV_DONTNEED)
        self._written_back = self.offset


@define(frozen=True)
class Stream:
    """Effect: GET with ``plan.headers`` and write the body as ``plan.open`` says; the
    result is (bytes on disk, total or None)."""

    plan: Plan


@define(frozen=True)
class Pause:
    """Effect: wait this many seconds of real time (another writer holds the lock)."""

    seconds: float


@define(frozen=True)
class Flush:
    """Effect: fsync this file (off the event loop for the async client)."""

    path: Path


EFFECTS = (Stream, Pause, Flush)
"""The effects a download flow yields besides the client's own (``Http``, ``Sleep``)."""


def download_flow(
    url: str,
    destination: str | os.PathLike[str],
    *,
    max_resumes: int = 5,
    on_progress: ProgressCallback | None = None,
    overwrite: bool = True,
    lock_timeout: float | None = None,
    relink: Relink | None = None,
    relink_statuses: frozenset[int] = frozenset(),
    min_speed: int | None = None,
    min_speed_time: float | None = None,
    max_size: int | None = None,
) -> Flow[Path]:
    """Download ``url`` to ``destination``; the path. See the module docstring. The bounds
    default to :data:`MIN_SPEED`, :data:`MIN_SPEED_TIME` and :data:`MAX_SIZE`, read when
    the call is made."""
    if max_resumes < 0:
        raise ValueError(f"max_resumes must be >= 0, not {max_resumes}")
    bounds = Bounds.of(min_speed, min_speed_time, max_size)
    target = Path(destination)
    if not overwrite and target.exists():
        raise FileExistsError(errno.EEXIST, "destination exists and overwrite=False", str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DownloadError(
            f"cannot make the folder for {target}: {exc.strerror or exc}",
            url=redact(url),
            status_code=None,
            destination=target,
        ) from exc
    part = target.with_name(target.name + ".part")
    lock_path = target.with_name(target.name + ".lock")
    shown = redact(url)
    deadline = time.monotonic() + (LOCK_TIMEOUT if lock_timeout is None else lock_timeout)
    before, waited = _identity(target), False
    while (lock := _try_lock(lock_path)) is None:
        waited = True
        if time.monotonic() + LOCK_POLL > deadline:
            raise DownloadError(
                f"{target} is being written by another download for too long",
                url=shown,
                status_code=None,
                destination=target,
            )
        yield Pause(LOCK_POLL)
    try:
        if waited and _identity(target) not in (before, None):
            return target  # another writer finished it while we waited
        if not overwrite and target.exists():
            raise FileExistsError(
                errno.EEXIST, "destination exists and overwrite=False", str(target)
            )
        fetch = url
        resumes = relinks = 0
        while True:
            offset, headers, expected = _resume_point(part, url)
            plan = Plan(
                fetch, part, offset, headers, expected, url, shown, target, on_progress, bounds
            )
            cause: BaseException | None = None
            try:
                size, total = yield Stream(plan)
            except httpx.TransportError as exc:
                problem, cause = f"the transfer broke ({type(exc).__name__}: {exc})", exc
            except Restart as exc:
                _discard(part)
                if plan.offset:
                    continue  # the stale bytes are gone; the next request starts at 0
                problem = str(exc)
            except Stalled as exc:
                raise DownloadError(
                    f"GET {shown} stalled: {exc}; {_kept(part)}",
                    url=shown,
                    status_code=None,
                    destination=target,
                ) from None
            except TooLarge as exc:
                _discard(part)  # not this file's bytes, or too many to keep
                raise DownloadError(
                    f"GET {shown} was stopped: {exc}; the bytes received were discarded",
                    url=shown,
                    status_code=None,
                    destination=target,
                ) from None
            except DownloadError as exc:
                if relink is None or exc.status_code not in relink_statuses or relinks:
                    raise
                relinks += 1
                try:
                    fetch = yield from relink(url)
                except SeedanceError as failed:
                    raise DownloadError(
                        f"{exc}; asking the provider for a download link failed too: {failed}",
                        url=shown,
                        status_code=exc.status_code,
                        destination=target,
                    ) from failed
                continue
            else:
                if total is None or size == total:
                    break
                # (the Sink never lets a body go past its total)
                problem = f"the body had {size} bytes, the server announced {total}"
            if resumes >= max_resumes:
                raise DownloadError(
                    f"GET {shown} failed after {resumes} resumes: {problem}; {_kept(part)}",
                    url=shown,
                    status_code=None,
                    destination=target,
                ) from cause
            resumes += 1
        yield Flush(part)  # a power cut cannot leave a complete name on incomplete contents
        os.replace(part, target)
        _sidecar(part).unlink(missing_ok=True)
        return target
    finally:
        # Removed while held: a writer that locked this file meanwhile finds it gone
        # from the path and locks the next one (see _try_lock).
        lock_path.unlink(missing_ok=True)
        lock.close()  # releases the flock


def _try_lock(path: Path) -> IO[bytes] | None:
    """The destination's lock file, locked by us; None while another writer holds it.

    The last writer removes the lock file when done, so a lock taken on a file that is no
    longer at ``path`` locks nothing another writer would see: it counts as busy."""
    file: IO[bytes] = _private_open(path, "ab")
    try:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        held = os.fstat(file.fileno())
        current = os.stat(path)
        if (held.st_dev, held.st_ino) == (current.st_dev, current.st_ino):
            return file
    except (BlockingIOError, FileNotFoundError):
        pass
    file.close()
    return None


def _identity(path: Path) -> tuple[int, ...] | None:
    """What tells one file at ``path`` from the next (a rename brings a new inode)."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns


def _resume_point(part: Path, url: str) -> tuple[int, dict[str, str], dict[str, Any]]:
    """(offset, request headers, sidecar): continue ``part`` only when its sidecar names
    the same source, its size and a validator to check it with (``If-Range``)."""
    headers = {"Accept-Encoding": "identity"}
    offset = part.stat().st_size if part.exists() else 0
    meta = _read_sidecar(part)
    if not offset or meta.get("source") != _source(url) or not _resumable(meta, offset):
        if offset or meta:
            _discard(part)
        return 0, headers, {}
    validator: str = meta.get("etag") or meta["last_modified"]  # _resumable: one is a str
    return offset, {**headers, "Range": f"bytes={offset}-", "If-Range": validator}, meta


def _resumable(meta: dict[str, Any], offset: int) -> bool:
    """Whether ``offset`` bytes written under sidecar ``meta`` can be continued: the file's
    size and a validator are known, and the bytes are not more than the file."""
    validator = meta.get("etag") or meta.get("last_modified")
    total = meta.get("total")
    return isinstance(validator, str) and isinstance(total, int) and offset <= total


def _kept(part: Path) -> str:
    """What becomes of the bytes on disk, for a DownloadError's message."""
    size = part.stat().st_size if part.exists() else 0
    if not size:
        return "no bytes were received"
    if _resumable(_read_sidecar(part), size):
        return f"the {size} bytes received so far are kept in {part.name} for a later call"
    return (
        f"the {size} bytes received are in {part.name}, but the server gave no size and "
        "validator to resume them with: a later call starts over"
    )


def _source(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()


def _sidecar(part: Path) -> Path:
    return part.with_name(part.name + ".json")


def _read_sidecar(part: Path) -> dict[str, Any]:
    try:
        meta = json.loads(_sidecar(part).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _sidecar_meta(url: str, headers: httpx.Headers, total: int | None) -> dict[str, Any]:
    etag = headers.get("etag")
    return {
        "source": _source(url),
        "etag": etag if etag and not etag.startswith("W/") else None,  # If-Range needs strong
        "last_modified": headers.get("last-modified"),
        "total": total,
    }


def _validators(headers: httpx.Headers) -> set[tuple[str, str]]:
    """The strong validators an answer states."""
    return _validators_of(_sidecar_meta("", headers, None))


def _validators_of(meta: dict[str, Any]) -> set[tuple[str, str]]:
    return {(k, v) for k in ("etag", "last_modified") if isinstance(v := meta.get(k), str)}


def _write_sidecar(part: Path, meta: dict[str, Any]) -> None:
    """Written whole or not at all (a torn sidecar would only restart, but why tear it)."""
    sidecar = _sidecar(part)
    temporary = sidecar.with_name(f"{sidecar.name}.{os.getpid()}.tmp")
    with _private_open(temporary, "w") as file:
        json.dump(meta, file)
    os.replace(temporary, sidecar)


def _discard(part: Path) -> None:
    part.unlink(missing_ok=True)
    _sidecar(part).unlink(missing_ok=True)


def _private_open(path: Path, mode: str) -> Any:
    """Open for writing, created 0600 (result URLs and videos are the user's own)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    fd = os.open(path, flags, 0o600)
    os.fchmod(fd, 0o600)  # also when an older file was there with other rights
    return os.fdopen(fd, mode, buffering=WRITE_BUFFER if "b" in mode else -1)


def _content_length(headers: httpx.Headers) -> int | None:
    """The body's size, when the header gives it for the raw bytes streamed."""
    if headers.get("content-encoding", "identity").strip().lower() != "identity":
        return None
    value = headers.get("content-length", "")
    return int(value) if value.isdigit() else None


def redact(url: str) -> str:
    """``url`` fit for messages: no query string (tokens), fragment or user info."""
    try:
        return str(httpx.URL(url).copy_with(query=None, fragment=None, userinfo=b""))
    except httpx.InvalidURL:
        return url.split("?", 1)[0].split("#", 1)[0]


def _sync_to_disk(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ---------------------------------------------------------------------- I/O


@contextmanager
def _headers_within(seconds: float | None) -> Iterator[Callable[[], None]]:
    """Hold the connect and the answer's headers to ``seconds`` (the client's call
    budget: the sockets keep ``call_deadline``; a host sending its headers a byte at a
    time never trips a read timeout); the function it yields lifts that once the headers
    are in, for the body is held to the minimum speed instead (:class:`Sink`)."""
    token = call_deadline.set(None if seconds is None else time.monotonic() + seconds)

    def headers_in() -> None:
        call_deadline.set(None)

    try:
        yield headers_in
    finally:
        call_deadline.reset(token)


def stream_sync(
    http: httpx.Client, plan: Plan, headers_within: float | None = None
) -> tuple[int, int | None]:
    """Perform a :class:`Stream` with blocking I/O."""
    with (
        _headers_within(headers_within) as headers_in,
        http.stream("GET", plan.url, headers=plan.headers, follow_redirects=True) as response,
    ):
        headers_in()
        sink = plan.open(response.status_code, response.headers)
        if sink.file is not None:
            with sink.file:
                for chunk in response.iter_bytes():
                    sink.write(chunk)
    return sink.offset, sink.total


async def stream_async(
    http: httpx.AsyncClient, plan: Plan, headers_within: float | None = None
) -> tuple[int, int | None]:
    """Perform a :class:`Stream` with async I/O (writes go to the page cache: they do not
    block the loop for long, and a thread hop per chunk would cost more)."""
    with _headers_within(headers_within) as headers_in:
        async with http.stream(
            "GET", plan.url, headers=plan.headers, follow_redirects=True
        ) as response:
            headers_in()
            sink = plan.open(response.status_code, response.headers)
            if sink.file is not None:
                with sink.file:
                    async for chunk in response.aiter_bytes():
                        sink.write(chunk)
    return sink.offset, sink.total


def perform_sync(
    http: httpx.Client, effect: Stream | Pause | Flush, headers_within: float | None = None
) -> Any:
    """Perform one of :data:`EFFECTS` with blocking I/O (``headers_within``: seconds the
    connect and the headers may take, see :func:`_headers_within`)."""
    if isinstance(effect, Pause):
        return time.sleep(effect.seconds)
    if isinstance(effect, Flush):
        return _sync_to_disk(effect.path)
    return stream_sync(http, effect.plan, headers_within)


async def perform_async(
    http: httpx.AsyncClient, effect: Stream | Pause | Flush, headers_within: float | None = None
) -> Any:
    """Perform one of :data:`EFFECTS` with async I/O."""
    if isinstance(effect, Pause):
        return await asyncio.sleep(effect.seconds)
    if isinstance(effect, Flush):
        return await asyncio.to_thread(_sync_to_disk, effect.path)
    return await stream_async(http, effect.plan, headers_within)


async def download(
    http: httpx.AsyncClient, url: str, destination: str | os.PathLike[str], **options: Any
) -> Path:
    """Download ``url`` with ``http`` as it is (no provider key is added): the flow above
    (``options`` are :func:`download_flow`'s), driven by async I/O."""
    from ._flow import arun

    async def perform(effect: object) -> object:
        if isinstance(effect, EFFECTS):
            return await perform_async(http, effect)
        raise TypeError(effect)

    return await arun(download_flow(url, destination, **options), perform)
