"""The ``seedance`` command.

Exit codes: 0 everything succeeded; 1 a task failed or timed out; 2 bad input or
configuration (a malformed request, a missing key or extra, an unknown provider, an
unusable journal); 3 a provider or network error; 130 interrupted. With ``--json`` every
outcome, errors included, is one JSON object on one line of stdout (an error is
``{"error": {"type": ..., "message": ..., "field": ..., ...}}``); messages go to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import inspect
import json
import logging
import math
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from . import __version__
from ._errors import (
    AuthenticationError,
    ConfigurationError,
    SeedanceError,
    TaskFailedError,
    ValidationError,
    WaitTimeoutError,
)

if TYPE_CHECKING:
    from ._batch import BatchRow
    from ._client import AsyncClient
    from ._gallery import GalleryWriter
    from ._models import Task
    from ._providers._base import ModelInfo

EXIT_OK, EXIT_TASK, EXIT_INPUT, EXIT_PROVIDER, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

EXTRAS = {
    "starlette": "server",
    "uvicorn": "server",
    "jsonschema": "server",
    "multipart": "server",
    "python_multipart": "server",
    "rfc3986_validator": "server",
    "psycopg": "postgres",
    "psycopg_pool": "postgres",
}
"""Top-level modules of the optional extras, for a one-line "pip install" message."""


class UsageError(SeedanceError):
    """The command line itself is wrong (argparse's complaint)."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so ``--json`` can report it as JSON."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in argv
    try:
        with _stdout_guard():
            return _main(argv, as_json)
    except BrokenPipeError:
        return EXIT_OK  # the reader (`head`) has what it wanted


def _main(argv: list[str], as_json: bool) -> int:
    parser = _parser()
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version
            return exc.code if isinstance(exc.code, int) else EXIT_OK
        as_json = bool(getattr(args, "json", False))
        handler = getattr(args, "handler", None)
        if handler is None:
            parser.print_help()
            return EXIT_INPUT
        with _verbose_logging(bool(getattr(args, "verbose", False))):
            result: int = handler(args)
        return result
    except UsageError as exc:
        if not as_json:
            parser.print_usage(sys.stderr)
        return _fail(exc, EXIT_INPUT, as_json)
    except KeyboardInterrupt:
        stop = SeedanceError("interrupted; `seedance resume` finishes what was submitted")
        return _fail(stop, EXIT_INTERRUPTED, as_json)
    except SeedanceError as exc:
        return _fail(exc, exit_code(exc), as_json)
    except ModuleNotFoundError as exc:
        extra = EXTRAS.get((exc.name or "").partition(".")[0])
        if extra is None:
            raise
        return _fail(_missing_extra(extra, exc.name or ""), EXIT_INPUT, as_json)
    except BrokenPipeError:
        raise
    except OSError as exc:  # a file we were told to read or write
        where = f" {exc.filename}" if exc.filename else ""
        error = ConfigurationError(f"cannot use{where}: {exc.strerror or exc}")
        return _fail(error, EXIT_INPUT, as_json)


def exit_code(exc: SeedanceError) -> int:
    """The documented exit code for an error."""
    from ._journal import JournalError

    if isinstance(exc, (ValidationError, ConfigurationError, AuthenticationError, JournalError)):
        return EXIT_INPUT
    if isinstance(exc, (TaskFailedError, WaitTimeoutError)):
        return EXIT_TASK
    return EXIT_PROVIDER


def _missing_extra(extra: str, module: str) -> ConfigurationError:
    purpose = {"server": "the fake providers and the callback receiver", "cli": "rich output"}
    return ConfigurationError(
        f"{purpose.get(extra, 'this command')} need the {extra!r} extra ({module} is not "
        f'installed): pip install "seedance[{extra}]"'
    )


def _require_extra(extra: str, *modules: str) -> None:
    """Fail with the pip command before starting something that needs an extra."""
    import importlib.util

    for module in modules:
        try:
            found = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            found = None
        if found is None:
            raise _missing_extra(extra, module)


def _fail(exc: SeedanceError, code: int, as_json: bool) -> int:
    if as_json:
        _print_json({"error": error_data(exc)})
    else:
        print(f"seedance: {exc}", file=sys.stderr)
    return code


def error_data(exc: BaseException) -> dict[str, Any]:
    """An error as JSON: its type, message and every public attribute it carries."""
    data: dict[str, Any] = {"type": type(exc).__name__, "message": str(exc)}
    for name, value in sorted(vars(exc).items()):
        if name.startswith("_") or name == "message":
            continue
        data[name] = _jsonable(value)
    data.setdefault("field", None)
    return data


def _jsonable(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        return repr(value) if not isinstance(value, os.PathLike) else os.fspath(value)
    return value


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, default=str))


