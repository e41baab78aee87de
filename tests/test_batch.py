"""seedance.run_batch against the in-process fakes: rows, manifest, reruns, and fuzzing
the line parser and the whole batch with hostile input."""

from __future__ import annotations

import asyncio
import json
import math
import stat
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import seedance
from seedance import BatchRow, RowStatus, SeedanceError, ValidationError, parse_batch_line
from seedance._batch import FIELDS
from seedance.testing import FakeApikley, FakeArk, FakeClock, async_client_for

pytestmark = pytest.mark.anyio


def creates(fake: Any) -> int:
    return sum(1 for method, path in fake.requests if method == "POST" and "task" in path.lower())


def manifest_rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


async def test_a_batch_runs_every_line_and_a_rerun_creates_nothing(tmp_path: Path) -> None:
    clock = FakeClock()
    fake = FakeApikley(clock=clock)
    lines: list[Any] = [
        {"prompt": "a red fox in snow", "aspect_ratio": "16:9"},
        '{"prompt": "a grey wolf", "duration": 8, "output": "wolf.mp4"}',
        {"prompt": "an owl", "duration": 7},  # the provider's spec refuses 7
        "",
        {"prompt": "a hare", "key": "my-hare"},
        '{"prompt": "a hare", "key": "my-hare"}',  # the same key again
    ]
    seen: list[BatchRow] = []
    out = tmp_path / "videos"
    async with async_client_for(fake) as client:
        result = await seedance.run_batch(
            client, lines, out_dir=out, concurrency=2, on_row=seen.append
        )
        assert [r.line for r in result.rows] == [1, 2, 3, 5, 6], "blank lines are skipped"
        statuses = [r.status for r in result.rows]
        assert statuses == [RowStatus.SUCCEEDED] * 2 + [RowStatus.INVALID] + [
            RowStatus.SUCCEEDED,
            RowStatus.INVALID,
        ]
        assert result.counts == {"succeeded": 3, "invalid": 2}
        assert sorted(r.line for r in seen) == [1, 2, 3, 5, 6], "on_row once per row"
        wolf = result.rows[1]
        assert wolf.file == str(out / "wolf.mp4") and Path(wolf.file).read_bytes()[4:8] == b"ftyp"
        assert wolf.prompt == "a grey wolf" and wolf.duration == 8
        assert wolf.model == "bytedance/seedance-1.5-pro" and wolf.task_id
        assert result.rows[2].field == "duration" and "duration=7" in (result.rows[2].error or "")
        assert result.rows[4].field == "key" and "line 5" in (result.rows[4].error or "")
        assert creates(fake) == 3
        assert manifest_rows(result.manifest) == [r.to_dict() for r in result.rows]
        assert stat.S_IMODE(result.manifest.stat().st_mode) == 0o600

        again = await seedance.run_batch(client, lines, out_dir=out)
        assert [r.task_id for r in again.rows] == [r.task_id for r in result.rows]
        assert creates(fake) == 3, "a rerun pays for nothing"
        assert list(out.glob(".*.tmp")) == [], "no temporary manifest left behind"


async def test_the_manifest_is_written_when_the_batch_is_interrupted(tmp_path: Path) -> None:
    clock = FakeClock()
    fake = FakeApikley(clock=clock, queued_for=5, running_for=10**6)
    finished: list[BatchRow] = []
    async with async_client_for(fake) as client:
        run = asyncio.create_task(
            seedance.run_batch(
                client,
                ['{"prompt": "a slow fox"}', "not json"],
                out_dir=tmp_path,
                on_row=finished.append,
            )
        )
        while not finished:
            await asyncio.sleep(0)
        run.cancel()
        with pytest.raises(asyncio.CancelledError):
            await run
    rows = manifest_rows(tmp_path / "manifest.jsonl")
    assert [(r["line"], r["status"]) for r in rows] == [(2, "invalid")]


async def test_a_broken_on_row_does_not_stop_the_batch(tmp_path: Path) -> None:
    fake = FakeApikley(clock=FakeClock())

    def explode(row: BatchRow) -> None:
        raise RuntimeError("gallery is on fire")

    async with async_client_for(fake) as client:
        result = await seedance.run_batch(
            client, [{"prompt": "a fox"}, {"prompt": "a cat"}], out_dir=tmp_path, on_row=explode
        )
    assert result.ok and len(result.rows) == 2


async def test_async_on_row_is_awaited_and_failures_are_rows(tmp_path: Path) -> None:
    fake = FakeApikley(clock=FakeClock())
    fake.faults.fail_tasks = True
    seen: list[int] = []

    async def record(row: BatchRow) -> None:
        await asyncio.sleep(0)
        seen.append(row.line)

    async with async_client_for(fake) as client:
        result = await seedance.run_batch(
            client, [{"prompt": "a fox"}], out_dir=tmp_path, on_row=record
        )
    assert seen == [1]
    row = result.rows[0]
    assert row.status is RowStatus.FAILED and row.error_type == "TaskFailedError" and row.task_id
    assert not result.ok


