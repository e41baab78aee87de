"""The documents in specs/: valid, complete in their error answers, vendor text kept apart."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.openapi import (
    PROVIDERS,
    SPECS,
    bundled,
    json_content_schema,
    operations,
    resolve,
)

sys.path.insert(0, str(SPECS.parent / "tools"))
import bundle_specs

SOURCE_FILES = sorted(p for p in SPECS.glob("*/**/*.yaml") if not p.parent.name.startswith("_"))

# The envelope each provider wraps its errors in (required keys of the error schema).
ERROR_ENVELOPE = {
    "apikley": {"code", "msg"},
    "pixazo": {"error"},
    "gptproto": {"error"},
    "ark": {"error"},
}


@pytest.mark.parametrize("file", SOURCE_FILES, ids=lambda p: str(p.relative_to(SPECS)))
def test_every_source_document_is_valid_openapi(file: Path) -> None:
    doc = bundle_specs.load_yaml(file)
    bundle_specs.validate(doc, file)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_bundled_document_is_valid_openapi(provider: str) -> None:
    bundle_specs.validate(bundled(provider), f"{provider} bundle")


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_operation_documents_its_errors_in_the_provider_envelope(provider: str) -> None:
    spec = bundled(provider)
    envelope = ERROR_ENVELOPE[provider]
    for path, method, operation in operations(provider):
        statuses = {str(s) for s in operation["responses"]}
        where = f"{provider} {method.upper()} {path}"
        assert "200" in statuses, where
        assert any(s.startswith("4") for s in statuses), f"{where}: no 4xx answer documented"
        assert any(s.startswith("5") for s in statuses), f"{where}: no 5xx answer documented"
        for status, response in operation["responses"].items():
            response = resolve(spec, response)
            schema = json_content_schema(response)
            assert schema is not None, f"{where} {status}: no JSON content (would become Any)"
            if str(status).startswith(("4", "5")):
                assert envelope <= _property_names(spec, schema), (
                    f"{where} {status}: error schema lacks the envelope keys {sorted(envelope)}"
                )


def _property_names(spec: dict[str, Any], schema: Any) -> set[str]:
    schema = resolve(spec, schema)
    names = set(schema.get("properties", {}))
    for key in ("allOf", "oneOf", "anyOf"):
        for sub in schema.get(key, []):
            names |= _property_names(spec, sub)
    return names


def test_apikley_vendor_request_bodies_survive_bundling_unchanged() -> None:
    """The bundle holds each vendor's createTask body as the vendor wrote it, only named
    (and, for the seed documents, with our overlay's ``x-seedance-*`` keys added)."""
    spec = bundled("apikley")
    schemas = spec["components"]["schemas"]
    for file in sorted((SPECS / "apikley" / "vendor").glob("*.yaml")):
        vendor = yaml.safe_load(file.read_text())
        body = vendor["paths"]["/api/v1/jobs/createTask"]["post"]["requestBody"]
        original = body["content"]["application/json"]["schema"]
        name = bundle_specs.pascal(original["properties"]["model"]["enum"][0]) + "Request"
        rebuilt = copy.deepcopy(schemas[name])
        rebuilt["properties"]["input"] = copy.deepcopy(
            resolve(spec, rebuilt["properties"]["input"])
        )
        expected = _with_overlay(original)
        assert _without_enum_names(rebuilt) == expected, file.name


def _with_overlay(original: dict[str, Any]) -> dict[str, Any]:
    """A vendor body with extras.yaml's overlay entry for its model laid over it."""
    extras = yaml.safe_load((SPECS / "apikley" / "extras.yaml").read_text())
    model = original["properties"]["model"]["enum"][0]
    entry = extras["x-seedance-overlay"]["models"].get(model, {}).get("input", {})
    expected = copy.deepcopy(original)
    inputs = expected["properties"]["input"]
    for key, value in entry.items():
        if key == "properties":
            for prop, additions in value.items():
                inputs["properties"][prop].update(additions)
        else:
            inputs[key] = value
    return expected


def _without_enum_names(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_enum_names(v) for k, v in node.items() if k != "x-enum-varnames"}
    if isinstance(node, list):
        return [_without_enum_names(v) for v in node]
    return node


def test_apikley_create_body_is_a_oneof_over_every_vendor_model() -> None:
    spec = bundled("apikley")
    body = spec["paths"]["/api/v1/jobs/createTask"]["post"]["requestBody"]
    variants = body["content"]["application/json"]["schema"]["oneOf"]
    models = {resolve(spec, v)["properties"]["model"]["enum"][0] for v in variants}
    vendor_models = {
        yaml.safe_load(f.read_text())["paths"]["/api/v1/jobs/createTask"]["post"]["requestBody"][
            "content"
        ]["application/json"]["schema"]["properties"]["model"]["enum"][0]
        for f in (SPECS / "apikley" / "vendor").glob("*.yaml")
    }
    assert models == vendor_models


def test_extras_may_not_change_a_vendor_value(tmp_path: Path) -> None:
    base = {"paths": {"/x": {"post": {"summary": "vendor text"}}}}
    extra = {"paths": {"/x": {"post": {"summary": "ours", "callbacks": {}}}}}
    with pytest.raises(bundle_specs.SpecError) as caught:
        bundle_specs.deep_merge_add_only(base, extra, tmp_path / "extras.yaml")
    assert "paths./x.post.summary" in str(caught.value)
    assert "extras.yaml" in str(caught.value)
    assert "vendor text" in str(caught.value)


def test_specs_readme_lists_every_addition() -> None:
    """Every operation we wrote (extras and our own documents) is named in specs/README.md."""
    readme = (SPECS / "README.md").read_text()
    ours = [SPECS / "apikley" / "extras.yaml"] + [
        SPECS / p / f"{p}.yaml" for p in PROVIDERS if (SPECS / p / f"{p}.yaml").exists()
    ]
    for file in ours:
        doc = yaml.safe_load(file.read_text())
        for path, item in doc["paths"].items():
            for method in item:
                if method in ("get", "post", "delete", "put", "patch"):
                    assert path in readme, f"{file.name}: {method.upper()} {path} not in README"
        assert file.name in readme


def test_enum_values_that_are_not_identifiers_get_names_from_their_value() -> None:
    from apikley_client.models import (
        BytedanceSeedance15ProInputAspectRatio,
        BytedanceSeedance15ProInputResolution,
    )

    assert BytedanceSeedance15ProInputAspectRatio.VALUE_16_9.value == "16:9"
    assert BytedanceSeedance15ProInputAspectRatio.VALUE_21_9.value == "21:9"
    assert BytedanceSeedance15ProInputResolution.VALUE_480P.value == "480p"
    names = [m.name for m in BytedanceSeedance15ProInputAspectRatio]
    assert not any(n.startswith("VALUE_") and n[6:].isdigit() for n in names), names
