"""The real client replays recorded exchanges (cassettes/), and property tests of validation.

A replay runs the cassette's scenario through ``seedance.AsyncClient`` (adapter, requester,
poller, error mapping) with vcrpy in record mode ``none``: only the recorded answers, in order,
no network. It must give the outcome the recording saw (the tasks the client reported, or the
error it raised), and ask for every recorded answer. Checked on every committed cassette and
on the ones tools/record_live.py writes in this run against each provider's fake over loopback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import seedance
from seedance import AsyncClient
from seedance._errors import ValidationError
from seedance._providers import ADAPTERS
from seedance.testing import FakeApikley, FakeClock
from tests.support import cassettes
from tools import record_live


@pytest.mark.parametrize("provider", sorted(ADAPTERS))
def test_cassettes_replay_through_the_real_client_to_the_recorded_outcome(
    provider: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    fresh = cassettes.recorded(provider, tmp_path_factory.getbasetemp() / "recorded")
    for recorded in fresh:
        assert recorded.problem is None, f"{recorded.path.name}: {recorded.problem}"
    paths = [*cassettes.committed(provider), *(r.path for r in fresh)]
    for path in paths:
        assert record_live.replay(path) == record_live.metadata(path)["outcome"], path.name


def _edited(tmp_path: Path, root: Path, edit: Any) -> Path:
    """A copy of the loopback Ark text-to-video cassette with its interactions edited."""
    source = cassettes.recorded("ark", root)
    path = next(r.path for r in source if r.path.name == "live-text-to-video.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["interactions"] = edit(data["interactions"])
    edited = tmp_path / "edited.yaml"
    edited.write_text(yaml.safe_dump(data), encoding="utf-8")
    return edited


def test_a_replay_fails_on_a_request_the_recording_does_not_hold(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """vcrpy's ``none`` mode, no network: a cassette missing its last poll fails at once."""
    root = tmp_path_factory.getbasetemp() / "recorded"
    cut = _edited(tmp_path, root, lambda interactions: interactions[:-1])
    with pytest.raises(record_live.ReplayError, match=r"edited\.yaml.*all been played back"):
        record_live.replay(cut)


def test_a_replay_fails_when_a_recorded_answer_is_not_asked_for(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.getbasetemp() / "recorded"
    longer = _edited(tmp_path, root, lambda interactions: [*interactions, interactions[-1]])
    with pytest.raises(record_live.ReplayError, match="not every recorded answer"):
        record_live.replay(longer)


# ----------------------------------------------------------------------- properties

PRO = "bytedance/seedance-1.5-pro"


def _allowed(option: str) -> list[Any]:
    info = {i.model: i for i in seedance.list_models("apikley")}[PRO]
    return list(info.options[option].schema["enum"])


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(
    aspect_ratio=st.sampled_from(_allowed("aspect_ratio")),
    resolution=st.sampled_from(_allowed("resolution")),
    duration=st.sampled_from(_allowed("duration")),
    camera_fixed=st.booleans(),
    audio=st.booleans(),
    prompt=st.text(min_size=3, max_size=200).filter(lambda p: p.strip() == p and len(p) >= 3),
)
def test_any_request_the_spec_allows_is_accepted(
    aspect_ratio: str,
    resolution: str,
    duration: int,
    camera_fixed: bool,
    audio: bool,
    prompt: str,
) -> None:
    import asyncio

    async def run() -> int:
        clock = FakeClock()
        fake = FakeApikley(api_key="k", clock=clock)
        async with AsyncClient(
            "apikley", api_key="k", transport=fake.transport(), clock=clock, journal=False
        ) as client:
            await client.submit(
                prompt,
                model=PRO,
                aspect_ratio=aspect_ratio,
                resolution=resolution,
                duration=duration,
                camera_fixed=camera_fixed,
                audio=audio,
            )
        return len(fake.tasks)

    assert asyncio.run(run()) == 1


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(
    option=st.sampled_from(["aspect_ratio", "resolution", "duration"]),
    value=st.one_of(st.text(max_size=8), st.integers(-100, 100)),
)
def test_any_value_the_spec_forbids_raises_before_sending(option: str, value: Any) -> None:
    import asyncio

    if value in _allowed(option) or str(value) in [str(v) for v in _allowed(option)]:
        return  # an allowed value (or one that converts exactly to one) is the other test's

    async def run() -> int:
        clock = FakeClock()
        fake = FakeApikley(api_key="k", clock=clock)
        async with AsyncClient(
            "apikley", api_key="k", transport=fake.transport(), clock=clock, journal=False
        ) as client:
            with pytest.raises(ValidationError) as caught:
                await client.submit("a red fox", model=PRO, **{option: value})
            assert caught.value.field == option
        return len(fake.requests)

    assert asyncio.run(run()) == 0
