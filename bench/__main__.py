"""Benchmarks: every figure beside a baseline measured in the same run on the same work.

    make bench                       # the full run (a few minutes on 2 cores)
    SEEDANCE_BENCH_QUICK=1 make bench   # or: python -m bench --quick (a smoke run)

Contenders take turns within each round (interleaved), every figure reports the median
and the spread (min-max) of its rounds, and the ratio is taken round by round. Results go
to bench/results.md and bench/results.png.

1. submit + get, sync and async, vs raw httpx (bench/client.py)
2. downloads vs raw httpx streams, and peak RSS over a large one (bench/client.py)
3. import + first client vs ``import httpx; httpx.Client()``, fresh processes
4. the poller's CPU per task at 100 to 10,000 tasks; detection lag, 429s and status
   requests for 1,000 Apikley tasks under the read limit (bench/polling.py)
5. callbacks vs polling (bench/callbacks.py); a journaled batch under the limits
   (bench/batch.py); the journal's own figures when bench/journal.py is present
6. Ark vs the official SDK (bench/ark.py)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import attrs

from bench.report import Figure, draw_chart, print_figure, write_markdown

HERE = Path(__file__).parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, smaller sizes")
    parser.add_argument("--only", help="run only sections whose name contains this")
    parser.add_argument(
        "--redraw", action="store_true", help="rewrite results.md/.png from results.json"
    )
    args = parser.parse_args(argv)
    if args.redraw:
        saved = json.loads((HERE / "results.json").read_text(encoding="utf-8"))
        _write([Figure(**f) for f in saved["figures"]], saved["header"])
        return 0
    quick = args.quick or os.environ.get("SEEDANCE_BENCH_QUICK", "") not in ("", "0")
    # Benchmarks never write to the user's journal.
    os.environ["SEEDANCE_JOURNAL"] = os.path.join(tempfile.mkdtemp(), "bench-journal.sqlite3")

    from bench import ark, batch, callbacks, client, polling

    MiB = 1 << 20
    rounds = 3 if quick else 7
    sections: list[tuple[str, Callable[[], list[Figure]]]] = [
        ("submit+get", lambda: client.overhead(rounds, 30 if quick else 60)),
        (
            "downloads",
            lambda: client.downloads(
                64 * MiB if quick else 256 * MiB,
                2 if quick else 9,  # one transfer a round; this VM's disk swings ±30 %
                256 * MiB if quick else 1024 * MiB,
            ),
        ),
        ("import", lambda: client.import_cost(5 if quick else 10)),
        (
            "poller cpu",
            lambda: polling.poller_cpu(
                [100, 1000, 3000] if quick else [100, 1000, 10_000], 2 if quick else 3
            ),
        ),
        (
            "detection lag",
            lambda: polling.detection_lag(
                300 if quick else 1000, 1 if quick else 3, 100 if quick else 200
            ),
        ),
        ("callbacks", lambda: callbacks.bench_callbacks(10 if quick else 40, 1 if quick else 2)),
        ("batch", lambda: batch.bench_batch(100 if quick else 1000)),
        ("journal", lambda: _journal(quick)),
        ("ark", lambda: ark.bench_ark(quick)),
    ]
    figures: list[Figure] = []
    began = time.perf_counter()
    for name, run in sections:
        if args.only and args.only not in name:
            continue
        print(f"{name} ...", flush=True)
        for figure in run():
            print_figure(figure)
            figures.append(figure)
    took = time.perf_counter() - began
    header = (
        "# seedance benchmarks\n\n"
        f"`make bench`{' (quick)' if quick else ''}: "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {took:.0f} s. "
        "Every figure beside a baseline measured in the same run on the same work, "
        "interleaved; values are the median [min-max] of the rounds, ratios are taken "
        "round by round. Lower is better except throughput (MiB/s). The chart is "
        "results.png."
    )
    if not args.only:
        saved = {"header": header, "figures": [_asdict(f) for f in figures]}
        (HERE / "results.json").write_text(json.dumps(saved, indent=1), encoding="utf-8")
        _write(figures, header)
        print(f"wrote bench/results.md, .png and .json ({took:.0f} s)")
    missed = [f.name for f in figures if f.met is False]
    if missed:
        print("targets missed: " + "; ".join(missed))
    return 0


def _asdict(figure: Figure) -> dict[str, object]:
    data = attrs.asdict(figure)
    data.pop("ratios")
    return data


def _write(figures: list[Figure], header: str) -> None:
    write_markdown(figures, HERE / "results.md", header)
    draw_chart(figures, HERE / "results.png", "seedance vs baselines, same run")


def _journal(quick: bool) -> list[Figure]:
    """The journal's figures, each with its own baseline, from bench/journal.py (owned by
    the journal work): ``figures(quick) -> list[Figure]``. Absent: nothing to show."""
    try:
        from bench import journal
    except ImportError:
        print("  (bench/journal.py not present: no journal figures)")
        return []
    produce = getattr(journal, "figures", None)
    if produce is None:
        print("  (bench/journal.py has no figures(quick): skipped)")
        return []
    result: list[Figure] = produce(quick)
    return result


if __name__ == "__main__":
    sys.exit(main())
