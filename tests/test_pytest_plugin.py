"""The pytest plugin users get with seedance: registered, and its fixtures work in a real
pytest run that knows nothing else about seedance (run by pytester)."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

USER_TESTS = """
import pytest
from seedance import TaskStatus


def test_sync_client_generates_on_fake_time(seedance_client, seedance_fake, tmp_path):
    task = seedance_client.generate("a red fox in snow", output=tmp_path / "fox.mp4")
    assert task.status is TaskStatus.SUCCEEDED
    assert (tmp_path / "fox.mp4").read_bytes()[4:8] == b"ftyp"
    assert len(seedance_fake.tasks) == 1


@pytest.mark.anyio
async def test_async_client_and_faults(seedance_async_client, seedance_fake, seedance_clock):
    seedance_fake.faults.rate_limit_next = 1
    start = seedance_clock.time()
    async with seedance_async_client as client:
        done = await client.wait(await client.submit("a fox", idempotency_key="k1"))
    assert done.succeeded and seedance_clock.time() - start >= 30


@pytest.mark.parametrize("seedance_provider", ["apikley", "gptproto", "ark"])
def test_every_provider(seedance_client, seedance_provider):
    assert seedance_client.provider == seedance_provider
    assert seedance_client.generate("a lighthouse in a storm").succeeded


def test_one_of_each_kind(fake_apikley, fake_pixazo, fake_gptproto, fake_ark, seedance_clock):
    names = [f.name for f in (fake_apikley, fake_pixazo, fake_gptproto, fake_ark)]
    assert names == ["apikley", "pixazo", "gptproto", "ark"]
    assert all(f.clock is seedance_clock for f in (fake_apikley, fake_ark))
"""


def test_the_plugin_is_registered_as_a_pytest11_entry_point() -> None:
    points = importlib.metadata.entry_points(group="pytest11")
    assert [p.value for p in points if p.name == "seedance"] == ["seedance.testing.pytest_plugin"]


def test_its_fixtures_work_in_a_users_test_run(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    user_journal = tmp_path / "users-own-journal.sqlite3"
    monkeypatch.setenv("SEEDANCE_JOURNAL", str(user_journal))
    pytester.makepyfile(test_user=USER_TESTS)
    # the same opt-outs as this project's own addopts (looptime's plugins break plain runs)
    quiet = ["-p", "no:looptime_plugin", "-p", "no:looptime_chronometers"]
    quiet += ["-p", "no:looptime_timeproxies", "-p", "no:cacheprovider", "-p", "no:xdist"]
    result = pytester.runpytest_inprocess(*quiet, "-q")
    result.assert_outcomes(passed=6)
    assert not user_journal.exists(), "the fixtures keep fake tasks out of the user's journal"


def test_loading_the_plugin_imports_nothing_heavy() -> None:
    code = (
        "import sys, seedance.testing.pytest_plugin\n"
        "heavy = [m for m in ('starlette', 'httpx', 'seedance._client', 'seedance.testing.base')"
        " if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    ).stdout
    assert out.strip() == "[]"
