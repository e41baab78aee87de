"""Our ``x-seedance-*`` extensions (specs/CONVENTIONS.md): the vendor overlay and the checks.

Why here and not in the adapters: the wrapper and the fakes read these extensions to map
a unified request onto each model's fields. A malformed extension must stop
``make generate`` with a message naming the file and the place, not surface as a wrong
request at run time.

- :func:`apply_overlay` lays ``x-seedance-overlay`` (extras.yaml) over the vendor's model
  documents. It only adds ``x-`` keys to properties the vendor wrote, so the vendor's text
  stays as it was.
- :func:`check_document` checks every per-field extension, every ``x-seedance-modes`` and
  the root ``x-seedance-image-limits`` / ``x-seedance-models`` tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

OPTIONS = frozenset(
    {
        "duration",
        "aspect_ratio",
        "resolution",
        "seed",
        "camera_fixed",
        "audio",
        "watermark",
        "return_last_frame",
        "web_search",
    }
)
KINDS = frozenset({"image", "video", "audio"})
# `frames`: one ordered list, first item the first frame, second the last frame
ROLES = frozenset({"first_frame", "last_frame", "reference", "frames"})
SLOTS = (
    "first_frame",
    "last_frame",
    "reference_image",
    "reference_video",
    "reference_audio",
)
FIELD_MARKERS = (
    "x-seedance-prompt",
    "x-seedance-option",
    "x-seedance-media",
    "x-seedance-passthrough",
)
MEDIA_KEYS = frozenset({"kind", "role", "many", "max_bytes", "types", "max_total_seconds"})
MODE_KEYS = frozenset({"name", "media", "requires_one_of", "description"})
MIME = re.compile(r"^(image|video|audio)/[0-9A-Za-z.+-]+$")

Json = Any
Fail = Callable[[str, str], Exception]


def slots_of(media: Mapping[str, Any]) -> tuple[str, ...]:
    """The mode slots a media field fills (``frames`` fills both frame slots)."""
    role = media["role"]
    if role == "reference":
        return (f"reference_{media['kind']}",)
    if role == "frames":
        return ("first_frame", "last_frame")
    return (str(role),)


# --------------------------------------------------------------------------- overlay


def apply_overlay(doc: Json, overlay: Json, fail: Fail, pascal: Callable[[str], str]) -> None:
    """Add the overlay's ``x-`` keys to each named model's ``<Model>Input`` schema."""
    schemas = doc.get("components", {}).get("schemas", {})
    for model, entry in (overlay.get("models") or {}).items():
        where = f"x-seedance-overlay.models.{model}"
        name = pascal(model) + "Input"
        target = schemas.get(name)
        if target is None:
            raise fail(where, f"no vendor document defines model {model!r} ({name})")
        extra = entry.get("input", {})
        for key, value in extra.items():
            if key == "properties":
                for prop, additions in value.items():
                    here = f"{where}.input.properties.{prop}"
                    if prop not in target.get("properties", {}):
                        raise fail(here, f"the vendor's {name} has no property {prop!r}")
                    bad = [k for k in additions if not str(k).startswith("x-")]
                    if bad:
                        raise fail(here, f"an overlay may only add x- keys, not {bad}")
                    for k, v in additions.items():
                        if k in target["properties"][prop]:
                            raise fail(f"{here}.{k}", "already set by the vendor document")
                        target["properties"][prop][k] = v
            elif str(key).startswith("x-"):
                if key in target:
                    raise fail(f"{where}.input.{key}", "already set by the vendor document")
                target[key] = value
            else:
                raise fail(f"{where}.input.{key}", "an overlay may only add x- keys")


# --------------------------------------------------------------------------- checks


def check_document(doc: Json, fail: Fail) -> None:
    """Check every ``x-seedance-*`` extension of one bundled document."""
    schemas = doc.get("components", {}).get("schemas", {})
    for name, schema in schemas.items():
        if not isinstance(schema, dict):
            continue
        media_fields: dict[str, Json] = {}
        for prop, sub in (schema.get("properties") or {}).items():
            if not isinstance(sub, dict):
                continue
            where = f"components.schemas.{name}.properties.{prop}"
            markers = [m for m in FIELD_MARKERS if m in sub]
            if len(markers) > 1:
                raise fail(where, f"a field carries one of {list(FIELD_MARKERS)}, not {markers}")
            if "x-seedance-option" in sub and sub["x-seedance-option"] not in OPTIONS:
                raise fail(
                    f"{where}.x-seedance-option",
                    f"{sub['x-seedance-option']!r} is not one of {sorted(OPTIONS)}",
                )
            if "x-seedance-media" in sub:
                _check_media(sub, where, fail)
                media_fields[prop] = sub["x-seedance-media"]
        if "x-seedance-modes" in schema:
            filled = {slot for m in media_fields.values() for slot in slots_of(m)}
            check_modes(
                schema["x-seedance-modes"],
                f"components.schemas.{name}.x-seedance-modes",
                filled,
                fail,
            )
    if "x-seedance-image-limits" in doc:
        check_image_limits(doc["x-seedance-image-limits"], "x-seedance-image-limits", fail)
    table = doc.get("x-seedance-models")
    if isinstance(table, dict):
        pattern = table.get("endpoint_pattern")
        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise fail("x-seedance-models.endpoint_pattern", f"not a regex: {exc}") from exc
        for model, entry in (table.get("models") or {}).items():
            if "modes" in entry:
                where = f"x-seedance-models.models.{model}"
                check_modes(entry["modes"], f"{where}.modes", set(SLOTS), fail)
                _check_modes_fit_counts(entry, where, fail)


def _check_media(sub: Json, where: str, fail: Fail) -> None:
    media = sub["x-seedance-media"]
    here = f"{where}.x-seedance-media"
    if not isinstance(media, dict):
        raise fail(here, "must be a mapping {kind, role, many}")
    unknown = set(media) - MEDIA_KEYS
    if unknown:
        raise fail(here, f"unknown keys {sorted(unknown)}")
    if media.get("kind") not in KINDS:
        raise fail(here, f"kind {media.get('kind')!r} is not one of {sorted(KINDS)}")
    if media.get("role") not in ROLES:
        raise fail(here, f"role {media.get('role')!r} is not one of {sorted(ROLES)}")
    if media["role"] in ("first_frame", "last_frame", "frames") and media["kind"] != "image":
        raise fail(here, "a frame is an image")
    many = media.get("many")
    if not isinstance(many, bool):
        raise fail(here, "many must be true (a list of URLs) or false (one URL)")
    is_list = sub.get("type") == "array"
    if many != is_list:
        raise fail(here, f"many is {many} but the field's type is {sub.get('type')!r}")
    if media["role"] == "frames" and not many:
        raise fail(here, "role frames is an ordered list (many: true)")
    if "max_bytes" in media and not (
        isinstance(media["max_bytes"], int) and media["max_bytes"] > 0
    ):
        raise fail(f"{here}.max_bytes", "a positive integer")
    for mime in media.get("types", []):
        if not MIME.match(str(mime)) or not str(mime).startswith(media["kind"]):
            raise fail(f"{here}.types", f"{mime!r} is not a {media['kind']}/* MIME type")


def check_modes(modes: Json, where: str, filled: set[str], fail: Fail) -> None:
    """Modes: a non-empty list; each names the slots it allows, with ``{min, max}`` counts."""
    here = where
    if not isinstance(modes, list) or not modes:
        raise fail(here, "a non-empty list of modes")
    names = set()
    for index, mode in enumerate(modes):
        at = f"{here}[{index}]"
        if not isinstance(mode, dict) or not isinstance(mode.get("name"), str):
            raise fail(at, "a mode is a mapping with a name")
        if mode["name"] in names:
            raise fail(at, f"mode {mode['name']!r} is listed twice")
        names.add(mode["name"])
        unknown = set(mode) - MODE_KEYS
        if unknown:
            raise fail(at, f"unknown keys {sorted(unknown)}")
        media = mode.get("media") or {}
        for slot, limits in media.items():
            if slot not in SLOTS:
                raise fail(f"{at}.media.{slot}", f"not one of {list(SLOTS)}")
            if slot not in filled:
                raise fail(f"{at}.media.{slot}", "no field of this model fills this slot")
            low, high = limits.get("min", 0), limits.get("max")
            if not (isinstance(low, int) and isinstance(high, int) and 0 <= low <= high and high):
                raise fail(f"{at}.media.{slot}", "needs integers 0 <= min <= max, max >= 1")
        for slot in mode.get("requires_one_of", []):
            if slot not in media:
                raise fail(f"{at}.requires_one_of", f"{slot!r} is not a slot of this mode")
    signatures = [frozenset(m.get("media") or {}) for m in modes]
    if len(set(signatures)) != len(signatures):
        raise fail(here, "two modes allow the same slots; merge them")


def _check_modes_fit_counts(entry: Json, where: str, fail: Fail) -> None:
    """The modes never allow more media of a kind than the model's ``images``/``videos``/
    ``audios`` counts (both describe one model; they must agree)."""
    kinds = {"image": "images", "video": "videos", "audio": "audios"}
    for mode in entry["modes"]:
        media = mode.get("media") or {}
        per_kind = {"image": 0, "video": 0, "audio": 0}
        for slot, limits in media.items():
            kind = "image" if slot in ("first_frame", "last_frame") else slot.split("_", 1)[1]
            per_kind[kind] += int(limits["max"])
        for kind, most in per_kind.items():
            allowed = int((entry.get(kinds[kind]) or {}).get("max", 0))
            if most > allowed:
                raise fail(
                    f"{where}.modes.{mode['name']}",
                    f"allows {most} {kind}s but {kinds[kind]}.max is {allowed}",
                )


def check_model_inputs(doc: Json, input_names: list[str], fail: Fail) -> None:
    """Every field of a per-model ``input`` says what it carries (one marker each), so an
    adapter maps a new model by reading the spec alone."""
    schemas = doc["components"]["schemas"]
    for name in input_names:
        for prop, sub in (schemas[name].get("properties") or {}).items():
            if not any(m in sub for m in FIELD_MARKERS):
                raise fail(
                    f"components.schemas.{name}.properties.{prop}",
                    f"carries none of {list(FIELD_MARKERS)} (add one in the document or in "
                    "extras.yaml's x-seedance-overlay)",
                )


def check_image_limits(limits: Json, where: str, fail: Fail) -> None:
    if not isinstance(limits, dict):
        raise fail(where, "a mapping {max_bytes, types, source}")
    if not (isinstance(limits.get("max_bytes"), int) and limits["max_bytes"] > 0):
        raise fail(f"{where}.max_bytes", "a positive integer")
    types = limits.get("types")
    if not isinstance(types, list) or not types:
        raise fail(f"{where}.types", "a non-empty list of image MIME types")
    for mime in types:
        if not MIME.match(str(mime)) or not str(mime).startswith("image/"):
            raise fail(f"{where}.types", f"{mime!r} is not an image/* MIME type")
    if not isinstance(limits.get("source"), str) or not limits["source"]:
        raise fail(f"{where}.source", "say where the limits come from")
