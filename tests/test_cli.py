"""The `seedance` command: real runs against the fakes, exit codes, JSON, bad input."""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import stat
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import seedance
from seedance import AsyncClient, PollSchedule
from seedance.cli import _parser, _table, main, redact
from seedance.serving import serve_in_thread
from seedance.testing import FakeApikley, FakeArk

KEY = "sk-cli-test-0123456789"


@pytest.fixture(autouse=True)
def quick_fake(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fakes that finish in a fraction of a second, polled as often (real time)."""
    monkeypatch.setenv("SEEDANCE_FAKE_TIMES", "0.05,0.2")
    original = AsyncClient.__init__

    def quick_polls(self: AsyncClient, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("poll_schedule", PollSchedule(steps=((math.inf, 0.05),), jitter=0.0))
        original(self, *args, **kwargs)

    monkeypatch.setattr(AsyncClient, "__init__", quick_polls)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, FakeApikley]]:
    """A fake Apikley over loopback, as `seedance fake serve` runs it."""
    fake = FakeApikley(api_key=KEY, queued_for=0.05, running_for=0.2)
    monkeypatch.setenv("APIKLEY_API_KEY", KEY)
    with serve_in_thread(fake.app) as url:
        fake.public_url = url
        yield url, fake


def one_json(out: str) -> dict[str, Any]:
    """stdout is exactly one JSON object on one line."""
    lines = out.splitlines()
    assert len(lines) == 1, out
    data = json.loads(lines[0])
    assert isinstance(data, dict)
    return data


def creates(fake: FakeApikley) -> int:
    return sum(1 for _, path in fake.requests if path.endswith("/createTask"))


# ----------------------------------------------------------------------- generate


def test_generate_with_the_built_in_fake_writes_an_mp4_and_leaves_the_journal_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "fox.mp4"
    code = main(["generate", "a red fox in snow", "--fake", "--out", str(out), "--json"])
    assert code == 0
    assert out.read_bytes()[4:8] == b"ftyp"
    printed = one_json(capsys.readouterr().out)
    assert printed["status"] == "succeeded" and printed["file"] == str(out)
    assert main(["list", "--json"]) == 0
    assert one_json(capsys.readouterr().out) == {"tasks": []}, "fake tasks stay out of it"


def test_generate_without_out_writes_the_task_id_file(
    server: tuple[str, FakeApikley],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, fake = server
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "a red fox", "--base-url", url]) == 0
    assert main(["generate", "a grey wolf", "--base-url", url]) == 0
    ids = [t.id for t in fake.tasks.all()]
    assert len(set(ids)) == 2
    for task_id in ids:
        assert (tmp_path / f"{task_id}.mp4").read_bytes()[4:8] == b"ftyp", "two runs, two files"
    assert not (tmp_path / "video.mp4").exists()


def test_generate_without_a_key_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("APIKLEY_API_KEY", raising=False)
    assert main(["generate", "a red fox", "--provider", "apikley"]) == 2
    assert "APIKLEY_API_KEY" in capsys.readouterr().err
    assert main(["generate", "a red fox", "--provider", "apikley", "--json"]) == 2
    captured = capsys.readouterr()
    error = one_json(captured.out)["error"]
    assert error["type"] == "AuthenticationError" and "APIKLEY_API_KEY" in error["message"]
    assert captured.err == ""


def test_invalid_options_exit_2_before_anything_is_sent(
    server: tuple[str, FakeApikley], capsys: pytest.CaptureFixture[str]
) -> None:
    url, fake = server
    assert main(["generate", "a red fox", "--base-url", url, "--duration", "7"]) == 2
    assert "duration=7" in capsys.readouterr().err
    assert main(["generate", "a red fox", "--base-url", url, "--duration", "7", "--json"]) == 2
    error = one_json(capsys.readouterr().out)["error"]
    assert error["type"] == "ValidationError"
    assert error["field"] == "duration" and error["value"] == 7
    assert error["allowed"] == [4, 8, 12] and error["provider"] == "apikley"
    assert len(fake.tasks) == 0


def test_a_failed_task_exits_1_with_the_task_in_the_json_error(
    server: tuple[str, FakeApikley], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, fake = server
    fake.faults.fail_tasks = True
    code = main(
        ["generate", "a fox", "--base-url", url, "--out", str(tmp_path / "x.mp4"), "--json"]
    )
    assert code == 1
    error = one_json(capsys.readouterr().out)["error"]
    assert error["type"] == "TaskFailedError"
    assert error["task"]["status"] == "failed" and error["task"]["id"] == fake.tasks.all()[0].id


# ----------------------------------------------------------------------- JSON for scripts


@pytest.mark.parametrize(
    ("argv", "code", "kind"),
    [
        (["generate", "x", "--duration", "abc"], 2, "UsageError"),
        (["generate"], 2, "UsageError"),
        (["list", "--provider", "nope"], 2, "UsageError"),
        (["models", "--provider", "nope"], 2, "UsageError"),
        (["status", "t1", "--provider", "nope"], 2, "UsageError"),
        (["resume", "--provider", "nope"], 2, "UsageError"),
        (["generate", "x", "--provider", "nope", "--fake"], 2, "UsageError"),
        (["status", "no-such-task"], 2, "ConfigurationError"),
        (["batch", "/nonexistent/requests.jsonl"], 2, "ConfigurationError"),
        (["list", "--remote"], 2, "ConfigurationError"),
        (["generate", "x", "--timeout", "nan"], 2, "UsageError"),
        (["batch", "r.jsonl", "--concurrency", "0"], 2, "UsageError"),
        (["generate", "x", "--poll-every", "0"], 2, "UsageError"),
        (["resume", "--poll-every", "inf"], 2, "UsageError"),
    ],
)
def test_every_error_is_one_json_object_with_its_exit_code(
    argv: list[str], code: int, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--json"]) == code
    captured = capsys.readouterr()
    error = one_json(captured.out)["error"]
    assert error["type"] == kind and error["message"]
    assert "field" in error
    assert "Traceback" not in captured.err
    assert main(argv) == code, "the same exit code without --json"
    captured = capsys.readouterr()
    assert captured.out == "" and "seedance" in captured.err


def test_unknown_providers_are_refused_everywhere_with_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for argv in (
        ["list", "--provider", "nope"],
        ["fake", "serve", "--provider", "nope"],
        ["callbacks", "serve", "--public-url", "http://x", "--provider", "nope"],
        ["download", "t1", "--provider", "nope"],
        ["cancel", "t1", "--provider", "nope"],
        ["batch", "r.jsonl", "--provider", "nope"],
    ):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "unknown provider 'nope'" in err and "apikley" in err


def test_a_provider_error_exits_3_with_its_status_code(
    server: tuple[str, FakeApikley], capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = server
    assert main(["status", "task_missing", "--provider", "apikley", "--base-url", url]) == 3
    assert (
        main(["status", "task_missing", "--provider", "apikley", "--base-url", url, "--json"]) == 3
    )
    error = one_json(capsys.readouterr().out)["error"]
    assert error["type"] == "NotFoundError" and error["provider"] == "apikley"


def test_models_json_gives_constraints_as_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "--json"]) == 0
    models = {(m["provider"], m["model"]): m for m in one_json(capsys.readouterr().out)["models"]}
    pro = models[("apikley", "bytedance/seedance-1.5-pro")]
    assert pro["options"]["duration"]["enum"] == [4, 8, 12]
    assert pro["options"]["duration"]["type"] == "integer"
    assert pro["options"]["aspect_ratio"]["enum"][:2] == ["1:1", "4:3"]
    assert pro["prompt"]["minLength"] == 3 and pro["prompt"]["maxLength"] == 2500
    assert pro["images"] == {"min": 0, "max": 2, "roles": ["first_frame", "last_frame"]}
    seed = models[("pixazo", "seedance-1-0-pro-250528")]["options"]["seed"]
    assert (seed["minimum"], seed["maximum"]) == (-1, 4294967295)
    # and the same numbers the adapters check with
    for info in seedance.list_models():
        for name, option in info.options.items():
            data = models[(info.provider, info.model)]["options"][name]
            assert data.get("enum") == option.schema.get("enum")
            assert data.get("maximum") == option.schema.get("maximum")


def test_models_prints_every_provider_in_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    for provider in seedance.available_providers():
        assert provider in out
    assert "duration: one of 4, 8, 12" in out


# ----------------------------------------------------------------------- batch

BATCH = [
    '{"prompt": "a red fox in snow", "aspect_ratio": "16:9"}',
    '{"prompt": "a grey wolf", "duration": 8}',
    "this line is not json",
    '{"prompt": "an owl", "colour": "blue"}',
    '{"prompt": "a hare", "key": "my-hare"}',
]


def test_batch_is_resumable_and_reports_bad_lines(
    server: tuple[str, FakeApikley], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, fake = server
    requests = tmp_path / "requests.jsonl"
    requests.write_text("\n".join(BATCH) + "\n")
    out = tmp_path / "videos"
    args = ["batch", str(requests), "--base-url", url, "--out", str(out), "--concurrency", "2"]
    assert main(args) == 2, "invalid lines make the exit code 2; the rest still ran"
    err = capsys.readouterr().err
    assert f"{requests}:3: not JSON" in err
    assert f"{requests}:4: unknown field(s) ['colour']" in err
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert [m["line"] for m in manifest] == [1, 2, 3, 4, 5]
    assert [m["status"] for m in manifest] == [
        "succeeded",
        "succeeded",
        "invalid",
        "invalid",
        "succeeded",
    ]
    assert manifest[3]["field"] == "colour"
    assert all(Path(m["file"]).exists() for m in manifest if m["status"] == "succeeded")
    assert manifest[4]["key"] == "my-hare" and manifest[4]["file"] == str(out / "my-hare.mp4")
    assert stat.S_IMODE((out / "manifest.jsonl").stat().st_mode) == 0o600
    assert len(fake.tasks) == 3

    assert main([*args, "--json"]) == 2
    again = one_json(capsys.readouterr().out)
    assert again["counts"] == {"succeeded": 3, "invalid": 2}
    assert [r["task_id"] for r in again["rows"]] == [m["task_id"] for m in manifest]
    assert len(fake.tasks) == 3, "a rerun pays nothing twice"


def test_batch_outputs_are_under_out_not_the_current_directory(
    server: tuple[str, FakeApikley],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, _ = server
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    requests = tmp_path / "requests.jsonl"
    requests.write_text(
        '{"prompt": "an owl", "output": "owl.mp4"}\n'
        '{"prompt": "a bat", "output": "night/bat.mp4"}\n'
        '{"prompt": "a cat", "output": "owl.mp4"}\n'
        '{"prompt": "a rat", "output": "manifest.jsonl"}\n'
    )
    for folder in ("a", "b"):
        code = main(["batch", str(requests), "--base-url", url, "--out", str(tmp_path / folder)])
        assert code == 2
        assert (tmp_path / folder / "owl.mp4").read_bytes()[4:8] == b"ftyp"
        assert (tmp_path / folder / "night" / "bat.mp4").exists()
    assert list(cwd.iterdir()) == []
    err = capsys.readouterr().err
    assert f"{requests}:3: output" in err and "line 1's output too" in err
    assert f"{requests}:4: output" in err and "manifest" in err


ADVERSARIAL = [
    '{"prompt": "a fox", "seed": NaN}',
    '{"prompt": "a fox", "output": 5}',
    '{"prompt": "a fox", "images": true}',
    "[1, 2, 3]",
    '"just a string"',
    '{"prompt": "a fox", "seed": 1e400}',
    '{"prompt": "a fox", "seed": 123456789012345678901234567890}',
    '{"prompt": "a fox", "duration": true}',
    '{"prompt": "a fox", "images": [{"source": 5}]}',
    '{"prompt": "a fox", "extra": {"x": [Infinity]}}',
    '{"prompt": 42}',
    '{"prompt": "a fox", "key": ["k"]}',
    '{"prompt": "a fox", "output": "a\\u0000b.mp4"}',
    '{"prompt": "\\ud800 fox"}',
    "9" * 5000,
    "[" * 50_000,
    '{"prompt": "a fox", "images": ["/dev/zero"]}',
    '{"prompt": "the one good line"}',
]


def test_a_batch_of_hostile_lines_reports_each_with_its_field_and_runs_the_good_one(
    server: tuple[str, FakeApikley], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, fake = server
    requests = tmp_path / "requests.jsonl"
    requests.write_bytes(("\n".join(ADVERSARIAL) + "\n").encode() + b'\xff\xfe{"prompt": "x"}\n')
    out = tmp_path / "videos"
    assert main(["batch", str(requests), "--base-url", url, "--out", str(out), "--json"]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    rows = one_json(captured.out)["rows"]
    assert len(rows) == len(ADVERSARIAL) + 1
    by_line = {r["line"]: r for r in rows}
    assert by_line[len(ADVERSARIAL)]["status"] == "succeeded"
    assert creates(fake) == 1
    expected_fields = {
        1: "seed", 2: "output", 3: "images", 4: "request", 5: "request", 6: "seed", 7: "seed",
        8: "duration", 9: "images[0].source", 10: "extra.x[0]", 11: "prompt", 12: "key",
        13: "output", 14: "prompt", 15: "line", 16: "line", 17: "images[0]",
        len(ADVERSARIAL) + 1: "line",
    }  # fmt: skip
    for line, name in expected_fields.items():
        row = by_line[line]
        assert row["status"] == "invalid", row
        assert row["field"] == name, row
        assert row["error_type"] == "ValidationError"
        assert f"{requests}:{line}: " in captured.err


def test_batch_updates_the_gallery_as_rows_finish_and_opens_it_once(
    server: tuple[str, FakeApikley],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, _ = server
    events: list[tuple[str, Any]] = []

    class GalleryWriter:
        def __init__(self, out_dir: Path) -> None:
            events.append(("writer", out_dir))
            self.path = out_dir / "index.html"

        def update(self, row: dict[str, Any]) -> None:
            events.append(("update", (row["line"], row["status"])))

        def stop(self) -> None:
            events.append(("stop", None))

    gallery = types.ModuleType("seedance._gallery")
    gallery.GalleryWriter = GalleryWriter  # type: ignore[attr-defined]
    gallery.open_in_browser = lambda path: events.append(("open", path))  # type: ignore[attr-defined]
    gallery.write_gallery = lambda out, rows: events.append(("final", len(rows)))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "seedance._gallery", gallery)
    requests = tmp_path / "requests.jsonl"
    requests.write_text('{"prompt": "a fox"}\nnot json\n{"prompt": "a cat"}\n')
    out = tmp_path / "videos"
    assert main(["batch", str(requests), "--base-url", url, "--out", str(out), "--open"]) == 2
    assert events[0] == ("writer", out)
    updates = [e[1] for e in events if e[0] == "update"]
    assert sorted(updates) == [(1, "succeeded"), (2, "invalid"), (3, "succeeded")]
    assert [e for e in events if e[0] == "open"] == [("open", out / "index.html")]
    assert events[1] == ("update", (2, "invalid")), "rows reach the gallery as they finish"
    assert events[-3:] == [("final", 3), ("stop", None), ("final", 3)], (
        "the batch writes the page of every row; the live writer stops (no late live "
        "write can replace it) and the final page is written again after it"
    )


# ----------------------------------------------------------------------- journal commands


def test_status_list_download_and_resume_use_the_journal(
    server: tuple[str, FakeApikley], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, fake = server
    out = tmp_path / "fox.mp4"
    assert (
        main(["generate", "a red fox", "--base-url", url, "--out", str(out), "--key", "fox-1"]) == 0
    )
    task_id = fake.tasks.all()[0].id
    capsys.readouterr()
    assert main(["status", task_id, "--base-url", url, "--json"]) == 0
    assert one_json(capsys.readouterr().out)["status"] == "succeeded"
    assert main(["list", "--json"]) == 0
    listed = one_json(capsys.readouterr().out)["tasks"]
    assert listed[0]["key"] == "fox-1" and listed[0]["state"] == "downloaded"
    again = tmp_path / "again.mp4"
    assert main(["download", task_id, "--base-url", url, "--out", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()
    capsys.readouterr()
    assert main(["resume", "--json"]) == 0
    assert one_json(capsys.readouterr().out) == {"results": []}, "nothing left to finish"


def test_a_task_is_followed_up_on_the_host_it_was_created_on(
    server: tuple[str, FakeApikley], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """status, download and cancel go where generate went, without --base-url again (the
    journal remembers each task's hosts, never its key)."""
    url, fake = server
    out = tmp_path / "fox.mp4"
    assert main(["generate", "a red fox", "--base-url", url, "--out", str(out)]) == 0
    task_id = fake.tasks.all()[0].id
    gets_before = sum(1 for _, path in fake.requests if path.endswith("/recordInfo"))
    capsys.readouterr()
    assert main(["status", task_id, "--json"]) == 0
    assert one_json(capsys.readouterr().out)["status"] == "succeeded"
    again = tmp_path / "again.mp4"
    assert main(["download", task_id, "--out", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()
    assert sum(1 for _, path in fake.requests if path.endswith("/recordInfo")) == gets_before + 2
    from seedance._journal import open_journal

    with open_journal(None) as journal:
        entry = journal.find("apikley", task_id)
    assert entry is not None and entry.hosts["base_url"] == url
    assert KEY not in json.dumps(entry.hosts) + json.dumps(entry.request)


@pytest.mark.anyio
async def test_resume_reaches_the_host_given_by_base_url(
    server: tuple[str, FakeApikley], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, fake = server
    target = tmp_path / "later.mp4"
    async with AsyncClient("apikley", api_key=KEY, base_url=url) as client:
        await client.submit("a fox, later", idempotency_key="later-1", output=target)
    code = await _in_thread(["resume", "--provider", "apikley", "--base-url", url, "--json"])
    assert code == 0
    results = one_json(capsys.readouterr().out)["results"]
    assert [r["key"] for r in results] == ["later-1"] and results[0]["error"] is None
    assert target.read_bytes()[4:8] == b"ftyp"
    assert creates(fake) == 1


async def _in_thread(argv: list[str]) -> int:
    import asyncio

    return await asyncio.to_thread(main, argv)


def test_list_shows_whole_ids(
    server: tuple[str, FakeApikley], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, fake = server
    key = "a-rather-long-idempotency-key-for-row-0001-of-the-batch"
    out = tmp_path / "x.mp4"
    assert main(["generate", "a fox", "--base-url", url, "--key", key, "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["list"]) == 0
    printed = capsys.readouterr().out
    assert key in printed and fake.tasks.all()[0].id in printed
    # on a terminal (rich), 80 columns wide
    from rich.console import Console

    long_id = "cgt-20251208123456-abcdefghijklmnopqrstuvwxyz0123456789"
    for wide in (False, True):
        buffer = io.StringIO()
        console = Console(file=buffer, width=80, force_terminal=False)
        rows = [{"key": key, "provider": "ark", "task_id": long_id, "state": "downloaded",
                 "status": "succeeded", "file": "/very/long/path/" * 4 + "x.mp4"}]  # fmt: skip
        _table(list(rows[0]), rows, whole=("key", "task_id"), wide=wide, console=console)
        text = buffer.getvalue()
        assert key in text and long_id in text, text
        if wide:
            assert rows[0]["file"] in text


def test_cancel_on_a_provider_without_cancel_is_a_clear_error(
    server: tuple[str, FakeApikley], capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = server
    assert main(["cancel", "task_x", "--provider", "apikley", "--base-url", url]) == 3
    assert "no API to cancel" in capsys.readouterr().err


@pytest.mark.parametrize("with_delete_parameter", [True, False])
def test_cancel_delete_is_passed_to_the_client(
    with_delete_parameter: bool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setenv("ARK_API_KEY", "ark-test-key")

    async def cancel_with_delete(self: AsyncClient, task: str, *, delete: bool = False) -> None:
        calls.append({"task": task, "delete": delete})

    async def cancel_old(self: AsyncClient, task: str) -> None:
        calls.append({"task": task})

    fake_cancel = cancel_with_delete if with_delete_parameter else cancel_old
    monkeypatch.setattr(AsyncClient, "cancel", fake_cancel)
    for flags in ([], ["--delete"]):
        assert main(["cancel", "cgt-1", "--provider", "ark", *flags, "--json"]) == 0
        assert one_json(capsys.readouterr().out) == {"cancelled": "cgt-1", "delete": bool(flags)}
    if with_delete_parameter:
        assert calls == [{"task": "cgt-1", "delete": False}, {"task": "cgt-1", "delete": True}]
    else:
        assert calls == [{"task": "cgt-1"}, {"task": "cgt-1"}]


def test_cancel_really_cancels_a_queued_ark_task(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = FakeArk(api_key="ark-key-for-cli", queued_for=60, running_for=60)
    monkeypatch.setenv("ARK_API_KEY", fake.api_key)
    with serve_in_thread(fake.app) as url:
        fake.public_url = url
        assert main(["generate", "a fox", "--provider", "ark", "--base-url", url,
                     "--timeout", "0.2", "--key", "ark-1"]) == 1  # fmt: skip
        task_id = fake.tasks.all()[0].id
        capsys.readouterr()
        assert main(["cancel", task_id, "--base-url", url]) == 0, "provider from the journal"
        assert main(["status", task_id, "--base-url", url, "--json"]) == 0
        assert one_json(capsys.readouterr().out.splitlines()[-1])["status"] == "cancelled"
        assert main(["list", "--remote", "--provider", "ark", "--base-url", url, "--json"]) == 0
        listed = one_json(capsys.readouterr().out)["tasks"]
        assert [(t["id"], t["status"]) for t in listed] == [(task_id, "cancelled")]


def test_a_corrupt_journal_is_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "journal.sqlite3"
    bad.write_bytes(b"garbage" * 1000)
    monkeypatch.setenv("SEEDANCE_JOURNAL", str(bad))
    assert main(["list"]) == 2
    err = capsys.readouterr().err
    assert "is corrupt" in err and "Traceback" not in err


# ----------------------------------------------------------------------- the command itself


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "generate" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"seedance {seedance.__version__}"


def test_every_option_of_every_command_has_help() -> None:
    missing: list[str] = []

    def walk(parser: argparse.ArgumentParser, path: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, f"{path} {name}")
            elif not action.help or action.help == argparse.SUPPRESS:
                missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")

    walk(_parser(), "seedance")
    assert missing == []


@pytest.mark.parametrize(
    "command",
    [
        ["generate", "x"],
        ["batch", "r.jsonl"],
        ["status", "t"],
        ["download", "t"],
        ["cancel", "t"],
        ["resume"],
        ["list"],
    ],
)
def test_every_provider_command_takes_a_base_url(command: list[str]) -> None:
    args = _parser().parse_args([*command, "--base-url", "http://127.0.0.1:1"])
    assert args.base_url == "http://127.0.0.1:1"
    if command[0] in ("generate", "batch"):
        upload = _parser().parse_args([*command, "--upload-url", "http://127.0.0.1:2"])
        assert upload.upload_url == "http://127.0.0.1:2"


def test_verbose_logs_requests_to_stderr_without_the_key(
    server: tuple[str, FakeApikley], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = server
    out = tmp_path / "x.mp4"
    assert main(["generate", "a fox", "--base-url", url, "--out", str(out), "-v"]) == 0
    err = capsys.readouterr().err
    assert "HTTP Request: POST" in err and "createTask" in err
    assert "apikley create_task (attempt 1)" in err, "the library logs its own calls"
    assert KEY not in err
    assert main(["-v", "status", "t1", "--provider", "apikley", "--base-url", url]) == 3
    assert "HTTP Request: GET" in capsys.readouterr().err
    import logging

    assert not logging.getLogger("seedance").handlers, "the handler is removed afterwards"
    assert logging.getLogger("httpx").level == logging.NOTSET, "and the levels restored"


def test_redact_hides_keys_tokens_and_signed_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARK_API_KEY", "ark-secret-value-123")
    text = redact(
        "key ark-secret-value-123 Authorization: Bearer abc.def "
        "https://cdn.example/v.mp4?X-Tos-Signature=zzz&Expires=1 api_key=hunter22"
    )
    for secret in ("ark-secret-value-123", "abc.def", "zzz", "hunter22"):
        assert secret not in text
    assert "https://cdn.example/v.mp4?<redacted>" in text


def test_an_unwritable_out_is_refused_before_anything_is_sent(
    server: tuple[str, FakeApikley], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, fake = server
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = blocker / "sub" / "fox.mp4"
    assert main(["generate", "a fox", "--base-url", url, "--out", str(out), "--json"]) == 2
    assert one_json(capsys.readouterr().out)["error"]["type"] == "ConfigurationError"
    assert len(fake.tasks) == 0
    nested = tmp_path / "new" / "folder" / "fox.mp4"
    assert main(["generate", "a fox", "--base-url", url, "--out", str(nested)]) == 0
    assert nested.read_bytes()[4:8] == b"ftyp"


# ----------------------------------------------------------------------- as a process


def run_cli(args: list[str], *, prelude: str = "", **kwargs: Any) -> Any:
    import subprocess
    import sys

    code = f"import sys\n{prelude}\nfrom seedance.cli import main\nsys.exit(main({args!r}))"
    env = {**os.environ, "SEEDANCE_FAKE_TIMES": "0.05,0.2"}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, **kwargs
    )


BLOCK_SERVER = "for m in ('starlette', 'uvicorn', 'jsonschema'): sys.modules[m] = None"


@pytest.mark.parametrize(
    "argv",
    [
        ["generate", "a fox", "--fake"],
        ["fake", "serve", "--port", "1"],
        ["batch", "/dev/null", "--fake"],
    ],
)
def test_a_missing_extra_is_one_line_naming_the_pip_install(argv: list[str]) -> None:
    result = run_cli(argv, prelude=BLOCK_SERVER)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert 'pip install "seedance[server]"' in result.stderr
    if argv[0] == "fake":
        return  # a server prints its address, not JSON
    as_json = run_cli([*argv, "--json"], prelude=BLOCK_SERVER)
    assert as_json.returncode == 2
    assert 'pip install \\"seedance[server]\\"' in as_json.stdout
    assert json.loads(as_json.stdout)["error"]["type"] == "ConfigurationError"


@pytest.mark.parametrize("argv", [["models"], ["models", "--json"], ["--help"], ["list"]])
def test_a_closed_pipe_is_not_a_traceback(argv: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte, as with `| head -0`
    try:
        result = _run_into(argv, write)
    finally:
        os.close(write)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr
    assert result.returncode == 0


def _run_into(argv: list[str], fd: int) -> Any:
    import subprocess
    import sys

    code = f"import sys\nfrom seedance.cli import main\nsys.exit(main({argv!r}))"
    return subprocess.run(
        [sys.executable, "-c", code], stdout=fd, stderr=subprocess.PIPE, text=True, timeout=120
    )


def test_ctrl_c_during_a_batch_exits_130_and_keeps_the_manifest(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    requests = tmp_path / "requests.jsonl"
    requests.write_text('{"prompt": "a slow fox"}\nnot json\n')
    out = tmp_path / "videos"
    argv = ["batch", str(requests), "--fake", "--out", str(out)]
    code = f"import sys\nfrom seedance.cli import main\nsys.exit(main({argv!r}))"
    env = {**os.environ, "SEEDANCE_FAKE_TIMES": "600,600"}
    process = subprocess.Popen(
        [sys.executable, "-c", code], env=env, stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    seen = ""
    while ":2: not JSON" not in seen:  # the bad line is reported while the good one runs
        line = process.stderr.readline()
        assert line, seen
        seen += line
    process.send_signal(signal.SIGINT)
    rest = process.stderr.read()
    assert process.wait(timeout=60) == 130
    assert "Traceback" not in rest and "interrupted" in rest
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert [(r["line"], r["status"]) for r in rows] == [(2, "invalid")]


@pytest.mark.anyio
@pytest.mark.parametrize("fake", [False, True])
async def test_poll_every_replaces_the_poll_schedule(
    fake: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--poll-every`` is the client's poll_schedule: that interval from the start, in
    place of the one it gets without it (this module's quick one; the built-in fake's)."""
    from seedance import cli

    monkeypatch.setenv("APIKLEY_API_KEY", "k")
    argv = ["generate", "a fox", *(["--fake"] if fake else [])]
    schedules = []
    for extra in ([], ["--poll-every", "0.25"]):
        async with cli._client(cli._parser().parse_args([*argv, *extra])) as client:
            schedules.append(client.poll_schedule)
    without, given = schedules
    assert given.steps == ((math.inf, 0.25),) and without.steps != given.steps
