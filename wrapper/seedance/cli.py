"""The ``seedance`` command.

Exit codes: 0 everything succeeded; 1 a task failed or timed out; 2 bad input or
configuration (a malformed request, a missing key, an unusable journal); 3 a provider or
network error. ``--json`` prints machine-readable results on stdout; messages go to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._errors import (
    AuthenticationError,
    ConfigurationError,
    SeedanceError,
    TaskFailedError,
    ValidationError,
    WaitTimeoutError,
)
from ._models import VideoRequest

if TYPE_CHECKING:
    from .client import AsyncClient
    from ._models import Task

EXIT_OK, EXIT_TASK, EXIT_INPUT, EXIT_PROVIDER = 0, 1, 2, 3
# A batch line takes VideoRequest's fields, plus "image" (one image), "key" and "output".
REQUEST_FIELDS = {f.name for f in attrs.fields(VideoRequest)} | {"image", "key", "output"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_INPUT
    try:
        result: int = handler(args)
    except (ValidationError, ConfigurationError, AuthenticationError) as exc:
        _error(exc)
        return EXIT_INPUT
    except (TaskFailedError, WaitTimeoutError) as exc:
        _error(exc)
        return EXIT_TASK
    except SeedanceError as exc:
        from .journal import JournalError

        _error(exc)
        return EXIT_INPUT if isinstance(exc, JournalError) else EXIT_PROVIDER
    except KeyboardInterrupt:
        _error("interrupted; `seedance resume` finishes what was submitted")
        return 130
    return result


def _error(message: object) -> None:
    print(f"seedance: {message}", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seedance", description="Generate Seedance videos through any provider."
    )
    commands = parser.add_subparsers(title="commands")

    generate = commands.add_parser("generate", help="submit, wait and download one video")
    generate.add_argument("prompt")
    _provider_options(generate)
    _request_options(generate)
    generate.add_argument("--out", default="video.mp4", help="file to write (default video.mp4)")
    generate.add_argument("--key", help="idempotency key (a rerun returns the same task)")
    generate.set_defaults(handler=_generate)

    batch = commands.add_parser("batch", help="run a JSONL file of requests, resumably")
    batch.add_argument("requests", type=Path, help="one JSON request per line")
    _provider_options(batch)
    batch.add_argument("--concurrency", type=int, default=8)
    batch.add_argument("--out", type=Path, default=Path("videos"), help="output folder")
    batch.set_defaults(handler=_batch)

    status = commands.add_parser("status", help="a task's current state")
    status.add_argument("task_id")
    _provider_options(status, fake=False)
    status.set_defaults(handler=_status)

    listing = commands.add_parser("list", help="journaled tasks, newest first")
    listing.add_argument("--provider")
    listing.add_argument("--limit", type=int, default=20)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)

    cancel = commands.add_parser("cancel", help="cancel a queued task (where the API allows)")
    cancel.add_argument("task_id")
    _provider_options(cancel, fake=False)
    cancel.set_defaults(handler=_cancel)

    download = commands.add_parser("download", help="download a finished task's video")
    download.add_argument("task_id")
    download.add_argument("--out", help="file to write (default <task id>.mp4)")
    _provider_options(download, fake=False)
    download.set_defaults(handler=_download)

    resume = commands.add_parser("resume", help="finish every unfinished journaled task")
    resume.add_argument("--provider", help="default: every provider with open tasks")
    resume.add_argument("--timeout", type=float, default=900.0)
    resume.add_argument("--json", action="store_true")
    resume.set_defaults(handler=_resume)

    models = commands.add_parser("models", help="providers, models and their options")
    models.add_argument("--provider")
    models.add_argument("--json", action="store_true")
    models.set_defaults(handler=_models)

    fake = commands.add_parser("fake", help="fake providers for tests")
    fake_commands = fake.add_subparsers(title="fake commands")
    serve = fake_commands.add_parser("serve", help="run a fake provider as an HTTP server")
    serve.add_argument("--provider", default="apikley")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--api-key", help="the key clients must send (default: a random one)")
    serve.add_argument("--queued-for", type=float, default=2.0)
    serve.add_argument("--running-for", type=float, default=8.0)
    serve.set_defaults(handler=_fake_serve)

    callbacks = commands.add_parser("callbacks", help="receive provider callbacks")
    callback_commands = callbacks.add_subparsers(title="callbacks commands")
    receive = callback_commands.add_parser(
        "serve", help="run the callback receiver (needs SEEDANCE_CALLBACK_SECRET)"
    )
    receive.add_argument("--host", default="127.0.0.1")
    receive.add_argument("--port", type=int, default=8080)
    receive.add_argument(
        "--public-url", required=True, help="the URL submitters use as callback_url"
    )
    receive.add_argument("--provider", action="append", help="default: every provider with a key")
    receive.set_defaults(handler=_callbacks_serve)
    return parser


def _provider_options(parser: argparse.ArgumentParser, *, fake: bool = True) -> None:
    parser.add_argument("--provider", default=None, help="apikley, pixazo, gptproto or ark")
    parser.add_argument("--base-url", help="override the provider's API URL")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds to wait at most")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    if fake:
        parser.add_argument(
            "--fake",
            action="store_true",
            help="use the built-in fake provider (no key, no network)",
        )


def _request_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model")
    parser.add_argument("--image", action="append", default=[], help="path or URL (repeat)")
    parser.add_argument("--aspect-ratio")
    parser.add_argument("--resolution")
    parser.add_argument("--duration", type=int)
    parser.add_argument("--seed", type=int)


def _client(args: argparse.Namespace, provider: str | None = None) -> AsyncClient:
    from .client import AsyncClient

    name = provider or args.provider or "apikley"
    options: dict[str, Any] = {}
    if getattr(args, "base_url", None):
        options["base_url"] = args.base_url
    if getattr(args, "fake", False):
        import math
        import tempfile

        from .polling import PollSchedule
        from .testing import fake_for

        # SEEDANCE_FAKE_TIMES="queued,running" seconds (tests shorten them).
        queued, running = (
            float(x) for x in os.environ.get("SEEDANCE_FAKE_TIMES", "1,3").split(",")
        )
        fake = fake_for(name, queued_for=queued, running_for=running)
        options.update(
            api_key=fake.api_key,
            transport=fake.transport(),
            # fake tasks live in this process only: keep them out of the user's journal
            journal=Path(tempfile.mkdtemp(prefix="seedance-fake-")) / "journal.sqlite3",
            # polling an in-process fake costs nothing
            poll_schedule=PollSchedule(steps=((math.inf, min(0.5, running / 4)),), jitter=0.0),
        )
        if not args.json:
            _error(f"using the built-in fake {name} provider (no key, no network)")
    return AsyncClient(name, **options)


# ----------------------------------------------------------------------- generate


def _generate(args: argparse.Namespace) -> int:
    return asyncio.run(_generate_async(args))


async def _generate_async(args: argparse.Namespace) -> int:
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
    async with _client(args) as client:
        with Progress(enabled=not args.json) as progress:
            task = await client.submit(args.prompt, output=args.out, **options)
            bar = progress.add(f"{task.id} ({client.provider})")
            done = await client.wait(
                task, timeout=args.timeout, on_update=lambda t: progress.show(bar, t)
            )
            path = await client.download(done, args.out)
    if args.json:
        print(json.dumps({**done.to_dict(), "file": str(path)}, indent=2))
    else:
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return EXIT_OK


# ----------------------------------------------------------------------- batch


def _batch(args: argparse.Namespace) -> int:
    return asyncio.run(_batch_async(args))


def parse_requests(path: Path) -> tuple[list[tuple[int, dict[str, Any]]], list[str]]:
    """Read a JSONL file: (line number, request) pairs, and one message per bad line."""
    good: list[tuple[int, dict[str, Any]]] = []
    problems: list[str] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigurationError(f"cannot read {path}: {exc.strerror}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path}:{number}: not JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(request, dict) or not isinstance(request.get("prompt"), str):
            problems.append(f"{path}:{number}: a request is an object with a string 'prompt'")
            continue
        unknown = sorted(set(request) - REQUEST_FIELDS)
        if unknown:
            problems.append(
                f"{path}:{number}: unknown field(s) {unknown}; allowed: {sorted(REQUEST_FIELDS)}"
            )
            continue
        good.append((number, request))
    return good, problems


def request_key(provider: str, request: dict[str, Any]) -> str:
    """The default idempotency key: a hash of the request's content (and provider)."""
    content = {k: v for k, v in request.items() if k not in ("key", "output")}
    digest = hashlib.sha256(
        json.dumps([provider, content], sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
    return f"sha256-{digest[:24]}"


async def _batch_async(args: argparse.Namespace) -> int:
    requests, problems = parse_requests(args.requests)
    for problem in problems:
        _error(problem)
    args.out.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    semaphore = asyncio.Semaphore(max(1, args.concurrency))
    async with _client(args) as client:
        provider = client.provider
        with Progress(enabled=not args.json) as progress:
            overall = progress.add(f"batch ({provider})", total=len(requests))

            async def run(number: int, request: dict[str, Any]) -> None:
                key = request.get("key") or request_key(provider, request)
                output = Path(request.get("output") or args.out / f"{key}.mp4")
                record: dict[str, Any] = {"line": number, "key": key, "file": None}
                async with semaphore:
                    try:
                        options = {
                            k: v for k, v in request.items() if k not in ("key", "output", "image")
                        }
                        if "image" in request:
                            options["images"] = request["image"]
                        task = await client.submit(
                            options.pop("prompt"), idempotency_key=key, output=output, **options
                        )
                        record["task_id"] = task.id
                        if output.exists() and task.finished:
                            done = task
                        else:
                            done = await client.wait(task, timeout=args.timeout)
                            await client.download(done, output)
                        record.update(status=done.status.value, file=str(output), error=None)
                    except SeedanceError as exc:
                        record.update(status=_outcome(exc), error=str(exc))
                results.append(record)
                progress.advance(overall)

            await asyncio.gather(*(run(number, request) for number, request in requests))
    results.sort(key=lambda r: r["line"])
    manifest = args.out / "manifest.jsonl"
    manifest.write_text("".join(json.dumps(r) + "\n" for r in results), encoding="utf-8")
    counts = Counter(r["status"] for r in results)
    if args.json:
        print(
            json.dumps(
                {"manifest": str(manifest), "results": results, "invalid_lines": problems}, indent=2
            )
        )
    else:
        _summary(
            f"batch of {len(requests)} requests ({len(problems)} invalid lines)",
            [(status, str(count)) for status, count in sorted(counts.items())],
        )
        print(f"manifest: {manifest}")
    if problems or counts.get("invalid", 0):
        return EXIT_INPUT
    if any(status != "succeeded" for status in counts):
        return EXIT_TASK
    return EXIT_OK


def _outcome(exc: SeedanceError) -> str:
    if isinstance(exc, ValidationError):
        return "invalid"
    if isinstance(exc, TaskFailedError):
        return exc.task.status.value
    if isinstance(exc, WaitTimeoutError):
        return "timed out"
    return "error"


# ----------------------------------------------------------------------- single tasks


def _journaled_provider(args: argparse.Namespace) -> str:
    if args.provider:
        return str(args.provider)
    from .journal import open_journal

    journal = open_journal(None)
    entry = journal.find(None, args.task_id) if journal else None
    if entry is None:
        raise ConfigurationError(
            f"task {args.task_id} is not in the journal; say which provider with --provider"
        )
    return entry.provider


def _status(args: argparse.Namespace) -> int:
    async def run() -> Task:
        async with _client(args, _journaled_provider(args)) as client:
            return await client.get(args.task_id)

    task = asyncio.run(run())
    _print_task(task, args.json)
    return EXIT_OK


def _cancel(args: argparse.Namespace) -> int:
    async def run() -> None:
        async with _client(args, _journaled_provider(args)) as client:
            await client.cancel(args.task_id)

    asyncio.run(run())
    print(f"cancelled {args.task_id}")
    return EXIT_OK


def _download(args: argparse.Namespace) -> int:
    async def run() -> Path:
        async with _client(args, _journaled_provider(args)) as client:
            task = await client.get(args.task_id)
            return await client.download(task, args.out or f"{args.task_id}.mp4")

    path = asyncio.run(run())
    print(json.dumps({"file": str(path)}) if args.json else f"wrote {path}")
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from .journal import open_journal

    journal = open_journal(None)
    if journal is None:
        raise ConfigurationError("the journal is turned off (SEEDANCE_JOURNAL=off)")
    entries = journal.entries(limit=args.limit, provider=args.provider)
    rows = [
        {
            "key": e.key,
            "provider": e.provider,
            "task_id": e.task_id,
            "state": e.state,
            "status": e.status,
            "file": e.file,
        }
        for e in entries
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        _table(["key", "provider", "task_id", "state", "status", "file"], rows)
    return EXIT_OK


def _resume(args: argparse.Namespace) -> int:
    from .journal import open_journal

    journal = open_journal(None)
    if journal is None:
        raise ConfigurationError("the journal is turned off (SEEDANCE_JOURNAL=off)")
    providers = (
        [args.provider] if args.provider else sorted({e.provider for e in journal.open_entries()})
    )

    async def run() -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for provider in providers:
            async with _client(args, provider) as client:
                for result in await client.resume(timeout=args.timeout):
                    rows.append(
                        {
                            "provider": provider,
                            "key": result.key,
                            "task_id": result.task.id if result.task else None,
                            "file": result.file,
                            "error": result.error,
                        }
                    )
        return rows

    rows = asyncio.run(run())
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        _table(["provider", "key", "task_id", "file", "error"], rows)
    return EXIT_OK if all(r["error"] is None for r in rows) else EXIT_TASK


# ----------------------------------------------------------------------- models


def _models(args: argparse.Namespace) -> int:
    from . import list_models

    infos = [info.describe() for info in list_models(args.provider)]
    if args.json:
        print(json.dumps(infos, indent=2))
        return EXIT_OK
    for info in infos:
        print(f"{info['provider']:<9} {info['model']}")
        print(f"          prompt: {info['prompt']}; images: {info['images']}")
        for name, allowed in info["options"].items():
            print(f"          {name}: {allowed}")
    return EXIT_OK


# ----------------------------------------------------------------------- servers


def _fake_serve(args: argparse.Namespace) -> int:
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
    return asyncio.run(_callbacks_serve_async(args))


async def _callbacks_serve_async(args: argparse.Namespace) -> int:
    from . import available_providers
    from .callbacks import CallbackReceiver
    from .client import AsyncClient
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
        print(json.dumps(task.to_dict(), indent=2))
        return
    row = {k: v for k, v in task.to_dict().items() if k != "raw" and v is not None}
    _table(["field", "value"], [{"field": k, "value": v} for k, v in row.items()])


def _table(columns: list[str], rows: list[dict[str, Any]]) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:
        print("\t".join(columns))
        for row in rows:
            print("\t".join("" if row.get(c) is None else str(row.get(c)) for c in columns))
        return
    table = Table(*columns)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    Console().print(table)


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
