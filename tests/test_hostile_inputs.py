"""What an adversary hands the client, on every provider and both twins: bad input is a
ValidationError naming its field before anything is journaled or sent, and an answer of
the wrong shape is an UnexpectedResponseError that keeps it (found by trying, not guessed:
a lone surrogate used to be journaled, then fail in httpx and leave its key "unknown")."""

from __future__ import annotations

import asyncio
import json
import math
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from seedance import (
    AsyncClient,
    Client,
    ImageInput,
    UnexpectedResponseError,
    ValidationError,
    VideoRequest,
)
from seedance._journal import EntryState
from seedance._models import from_epoch
from seedance._validation import check, coerce
from seedance.testing import FakeClock, async_client_for, client_for, fake_for

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64
PROVIDERS = ["apikley", "pixazo", "gptproto", "ark"]
TAKES_LOCAL_IMAGES = ["apikley", "gptproto", "ark"]  # Pixazo takes image URLs only


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "frame.png").write_bytes(PNG)
    os.mkfifo(tmp_path / "fifo.png")
    return tmp_path


BAD_INPUTS: dict[str, tuple[Callable[[Path], dict[str, Any]], str]] = {
    # name: (submit's keyword arguments, given the folder; the field the error names)
    "a lone surrogate in the prompt": (lambda d: {"prompt": "a fox \ud800"}, "prompt"),
    "a lone surrogate in extra": (lambda d: {"extra": {"x": "\udcff"}}, "extra.x"),
    "a lone surrogate in an extra key": (lambda d: {"extra": {"x\udcff": 1}}, "extra key"),
    "a number as an extra key": (lambda d: {"extra": {1: "x"}}, "extra"),
    "an integer beyond 64 bits in extra": (lambda d: {"extra": {"x": 10**30}}, "extra.x"),
    "a 5000-digit integer in extra": (lambda d: {"extra": {"x": 10**5000}}, "extra.x"),
    "a lone surrogate in the key": (lambda d: {"idempotency_key": "k\udcff"}, "idempotency_key"),
    "a blank key": (lambda d: {"idempotency_key": "  "}, "idempotency_key"),
    "a lone surrogate in output": (lambda d: {"output": str(d / "v\udcff.mp4")}, "output"),
    "output is a folder": (lambda d: {"output": str(d / "a-folder")}, "output"),
    "output names no file": (lambda d: {"output": str(d / "a-folder" / "..")}, "output"),
    "output holds a NUL": (lambda d: {"output": str(d / "v\x00.mp4")}, "output"),
    "a callback URL with a surrogate": (
        lambda d: {"callback_url": "https://cb.example/\udcff"},
        "callback_url",
    ),
    "an ImageInput of a number": (lambda d: {"images": [ImageInput(5)]}, "images[0]"),  # type: ignore[arg-type]
    "an image path with a NUL": (lambda d: {"images": [str(d / "f\x00.png")]}, "images[0]"),
    "videos as a number": (lambda d: {"videos": 5}, "videos"),
    "videos holding a number": (lambda d: {"videos": [5]}, "videos"),
    "audios holding None": (lambda d: {"audios": [None]}, "audios"),
    "a float for an integer duration": (lambda d: {"duration": 8.0}, "duration"),
}


def _submit(provider: str, twin: str, journal: Path, kwargs: dict[str, Any]) -> tuple[Any, int]:
    """Submit with ``kwargs``; (the exception or task, requests the fake received), with
    nothing left in the journal when it refused."""
    fake = fake_for(provider, clock=FakeClock())
    options: dict[str, Any] = {"journal": journal}
    if provider == "apikley":
        options["upload_base_url"] = "http://127.0.0.1:9/upload"
    kwargs = {"prompt": "a red fox in snow", **kwargs}
    prompt = kwargs.pop("prompt")
    outcome: Any
    if twin == "sync":
        with client_for(fake, **options) as client:
            try:
                outcome = client.submit(prompt, **kwargs)
            except Exception as exc:
                outcome = exc
            entries = client.journal.entries()
    else:

        async def go() -> tuple[Any, Any]:
            async with async_client_for(fake, **options) as client:
                try:
                    return await client.submit(prompt, **kwargs), client.journal.entries()
                except Exception as exc:
                    return exc, client.journal.entries()

        outcome, entries = asyncio.run(go())
    if isinstance(outcome, ValidationError):
        assert entries == [], f"journaled before refusing: {entries}"
    return outcome, len(fake.requests)


@pytest.mark.parametrize("twin", ["sync", "async"])
@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_refused_by_name_before_anything_is_journaled_or_sent(
    folder: Path, provider: str, twin: str, case: str
) -> None:
    make, field = BAD_INPUTS[case]
    if case == "a float for an integer duration" and provider == "pixazo":
        field = "duration"
    outcome, sent = _submit(provider, twin, folder / "journal.sqlite3", make(folder))
    assert isinstance(outcome, ValidationError), outcome
    assert outcome.field == field, (outcome.field, str(outcome))
    assert outcome.allowed is not None or outcome.value is not None, str(outcome)
    assert sent == 0


