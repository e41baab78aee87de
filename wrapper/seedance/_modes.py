"""Which of a model's media modes a request is in (specs/CONVENTIONS.md, "Modes").

Seedance 2.x's first frame, first + last frames and references are mutually exclusive; a
request's media, counted per slot, must fit one of the modes the spec lists. The wrapper and
the fakes read the spec through these same functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

SLOTS = ("first_frame", "last_frame", "reference_image", "reference_video", "reference_audio")
ARK_ITEM_KINDS = {"image_url": "image", "video_url": "video", "audio_url": "audio"}


def fitting_mode(modes: Sequence[Mapping[str, Any]], counts: Mapping[str, int]) -> str | None:
    """The name of the first mode ``counts`` fits, or None."""
    for mode in modes:
        media: Mapping[str, Mapping[str, int]] = mode.get("media") or {}
        if any(n and slot not in media for slot, n in counts.items()):
            continue
        if not all(
            limits.get("min", 0) <= counts.get(slot, 0) <= limits["max"]
            for slot, limits in media.items()
        ):
            continue
        required = mode.get("requires_one_of") or []
        if required and not any(counts.get(slot, 0) for slot in required):
            continue
        return str(mode["name"])
    return None


def mode_problem(
    model: str, modes: Sequence[Mapping[str, Any]], counts: Mapping[str, int]
) -> str | None:
    """None if ``counts`` fit a mode, else a message naming what was given and every mode."""
    if fitting_mode(modes, counts) is not None:
        return None
    given = ", ".join(f"{n} {slot}" for slot, n in counts.items() if n) or "none"
    modes_text = "; ".join(describe(m) for m in modes)
    return f"the media given ({given}) fit none of {model}'s modes: {modes_text}"


def describe(mode: Mapping[str, Any]) -> str:
    media: Mapping[str, Mapping[str, int]] = mode.get("media") or {}
    if not media:
        return f"{mode['name']} (no media)"
    parts = []
    for slot, limits in media.items():
        low, high = limits.get("min", 0), limits["max"]
        parts.append(f"{slot} {low}" if low == high else f"{slot} {low}-{high}")
    text = f"{mode['name']} ({', '.join(parts)}"
    if mode.get("requires_one_of"):
        text += f"; at least one {' or '.join(mode['requires_one_of'])}"
    return text + ")"


def counts_from_fields(properties: Mapping[str, Any], payload: Mapping[str, Any]) -> dict[str, int]:
    """Slot counts of a kie-style ``input`` payload, read through ``x-seedance-media``."""
    counts = dict.fromkeys(SLOTS, 0)
    for name, schema in properties.items():
        media = schema.get("x-seedance-media") if isinstance(schema, Mapping) else None
        value = payload.get(name)
        if media is None or value in (None, "", []):
            continue
        items = value if isinstance(value, list) else [value]
        if media["role"] == "frames":
            for slot, _ in zip(("first_frame", "last_frame"), items, strict=False):
                counts[slot] += 1
        elif media["role"] == "reference":
            counts[f"reference_{media['kind']}"] += len(items)
        else:
            counts[media["role"]] += len(items)
    return counts


def counts_from_ark_content(content: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Slot counts of an Ark ``content`` list. An image with no role is the first frame
    when it is the only image (Ark's rule), else a reference image."""
    counts = dict.fromkeys(SLOTS, 0)
    images = sum(1 for item in content if item.get("type") == "image_url")
    for item in content:
        kind = ARK_ITEM_KINDS.get(str(item.get("type")))
        if kind is None:
            continue
        role = item.get("role")
        if not role:
            role = "first_frame" if kind == "image" and images == 1 else f"reference_{kind}"
        counts[str(role)] = counts.get(str(role), 0) + 1
    return counts