@contextmanager
def _stdout_guard() -> Iterator[None]:
    """A reader that went away (``| head``) ends the command quietly, not with a traceback:
    stdout is pointed at /dev/null so the interpreter's last flush cannot fail either."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise


# ----------------------------------------------------------------------- logging

_SECRET_ENV = re.compile(r"(_API_KEY|_SECRET|_TOKEN|_PASSWORD)$")
_REDACTIONS = (
    (re.compile(r"(?i)(bearer\s+)[^\s\"',]+"), r"\1<redacted>"),
    (
        re.compile(
            r"(?i)((?:authorization|x-api-key|api[_-]?key)[\"']?\s*[:=]\s*[\"']?)[^\s\"',]+"
        ),
        r"\1<redacted>",
    ),
    (re.compile(r"(https?://[^\s?\"'#]+)\?[^\s\"'#]*"), r"\1?<redacted>"),
)


def redact(text: str) -> str:
    """``text`` without API keys, bearer tokens, secrets from the environment or URL
    query strings (result URLs carry signed access tokens)."""
    for name, value in os.environ.items():
        if _SECRET_ENV.search(name) and len(value) >= 6:
            text = text.replace(value, "<redacted>")
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class _RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


@contextmanager
def _verbose_logging(enabled: bool) -> Iterator[None]:
    """``-v``: the library's own log (``seedance.*``, DEBUG) and httpx's request lines,
    on stderr, redacted; put back as they were afterwards."""
    if not enabled:
        yield
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_RedactingFormatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    loggers = {
        logging.getLogger("seedance"): logging.DEBUG,
        logging.getLogger("httpx"): logging.INFO,
    }
    before = {logger: logger.level for logger in loggers}
    for logger, level in loggers.items():
        logger.setLevel(level)
        logger.addHandler(handler)
    try:
        yield
    finally:
        for logger, level in before.items():
            logger.removeHandler(handler)
            logger.setLevel(level)


# ----------------------------------------------------------------------- arguments


def _provider(name: str) -> str:
    """argparse type: a provider this installation supports (exit 2 otherwise)."""
    from . import available_providers

    known = available_providers()
    if name not in known:
        raise argparse.ArgumentTypeError(f"unknown provider {name!r}; choose one of {known}")
    return name


def _positive(text: str, kind: type[int] | type[float] = float) -> float:
    """argparse type: a number above 0 (a whole one for ``kind=int``)."""
    what = "an integer" if kind is int else "a number"
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be {what} above 0")
    return value


def _count(text: str) -> int:
    return int(_positive(text, int))


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="seedance",
        description="Generate Seedance videos through any provider.",
        epilog="Exit codes: 0 ok, 1 a task failed or timed out, 2 bad input or "
        "configuration, 3 a provider or network error, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"seedance {__version__}")
    _common(parser, top=True)
    commands = parser.add_subparsers(title="commands", parser_class=_Parser)

    generate = commands.add_parser("generate", help="submit, wait and download one video")
    generate.add_argument("prompt", help="what the video shows")
    _provider_options(generate, upload=True)
    _request_options(generate)
    generate.add_argument("--out", help="file to write (default <task id>.mp4)")
    generate.add_argument("--key", help="idempotency key (a rerun returns the same task)")
    generate.set_defaults(handler=_generate)

    batch = commands.add_parser("batch", help="run a JSONL file of requests, resumably")
    batch.add_argument("requests", type=Path, help="one JSON request per line")
    _provider_options(batch, upload=True)
    batch.add_argument(
        "--concurrency", type=_count, default=8, help="tasks in flight at once (default 8)"
    )
    batch.add_argument(
        "--out",
        type=Path,
        default=Path("videos"),
        help="output folder; a line's relative 'output' is under it (default videos/)",
    )
    batch.add_argument(
        "--open", action="store_true", help="open the gallery in a browser as rows finish"
    )
    batch.set_defaults(handler=_batch)

    gallery = commands.add_parser("gallery", help="write index.html for a batch's output folder")
    gallery.add_argument("out_dir", type=Path, help="a folder with a manifest.jsonl")
    gallery.add_argument("--open", action="store_true", help="open it in the default browser")
    gallery.set_defaults(handler=_gallery)

    status = commands.add_parser("status", help="a task's current state")
    status.add_argument("task_id", help="the provider's task id")
    _provider_options(status, fake=False)
    status.set_defaults(handler=_status)

    listing = commands.add_parser("list", help="journaled tasks, newest first")
    listing.add_argument("--provider", type=_provider, help="only this provider's tasks")
    listing.add_argument("--limit", type=_count, default=20, help="at most this many (default 20)")
    listing.add_argument(
        "--remote",
        action="store_true",
        help="ask the provider for its task list instead of the journal (needs --provider)",
    )
    listing.add_argument("--base-url", help="with --remote: the provider's API URL")
    listing.add_argument(
        "--wide", action="store_true", help="never wrap or cut any column (ids never are)"
    )
    _json_option(listing)
    listing.set_defaults(handler=_list)

    cancel = commands.add_parser("cancel", help="cancel a queued task (where the API allows)")
    cancel.add_argument("task_id", help="the provider's task id")
    cancel.add_argument(
        "--delete",
        action="store_true",
        help="also when the task has finished: deletes it and its video URL (Ark)",
    )
    _provider_options(cancel, fake=False)
    cancel.set_defaults(handler=_cancel)

    download = commands.add_parser("download", help="download a finished task's video")
    download.add_argument("task_id", help="the provider's task id")
    download.add_argument("--out", help="file to write (default <task id>.mp4)")
    _provider_options(download, fake=False)
    download.set_defaults(handler=_download)

    resume = commands.add_parser("resume", help="finish every unfinished journaled task")
    resume.add_argument(
        "--provider", type=_provider, help="default: every provider with open tasks"
    )
    resume.add_argument("--base-url", help="the provider's API URL (needs one provider)")
    resume.add_argument(
        "--timeout", type=_positive, default=900.0, help="seconds to wait per task (default 900)"
    )
    _poll_option(resume)
    _json_option(resume)
    resume.set_defaults(handler=_resume)

    models = commands.add_parser("models", help="providers, models and their options")
    models.add_argument("--provider", type=_provider, help="only this provider's models")
    _json_option(models, what="constraints as data (JSON Schema keywords)")
    models.set_defaults(handler=_models)

    fake = commands.add_parser("fake", help="fake providers for tests")
    _common(fake)
    fake_commands = fake.add_subparsers(title="fake commands", parser_class=_Parser)
    serve = fake_commands.add_parser("serve", help="run a fake provider as an HTTP server")
    serve.add_argument(
        "--provider", type=_provider, default="apikley", help="which fake (default apikley)"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8765, help="port to listen on (default 8765)")
    serve.add_argument("--api-key", help="the key clients must send (default: a random one)")
    serve.add_argument(
        "--queued-for", type=float, default=2.0, help="seconds a task stays queued (default 2)"
    )
    serve.add_argument(
        "--running-for", type=float, default=8.0, help="seconds a task runs (default 8)"
    )
    _common(serve)
    serve.set_defaults(handler=_fake_serve)

    callbacks = commands.add_parser("callbacks", help="receive provider callbacks")
    _common(callbacks)
    callback_commands = callbacks.add_subparsers(title="callbacks commands", parser_class=_Parser)
    receive = callback_commands.add_parser(
        "serve", help="run the callback receiver (needs SEEDANCE_CALLBACK_SECRET)"
    )
    receive.add_argument("--host", default="127.0.0.1", help="address to listen on")
    receive.add_argument("--port", type=int, default=8080, help="port to listen on")
    receive.add_argument(
        "--public-url", required=True, help="the URL submitters use as callback_url"
    )
    receive.add_argument(
        "--provider",
        type=_provider,
        action="append",
        help="a provider to receive for (repeat; default: every provider with a key)",
    )
    _common(receive)
    receive.set_defaults(handler=_callbacks_serve)
    return parser


def _common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """``-v`` works before or after the command (a subcommand must not reset it)."""
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="log requests, retries and polls to stderr (keys redacted)",
    )


def _json_option(parser: argparse.ArgumentParser, what: str = "results") -> None:
    parser.add_argument(
        "--json", action="store_true", help=f"print {what} (and errors) as one JSON object"
    )
    _common(parser)


def _poll_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--poll-every",
        type=_positive,
        metavar="SECONDS",
        help="check a waited-for task this often (default: 2.5 s, from 30 s on 7.5 s, from "
        "2 min on 20 s; the provider's read limit still holds; a callback ends a wait at once)",
    )


def _provider_options(
    parser: argparse.ArgumentParser, *, fake: bool = True, upload: bool = False
) -> None:
    parser.add_argument(
        "--provider",
        type=_provider,
        default=None,
        help="apikley, pixazo, gptproto or ark (default: the journal's, else apikley)",
    )
    parser.add_argument("--base-url", help="the provider's API URL (a proxy, staging or a fake)")
    if upload:
        parser.add_argument("--upload-url", help="the provider's upload API URL (Apikley)")
    parser.add_argument(
        "--timeout", type=_positive, default=900.0, help="seconds to wait at most (default 900)"
    )
    _poll_option(parser)
    _json_option(parser)
    if fake:
        parser.add_argument(
            "--fake",
            action="store_true",
            help="use the built-in fake provider (no key, no network; a throwaway journal)",
        )


def _request_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", help="the provider's model name (see `seedance models`)")
    parser.add_argument(
        "--image", action="append", default=[], help="a path or URL (repeat for several)"
    )
    parser.add_argument("--aspect-ratio", help="e.g. 16:9 (allowed values: `seedance models`)")
    parser.add_argument("--resolution", help="e.g. 720p")
    parser.add_argument("--duration", type=int, help="seconds of video")
    parser.add_argument("--seed", type=int, help="random seed, for repeatable results")


def _client(
    args: argparse.Namespace, provider: str | None = None, hosts: dict[str, str] | None = None
) -> AsyncClient:
    """The client for a command: ``--base-url``/``--upload-url`` first, then the hosts the
    journal remembers for the task (a task made on a proxy or fake is followed up there),
    then the provider's environment variables and spec."""
    from ._client import AsyncClient

    name = provider or args.provider or "apikley"
    remembered = hosts or {}
    options: dict[str, Any] = {}
    base_url = getattr(args, "base_url", None) or remembered.get("base_url")
    upload_url = getattr(args, "upload_url", None) or remembered.get("upload_base_url")
    if base_url:
        options["base_url"] = base_url
    if upload_url:
        options["upload_base_url"] = upload_url
    from ._polling import PollSchedule

    if every := getattr(args, "poll_every", None):
        options["poll_schedule"] = PollSchedule(steps=((math.inf, every),))
    if not getattr(args, "fake", False):
        return AsyncClient(name, **options)
    _require_extra("server", "starlette", "jsonschema")
    from .testing import async_client_for, fake_for

    # SEEDANCE_FAKE_TIMES="queued,running" seconds (tests shorten them).
    queued, running = (float(x) for x in os.environ.get("SEEDANCE_FAKE_TIMES", "1,3").split(","))
    fake = fake_for(name, queued_for=queued, running_for=running)
    if not args.json:
        print(
            f"seedance: using the built-in fake {name} provider (no key, no network)",
            file=sys.stderr,
        )
    # fake tasks live in this process only: a temporary journal keeps them out of the
    # user's; polling an in-process fake costs nothing
    fast = PollSchedule(steps=((math.inf, min(0.5, running / 4)),), jitter=0.0)
    return async_client_for(fake, poll_schedule=options.get("poll_schedule", fast))


