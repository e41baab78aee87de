"""Helpers for the fault suite (tests/test_faults.py): the ``seedance`` command run as a
real process with short claim leases, counting at a fake, and servers that misbehave at
the socket level.

Run as ``python -m tests.support.faults LEASE -- <seedance arguments>``: the CLI's
``main`` with ``seedance._base_client.LEASE`` (and the busy polls) shortened, so a rerun
after a SIGKILL takes a dead process's claims over in a second instead of a minute. No
other behaviour changes.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
LEASE = 1.0
RUN_TIMEOUT = 90.0


def cli_command(args: Sequence[str], *, lease: float = LEASE) -> list[str]:
    return [sys.executable, "-m", "tests.support.faults", str(lease), "--", *args]


def cli_env(journal: str | os.PathLike[str], key: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEEDANCE_")}
    env.update(SEEDANCE_JOURNAL=str(journal), APIKLEY_API_KEY=key, ARK_API_KEY=key, **extra)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def start_cli(
    args: Sequence[str], env: dict[str, str], *, lease: float = LEASE
) -> subprocess.Popen[str]:
    """The command in a process of its own, with claim leases of ``lease`` seconds."""
    return subprocess.Popen(
        cli_command(args, lease=lease),
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    """Wait for a process (never forever): (exit code, stdout, stderr)."""
    try:
        out, err = process.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        process.kill()
        out, err = process.communicate()
        raise AssertionError(
            f"{process.args!r} did not finish in {RUN_TIMEOUT:g} s:\n{err}"
        ) from exc
    return process.returncode, out, err


def creates_by_prompt(fake: Any) -> Counter[str]:
    """How many tasks the fake created per prompt (every provider keeps it in its body)."""
    counts: Counter[str] = Counter()
    for task in fake.tasks.all():
        body = task.request
        prompt = (body.get("input") or {}).get("prompt") if "input" in body else None
        if prompt is None:
            content = body.get("content") or []
            prompt = next((c.get("text") for c in content if c.get("type") == "text"), None)
        counts[str(prompt)] += 1
    return counts


def media_gets(fake: Any) -> Counter[str]:
    """GETs of each task's video at the fake (a video written twice is fetched twice)."""
    return Counter(
        path.rsplit("/", 1)[-1]
        for method, path in fake.requests
        if method == "GET" and path.endswith(".mp4")
    )


def ends(call: Callable[[], object], within: float = 20.0) -> BaseException | None:
    """Run ``call`` in a thread; the exception it ended with (None: it returned). A call
    still running after ``within`` seconds fails the test: it hangs."""
    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            call()
        except BaseException as exc:
            outcome.append(exc)
        else:
            outcome.append(None)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(within)
    assert outcome, f"still running after {within:g} s: it hangs"
    return outcome[0]


@contextlib.contextmanager
def socket_server(mode: str) -> Iterator[tuple[str, list[bytes]]]:
    """A loopback HTTP server that misbehaves: ``hang`` reads the request and never
    answers; ``half`` answers headers and half a JSON body, then closes; ``trickle``
    answers 200 with a chunked body of one byte every 0.2 s, for ever (no read timeout
    ever fires); ``headers`` sends a header line one byte every 0.2 s, for ever. Yields
    its URL and the requests it received (raw bytes, one item per connection)."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    received: list[bytes] = []
    stop = threading.Event()
    held: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(2.0)
            data = b""
            with contextlib.suppress(OSError):
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
            received.append(data)
            if mode == "half":
                body = b'{"code": 200, "msg": "success", "data": {"taskId": "task_'
                with contextlib.suppress(OSError):
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                        b"content-length: 200\r\n\r\n" + body
                    )
                conn.close()
            elif mode in ("trickle", "headers"):
                threading.Thread(target=trickle, args=(conn, mode), daemon=True).start()
            else:
                held.append(conn)  # never answered; closed when the server stops

    def trickle(conn: socket.socket, mode: str) -> None:
        with contextlib.suppress(OSError), conn:
            if mode == "headers":  # a header that never ends, a byte at a time
                conn.sendall(b"HTTP/1.1 200 OK\r\nx-slow: ")
                while not stop.wait(0.2):
                    conn.sendall(b"x")
            conn.sendall(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                b"transfer-encoding: chunked\r\n\r\n1\r\n{\r\n"
            )
            while not stop.wait(0.2):
                conn.sendall(b"1\r\n \r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", received
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()
        for conn in held:
            conn.close()


def _main(argv: list[str]) -> int:
    lease = float(argv[0])
    rest = argv[argv.index("--") + 1 :]
    import seedance._base_client as base

    base.LEASE = lease
    base.BUSY_POLL = min(base.BUSY_POLL, lease / 10)
    from seedance.cli import main

    return main(rest)


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
