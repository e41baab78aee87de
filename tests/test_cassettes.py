"""The cassettes in cassettes/: documented shapes, no secrets, replayable, up to date.

For every cassette file (fake recordings, live recordings, vendor examples):
(a) every JSON response body validates against its operation's documented response schema
    for that status in the provider's bundled spec (so a live recording checks the spec);
(b) no API key, and no ``Authorization`` / ``Ocp-Apim-Subscription-Key`` value other than
    ``<REDACTED>``;
(c) the generated client replays it (vcrpy, replay only) and parses every answer into the
    documented model;
and (d) ``make cassettes`` is up to date: recording again gives the same bytes.
Result-video requests (the ones carrying a ``Range`` header) are media, not API calls.
"""

from __future__ import annotations

import enum
import importlib
import json
import os
import re
import typing
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import jsonschema
import pytest
import vcr  # type: ignore[import-untyped]
import yaml
from openapi_python_client.strings import pascal_case, snake_case

from seedance.testing import record
from tests.support.openapi import (
    ROOT,
    api_module,
    bundled,
    json_content_schema,
    model_class,
    resolve,
    to_json_schema,
)

CASSETTES = ROOT / "cassettes"
FILES = sorted(CASSETTES.glob("*/*.yaml"))
IDS = [f"{p.parent.name}/{p.stem}" for p in FILES]
REPLAY_HOST = "http://replay.invalid"
AUTH_NAMES = {name.lower() for name in record.AUTH_HEADERS}


@cache
def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _interactions(path: Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(i["request"], i["response"]) for i in _load(path)["interactions"]]


def _header(headers: dict[str, list[str]], name: str) -> list[str]:
    return [v for k, values in headers.items() if k.lower() == name.lower() for v in values]


def _is_media(request: dict[str, Any]) -> bool:
    """The result-video download: the only request the recorder sends with ``Range``."""
    return bool(_header(request.get("headers", {}), "Range"))


def _body_text(body: Any) -> str:
    if isinstance(body, bytes):
        return body.decode("utf-8")
    return "" if body is None else str(body)


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


def _operation(
    provider: str, request: dict[str, Any]
) -> tuple[str, str, dict[str, Any], dict[str, str]]:
    """(server prefix used, path template, operation, path parameters) of a request."""
    path = urlsplit(request["uri"]).path
    prefix = _server_prefix(provider)
    candidates = [("", path)]
    if prefix and path.startswith(prefix + "/"):
        candidates.insert(0, (prefix, path[len(prefix) :]))
    spec = bundled(provider)
    for used, relative in candidates:
        for pattern, template in _templates(provider):
            match = pattern.match(relative)
            method = request["method"].lower()
            if match and method in spec["paths"][template]:
                return used, template, spec["paths"][template][method], match.groupdict()
    pytest.fail(f"{request['method']} {path} is not an operation of the {provider} spec")


# ----------------------------------------------------------------------------- (a) the spec


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_response_bodies_match_the_documented_schema(path: Path) -> None:
    provider = path.parent.name
    spec = bundled(provider)
    for number, (request, response) in enumerate(_interactions(path)):
        if _is_media(request):
            continue
        _, template, operation, _ = _operation(provider, request)
        status = str(response["status"]["code"])
        where = f"{path.name} #{number} {request['method']} {template} -> {status}"
        documented = operation["responses"]
        assert status in documented, f"{where}: status not documented ({sorted(documented)})"
        schema = json_content_schema(resolve(spec, documented[status]))
        assert schema is not None, f"{where}: the spec documents no JSON body"
        text = _body_text(response["body"]["string"])
        try:
            body = json.loads(text)
        except ValueError:
            pytest.fail(f"{where}: the body is not JSON: {text[:200]!r}")
        validator = jsonschema.Draft4Validator(
            to_json_schema(spec, schema), format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
        )
        error = jsonschema.exceptions.best_match(validator.iter_errors(body))
        if error is not None:
            at = "/".join(str(p) for p in error.absolute_path) or "(body)"
            pytest.fail(f"{where}: {at}: {error.message}\nbody: {text[:500]}")


# ----------------------------------------------------------------------------- (b) secrets


def _known_keys() -> list[str]:
    keys = [record.RECORDING_KEY, record.BAD_KEY]
    keys += [os.environ[p.env_var] for p in record.PROVIDERS.values() if os.environ.get(p.env_var)]
    return keys


