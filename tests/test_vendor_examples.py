"""The vendors' documented answers are understood, read from the bundled specs themselves.

Every response example of every operation in ``<provider>_client/openapi.json`` (the
vendors' documents, see specs/README.md) must
- parse into the model the generated client documents for that status, and
- where the public client asks for that operation (submit, get, list, cancel, an image
  upload), come out of ``seedance.AsyncClient`` as what it means: a Task in the provider's
  own words, or a provider error that is not "unexpected".
The client is answered by a mock transport playing the spec: the example under test for its
operation, the operation's first documented 200 example for any other request.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from attrs import evolve

from seedance import AsyncClient, Task, TaskStatus
from seedance._errors import (
    AuthenticationError,
    ProviderError,
    RateLimitedError,
    SeedanceError,
    UnexpectedResponseError,
)
from seedance._providers import ADAPTERS
from seedance.testing import FakeClock
from seedance.testing.media import last_frame
from tests.support.cassettes import expected_models, operation
from tests.support.openapi import bundled, operations, resolve
from tools.record_live import cheapest

TASK_ID = "cgt-20250331175019-68d9t"


def _examples(provider: str) -> list[tuple[str, str, int, str, Any]]:
    """(method, path, status, example name, body) of every documented JSON answer."""
    spec = bundled(provider)
    out = []
    for path, method, op in operations(provider):
        for status, response in op["responses"].items():
            media = resolve(spec, response).get("content", {}).get("application/json", {})
            for name, example in media.get("examples", {}).items():
                out.append((method, path, int(status), name, resolve(spec, example)["value"]))
            if "example" in media:
                out.append((method, path, int(status), "example", media["example"]))
    return out


EXAMPLES = [(p, *e) for p in sorted(ADAPTERS) for e in _examples(p)]
IDS = [f"{p}-{m.upper()} {path}-{status}-{name}" for p, m, path, status, name, _ in EXAMPLES]


@pytest.mark.parametrize(
    ("provider", "method", "path", "status", "name", "body"), EXAMPLES, ids=IDS
)
def test_every_example_parses_into_the_generated_model(
    provider: str, method: str, path: str, status: int, name: str, body: Any
) -> None:
    models = expected_models(provider, bundled(provider)["paths"][path][method], status)
    problems = []
    for model in models:
        try:
            model.from_dict(body)  # type: ignore[attr-defined]
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            problems.append(f"{model.__name__}: {type(exc).__name__}: {exc}")
        else:
            return
    pytest.fail(f"no generated model takes the example: {problems}")


# ----------------------------------------------------------------------- through the client


def _passed_on(body: Any, result: Any, later: list[bytes]) -> str | None:
    """An intermediate answer (an upload) was used: a URL it documents went out next."""
    if isinstance(result, SeedanceError):
        return f"a success answer raised {type(result).__name__}: {result}"
    urls = [v for v in _strings(body) if v.startswith(("http://", "https://"))]
    if not any(url.encode() in request for url in urls for request in later):
        return f"none of {urls} was sent on"
    return None


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for v in value for s in _strings(v)] if isinstance(value, list) else []


Action = Callable[[AsyncClient], Awaitable[Any]]
ACTIONS: dict[str, Action] = {
    "submit": lambda c: c.submit(cheapest(c, images=0)),
    "submit an image URL": lambda c: c.submit(cheapest(c, images=1)),
    "submit image bytes": lambda c: c.submit(evolve(cheapest(c, images=1), images=[last_frame()])),
    "get": lambda c: c.get(TASK_ID),
    "list": lambda c: c.list(),
    "cancel": lambda c: c.cancel(TASK_ID, delete=True),
}


def _first_ok(provider: str, op: dict[str, Any]) -> tuple[int, Any]:
    spec = bundled(provider)
    for status, response in op["responses"].items():
        if status.startswith("2"):
            media = resolve(spec, response).get("content", {}).get("application/json", {})
            if "example" in media:
                return int(status), media["example"]
            for example in media.get("examples", {}).values():
                return int(status), resolve(spec, example)["value"]
    return 500, {"message": "the spec documents no success example for this operation"}


def _run(
    provider: str, action: Action, target: tuple[str, str], status: int, body: Any
) -> tuple[list[tuple[bool, bytes]], Any]:
    """The requests the action made ((whether it asked for the target operation, its body)),
    and what the action gave or raised."""
    sent: list[tuple[bool, bytes]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        _, template, op, _ = operation(provider, request.method, str(request.url))
        hit = (request.method.lower(), template) == target
        sent.append((hit, request.read()))
        if hit:
            return httpx.Response(status, json=body)
        ok_status, ok_body = _first_ok(provider, op)
        return httpx.Response(ok_status, json=ok_body)

    async def go() -> Any:
        async with AsyncClient(
            provider,
            api_key="documented-example-key",
            transport=httpx.MockTransport(answer),
            journal=False,
            upload_base_url="https://upload.example.test" if provider == "apikley" else None,
            max_retries=0,
            rate_limit=False,
            clock=FakeClock(),
        ) as client:
            try:
                return await action(client)
            except SeedanceError as exc:
                return exc

    result = asyncio.run(go())
    return sent, result


def _understood(provider: str, status: int, body: Any, result: Any) -> str | None:
    """Why a result is not what the documented answer means, or None."""
    text = json.dumps(body)
    if isinstance(result, UnexpectedResponseError) or (
        isinstance(result, SeedanceError) and not isinstance(result, ProviderError)
    ):
        return f"not understood: {type(result).__name__}: {result}"
    if status >= 400:
        if isinstance(result, Task):  # "not visible yet" answers: the provider's own words
            if result.finished or not result.provider_status or result.provider_status not in text:
                return f"an error answer read as {result!r}"
            return None
        if not isinstance(result, ProviderError):
            return f"an error answer gave {result!r}"
        wanted = {401: AuthenticationError, 429: RateLimitedError}.get(status, ProviderError)
        if not isinstance(result, wanted) or result.status_code != status:
            return f"HTTP {status} gave {type(result).__name__} (status {result.status_code})"
        return None
    if isinstance(result, SeedanceError):
        return f"a success answer raised {type(result).__name__}: {result}"
    for task in result if isinstance(result, list) else [result]:
        if task is None:
            continue
        if task.status is TaskStatus.UNKNOWN or (task.id not in text and task.id != TASK_ID):
            return f"read as {task!r}"
        if task.status is TaskStatus.SUCCEEDED and (
            not task.video_url or task.video_url not in text.replace("\\/", "/")
        ):
            return f"succeeded without the documented video URL: {task!r}"
        if task.status is TaskStatus.FAILED and not (task.error_code or task.error_message):
            return f"failed without the documented error: {task!r}"
    return None


@pytest.mark.parametrize(
    ("provider", "method", "path", "status", "name", "body"), EXAMPLES, ids=IDS
)
def test_every_answer_the_client_asks_for_is_understood(
    provider: str, method: str, path: str, status: int, name: str, body: Any
) -> None:
    reached_by = []
    for action_name, action in ACTIONS.items():
        sent, result = _run(provider, action, (method, path), status, body)
        if not any(hit for hit, _ in sent):
            continue
        reached_by.append(action_name)
        if sent[-1][0]:  # the action's result is read from this answer
            problem = _understood(provider, status, body, result)
        else:  # an intermediate answer (an upload): what it documents is used next
            first = next(i for i, (hit, _) in enumerate(sent) if hit)
            problem = _passed_on(body, result, [request for _, request in sent[first + 1 :]])
        assert problem is None, f"{action_name}: {problem}"
    if not reached_by:  # an operation the client never calls: the generated model suffices
        assert (provider, method, path) in NOT_CALLED, f"no client call reaches {method} {path}"


NOT_CALLED = {
    ("apikley", "get", "/api/v1/chat/credit"),
    ("apikley", "post", "/api/v1/common/download-url"),
    ("apikley", "post", "/api/file-base64-upload"),
    ("apikley", "post", "/api/file-url-upload"),
}
"""Operations the spec documents that no public client method calls (yet)."""


# ----------------------------------------------------------------------- Apikley's edge cases


def _example(provider: str, method: str, path: str, status: int, name: str) -> Any:
    found = [e[4] for e in _examples(provider) if e[:4] == (method, path, status, name)]
    assert len(found) == 1, f"{provider} documents no example {name!r} for {method} {path}"
    return found[0]


RECORD_INFO = ("get", "/api/v1/jobs/recordInfo")


@pytest.mark.parametrize("http_status", [422, 200])
def test_apikley_not_visible_yet_is_a_queued_task_with_either_http_status(http_status: int) -> None:
    """kie.ai documents ``{"code": 422, "msg": "recordInfo is null"}`` right after a create;
    kie-style services also send it with HTTP 200 and the code only in the body."""
    body = _example("apikley", *RECORD_INFO, 422, "example")
    _, task = _run("apikley", ACTIONS["get"], RECORD_INFO, http_status, body)
    assert isinstance(task, Task), task
    assert task.status is TaskStatus.QUEUED and task.provider_status == body["msg"]


def test_apikley_message_instead_of_msg_is_understood() -> None:
    body = _example("apikley", *RECORD_INFO, 200, "messageInsteadOfMsg")
    assert "message" in body and "msg" not in body
    _, task = _run("apikley", ACTIONS["get"], RECORD_INFO, 200, body)
    assert isinstance(task, Task) and task.succeeded, task
    assert task.video_url == json.loads(body["data"]["resultJson"])["resultUrls"][0]
