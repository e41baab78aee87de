"""The wrapper replays recorded exchanges (cassettes/), and property tests of validation.

Replays run the real client code (adapter, requester, error mapping) against what the
provider said in a recording: the same code path a live run takes, with no network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import vcr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import seedance
from seedance import AsyncClient, TaskStatus
from seedance._errors import AuthenticationError, RateLimitedError, ValidationError
from seedance.testing import FakeApikley, FakeClock

CASSETTES = Path(__file__).resolve().parents[1] / "cassettes"
pytestmark = pytest.mark.anyio


def replay(name: str) -> Any:
    return vcr.VCR(record_mode="none", match_on=["method", "path", "query"]).use_cassette(
        str(CASSETTES / "apikley" / name), allow_playback_repeats=False
    )


async def poll_to_end(client: AsyncClient, task_id: str) -> seedance.Task:
    for _ in range(20):
        task = await client.get(task_id)
        if task.finished:
            return task
    raise AssertionError("the recording never finished")


async def test_replay_text_to_video_through_the_wrapper() -> None:
    with replay("text-to-video.yaml") as cassette:
        async with AsyncClient(
            "apikley",
            api_key="replayed",
            base_url="http://127.0.0.1:8765",
            journal=False,
            rate_limit=False,
        ) as client:
            task = await client.submit(
                "A red fox trots through fresh snow at dawn, cinematic, soft light",
                aspect_ratio="16:9",
                resolution="480p",
                duration=4,
                camera_fixed=False,
                audio=False,
            )
            done = await poll_to_end(client, task.id)
        assert cassette.play_count >= 3
    assert done.status is TaskStatus.SUCCEEDED
    assert done.video_url is not None and done.video_url.endswith(f"{task.id}.mp4")
    assert done.model == "bytedance/seedance-1.5-pro"


async def test_replay_failure_bad_key_and_rate_limit() -> None:
    with replay("task-failure.yaml"):
        async with AsyncClient(
            "apikley",
            api_key="replayed",
            base_url="http://127.0.0.1:8765",
            journal=False,
            rate_limit=False,
        ) as client:
            # requests match on method, path and query: the recorded answers come back
            task_id = (await client.submit("the recorded failure scenario")).id
            done = await poll_to_end(client, task_id)
    assert done.status is TaskStatus.FAILED and done.error_message

    with replay("bad-key.yaml"):
        async with AsyncClient(
            "apikley",
            api_key="replayed",
            base_url="http://127.0.0.1:8765",
            journal=False,
            max_retries=0,
        ) as client:
            with pytest.raises(AuthenticationError, match="APIKLEY_API_KEY"):
                await client.submit("A red fox trots through fresh snow")

    with replay("rate-limit.yaml") as cassette:
        async with AsyncClient(
            "apikley",
            api_key="replayed",
            base_url="http://127.0.0.1:8765",
            journal=False,
            max_retries=0,
        ) as client:
            with pytest.raises(RateLimitedError) as caught:
                await client.submit("A red fox trots through fresh snow")
        assert caught.value.retry_after == 10
        assert cassette.play_count == 1


async def test_replay_the_vendors_documented_example() -> None:
    with replay("vendor-example-get-task-details.yaml") as cassette:
        request = cassette.requests[0]
        task_id = request.uri.split("taskId=")[1]
        base = request.uri.split("/api/")[0]
        async with AsyncClient(
            "apikley", api_key="replayed", base_url=base, journal=False
        ) as client:
            early = await client.get(task_id)  # recorded: {"code":422,"msg":"recordInfo is null"}
            task = await client.get(task_id)
    assert early.status is TaskStatus.QUEUED and early.provider_status == "recordInfo is null"
    assert task.id == task_id and task.status is TaskStatus.SUCCEEDED
    assert task.video_url == "https://example.com/video.mp4"

    with replay("vendor-example-get-task-details-message.yaml") as cassette:
        request = cassette.requests[0]
        async with AsyncClient(
            "apikley", api_key="replayed", base_url=request.uri.split("/api/")[0], journal=False
        ) as client:
            task = await client.get(request.uri.split("taskId=")[1])
    assert task.succeeded, "'message' instead of 'msg' is understood"
    assert task.video_url == "https://example.com/generated-content.jpg"


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
