"""The documents in specs/: valid, complete in their error answers, vendor text kept apart."""

from __future__ import annotations

import copy
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from seedance._modes import counts_from_ark_content, counts_from_fields, fitting_mode
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


# ----------------------------------------------------------------- x-seedance extensions


FIXTURES = Path(__file__).parent / "fixtures" / "specs"
MARKERS = bundle_specs.spec_extensions.FIELD_MARKERS


def apikley_models(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """model id -> its resolved ``input`` schema, from the bundled createTask ``oneOf``."""
    body = spec["paths"]["/api/v1/jobs/createTask"]["post"]["requestBody"]
    out = {}
    for ref in body["content"]["application/json"]["schema"]["oneOf"]:
        variant = resolve(spec, ref)
        out[variant["properties"]["model"]["enum"][0]] = resolve(
            spec, variant["properties"]["input"]
        )
    return out


def test_every_apikley_input_field_says_what_it_carries() -> None:
    """One marker per field, on the seeds (through the overlay) and on our documents."""
    models = apikley_models(bundled("apikley"))
    assert {"bytedance/seedance-2", "bytedance/seedance-2-fast"} <= set(models)
    for model, inputs in models.items():
        for field, schema in inputs["properties"].items():
            found = [m for m in MARKERS if m in schema]
            assert len(found) == 1, (model, field, found)
        assert inputs.get("x-seedance-modes"), model
        assert [f for f, s in inputs["properties"].items() if "x-seedance-prompt" in s] == [
            "prompt"
        ], model


def test_the_seed_documents_get_their_roles_from_the_overlay() -> None:
    models = apikley_models(bundled("apikley"))
    frames = models["bytedance/seedance-1.5-pro"]["properties"]["input_urls"]
    assert frames["x-seedance-media"] == {
        "kind": "image",
        "role": "frames",
        "many": True,
        "max_bytes": 10485760,
        "types": ["image/jpeg", "image/png", "image/webp"],
    }
    lens = models["bytedance/seedance-1.5-pro"]["properties"]["fixed_lens"]
    assert lens["x-seedance-option"] == "camera_fixed"
    image = models["bytedance/v1-pro-fast-image-to-video"]["properties"]["image_url"]
    assert image["x-seedance-media"]["role"] == "first_frame"
    vendor = (SPECS / "apikley" / "vendor" / "bytedance-seedance-1.5-pro.yaml").read_text()
    assert "x-seedance" not in vendor, "the vendor's text stays as the vendor wrote it"


KIE_2X_ROLES = {
    "prompt": ("x-seedance-prompt", True),
    "first_frame_url": ("x-seedance-media", ("image", "first_frame", False)),
    "last_frame_url": ("x-seedance-media", ("image", "last_frame", False)),
    "reference_image_urls": ("x-seedance-media", ("image", "reference", True)),
    "reference_video_urls": ("x-seedance-media", ("video", "reference", True)),
    "reference_audio_urls": ("x-seedance-media", ("audio", "reference", True)),
    "return_last_frame": ("x-seedance-option", "return_last_frame"),
    "generate_audio": ("x-seedance-option", "audio"),
    "resolution": ("x-seedance-option", "resolution"),
    "aspect_ratio": ("x-seedance-option", "aspect_ratio"),
    "duration": ("x-seedance-option", "duration"),
    "web_search": ("x-seedance-option", "web_search"),
}


def _role(schema: dict[str, Any]) -> tuple[str, Any]:
    marker = next(m for m in MARKERS if m in schema)
    value = schema[marker]
    if marker == "x-seedance-media":
        value = (value["kind"], value["role"], value["many"])
    return marker, value


@pytest.fixture(scope="module")
def fixture_bundle(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The Apikley bundle with the kie 2.x fixture document dropped into vendor/."""
    specs = tmp_path_factory.mktemp("specs") / "specs"
    shutil.copytree(SPECS, specs, ignore=shutil.ignore_patterns("_bundled"))
    shutil.copy(FIXTURES / "bytedance-seedance-fixture-2x.yaml", specs / "apikley" / "vendor")
    doc: dict[str, Any] = bundle_specs.bundle_provider(specs / "apikley")
    return doc


def test_a_document_with_kie_2x_field_names_yields_a_model_with_those_roles(
    fixture_bundle: dict[str, Any],
) -> None:
    inputs = apikley_models(fixture_bundle)["bytedance/seedance-fixture-2x"]
    roles = {field: _role(schema) for field, schema in inputs["properties"].items()}
    assert roles == KIE_2X_ROLES
    # the real Seedance 2 document says the same about the same field names
    real = apikley_models(bundled("apikley"))["bytedance/seedance-2"]["properties"]
    assert {f: _role(s) for f, s in real.items()} == KIE_2X_ROLES


def test_the_fixture_models_modes_are_exclusive_as_the_spec_says(
    fixture_bundle: dict[str, Any],
) -> None:
    inputs = apikley_models(fixture_bundle)["bytedance/seedance-fixture-2x"]
    modes, props = inputs["x-seedance-modes"], inputs["properties"]

    def mode(**payload: Any) -> str | None:
        return fitting_mode(modes, counts_from_fields(props, {"prompt": "p", **payload}))

    one, two = ["https://x/1.png"], ["https://x/1.png", "https://x/2.png"]
    assert mode() == "text_to_video"
    assert mode(first_frame_url="https://x/f.png") == "first_frame"
    assert mode(first_frame_url="f", last_frame_url="l") == "first_last_frames"
    assert mode(reference_image_urls=two, reference_audio_urls=one) == "multimodal_reference"
    assert mode(last_frame_url="l") is None, "a last frame needs a first frame"
    assert mode(first_frame_url="f", reference_video_urls=one) is None, "frames + references"
    assert mode(reference_audio_urls=one) is None, "an audio needs an image or video"
    assert mode(reference_image_urls=one * 10) is None, "at most 9 reference images"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_provider_states_its_image_limits(provider: str) -> None:
    limits = bundled(provider)["x-seedance-image-limits"]
    assert limits["max_bytes"] > 0 and limits["types"] and limits["source"]
    assert all(t.startswith("image/") for t in limits["types"])


def test_media_field_limits_agree_with_the_models_modes_and_the_provider() -> None:
    """A mode never allows more items than the field's maxItems; a one-URL field one; an
    image field never allows more bytes or other types than the provider's image limits."""
    spec = bundled("apikley")
    provider = spec["x-seedance-image-limits"]
    for model, inputs in apikley_models(spec).items():
        capacity: dict[str, int] = {}
        for field, schema in inputs["properties"].items():
            media = schema.get("x-seedance-media")
            if media is None:
                continue
            room = int(schema.get("maxItems", 1_000_000)) if media["many"] else 1
            for slot in bundle_specs.spec_extensions.slots_of(media):
                capacity[slot] = capacity.get(slot, 0) + (1 if media["role"] == "frames" else room)
            if media["kind"] == "image":
                assert media.get("max_bytes", 0) <= provider["max_bytes"], (model, field)
                assert set(media.get("types", [])) <= set(provider["types"]), (model, field)
        for mode in inputs["x-seedance-modes"]:
            for slot, limits in (mode.get("media") or {}).items():
                assert limits["max"] <= capacity[slot], (model, mode["name"], slot)


def test_ark_models_modes_and_facts_from_public_sources() -> None:
    table = bundled("ark")["x-seedance-models"]
    models = table["models"]
    assert {
        "dreamina-seedance-2-0-mini-260615",
        "dreamina-seedance-2-5-260628",
    } <= set(models)
    resolution = {m: e["options"]["resolution"]["enum"] for m, e in models.items()}
    assert "1080p" in resolution["seedance-1-5-pro-251215"]
    assert resolution["dreamina-seedance-2-0-fast-260128"] == ["480p", "720p"]
    assert "4k" in resolution["dreamina-seedance-2-0-260128"]
    assert models["dreamina-seedance-2-5-260628"]["videos"]["max"] == 10
    for model, entry in models.items():
        names = [m["name"] for m in entry["modes"]]
        if model.startswith("dreamina-"):
            assert names == [
                "text_to_video",
                "first_frame",
                "first_last_frames",
                "multimodal_reference",
            ], model
        # a first frame and a reference video are never one request
        mixed = counts_from_ark_content(
            [
                {"type": "image_url", "role": "first_frame"},
                {"type": "video_url", "role": "reference_video"},
            ]
        )
        assert fitting_mode(entry["modes"], mixed) is None, model


def test_ark_endpoint_ids_and_task_types_are_in_the_spec() -> None:
    spec = bundled("ark")
    pattern = re.compile(spec["x-seedance-models"]["endpoint_pattern"])
    assert pattern.match("ep-20250101-abcde")
    assert not any(pattern.match(m) for m in spec["x-seedance-models"]["models"])
    request = spec["components"]["schemas"]["CreateContentGenerationTaskRequest"]
    task_type = request["properties"]["omni_reference_task_type"]
    enum = resolve(spec, task_type["anyOf"][0])["enum"]
    assert enum == ["auto", "reference", "edit", "extend"]
    rules = spec["x-seedance-models"]["task_type_rules"]
    assert rules["edit"] == {
        "duration": {"type": "integer", "enum": [-1]},
        "ratio": {"enum": ["adaptive"]},
    }
    properties = request["properties"]
    for dropped in ("optimize_prompt", "reasoning_effort", "subdivision_level", "file_format"):
        assert dropped not in properties, f"{dropped}: no public source (specs/README.md)"
    role = spec["components"]["schemas"]["ImageContent"]["properties"]["role"]
    assert "mask" not in role["enum"]


def test_the_apikley_upload_host_is_marked_a_placeholder() -> None:
    """No invented host passes for a real one: every upload server is flagged."""
    spec = bundled("apikley")
    uploads = [p for p in spec["paths"] if p.startswith("/api/file-")]
    assert uploads
    for path in uploads:
        for server in spec["paths"][path]["servers"]:
            assert server.get("x-seedance-placeholder") is True, path
    for server in spec["servers"]:
        assert "x-seedance-placeholder" not in server


def test_specs_readme_names_every_model_document_and_model() -> None:
    readme = (SPECS / "README.md").read_text()
    for file in sorted((SPECS / "apikley" / "vendor").glob("*.yaml")):
        assert f"vendor/{file.name}" in readme, file.name
    for model in bundled("ark")["x-seedance-models"]["models"]:
        assert model in readme, model


# ----------------------------------------------------------------- the bundler refuses


def _seed2(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    specs = tmp_path / "specs"
    shutil.copytree(SPECS, specs, ignore=shutil.ignore_patterns("_bundled"))
    file = specs / "apikley" / "vendor" / "bytedance-seedance-2.yaml"
    return specs, yaml.safe_load(file.read_text())


def _inputs(doc: dict[str, Any]) -> dict[str, Any]:
    body = doc["paths"]["/api/v1/jobs/createTask"]["post"]["requestBody"]
    inputs: dict[str, Any] = body["content"]["application/json"]["schema"]["properties"]["input"]
    return inputs


BROKEN: dict[str, tuple[Any, str]] = {
    "no marker": (lambda i: i["properties"]["web_search"].pop("x-seedance-option"), "carries none"),
    "two markers": (
        lambda i: i["properties"]["prompt"].update({"x-seedance-passthrough": True}),
        "carries one of",
    ),
    "unknown option": (
        lambda i: i["properties"]["duration"].update({"x-seedance-option": "length"}),
        "'length' is not one of",
    ),
    "many but one URL": (
        lambda i: i["properties"]["first_frame_url"]["x-seedance-media"].update({"many": True}),
        "many is True but",
    ),
    "a video frame": (
        lambda i: i["properties"]["first_frame_url"]["x-seedance-media"].update({"kind": "video"}),
        "a frame is an image",
    ),
    "unknown slot": (
        lambda i: i["x-seedance-modes"][1]["media"].update({"mask": {"min": 1, "max": 1}}),
        "not one of",
    ),
    "min above max": (
        lambda i: i["x-seedance-modes"][1]["media"].update({"first_frame": {"min": 2, "max": 1}}),
        "0 <= min <= max",
    ),
    "same slots twice": (
        lambda i: i["x-seedance-modes"].append(
            {"name": "again", "media": {"first_frame": {"min": 1, "max": 1}}}
        ),
        "allow the same slots",
    ),
    "requires a slot the mode lacks": (
        lambda i: i["x-seedance-modes"][1].update({"requires_one_of": ["reference_video"]}),
        "is not a slot of this mode",
    ),
    "slot no field fills": (
        lambda i: [i["properties"].pop("reference_audio_urls"), i["required"]],
        "no field of this model fills",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_the_bundler_refuses_a_malformed_extension_naming_where(tmp_path: Path, case: str) -> None:
    specs, doc = _seed2(tmp_path)
    breaks, message = BROKEN[case]
    breaks(_inputs(doc))
    (specs / "apikley" / "vendor" / "bytedance-seedance-2.yaml").write_text(yaml.safe_dump(doc))
    with pytest.raises(bundle_specs.SpecError) as caught:
        bundle_specs.bundle_provider(specs / "apikley")
    assert message in str(caught.value), str(caught.value)
    assert "BytedanceSeedance2Input" in str(caught.value) or "apikley" in str(caught.value)


@pytest.mark.parametrize(
    ("overlay", "message"),
    [
        ({"prompt": {"description": "ours"}}, "may only add x- keys"),
        ({"no_such_field": {"x-seedance-passthrough": True}}, "has no property 'no_such_field'"),
        ({"prompt": {"type": "string"}}, "may only add x- keys"),
    ],
)
def test_the_overlay_only_adds_x_keys_to_fields_the_vendor_wrote(
    tmp_path: Path, overlay: dict[str, Any], message: str
) -> None:
    specs = tmp_path / "specs"
    shutil.copytree(SPECS, specs, ignore=shutil.ignore_patterns("_bundled"))
    extras_file = specs / "apikley" / "extras.yaml"
    extras = yaml.safe_load(extras_file.read_text())
    entry = extras["x-seedance-overlay"]["models"]["bytedance/seedance-1.5-pro"]["input"]
    entry["properties"].update(overlay)
    extras_file.write_text(yaml.safe_dump(extras, sort_keys=False))
    with pytest.raises(bundle_specs.SpecError) as caught:
        bundle_specs.bundle_provider(specs / "apikley")
    assert message in str(caught.value)
    assert "extras.yaml" in str(caught.value)


def test_ark_modes_may_not_allow_more_than_the_models_counts(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    shutil.copytree(SPECS, specs, ignore=shutil.ignore_patterns("_bundled"))
    file = specs / "ark" / "ark.yaml"
    doc = yaml.safe_load(file.read_text())
    doc["x-seedance-models"]["models"]["dreamina-seedance-2-0-260128"]["videos"]["max"] = 2
    file.write_text(yaml.safe_dump(doc, sort_keys=False))
    with pytest.raises(bundle_specs.SpecError) as caught:
        bundle_specs.bundle_provider(specs / "ark")
    assert "allows 3 videos but videos.max is 2" in str(caught.value)


@pytest.mark.parametrize("provider", ["gptproto", "pixazo"])
def test_resellers_modes_are_arks_narrowed_to_what_they_take(provider: str) -> None:
    ark = {
        model: {m["name"]: m for m in entry["modes"]}
        for model, entry in bundled("ark")["x-seedance-models"]["models"].items()
    }
    for model, entry in bundled(provider)["x-seedance-models"]["models"].items():
        assert entry["modes"], (provider, model)
        for mode in entry["modes"]:
            upstream = ark[model][mode["name"]]
            for slot, limits in (mode.get("media") or {}).items():
                assert slot in upstream["media"], (provider, model, mode["name"], slot)
                assert limits["max"] <= upstream["media"][slot]["max"], (provider, model, slot)