@pytest.mark.parametrize("twin", ["sync", "async"])
@pytest.mark.parametrize("provider", TAKES_LOCAL_IMAGES)
@pytest.mark.parametrize("name", ["fifo.png", "a-folder"])
def test_an_image_that_is_not_a_regular_file_is_refused_and_never_read(
    folder: Path, provider: str, twin: str, name: str
) -> None:
    """A FIFO would block the read (and an event loop with it) forever."""
    outcome, sent = _submit(
        provider, twin, folder / "journal.sqlite3", {"images": [str(folder / name)]}
    )
    assert isinstance(outcome, ValidationError), outcome
    assert "not a regular file" in str(outcome) and sent == 0


def test_a_value_only_httpx_refuses_never_leaves_its_key_unknown(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past every check (here: the text check turned off), a request httpx cannot build
    sent nothing: the key is released, not "unknown", and a retry creates the task once."""
    import seedance._validation as validation

    monkeypatch.setattr(validation, "check_text", lambda value, field: None)
    fake = fake_for("ark", clock=FakeClock())
    with client_for(fake, journal=folder / "journal.sqlite3") as client:
        with pytest.raises(ValidationError, match="nothing was sent") as caught:
            client.submit("a fox \ud800", idempotency_key="row-1")
        assert caught.value.field == "request"
        entry = client.journal.get("row-1")
        assert entry is not None and entry.state is EntryState.INTENT and entry.owner is None
        assert fake.requests == []
        task = client.submit("a fox", idempotency_key="row-1")
        assert client.submit("a fox", idempotency_key="row-1").id == task.id
        assert len(fake.tasks) == 1


@pytest.mark.parametrize("twin", ["sync", "async"])
def test_download_to_a_folder_is_refused_before_any_request(folder: Path, twin: str) -> None:
    fake = fake_for("ark", clock=FakeClock())
    with client_for(fake, journal=False) as client:
        task = client.wait(client.submit("a red fox"), timeout=600)
        before = len(fake.requests)
        if twin == "sync":
            with pytest.raises(ValidationError) as caught:
                client.download(task, folder / "a-folder")
        else:

            async def go() -> None:
                async with async_client_for(fake, journal=False) as other:
                    await other.download(task, folder / "a-folder")

            with pytest.raises(ValidationError) as caught:
                asyncio.run(go())
    assert caught.value.field == "destination" and len(fake.requests) == before
    assert list((folder / "a-folder").iterdir()) == [] and not (folder / "a-folder.part").exists()


# --------------------------------------------------------------------------- answers

BIG = b"1" * 5000
CREATED = {
    "apikley": {"code": 200, "msg": "success", "data": {"taskId": "t1"}},
    **{name: {"id": "t1"} for name in ("pixazo", "gptproto", "ark")},
}
DEEP = b"[" * 100_000 + b"]" * 100_000
BAD_TASKS: dict[str, bytes | dict[str, Any]] = {
    "a 5000-digit number": b'{"id": "t1", "code": 200, "data": {"taskId": "t1", "p": '
    + BIG
    + b"}}",
    "nesting deeper than Python recurses": b'{"id": "t1", "x": '
    + b"[" * 100_000
    + b"]" * 100_000
    + b"}",
    "a list where an object belongs": {
        "id": "t1",
        "status": "succeeded",
        "content": [1],
        "error": "boom",
        "usage": "x",
        "code": 200,
        "data": [1],
    },
}


def _answering(provider: str, body: bytes | dict[str, Any]) -> httpx.MockTransport:
    """A provider whose creates succeed and whose every other answer is ``body``."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(200, json=CREATED[provider])
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        return httpx.Response(200, content=content, headers={"content-type": "application/json"})

    return httpx.MockTransport(handler)


def _options(provider: str, body: bytes | dict[str, Any]) -> dict[str, Any]:
    return {
        "api_key": "k",
        "base_url": "http://127.0.0.1:9",
        "journal": False,
        "max_retries": 0,
        "rate_limit": False,
        "transport": _answering(provider, body),
    }


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("case", sorted(BAD_TASKS))
def test_a_status_answer_of_the_wrong_shape_keeps_its_raw_body(provider: str, case: str) -> None:
    body = BAD_TASKS[case]
    with (
        Client(provider, **_options(provider, body)) as client,
        pytest.raises(UnexpectedResponseError) as caught,
    ):
        client.get("t1")
    assert caught.value.raw, "the answer is kept"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_async_get_of_the_wrong_shape_keeps_its_raw_body(provider: str) -> None:
    async def go() -> None:
        body = BAD_TASKS["a list where an object belongs"]
        async with AsyncClient(provider, **_options(provider, body)) as client:
            await client.get("t1")

    with pytest.raises(UnexpectedResponseError) as caught:
        asyncio.run(go())
    assert caught.value.raw


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("made_up", [{"a": 1}, ["t1"], True])
def test_a_created_id_that_is_no_id_is_unexpected_and_never_a_made_up_task(
    tmp_path: Path, provider: str, made_up: Any
) -> None:
    answer = json.loads(json.dumps(CREATED[provider]).replace('"t1"', json.dumps(made_up)))

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=answer)

    options = {**_options(provider, {}), "transport": httpx.MockTransport(handler)}
    with Client(provider, **{**options, "journal": tmp_path / "j.sqlite3"}) as client:
        with pytest.raises(UnexpectedResponseError) as caught:
            client.submit("a red fox", idempotency_key="row-1")
        entry = client.journal.get("row-1")
    assert caught.value.raw == answer
    assert entry is not None and entry.state is EntryState.UNKNOWN and entry.task_id is None