async def test_a_wait_deadline_is_a_timed_out_row(tmp_path: Path) -> None:
    fake = FakeApikley(clock=FakeClock(), queued_for=5, running_for=10_000)
    async with async_client_for(fake) as client:
        result = await seedance.run_batch(
            client, [{"prompt": "a fox"}], out_dir=tmp_path, timeout=60
        )
    assert result.rows[0].status is RowStatus.TIMED_OUT and result.rows[0].task_id


async def test_ark_rows_carry_credits_usage_and_the_last_frame(tmp_path: Path) -> None:
    fake = FakeArk(clock=FakeClock())
    async with async_client_for(fake) as client:
        result = await seedance.run_batch(
            client, [{"prompt": "a lighthouse", "return_last_frame": True}], out_dir=tmp_path
        )
    row = result.rows[0]
    assert row.ok, row
    assert row.usage and row.video_url
    assert row.last_frame and Path(row.last_frame).read_bytes()[:4] == b"\x89PNG"


async def test_download_false_stops_at_the_finished_task(tmp_path: Path) -> None:
    fake = FakeApikley(clock=FakeClock())
    async with async_client_for(fake) as client:
        result = await seedance.run_batch(
            client, [{"prompt": "a fox"}], out_dir=tmp_path, download=False
        )
    assert result.rows[0].ok and result.rows[0].file is None and result.rows[0].video_url
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "manifest.jsonl"]


@pytest.mark.parametrize(
    ("options", "field"),
    [({"concurrency": 0}, "concurrency"), ({"timeout": math.nan}, "timeout")],
)
async def test_bad_batch_settings_are_validation_errors(
    tmp_path: Path, options: dict[str, Any], field: str
) -> None:
    async with async_client_for(FakeApikley(clock=FakeClock())) as client:
        with pytest.raises(ValidationError) as caught:
            await seedance.run_batch(client, [], out_dir=tmp_path, **options)
    assert caught.value.field == field


def test_run_batch_sync_builds_its_own_client(tmp_path: Path) -> None:
    fake = FakeApikley(clock=FakeClock())
    result = seedance.run_batch_sync(
        "apikley",
        [{"prompt": "a fox"}],
        out_dir=tmp_path,
        api_key=fake.api_key,
        transport=fake.transport(),
        clock=fake.clock,
        journal=tmp_path / "journal.sqlite3",
    )
    assert result.ok and Path(result.rows[0].file or "").exists()


async def test_run_batch_sync_inside_a_loop_says_what_to_use(tmp_path: Path) -> None:
    with pytest.raises(seedance.ConfigurationError, match=r"await seedance\.run_batch"):
        seedance.run_batch_sync("apikley", [], out_dir=tmp_path)


def test_the_default_key_is_the_content_hash_the_old_cli_used() -> None:
    line = parse_batch_line('{"prompt": "a fox", "duration": 8, "output": "x.mp4"}')
    # what `seedance batch` computed before it moved into the library
    assert (
        line.idempotency_key("apikley")
        == "sha256-"
        + __import__("hashlib")
        .sha256(b'["apikley",{"duration":8,"prompt":"a fox"}]')
        .hexdigest()[:24]
    )
    assert parse_batch_line({"prompt": "a fox", "duration": 8}).idempotency_key("apikley") == (
        line.idempotency_key("apikley")
    )


