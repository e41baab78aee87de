"""Record cassettes of a real provider by driving the real ``seedance.AsyncClient`` under vcrpy.

    make record-live PROVIDER=ark                    # the key comes from ARK_API_KEY
    python tools/record_live.py ark --out cassettes [--base-url URL] [--scenario NAME ...]

Every scenario below goes through the public client (validation, adapter, requester, poller,
error mapping), so a recording exercises exactly the code a user runs. Each one writes
``<out>/<provider>/live-<scenario>.yaml``, a vcrpy cassette whose ``metadata.seedance`` block
says what was done (provider, scenario, base URL) and what the client returned (the tasks it
reported, or the error it raised). :func:`replay` runs the same scenario through the same
client with vcrpy in ``none`` mode and gives that outcome back: the replay tests compare the two.

The success scenarios create real, billed tasks (the default model at its lowest resolution
and shortest duration, both read from the spec); ``--scenario`` picks a subset. Pointed at a
fake with ``--base-url`` (and the fake's key in the variable) it costs nothing: the tests do so.

Scrubbing (no secret reaches a file): the request headers that carry keys become
``<REDACTED>``; any other copy of the key or of the bad-key scenario's key (URL, headers,
bodies, the outcome) becomes ``<REDACTED>``; responses lose ``Set-Cookie``; every URL inside a
response (bodies, nested JSON strings, headers) keeps its query names but not their values,
so signed result URLs don't leak their signatures. Requests match on method, path and query.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sys
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import vcr  # type: ignore[import-untyped]
import yaml
from vcr.errors import CannotOverwriteExistingCassetteException  # type: ignore[import-untyped]

from seedance import AsyncClient, Task, VideoRequest
from seedance._clock import Clock
from seedance._errors import (
    AuthenticationError,
    NotFoundError,
    ProviderError,
    SeedanceError,
    UnexpectedResponseError,
)
from seedance._providers._base import ModelInfo
from seedance.testing import FakeClock

REDACTED = "<REDACTED>"
BAD_KEY = "seedance-not-a-valid-key-0000"
"""The bad-key scenario's key (scrubbed like a real one)."""
REPLAY_KEY = "replayed-key"
MATCH_ON = ("method", "path", "query")
KEY_HEADERS = frozenset(
    {"authorization", "ocp-apim-subscription-key", "x-api-key", "api-key", "apikey", "cookie"}
)
"""Request headers whose value is a credential, whatever it holds."""
DROPPED_RESPONSE_HEADERS = frozenset({"set-cookie", "set-cookie2"})
MIN_KEY_LENGTH = 8
"""A shorter key would scrub ordinary text along with it."""
WAIT_TIMEOUT = 30 * 60.0
PROMPT = "A red fox trots through fresh snow at dawn, cinematic, soft light"
IMAGE_URL = "https://file.aiquickdraw.com/custom-page/akr/section-images/example1.png"
"""A public image: the example of Apikley's ``input_urls`` (specs/apikley)."""
UNKNOWN_TASK_IDS = {"apikley": "task_bytedance_1000000000000"}
"""A task id no account has, in the provider's own shape (default: Ark's ``cgt-...``)."""
UNKNOWN_TASK_ID = "cgt-20000101000000-zzzzz"
INVALID_EXTRAS: Mapping[str, Mapping[str, Any]] = {"apikley": {"generate_audio": "yes"}}
"""How to send what the provider refuses and the client passes on. Apikley: ``extra`` goes to
``input`` unchecked, and its spec makes ``generate_audio`` a boolean. The Ark family (default):
Ark's text commands in the prompt, which the client does not read (``--duration 99``)."""
INVALID_PROMPT_SUFFIX = " --duration 99"

Outcome = dict[str, Any]
"""``{"tasks": [...]}`` (Task.to_dict() of each task seen) or ``{"error": {...}}``."""


# ----------------------------------------------------------------------------- scrubbing

