"""What adapters of one-body-per-model documents share (kie.ai's market, cloned by
Apikley): every variant of the create operation's ``oneOf`` is a model, and every field of
its ``input`` states its role (specs/CONVENTIONS.md, "Field roles"): the prompt, a unified
option (``x-seedance-option``), a media slot (``x-seedance-media``) or a pass-through. The
modes come from ``x-seedance-modes``. So a new model document needs no code here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any, ClassVar

from attrs import define

from .._images import ImageLimits
from .._models import ImageRole, VideoRequest
from .._modes import SLOTS, counts_from_fields
from .._spec import resolve
from ._base import Adapter, CreateBody, ModelInfo, Option

IMAGE_SLOTS = ("first_frame", "last_frame", "reference_image")
# a media field's role -> the mode slots it fills, in order; `reference` fills
# reference_<kind>
ROLE_SLOTS = {
    "first_frame": ("first_frame",),
    "last_frame": ("last_frame",),
    "frames": ("first_frame", "last_frame"),
}
ROLES = ("prompt", "option", "media", "passthrough")


@define(frozen=True)
class Variant:
    """One model of the create operation's ``oneOf``."""

    component: str
    """The generated request class."""
    inputs: Mapping[str, Any]
    prompt: str
    """The ``input`` field with ``x-seedance-prompt``."""
    media: Mapping[str, Mapping[str, Any]]
    """``input`` field -> its ``x-seedance-media``."""
    info: ModelInfo


