"""A fake provider served by uvicorn on 127.0.0.1 in its own process, so its work does not
share the benchmark's GIL. Limits off and tasks done at once: the bench times the client.

    with serve("apikley") as url: ...
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

from bench._timing import ROOT

KEY = "bench-key"
ARK_PREFIX = "/api/v3"


def main(provider: str, port: int, video_size: int) -> None:
    import uvicorn

    from seedance.testing import FakeApikley
    from seedance.testing.ark import FakeArk

    size = video_size or None
    if provider == "ark":
        fake: FakeApikley | FakeArk = FakeArk(
            api_key=KEY, queued_for=0, running_for=0, max_queued=10**9, video_size=size
        )
    else:  # limits off (documented switch): the bench measures the client, not the limit
        fake = FakeApikley(
            api_key=KEY, queued_for=0, running_for=0, create_limit=0, read_limit=0, video_size=size
        )
    fake.public_url = f"http://127.0.0.1:{port}"
    uvicorn.run(fake.app, host="127.0.0.1", port=port, log_level="error", lifespan="off")


@contextlib.contextmanager
def serve(provider: str, video_size: int = 0) -> Iterator[str]:
    """Yield the base URL of a fake ``provider`` (apikley or ark) in a child process."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = (
        "import sys; from bench._server import main; main(*sys.argv[1:2], *map(int, sys.argv[2:]))"
    )
    server = subprocess.Popen(
        [sys.executable, "-c", code, provider, str(port), str(video_size)], cwd=ROOT
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the loopback fake did not start")
            time.sleep(0.02)
        base = f"http://127.0.0.1:{port}"
        yield base + ARK_PREFIX if provider == "ark" else base
    finally:
        server.terminate()
        server.wait(timeout=10)