_URL = re.compile(r"https?://[^\s\"'<>\\?#]+\?(?:<REDACTED>|[^\s\"'<>\\#])*")
_QUERY_VALUE = re.compile(r"(?P<name>[^=&?]+)=[^&]*")


class Scrubber:
    """Removes secrets from text: the keys (also URL-encoded), and the values of every
    query parameter of a URL (signed result URLs carry signatures and credential ids)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        chosen = {s for s in secrets if s}
        chosen |= {quote(s, safe="") for s in chosen}
        self.secrets = sorted(chosen, key=len, reverse=True)

    def keys(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def text(self, text: str) -> str:
        """Keys and URL query values; a string holding JSON is scrubbed inside (a JSON
        string in a JSON body, as Apikley's ``resultJson``)."""
        text = self.keys(text)
        if text[:1] in "{[":
            try:
                inner = json.loads(text)
            except ValueError:
                pass
            else:
                scrubbed = self.value(inner)
                return text if scrubbed == inner else _dumps(scrubbed)
        return _URL.sub(lambda m: _QUERY_VALUE.sub(rf"\g<name>={REDACTED}", m[0]), text)

    def value(self, value: Any) -> Any:
        """Every string inside a JSON value, keys of objects included."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {self.text(k): self.value(v) for k, v in value.items()}
        return value

    def body(self, body: bytes | str | None) -> bytes | str | None:
        """A body: JSON walked (so an escape such as ``\\u0026`` can't hide a query), other
        text scrubbed as text, binary only of the keys."""
        if isinstance(body, bytes):
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                for secret in self.secrets:
                    body = body.replace(secret.encode(), REDACTED.encode())
                return body
            return self._text_body(text).encode("utf-8")
        return body if body is None else self._text_body(body)

    def _text_body(self, text: str) -> str:
        try:
            parsed = json.loads(text)
        except ValueError:
            return self.text(text)
        scrubbed = self.value(parsed)
        return text if scrubbed == parsed else _dumps(scrubbed)

    def request(self, request: Any) -> Any:
        """vcrpy's ``before_record_request`` (it hands over a copy)."""
        request.uri = self.keys(request.uri)
        request.body = self.body(request.body)
        for name in list(request.headers):
            value = str(request.headers[name])
            if name.lower() in KEY_HEADERS or self.keys(value) != value:
                request.headers[name] = REDACTED
        return request

    def response(self, response: dict[str, Any]) -> dict[str, Any]:
        """vcrpy's ``before_record_response`` (it hands over a deep copy)."""
        headers: dict[str, list[str]] = {}
        for name, values in response.get("headers", {}).items():
            if name.lower() in DROPPED_RESPONSE_HEADERS:
                continue
            headers[name] = [
                REDACTED if name.lower() in KEY_HEADERS else self.text(v) for v in values
            ]
        body = self.body(response.get("body", {}).get("string"))
        for name in [n for n in headers if n.lower() == "content-length"]:
            headers[name] = [str(len(body.encode() if isinstance(body, str) else body or b""))]
        response["headers"] = headers
        response["body"] = {"string": body}
        return response


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# ----------------------------------------------------------------------------- scenarios


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    run: Callable[[AsyncClient], Awaitable[list[Task]]]
    expect: Callable[[Outcome], str | None]
    """Why an outcome is not what the scenario is for, or None."""
    bad_key: bool = False


def _lowest(info: ModelInfo, option: str) -> int | str | None:
    """The smallest positive value the spec allows for an option (the cheapest run)."""
    spec = info.options.get(option)
    if spec is None:
        return None
    schema = spec.schema
    candidates = list(schema.get("enum") or [schema.get("minimum")])
    positive = [(_number(v), v) for v in candidates if v is not None and _number(v) > 0]
    return min(positive)[1] if positive else None


def _number(value: Any) -> float:
    """``-1`` -> -1, ``"480p"`` -> 480, ``"5"`` -> 5 (a string without digits: 0)."""
    if isinstance(value, int | float):
        return value
    digits = re.match(r"\d+", str(value))
    return int(digits[0]) if digits else 0


def cheapest(client: AsyncClient, *, images: int) -> VideoRequest:
    """The default model (or, if it can't take ``images`` images, the first that can) at
    its lowest resolution and shortest duration, from the spec."""
    infos = client.models()
    default = client.validate(VideoRequest(prompt=PROMPT)).model
    fitting = [i for i in infos if i.min_images <= images <= i.max_images]
    info = next((i for i in fitting if i.model == default), fitting[0])
    duration = _lowest(info, "duration")
    return VideoRequest(
        prompt=PROMPT,
        model=info.model,
        images=[IMAGE_URL] * images,
        resolution=_as_str(_lowest(info, "resolution")),
        duration=None if duration is None else int(duration),
    )


def _as_str(value: int | str | None) -> str | None:
    return None if value is None else str(value)


async def _succeed(client: AsyncClient, request: VideoRequest) -> list[Task]:
    submitted = await client.submit(request)
    seen: list[Task] = []
    done = await client.wait(
        submitted, timeout=WAIT_TIMEOUT, on_update=seen.append, raise_on_failure=False
    )
    return [submitted, *seen, done]


async def text_to_video(client: AsyncClient) -> list[Task]:
    return await _succeed(client, cheapest(client, images=0))


async def image_to_video(client: AsyncClient) -> list[Task]:
    return await _succeed(client, cheapest(client, images=1))


async def submit_default(client: AsyncClient) -> list[Task]:
    return [await client.submit(PROMPT)]


async def invalid_parameter(client: AsyncClient) -> list[Task]:
    extra = INVALID_EXTRAS.get(client.provider)
    if extra is not None:
        return [await client.submit(PROMPT, extra=dict(extra))]
    # Ark's text commands in the prompt. Pixazo's client refuses them (Pixazo reads its
    # options from the prompt), so the create goes past the checks, through the client's
    # own sender: what is recorded is the provider's refusal
    adapter = client.adapter
    request = VideoRequest(prompt=PROMPT + INVALID_PROMPT_SUFFIX, model=adapter.default_model)
    op = adapter.create(request, adapter.model_info(request.model), {}, [], None)
    answer = await client._run(client._sender.send(op))
    return [Task(id=adapter.created_id(answer), provider=client.provider)]


async def unknown_task(client: AsyncClient) -> list[Task]:
    return [await client.get(UNKNOWN_TASK_IDS.get(client.provider, UNKNOWN_TASK_ID))]


def _succeeded(outcome: Outcome) -> str | None:
    tasks = outcome.get("tasks")
    if not tasks:
        return f"no task: {outcome.get('error')}"
    last = tasks[-1]
    if last["status"] != "succeeded" or not last["video_url"]:
        return f"the task ended {last['status']} (video_url {last['video_url']!r})"
    return None


def _raised(*kinds: type[SeedanceError]) -> Callable[[Outcome], str | None]:
    names = {k.__name__ for k in kinds}

    def check(outcome: Outcome) -> str | None:
        error = outcome.get("error")
        if error is None or error["type"] not in names:
            return f"expected {' or '.join(sorted(names))}, got {error or outcome['tasks']}"
        return None

    return check


def _refused(outcome: Outcome) -> str | None:
    """The provider's refusal, understood: a ProviderError the client read, not a
    transport failure nor an answer it could not read."""
    error = outcome.get("error")
    if error is None:
        return f"the provider accepted it: {outcome['tasks']}"
    if not error["provider_error"] or error["type"] == UnexpectedResponseError.__name__:
        return f"not a refusal the client understood: {error}"
    return None


def _answered(outcome: Outcome) -> str | None:
    """Not found, or a task not visible yet (Apikley's "recordInfo is null")."""
    error = outcome.get("error")
    if error is not None:
        return _raised(NotFoundError)(outcome)
    return None if outcome["tasks"][0]["status"] == "queued" else f"found: {outcome['tasks']}"


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "text-to-video",
        "the default model, lowest resolution, shortest duration: submit, wait until done",
        text_to_video,
        _succeeded,
    ),
    Scenario(
        "image-to-video",
        "the same from one public image (Apikley's example image)",
        image_to_video,
        _succeeded,
    ),
    Scenario(
        "bad-key", "submit with a wrong key", submit_default, _raised(AuthenticationError), True
    ),
    Scenario(
        "invalid-parameter",
        "submit what the provider refuses and the client passes on (Apikley: a string for a "
        "boolean in extra; Ark family: --duration 99 in the prompt)",
        invalid_parameter,
        _refused,
    ),
    Scenario("unknown-task", "get a task id that does not exist", unknown_task, _answered),
)
BY_NAME = {s.name: s for s in SCENARIOS}


