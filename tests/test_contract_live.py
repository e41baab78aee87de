"""tools/contract_live.py against the fakes over loopback (never a real host in tests).

Agreement: each fake follows its spec, so every free call agrees. Disagreement: a fake
made to answer off-spec (a wrong type, an undocumented status, a refusal that is not one)
is reported, naming the call and the place.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest
from starlette.responses import JSONResponse

from seedance.serving import serve_in_thread
from seedance.testing import fake_for
from tests.support.openapi import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import contract_live

PREFIX = {"ark": "/api/v3"}
App = Callable[..., Any]


def run(
    provider: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    wrap: Callable[[App], App] | None = None,
) -> tuple[int, str]:
    fake = fake_for(provider)
    app = wrap(fake.app) if wrap else fake.app
    monkeypatch.setenv(contract_live.ENV_KEYS[provider], fake.api_key)
    with serve_in_thread(app) as url:
        code = contract_live.main(
            ["--provider", provider, "--base-url", url + PREFIX.get(provider, "")]
        )
    out = capsys.readouterr().out
    assert fake.api_key not in out, "the key is never printed"
    return code, out


def answering(method: str, path_end: str, status: int, body: Any) -> Callable[[App], App]:
    """Wrap an ASGI app so one route answers ``status``/``body`` instead."""

    def wrap(app: App) -> App:
        async def wrapped(scope: Any, receive: Any, send: Any) -> None:
            if (
                scope["type"] == "http"
                and scope["method"] == method
                and scope["path"].endswith(path_end)
            ):
                await JSONResponse(body, status_code=status)(scope, receive, send)
                return
            await app(scope, receive, send)

        return wrapped

    return wrap


@pytest.mark.parametrize("provider", sorted(contract_live.ENV_KEYS))
def test_every_free_call_agrees_with_the_spec_on_the_fake(
    provider: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(provider, monkeypatch, capsys)
    assert code == 0, out
    checks = contract_live.checks_for(provider)
    assert out.count("agrees ") == len(checks) and "DISAGREES" not in out, out
    assert any(c.wrong_key for c in checks), "a wrong key is always one of the calls"


def test_a_body_of_the_wrong_type_is_reported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wrap = answering("GET", "/api/v1/chat/credit", 200, {"code": 200, "data": "plenty"})
    code, out = run("apikley", monkeypatch, capsys, wrap)
    assert code == 1
    assert "DISAGREES credits" in out
    assert "body at data: 'plenty' is not valid" in out
    assert "wrong key: credits" in out, "the other calls still run"


def test_an_undocumented_status_is_reported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wrap = answering("GET", "/contents/generations/tasks/" + contract_live.UNKNOWN_TASK, 418, {})
    code, out = run("ark", monkeypatch, capsys, wrap)
    assert code == 1
    assert "DISAGREES unknown task id (HTTP 418)" in out
    assert "HTTP 418 is not documented for GET /contents/generations/tasks/{id}" in out


def test_a_request_that_should_be_refused_but_is_accepted_is_reported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wrap = answering(
        "POST", "/bytedance-polling/getVideoResult", 200, {"id": "x", "status": "queued"}
    )
    code, out = run("pixazo", monkeypatch, capsys, wrap)
    assert code == 1
    assert "DISAGREES wrong key: unknown task (HTTP 200)" in out
    assert "the spec says this call gets [401, 403]" in out


def test_an_error_outside_the_envelope_is_reported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wrap = answering(
        "GET",
        "/api/v3/contents/generations/tasks/" + contract_live.UNKNOWN_TASK,
        404,
        {"error": "gone"},
    )
    code, out = run("gptproto", monkeypatch, capsys, wrap)
    assert code == 1
    assert "DISAGREES unknown task id (HTTP 404)" in out
    assert "body at error: 'gone' is not of type 'object'" in out


def test_without_a_key_nothing_is_sent(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ARK_API_KEY", raising=False)
    assert contract_live.main(["--provider", "ark", "--base-url", "http://127.0.0.1:9"]) == 2
    assert "set ARK_API_KEY" in capsys.readouterr().err
