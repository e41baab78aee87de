"""Journal operations per second: SQLite and PostgreSQL side by side, beside a dict.

    python -m bench.journal [--tasks N] [--rounds R]

One task's journal work is four writes: claim, mark_sending, mark_submitted, update_task
(the status a wait records), each one transaction. The baseline does the same four steps
on a dict in this process (with the same JSON encoding), so the ratio is what durability
and cross-process locking cost. PostgreSQL comes from ``SEEDANCE_TEST_POSTGRES_DSN`` or a
private loopback cluster (fsync on, asynchronous commit: the same durability as SQLite's
WAL with synchronous=NORMAL). Median of several rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from seedance import Task, TaskStatus
from seedance._journal import Journal, RateLimit, open_journal

REQUEST = {"model": "bytedance/seedance-1.5-pro", "prompt": "a red fox in snow", "seed": 7}


def journal_round(journal: Journal, tasks: int, tag: str) -> float:
    """Seconds for ``tasks`` full claim -> sending -> submitted -> update sequences."""
    start = time.perf_counter()
    for i in range(tasks):
        key = f"{tag}-{i}"
        journal.claim(key, provider="apikley", request=REQUEST, output=None, owner="b", lease=60)
        journal.mark_sending(key, "b")
        journal.mark_submitted(key, "b", Task(id=key, provider="apikley"))
        journal.update_task(Task(id=key, provider="apikley", status=TaskStatus.RUNNING))
    return time.perf_counter() - start


def dict_round(tasks: int, tag: str) -> float:
    """The same four steps on a dict: the cost of the bookkeeping alone."""
    rows: dict[str, dict[str, Any]] = {}
    by_task: dict[tuple[str, str], str] = {}
    start = time.perf_counter()
    for i in range(tasks):
        key = f"{tag}-{i}"
        if key not in rows:
            rows[key] = {"state": "intent", "owner": "b", "request": json.dumps(REQUEST)}
        row = rows[key]
        if row["state"] == "intent" and row["owner"] == "b":
            row["state"] = "sending"
        row.update(state="submitted", task=json.dumps(Task(id=key, provider="apikley").to_dict()))
        by_task["apikley", key] = key
        task = Task(id=key, provider="apikley", status=TaskStatus.RUNNING)
        rows[by_task["apikley", key]]["task"] = json.dumps(task.to_dict())
    return time.perf_counter() - start


def reserve_round(journal: Journal, count: int) -> float:
    limit = RateLimit(20, 10)
    start = time.perf_counter()
    for _ in range(count):
        journal.reserve("apikley:create", limit)
    return time.perf_counter() - start


@contextmanager
def postgres() -> Iterator[str | None]:
    given = os.environ.get("SEEDANCE_TEST_POSTGRES_DSN")
    if given:
        yield given
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.support.postgres import Unavailable, database, private_cluster

    try:
        with private_cluster(durable=True) as admin, database(admin) as dsn:
            yield dsn
    except Unavailable as exc:
        print(f"  (PostgreSQL skipped: {exc})")
        yield None


def median_rate(run: Callable[[str], float], work: int, rounds: int) -> float:
    return statistics.median(work / run(f"r{r}") for r in range(rounds))


def local_reserve_round(count: int) -> float:
    """The baseline of a journal's bucket: the same reservations in this process only."""
    from seedance._ratelimit import LocalBucket

    bucket = LocalBucket(RateLimit(20, 10))
    start = time.perf_counter()
    for _ in range(count):
        bucket.reserve(time.time())
    return time.perf_counter() - start


def figures(quick: bool) -> list[Any]:
    """``make bench``'s journal figures: per task, the four writes on each backend beside
    the same bookkeeping on a dict; per reservation, the shared bucket beside an
    in-process one. Rounds interleaved: dict, then each backend."""
    from bench.report import Figure

    tasks, rounds = (100, 3) if quick else (300, 5)
    out: list[Any] = []
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        backends: dict[str, Journal] = {
            "SQLite": stack.enter_context(open_journal(folder / "bench.sqlite3"))
        }
        dsn = stack.enter_context(postgres())
        if dsn is not None:
            backends["PostgreSQL"] = stack.enter_context(open_journal(dsn))
        per_task: dict[str, list[float]] = {name: [] for name in ("dict", *backends)}
        per_reserve: dict[str, list[float]] = {name: [] for name in ("local", *backends)}
        for r in range(rounds):
            per_task["dict"].append(dict_round(tasks, f"d{r}") / tasks * 1e3)
            per_reserve["local"].append(local_reserve_round(tasks) / tasks * 1e3)
            for name, journal in backends.items():
                per_task[name].append(journal_round(journal, tasks, f"{name}{r}") / tasks * 1e3)
                per_reserve[name].append(reserve_round(journal, tasks) / tasks * 1e3)
        for name in backends:
            out.append(
                Figure(
                    "journal",
                    f"{name}: one task's bookkeeping (4 durable writes)",
                    per_task[name],
                    per_task["dict"],
                    "ms",
                    "the same steps on a dict",
                    note="what durability and cross-process locking cost",
                )
            )
            out.append(
                Figure(
                    "journal",
                    f"{name}: one rate-limit reservation (shared bucket)",
                    per_reserve[name],
                    per_reserve["local"],
                    "ms",
                    "an in-process bucket",
                )
            )
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.journal")
    parser.add_argument("--tasks", type=int, default=300, help="tasks per round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    tasks, rounds = args.tasks, args.rounds
    print(f"journal: {tasks} tasks x 4 writes per round, median of {rounds} rounds")
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        backends: dict[str, Journal] = {
            "sqlite": stack.enter_context(open_journal(folder / "bench.sqlite3"))
        }
        dsn = stack.enter_context(postgres())
        if dsn is not None:
            backends["postgresql"] = stack.enter_context(open_journal(dsn))
        base = median_rate(lambda tag: dict_round(tasks, tag), tasks * 4, rounds)
        print(f"  {'backend':<12} {'writes/s':>10} {'tasks/s':>10} {'reserve/s':>10}  vs dict")
        print(f"  {'dict':<12} {base:10.0f} {base / 4:10.0f} {'':>10}  1.00")
        for name, journal in backends.items():
            rate = median_rate(
                lambda tag, j=journal: journal_round(j, tasks, tag),  # type: ignore[misc]
                tasks * 4,
                rounds,
            )
            reserve = median_rate(lambda tag, j=journal: reserve_round(j, tasks), tasks, rounds)  # type: ignore[misc]
            print(
                f"  {name:<12} {rate:10.0f} {rate / 4:10.0f} {reserve:10.0f}  1/{base / rate:.0f}"
            )


if __name__ == "__main__":
    main()
