"""Run many video requests at once: bounded concurrency, a manifest, reruns that pay nothing twice.

A batch is a JSONL file (one request object per line) or an iterable of mappings. Every line is
parsed strictly and totally before anything is sent: a bad line becomes an ``invalid`` row whose
ValidationError names the line, the field, the value and what is allowed; the others run. A
line's idempotency key defaults to a hash of its content, so a rerun on the same journal creates
nothing twice.

Several processes (or hosts, on PostgreSQL) may run one batch at once, splitting its rows through
the journal's claims: a row another process is submitting is retried later; one it created is
followed in the journal until downloaded, and taken over only if its creator is known to be
dead. Each process writes the whole manifest (atomically; 0600: it holds prompts and result
URLs) at its end, so the last to finish leaves a complete one.
"""

from __future__ import annotations

import asyncio
import enum
import hashlib
import inspect
import json
import logging
import math
import os
import re
import socket
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._errors import (
    ConfigurationError,
    SeedanceError,
    SubmissionInProgressError,
    TaskFailedError,
    TaskOutcomeUnknownError,
    ValidationError,
    WaitTimeoutError,
)
from ._models import ImageInput, ImageRole, Task, VideoRequest, json_kinds
from ._validation import INT64

if TYPE_CHECKING:
    from ._client import AsyncClient

log = logging.getLogger("seedance.batch")

MANIFEST = "manifest.jsonl"
DEFAULT_TIMEOUT = 900.0
MAX_NESTING = 32  # how deep ``extra`` may nest (deeper JSON is refused, not recursed into)
BUSY_RETRY = 0.5  # seconds before coming back to a row another process is submitting
FOLLOW_POLL = 0.25  # seconds between two looks at the journal for a row another one finishes

BatchSource = str | os.PathLike[str] | Iterable[Mapping[str, Any] | str]
"""A JSONL file's path, or requests as mappings (or JSON text, one request each)."""
RowCallback = Callable[["BatchRow"], object]


class RowStatus(enum.StrEnum):
    """How one line of a batch ended."""

    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    TIMED_OUT = "timed out"
    """The wait's deadline passed; the task goes on at the provider (rerun to finish it)."""
    UNKNOWN = "outcome unknown"
    """An earlier create was sent but its answer was lost; not created again."""
    INVALID = "invalid"
    """The line was refused before anything was sent (see ``error`` and ``field``)."""
    ERROR = "error"
    """A provider, network or file error."""


# ----------------------------------------------------------------------- parsing


_SCALARS: tuple[type, ...] = (str, int, float, bool)
_MEDIA = ("videos", "audios")
# VideoRequest's scalar fields and the JSON types each takes (a field of a type this does not
# know takes any JSON scalar: the client's validation has the last word)
_KINDS = {
    name: tuple(k for k in kinds if k in _SCALARS) or _SCALARS
    for name, kinds in json_kinds(VideoRequest).items()
    if name not in ("images", "extra", *_MEDIA)
}
FIELDS = frozenset(_KINDS) | {"images", "extra", "image", "key", "output", *_MEDIA}
"""What a batch line may hold: VideoRequest's fields, plus ``image`` (one image),
``key`` (its idempotency key) and ``output`` (where its video goes, relative to out_dir)."""

_KIND_WORDS = {str: "a string", int: "an integer", bool: "true or false", float: "a number"}
_TYPE_NAMES = {**_KIND_WORDS, bool: "a boolean", dict: "an object", list: "a list"}
_TYPE_NAMES[type(None)] = "null"
_ROLES = [r.value for r in ImageRole]
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


@attrs.frozen(kw_only=True)
class BatchRequest:
    """One valid line of a batch: its request, the ``key`` and ``output`` it gave (if any),
    and ``content``, its other fields as given: what the default key hashes."""

    line: int
    request: VideoRequest
    key: str | None = None
    output: str | None = None
    content: dict[str, Any] = attrs.field(factory=dict, repr=False)

    def idempotency_key(self, provider: str) -> str:
        """The line's key, or a hash of its content and the provider."""
        if self.key is not None:
            return self.key
        text = json.dumps([provider, self.content], sort_keys=True, separators=(",", ":"))
        return f"sha256-{hashlib.sha256(text.encode()).hexdigest()[:24]}"

    def destination(self, out_dir: Path, key: str) -> Path:
        """Where the video goes: ``output`` under ``out_dir`` (unless absolute), else
        ``out_dir/<key>.mp4``."""
        return out_dir / (self.output if self.output is not None else f"{safe_file_name(key)}.mp4")