# ----------------------------------------------------------------------- generate


def _generate(args: argparse.Namespace) -> int:
    return asyncio.run(_generate_async(args))


async def _generate_async(args: argparse.Namespace) -> int:
    from ._batch import safe_file_name

    options: dict[str, Any] = {
        "model": args.model,
        "images": args.image or None,
        "aspect_ratio": args.aspect_ratio,
        "resolution": args.resolution,
        "duration": args.duration,
        "seed": args.seed,
    }
    if args.key:
        options["idempotency_key"] = args.key
    if args.out:  # a folder we cannot make is found before anything is paid for
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    async with _client(args) as client:
        with Progress(enabled=not args.json) as progress:
            task = await client.submit(args.prompt, output=args.out, **options)
            bar = progress.add(f"{task.id} ({client.provider})")
            done = await client.wait(
                task, timeout=args.timeout, on_update=lambda t: progress.show(bar, t)
            )
            out = args.out or f"{safe_file_name(done.id)}.mp4"
            path = await client.download(done, out)
    if args.json:
        _print_json({**done.to_dict(), "file": str(path)})
    else:
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return EXIT_OK


# ----------------------------------------------------------------------- batch


def _batch(args: argparse.Namespace) -> int:
    return asyncio.run(_batch_async(args))


def _gallery_hook(out: Path, open_it: bool) -> tuple[Callable[[BatchRow], None], GalleryWriter]:
    """The gallery page (``index.html``) updated live as rows finish, and its writer (to
    stop before ``run_batch`` writes the final page)."""
    from ._gallery import GalleryWriter, open_in_browser

    writer = GalleryWriter(out)
    opened = False

    def update(row: BatchRow) -> None:
        nonlocal opened
        writer.update(row.to_dict())
        if open_it and not opened:
            opened = True
            open_in_browser(writer.path)

    return update, writer


