"""Serving an ASGI app (a fake provider, the callback receiver) with uvicorn, within limits:
the receiver is public, and uvicorn's defaults hold any number of connections."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

KEEP_ALIVE = 5
"""Seconds an idle keep-alive connection stays open (uvicorn's ``timeout_keep_alive``)."""
LIMIT_CONCURRENCY = 500
"""Connections (or requests in progress) served at once (uvicorn's ``limit_concurrency``):
a request beyond them is answered 503, which providers retry, and its connection closed.
Kept below the usual limit of 1024 open files, which the journal needs too."""


def _config(app: Any, host: str, port: int) -> Any:
    import uvicorn

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="error",
        lifespan="off",
        timeout_keep_alive=KEEP_ALIVE,
        limit_concurrency=LIMIT_CONCURRENCY,
    )


@contextlib.contextmanager
def serve_in_thread(app: Any, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve an ASGI app with uvicorn in a background thread; yield its URL.

    For integration tests over real loopback sockets (port 0 picks a free port).
    """
    import uvicorn

    server = uvicorn.Server(_config(app, host, port))
    thread = threading.Thread(target=server.run, name="seedance-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"uvicorn did not start on {host}:{port}")
        time.sleep(0.01)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)


@contextlib.asynccontextmanager
async def serve_in_loop(app: Any, *, host: str = "127.0.0.1", port: int = 0) -> AsyncIterator[str]:
    """Serve an ASGI app with uvicorn on the running event loop; yield its URL.

    Use this for an app that shares objects with code on the same loop (a callback
    receiver and the client it confirms with).
    """
    import uvicorn

    server = uvicorn.Server(_config(app, host, port))
    serving = asyncio.ensure_future(server.serve())
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    while not server.started:
        if loop.time() > deadline or serving.done():
            raise RuntimeError(f"uvicorn did not start on {host}:{port}")
        await asyncio.sleep(0.01)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        await serving
