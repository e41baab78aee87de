"""BytePlus ModelArk / Volcengine Ark (the upstream Seedance API): the mapping table.

Also home of what the Ark resellers' adapters (GPTProto, Pixazo) share, because they all
speak Ark underneath: the per-model table read from the spec's ``x-seedance-models``
(:class:`ModelTable`, which the fakes read too, so client and fakes cannot drift), Ark's
task object, its statuses, and the error envelopes. No I/O happens here.
"""

from __future__ import annotations

import enum
import importlib
import os
import re
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any, ClassVar

from attrs import define, evolve
from attrs import field as attr_field

from ..errors import (
    AuthenticationError,
    ConfigurationError,
    InsufficientCreditsError,
    NotFoundError,
    ProviderError,
    ProviderRejectedError,
    ProviderUnavailableError,
    RateLimitedError,
    UnexpectedResponseError,
    ValidationError,
)
from ..models import ImageRole, Task, TaskStatus, VideoRequest, from_epoch
from ..validation import Schema, check
from .base import (
    Adapter,
    HttpCall,
    ImageTransport,
    ModelInfo,
    Option,
    generated_call,
    load_spec,
    resolve,
)

# ---------------------------------------------------------------------------- the spec's table


@define(frozen=True)
class MediaLimits:
    """How many inputs of one kind a model takes, and in which roles."""

    min: int = 0
    max: int = 0
    roles: tuple[str, ...] = ()


@define(frozen=True)
class SpecModel:
    """One model of ``x-seedance-models``: limits and the options it takes, each already
    narrowed (the ``options_from`` property with the model's fragment applied)."""

    model: str
    source: str
    images: MediaLimits
    videos: MediaLimits
    audios: MediaLimits
    options: Mapping[str, Schema] = attr_field(repr=False)
    unsupported: frozenset[str] = frozenset()


@define(frozen=True)
class Alias:
    """Another name for every model: ``add_prefix`` + the id without ``remove_prefix``
    (Volcengine: ``doubao-seedance-1-5-pro-251215``, ``doubao-seedance-2-0-260128``)."""

    add_prefix: str
    remove_prefix: str = ""

    def apply(self, model: str) -> str:
        return self.add_prefix + model.removeprefix(self.remove_prefix)


class ModelTable:
    """The spec's ``x-seedance-models`` (specs/CONVENTIONS.md, "Per-model constraints").

    A model's schema for an option is the ``options_from`` property with the model's
    fragment's keys laid over it; fragments only narrow (a test checks it), so that equals
    "valid against both". A mistake in the table (a fragment or ``unsupported`` entry naming
    no property, a default that is no model) raises here, at first use.
    """

    def __init__(self, spec: Mapping[str, Any]) -> None:
        extension = spec.get("x-seedance-models")
        if not isinstance(extension, Mapping):
            raise ValueError("the spec has no x-seedance-models")
        base = resolve(spec, extension["options_from"])
        self.base: dict[str, Schema] = {
            name: _non_null(spec, schema) for name, schema in base["properties"].items()
        }
        self.default: str = extension["default"]
        self.aliases = tuple(
            Alias(rule["add_prefix"], rule.get("remove_prefix", ""))
            for rule in extension.get("aliases", [])
        )
        self.models: dict[str, SpecModel] = {
            name: self._model(name, entry) for name, entry in extension["models"].items()
        }
        if self.default not in self.models:
            raise ValueError(f"x-seedance-models.default {self.default!r} is not a model")
        self._names = {name: name for name in self.models}
        for alias in self.aliases:
            self._names.update({alias.apply(name): name for name in self.models})

    def _model(self, name: str, entry: Mapping[str, Any]) -> SpecModel:
        unknown = (set(entry.get("options", {})) | set(entry.get("unsupported", []))) - set(
            self.base
        )
        if unknown:
            raise ValueError(f"x-seedance-models.models.{name}: no such option {sorted(unknown)}")
        unsupported = frozenset(entry.get("unsupported", []))
        options = {
            prop: {**schema, **entry.get("options", {}).get(prop, {})}
            for prop, schema in self.base.items()
            if prop not in unsupported
        }
        return SpecModel(
            model=name,
            source=str(entry.get("source", "")),
            images=_limits(entry.get("images")),
            videos=_limits(entry.get("videos")),
            audios=_limits(entry.get("audios")),
            options=options,
            unsupported=unsupported,
        )

    def canonical(self, model: str) -> str | None:
        """The table's id for ``model`` (itself or an alias), or None if unknown."""
        return self._names.get(model)

    def find(self, model: str) -> SpecModel | None:
        canonical = self.canonical(model)
        return None if canonical is None else self.models[canonical]


