"""The ``seedance`` command.

Exit codes: 0 success, 1 the task failed or timed out, 2 bad input or configuration,
3 a provider or network error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from typing import Any

from .errors import (
    AuthenticationError,
    ConfigurationError,
    SeedanceError,
    TaskFailedError,
    ValidationError,
    WaitTimeoutError,
)

EXIT_OK, EXIT_TASK, EXIT_INPUT, EXIT_PROVIDER = 0, 1, 2, 3


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
        print(f"seedance: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except (TaskFailedError, WaitTimeoutError) as exc:
        print(f"seedance: {exc}", file=sys.stderr)
        return EXIT_TASK
    except SeedanceError as exc:
        print(f"seedance: {exc}", file=sys.stderr)
        return EXIT_PROVIDER
    except KeyboardInterrupt:
        return 130
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seedance", description="Generate Seedance videos through any provider."
    )
    commands = parser.add_subparsers(title="commands")

    generate = commands.add_parser("generate", help="submit, wait and download one video")
    generate.add_argument("prompt")
    generate.add_argument("--provider", default="apikley")
    generate.add_argument("--model")
    generate.add_argument("--image", action="append", default=[], help="path or URL (repeat)")
    generate.add_argument("--aspect-ratio")
    generate.add_argument("--resolution")
    generate.add_argument("--duration", type=int)
    generate.add_argument("--seed", type=int)
    generate.add_argument("--out", default="video.mp4")
    generate.add_argument("--timeout", type=float, default=900.0)
    generate.add_argument(
        "--fake", action="store_true", help="use the built-in fake provider (no key, no network)"
    )
    generate.add_argument("--json", action="store_true", help="print the task as JSON")
    generate.set_defaults(handler=_generate)

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


# ----------------------------------------------------------------------- generate


def _generate(args: argparse.Namespace) -> int:
    return asyncio.run(_generate_async(args))


async def _generate_async(args: argparse.Namespace) -> int:
    from .client import AsyncClient
    from .models import Task

    options: dict[str, Any] = {
        "model": args.model,
        "images": args.image or None,
        "aspect_ratio": args.aspect_ratio,
        "resolution": args.resolution,
        "duration": args.duration,
        "seed": args.seed,
    }
    client_options: dict[str, Any] = {}
    if args.fake:
        from .testing import fake_for

        fake = fake_for(args.provider, queued_for=1.0, running_for=3.0)
        client_options = {"api_key": fake.api_key, "transport": fake.transport()}
        print(f"using the built-in fake {args.provider} provider (no key, no network)")

    def show(task: Task) -> None:
        progress = f" {task.progress}%" if task.progress is not None else ""
        print(f"  {task.id}: {task.status.value}{progress}", flush=True)

    async with AsyncClient(args.provider, **client_options) as client:
        task = await client.submit(args.prompt, **options)
        print(f"submitted {task.id} to {args.provider} ({task.model})")
        done = await client.wait(task, timeout=args.timeout, on_update=show)
        path = await client.download(done, args.out)
    if args.json:
        print(json.dumps({**done.to_dict(), "output": str(path)}, indent=2))
    else:
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return EXIT_OK


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


# ----------------------------------------------------------------------- fake serve


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


# ----------------------------------------------------------------------- callbacks serve


def _callbacks_serve(args: argparse.Namespace) -> int:
    import os

    if not os.environ.get("SEEDANCE_CALLBACK_SECRET"):
        raise ConfigurationError(
            "set SEEDANCE_CALLBACK_SECRET to the secret the submitting clients use; "
            "without it no callback token can be verified"
        )
    return asyncio.run(_callbacks_serve_async(args))


async def _callbacks_serve_async(args: argparse.Namespace) -> int:
    import os

    from . import available_providers
    from .callbacks import CallbackReceiver
    from .client import AsyncClient
    from .providers import get_adapter

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
    from .serving import serve_in_loop

    print(f"receiving callbacks for {', '.join(names)} on http://{args.host}:{args.port}")
    try:
        async with serve_in_loop(receiver, host=args.host, port=args.port):
            await asyncio.Event().wait()
    finally:
        for client in clients:
            await client.aclose()
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