async def _batch_async(args: argparse.Namespace) -> int:
    from ._batch import RowStatus, read_batch, run_batch
    from ._gallery import write_gallery

    lines = read_batch(args.requests)  # read once up front: a bad file fails before a client
    async with _client(args) as client:
        gallery, live_page = _gallery_hook(args.out, args.open)  # none before a client
        with Progress(enabled=not args.json) as progress:
            overall = progress.add(f"batch ({client.provider})", total=len(lines))

            def on_row(row: BatchRow) -> None:
                progress.advance(overall)
                if row.status is RowStatus.INVALID or (row.error and not args.json):
                    message = str(row.error).removeprefix(f"line {row.line}: ")
                    print(f"seedance: {args.requests}:{row.line}: {message}", file=sys.stderr)
                gallery(row)

            try:
                result = await run_batch(
                    client,
                    args.requests,
                    out_dir=args.out,
                    concurrency=args.concurrency,
                    timeout=args.timeout,
                    on_row=on_row,
                )
            finally:
                live_page.stop()
        # a live write pending when run_batch wrote the final page may have replaced it
        with contextlib.suppress(OSError):  # run_batch already logged a failing page
            write_gallery(args.out, [row.to_dict() for row in result.rows])
    counts = result.counts
    if args.json:
        rows = [row.to_dict() for row in result.rows]
        _print_json({"manifest": str(result.manifest), "counts": counts, "rows": rows})
    else:
        _summary(
            f"batch of {len(result.rows)} requests ({len(result.invalid)} invalid)",
            [(status, str(count)) for status, count in sorted(counts.items())],
        )
        print(f"manifest: {result.manifest}")
    if result.invalid:
        return EXIT_INPUT
    return EXIT_OK if result.ok else EXIT_TASK