class FieldRolesAdapter(Adapter):
    """Models, media mapping, image limits and the create body, from the field roles."""

    create_module: ClassVar[str]
    """The generated api module of the create operation."""

    @cached_property
    def _variants(self) -> dict[str, Variant]:
        body = self.spec["paths"][self.create_path]["post"]["requestBody"]
        schema = body["content"]["application/json"]["schema"]
        out: dict[str, Variant] = {}
        for ref in schema.get("oneOf", [schema]):
            variant = resolve(self.spec, ref)
            model = variant["properties"]["model"]["enum"][0]
            inputs = resolve(self.spec, variant["properties"]["input"])
            out[model] = self._variant(model, str(ref["$ref"]).rsplit("/", 1)[-1], inputs)
        return out

    def _variant(self, model: str, component: str, inputs: Mapping[str, Any]) -> Variant:
        props: Mapping[str, Any] = inputs.get("properties", {})
        roles = {name: _role_of(field) for name, field in props.items()}
        media = {n: props[n]["x-seedance-media"] for n, r in roles.items() if r == "media"}
        options = {
            props[n]["x-seedance-option"]: Option(props[n]["x-seedance-option"], n, props[n])
            for n, r in roles.items()
            if r == "option"
        }
        modes = tuple(inputs.get("x-seedance-modes", ()))
        prompt = next((n for n, r in roles.items() if r == "prompt"), "prompt")
        images = [_images_in(mode) for mode in modes]
        required = any(name in media for name in inputs.get("required", []))
        info = ModelInfo(
            provider=self.name,
            model=model,
            options=options,
            prompt=props.get(prompt, {"type": "string"}),
            min_images=min(low for low, _ in images) if images else int(required),
            max_images=max(high for _, high in images) if images else _most(props, media, "image"),
            image_roles=tuple(
                ImageRole(slot)
                for slot in IMAGE_SLOTS
                if any(slot in _slots(m) for m in media.values())
            ),
            max_videos=_most(props, media, "video"),
            max_audios=_most(props, media, "audio"),
            modes=modes,
        )
        return Variant(component, inputs, prompt, media, info)

    def models(self) -> list[ModelInfo]:
        return [variant.info for variant in self._variants.values()]

    def media_counts(self, request: VideoRequest, info: ModelInfo) -> dict[str, int]:
        """Counted from the ``input`` fields the request would fill (``seedance._modes``),
        ``extra`` included: a media field given there counts too."""
        properties = self._variants[info.model].inputs.get("properties", {})
        urls = [image.describe() for image in request.images]
        given = {**self.media(request, info, urls), **request.extra}
        return counts_from_fields(properties, given) if given else dict.fromkeys(SLOTS, 0)

    def media(
        self, request: VideoRequest, info: ModelInfo, image_urls: Sequence[str]
    ) -> dict[str, Any]:
        """The media fields of ``input``: each URL to the field whose role fills its slot."""
        if not (request.images or request.videos or request.audios):
            return {}  # nothing to place (a text-only request, the common case)
        slots: dict[str, list[str]] = {slot: [] for slot in SLOTS}
        for url, role in zip(image_urls, self.image_slots(request, info), strict=True):
            slots[role.value].append(url)
        slots["reference_video"] = [m.source for m in request.videos]
        slots["reference_audio"] = [m.source for m in request.audios]
        payload: dict[str, Any] = {}
        variant = self._variants[info.model]
        for name, media in variant.media.items():
            taken = [(slot, url) for slot in _slots(media) for url in slots[slot]]
            taken = taken if media.get("many") else taken[:1]
            for slot, _ in taken:  # taken from the front of each slot, in order
                slots[slot].pop(0)
            if taken:
                payload[name] = [u for _, u in taken] if media.get("many") else taken[0][1]
        left = {slot: len(urls) for slot, urls in slots.items() if urls}
        if left:
            message = f"media: {self.name} model {info.model} has no field for {left}"
            raise self.invalid(info, message, "media", left, sorted(variant.media))
        return payload

    def image_limits(self, request: VideoRequest, info: ModelInfo) -> list[ImageLimits]:
        """The root limits narrowed by the ``max_bytes``/``types`` of each image's field."""
        fields = [m for m in self._variants[info.model].media.values() if m["kind"] == "image"]
        return [
            self.root_image_limits.narrowed(
                ImageLimits.of(next((m for m in fields if role.value in _slots(m)), None))
            )
            for role in self.image_slots(request, info)
        ]

    def create_body(
        self, request: VideoRequest, info: ModelInfo, fields: dict[str, Any], urls: Sequence[str]
    ) -> CreateBody:
        """``{"model", "input"}``: the prompt, options, media, then ``extra``. Required
        fields the user left out get the spec's default (e.g. aspect_ratio)."""
        variant = self._variants[info.model]
        properties = variant.inputs.get("properties", {})
        payload: dict[str, Any] = {
            name: properties[name]["default"]
            for name in variant.inputs.get("required", [])
            if properties.get(name, {}).get("default") is not None
        }
        payload.update({variant.prompt: request.prompt}, **fields)
        payload.update({**self.media(request, info, urls), **request.extra})
        return self.create_module, variant.component, {"model": info.model, "input": payload}


def _role_of(field: Mapping[str, Any]) -> str:
    """Which field role a field carries (the bundler checks it has exactly one)."""
    return next((role for role in ROLES if f"x-seedance-{role}" in field), "passthrough")


def _slots(media: Mapping[str, Any]) -> tuple[str, ...]:
    """The mode slots a media field fills."""
    return ROLE_SLOTS.get(media["role"], (f"reference_{media['kind']}",))


def _images_in(mode: Mapping[str, Any]) -> tuple[int, int]:
    """(min, max) images a mode takes."""
    slots = [limits for slot, limits in (mode.get("media") or {}).items() if slot in IMAGE_SLOTS]
    return sum(s.get("min", 0) for s in slots), sum(s["max"] for s in slots)


def _most(props: Mapping[str, Any], media: Mapping[str, Mapping[str, Any]], kind: str) -> int:
    """How many items of ``kind`` the fields take together."""
    return sum(
        int(props[name].get("maxItems", 1)) if field.get("many") else 1
        for name, field in media.items()
        if field["kind"] == kind
    )
