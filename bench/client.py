"""The client's own cost, each beside raw httpx doing the same work in the same run:
submit + get, downloads (speed and memory), import + first client.

Against a fake Apikley in its own process over loopback (bench/_server.py). The clients use
their default settings except ``rate_limit=False`` (the bench sends thousands of creates;
the limiter would only sleep). Submit + get is timed with the default journal (the target
rows) and with ``journal=False``; downloads and imports never touch the journal.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from bench._server import KEY, serve
from bench._timing import ROOT, interleaved, interleaved_async, interleaved_processes, run_python
from bench.report import Figure

BODY = {
    "model": "bytedance/seedance-1.5-pro",
    "input": {"prompt": "a red fox in snow", "aspect_ratio": "16:9"},
}
HEADERS = {"Authorization": f"Bearer {KEY}"}
MiB = 1 << 20


def _generated(url: str, http: httpx.Client | httpx.AsyncClient) -> Any:
    """The generated Apikley client alone on ``http``: the floor under ours, which calls
    it (issue 11: the generated clients do the HTTP and parse the answers)."""
    from apikley_client import AuthenticatedClient

    generated = AuthenticatedClient(base_url=url, token=KEY)
    if isinstance(http, httpx.AsyncClient):
        return generated.set_async_httpx_client(http)
    return generated.set_httpx_client(http)


def _created_id(parsed: object) -> str:
    from apikley_client.models import CreateTaskResponse200, CreateTaskResponse200Data

    assert isinstance(parsed, CreateTaskResponse200)
    assert isinstance(parsed.data, CreateTaskResponse200Data)
    return str(parsed.data.task_id)


def _row(
    section: str,
    name: str,
    times: dict[str, list[float]],
    contender: str,
    baseline: str,
    target: float | None = None,
    note: str = "",
) -> Figure:
    return Figure(
        section,
        name,
        [t * 1e3 for t in times[contender]],
        [t * 1e3 for t in times["raw"]],
        "ms",
        baseline,
        ratio_range=None if target is None else (0, target),
        note=note,
    )


DEFAULTS_NOTE = (
    "the default settings: the SQLite journal on, its claim/sending/submitted writes "
    "included (rate_limit=False only: the limiter would sleep)"
)
FLOOR_NOTE = "build the request model, create, get, parse: what ours calls, without ours"


def _rows(section: str, twin: str, times: dict[str, list[float]], target: float) -> list[Figure]:
    """The target on the default settings (issue 15), beside the journal off and the
    generated client alone (the floor under ours)."""
    baseline = f"httpx.{'AsyncClient' if twin == 'AsyncClient' else 'Client'}"
    return [
        _row(
            section, f"{twin}, per submit+get", times, "journaled", baseline, target, DEFAULTS_NOTE
        ),
        _row(section, f"{twin}, per submit+get, journal=False", times, "ours", baseline),
        _row(
            section,
            f"{twin}: the generated client alone, per submit+get",
            times,
            "generated",
            baseline,
            note=FLOOR_NOTE,
        ),
    ]


def overhead(rounds: int, calls: int) -> list[Figure]:
    from apikley_client.api.default import create_task, get_task_details
    from apikley_client.models import BytedanceSeedance15ProRequest

    from seedance import Client

    section = "submit + get"
    with (
        serve("apikley") as url,
        httpx.Client(base_url=url, headers=HEADERS) as raw,
        httpx.Client(base_url=url, headers=HEADERS) as bare,
        Client("apikley", api_key=KEY, base_url=url, rate_limit=False, journal=False) as ours,
        Client("apikley", api_key=KEY, base_url=url, rate_limit=False) as journaled,
    ):
        generated = _generated(url, bare)

        def raw_calls() -> None:
            created = raw.post("/api/v1/jobs/createTask", json=BODY).json()
            raw.get("/api/v1/jobs/recordInfo", params={"taskId": created["data"]["taskId"]}).json()

        def generated_calls() -> None:
            body = BytedanceSeedance15ProRequest.from_dict(BODY)
            created = create_task.sync_detailed(client=generated, body=body).parsed
            get_task_details.sync_detailed(client=generated, task_id=_created_id(created))

        def our_calls() -> None:
            ours.get(ours.submit("a red fox in snow", aspect_ratio="16:9"))

        def journaled_calls() -> None:
            journaled.get(journaled.submit("a red fox in snow", aspect_ratio="16:9"))

        contenders = {
            "raw": raw_calls,
            "generated": generated_calls,
            "ours": our_calls,
            "journaled": journaled_calls,
        }
        times = interleaved(contenders, rounds, calls)
        figures = _rows(section, "sync Client", times, 1.10)
        times = asyncio.run(_overhead_async(url, rounds, calls))
    return figures + _rows(section, "AsyncClient", times, 1.05)


async def _overhead_async(url: str, rounds: int, calls: int) -> dict[str, list[float]]:
    from apikley_client.api.default import create_task, get_task_details
    from apikley_client.models import BytedanceSeedance15ProRequest

    from seedance import AsyncClient

    async with (
        httpx.AsyncClient(base_url=url, headers=HEADERS) as raw,
        httpx.AsyncClient(base_url=url, headers=HEADERS) as bare,
        AsyncClient("apikley", api_key=KEY, base_url=url, rate_limit=False, journal=False) as ours,
        AsyncClient("apikley", api_key=KEY, base_url=url, rate_limit=False) as journaled,
    ):
        generated = _generated(url, bare)

        async def generated_calls() -> None:
            body = BytedanceSeedance15ProRequest.from_dict(BODY)
            created = (await create_task.asyncio_detailed(client=generated, body=body)).parsed
            await get_task_details.asyncio_detailed(client=generated, task_id=_created_id(created))

        async def raw_calls() -> None:
            created = (await raw.post("/api/v1/jobs/createTask", json=BODY)).json()
            params = {"taskId": created["data"]["taskId"]}
            (await raw.get("/api/v1/jobs/recordInfo", params=params)).json()

        async def our_calls() -> None:
            await ours.get(await ours.submit("a red fox in snow", aspect_ratio="16:9"))

        async def journaled_calls() -> None:
            await journaled.get(await journaled.submit("a red fox in snow", aspect_ratio="16:9"))

        contenders: dict[str, Callable[[], Awaitable[Any]]] = {
            "raw": raw_calls,
            "generated": generated_calls,
            "ours": our_calls,
            "journaled": journaled_calls,
        }
        return await interleaved_async(contenders, rounds, calls)


# ----------------------------------------------------------------------- downloads


def _finished_task(url: str) -> tuple[str, str]:
    """Create a task on the fake (done at once); return its id and video URL."""
    with httpx.Client(base_url=url, headers=HEADERS) as raw:
        task_id = raw.post("/api/v1/jobs/createTask", json=BODY).json()["data"]["taskId"]
        record = raw.get("/api/v1/jobs/recordInfo", params={"taskId": task_id}).json()["data"]
    import json

    return task_id, json.loads(record["resultJson"])["resultUrls"][0]


def downloads(size: int, rounds: int, rss_size: int) -> list[Figure]:
    from seedance import Client, Task, TaskStatus

    section = "downloads"
    figures = []
    with serve("apikley", video_size=size) as url, tempfile.TemporaryDirectory() as tmp:
        task_id, video = _finished_task(url)
        task = Task(id=task_id, provider="apikley", status=TaskStatus.SUCCEEDED, video_url=video)
        folder = Path(tmp)
        dest = folder / "video.mp4"
        with (
            httpx.Client(timeout=60) as raw,
            Client("apikley", api_key=KEY, base_url=url, rate_limit=False, journal=False) as ours,
        ):

            def raw_stream() -> None:
                with raw.stream("GET", video) as answer, open(dest, "wb") as out:
                    answer.raise_for_status()
                    for chunk in answer.iter_bytes():
                        out.write(chunk)

            def our_download() -> None:
                ours.download(task, dest)

            def disk_alone() -> None:
                _durable_write(dest, size)

            contenders = {"raw": raw_stream, "ours": our_download, "disk": disk_alone}
            times = interleaved(contenders, rounds, 1, warmup=1, before=lambda: _settle(folder))
        figures.append(_throughput(section, "sync Client.download", size, times, "httpx.Client"))
        note = "no network: the most a durable (fsynced) download can reach on this disk"
        figures.append(
            _throughput(
                section,
                "the disk alone: write and fsync",
                size,
                times,
                "httpx.Client",
                ours="disk",
                target=None,
                note=note,
            )
        )
        times = asyncio.run(_downloads_async(url, task, folder, rounds))
        figures.append(
            _throughput(section, "AsyncClient.download", size, times, "httpx.AsyncClient")
        )
    figures.append(_rss(section, rss_size))
    return figures


def _durable_write(path: Path, size: int) -> None:
    """``size`` bytes from memory into ``path``, then fsync: the disk's own speed for the
    work a download must finish before it renames its file into place."""
    block = b"\0" * MiB
    with open(path, "wb") as out:
        for _ in range(size // MiB):
            out.write(block)
        out.flush()
        os.fsync(out.fileno())


def _settle(folder: Path) -> None:
    """Untimed, before each download: the destination does not exist yet (as for a new
    task's video; freeing the previous contender's file is no part of either download),
    and the page cache holds no dirty data, so neither contender's writes wait behind the
    other's (the raw stream never syncs its file, so its leftovers would otherwise be
    flushed during ours)."""
    for leftover in folder.iterdir():
        leftover.unlink()
    os.sync()


def _throughput(
    section: str,
    name: str,
    size: int,
    times: dict[str, list[float]],
    baseline: str,
    ours: str = "ours",
    target: tuple[float, float] | None = (0.9, float("inf")),
    note: str = "",
) -> Figure:
    return Figure(
        section,
        f"{name}, {size // MiB} MiB",
        [size / MiB / t for t in times[ours]],
        [size / MiB / t for t in times["raw"]],
        "MiB/s",
        f"{baseline} stream",
        higher_is_better=True,
        ratio_range=target,
        note=note,
    )


async def _downloads_async(
    url: str, task: object, folder: Path, rounds: int
) -> dict[str, list[float]]:
    from seedance import AsyncClient, Task

    assert isinstance(task, Task) and task.video_url
    video, dest = task.video_url, folder / "video.mp4"
    async with (
        httpx.AsyncClient(timeout=60) as raw,
        AsyncClient("apikley", api_key=KEY, base_url=url, rate_limit=False, journal=False) as ours,
    ):

        async def raw_stream() -> None:
            async with raw.stream("GET", video) as answer:
                answer.raise_for_status()
                with open(dest, "wb") as out:
                    async for chunk in answer.aiter_bytes():
                        out.write(chunk)

        async def our_download() -> None:
            await ours.download(task, dest)

        return await interleaved_async(
            {"raw": raw_stream, "ours": our_download},
            rounds,
            1,
            warmup=1,
            before=lambda: _settle(folder),
        )


RSS = """
import os, sys, tempfile, threading, time, httpx
url, task_id, video, how = sys.argv[1:5]
page = os.sysconf("SC_PAGE_SIZE")
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * page / (1 << 20)
peak, done = [0.0], threading.Event()
def sample():
    while not done.is_set():
        peak[0] = max(peak[0], rss()); time.sleep(0.005)
