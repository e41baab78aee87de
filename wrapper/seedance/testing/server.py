"""Run a fake provider as a real HTTP server (``seedance fake serve``), for users' own
integration tests. uvicorn serves it; callbacks are delivered in the background."""

from __future__ import annotations

import asyncio
import contextlib

from ..serving import serve_in_loop, serve_in_thread
from . import fake_for

__all__ = ["serve", "serve_async", "serve_in_loop", "serve_in_thread"]


def serve(
    provider: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8765,
    api_key: str | None = None,
    queued_for: float = 2.0,
    running_for: float = 8.0,
) -> int:
    """Serve until interrupted; prints the URL and the key clients must use."""
    return asyncio.run(
        serve_async(
            provider,
            host=host,
            port=port,
            api_key=api_key,
            queued_for=queued_for,
            running_for=running_for,
        )
    )


async def serve_async(
    provider: str,
    *,
    host: str,
    port: int,
    api_key: str | None,
    queued_for: float,
    running_for: float,
) -> int:
    import uvicorn

    url = f"http://{host}:{port}"
    fake = fake_for(
        provider, api_key=api_key, public_url=url, queued_for=queued_for, running_for=running_for
    )
    config = uvicorn.Config(fake.app, host=host, port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    print(f"fake {provider} provider at {url}", flush=True)
    print(f"api key: {fake.api_key}", flush=True)
    callbacks = asyncio.create_task(fake.run_callbacks_forever())
    try:
        await server.serve()
    finally:
        callbacks.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await callbacks
    return 0