@given(
    st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**40), max_value=10**40),
        st.text(max_size=30),
        st.sampled_from(["nan", "inf", "-1e300", "1e20", "2024-05-01T00:00:00Z"]),
    ),
    st.booleans(),
)
def test_a_provider_timestamp_is_a_date_or_none_never_an_exception(
    value: Any, milliseconds: bool
) -> None:
    found = from_epoch(value, milliseconds=milliseconds)
    assert found is None or isinstance(found, datetime)


# --------------------------------------------------------------------------- enums


@pytest.mark.parametrize(
    ("value", "enum", "accepted"),
    [
        (8, [4, 8, 12], True),
        (8.0, [4, 8, 12], False),  # equal, but an integer field refuses a float
        (True, [1, 2], False),
        (1, [True, False], False),
        (1, [0.5, 1.0], True),  # a JSON number takes an integer
        ("8", [4, 8, 12], False),
        (math.nan, [4, 8], False),
    ],
)
def test_an_enum_takes_its_members_of_their_own_kind(
    value: Any, enum: list[Any], accepted: bool
) -> None:
    def run() -> None:
        check(value, {"enum": enum}, field="duration", provider="ark", model="m")

    if accepted:
        run()
    else:
        with pytest.raises(ValidationError, match="allowed"):
            run()


@pytest.mark.parametrize(
    ("given", "coerced"),
    [("12", 12), ("-3", -3), (" 12", " 12"), ("1_2", "1_2"), ("\u0665", "\u0665"), ("1e3", "1e3")],
)
def test_only_plain_digits_become_an_integer(given: str, coerced: Any) -> None:
    """``int()`` reads " 1_2 " as 12 and an Arabic-Indic five (U+0665) as 5: a value no one typed
    would be sent. Anything but plain digits stays text, for check() to refuse."""
    schema = {"type": "integer", "minimum": -10, "maximum": 100}
    assert coerce(given, schema) == coerced
    if isinstance(coerced, str):
        with pytest.raises(ValidationError, match="expected an integer"):
            check(coerced, schema, field="seed", provider="ark", model="m")


@pytest.mark.parametrize("twin", ["sync", "async"])
@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (VideoRequest(prompt="a fox \ud800"), "prompt"),
        (VideoRequest(prompt="a fox", extra={"x": math.nan}), "extra.x"),
        (VideoRequest(prompt="a fox", images=[ImageInput(5)]), "images[0]"),  # type: ignore[arg-type]
    ],
)
def test_validate_refuses_what_submit_refuses(
    request_: VideoRequest, field: str, twin: str
) -> None:
    fake = fake_for("ark", clock=FakeClock())
    if twin == "sync":
        with client_for(fake, journal=False) as client, pytest.raises(ValidationError) as caught:
            client.validate(request_)
    else:

        async def go() -> None:
            async with async_client_for(fake, journal=False) as client:
                client.validate(request_)

        with pytest.raises(ValidationError) as caught:
            asyncio.run(go())
    assert caught.value.field == field


def test_timeouts_of_none_are_httpx_s_no_limit() -> None:
    """``timeout=None`` (httpx: no limits) builds a client; ``read=None`` leaves a whole
    call unbounded, as httpx means it, rather than 4 times the other limits."""
    with Client("ark", api_key="k", journal=False, timeout=None) as client:  # type: ignore[arg-type]
        assert client._call_budget is None
    with Client("ark", api_key="k", journal=False, timeout=httpx.Timeout(2, read=None)) as client:
        assert client._call_budget is None
    with Client("ark", api_key="k", journal=False, timeout=httpx.Timeout(2, connect=1)) as client:
        assert client._call_budget == 8