AUTH_LINE = re.compile(
    r"^(?P<indent>\s*)(?P<name>authorization|ocp-apim-subscription-key):\s*\n"
    r"(?P=indent)-\s*(?P<value>.*)$",
    re.IGNORECASE | re.MULTILINE,
)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_no_secrets(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for key in _known_keys():
        assert key not in text, f"{path.name} contains an API key"
    for match in AUTH_LINE.finditer(text):
        assert match["value"] == record.REDACTED, f"{path.name}: {match['name']} not redacted"
    assert not re.search(rf"Bearer\s+(?!{re.escape(record.REDACTED)})\S", text), path.name
    for request, response in _interactions(path):
        for headers in (request.get("headers", {}), response.get("headers", {})):
            for name, values in headers.items():
                if name.lower() in AUTH_NAMES:
                    assert values == [record.REDACTED] * len(values), f"{path.name}: {name}"


def test_the_scan_would_see_an_unredacted_header() -> None:
    """The raw-text check above matches the way vcrpy writes headers."""
    text = "    headers:\n      Authorization:\n      - Bearer sk-live-123\n"
    assert [m["value"] for m in AUTH_LINE.finditer(text)] == ["Bearer sk-live-123"]


# ----------------------------------------------------------------------------- (c) replay


@cache
def _client(provider: str, base_url: str) -> Any:
    """One generated client per provider and base URL (an httpx client is slow to make)."""
    package = importlib.import_module(f"{provider}_client")
    options: dict[str, Any] = {}
    for scheme in bundled(provider)["components"]["securitySchemes"].values():
        if scheme["type"] == "apiKey" and scheme["in"] == "header":
            options = {"auth_header_name": scheme["name"], "prefix": ""}
    return package.AuthenticatedClient(
        base_url=base_url, token="replay-token", raise_on_unexpected_status=True, **options
    )


@cache
def _media_client() -> httpx.Client:
    return httpx.Client()


def _members(annotation: Any) -> list[Any]:
    members = typing.get_args(annotation) or (annotation,)
    return [m for m in members if m is not type(None) and getattr(m, "__name__", "") != "Unset"]


def _body(annotation: Any, data: Any, where: str) -> Any:
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
    operation: dict[str, Any],
    module: Any,
    request: dict[str, Any],
    path_params: dict[str, str],
    where: str,
) -> dict[str, Any]:
    spec = bundled(provider)
    hints = typing.get_type_hints(module.sync_detailed)
    query = parse_qsl(urlsplit(request["uri"]).query, keep_blank_values=True)
    kwargs: dict[str, Any] = {}
    parameters = [*spec["paths"][template].get("parameters", []), *operation.get("parameters", [])]
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
        kwargs["body"] = _body(hints["body"], json.loads(body), where)
    return kwargs


def _expected(provider: str, operation: dict[str, Any], status: int) -> tuple[type, ...]:
    """The generated classes the documented answer parses into."""
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


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_generated_client_replays_and_parses(path: Path) -> None:
    provider = path.parent.name
    replayer = vcr.VCR(record_mode="none", match_on=("method", "path", "query"))
    with replayer.use_cassette(str(path)) as cassette:
        for number, (request, response) in enumerate(_interactions(path)):
            status = response["status"]["code"]
            if _is_media(request):
                media = _media_client().get(request["uri"], headers={"Range": record.MEDIA_RANGE})
                assert media.status_code == status
                assert 0 < len(media.content) <= record.MEDIA_BYTES
                continue
            prefix, template, operation, path_params = _operation(provider, request)
            where = f"{path.name} #{number} {request['method']} {template}"
            module = api_module(provider, operation)
            kwargs = _arguments(provider, template, operation, module, request, path_params, where)
            answer = module.sync_detailed(client=_client(provider, REPLAY_HOST + prefix), **kwargs)
            assert answer.status_code == status, where
            expected = _expected(provider, operation, status)
            assert isinstance(answer.parsed, expected), (
                f"{where} -> {status}: parsed {type(answer.parsed).__name__}, "
                f"expected {' or '.join(c.__name__ for c in expected)}"
            )
        assert cassette.all_played, f"{path.name}: not every recorded answer was replayed"


# ----------------------------------------------------------------------------- (d) up to date


def test_make_cassettes_is_up_to_date(tmp_path: Path) -> None:
    written = record.record_all(tmp_path, log=lambda message: None)
    assert written, "nothing was recorded"
    fresh = {p.relative_to(tmp_path) for p in written}
    recorded_providers = {p.parts[0] for p in fresh if not p.name.startswith("vendor-example-")}
    for relative in sorted(fresh):
        committed = CASSETTES / relative
        assert committed.exists(), f"cassettes/{relative} is missing: run `make cassettes`"
        assert committed.read_bytes() == (tmp_path / relative).read_bytes(), (
            f"cassettes/{relative} is stale: run `make cassettes`"
        )
    for committed in FILES:
        relative = committed.relative_to(CASSETTES)
        if committed.name.startswith("live-"):
            continue
        if relative.parts[0] in recorded_providers or committed.name.startswith("vendor-example-"):
            assert relative in fresh, f"cassettes/{relative} is no longer recorded: delete it"


def test_every_provider_with_a_fake_has_its_cassettes() -> None:
    for provider in record.PROVIDERS:
        names = {p.stem for p in FILES if p.parent.name == provider}
        if record.fake_available(provider):
            missing = {s.name for s in record.SCENARIOS} - names
            assert not missing, f"{provider}: no cassette for {sorted(missing)}"
        missing = {c.name for c in record.VENDOR_EXAMPLES[provider]} - names
        assert not missing, f"{provider}: no vendor-example cassette {sorted(missing)}"


def test_live_recording_refuses_without_a_key(tmp_path: Path) -> None:
    for provider in record.PROVIDERS.values():
        with pytest.raises(SystemExit, match=provider.env_var):
            record.record_live(provider.name, tmp_path, lambda message: None, environ={})
    assert not any(tmp_path.iterdir())