def _non_null(spec: Mapping[str, Any], schema: Any) -> Schema:
    """A property as one plain schema: ``$ref`` followed, and the nullable-enum form
    ``anyOf: [<enum>, {nullable: true, enum: [null]}]`` (specs/CONVENTIONS.md) read as the
    enum plus ``nullable: true``, which is what the wrapper and the fakes check against."""
    schema = resolve(spec, schema)
    branches = schema.get("anyOf", [])
    real = [b for b in branches if resolve(spec, b).get("enum") != [None]]
    if not branches or len(real) != 1 or len(real) == len(branches):
        return dict(schema)
    rest = {k: v for k, v in schema.items() if k != "anyOf"}
    return {**resolve(spec, real[0]), **rest, "nullable": True}


def _limits(raw: Mapping[str, Any] | None) -> MediaLimits:
    if not raw:
        return MediaLimits()
    return MediaLimits(int(raw.get("min", 0)), int(raw.get("max", 0)), tuple(raw.get("roles", ())))


# ---------------------------------------------------------------------------- shared adapter

# Ark's task statuses (and GPTProto's wrapped ones) -> neutral status
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


def default_model_of(package: str) -> str:
    """The spec's default model (``x-seedance-models.default``)."""
    default: str = load_spec(package)["x-seedance-models"]["default"]
    return default


def _set(value: Any) -> Any:
    """A generated attribute's value, with UNSET as None (each generated package has its own
    ``Unset`` class, hence the name test)."""
    return None if type(value).__name__ == "Unset" else value


def _text(value: Any) -> str | None:
    value = _set(value)
    if value is None or value == "":
        return None
    return str(value.value if isinstance(value, enum.Enum) else value)


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

    def create_call(
        self,
        request: VideoRequest,
        info: ModelInfo,
        fields: dict[str, Any],
        image_urls: Sequence[str],
        callback_url: str | None,
    ) -> HttpCall:
        module_name, class_name = self.create_operation
        module = importlib.import_module(f"{self.package}.api.{module_name}")
        body_class = getattr(importlib.import_module(f"{self.package}.models"), class_name)
        body: dict[str, Any] = {
            "model": info.model,
            "content": self.content(request, info, image_urls),
            **fields,
        }
        if callback_url:
            body["callback_url"] = callback_url
        body.update(request.extra)
        return generated_call(module, create=True, body=self.generated_body(body_class, body, info))

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

    def ark_task(self, task_id: str, body: Any, model_class: Any) -> Task:
        """Ark's task object (parsed by the provider's generated model) -> Task."""
        if not isinstance(body, Mapping):
            raise UnexpectedResponseError(
                f"{self.name} answered task {task_id} with {type(body).__name__}, not an object",
                provider=self.name,
                raw=body,
            )
        try:
            parsed = model_class.from_dict(body)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise UnexpectedResponseError(
                f"{self.name} answered task {task_id} in a shape seedance does not know "
                f"({type(exc).__name__}: {exc})",
                provider=self.name,
                raw=body,
            ) from exc
        word = _text(parsed.status) or ""
        status = ARK_STATUSES.get(word, TaskStatus.UNKNOWN)
        content, error, usage = (
            _set(getattr(parsed, k, None)) for k in ("content", "error", "usage")
        )
        return Task(
            id=str(parsed.id or task_id),
            provider=self.name,
            model=_text(getattr(parsed, "model", None)),
            status=status,
            provider_status=word,
            progress=100 if status.finished else None,
            video_url=_text(content.video_url) if content is not None else None,
            last_frame_url=_text(content.last_frame_url) if content is not None else None,
            error_code=_text(error.code) if error is not None else None,
            error_message=_text(error.message) if error is not None else None,
            created_at=from_epoch(_set(parsed.created_at)),
            updated_at=from_epoch(_set(parsed.updated_at)),
            usage=usage.to_dict() if usage is not None else None,
            raw=dict(body),
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

    def error(
        self, call: HttpCall, status: int, body: Any, retry_after: float | None
    ) -> Exception | None:
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
                raw=body,
            )
        text = f"{self.name} answered HTTP {status}" + (f" ({code})" if code else "")
        text += f": {message}" if message else ""
        if cls is AuthenticationError:
            text += f" (check {self.env_key})"
        kwargs: dict[str, Any] = {
            "provider": self.name,
            "status_code": status,
            "code": code or status,
            "raw": body,
        }
        if cls is RateLimitedError:
            return RateLimitedError(text, retry_after=retry_after, **kwargs)
        return cls(text, **kwargs)


# ---------------------------------------------------------------------------- Ark itself

PACKAGE = "ark_client"
TASKS_PATH = "/contents/generations/tasks"
LIST_OPERATION = "list_content_generation_tasks"

OPTION_FIELDS = {
    "aspect_ratio": "ratio",
    "resolution": "resolution",
    "duration": "duration",
    "seed": "seed",
    "camera_fixed": "camera_fixed",
    "watermark": "watermark",
    "audio": "generate_audio",
    "return_last_frame": "return_last_frame",
}