def safe_file_name(name: str) -> str:
    """``name`` itself when it is a plain file name, else a stable hash of it."""
    if _SAFE_NAME.fullmatch(name) and name not in (".", ".."):
        return name
    return "key-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def _bad(line: int, name: str, problem: str, value: Any, allowed: Any = None) -> ValidationError:
    return ValidationError(
        f"line {line}: {problem}", field=name, value=_shown(value), allowed=allowed
    )


def _wrong_type(line: int, name: str, value: Any, allowed: str) -> ValidationError:
    problem = f"{name} must be {allowed}, not {_type_name(value)} ({_shown(value)!r})"
    return _bad(line, name, problem, value, allowed)


def _shown(value: Any) -> Any:
    """A value small and safe enough to keep in an error (and print)."""
    if value is None or (isinstance(value, (int, float)) and -(10**18) < value < 10**18):
        return value
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _type_name(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return f"the non-finite number {value!r}"
    if isinstance(value, int) and not isinstance(value, bool):
        return "an integer"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _text(line: int, name: str, value: Any, *, path: bool = False) -> str:
    """A string that survives UTF-8 (and, for paths, the file system)."""
    if path and isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise _wrong_type(line, name, value, "a string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        problem = f"{name} is not valid text (it holds a lone surrogate)"
        raise _bad(line, name, problem, value, "UTF-8 text") from None
    if path and (not value or "\x00" in value or Path(value).name in ("", ".", "..")):
        allowed = "a file path (no NUL, ending in a file name)"
        raise _bad(line, name, f"{name}={_shown(value)!r} is not a file path", value, allowed)
    return value


def _scalar(line: int, name: str, value: Any, kinds: tuple[type, ...]) -> Any:
    """``value`` if it is None or one of ``kinds`` (which hold int wherever they hold float,
    as json_kinds gives them), as JSON carries it: finite, 64-bit, valid text."""
    if value is None:
        return None
    allowed = " or ".join(_KIND_WORDS[k] for k in kinds)
    if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
        raise _wrong_type(line, name, value, allowed)
    if isinstance(value, str):
        return _text(line, name, value)
    if isinstance(value, float) and not math.isfinite(value):
        raise _bad(line, name, f"{name}={value!r} is not a finite number", value, allowed)
    if isinstance(value, int) and not isinstance(value, bool) and not INT64[0] <= value <= INT64[1]:
        allowed = f"an integer from {INT64[0]} to {INT64[1]}"
        raise _bad(line, name, f"{name}={_shown(value)} does not fit in 64 bits", value, allowed)
    return value


def _images(line: int, name: str, value: Any) -> list[ImageInput]:
    if name == "images" and not isinstance(value, list):
        raise _wrong_type(line, name, value, "a list of paths, URLs or {source, role} objects")
    images: list[ImageInput] = []
    for index, item in enumerate(value if name == "images" else [value]):
        where = f"{name}[{index}]" if name == "images" else name
        if not isinstance(item, Mapping):
            images.append(ImageInput(_text(line, where, item, path=True)))
            continue
        unknown = sorted(str(k) for k in item if k not in ("source", "role"))
        if unknown:
            problem = f"{where} has unknown field(s) {unknown}; allowed: ['role', 'source']"
            raise _bad(line, where, problem, unknown[0], ["role", "source"])
        source = _text(line, f"{where}.source", item.get("source"), path=True)
        role = item.get("role")
        if role is not None and role not in _ROLES:
            problem = f"{where}.role={_shown(role)!r} is not one of {_ROLES} or null"
            raise _bad(line, f"{where}.role", problem, role, _ROLES)
        images.append(ImageInput(source, role))
    return images


def _json_value(line: int, name: str, value: Any) -> Any:
    """Check a free-form JSON value without recursion: finite numbers, 64-bit integers,
    valid text, string keys, at most MAX_NESTING deep."""
    stack: list[tuple[str, Any, int]] = [(name, value, 0)]
    while stack:
        where, item, depth = stack.pop()
        if depth > MAX_NESTING:
            allowed = f"at most {MAX_NESTING} levels"
            raise _bad(line, where, f"{name} nests deeper than {MAX_NESTING} levels", None, allowed)
        if isinstance(item, dict):
            for key, child in item.items():
                _text(line, f"{where} key", key)
                stack.append((f"{where}.{key}", child, depth + 1))
        elif isinstance(item, list):
            stack.extend((f"{where}[{i}]", child, depth + 1) for i, child in enumerate(item))
        elif item is not None and not isinstance(item, bool):
            _scalar(line, where, item, (str, int, float))
    return value


def _decode(line: int, text: str | bytes) -> Any:
    allowed = "one JSON object per line, in UTF-8"
    try:
        return json.loads(text.decode("utf-8") if isinstance(text, bytes) else text)
    except UnicodeDecodeError as exc:
        raise _bad(line, "line", f"not UTF-8 text (byte {exc.start})", None, allowed) from None
    except json.JSONDecodeError as exc:
        problem = f"not JSON ({exc.msg} at column {exc.colno})"
        raise _bad(line, "line", problem, exc.doc, allowed) from None
    except (ValueError, RecursionError) as exc:  # 4300+ digit integers, absurd nesting
        problem = f"not JSON this parser accepts ({type(exc).__name__}: {str(exc)[:80]})"
        raise _bad(line, "line", problem, None, allowed) from None


def parse_batch_line(value: Mapping[str, Any] | str | bytes, *, line: int = 1) -> BatchRequest:
    """Check one batch line (JSON text or a mapping) and return it as a request.

    Total: anything that is not a valid request raises :class:`ValidationError`
    (``field`` names the offending field, ``value`` and ``allowed`` say the rest); no
    other exception escapes. Provider-specific checks (enums, ranges) happen at submit.
    """
    data = value if isinstance(value, Mapping) else _decode(line, value)
    if not isinstance(data, Mapping):
        raise _wrong_type(line, "request", data, "a JSON object with a string 'prompt'")
    unknown = sorted(str(k) for k in data if k not in FIELDS)
    if unknown:
        problem = f"unknown field(s) {unknown}; allowed: {sorted(FIELDS)}"
        raise _bad(line, unknown[0] or repr(unknown[0]), problem, unknown[0], sorted(FIELDS))
    if "prompt" not in data:
        raise _bad(line, "prompt", "a request needs a 'prompt' (a string)", None, "a string")
    if "image" in data and "images" in data:
        problem = "give 'image' (one) or 'images' (a list), not both"
        raise _bad(line, "image", problem, None, "one of image, images")
    options: dict[str, Any] = {}
    content: dict[str, Any] = {}
    for name, raw in data.items():
        if name in ("key", "output"):
            continue
        if name == "prompt":
            options[name] = _text(line, name, raw)
        elif name in ("images", "image"):
            options["images"] = [] if raw is None and name == "images" else _images(line, name, raw)
            raw = _plain(raw)
        elif name in _MEDIA:  # reference videos/audios: a URL, or a list of them
            items = [] if raw is None else raw if isinstance(raw, list) else [raw]
            if not all(isinstance(item, str) for item in items):
                raise _wrong_type(line, name, raw, "a URL or a list of URLs")
            options[name] = [_text(line, f"{name}[{i}]", url) for i, url in enumerate(items)]
        elif name == "extra":
            if raw is not None and not isinstance(raw, Mapping):
                raise _wrong_type(line, name, raw, "a JSON object")
            options[name] = raw = dict(_json_value(line, name, raw or {}))
        else:
            options[name] = _scalar(line, name, raw, _KINDS[name])
        content[str(name)] = raw
    key = data.get("key")
    if key is not None and not _text(line, "key", key).strip():
        raise _bad(line, "key", "key is empty", key, "a non-empty string")
    output = data.get("output")
    if output is not None:
        output = _text(line, "output", output, path=True)
    try:
        request = VideoRequest(**options)
    except (TypeError, ValueError) as exc:  # the models refusing what we let through
        raise _bad(line, "request", f"not a request: {exc}", None) from None
    return BatchRequest(line=line, request=request, key=key, output=output, content=content)


def _plain(value: Any) -> Any:
    """Images as JSON (paths as strings), for the content hash."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return os.fspath(value) if isinstance(value, os.PathLike) else value


def read_batch(requests: BatchSource) -> list[BatchRequest | BatchRow]:
    """Every non-blank line of ``requests``, parsed: a :class:`BatchRequest`, or an
    ``invalid`` :class:`BatchRow` saying why (with its line number).

    A file that cannot be read is a :class:`ConfigurationError`; nothing inside it is.
    """
    items: Iterable[tuple[int, Any]]
    if isinstance(requests, (str, os.PathLike)):
        path = Path(requests)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ConfigurationError(f"cannot read {path}: {exc.strerror or exc}") from exc
        items = enumerate(data.removeprefix(b"\xef\xbb\xbf").splitlines(), start=1)
    else:
        items = enumerate(requests, start=1)
    parsed: list[BatchRequest | BatchRow] = []
    for number, item in items:
        if isinstance(item, (bytes, str)) and not item.strip():
            continue
        try:
            parsed.append(parse_batch_line(item, line=number))
        except ValidationError as exc:
            parsed.append(BatchRow.failed(number, exc, key=None, request=None))
    return parsed


# ----------------------------------------------------------------------- rows


@attrs.frozen(kw_only=True)
class BatchRow:
    """What happened to one line: a manifest row (``to_dict``), and what ``on_row`` gets."""

    line: int
    status: RowStatus
    key: str | None = None
    task_id: str | None = None
    file: str | None = None
    """The downloaded video (None when not downloaded)."""
    error: str | None = None
    error_type: str | None = None
    field: str | None = None
    """For an invalid line: the field at fault."""
    prompt: str | None = None
    model: str | None = None
    options: dict[str, Any] = attrs.field(factory=dict)
    """The options the line set, by their neutral names (``images`` as given)."""
    duration: int | None = None
    """The video's length in seconds, when the line set it."""
    elapsed: float | None = None
    """Seconds from submit to the end of the download, on the client's clock."""
    credits: float | None = None
    usage: dict[str, Any] | None = None
    video_url: str | None = None
    last_frame: str | None = None
    """The downloaded last frame, when the provider returned one."""
    last_frame_url: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is RowStatus.SUCCEEDED

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON (one manifest line)."""
        return {**attrs.asdict(self), "status": self.status.value}

    @classmethod
    def failed(
        cls,
        line: int,
        exc: BaseException,
        *,
        key: str | None,
        request: VideoRequest | None,
        **fields: Any,
    ) -> BatchRow:
        """The row of a line that did not succeed; ``fields`` override what ``exc`` says."""
        return cls(
            **{
                "line": line,
                "status": _outcome(exc),
                "key": key,
                "task_id": _task_id(exc),
                "error": str(exc),
                "error_type": type(exc).__name__,
                "field": exc.field if isinstance(exc, ValidationError) else None,
                **_described(request),
                **fields,
            }
        )


def _task_id(exc: BaseException) -> str | None:
    task_id: str | None = getattr(exc, "task_id", None)
    return task_id or (exc.task.id if isinstance(exc, TaskFailedError) else None)


def _described(request: VideoRequest | None) -> dict[str, Any]:
    if request is None:
        return {}
    options = request.options()
    if request.images:
        options["images"] = [str(i.source) for i in request.images]
    if request.extra:
        options["extra"] = request.extra
    plain = {"prompt": request.prompt, "model": request.model, "duration": request.duration}
    return {**plain, "options": options}


def _outcome(exc: BaseException) -> RowStatus:
    if isinstance(exc, TaskFailedError):
        status = exc.task.status.value
        return RowStatus(status) if status in ("cancelled", "expired") else RowStatus.FAILED
    if isinstance(exc, ValidationError):
        return RowStatus.INVALID
    if isinstance(exc, WaitTimeoutError):
        return RowStatus.TIMED_OUT
    return RowStatus.UNKNOWN if isinstance(exc, TaskOutcomeUnknownError) else RowStatus.ERROR


@attrs.frozen
class BatchResult:
    """Every row of a batch, in line order, and where the manifest was written."""

    rows: tuple[BatchRow, ...]
    manifest: Path

    @property
    def counts(self) -> dict[str, int]:
        """Rows per status."""
        return dict(Counter(row.status.value for row in self.rows))

    @property
    def invalid(self) -> tuple[BatchRow, ...]:
        return tuple(row for row in self.rows if row.status is RowStatus.INVALID)

    @property
    def ok(self) -> bool:
        """Every line succeeded."""
        return all(row.ok for row in self.rows)


# ----------------------------------------------------------------------- running


async def run_batch(
    client: AsyncClient,
    requests: BatchSource,
    *,
    out_dir: str | os.PathLike[str] = "videos",
    concurrency: int = 8,
    timeout: float = DEFAULT_TIMEOUT,
    download: bool = True,
    on_row: RowCallback | None = None,
) -> BatchResult:
    """Submit every line, wait for each and download its video, ``concurrency`` at a time.

    Resumable: a line's idempotency key (its ``key``, else a hash of its content) makes a
    rerun return the journaled task instead of creating another, and a video already on
    disk is not fetched again. Invalid lines, failed tasks and provider errors become rows
    (the rest goes on); ``on_row(row)`` is called as each row finishes (an exception it
    raises is logged, not propagated; it may be a coroutine function). The manifest is
    written when the batch ends, also when it is interrupted (with the rows finished).
    ``download=False`` stops at the finished task (rows carry ``video_url``).
    """
    int_ok = isinstance(concurrency, int) and not isinstance(concurrency, bool) and concurrency > 0
    time_ok = isinstance(timeout, (int, float)) and math.isfinite(timeout) and timeout > 0
    for name, value, ok, what, allowed in (
        ("concurrency", concurrency, int_ok, "a positive integer", "an integer of at least 1"),
        ("timeout", timeout, time_ok, "a positive number of seconds", "a finite number > 0"),
    ):
        if not ok:
            text = f"{name}={value!r} must be {what}"
            raise ValidationError(text, field=name, value=value, allowed=allowed)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigurationError(f"cannot create {out}: {exc.strerror or exc}") from exc
    lines = _assign(read_batch(requests), client.provider, out)
    rows: dict[int, BatchRow] = {}
    semaphore = asyncio.Semaphore(concurrency)

    async def finish(row: BatchRow) -> None:
        rows[row.line] = row
        try:
            if on_row is not None and inspect.isawaitable(result := on_row(row)):
                await result
        except Exception:  # a broken progress hook must not strand paid tasks
            log.exception("on_row failed for line %d", row.line)

    async def one(job: _Job) -> None:
        give_up = client.clock.monotonic() + timeout
        while True:
            async with semaphore:
                row = await _run_one(client, job, timeout, download)
            if row is not None or client.clock.monotonic() + BUSY_RETRY > give_up:
                break
            await client.clock.sleep(BUSY_RETRY)  # another process holds it: come back later
        if row is None:
            text = f"line {job.line}: another process kept submitting it for {timeout:g} s"
            row = job.failed(SubmissionInProgressError(text, key=job.key, provider=client.provider))
        await finish(row)

    try:
        for item in lines:
            if isinstance(item, BatchRow):
                await finish(item)
        await asyncio.gather(*(one(job) for job in lines if isinstance(job, _Job)))
    finally:
        ordered = tuple(rows[n] for n in sorted(rows))
        _write_manifest(out / MANIFEST, ordered)
        _write_gallery(out, ordered)
    return BatchResult(ordered, out / MANIFEST)


def _write_gallery(out: Path, rows: tuple[BatchRow, ...]) -> None:
    """``index.html`` beside the manifest, from the same rows (a failure is logged: the
    manifest is the record, the page is a view of it)."""
    from ._gallery import write_gallery

    try:
        write_gallery(out, [row.to_dict() for row in rows])
    except (OSError, ValueError) as exc:
        log.warning("cannot write the gallery in %s: %s", out, exc)


@attrs.frozen
class _Job:
    """A valid line's request with its idempotency key and its video's path."""

    line: int
    request: VideoRequest
    key: str
    output: Path

    def failed(self, exc: BaseException, **fields: Any) -> BatchRow:
        return BatchRow.failed(self.line, exc, key=self.key, request=self.request, **fields)

    def succeeded(
        self, task: Task, elapsed: float, file: str | None, last_frame: str | None = None
    ) -> BatchRow:
        return BatchRow(
            line=self.line,
            status=RowStatus.SUCCEEDED,
            key=self.key,
            task_id=task.id,
            **{**_described(self.request), "model": task.model or self.request.model},
            **{name: getattr(task, name) for name in ("credits", "usage", "video_url")},
            last_frame_url=task.last_frame_url,
            elapsed=elapsed,
            file=file,
            last_frame=last_frame,
        )


def _assign(
    parsed: list[BatchRequest | BatchRow], provider: str, out: Path
) -> list[BatchRow | _Job]:
    """Each line's key and output; a line repeating an earlier line's key or output is
    invalid (it would get that line's task, or overwrite its file)."""
    keys: dict[str, int] = {}
    outputs: dict[str, int] = {os.path.normcase(os.path.abspath(out / MANIFEST)): 0}
    assigned: list[BatchRow | _Job] = []
    for item in parsed:
        if isinstance(item, BatchRow):
            assigned.append(item)
            continue
        key = item.idempotency_key(provider)
        output = item.destination(out, key)
        where = os.path.normcase(os.path.abspath(output))
        if key in keys:
            same = "the same request as" if item.key is None else "the same key as"
            text = f"{same} line {keys[key]} (idempotency key {key!r}); give it its own key"
            problem = _bad(item.line, "key", text, key, "a key no other line uses")
        elif where in outputs:
            other = f"line {outputs[where]}'s output too" if outputs[where] else "the manifest"
            text = f"output {str(output)!r} is {other}"
            problem = _bad(item.line, "output", text, str(output), "a file no other line writes")
        else:
            keys[key] = outputs[where] = item.line
            assigned.append(_Job(item.line, item.request, key, output))
            continue
        assigned.append(BatchRow.failed(item.line, problem, key=key, request=item.request))
    return assigned


async def _run_one(
    client: AsyncClient, job: _Job, timeout: float, download: bool
) -> BatchRow | None:
    """The line's row; None when another process is submitting it right now."""
    start = client.clock.monotonic()
    output = job.output
    task: Task | None = None
    try:
        _check_local_images(job)
        if output.is_dir():
            text = f"output {str(output)!r} is a directory"
            raise _bad(job.line, "output", text, str(output), "a file path")
        try:
            options = {"idempotency_key": job.key, "output": output}
            task = await client._run(client._submit_flow(job.request, options, busy_wait=0.0))
        except SubmissionInProgressError:
            return None
        theirs = await _follow_other_owner(client, job, start, timeout) if download else None
        if theirs is not None:
            return theirs
        rerun = download and task.succeeded and output.is_file()  # the video is already here
        done = task if rerun else await client.wait(task, timeout=timeout)
        file = last_frame = None
        if download:
            file = str(await client.download(done, output))
            if done.last_frame_url:
                frame = output.with_name(output.stem + ".last-frame.png")
                try:
                    last_frame = str(await client.download(done, frame, last_frame=True))
                except SeedanceError as exc:  # the video is what was paid for
                    log.warning("line %d: no last frame: %s", job.line, exc)
    except (SeedanceError, OSError) as exc:
        task_id = _task_id(exc) or (task.id if task is not None else None)
        fields: dict[str, Any] = {"elapsed": client.clock.monotonic() - start, "task_id": task_id}
        if isinstance(exc, OSError):
            fields["error"] = f"cannot write {output}: {exc.strerror or exc}"
        return job.failed(exc, **fields)
    return job.succeeded(done, client.clock.monotonic() - start, file, last_frame)


# ----------------------------------------------------------------------- other processes


async def _follow_other_owner(
    client: AsyncClient, job: _Job, start: float, timeout: float
) -> BatchRow | None:
    """A row whose task another live process created: follow it in the journal (no
    provider call) until that process has downloaded it, and report it from there. None
    when the row is this process's to finish (it created it, or its creator is dead)."""
    while True:
        entry = client.journal.get(job.key)
        if entry is None or entry.owner in (None, client._owner):
            return None
        task = entry.task
        if task is not None and entry.file and Path(entry.file).is_file():
            if Path(entry.file).resolve() != job.output.resolve():
                return None  # the same task wanted in another file: this run writes it
            holder = client.journal.downloaded_to(entry.file)
            if holder is not None and holder.key != entry.key:
                return None  # another task's video replaced it since: this run fetches it
            return job.succeeded(task, client.clock.monotonic() - start, entry.file)
        failed = task is not None and task.finished and not task.succeeded
        if failed or not owner_alive(entry.owner):
            return None  # this process reports the failure, or finishes a dead one's row
        if client.clock.monotonic() + FOLLOW_POLL > start + timeout:
            error = WaitTimeoutError(
                entry.task_id or job.key, timeout, provider=client.provider, last=task
            )
            text = f"created by {entry.owner}, which did not finish it within {timeout:g} s"
            return job.failed(error, task_id=entry.task_id, error=text)
        await client.clock.sleep(FOLLOW_POLL)


def owner_alive(owner: str) -> bool:
    """Whether a claim's owner (``host:pid:nonce``) may still be working: False only for a
    process of this host that no longer runs. Another host's process is assumed alive
    (``seedance resume`` there, or on any host, finishes a dead host's tasks)."""
    host, _, pid = owner.rpartition(":")[0].rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    if int(pid) == os.getpid():
        return False  # an earlier client of this very process: not running any more
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        pass
    return True


def _check_local_images(job: _Job) -> None:
    """A local image must be a regular file: ``/dev/zero`` or a FIFO would never end."""
    for index, image in enumerate(job.request.images):
        if image.is_url or isinstance(image.source, bytes):
            continue
        path = Path(image.source)
        if path.exists() and not path.is_file():
            text = f"images[{index}]={str(path)!r} is not a regular file"
            raise _bad(job.line, f"images[{index}]", text, str(path), "an image file or a URL")


def _write_manifest(path: Path, rows: tuple[BatchRow, ...]) -> None:
    """Replace ``path`` atomically and durably with one JSON line per row (0600, mkstemp's)."""
    fd, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            # json.dumps writes ASCII: no U+2028 in a prompt splits a line for a reader
            handle.writelines(json.dumps(row.to_dict()) + "\n" for row in rows)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def run_batch_sync(
    provider: str,
    requests: BatchSource,
    *,
    out_dir: str | os.PathLike[str] = "videos",
    concurrency: int = 8,
    timeout: float = DEFAULT_TIMEOUT,
    download: bool = True,
    on_row: RowCallback | None = None,
    **client_options: Any,
) -> BatchResult:
    """:func:`run_batch` for programs without asyncio: it builds
    ``AsyncClient(provider, **client_options)`` on a fresh event loop for the batch's
    duration. ``on_row`` runs on that loop's thread (this one). Inside a running event
    loop, ``await run_batch(...)`` instead."""

    async def run() -> BatchResult:
        from ._client import AsyncClient

        async with AsyncClient(provider, **client_options) as client:
            return await run_batch(
                client,
                requests,
                out_dir=out_dir,
                concurrency=concurrency,
                timeout=timeout,
                download=download,
                on_row=on_row,
            )

    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no loop running: the case this is for
        return asyncio.run(run())
    raise ConfigurationError(
        "run_batch_sync() was called inside a running event loop; "
        "use `await seedance.run_batch(AsyncClient(...), ...)` there"
    )
