"""The `seedance` command: real runs against the fakes, exit codes, bad input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from seedance.cli import main
from seedance.serving import serve_in_thread
from seedance.testing import FakeApikley

KEY = "sk-cli-test"


@pytest.fixture(autouse=True)
def quick_fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEEDANCE_FAKE_TIMES", "0.05,0.2")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, FakeApikley]]:
    """A fake Apikley over loopback, as `seedance fake serve` runs it."""
    fake = FakeApikley(api_key=KEY, queued_for=0.05, running_for=0.2)
    monkeypatch.setenv("APIKLEY_API_KEY", KEY)
    with serve_in_thread(fake.app) as url:
        fake.public_url = url
        yield url, fake


def test_generate_with_the_built_in_fake_writes_an_mp4(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "fox.mp4"
    code = main(["generate", "a red fox in snow", "--fake", "--out", str(out), "--json"])
    assert code == 0
    assert out.read_bytes()[4:8] == b"ftyp"
    printed = json.loads(capsys.readouterr().out)
    assert printed["status"] == "succeeded" and printed["file"] == str(out)


def test_generate_without_a_key_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("APIKLEY_API_KEY", raising=False)
    assert main(["generate", "a red fox", "--provider", "apikley"]) == 2
    assert "APIKLEY_API_KEY" in capsys.readouterr().err


def test_invalid_options_exit_2_before_anything_is_sent(
    server: tuple[str, FakeApikley], capsys: pytest.CaptureFixture[str]
) -> None:
    url, fake = server
    assert main(["generate", "a red fox", "--base-url", url, "--duration", "7"]) == 2
    assert "duration=7" in capsys.readouterr().err
    assert len(fake.tasks) == 0


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
    assert [m["line"] for m in manifest] == [1, 2, 5]
    assert all(m["status"] == "succeeded" and Path(m["file"]).exists() for m in manifest)
    assert manifest[2]["key"] == "my-hare"
    assert len(fake.tasks) == 3

    assert main([*args, "--json"]) == 2
    again = json.loads(capsys.readouterr().out)
    assert [r["task_id"] for r in again["results"]] == [m["task_id"] for m in manifest]
    assert len(fake.tasks) == 3, "a rerun pays nothing twice"


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
    assert json.loads(capsys.readouterr().out)["status"] == "succeeded"
    assert main(["list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["key"] == "fox-1" and listed[0]["state"] == "downloaded"
    again = tmp_path / "again.mp4"
    assert main(["download", task_id, "--base-url", url, "--out", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()
    capsys.readouterr()
    assert main(["resume", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [], "nothing left to finish"


def test_cancel_on_a_provider_without_cancel_is_a_clear_error(
    server: tuple[str, FakeApikley], capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = server
    assert main(["cancel", "task_x", "--provider", "apikley", "--base-url", url]) == 3
    assert "no API to cancel" in capsys.readouterr().err


def test_a_corrupt_journal_is_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "journal.sqlite3"
    bad.write_bytes(b"garbage" * 1000)
    monkeypatch.setenv("SEEDANCE_JOURNAL", str(bad))
    assert main(["list"]) == 2
    err = capsys.readouterr().err
    assert "is corrupt" in err and "Traceback" not in err


def test_models_lists_options_from_the_specs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "--provider", "apikley", "--json"]) == 0
    models = {m["model"]: m for m in json.loads(capsys.readouterr().out)}
    assert models["bytedance/seedance-1.5-pro"]["options"]["duration"] == "one of 4, 8, 12"


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "generate" in capsys.readouterr().out