dest = tempfile.mktemp(suffix=".mp4")
if how == "ours":
    from seedance import Client, Task, TaskStatus
    task = Task(id=task_id, provider="apikley", status=TaskStatus.SUCCEEDED, video_url=video)
    client = Client("apikley", api_key="bench-key", base_url=url, rate_limit=False, journal=False)
    fetch = lambda: client.download(task, dest)
else:
    client = httpx.Client(timeout=60)
    def fetch():
        with client.stream("GET", video) as answer, open(dest, "wb") as out:
            for chunk in answer.iter_bytes(): out.write(chunk)
before = rss()
sampler = threading.Thread(target=sample); sampler.start()
fetch()
done.set(); sampler.join()
client.close(); os.unlink(dest)
print(max(peak[0], rss()) - before)
"""


def _rss(section: str, size: int) -> Figure:
    """Peak RSS growth over one download in a fresh process (resident memory sampled
    every 5 ms, minus the RSS just before): ours vs raw httpx."""
    with serve("apikley", video_size=size) as url:
        task_id, video = _finished_task(url)
        ours, raw = [], []
        for _ in range(2):
            raw.append(float(run_python(RSS, url, task_id, video, "raw").split()[-1]))
            ours.append(float(run_python(RSS, url, task_id, video, "ours").split()[-1]))
    return Figure(
        section,
        f"peak RSS growth, sync download of {size // MiB} MiB",
        ours,
        raw,
        "MiB",
        "httpx.Client stream",
        value_range=(0, 32),
        by_value=True,
    )


# ----------------------------------------------------------------------- import


IMPORT_OURS = """
import time
start = time.perf_counter()
import seedance
client = seedance.Client("apikley", api_key="bench-key")
print(time.perf_counter() - start)
client.close()
"""
IMPORT_HTTPX = """
import time
start = time.perf_counter()
import httpx
client = httpx.Client()
print(time.perf_counter() - start)
client.close()
"""


def import_cost(runs: int) -> list[Figure]:
    """Import + first client in a fresh interpreter, timed inside it (interpreter start
    excluded from both)."""
    os.environ.setdefault("SEEDANCE_JOURNAL", os.path.join(tempfile.mkdtemp(), "j.sqlite3"))
    # httpx loads from the bytecode its installer wrote; ours must too (a wheel install
    # compiles it; this checkout may run with PYTHONDONTWRITEBYTECODE set)
    import compileall

    for tree in ("wrapper", "generated"):
        compileall.compile_dir(os.path.join(ROOT, tree), quiet=1, force=False)
    times = interleaved_processes({"ours": IMPORT_OURS, "httpx": IMPORT_HTTPX}, runs)
    return [
        Figure(
            "import",
            "import seedance; seedance.Client('apikley')",
            [t * 1e3 for t in times["ours"]],
            [t * 1e3 for t in times["httpx"]],
            "ms",
            "import httpx; httpx.Client()",
            ratio_range=(0, 1.3),
            note="fresh process, default settings, both from bytecode",
        )
    ]
