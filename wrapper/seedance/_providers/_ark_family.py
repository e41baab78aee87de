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
from .._spec import ModelTable, resolve
from .._validation import check
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
        prompt = resolve(self.spec, self.spec["components"]["schemas"][self.prompt_schema])
        out = {}
        for name, model in self.table.models.items():
            options = {
                neutral: Option(neutral, field, model.options[field])
                for neutral, field in self.option_fields.items()
                if field in model.options
            }
            out[name] = ModelInfo(
                provider=self.name,
                model=name,
                options=options,
                prompt=prompt["properties"]["text"],
                min_images=model.images.min,
                max_images=model.images.max,
                image_roles=tuple(ImageRole(role) for role in model.images.roles),
            )
        return out

    def models(self) -> list[ModelInfo]:
        return list(self._infos.values())

    def model_info(self, model: str | None) -> ModelInfo:
        """As the table has it; an alias (``doubao-...``) gets its model's info under the
        name the user gave, which is what is sent."""
        wanted = model or self.default_model
        canonical = self.table.canonical(wanted)
        if canonical is None:
            known = sorted(self._infos)
            aliases = "".join(
                f"; also as {alias.add_prefix}<id>"
                + (f" (without {alias.remove_prefix!r})" if alias.remove_prefix else "")
                for alias in self.table.aliases
            )
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
        """The shared checks, then what Ark adds: roles that fit together, an input to
        generate from, and ``extra`` fields checked against the spec like the options."""
        info, fields = super().validate(request)
        if not request.prompt.strip() and not request.images:
            raise ValidationError(
                f"prompt: empty and no images: {self.name} model {info.model} has nothing "
                "to generate from",
                field="prompt",
                value=request.prompt,
                provider=self.name,
                model=info.model,
            )
        self.roles(request, info)
        self._check_extra(request, info, fields)
        return info, fields

    def roles(self, request: VideoRequest, info: ModelInfo) -> list[ImageRole | None]:
        """The role each image is sent with: as given, or (none given) one image is the
        first frame by Ark's default, two are first and last frame, more are references."""

        def fail(problem: str, value: Any) -> ValidationError:
            return ValidationError(
                f"images: {problem} ({self.name} model {info.model})",
                field="images.role",
                value=value,
                allowed=[r.value for r in info.image_roles],
                provider=self.name,
                model=info.model,
            )

        given = [image.role for image in request.images]
        if len(given) <= 1 or all(role is None for role in given):
            roles: list[ImageRole | None] = list(given)
            if len(given) == 2 and ImageRole.LAST_FRAME in info.image_roles:
                roles = [ImageRole.FIRST_FRAME, ImageRole.LAST_FRAME]
            elif len(given) >= 2 and ImageRole.REFERENCE in info.image_roles:
                roles = [ImageRole.REFERENCE] * len(given)
        elif any(role is None for role in given):
            raise fail("give every image a role, or none", [r.value if r else None for r in given])
        else:
            roles = list(given)
        for role in roles:
            if role is not None and role not in info.image_roles:
                raise fail(f"role {role.value!r} is not accepted", role.value)
        frames = [r for r in roles if r in (ImageRole.FIRST_FRAME, ImageRole.LAST_FRAME)]
        if len(frames) != len(set(frames)):
            raise fail("at most one first_frame and one last_frame", [r.value for r in frames])
        if ImageRole.LAST_FRAME in roles and ImageRole.FIRST_FRAME not in roles:
            raise fail("a last_frame needs a first_frame", "last_frame")
        if ImageRole.REFERENCE in roles and frames:
            raise fail("reference images do not mix with first/last frames", "reference_image")
        return roles

    def _check_extra(self, request: VideoRequest, info: ModelInfo, fields: dict[str, Any]) -> None:
        """``extra`` fields the spec knows are checked like options; others pass through."""
        model = self.table.find(info.model)
        assert model is not None
        for name, value in request.extra.items():
            if name in ("model", "content"):
                raise ValidationError(
                    f"extra: {name!r} is set by seedance; pass it as an argument",
                    field=f"extra.{name}",
                    value=value,
                    provider=self.name,
                    model=info.model,
                )
            if name in model.unsupported:
                raise ValidationError(
                    f"{name}={value!r} is not accepted by {self.name} model {info.model}",
                    field=name,
                    value=value,
                    allowed=[],
                    provider=self.name,
                    model=info.model,
                )
            schema = model.options.get(name)
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
        """Ark's content items: the prompt, then each image with its role."""
        items: list[dict[str, Any]] = []
        if request.prompt:
            items.append({"type": "text", "text": request.prompt})
        for url, role in zip(image_urls, self.roles(request, info), strict=True):
            item: dict[str, Any] = {"type": "image_url", "image_url": {"url": url}}
            if role is not None:
                item["role"] = role.value
            items.append(item)
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

    def generated_body(self, model_class: Any, body: dict[str, Any], info: ModelInfo) -> Any:
        """The body as the generated model, which refuses what its schema cannot hold
        (an ``extra`` value of the wrong shape) as a ValidationError, before sending."""
        try:
            generated = model_class.from_dict(body)
            generated.to_dict()  # a union member it could not parse fails only here
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValidationError(
                f"extra: {self.name} model {info.model} cannot take this body "
                f"({type(exc).__name__}: {exc})",
                field="extra",
                value=dict(body),
                provider=self.name,
                model=info.model,
            ) from exc
        return generated

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