async def _outcome(
    scenario: Scenario,
    provider: str,
    key: str,
    base_url: str | None,
    clock: Clock | None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> tuple[Outcome, str]:
    """What the client returned or raised, and the base URL it used. The client is the one a
    user gets (every default), without the journal."""
    async with AsyncClient(
        provider,
        api_key=BAD_KEY if scenario.bad_key else key,
        base_url=base_url,
        journal=False,
        clock=clock,
        transport=transport,
    ) as client:
        try:
            tasks = await scenario.run(client)
        except SeedanceError as exc:
            return {"error": _error(exc)}, client.base_url
    return {"tasks": [task.to_dict() for task in tasks]}, client.base_url


def _error(exc: SeedanceError) -> dict[str, Any]:
    return {
        "type": type(exc).__name__,
        "message": str(exc),
        "provider_error": isinstance(exc, ProviderError),
        "status_code": getattr(exc, "status_code", None),
        "code": getattr(exc, "code", None),
    }


# ----------------------------------------------------------------------------- recording


@dataclass(frozen=True)
class Recorded:
    path: Path
    outcome: Outcome
    """As written (scrubbed)."""
    problem: str | None
    """Why the outcome is not what the scenario is for (the cassette is written anyway)."""


def _recorder(scrubber: Scrubber) -> Any:
    return vcr.VCR(
        serializer="yaml",
        record_mode="all",
        match_on=MATCH_ON,
        before_record_request=scrubber.request,
        before_record_response=scrubber.response,
        decode_compressed_response=True,
    )


def record(
    provider: str,
    out: Path,
    *,
    api_key: str,
    base_url: str | None = None,
    scenarios: Sequence[str] = tuple(BY_NAME),
    clock: Clock | None = None,
    log: Callable[[str], None] = print,
) -> list[Recorded]:
    """Record each scenario into ``out/<provider>/live-<scenario>.yaml`` (mode 0600)."""
    if len(api_key) < MIN_KEY_LENGTH:
        raise SystemExit(f"an API key of {len(api_key)} characters is too short to scrub safely")
    scrubber = Scrubber([api_key, BAD_KEY])
    written = []
    for name in scenarios:
        scenario = BY_NAME[name]
        path = out / provider / f"live-{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.unlink(missing_ok=True)
        log(f"{provider}: {name} ...")
        metadata: dict[str, Any] = {
            "source": "live",
            "provider": provider,
            "scenario": name,
            "description": scenario.description,
            "recorded_on": datetime.now(UTC).date().isoformat(),
            "made_by": f"make record-live PROVIDER={provider}",
        }
        try:
            with _recorder(scrubber).use_cassette(str(partial)) as cassette:
                cassette.get_metadata("seedance", metadata)
                outcome, used = asyncio.run(_outcome(scenario, provider, api_key, base_url, clock))
                outcome = scrubber.value(outcome)
                metadata["base_url"] = used
                metadata["outcome"] = outcome
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.chmod(0o600)
        os.replace(partial, path)
        problem = scenario.expect(outcome)
        log(f"{provider}: {name}: {'UNEXPECTED: ' + problem if problem else 'ok'} -> {path}")
        written.append(Recorded(path, outcome, problem))
    return written


# ----------------------------------------------------------------------------- replay


def metadata(path: Path) -> dict[str, Any]:
    """The ``seedance`` metadata block of a cassette this tool wrote."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    block: dict[str, Any] = data["metadata"]["seedance"]
    return block


def replay(path: Path) -> Outcome:
    """Run the cassette's scenario again through the real client, answered only by the
    cassette (vcrpy ``none`` mode, no network), on a clock that doesn't wait.

    Raises :class:`ReplayError` when the client asks for an answer the cassette doesn't hold,
    or doesn't ask for one it does."""
    about = metadata(path)
    scenario = BY_NAME[about["scenario"]]
    replayer = vcr.VCR(record_mode="none", match_on=MATCH_ON)

    async def run() -> Outcome:
        missing: list[BaseException] = []
        this = asyncio.current_task()
        assert this is not None

        def stop(error: BaseException) -> None:
            missing.append(error)
            this.cancel()

        try:
            outcome, _ = await _outcome(
                scenario,
                about["provider"],
                REPLAY_KEY,
                about["base_url"],
                FakeClock(),
                _Strict(stop),
            )
        except (asyncio.CancelledError, CannotOverwriteExistingCassetteException):
            if missing:
                raise ReplayError(f"{path.name}: {missing[0]}") from None
            raise
        return outcome

    with replayer.use_cassette(str(path), allow_playback_repeats=False) as cassette:
        outcome = asyncio.run(run())
        if not cassette.all_played:
            raise ReplayError(f"{path.name}: not every recorded answer was asked for")
    return outcome


class ReplayError(AssertionError):
    """The client did not ask for exactly the recorded requests."""


class _Strict(httpx.AsyncHTTPTransport):
    """httpx's own transport (which vcrpy answers) that stops the replay at the first request
    the cassette does not hold: the client would see an exception no live run raises, which
    some of its loops would outwait instead of failing."""

    def __init__(self, stop: Callable[[BaseException], None]) -> None:
        super().__init__()
        self._stop = stop

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await super().handle_async_request(request)
        except CannotOverwriteExistingCassetteException as error:
            self._stop(error)
            raise


# ----------------------------------------------------------------------------- command line


def env_key(provider: str) -> str:
    """The variable the client reads the provider's key from."""
    from seedance._providers import get_adapter

    return get_adapter(provider).env_key


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] = os.environ) -> int:
    from seedance._providers import ADAPTERS

    parser = argparse.ArgumentParser(
        prog="tools/record_live.py",
        description="Record cassettes of a provider through the real seedance client. The "
        "success scenarios create real, billed tasks.",
    )
    parser.add_argument("provider", choices=sorted(ADAPTERS))
    parser.add_argument("--out", type=Path, default=Path("cassettes"))
    parser.add_argument("--base-url", help="the API base URL (default: the spec's first server)")
    parser.add_argument(
        "--scenario", action="append", choices=list(BY_NAME), help="only this one (repeatable)"
    )
    args = parser.parse_args(argv)
    variable = env_key(args.provider)
    key = environ.get(variable)
    if not key:
        raise SystemExit(f"set {variable} to the {args.provider} API key to record live")

    def log(message: str) -> None:
        print(message, file=sys.stderr)

    written = record(
        args.provider,
        args.out,
        api_key=key,
        base_url=args.base_url,
        scenarios=args.scenario or tuple(BY_NAME),
        log=log,
    )
    return 1 if any(r.problem for r in written) else 0


if __name__ == "__main__":
    raise SystemExit(main())