def _gallery(args: argparse.Namespace) -> int:
    from ._gallery import open_in_browser, write_gallery

    page = write_gallery(args.out_dir)  # ConfigurationError (exit 2) when there is no manifest
    print(page)
    if args.open and not open_in_browser(page):
        where = page.resolve().as_uri()
        print(f"seedance: no browser could be started; open {where}", file=sys.stderr)
    return EXIT_OK


# ----------------------------------------------------------------------- single tasks


def _journaled(args: argparse.Namespace) -> tuple[str, dict[str, str]]:
    """The provider of ``args.task_id`` and the hosts it was created on (from the journal)."""
    from ._journal import open_journal

    with open_journal(None) as journal:
        entry = journal.find(args.provider, args.task_id)
    if entry is None and not args.provider:
        raise ConfigurationError(
            f"task {args.task_id} is not in the journal; say which provider with --provider"
        )
    provider = entry.provider if entry is not None else str(args.provider)
    return provider, dict(entry.hosts) if entry is not None else {}


def _status(args: argparse.Namespace) -> int:
    async def run() -> Task:
        async with _client(args, *_journaled(args)) as client:
            return await client.get(args.task_id)

    task = asyncio.run(run())
    _print_task(task, args.json)
    return EXIT_OK


def _cancel(args: argparse.Namespace) -> int:
    async def run() -> None:
        async with _client(args, *_journaled(args)) as client:
            if "delete" in inspect.signature(client.cancel).parameters:
                await client.cancel(args.task_id, delete=args.delete)  # type: ignore[call-arg, unused-ignore]
            else:  # a client from before cancel(delete=): it deletes finished Ark tasks anyway
                await client.cancel(args.task_id)

    asyncio.run(run())
    if args.json:
        _print_json({"cancelled": args.task_id, "delete": args.delete})
    else:
        print(f"cancelled {args.task_id}" + (" (deleted if finished)" if args.delete else ""))
    return EXIT_OK


