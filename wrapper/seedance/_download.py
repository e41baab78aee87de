"""Downloading a result file: streamed to disk, resumed only where provably the same
file, one writer per destination, never left half-written at its destination.

The body goes chunk by chunk into ``<name>.part`` beside the destination, with a sidecar
``<name>.part.json`` naming the source (a hash of its URL) and its validator (ETag or
Last-Modified) and size. An interruption resumes with ``Range`` + ``If-Range``: the server
continues only the same file, else sends it whole. A ``.part`` without a matching sidecar
is started over. A lock file serialises writers of one destination across processes; a
writer that waited for another finds the file done. Only a complete file is moved into
place (``os.replace`` in the same directory, atomic). The decisions are written once; the
sync and async clients only stream (``Stream`` effects).
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import httpx
from attrs import define

from ._errors import DownloadError
from ._flow import Flow, Sleep

ProgressCallback = Callable[[int, int | None], None]
"""Called after every chunk with (bytes of the file on disk so far, total size or None)."""

_CONTENT_RANGE = re.compile(r"\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*", re.IGNORECASE)
_UNSATISFIED_RANGE = re.compile(r"\s*bytes\s+\*/(\d+)\s*", re.IGNORECASE)
LOCK_POLL = 0.05


class Restart(Exception):
    """The bytes on disk cannot be continued (not the same file, or too many of them)."""


@define
class Plan:
    """One request of a download: what to ask for and how to read the answer."""

    url: str
    part: Path
    offset: int
    headers: dict[str, str]
    shown: str
    target: Path
    on_progress: ProgressCallback | None

    def open(self, status: int, headers: httpx.Headers) -> tuple[IO[bytes] | None, int, int | None]:
        """(file to write the body to or None when nothing is missing, bytes already on
        disk, total size if known) for an answer; raises :class:`Restart` or
        :class:`DownloadError`."""
        if status == 416 and self.offset:
            match = _UNSATISFIED_RANGE.fullmatch(headers.get("content-range", ""))
            if match and int(match[1]) == self.offset and _sidecar_total(self.part) == self.offset:
                return None, self.offset, self.offset  # complete: a crash came before the rename
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
            if match is None or int(match[1]) != self.offset:
                raise Restart(
                    f"asked for bytes from {self.offset}, the server sent "
                    f"Content-Range {headers.get('content-range')!r}"
                )
            total = None if match[3] == "*" else int(match[3])
            if total != _sidecar_total(self.part):
                raise Restart("the file's size changed since the first part")
            return _private_open(self.part, "ab"), self.offset, total
        total = _content_length(headers)
        _write_sidecar(self.part, self.url, headers, total)
        return _private_open(self.part, "wb"), 0, total


@define(frozen=True)
class Stream:
    """Effect: GET with ``plan.headers`` and write the body as ``plan.open`` says; the
    result is (bytes on disk, total or None)."""

    plan: Plan


def download_flow(
    url: str,
    destination: str | os.PathLike[str],
    *,
    max_resumes: int = 5,
    on_progress: ProgressCallback | None = None,
    overwrite: bool = True,
    lock_timeout: float = 900.0,
    monotonic: Callable[[], float],
) -> Flow[Path]:
    """Download ``url`` to ``destination``; the path. See the module docstring."""
    if max_resumes < 0:
        raise ValueError(f"max_resumes must be >= 0, not {max_resumes}")
    target = Path(destination)
    if not overwrite and target.exists():
        raise FileExistsError(errno.EEXIST, "destination exists and overwrite=False", str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    shown = redact(url)
    lock_path = target.with_name(target.name + ".lock")
    lock = _private_open(lock_path, "ab")
    try:
        waited = yield from _acquire(lock, monotonic() + lock_timeout, monotonic, target)
        if waited and target.exists():
            return target  # another writer finished it while we waited
        resumes = 0
        while True:
            plan = Plan(url, part, *_resume_point(part, url), shown, target, on_progress)
            cause: BaseException | None = None
            try:
                size, total = yield Stream(plan)
            except httpx.TransportError as exc:
                problem, cause = f"the transfer broke ({type(exc).__name__}: {exc})", exc
            except Restart as exc:
                _discard(part)
                problem = str(exc)
            else:
                if total is None or size == total:
                    break
                if size > total:
                    _discard(part)
                problem = f"the body had {size} bytes, the server announced {total}"
            if resumes >= max_resumes:
                raise DownloadError(
                    f"GET {shown} failed after {resumes} resumes: {problem}; "
                    f"the bytes received so far are kept in {part.name} for a later call",
                    url=shown,
                    status_code=None,
                    destination=target,
                ) from cause
            resumes += 1
        _sync_to_disk(part)
        os.replace(part, target)
        _sidecar(part).unlink(missing_ok=True)
        lock_path.unlink(missing_ok=True)
        return target
    finally:
        lock.close()  # releases the flock


def _acquire(
    lock: IO[bytes], deadline: float, monotonic: Callable[[], float], target: Path
) -> Flow[bool]:
    """Take the destination's lock; True when another writer held it first."""
    waited = False
    while True:
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return waited
        except BlockingIOError:
            if monotonic() + LOCK_POLL > deadline:
                raise DownloadError(
                    f"{target} is being written by another process for too long",
                    url="",
                    status_code=None,
                    destination=target,
                ) from None
            waited = True
            yield Sleep(LOCK_POLL)


