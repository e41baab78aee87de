"""tools/record_live.py, run against the fakes over loopback as a key holder runs it live.

The cassettes it writes must hold no secret even from a provider that echoes the key back,
sets cookies and signs its result URLs; replay through the real client to the outcome the
recording saw; and the command must refuse to run without the key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seedance._providers import ADAPTERS
from tests.support import cassettes
from tools import record_live

SIGNATURE = "sig-5b1d0e7c9a3f-secret"
CREDENTIAL = "AKLTsecretcredential0042"
Scope = dict[str, Any]
App = Callable[..., Any]


def hostile(key: str) -> Callable[[App], App]:
    """ASGI middleware making a fake behave like a careless provider: every answer echoes the
    key (in a header, a cookie and the JSON body) and result URLs carry a signed query,
    written with Go's ``\\u0026`` escape as Ark's answers are."""

    def wrap(app: App) -> App:
        async def middleware(scope: Scope, receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            start: dict[str, Any] = {}
            chunks: list[bytes] = []

            async def capture(message: dict[str, Any]) -> None:
                if message["type"] == "http.response.start":
                    start.update(message)
                    return
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = b"".join(chunks)
                if body.startswith(b"{"):
                    body = re.sub(
                        rb"\.mp4(\\?\")",
                        rb".mp4?X-Tos-Signature=" + SIGNATURE.encode() + rb"\\u0026"
                        rb"X-Tos-Credential=" + CREDENTIAL.encode() + rb"\1",
                        body,
                    )
                    body = b'{"echoed_key":"' + key.encode() + b'",' + body[1:]
                headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
                headers += [
                    (b"content-length", str(len(body)).encode()),
                    (b"x-echo-key", key.encode()),
                    (b"set-cookie", b"session=" + key.encode() + b"; Path=/; HttpOnly"),
                ]
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": body})

            await app(scope, receive, capture)

        return middleware

    return wrap


@pytest.mark.parametrize("provider", ["apikley", "ark"])  # a nested JSON string; Go escapes
def test_a_careless_provider_leaves_no_secret_and_the_replay_agrees(
    provider: str, tmp_path: Path
) -> None:
    key = cassettes.fake_key(provider)
    with cassettes.served_fake(provider, wrap=hostile(key)) as (base_url, clock):
        written = record_live.record(
            provider, tmp_path, api_key=key, base_url=base_url, clock=clock, log=lambda m: None
        )
    assert [r.path.name for r in written] == [f"live-{s.name}.yaml" for s in record_live.SCENARIOS]
    for recorded in written:
        assert recorded.problem is None, f"{recorded.path.name}: {recorded.problem}"
        text = recorded.path.read_text(encoding="utf-8")
        for secret in (key, record_live.BAD_KEY, SIGNATURE, CREDENTIAL):
            assert secret not in text, f"{recorded.path.name} holds {secret}"
        cassettes.check_no_secrets(recorded.path, [key, record_live.BAD_KEY])
        assert recorded.path.stat().st_mode & 0o777 == 0o600
        assert record_live.metadata(recorded.path)["outcome"] == recorded.outcome
        assert record_live.replay(recorded.path) == recorded.outcome, recorded.path.name
    done = written[0].outcome["tasks"][-1]
    assert done["status"] == "succeeded"
    redacted = record_live.REDACTED
    assert done["video_url"].endswith(
        f".mp4?X-Tos-Signature={redacted}&X-Tos-Credential={redacted}"
    ), "the live task saw the signed URL; the cassette keeps its names, not its values"
    assert done["raw"], "the provider's payload is kept (scrubbed)"


def test_the_command_records_against_a_base_url_with_the_key_from_the_environment(
    tmp_path: Path,
) -> None:
    with cassettes.served_fake("gptproto") as (base_url, _):
        argv = ["gptproto", "--out", str(tmp_path), "--base-url", base_url]
        argv += ["--scenario", "bad-key", "--scenario", "unknown-task"]
        code = record_live.main(argv, environ={"GPTPROTO_API_KEY": cassettes.fake_key("gptproto")})
    assert code == 0
    names = sorted(p.name for p in (tmp_path / "gptproto").iterdir())
    assert names == ["live-bad-key.yaml", "live-unknown-task.yaml"]
    for path in (tmp_path / "gptproto").iterdir():
        assert record_live.metadata(path)["base_url"] == base_url
        assert record_live.replay(path) == record_live.metadata(path)["outcome"]


def test_a_scenario_that_goes_wrong_is_reported_and_still_written(tmp_path: Path) -> None:
    """A wrong key in the environment: text-to-video ends in a 401, which it is not for."""
    with cassettes.served_fake("pixazo") as (base_url, _):
        argv = ["pixazo", "--out", str(tmp_path), "--base-url", base_url]
        code = record_live.main(
            [*argv, "--scenario", "text-to-video"], environ={"PIXAZO_API_KEY": "wrong-key-123456"}
        )
    assert code == 1
    path = tmp_path / "pixazo" / "live-text-to-video.yaml"
    assert record_live.metadata(path)["outcome"]["error"]["type"] == "AuthenticationError"
    assert "wrong-key-123456" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("provider", sorted(ADAPTERS))
def test_the_command_refuses_without_a_key(provider: str, tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=record_live.env_key(provider)):
        record_live.main([provider, "--out", str(tmp_path)], environ={})
    assert not any(tmp_path.iterdir())


def test_a_key_too_short_to_scrub_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="too short"):
        record_live.record("ark", tmp_path, api_key="abc", log=lambda m: None)
    assert not any(tmp_path.iterdir())


# ----------------------------------------------------------------------- the scrubber

secret_text = st.text(
    alphabet="abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_", min_size=12, max_size=40
)
plain = st.text(alphabet=" .,:;!/()[]{}\\\"'é中\n", max_size=30)  # disjoint from the secrets


@settings(max_examples=60, deadline=None)
@given(
    key=secret_text,
    values=st.lists(secret_text, min_size=1, max_size=3),
    value_is_key=st.booleans(),
    before=plain,
    after=plain,
    nested=st.booleans(),
    go_escapes=st.booleans(),
)
def test_no_key_and_no_query_value_survives_a_body(
    key: str,
    values: list[str],
    value_is_key: bool,
    before: str,
    after: str,
    nested: bool,
    go_escapes: bool,
) -> None:
    if value_is_key:
        values = [key, *values[1:]]
    query = "&".join(f"p{i}={v}" for i, v in enumerate(values))
    url = f"https://cdn.example.com/v/1.mp4?{query}"
    inner: Any = {"resultUrls": [url], "note": f"{before} {key} {after}"}
    body: Any = {"data": {"resultJson": json.dumps(inner)} if nested else inner, key: before}
    text = json.dumps(body)
    if go_escapes:
        text = text.replace("&", "\\u0026")
    scrubbed = record_live.Scrubber([key]).body(text.encode())
    assert isinstance(scrubbed, bytes)
    out = scrubbed.decode()
    for secret in (key, *values):
        assert secret not in out
    parsed = json.loads(out)
    found = json.loads(parsed["data"]["resultJson"]) if nested else parsed["data"]
    names = "&".join(f"p{i}={record_live.REDACTED}" for i in range(len(values)))
    assert found["resultUrls"] == [f"https://cdn.example.com/v/1.mp4?{names}"]
    assert found["note"] == f"{before} {record_live.REDACTED} {after}"


def test_a_body_without_secrets_keeps_its_bytes() -> None:
    body = b'{"id": "cgt-1",  "status": "queued"}'
    assert record_live.Scrubber(["some-long-key-1234"]).body(body) == body