def _download(args: argparse.Namespace) -> int:
    from ._batch import safe_file_name

    async def run() -> Path:
        async with _client(args, *_journaled(args)) as client:
            task = await client.get(args.task_id)
            return await client.download(task, args.out or f"{safe_file_name(task.id)}.mp4")

    path = asyncio.run(run())
    if args.json:
        _print_json({"file": str(path)})
    else:
        print(f"wrote {path}")
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    if args.remote:
        return _list_remote(args)
    from ._journal import open_journal

    columns = ["key", "provider", "task_id", "state", "status", "file"]
    with open_journal(None) as journal:
        entries = journal.entries(limit=args.limit, provider=args.provider)
    rows = [{c: getattr(e, c) for c in columns} for e in entries]
    if args.json:
        _print_json({"tasks": rows})
    else:
        _table(columns, rows, whole=("key", "task_id"), wide=args.wide)
    return EXIT_OK


def _list_remote(args: argparse.Namespace) -> int:
    if not args.provider:
        raise ConfigurationError("list --remote asks one provider: say which with --provider")

    async def run() -> list[Task]:
        async with _client(args) as client:
            return await client.list(page_size=args.limit)

    tasks = asyncio.run(run())
    rows = [
        {
            "task_id": t.id,
            "status": t.status.value,
            "model": t.model,
            "created_at": t.created_at.isoformat() if t.created_at else None,
        }
        for t in tasks
    ]
    if args.json:
        _print_json({"tasks": [t.to_dict() for t in tasks]})
    else:
        _table(
            ["task_id", "status", "model", "created_at"], rows, whole=("task_id",), wide=args.wide
        )
    return EXIT_OK


