"""Downloading a result file: streamed to disk, resumed after a broken connection, and
never left half-written at its destination.

Result videos come from CDNs that drop long transfers now and then; a large video should
neither start over for that nor sit in memory. So the body goes chunk by chunk into
``<name>.part`` next to the destination, an interruption resumes with a ``Range`` request
from the bytes already on disk, and only a complete file is moved into place (one
``os.replace`` in the same directory, which is atomic). A ``.part`` left by a crashed run
is resumed the same way.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable
from pathlib import Path

import httpx

from .errors import DownloadError

__all__ = ["DownloadError", "download"]

ProgressCallback = Callable[[int, int | None], None]
"""Called after every chunk with (bytes of the file on disk so far, total size or None)."""

_CONTENT_RANGE = re.compile(r"\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*", re.IGNORECASE)
_UNSATISFIED_RANGE = re.compile(r"\s*bytes\s+\*/(\d+)\s*", re.IGNORECASE)


class _Restart(Exception):
    """The bytes on disk cannot be continued (not the same file, or too many of them)."""


async def download(
    http: httpx.AsyncClient,
    url: str,
    destination: str | os.PathLike[str],
    *,
    max_resumes: int = 5,
    chunk_size: int = 1 << 16,
    on_progress: ProgressCallback | None = None,
    overwrite: bool = True,
) -> Path:
    """Download ``url`` to ``destination`` and return the destination's path.

    ``http`` is used as given and nothing is added to authenticate: pass a client without
    provider credentials, since result URLs usually point at a third-party CDN. Redirects
    are followed (httpx drops ``Authorization`` when one leaves the origin anyway).

    Memory use is constant (one ``chunk_size`` chunk at a time). After an interruption
    (any :class:`httpx.TransportError`), or a body shorter than announced, the download
    resumes from the bytes on disk, at most ``max_resumes`` times; a server without
    ``Range`` support answers 200 and the download starts over. The final size is checked
    against ``Content-Length`` or the ``Content-Range`` total when the server gave one.

    Raises :class:`DownloadError` for a non-2xx answer or when the resumes run out,
    :class:`FileExistsError` (before any request) if ``overwrite`` is false and the
    destination exists.
    """
    if max_resumes < 0:
        raise ValueError(f"max_resumes must be >= 0, not {max_resumes}")
    if chunk_size <= 0:
        raise ValueError(f"chunk_size must be > 0, not {chunk_size}")
    target = Path(destination)
    if not overwrite and target.exists():
        raise FileExistsError(errno.EEXIST, "destination exists and overwrite=False", str(target))
    part = target.with_name(target.name + ".part")
    shown = _redact(url)

    resumes = 0
    while True:
        # What is on disk is the truth: it is what a resume has to continue.
        offset = part.stat().st_size if part.exists() else 0
        cause: BaseException | None = None
        try:
            size, total = await _fetch(
                http, url, part, offset, chunk_size, on_progress, shown, target
            )
        except httpx.TransportError as exc:
            problem = f"the transfer broke ({type(exc).__name__}: {exc})"
            cause = exc
        except _Restart as exc:
            part.unlink(missing_ok=True)
            problem = str(exc)
        else:
            if total is None or size == total:
                break
            if size > total:
                part.unlink(missing_ok=True)
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
    return target


async def _fetch(
    http: httpx.AsyncClient,
    url: str,
    part: Path,
    offset: int,
    chunk_size: int,
    on_progress: ProgressCallback | None,
    shown: str,
    target: Path,
) -> tuple[int, int | None]:
    """One request: continue ``part`` from ``offset`` (or rewrite it if the server sends
    the whole body). Returns (bytes on disk, total size if the server said)."""
    # Sizes and ranges only mean something for the unencoded body.
    headers = {"Accept-Encoding": "identity"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    async with http.stream("GET", url, headers=headers, follow_redirects=True) as response:
        if response.status_code == 416 and offset:
            match = _UNSATISFIED_RANGE.fullmatch(response.headers.get("content-range", ""))
            if match and int(match[1]) == offset:
                # A crash came between the last byte and the rename: nothing is missing.
                if on_progress is not None:
                    on_progress(offset, offset)
                return offset, offset
            raise _Restart(f"the server refused to resume at byte {offset}")
        if not response.is_success:
            raise DownloadError(
                f"GET {shown} answered HTTP {response.status_code} {response.reason_phrase}",
                url=shown,
                status_code=response.status_code,
                destination=target,
            )
        total: int | None
        if response.status_code == 206:
            match = _CONTENT_RANGE.fullmatch(response.headers.get("content-range", ""))
            if match is None or int(match[1]) != offset:
                raise _Restart(
                    f"asked for bytes from {offset}, the server sent "
                    f"Content-Range {response.headers.get('content-range')!r}"
                )
            total = None if match[3] == "*" else int(match[3])
            mode = "ab"
        else:  # the whole body: whatever is on disk is replaced
            total = _content_length(response)
            mode, offset = "wb", 0
        with part.open(mode) as file:
            async for chunk in response.aiter_bytes(chunk_size):
                file.write(chunk)
                offset += len(chunk)
                if on_progress is not None:
                    on_progress(offset, total)
    return offset, total


def _content_length(response: httpx.Response) -> int | None:
    """The body's size, when the header gives it for the bytes ``aiter_bytes`` yields."""
    if response.headers.get("content-encoding", "identity").strip().lower() != "identity":
        return None
    value = response.headers.get("content-length", "")
    return int(value) if value.isdigit() else None


def _redact(url: str) -> str:
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
