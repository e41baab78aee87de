"""Cassettes for the tests: the loader, the checks every cassette must pass, and recordings
made by tools/record_live.py against each provider's fake over loopback.

A cassette is what ``make record-live`` writes (a vcrpy YAML file with a ``seedance``
metadata block). The checks:
- :func:`check_documented`: every answer's status and JSON body are what the provider's
  bundled spec documents for that operation (so a live recording checks the spec);
- :func:`check_no_secrets`: no known key anywhere, every key header ``<REDACTED>``;
- :func:`check_generated_replay`: the generated client (``<provider>_client``) replays the
  requests (vcrpy, record mode ``none``) and parses each answer into the documented model.
"""

from __future__ import annotations

import contextlib
import enum
import importlib
import json
import re
import typing
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import jsonschema
import vcr  # type: ignore[import-untyped]
import yaml
from openapi_python_client.strings import pascal_case, snake_case

from seedance import AsyncClient
from seedance.serving import serve_in_thread
from seedance.testing import FakeClock, fake_for
from tests.support.openapi import (
    ROOT,
    api_module,
    bundled,
    json_content_schema,
    model_class,
    resolve,
    to_json_schema,
)
from tools import record_live

CASSETTES = ROOT / "cassettes"
REPLAY_HOST = "http://replay.invalid"


def committed(provider: str) -> list[Path]:
    """The cassettes in cassettes/<provider>/ (recorded by key holders with make record-live)."""
    return sorted((CASSETTES / provider).glob("*.yaml"))


@cache
def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def interactions(path: Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(i["request"], i["response"]) for i in _load(path)["interactions"]]


def _body_text(body: Any) -> str:
    if isinstance(body, bytes):
        return body.decode("utf-8")
    return "" if body is None else str(body)


# ----------------------------------------------------------------------------- operations


def _server_prefix(provider: str) -> str:
    url: str = bundled(provider)["servers"][0]["url"]
    return urlsplit(url).path.rstrip("/")


@cache
def _templates(provider: str) -> list[tuple[re.Pattern[str], str]]:
    out = []
    for template in bundled(provider)["paths"]:
        parts = re.split(r"\{([^}]+)\}", template)
        pattern = "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>[^/]+)" for i, part in enumerate(parts)
        )
        out.append((re.compile(f"^{pattern}$"), template))
    return out


def operation(
    provider: str, method: str, url: str
) -> tuple[str, str, dict[str, Any], dict[str, str]]:
    """(server prefix used, path template, operation, path parameters) of a request."""
    path = urlsplit(url).path
    prefix = _server_prefix(provider)
    candidates = [("", path)]
    if prefix and path.startswith(prefix + "/"):
        candidates.insert(0, (prefix, path[len(prefix) :]))
    spec = bundled(provider)
    for used, relative in candidates:
        for pattern, template in _templates(provider):
            match = pattern.match(relative)
            if match and method.lower() in spec["paths"][template]:
                return used, template, spec["paths"][template][method.lower()], match.groupdict()
    raise AssertionError(f"{method} {path} is not an operation of the {provider} spec")


def expected_models(provider: str, operation: dict[str, Any], status: int) -> tuple[type, ...]:
    """The generated classes the documented answer of ``status`` parses into."""
    spec = bundled(provider)
    schema = json_content_schema(resolve(spec, operation["responses"][str(status)]))
    assert schema is not None
    if "$ref" not in schema:  # an inline schema: the generator names it after the operation
        return (
            model_class(provider, pascal_case(f"{operation['operationId']}_response_{status}")),
        )
    target = resolve(spec, schema)
    variants = target.get("oneOf") or target.get("anyOf") or []
    if variants and all("$ref" in v for v in variants):
        return tuple(model_class(provider, v["$ref"].rsplit("/", 1)[-1]) for v in variants)
    return (model_class(provider, schema["$ref"].rsplit("/", 1)[-1]),)