HUGE = "1" + "0" * 400  # under json's 4300-digit limit, too large to become a float


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ('{"prompt": "a fox", "seed": ' + HUGE + "}", "seed"),
        ('{"prompt": ' + HUGE + "}", "prompt"),
        ('{"prompt": "a fox", "extra": {"x": [' + HUGE + "]}}", "extra.x[0]"),
    ],
    ids=["seed", "prompt", "extra"],
)
def test_an_integer_past_the_float_range_is_a_validation_error(line: str, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_batch_line(line)
    assert caught.value.field == field
    assert isinstance(caught.value.value, str) and len(caught.value.value) <= 80


# ----------------------------------------------------------------------- fuzzing

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
field_names = st.sampled_from(sorted(FIELDS)) | st.text(max_size=8)
near_requests = st.fixed_dictionaries(
    {"prompt": st.one_of(st.text(min_size=3, max_size=40), json_values)},
    optional={
        name: json_values
        | st.sampled_from(["16:9", "720p", "a.png", "https://x.test/a.png", 8, 4, -1, True])
        for name in sorted(FIELDS - {"prompt", "output"})
    },
)


def encode(value: Any) -> str:
    return json.dumps(value, allow_nan=True)


def parse_total(value: Any) -> None:
    try:
        parsed = parse_batch_line(value, line=7)
    except ValidationError as exc:
        assert str(exc).startswith("line 7: ")
        assert exc.field
        return
    json.dumps(parsed.content, allow_nan=False)  # what the key hashes is plain JSON
    assert isinstance(parsed.request.prompt, str)


@settings(max_examples=200, deadline=None)
@given(st.one_of(json_values, near_requests, st.dictionaries(field_names, json_values)))
def test_any_json_line_parses_or_is_a_validation_error(value: Any) -> None:
    parse_total(encode(value))
    if isinstance(value, dict):
        parse_total(value)


@settings(max_examples=200, deadline=None)
@given(st.text() | st.binary())
def test_any_text_line_parses_or_is_a_validation_error(text: str | bytes) -> None:
    parse_total(text)


lines_strategy = st.lists(
    st.one_of(
        near_requests.map(encode),
        st.builds(
            lambda d, out: encode({**d, "output": out}),
            near_requests,
            json_values | st.text(max_size=12),
        ),
        json_values.map(encode),
        st.text(max_size=30),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines_strategy)
def test_a_batch_of_arbitrary_lines_never_raises_and_accounts_for_every_line(
    lines: list[str],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        requests = Path(tmp) / "requests.jsonl"
        requests.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        out = Path(tmp) / "videos"

        async def run() -> seedance.BatchResult:
            fake = FakeApikley(clock=FakeClock())
            async with async_client_for(fake, journal=Path(tmp) / "journal.sqlite3") as client:
                first = await seedance.run_batch(client, requests, out_dir=out, timeout=3600)
                second = await seedance.run_batch(client, requests, out_dir=out, timeout=3600)
                assert [r.task_id for r in second.rows] == [r.task_id for r in first.rows]
                assert creates(fake) <= sum(r.ok for r in first.rows) + sum(
                    r.status is RowStatus.ERROR for r in first.rows
                )
                return second

        try:
            result = asyncio.run(run())
        except SeedanceError as exc:  # only for the batch as a whole, never a line
            pytest.fail(f"run_batch raised {exc!r}")
        numbered = requests.read_bytes().removeprefix(b"\xef\xbb\xbf").splitlines()
        assert [r.line for r in result.rows] == [
            n for n, text in enumerate(numbered, start=1) if text.strip()
        ]
        for row in result.rows:
            if row.ok:
                assert row.file and Path(row.file).read_bytes()[4:8] == b"ftyp"
            else:
                assert row.error and row.error_type
        assert manifest_rows(out / "manifest.jsonl") == [r.to_dict() for r in result.rows]


async def test_unicode_line_separators_inside_a_prompt_split_no_line(tmp_path: Path) -> None:
    """U+2028, U+0085 and \\x1c end a line for str.splitlines, not for an editor: the line
    numbers, the manifest and a rerun must all see one request per physical line."""
    requests = tmp_path / "requests.jsonl"
    prompts = ["fox \u2028 in snow", "owl \x85 at night", "cat \x1c asleep"]
    requests.write_text(
        "".join(json.dumps({"prompt": p}, ensure_ascii=False) + "\n" for p in prompts),
        encoding="utf-8",
    )
    fake = FakeApikley(clock=FakeClock())
    async with async_client_for(fake) as client:
        result = await seedance.run_batch(client, requests, out_dir=tmp_path / "out")
    assert [r.line for r in result.rows] == [1, 2, 3]
    assert all(r.ok for r in result.rows), [r.error for r in result.rows]
    rows = manifest_rows(tmp_path / "out" / "manifest.jsonl")
    assert [row["prompt"] for row in rows] == prompts


async def test_a_rerun_fetches_a_video_another_task_has_replaced(tmp_path: Path) -> None:
    """A line edited and edited back: its task's file was overwritten by the other
    prompt's video in between, so the rerun fetches it again, never reports the other."""
    fake = FakeApikley(clock=FakeClock())
    out = tmp_path / "videos"

    async def run(prompt: str, size: int) -> BatchRow:
        fake.video_size = size  # each task's video told apart by its size
        # a new client each run: the earlier runs' rows look like another (done) owner's
        async with async_client_for(fake, journal=tmp_path / "journal.sqlite3") as client:
            rows = [{"prompt": prompt, "output": "clip.mp4"}]
            return (await seedance.run_batch(client, rows, out_dir=out)).rows[0]

    fox = await run("a red fox", 200_000)
    wolf = await run("a grey wolf", 300_000)
    again = await run("a red fox", 200_000)
    assert again.task_id == fox.task_id != wolf.task_id and creates(fake) == 2
    assert again.file is not None and Path(again.file).stat().st_size == 200_000


@pytest.mark.parametrize(
    ("field", "value", "parsed"),
    [
        ("videos", ["https://x.example/a.mp4", "https://x.example/b.mp4"], 2),
        ("videos", "https://x.example/a.mp4", 1),
        ("audios", ["https://x.example/a.mp3"], 1),
        ("audios", None, 0),
    ],
)
def test_a_line_carries_reference_media_as_the_client_takes_them(
    field: str, value: Any, parsed: int
) -> None:
    request = parse_batch_line(json.dumps({"prompt": "a fox", field: value})).request
    media = getattr(request, field)
    assert len(media) == parsed and all(m.source.startswith("https://") for m in media)


@pytest.mark.parametrize("value", [5, [5], [None], {"url": "https://x.example/a.mp4"}])
def test_reference_media_of_the_wrong_type_names_the_field(value: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_batch_line(json.dumps({"prompt": "a fox", "videos": value}))
    assert caught.value.field == "videos" and "line 1" in str(caught.value)