def _resume_point(part: Path, url: str) -> tuple[int, dict[str, str]]:
    """(offset, request headers): continue ``part`` only when its sidecar names the same
    source and a validator to check it with (``If-Range``)."""
    headers = {"Accept-Encoding": "identity"}
    offset = part.stat().st_size if part.exists() else 0
    meta = _read_sidecar(part)
    validator = meta.get("etag") or meta.get("last_modified")
    if not offset or meta.get("source") != _source(url) or not validator:
        if offset or meta:
            _discard(part)
        return 0, headers
    return offset, {**headers, "Range": f"bytes={offset}-", "If-Range": str(validator)}


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


def _sidecar_total(part: Path) -> int | None:
    total = _read_sidecar(part).get("total")
    return total if isinstance(total, int) else None


def _write_sidecar(part: Path, url: str, headers: httpx.Headers, total: int | None) -> None:
    meta = {
        "source": _source(url),
        "etag": headers.get("etag") if not headers.get("etag", "").startswith("W/") else None,
        "last_modified": headers.get("last-modified"),
        "total": total,
    }
    with _private_open(_sidecar(part), "w") as file:
        json.dump(meta, file)


def _discard(part: Path) -> None:
    part.unlink(missing_ok=True)
    _sidecar(part).unlink(missing_ok=True)


def _private_open(path: Path, mode: str) -> Any:
    """Open for writing, created 0600 (result URLs and videos are the user's own)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    return os.fdopen(os.open(path, flags, 0o600), mode)


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
    """Flush the file to disk before the rename, so a power cut cannot leave a complete
    name on incomplete contents."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def stream_sync(http: httpx.Client, plan: Plan) -> tuple[int, int | None]:
    """Perform a :class:`Stream` with blocking I/O."""
    with http.stream("GET", plan.url, headers=plan.headers, follow_redirects=True) as response:
        file, offset, total = plan.open(response.status_code, response.headers)
        if file is None:
            return offset, total
        with file:
            for chunk in response.iter_bytes():
                file.write(chunk)
                offset += len(chunk)
                if plan.on_progress is not None:
                    plan.on_progress(offset, total)
    return offset, total


async def stream_async(http: httpx.AsyncClient, plan: Plan) -> tuple[int, int | None]:
    """Perform a :class:`Stream` with async I/O (file writes are small and buffered)."""
    async with http.stream(
        "GET", plan.url, headers=plan.headers, follow_redirects=True
    ) as response:
        file, offset, total = plan.open(response.status_code, response.headers)
        if file is None:
            return offset, total
        with file:
            async for chunk in response.aiter_bytes():
                file.write(chunk)
                offset += len(chunk)
                if plan.on_progress is not None:
                    plan.on_progress(offset, total)
    return offset, total


async def download(
    http: httpx.AsyncClient,
    url: str,
    destination: str | os.PathLike[str],
    *,
    max_resumes: int = 5,
    on_progress: ProgressCallback | None = None,
    overwrite: bool = True,
) -> Path:
    """Download ``url`` with ``http`` as it is (no provider key is added): the flow above,
    driven by async I/O."""
    import asyncio
    import time

    from ._flow import arun

    async def perform(effect: object) -> object:
        if isinstance(effect, Stream):
            return await stream_async(http, effect.plan)
        if isinstance(effect, Sleep):
            await asyncio.sleep(effect.seconds)
            return None
        raise TypeError(effect)

    flow = download_flow(
        url,
        destination,
        max_resumes=max_resumes,
        on_progress=on_progress,
        overwrite=overwrite,
        monotonic=time.monotonic,
    )
    return await arun(flow, perform)