def _resume(args: argparse.Namespace) -> int:
    from ._journal import open_journal

    with open_journal(None) as journal:
        open_entries = journal.open_entries()
    providers = [args.provider] if args.provider else sorted({e.provider for e in open_entries})
    if args.base_url and len(providers) > 1:
        raise ConfigurationError(
            f"--base-url is one provider's URL, but {', '.join(providers)} have open tasks; "
            "say which with --provider"
        )
    # one client per provider and host the open tasks were created on
    groups = sorted(
        {
            (e.provider, e.hosts.get("base_url", ""), e.hosts.get("upload_base_url", ""))
            for e in open_entries
            if e.provider in providers
        }
    )

    async def run() -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for provider, base_url, upload_url in groups:
            hosts = {
                k: v for k, v in (("base_url", base_url), ("upload_base_url", upload_url)) if v
            }
            async with _client(args, provider, hosts) as client:
                rows += [
                    {
                        "provider": provider,
                        "key": result.key,
                        "task_id": result.task.id if result.task else None,
                        "file": result.file,
                        "error": result.error,
                    }
                    for result in await client.resume(timeout=args.timeout)
                ]
        return rows

    rows = asyncio.run(run())
    if args.json:
        _print_json({"results": rows})
    else:
        _table(["provider", "key", "task_id", "file", "error"], rows, whole=("key", "task_id"))
    return EXIT_OK if all(r["error"] is None for r in rows) else EXIT_TASK


# ----------------------------------------------------------------------- models

CONSTRAINT_KEYS = (
    "type", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
    "minLength", "maxLength", "pattern", "format", "minItems", "maxItems", "default",
)  # fmt: skip
"""The JSON Schema keywords ``models --json`` passes on, as the spec states them."""


def constraints(schema: dict[str, Any]) -> dict[str, Any]:
    """What a spec schema allows, as data (its constraint keywords)."""
    return {k: schema[k] for k in CONSTRAINT_KEYS if k in schema}


def model_data(info: ModelInfo) -> dict[str, Any]:
    """One model's constraints as data, read from the spec's schemas."""
    from ._validation import allowed_text

    return {
        "provider": info.provider,
        "model": info.model,
        "prompt": constraints(info.prompt),
        "images": {
            "min": info.min_images,
            "max": info.max_images,
            "roles": [r.value for r in info.image_roles],
        },
        "options": {
            name: {
                "field": option.field,
                **constraints(option.schema),
                "allowed": allowed_text(option.schema),
            }
            for name, option in info.options.items()
        },
    }


def _models(args: argparse.Namespace) -> int:
    from . import list_models
    from ._validation import allowed_text

    infos = list_models(args.provider)
    if args.json:
        _print_json({"models": [model_data(info) for info in infos]})
        return EXIT_OK
    for info in infos:
        print(f"{info.provider:<9} {info.model}")
        print(
            f"          prompt: {allowed_text(info.prompt)}; "
            f"images: {info.min_images}-{info.max_images}"
        )
        for name, option in info.options.items():
            print(f"          {name}: {allowed_text(option.schema)}")
    return EXIT_OK


# ----------------------------------------------------------------------- servers


def _fake_serve(args: argparse.Namespace) -> int:
    _require_extra("server", "starlette", "uvicorn", "jsonschema")
    from .testing.server import serve

    return serve(
        args.provider,
        host=args.host,
        port=args.port,
        api_key=args.api_key,
        queued_for=args.queued_for,
        running_for=args.running_for,
    )


def _callbacks_serve(args: argparse.Namespace) -> int:
    if not os.environ.get("SEEDANCE_CALLBACK_SECRET"):
        raise ConfigurationError(
            "set SEEDANCE_CALLBACK_SECRET to the secret the submitting clients use; "
            "without it no callback token can be verified"
        )
    _require_extra("server", "starlette", "uvicorn")
    return asyncio.run(_callbacks_serve_async(args))


