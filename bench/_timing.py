"""Timing helpers: interleaved rounds, so drift in machine load hits every contender."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _order(names: list[str], round_: int) -> list[str]:
    shift = round_ % len(names)
    return names[shift:] + names[:shift]


def interleaved(
    fns: dict[str, Callable[[], Any]],
    rounds: int,
    calls: int,
    warmup: int = 5,
    before: Callable[[], Any] | None = None,
) -> dict[str, list[float]]:
    """Per name, one value per round: the median seconds per call over ``calls`` calls.
    Within a round the contenders take turns call by call (a burst of load on a shared
    machine hits all of them alike), in an order rotated every round. ``before`` runs
    untimed ahead of every timed call (e.g. to start each from the same disk state)."""
    for fn in fns.values():
        for _ in range(warmup):
            fn()
    out: dict[str, list[float]] = {name: [] for name in fns}
    for round_ in range(rounds):
        order = _order(list(fns), round_)
        samples: dict[str, list[float]] = {name: [] for name in order}
        for _ in range(calls):
            for name in order:
                if before is not None:
                    before()
                start = time.perf_counter()
                fns[name]()
                samples[name].append(time.perf_counter() - start)
        for name in order:
            out[name].append(statistics.median(samples[name]))
    return out


async def interleaved_async(
    fns: dict[str, Callable[[], Awaitable[Any]]],
    rounds: int,
    calls: int,
    warmup: int = 5,
    before: Callable[[], Any] | None = None,
) -> dict[str, list[float]]:
    """:func:`interleaved` for coroutine functions."""
    for fn in fns.values():
        for _ in range(warmup):
            await fn()
    out: dict[str, list[float]] = {name: [] for name in fns}
    for round_ in range(rounds):
        order = _order(list(fns), round_)
        samples: dict[str, list[float]] = {name: [] for name in order}
        for _ in range(calls):
            for name in order:
                if before is not None:
                    before()
                start = time.perf_counter()
                await fns[name]()
                samples[name].append(time.perf_counter() - start)
        for name in order:
            out[name].append(statistics.median(samples[name]))
    return out


def run_python(code: str, *args: str) -> str:
    """Run ``code`` in a fresh interpreter (repo root as cwd); return its stdout."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    return done.stdout


def interleaved_processes(codes: dict[str, str], runs: int) -> dict[str, list[float]]:
    """Each snippet prints one float (seconds it measured itself); one fresh process per
    sample, the snippets taking turns."""
    for code in codes.values():  # warm the OS file cache and .pyc files
        run_python(code)
    out: dict[str, list[float]] = {name: [] for name in codes}
    for round_ in range(runs):
        for name in _order(list(codes), round_):
            out[name].append(float(run_python(codes[name]).split()[-1]))
    return out
