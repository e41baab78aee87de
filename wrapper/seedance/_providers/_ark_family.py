"""What the Ark-format providers share (Ark itself, and the resellers GPTProto and Pixazo,
which speak Ark underneath): models from the spec's ``x-seedance-models`` table, content
items with image roles, Ark's task object and its ``{"error": ...}`` envelope.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any, ClassVar

from attrs import evolve

from .. import _errors as errors
from .._call import Answer, Operation
from .._errors import ValidationError
from .._models import ImageRole, Task, TaskStatus, VideoRequest, from_epoch
from .._modes import counts_from_ark_content
from .._spec import MediaLimits, ModelTable, SpecModel, resolve
from .._validation import allowed_text, check
from ._base import (
    STATUS_ERRORS,
    Adapter,
    CreateBody,
    ImageTransport,
    ModelInfo,
    Option,
    set_or_none,
    text_of,
)

# Ark's task statuses are the neutral vocabulary's words
ARK_STATUSES = {status.value: status for status in TaskStatus}

# neutral option -> the create body's property that carries it (a model has those its
# spec lists)
OPTION_FIELDS = {
    "aspect_ratio": "ratio",
    "resolution": "resolution",
    "duration": "duration",
    "seed": "seed",
    "camera_fixed": "camera_fixed",
    "watermark": "watermark",
    "audio": "generate_audio",
    "return_last_frame": "return_last_frame",
    "omni_reference_task_type": "omni_reference_task_type",
}
# words in an error code or message that mean the account cannot pay (Ark: AccountOverdueError)
OVERDUE = re.compile(r"overdue|insufficient|balance|credit|arrear", re.IGNORECASE)


class ArkFamilyAdapter(Adapter):
    """Ark and the services that forward it: models from ``x-seedance-models``, Ark's task
    object, image roles, and errors in a ``{"error": ...}`` envelope."""

    image_transport: ClassVar[ImageTransport] = "data_uri"
    option_fields: ClassVar[Mapping[str, str]] = OPTION_FIELDS
    """Neutral option -> the ``options_from`` property that carries it (when it has one)."""
    prompt_schema: ClassVar[str]
    """The component whose ``text`` property is the prompt."""
    create_operation: ClassVar[tuple[str, str]]
    """(generated api module, generated body class) of the create call: the Ark body."""

    @cached_property
    def table(self) -> ModelTable:
        return ModelTable(self.spec)

    @property
    def default_model(self) -> str:
        return self.table.default

    # ------------------------------------------------------------------ models

    @cached_property
    def _infos(self) -> dict[str, ModelInfo]:
        return {name: self._info(model) for name, model in self.table.models.items()}

    def _info(self, model: SpecModel) -> ModelInfo:
        prompt = resolve(self.spec, self.spec["components"]["schemas"][self.prompt_schema])
        return ModelInfo(
            provider=self.name,
            model=model.model,
            options={
                neutral: Option(neutral, field, model.options[field])
                for neutral, field in self.option_fields.items()
                if field in model.options
            },
            prompt=prompt["properties"]["text"],
            min_images=model.images.min,
            max_images=model.images.max,
            image_roles=tuple(ImageRole(role) for role in model.images.roles),
            max_videos=model.videos.max,
            max_audios=model.audios.max,
            modes=model.modes,
        )

    @cached_property
    def _any_model(self) -> ModelInfo:
        """What the models allow taken together: the rules for an endpoint id whose model
        the user does not name (the base schemas, the largest media counts, every mode)."""
        models = list(self.table.models.values())
        modes = {repr(sorted(m.items())): m for model in models for m in model.modes}

        def most(kind: str) -> MediaLimits:
            limits = [getattr(m, kind) for m in models]
            roles = {r: None for limit in limits for r in limit.roles}
            return MediaLimits(min(x.min for x in limits), max(x.max for x in limits), tuple(roles))

        media = most("images"), most("videos"), most("audios")
        return self._info(SpecModel("", "", *media, self.table.base, modes=tuple(modes.values())))

    def models(self) -> list[ModelInfo]:
        return list(self._infos.values())

    def is_endpoint(self, model: str) -> bool:
        pattern = self.table.endpoint_pattern
        return bool(pattern and re.fullmatch(pattern, model))

    def model_info(self, model: str | None, endpoint_model: str | None = None) -> ModelInfo:
        """As the table has it; an alias (``doubao-...``) or an endpoint id gets its model's
        info under the name the user gave, which is what is sent. An endpoint id without
        ``endpoint_model`` gets what the models allow together."""
        wanted = model or self.default_model
        pattern = self.table.endpoint_pattern
        if endpoint_model is not None and not self.is_endpoint(wanted):
            raise self.invalid(
                None,
                f"endpoint_model={endpoint_model!r} applies only when model is an endpoint id "
                f"(pattern {pattern!r}), not to model={wanted!r}",
                "endpoint_model",
                endpoint_model,
            )
        if self.is_endpoint(wanted):
            if endpoint_model is None:
                return evolve(self._any_model, model=wanted)
            return evolve(self.model_info(endpoint_model), model=wanted)
        canonical = self.table.canonical(wanted)
        if canonical is None:
            known = sorted(self._infos)
            aliases = "".join(
                f"; also as {alias.add_prefix}<id>"
                + (f" (without {alias.remove_prefix!r})" if alias.remove_prefix else "")
                for alias in self.table.aliases
            )
            aliases += "; or an endpoint id (ep-...)" if pattern else ""
            message = f"model={wanted!r} is not offered by {self.name}; choose one of {known}"
            raise self.invalid(None, message + aliases, "model", wanted, known)
        info = self._infos[canonical]
        return info if wanted == canonical else evolve(info, model=wanted)

    def validate(self, request: VideoRequest) -> tuple[ModelInfo, dict[str, Any]]:
        """The shared checks, then what Ark adds: an input to generate from, the task
        type's rules, and ``extra`` fields checked against the spec like the options. An
        endpoint id checked against every model says so in the message."""
        try:
            info, fields = super().validate(request)
            has_media = request.images or request.videos or request.audios
            if not request.prompt.strip() and not has_media:
                raise self.invalid(
                    info,
                    f"prompt: empty and no media: {self.name} model {info.model} has nothing "
                    "to generate from",
                    "prompt",
                    request.prompt,
                )
            self._check_extra(request, info, fields)
            self._check_task_type(info, {**fields, **request.extra})
        except ValidationError as exc:
            model = request.model or ""
            if self.is_endpoint(model) and request.endpoint_model is None:
                exc.message += (
                    f"; {model} is an endpoint id whose model is not visible, so it was checked "
                    f"against what every {self.name} model allows together: pass "
                    "endpoint_model=<model id> to apply that model's rules"
                )
            raise
        return info, fields

    def _check_task_type(self, info: ModelInfo, given: Mapping[str, Any]) -> None:
        """``x-seedance-models.task_type_rules``: what a task type needs (``edit``:
        ``duration: -1`` and ``ratio: adaptive``)."""
        task_type = text_of(given.get("omni_reference_task_type"))
        rules = self.table.task_type_rules.get(task_type or "")
        neutral = {field: name for name, field in self.option_fields.items()}
        for prop, fragment in (rules or {}).items():
            schema = {**self.table.base.get(prop, {}), **fragment}
            name, value = neutral.get(prop, prop), given.get(prop)
            try:
                if value is not None:  # a missing value fails like a wrong one
                    check(value, schema, field=name, provider=self.name, model=info.model)
                    continue
            except ValidationError:
                pass
            raise self.invalid(
                info,
                f"omni_reference_task_type={task_type!r} needs {name} "
                f"{allowed_text(schema)} (got {value!r}; {self.name} model {info.model})",
                name,
                value,
                list(fragment.get("enum", [])) or allowed_text(schema),
            )

    def roles(self, request: VideoRequest, info: ModelInfo) -> list[ImageRole | None]:
        """The role each image is sent with; a single image without a role and without
        reference media is sent without one (Ark's default: the first frame)."""
        roles: list[ImageRole | None] = list(self.image_slots(request, info))
        lone = len(roles) == 1 and request.images[0].role is None
        return [None] if lone and not (request.videos or request.audios) else roles

    def media_counts(self, request: VideoRequest, info: ModelInfo) -> dict[str, int]:
        urls = [image.describe() for image in request.images]
        return counts_from_ark_content(self.content(request, info, urls))

    def _check_extra(self, request: VideoRequest, info: ModelInfo, fields: dict[str, Any]) -> None:
        """``extra`` fields the spec knows are checked like options; others pass through."""
        model = self.table.find(request.endpoint_model or info.model)
        options = model.options if model is not None else self.table.base
        unsupported = model.unsupported if model is not None else frozenset()
        for name, value in request.extra.items():
            if name in ("model", "content"):
                message = f"extra: {name!r} is set by seedance; pass it as an argument"
                raise self.invalid(info, message, f"extra.{name}", value)
            if name in unsupported:
                message = f"{name}={value!r} is not accepted by {self.name} model {info.model}"
                raise self.invalid(info, message, name, value, [])
            schema = options.get(name)
            if schema is not None and not (value is None and schema.get("nullable")):
                check(value, schema, field=name, provider=self.name, model=info.model)
        given = {**fields, **request.extra}
        if given.get("frames") is not None and given.get("duration") is not None:
            message = f"give duration or frames, not both ({self.name} model {info.model})"
            raise self.invalid(info, message, "frames", given["frames"])

    def content(
        self, request: VideoRequest, info: ModelInfo, image_urls: Sequence[str]
    ) -> list[dict[str, Any]]:
        """Ark's content items: the prompt, each image with its role, then the reference
        videos and audios."""
        items: list[dict[str, Any]] = []
        if request.prompt:
            items.append({"type": "text", "text": request.prompt})
        for url, role in zip(image_urls, self.roles(request, info), strict=True):
            item: dict[str, Any] = {"type": "image_url", "image_url": {"url": url}}
            items.append(item if role is None else {**item, "role": role.value})
        for kind, media in (("video", request.videos), ("audio", request.audios)):
            items += [
                {
                    "type": f"{kind}_url",
                    f"{kind}_url": {"url": m.source},
                    "role": f"reference_{kind}",
                }
                for m in media
            ]
        return items

    def create_body(
        self, request: VideoRequest, info: ModelInfo, fields: dict[str, Any], urls: Sequence[str]
    ) -> CreateBody:
        content = self.content(request, info, urls)
        body = {"model": info.model, "content": content, **fields, **request.extra}
        return (*self.create_operation, body)

    # ------------------------------------------------------------------ answers

    def ark_task(self, task_id: str, parsed: Any, raw: Any) -> Task:
        """Ark's task object, as the provider's generated model parsed it -> Task."""
        if parsed is None or not hasattr(parsed, "status") or not isinstance(raw, Mapping):
            raise errors.UnexpectedResponseError(
                f"{self.name} answered task {task_id} in a shape seedance does not know",
                provider=self.name,
                raw=raw,
            )
        word = text_of(parsed.status) or ""
        content, error, usage = (
            set_or_none(getattr(parsed, k, None)) for k in ("content", "error", "usage")
        )
        return self.task(
            text_of(parsed.id) or task_id,
            ARK_STATUSES.get(word, TaskStatus.UNKNOWN),
            word,
            dict(raw),
            model=text_of(getattr(parsed, "model", None)),
            video_url=text_of(content.video_url) if content is not None else None,
            last_frame_url=text_of(content.last_frame_url) if content is not None else None,
            error_code=text_of(error.code) if error is not None else None,
            error_message=text_of(error.message) if error is not None else None,
            created_at=from_epoch(set_or_none(parsed.created_at)),
            updated_at=from_epoch(set_or_none(parsed.updated_at)),
            usage=usage.to_dict() if usage is not None else None,
        )

    def envelope(self, body: Any) -> tuple[str | None, str] | None:
        """(code, message) of an error answer, or None when the body is not the envelope."""
        error = body.get("error") if isinstance(body, Mapping) else None
        if isinstance(error, Mapping) and ("message" in error or "code" in error):
            code = error.get("code")
            return (None if code is None else str(code)), str(error.get("message") or "")
        return (None, error) if isinstance(error, str) else None

    def error(self, op: Operation, answer: Answer, retry_after: float | None) -> Exception | None:
        """402 and an overdue 403 are credits, 5xx unavailable, other 4xx refusals."""
        status, body = answer.status, answer.body
        if status < 400:
            return None
        found = self.envelope(body)
        code, message = found if found is not None else (None, "")
        cls = STATUS_ERRORS.get(status, errors.ProviderRejectedError)
        if status == 403 and OVERDUE.search(f"{code} {message}"):
            cls = errors.InsufficientCreditsError
        elif status >= 500:
            cls = errors.ProviderUnavailableError
        if found is None and cls in (errors.NotFoundError, errors.ProviderRejectedError):
            # Not the provider's envelope: maybe not the provider at all (a wrong base URL).
            return errors.UnexpectedResponseError(
                f"{self.name} answered HTTP {status} with a body that is not its error "
                f"envelope (is the base URL right?)",
                provider=self.name,
                status_code=status,
                raw=body if body is not None else answer.text,
            )
        text = f"{self.name} answered HTTP {status}" + (f" ({code})" if code else "")
        text += f": {message}" if message else ""
        return self.answer_error(cls, text, answer, code or status, retry_after)
