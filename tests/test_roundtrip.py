"""Property-based checks of the generated clients against their own specs.

- Every request body the spec allows survives ``from_dict`` -> ``to_dict`` unchanged.
- Every response body the spec allows parses through the operation's own parser.
- Unknown fields and unknown enum values in responses parse (forward compatibility).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis_jsonschema import from_schema

from tests.support.openapi import (
    PROVIDERS,
    answer_through,
    api_module,
    bundled,
    json_content_schema,
    model_class,
    operations,
    resolve,
    to_json_schema,
)

SETTINGS = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    database=None,
)
# ~100 response cases, most of them error envelopes of one shape per provider (each through
# its own status branch of the parser): fewer examples each keep the suite in budget, and
# every run draws new ones (no example database).
RESPONSE_SETTINGS = settings(SETTINGS, max_examples=5)


def _request_variants(provider: str) -> list[tuple[str, str]]:
    """(operation id, component name) of every named JSON request body (union members too)."""
    spec = bundled(provider)
    out: list[tuple[str, str]] = []

    def collect(operation_id: str, schema: dict[str, Any]) -> None:
        if "$ref" in schema:
            target = resolve(spec, schema)
            if "oneOf" not in target and "anyOf" not in target:
                out.append((operation_id, schema["$ref"].rsplit("/", 1)[-1]))
                return
            schema = target
        for variant in schema.get("oneOf", schema.get("anyOf", [])):
            collect(operation_id, variant)

    for _path, _method, operation in operations(provider):
        schema = json_content_schema(operation.get("requestBody", {}))
        if schema is not None:
            collect(operation["operationId"], schema)
    return out


REQUEST_CASES = [(p, op, comp) for p in PROVIDERS for op, comp in _request_variants(p)]


@pytest.mark.parametrize(
    ("provider", "operation_id", "component"), REQUEST_CASES, ids=lambda v: str(v)
)
def test_request_bodies_round_trip_through_the_generated_models(
    provider: str, operation_id: str, component: str
) -> None:
    spec = bundled(provider)
    schema = to_json_schema(spec, spec["components"]["schemas"][component])
    cls = model_class(provider, component)

    @SETTINGS
    @given(from_schema(schema))
    def check(body: Any) -> None:
        assert cls.from_dict(body).to_dict() == body

    check()


def _response_cases() -> list[tuple[str, str, str, str]]:
    cases = []
    for provider in PROVIDERS:
        for path, method, operation in operations(provider):
            for status, response in operation["responses"].items():
                if json_content_schema(resolve(bundled(provider), response)) is not None:
                    cases.append(
                        (
                            provider,
                            f"{method.upper()} {path}",
                            str(status),
                            operation["operationId"],
                        )
                    )
    return cases


@pytest.mark.parametrize(
    ("provider", "where", "status", "operation_id"), _response_cases(), ids=lambda v: str(v)
)
def test_response_bodies_from_the_spec_parse(
    provider: str, where: str, status: str, operation_id: str
) -> None:
    spec = bundled(provider)
    method, path = where.split(" ", 1)
    operation = spec["paths"][path][method.lower()]
    schema = to_json_schema(
        spec, json_content_schema(resolve(spec, operation["responses"][status]))
    )
    module = api_module(provider, operation)

    @RESPONSE_SETTINGS
    @given(from_schema(schema))
    def check(body: Any) -> None:
        parsed = answer_through(provider, module, int(status), json.dumps(body).encode())
        assert parsed.status_code == int(status)
        assert parsed.parsed is not None, f"{where} {status} did not parse {body!r}"

    check()


# ----------------------------------------------------------------------- forward compatibility


def test_apikley_task_details_with_unknown_state_code_and_fields_parse() -> None:
    from apikley_client.api.default import get_task_details
    from apikley_client.models import TaskDetailsResponse, TaskRecord, TaskRecordState

    body = {
        "code": 433,
        "msg": "a code no document lists",
        "newTopLevelField": {"x": 1},
        "data": {
            "taskId": "task_1",
            "state": "thinking_very_hard",
            "someNewField": [1, 2],
            "resultJson": "",
            "createTime": 1765186736000,
        },
    }
    parsed = answer_through("apikley", get_task_details, 200, json.dumps(body).encode()).parsed
    assert isinstance(parsed, TaskDetailsResponse)
    assert parsed.code == 433
    assert parsed.additional_properties["newTopLevelField"] == {"x": 1}
    assert isinstance(parsed.data, TaskRecord)
    assert parsed.data.state == "thinking_very_hard"
    assert not isinstance(parsed.data.state, TaskRecordState)
    assert parsed.data.additional_properties["someNewField"] == [1, 2]
    assert parsed.to_dict() == body, "nothing is lost on the way through"

    known = {**body, "data": {**body["data"], "state": "success"}}  # type: ignore[dict-item]
    parsed = answer_through("apikley", get_task_details, 200, json.dumps(known).encode()).parsed
    assert isinstance(parsed, TaskDetailsResponse) and isinstance(parsed.data, TaskRecord)
    assert parsed.data.state is TaskRecordState.SUCCESS


def test_ark_task_with_unknown_status_parses() -> None:
    spec = bundled("ark")
    operation = spec["paths"]["/contents/generations/tasks/{id}"]["get"]
    module = api_module("ark", operation)
    body = {
        "id": "cgt-1",
        "model": "seedance-1-5-pro-251215",
        "status": "paused_for_lunch",
        "brand_new": True,
    }
    parsed = answer_through("ark", module, 200, json.dumps(body).encode()).parsed
    assert parsed.status == "paused_for_lunch"
    assert parsed.to_dict() == body


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_response_enum_is_open(provider: str) -> None:
    """No enum reachable only from a response is closed (the bundler opened them all)."""
    spec = bundled(provider)
    for path, method, operation in operations(provider):
        for status, response in operation["responses"].items():
            schema = json_content_schema(resolve(spec, response))
            for where, node in _walk(spec, schema, f"{method} {path} {status}", set()):
                if "enum" in node and node["enum"] != [None]:  # [None]: a null marker
                    pytest.fail(f"{provider}: closed enum at {where}: {node['enum']}")


def _walk(spec: dict[str, Any], node: Any, where: str, seen: set[str]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            if node["$ref"] in seen:
                return
            seen.add(node["$ref"])
            target = resolve(spec, node)
            # an enum component referenced next to its plain type is an open enum
            if "enum" in target:
                return
            yield from _walk(spec, target, f"{where}->{node['$ref']}", seen)
            return
        yield where, node
        for key, value in node.items():
            if key in ("enum", "example", "examples", "default"):
                continue
            yield from _walk(spec, value, f"{where}.{key}", seen)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(spec, value, f"{where}[{i}]", seen)