async def _callbacks_serve_async(args: argparse.Namespace) -> int:
    from . import available_providers
    from ._callbacks import CallbackReceiver
    from ._client import AsyncClient
    from ._providers import get_adapter
    from .serving import serve_in_loop

    names = args.provider or [
        p for p in available_providers() if os.environ.get(get_adapter(p).env_key)
    ]
    if not names:
        raise ConfigurationError("no provider key is set (e.g. APIKLEY_API_KEY)")
    receiver = CallbackReceiver()
    clients = [AsyncClient(name, callback_url=args.public_url) for name in names]
    for client in clients:
        client.on_task_done(lambda task: print(json.dumps(task.to_dict()), flush=True))
        receiver.attach(client)
    print(f"receiving callbacks for {', '.join(names)} on http://{args.host}:{args.port}")
    try:
        async with serve_in_loop(receiver, host=args.host, port=args.port):
            await asyncio.Event().wait()
    finally:
        for client in clients:
            await client.aclose()
    return EXIT_OK


# ----------------------------------------------------------------------- output


def _print_task(task: Task, as_json: bool) -> None:
    if as_json:
        _print_json(task.to_dict())
        return
    row = {k: v for k, v in task.to_dict().items() if k != "raw" and v is not None}
    _table(["field", "value"], [{"field": k, "value": v} for k, v in row.items()])


def _table(
    columns: list[str],
    rows: list[dict[str, Any]],
    *,
    whole: Sequence[str] = (),
    wide: bool = False,
    console: Any = None,
) -> None:
    """A table: rich on a terminal (the ``whole`` columns are never cut or wrapped;
    ``wide``: no column is), tab-separated text otherwise (for pipes)."""
    cells = [["" if row.get(c) is None else str(row.get(c)) for c in columns] for row in rows]
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:
        console = None
    else:
        if console is None and sys.stdout.isatty():
            console = Console()
    if console is None:
        print("\t".join(columns))
        for line in cells:
            print("\t".join(line))
        return
    table = Table()
    needed = 1
    for index, column in enumerate(columns):
        longest = max([len(column), *(len(line[index]) for line in cells)])
        keep = wide or column in whole
        table.add_column(column, no_wrap=keep, overflow="fold", min_width=longest if keep else None)
        needed += (longest if keep else min(len(column), 8)) + 3
    for line in cells:
        table.add_row(*line)
    if needed > console.width:  # wider than the terminal rather than cut
        console.width = needed
    console.print(table)


def _summary(title: str, rows: list[tuple[str, str]]) -> None:
    print(title)
    _table(["outcome", "tasks"], [{"outcome": a, "tasks": b} for a, b in rows])


class Progress:
    """Progress bars on stderr with rich when it is installed, plain lines otherwise."""

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self._rich: Any = None
        if enabled and sys.stderr.isatty():
            try:
                import rich.progress as rp
                from rich.console import Console

                self._rich = rp.Progress(
                    rp.TextColumn("{task.description}"),
                    rp.BarColumn(),
                    rp.TextColumn("{task.fields[status]}"),
                    rp.TimeElapsedColumn(),
                    console=Console(stderr=True),
                )
            except ImportError:
                self._rich = None
        self._last: dict[int, str] = {}

    def __enter__(self) -> Progress:
        if self._rich is not None:
            self._rich.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._rich is not None:
            self._rich.stop()

    def add(self, description: str, total: int = 100) -> int:
        if self._rich is not None:
            return int(self._rich.add_task(description, total=total, status=""))
        if self.enabled:
            print(description, file=sys.stderr, flush=True)
        return len(self._last)

    def show(self, bar: int, task: Task) -> None:
        percent = task.progress if task.progress is not None else (100 if task.finished else 0)
        status = f"{task.status.value} {percent}%"
        if self._rich is not None:
            self._rich.update(bar, completed=percent, status=status)
        elif self.enabled and self._last.get(bar) != status:
            self._last[bar] = status
            print(f"  {status}", file=sys.stderr, flush=True)

    def advance(self, bar: int) -> None:
        if self._rich is not None:
            self._rich.advance(bar)


if __name__ == "__main__":
    sys.exit(main())