class ArkAdapter(ArkFamilyAdapter):
    """BytePlus ModelArk by default; Volcengine Ark with ``ARK_REGION=volcengine`` (or
    ``ARK_BASE_URL``, or ``base_url=``). Cancel and list are supported, and the poller reads
    up to ``page_size``'s maximum tasks with one list request."""

    name = "ark"
    package = PACKAGE
    create_operation = (
        "tasks.create_content_generation_task",
        "CreateContentGenerationTaskRequest",
    )
    env_key = "ARK_API_KEY"
    default_model = default_model_of(PACKAGE)
    option_fields = OPTION_FIELDS
    prompt_schema = "TextContent"

    @property
    def regions(self) -> dict[str, str]:
        """Region name -> base URL, from the servers' ``x-seedance-region``."""
        return {
            server["x-seedance-region"]: server["url"]
            for server in self.spec["servers"]
            if "x-seedance-region" in server
        }

    @property
    def region(self) -> str:
        """``ARK_REGION``, or the region of ``ARK_BASE_URL``'s host, else the first server's."""
        regions = self.regions
        explicit = os.environ.get("ARK_REGION", "").strip().lower()
        if explicit:
            if explicit not in regions:
                raise ConfigurationError(
                    f"ARK_REGION={explicit!r} is not known; choose one of {sorted(regions)} "
                    "(or set ARK_BASE_URL)",
                    provider=self.name,
                )
            return explicit
        base = os.environ.get("ARK_BASE_URL", "")
        for region, url in regions.items():
            if base and _host(base) == _host(url):
                return region
        return next(iter(regions))

    @property
    def default_base_url(self) -> str:
        return os.environ.get("ARK_BASE_URL") or self.regions[self.region]

    def model_info(self, model: str | None) -> ModelInfo:
        """Without a model, Volcengine's default is the spec's default under its alias."""
        if model is None and self.region != next(iter(self.regions)) and self.table.aliases:
            model = self.table.aliases[0].apply(self.default_model)
        return super().model_info(model)

    @property
    def batch_size(self) -> int:
        """The list operation's ``page_size`` maximum: tasks one status request can read."""
        maximum: int = self._list_parameter("page_size")["maximum"]
        return maximum

    def _list_parameter(self, name: str) -> Schema:
        for parameter in self.spec["paths"][TASKS_PATH]["get"]["parameters"]:
            if parameter["name"] == name:
                schema: Schema = parameter["schema"]
                return schema
        raise KeyError(name)

    # ------------------------------------------------------------------ calls

    def created_id(self, body: Any) -> str:
        from ark_client.models import CreateContentGenerationTaskResponse

        try:
            task_id = CreateContentGenerationTaskResponse.from_dict(body).id
        except (KeyError, TypeError, AttributeError):
            task_id = None
        if not isinstance(task_id, str) or not task_id:
            raise UnexpectedResponseError(
                "ark accepted the task but its answer has no id", provider=self.name, raw=body
            )
        return task_id

    def get_call(self, task_id: str) -> HttpCall:
        from ark_client.api.tasks import get_content_generation_task

        return generated_call(get_content_generation_task, id=task_id)

    def to_task(self, task_id: str, body: Any) -> Task:
        from ark_client.models import ContentGenerationTask

        return self.ark_task(task_id, body, ContentGenerationTask)

    def cancel_call(self, task_id: str) -> HttpCall:
        from ark_client.api.tasks import delete_content_generation_task

        return generated_call(delete_content_generation_task, id=task_id)

    @property
    def can_list(self) -> bool:
        return True

    def list_call(self, *, page: int, page_size: int, task_ids: Sequence[str] = ()) -> HttpCall:
        from ark_client.api.tasks import list_content_generation_tasks
        from ark_client.types import UNSET

        for name, value in (("page_num", page), ("page_size", page_size)):
            check(value, self._list_parameter(name), field=name, provider=self.name, model=None)
        return generated_call(
            list_content_generation_tasks,
            page_num=page,
            page_size=page_size,
            filter_task_ids=list(task_ids) if task_ids else UNSET,
        )

    def to_tasks(self, body: Any) -> list[Task]:
        from ark_client.models import ListContentGenerationTasksResponse

        if self.envelope(body) is not None:
            return []  # a filter naming an id Ark does not know: see error()
        try:
            ListContentGenerationTasksResponse.from_dict(body)
            items = body.get("items") or []
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise UnexpectedResponseError(
                f"ark answered the task list in a shape seedance does not know ({exc})",
                provider=self.name,
                raw=body,
            ) from exc
        return [self.to_task(str(item.get("id", "")), item) for item in items]

    def error(
        self, call: HttpCall, status: int, body: Any, retry_after: float | None
    ) -> Exception | None:
        """As the family, except that a list filtered by task ids answering 404 (an id Ark
        does not know) lists nothing, so the poller asks for each of those tasks alone
        instead of failing every wait in the batch."""
        if (
            status == 404
            and call.operation == LIST_OPERATION
            and call.params
            and "filter.task_ids" in call.params
            and self.envelope(body) is not None
        ):
            return None
        return super().error(call, status, body, retry_after)


def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0].lower()
