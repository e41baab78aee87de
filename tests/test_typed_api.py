"""The options of both clients are declared once and checked by mypy (issue: a misspelt
``durration=5`` passed ``mypy --strict`` and failed at run time naming AsyncClient)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import seedance

ROOT = Path(__file__).resolve().parents[1]

USER_SCRIPT = """
from seedance import AsyncClient, Client


def sync_use(client: Client) -> None:
    client.submit("a fox", durration=5)
    client.generate("a fox", resolutoin="720p")
    client.wait("task", timeout=5, on_updates=print)
    client.download(client.get("t"), "x.mp4", last_frames=True)


async def async_use(client: AsyncClient) -> None:
    await client.submit("a fox", durration=5)
    await client.generate("a fox", resolutoin="720p")
    await client.wait("task", timeut=5)
"""

GOOD_SCRIPT = """
from seedance import AsyncClient, Client


def sync_use(client: Client) -> None:
    client.submit("a fox", duration=5, resolution="720p", idempotency_key="k", output="a.mp4")
    client.generate("a fox", timeout=60, on_update=print, aspect_ratio="16:9")
    client.wait("task", timeout=5, on_update=print, raise_on_failure=False)


async def async_use(client: AsyncClient) -> None:
    await client.submit("a fox", duration=5)
    await client.generate("a fox", timeout=60)
"""


def _mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "user.py"
    script.write_text(textwrap.dedent(source))
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_mypy_refuses_misspelt_options_on_both_clients(tmp_path: Path) -> None:
    result = _mypy(tmp_path, USER_SCRIPT)
    assert result.returncode == 1, result.stdout + result.stderr
    for word in ("durration", "resolutoin", "on_updates", "last_frames", "timeut"):
        assert f'"{word}"' in result.stdout, f"{word} not flagged:\n{result.stdout}"


def test_mypy_accepts_the_documented_options(tmp_path: Path) -> None:
    result = _mypy(tmp_path, GOOD_SCRIPT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_sync_client_has_every_public_method_of_the_async_one() -> None:
    def public(cls: type) -> set[str]:
        return {n for n in vars(cls) if not n.startswith("_")} | {
            n for n in vars(cls.__mro__[1]) if not n.startswith("_")
        }

    missing = public(seedance.AsyncClient) - public(seedance.Client) - {"aclose"}
    assert missing == set(), missing
    for name in public(seedance.Client):
        doc = (
            getattr(seedance.Client, name).__doc__
            if callable(getattr(seedance.Client, name))
            else "x"
        )
        assert doc, f"Client.{name} has no docstring"
