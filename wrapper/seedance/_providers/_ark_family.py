"""What the Ark-format providers share (Ark itself, and the resellers GPTProto and Pixazo,
which speak Ark underneath): models from the spec's ``x-seedance-models`` table, content
items with image roles, Ark's task object and its ``{"error": ...}`` envelope.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any, ClassVar

from attrs import evolve

from .._call import Answer, Operation
from .._errors import (
    AuthenticationError,
    InsufficientCreditsError,
    NotFoundError,
    ProviderError,
    ProviderRejectedError,
    ProviderUnavailableError,
    RateLimitedError,
    UnexpectedResponseError,
    ValidationError,
)
from .._models import ImageRole, Task, TaskStatus, VideoRequest, from_epoch
from .._modes import counts_from_ark_content
from .._spec import MediaLimits, ModelTable, Schema, resolve
from .._validation import allowed_text, check
from ._base import (
    Adapter,
    ImageTransport,
    ModelInfo,
    Option,
    provider_error,
    set_or_none,
    text_of,
)

# Ark's task statuses -> neutral status
ARK_STATUSES = {
    "queued": TaskStatus.QUEUED,
    "running": TaskStatus.RUNNING,
    "succeeded": TaskStatus.SUCCEEDED,
    "failed": TaskStatus.FAILED,
    "cancelled": TaskStatus.CANCELLED,
    "expired": TaskStatus.EXPIRED,
}

# HTTP status -> error class (402 and an overdue 403 are credits; other 4xx are refusals)
ERRORS: dict[int, type[ProviderError]] = {
    401: AuthenticationError,
    402: InsufficientCreditsError,
    404: NotFoundError,
    429: RateLimitedError,
}
# words in an error code or message that mean the account cannot pay (Ark: AccountOverdueError)
OVERDUE = re.compile(r"overdue|insufficient|balance|credit|arrear", re.IGNORECASE)


class ArkFamilyAdapter(Adapter):
    """Ark and the services that forward it: models from ``x-seedance-models``, Ark's task
    object, image roles, and errors in a ``{"error": ...}`` envelope."""

    image_transport: ClassVar[ImageTransport] = "data_uri"
    option_fields: ClassVar[Mapping[str, str]]
    """Neutral option -> the ``options_from`` property that carries it."""
    prompt_schema: ClassVar[str]
    """The component whose ``text`` property is the prompt."""

    @cached_property
    def table(self) -> ModelTable:
        return ModelTable(self.spec)

    @property
    def default_model(self) -> str:
        return self.table.default

    # ------------------------------------------------------------------ models

    @cached_property
    def _infos(self) -> dict[str, ModelInfo]:
        entries = self.spec["x-seedance-models"]["models"]
        return {
            name: self._info(
                name,
                model.options,
                model.images,
                model.videos,
                model.audios,
                tuple(entries[name].get("modes", ())),
            )
            for name, model in self.table.models.items()
        }

    def _info(
        self,
        name: str,
        options: Mapping[str, Schema],
        images: MediaLimits,
        videos: MediaLimits,
        audios: MediaLimits,
        modes: tuple[Mapping[str, Any], ...],
    ) -> ModelInfo:
        prompt = resolve(self.spec, self.spec["components"]["schemas"][self.prompt_schema])
        return ModelInfo(
            provider=self.name,
            model=name,
            options={
                neutral: Option(neutral, field, options[field])
                for neutral, field in self.option_fields.items()
                if field in options
            },
            prompt=prompt["properties"]["text"],
            min_images=images.min,
            max_images=images.max,
            image_roles=tuple(ImageRole(role) for role in images.roles),
            max_videos=videos.max,
            max_audios=audios.max,
            modes=modes,
        )

    @cached_property
    def _any_model(self) -> ModelInfo:
        """What the models allow taken together: the rules for an endpoint id whose model
        the user does not name (the base schemas, the largest media counts, every mode)."""
        models = list(self.table.models.values())
        modes: dict[str, Mapping[str, Any]] = {}
        for info in self._infos.values():
            modes.update({repr(sorted(m.items())): m for m in info.modes})

        def most(kind: str) -> MediaLimits:
            limits = [getattr(m, kind) for m in models]
            roles = {r: None for limit in limits for r in limit.roles}
            return MediaLimits(min(x.min for x in limits), max(x.max for x in limits), tuple(roles))

        return self._info(
            "",
            self.table.base,
            most("images"),
            most("videos"),
            most("audios"),
            tuple(modes.values()),
        )

    def models(self) -> list[ModelInfo]:
        return list(self._infos.values())

    def is_endpoint(self, model: str) -> bool:
        pattern = self.spec["x-seedance-models"].get("endpoint_pattern")
        return bool(pattern) and re.fullmatch(pattern, model) is not None

    def model_info(self, model: str | None, endpoint_model: str | None = None) -> ModelInfo:
        """As the table has it; an alias (``doubao-...``) or an endpoint id gets its model's
        info under the name the user gave, which is what is sent. An endpoint id without
        ``endpoint_model`` gets what the models allow together."""
        wanted = model or self.default_model
        if endpoint_model is not None and not self.is_endpoint(wanted):
            raise ValidationError(
                f"endpoint_model={endpoint_model!r} applies only when model is an endpoint id "
                f"(pattern {self.spec['x-seedance-models'].get('endpoint_pattern')!r}), "
                f"not to model={wanted!r}",
                field="endpoint_model",
                value=endpoint_model,
                provider=self.name,
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
            if self.spec["x-seedance-models"].get("endpoint_pattern"):
                aliases += "; or an endpoint id (ep-...)"
            raise ValidationError(
                f"model={wanted!r} is not offered by {self.name}; choose one of {known}{aliases}",
                field="model",
                value=wanted,
                allowed=known,
                provider=self.name,
            )
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
                raise ValidationError(
                    f"prompt: empty and no media: {self.name} model {info.model} has nothing "
                    "to generate from",
                    field="prompt",
                    value=request.prompt,
                    provider=self.name,
                    model=info.model,
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
        rules = self.spec["x-seedance-models"].get("task_type_rules", {}).get(task_type or "")
        neutral = {field: name for name, field in self.option_fields.items()}
        for prop, fragment in (rules or {}).items():
            schema = {**self.table.base.get(prop, {}), **fragment}
            name = neutral.get(prop, prop)
            value = given.get(prop)
            problem = value is None
            if not problem:
                try:
                    check(value, schema, field=name, provider=self.name, model=info.model)
                except ValidationError:
                    problem = True
            if problem:
                raise ValidationError(
                    f"omni_reference_task_type={task_type!r} needs {name} "
                    f"{allowed_text(schema)} (got {value!r}; {self.name} model {info.model})",
                    field=name,
                    value=value,
                    allowed=list(fragment.get("enum", [])) or allowed_text(schema),
                    provider=self.name,
                    model=info.model,
                )

    def roles(self, request: VideoRequest, info: ModelInfo) -> list[ImageRole | None]:
        """The role each image is sent with; a single image without a role and without
        reference media is sent without one (Ark's default: the first frame)."""
        roles: list[ImageRole | None] = list(self.image_slots(request, info))
        lone = len(roles) == 1 and request.images[0].role is None
        if lone and not (request.videos or request.audios):
            return [None]
        return roles

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
                raise ValidationError(
                    f"extra: {name!r} is set by seedance; pass it as an argument",
                    field=f"extra.{name}",
                    value=value,
                    provider=self.name,
                    model=info.model,
                )
            if name in unsupported:
                raise ValidationError(
                    f"{name}={value!r} is not accepted by {self.name} model {info.model}",
                    field=name,
                    value=value,
                    allowed=[],
                    provider=self.name,
                    model=info.model,
                )
            schema = options.get(name)
            if schema is not None and not (value is None and schema.get("nullable")):
                check(value, schema, field=name, provider=self.name, model=info.model)
        given = {**fields, **request.extra}
        if given.get("frames") is not None and given.get("duration") is not None:
            raise ValidationError(
                f"give duration or frames, not both ({self.name} model {info.model})",
                field="frames",
                value=given["frames"],
                provider=self.name,
                model=info.model,
            )

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
            if role is not None:
                item["role"] = role.value
            items.append(item)
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

    create_operation: ClassVar[tuple[str, str]]
    """(generated api module, generated body class) of the create call: the Ark body."""

    def create(
        self,
        request: VideoRequest,
        info: ModelInfo,
        fields: dict[str, Any],
        image_urls: Sequence[str],
        callback_url: str | None,
    ) -> Operation:
        module_name, class_name = self.create_operation
        body_class = getattr(importlib.import_module(f"{self.package}.models"), class_name)
        body: dict[str, Any] = {
            "model": info.model,
            "content": self.content(request, info, image_urls),
            **fields,
        }
        if callback_url:
            body["callback_url"] = callback_url
        body.update(request.extra)
        generated = self.generated_body(body_class, body, info)
        return self.operation(module_name, create=True, body=generated)

    # ------------------------------------------------------------------ answers

    def ark_task(self, task_id: str, parsed: Any, raw: Any) -> Task:
        """Ark's task object, as the provider's generated model parsed it -> Task."""
        if parsed is None or not hasattr(parsed, "status") or not isinstance(raw, Mapping):
            raise UnexpectedResponseError(
                f"{self.name} answered task {task_id} in a shape seedance does not know",
                provider=self.name,
                raw=raw,
            )
        word = text_of(parsed.status) or ""
        status = ARK_STATUSES.get(word, TaskStatus.UNKNOWN)
        content, error, usage = (
            set_or_none(getattr(parsed, k, None)) for k in ("content", "error", "usage")
        )
        return Task(
            id=text_of(parsed.id) or task_id,
            provider=self.name,
            model=text_of(getattr(parsed, "model", None)),
            status=status,
            provider_status=word,
            progress=100 if status.finished else None,
            video_url=text_of(content.video_url) if content is not None else None,
            last_frame_url=text_of(content.last_frame_url) if content is not None else None,
            error_code=text_of(error.code) if error is not None else None,
            error_message=text_of(error.message) if error is not None else None,
            created_at=from_epoch(set_or_none(parsed.created_at)),
            updated_at=from_epoch(set_or_none(parsed.updated_at)),
            usage=usage.to_dict() if usage is not None else None,
            raw=dict(raw),
        )

    def envelope(self, body: Any) -> tuple[str | None, str] | None:
        """(code, message) of an error answer, or None when the body is not the envelope."""
        if not isinstance(body, Mapping):
            return None
        error = body.get("error")
        if isinstance(error, Mapping) and ("message" in error or "code" in error):
            code = error.get("code")
            return (None if code is None else str(code)), str(error.get("message") or "")
        if isinstance(error, str):
            return None, error
        return None

    def error(self, op: Operation, answer: Answer, retry_after: float | None) -> Exception | None:
        status, body = answer.status, answer.body
        if status < 400:
            return None
        found = self.envelope(body)
        code, message = found if found is not None else (None, "")
        cls = ERRORS.get(status)
        if status == 403:
            overdue = OVERDUE.search(f"{code} {message}")
            cls = InsufficientCreditsError if overdue else ProviderRejectedError
        elif status >= 500:
            cls = ProviderUnavailableError
        elif cls is None:
            cls = ProviderRejectedError
        if found is None and cls in (NotFoundError, ProviderRejectedError):
            # Not the provider's envelope: maybe not the provider at all (a wrong base URL).
            return UnexpectedResponseError(
                f"{self.name} answered HTTP {status} with a body that is not its error "
                f"envelope (is the base URL right?)",
                provider=self.name,
                status_code=status,
                raw=body if body is not None else answer.text,
            )
        text = f"{self.name} answered HTTP {status}" + (f" ({code})" if code else "")
        text += f": {message}" if message else ""
        return provider_error(
            cls,
            text,
            name=self.name,
            env_key=self.env_key,
            status_code=status,
            code=code or status,
            raw=body,
            retry_after=retry_after,
        )