def documented_problem(
    provider: str, operation: dict[str, Any], status: int, body: Any
) -> str | None:
    """Why an answer is not what the spec documents (status and JSON body), or None."""
    spec = bundled(provider)
    documented = operation["responses"]
    if str(status) not in documented:
        return f"status {status} not documented ({sorted(documented)})"
    schema = json_content_schema(resolve(spec, documented[str(status)]))
    if schema is None:
        return "the spec documents no JSON body"
    validator = jsonschema.Draft4Validator(
        to_json_schema(spec, schema), format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    error = jsonschema.exceptions.best_match(validator.iter_errors(body))
    if error is None:
        return None
    at = "/".join(str(p) for p in error.absolute_path) or "(body)"
    return f"{at}: {error.message}"


# ----------------------------------------------------------------------------- the checks


def check_documented(provider: str, path: Path) -> None:
    for number, (request, response) in enumerate(interactions(path)):
        _, template, op, _ = operation(provider, request["method"], request["uri"])
        status = response["status"]["code"]
        where = f"{path.name} #{number} {request['method']} {template} -> {status}"
        text = _body_text(response["body"]["string"])
        try:
            body = json.loads(text)
        except ValueError:
            raise AssertionError(f"{where}: the body is not JSON: {text[:200]!r}") from None
        problem = documented_problem(provider, op, status, body)
        assert problem is None, f"{where}: {problem}\nbody: {text[:500]}"


AUTH_LINE = re.compile(
    r"^(?P<indent>\s*)(?P<name>authorization|ocp-apim-subscription-key):\s*\n"
    r"(?P=indent)-\s*(?P<value>.*)$",
    re.IGNORECASE | re.MULTILINE,
)


def check_no_secrets(path: Path, keys: Sequence[str]) -> None:
    text = path.read_text(encoding="utf-8")
    for key in keys:
        assert key not in text, f"{path.name} contains an API key"
    for match in AUTH_LINE.finditer(text):
        assert match["value"] == record_live.REDACTED, f"{path.name}: {match['name']} not redacted"
    assert not re.search(rf"Bearer\s+(?!{re.escape(record_live.REDACTED)})\S", text), path.name
    assert "set-cookie" not in text.lower(), f"{path.name} keeps a Set-Cookie header"
    for request, response in interactions(path):
        for headers in (request.get("headers", {}), response.get("headers", {})):
            for name, values in headers.items():
                if name.lower() in record_live.KEY_HEADERS:
                    assert values == [record_live.REDACTED] * len(values), f"{path.name}: {name}"


@cache
def _generated_client(provider: str, base_url: str) -> Any:
    """One generated client per provider and base URL (an httpx client is slow to make)."""
    package = importlib.import_module(f"{provider}_client")
    options: dict[str, Any] = {}
    for scheme in bundled(provider)["components"]["securitySchemes"].values():
        if scheme["type"] == "apiKey" and scheme["in"] == "header":
            options = {"auth_header_name": scheme["name"], "prefix": ""}
    return package.AuthenticatedClient(
        base_url=base_url, token="replay-token", raise_on_unexpected_status=True, **options
    )


def _members(annotation: Any) -> list[Any]:
    members = typing.get_args(annotation) or (annotation,)
    return [m for m in members if m is not type(None) and getattr(m, "__name__", "") != "Unset"]


def _request_model(annotation: Any, data: Any, where: str) -> Any:
    """The generated request model holding ``data`` (the variant that round-trips it)."""
    parsed = []
    for cls in _members(annotation):
        try:
            model = cls.from_dict(data)
        except (KeyError, ValueError, TypeError, AttributeError):
            continue
        if model.to_dict() == data:
            return model
        parsed.append(model)
    assert parsed, f"{where}: no generated request model takes the recorded body {data!r}"
    return parsed[0]


def _argument(annotation: Any, schema: dict[str, Any], values: list[str]) -> Any:
    if schema.get("type") == "array":
        return values
    if schema.get("type") == "integer":
        return int(values[0])
    for member in _members(annotation):
        if isinstance(member, type) and issubclass(member, enum.Enum):
            return member(values[0])
    return values[0]


def _arguments(
    provider: str,
    template: str,
    op: dict[str, Any],
    module: Any,
    request: dict[str, Any],
    path_params: dict[str, str],
    where: str,
) -> dict[str, Any]:
    spec = bundled(provider)
    hints = typing.get_type_hints(module.sync_detailed)
    query = parse_qsl(urlsplit(request["uri"]).query, keep_blank_values=True)
    kwargs: dict[str, Any] = {}
    parameters = [*spec["paths"][template].get("parameters", []), *op.get("parameters", [])]
    for parameter in (resolve(spec, p) for p in parameters):
        name = snake_case(parameter["name"])
        if parameter["in"] == "path":
            kwargs[name] = path_params[parameter["name"]]
        elif parameter["in"] == "query":
            values = [v for k, v in query if k == parameter["name"]]
            if values:
                schema = resolve(spec, parameter.get("schema", {}))
                kwargs[name] = _argument(hints[name], schema, values)
    body = _body_text(request.get("body"))
    if "body" in hints and body:
        kwargs["body"] = _request_model(hints["body"], json.loads(body), where)
    return kwargs


def check_generated_replay(provider: str, path: Path) -> None:
    replayer = vcr.VCR(record_mode="none", match_on=record_live.MATCH_ON)
    with replayer.use_cassette(str(path)) as cassette:
        for number, (request, response) in enumerate(interactions(path)):
            status = response["status"]["code"]
            prefix, template, op, path_params = operation(
                provider, request["method"], request["uri"]
            )
            where = f"{path.name} #{number} {request['method']} {template}"
            module = api_module(provider, op)
            kwargs = _arguments(provider, template, op, module, request, path_params, where)
            client = _generated_client(provider, REPLAY_HOST + prefix)
            answer = module.sync_detailed(client=client, **kwargs)
            assert answer.status_code == status, where
            expected = expected_models(provider, op, status)
            assert isinstance(answer.parsed, expected), (
                f"{where} -> {status}: parsed {type(answer.parsed).__name__}, "
                f"expected {' or '.join(c.__name__ for c in expected)}"
            )
        assert cassette.all_played, f"{path.name}: not every recorded answer was replayed"


# ----------------------------------------------------------------------------- recordings


def fake_key(provider: str) -> str:
    return f"fake-{provider}-recording-key-5c1e9a7f3b"


@contextlib.contextmanager
def served_fake(provider: str, *, wrap: Any = None) -> Iterator[tuple[str, FakeClock]]:
    """The provider's fake over loopback (as ``seedance fake serve`` runs it), on a clock the
    client shares (its waits move the fake's tasks on): (API base URL, clock)."""
    clock = FakeClock()
    fake = fake_for(provider, api_key=fake_key(provider), clock=clock)
    with serve_in_thread(fake.app if wrap is None else wrap(fake.app)) as url:
        fake.public_url = url
        default = AsyncClient(provider, api_key="unused", journal=False).base_url
        yield url + urlsplit(default).path.rstrip("/"), clock


_recorded: dict[str, list[record_live.Recorded]] = {}


def recorded(provider: str, root: Path) -> list[record_live.Recorded]:
    """Every scenario of tools/record_live.py against the provider's fake, once per process."""
    if provider not in _recorded:
        with served_fake(provider) as (base_url, clock):
            _recorded[provider] = record_live.record(
                provider,
                root,
                api_key=fake_key(provider),
                base_url=base_url,
                clock=clock,
                log=lambda message: None,
            )
    return _recorded[provider]
