"""What a provider adapter is, and what every adapter shares.

An adapter maps the neutral models (VideoRequest, Task) onto one provider's generated
client: it builds :class:`~seedance._call.Operation` s and reads
:class:`~seedance._call.Answer` s, and performs no I/O. Constraints (enums, ranges, limits)
come from the bundled spec shipped in the generated package, never copied by hand.
"""

from __future__ import annotations

import builtins
import enum
import importlib
from collections.abc import Mapping, Sequence
from functools import cached_property
from types import ModuleType
from typing import Any, ClassVar, Literal

from attrs import define
from attrs import field as attr_field

from .. import _errors as errors
from .._call import Answer, Operation, proven_refusal
from .._errors import ProviderError, ValidationError
from .._images import ImageLimits
from .._models import ImageRole, Task, TaskStatus, VideoRequest
from .._modes import SLOTS, mode_problem
from .._modes import describe as describe_mode
from .._ratelimit import RateLimit
from .._spec import Schema, load_spec, operation
from .._validation import allowed_text, check, coerce

ImageTransport = Literal["upload", "data_uri", "url"]
CreateBody = tuple[str, str, dict[str, Any]]
"""(generated api module, generated body class, body) of a create call."""
FALLBACK = "x-seedance-result-fetch-fallback"

# an HTTP(-like) status every provider means the same by; the rest is each adapter's
STATUS_ERRORS: Mapping[int, type[ProviderError]] = {
    401: errors.AuthenticationError,
    402: errors.InsufficientCreditsError,
    404: errors.NotFoundError,
    429: errors.RateLimitedError,
}


@define(frozen=True)
class Option:
    """One neutral option as a model takes it: its provider field and its schema."""

    name: str
    field: str
    schema: Schema = attr_field(repr=False)

    @property
    def allowed(self) -> str:
        return allowed_text(self.schema)


@define(frozen=True)
class ModelInfo:
    """What one model of one provider accepts, read from the spec."""

    provider: str
    model: str
    options: Mapping[str, Option]
    prompt: Schema = attr_field(repr=False)
    min_images: int = 0
    max_images: int = 0
    image_roles: tuple[ImageRole, ...] = ()
    max_videos: int = 0
    max_audios: int = 0
    modes: tuple[Mapping[str, Any], ...] = attr_field(default=(), repr=False)
    """The media combinations the model takes (specs/CONVENTIONS.md, "Modes")."""

    def describe(self) -> dict[str, Any]:
        """A plain summary (what ``seedance models`` prints)."""
        return {
            "provider": self.provider,
            "model": self.model,
            "images": f"{self.min_images}-{self.max_images}",
            "image_roles": [r.value for r in self.image_roles],
            "videos": f"0-{self.max_videos}",
            "audios": f"0-{self.max_audios}",
            "modes": [describe_mode(mode) for mode in self.modes],
            "prompt": allowed_text(self.prompt),
            "options": {name: option.allowed for name, option in self.options.items()},
        }


class Adapter:
    """Shared behaviour; each provider module subclasses it with its mapping tables."""

    name: ClassVar[str]
    package: ClassVar[str]
    env_key: ClassVar[str]
    image_transport: ClassVar[ImageTransport]
    create_path: ClassVar[str]
    """The create operation's path (its documented refusals and rate limit live there)."""
    read_path: ClassVar[str | None] = None
    """The status operation's path, where a read rate limit is documented."""
    result_link_path: ClassVar[str | None] = None
    """The operation that turns a result URL into a fetchable link (Apikley's download-url)."""
    callback_field: ClassVar[str] = "callback_url"
    auth_header: ClassVar[str] = "Authorization"
    auth_prefix: ClassVar[str] = "Bearer"
    extra_headers: ClassVar[Mapping[str, str]] = {}
    can_list: ClassVar[bool] = False
    """Whether the provider can list recent tasks (so a lost create can be found)."""

    @property
    def default_model(self) -> str:
        """The model used when a request names none."""
        raise NotImplementedError

    @property
    def spec(self) -> dict[str, Any]:
        return load_spec(self.package)

    @property
    def default_base_url(self) -> str:
        return str(self.spec["servers"][0]["url"])

    @property
    def regions(self) -> dict[str, str]:
        """Region name -> base URL, from the servers' ``x-seedance-region`` (Ark's)."""
        servers = self.spec.get("servers", [])
        return {s["x-seedance-region"]: s["url"] for s in servers if "x-seedance-region" in s}

    @property
    def batch_size(self) -> int:
        """How many tasks one status request can fetch (1: one request per task)."""
        return 1

    def auth_headers(self, api_key: str) -> dict[str, str]:
        value = f"{self.auth_prefix} {api_key}" if self.auth_prefix else api_key
        return {self.auth_header: value, **self.extra_headers}

    def operation(
        self, path: str, *, create: bool = False, base_url: str | None = None, **kwargs: Any
    ) -> Operation:
        """An operation of this provider's generated client (``api.<path>`` module)."""
        module = self._api_modules.get(path)
        if module is None:  # imported on first use, then looked up (every call makes one)
            module = self._api_modules[path] = importlib.import_module(f"{self.package}.api.{path}")
        return Operation(module, kwargs, create=create, base_url=base_url)

    @cached_property
    def _api_modules(self) -> dict[str, ModuleType]:
        return {}

    def rate_limit(self, path: str | None, method: str) -> RateLimit | None:
        """The documented limit of an operation (``x-seedance-rate-limit``), if any."""
        raw = operation(self.spec, path, method).get("x-seedance-rate-limit") if path else None
        return RateLimit(int(raw["requests"]), float(raw["per_seconds"])) if raw else None

    @cached_property
    def create_rate_limit(self) -> RateLimit | None:
        return self.rate_limit(self.create_path, "post")

    @cached_property
    def read_rate_limit(self) -> RateLimit | None:
        return self.rate_limit(self.read_path, "get")

    @cached_property
    def result_fetch_fallback(self) -> frozenset[int]:
        """Statuses of a direct result fetch that send the URL through ``result_link``, as
        the spec's ``x-seedance-result-fetch-fallback`` lists them (once per download)."""
        path = self.result_link_path
        fallback = operation(self.spec, path, "post").get(FALLBACK) if path else None
        return frozenset(int(s) for s in (fallback or {}).get("statuses", ()))

    @cached_property
    def refusal_codes(self) -> frozenset[int]:
        """The create operation's documented 4xx answers: each proves nothing was created."""
        responses = operation(self.spec, self.create_path, "post").get("responses", {})
        return frozenset(int(k) for k in responses if k.isdigit() and 400 <= int(k) < 500)

    def refused(self, error: BaseException) -> bool:
        """Whether a create's error proves the provider created nothing."""
        return proven_refusal(error, self.refusal_codes)

    def maintenance(self, error: BaseException) -> bool:
        """A documented "down for maintenance, nothing taken" answer (retried on create)."""
        return False

    # ------------------------------------------------------------------ models

    def models(self) -> list[ModelInfo]:
        raise NotImplementedError

    def invalid(
        self, info: ModelInfo | None, message: str, field: str, value: Any, allowed: Any = None
    ) -> ValidationError:
        """A ValidationError naming this provider and ``info``'s model."""
        model = info.model if info is not None else None
        return ValidationError(
            message, field=field, value=value, allowed=allowed, provider=self.name, model=model
        )

    def model_info(self, model: str | None, endpoint_model: str | None = None) -> ModelInfo:
        """The model's capabilities; an unknown model is a ValidationError listing the known."""
        if endpoint_model is not None:
            message = f"endpoint_model={endpoint_model!r}: {self.name} has no endpoint ids, so "
            message += "there is nothing to name a model for; pass the model as model="
            raise self.invalid(None, message, "endpoint_model", endpoint_model, [])
        wanted = model or self.default_model
        found = self._models_by_name.get(wanted)
        if found is not None:
            return found
        known = sorted(self._models_by_name)
        message = f"model={wanted!r} is not offered by {self.name}; choose one of {known}"
        raise self.invalid(None, message, "model", wanted, known)

    @cached_property
    def _models_by_name(self) -> dict[str, ModelInfo]:
        """The spec's models are fixed for the adapter's life: looked up on every submit."""
        return {info.model: info for info in self.models()}

    def pick_model(self, model: str | None, images: int, base_url: str) -> str:
        """The model a request with ``images`` images is sent to: the one it names, else
        the spec's default (on this host)."""
        return model or self.default_model

    def validate(self, request: VideoRequest) -> tuple[ModelInfo, dict[str, Any]]:
        """Check ``request`` against the model's spec; return the model and the provider
        fields of every option that was set (coerced to the provider's types)."""
        info = self.model_info(request.model, request.endpoint_model)
        check(request.prompt, info.prompt, field="prompt", provider=self.name, model=info.model)
        fields: dict[str, Any] = {}
        for name, value in request.options().items():
            option = info.options.get(name)
            if option is None:
                known = sorted(info.options)
                accepts = ", ".join(known) or "no options"
                message = f"{name}={value!r} is not accepted by {self.name} model {info.model}"
                raise self.invalid(info, f"{message}; it accepts: {accepts}", name, value, known)
            coerced = coerce(value, option.schema)
            check(coerced, option.schema, field=name, provider=self.name, model=info.model)
            fields[option.field] = coerced
        self._check_images(request, info)
        self._check_references(request, info)
        counts = self.media_counts(request, info) if info.modes else {}
        if info.modes and (problem := mode_problem(info.model, info.modes, counts)):
            given = {slot: n for slot, n in counts.items() if n}
            modes = [str(mode["name"]) for mode in info.modes]
            raise self.invalid(info, f"{problem} ({self.name})", "media", given, modes)
        return info, fields

    def media_counts(self, request: VideoRequest, info: ModelInfo) -> dict[str, int]:
        """The request's media per mode slot (``seedance._modes``), as this provider's body
        would carry them."""
        counts = dict.fromkeys(SLOTS, 0)
        for role in self.image_slots(request, info):
            counts[role.value] += 1
        counts["reference_video"] += len(request.videos)
        counts["reference_audio"] += len(request.audios)
        return counts

    def _check_images(self, request: VideoRequest, info: ModelInfo) -> None:
        count, low, high = len(request.images), info.min_images, info.max_images
        if not low <= count <= high:
            needs = f"exactly {low}" if low == high else f"{low} to {high}"
            message = f"images: {self.name} model {info.model} takes {needs} image(s), got {count}"
            if fits := self.models_taking(count):
                message += f"; models that take {count}: {fits}"
            raise self.invalid(info, message, "images", count, needs)
        self.image_slots(request, info)

    def _check_references(self, request: VideoRequest, info: ModelInfo) -> None:
        for name, items, most in (
            ("videos", request.videos, info.max_videos),
            ("audios", request.audios, info.max_audios),
        ):
            for item in (item for item in items if not item.is_url):
                message = (
                    f"{name}: {item.describe()} is not an http(s) URL; {self.name} takes "
                    f"reference {name} as URLs only (put the file somewhere public)"
                )
                raise self.invalid(info, message, name, item.source, "http(s) URLs")
            if len(items) > most:
                message = f"{name}: {self.name} model {info.model} takes at most {most} "
                message += f"reference {name}, got {len(items)}"
                raise self.invalid(info, message, name, len(items), f"0 to {most}")

    def image_slots(self, request: VideoRequest, info: ModelInfo) -> list[ImageRole]:
        """The role of each image: as given, or (none given) one image is the first frame,
        two are first and last frame, more (or any beside reference media) are references.
        Roles must fit together: one first and one last frame at most, a last frame only
        with a first, reference images never with frames."""
        if not request.images:
            return []
        accepted = info.image_roles

        def fail(problem: str, value: Any) -> ValidationError:
            message = f"images: {problem} ({self.name} model {info.model})"
            return self.invalid(info, message, "images.role", value, [r.value for r in accepted])

        given = [image.role for image in request.images]
        roles = [role for role in given if role is not None]
        if roles and len(roles) != len(given):
            raise fail("give every image a role, or none", [r.value if r else None for r in given])
        if given and not roles:
            frames_first = not (request.videos or request.audios) and len(given) <= 2
            if frames_first and len(given) == 2 and ImageRole.LAST_FRAME in accepted:
                roles = [ImageRole.FIRST_FRAME, ImageRole.LAST_FRAME]
            elif frames_first and len(given) == 1 and ImageRole.FIRST_FRAME in accepted:
                roles = [ImageRole.FIRST_FRAME]
            else:
                roles = [ImageRole.REFERENCE] * len(given)
        for role in roles:
            if role not in accepted:
                raise fail(f"role {role.value!r} is not accepted", role.value)
        frames = [r for r in roles if r in (ImageRole.FIRST_FRAME, ImageRole.LAST_FRAME)]
        if len(frames) != len(set(frames)):
            raise fail("at most one first_frame and one last_frame", [r.value for r in frames])
        if ImageRole.LAST_FRAME in roles and ImageRole.FIRST_FRAME not in roles:
            raise fail("a last_frame needs a first_frame", "last_frame")
        if ImageRole.REFERENCE in roles and frames:
            raise fail("reference images do not mix with first/last frames", "reference_image")
        return roles

    def models_taking(self, count: int) -> list[str]:
        """The models that take ``count`` images."""
        return [i.model for i in self.models() if i.min_images <= count <= i.max_images]

    @cached_property
    def root_image_limits(self) -> ImageLimits:
        """The spec's ``x-seedance-image-limits``: what any local image must meet."""
        return ImageLimits.of(self.spec.get("x-seedance-image-limits"))

    def image_limits(self, request: VideoRequest, info: ModelInfo) -> list[ImageLimits]:
        """The limits each of the request's images must meet (the field it goes to may
        narrow the spec's root limits)."""
        return [self.root_image_limits] * len(request.images)

    # ------------------------------------------------------------------ operations

    def create_body(
        self, request: VideoRequest, info: ModelInfo, fields: dict[str, Any], urls: Sequence[str]
    ) -> CreateBody:
        """The create call's body (``extra`` included) and where it goes."""
        raise NotImplementedError

    def create(
        self,
        request: VideoRequest,
        info: ModelInfo,
        fields: dict[str, Any],
        image_urls: Sequence[str],
        callback_url: str | None,
    ) -> Operation:
        """:meth:`create_body` with the callback URL (unless ``extra`` set one), as the
        generated model, which refuses what its schema cannot hold (an ``extra`` value of
        the wrong shape) as a ValidationError, before sending."""
        module, class_name, body = self.create_body(request, info, fields, image_urls)
        if callback_url:
            body.setdefault(self.callback_field, callback_url)
        try:
            generated = self.model_class(class_name).from_dict(body)
            if request.extra:  # a union member it could not parse fails only here
                generated.to_dict()
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            problem = f"{self.name} model {info.model} cannot take this body"
            message = f"extra: {problem} ({type(exc).__name__}: {exc})"
            raise self.invalid(info, message, "extra", dict(body)) from exc
        return self.operation(module, create=True, body=generated)

    def model_class(self, name: str) -> Any:
        """The generated model class of a spec component (the generator's PascalCase may
        change letter case: ``2x`` -> ``2X``)."""
        found = self._model_names.get(name.lower(), [])
        if len(found) != 1:
            raise LookupError(f"{self.package}.models has no one class for {name!r}")
        return getattr(importlib.import_module(f"{self.package}.models"), found[0])

    @cached_property
    def _model_names(self) -> dict[str, list[str]]:
        """The generated models' names by their lower-case form (read once: a create
        looks its class up every time)."""
        names: dict[str, list[str]] = {}
        for name in importlib.import_module(f"{self.package}.models").__all__:
            names.setdefault(name.lower(), []).append(name)
        return names

    def created_id(self, answer: Answer) -> str:
        raise NotImplementedError

    def get(self, task_id: str) -> Operation:
        raise NotImplementedError

    def to_task(self, task_id: str, answer: Answer) -> Task:
        raise NotImplementedError

    def task(self, task_id: str, status: TaskStatus, word: str, raw: Any, **fields: Any) -> Task:
        """A Task of this provider in its state ``word``; a finished one without a
        ``progress`` is at 100."""
        if fields.get("progress") is None:
            fields["progress"] = 100 if status.finished else None
        fields.update(status=status, provider_status=word, raw=raw)
        return Task(id=task_id, provider=self.name, **fields)

    def error(self, op: Operation, answer: Answer, retry_after: float | None) -> Exception | None:
        """The error an answer means, or None when it is a success."""
        raise NotImplementedError

    def answer_error(
        self, cls: type[ProviderError], text: str, answer: Answer, code: Any, retry_after: Any
    ) -> ProviderError:
        """An error of class ``cls`` keeping the raw answer: authentication errors name the
        key's variable, rate limits keep their ``retry_after``."""
        if issubclass(cls, errors.AuthenticationError):
            text += f" (check {self.env_key})"
        more = {"retry_after": retry_after} if issubclass(cls, errors.RateLimitedError) else {}
        raw = answer.body
        return cls(text, provider=self.name, status_code=answer.status, code=code, raw=raw, **more)

    def unsupported(self, what: str) -> errors.UnsupportedOperationError:
        return errors.UnsupportedOperationError(f"{self.name} has no {what}", provider=self.name)

    def cancel(self, task_id: str) -> Operation:
        raise self.unsupported("API to cancel a task")

    def list(self, *, page: int, page_size: int, task_ids: Sequence[str] = ()) -> Operation:
        raise self.unsupported("API to list tasks")

    def to_tasks(self, answer: Answer) -> builtins.list[Task]:
        raise self.unsupported("API to list tasks")

    def upload(self, data: bytes, file_name: str, base_url: str | None) -> Operation:
        raise self.unsupported("upload API")

    def uploaded_url(self, answer: Answer) -> str:
        raise self.unsupported("upload API")

    def upload_host(self, base_url: str | None) -> str:
        """The upload host the user gave; never a spec server (Apikley's is marked
        ``x-seedance-placeholder``, not a real host)."""
        if base_url:
            return base_url
        message = f"images: {self.name}'s upload host is not known (the spec's is a "
        message += f"placeholder): set {self.name.upper()}_UPLOAD_URL or pass upload_base_url="
        raise self.invalid(None, message, "upload_base_url", None)

    def answered_id(self, answer: Answer, *paths: str, what: str = "create") -> str:
        """The text at the first of ``paths`` (dotted attributes of the generated model,
        ``additional_properties`` included) that has one: a created task's id, an
        uploaded file's URL. An answer without is unexpected, kept raw."""
        for path in paths:
            found: Any = answer.parsed
            for name in path.split("."):
                value = getattr(found, name, _MISSING)
                if value is _MISSING:  # a field the spec does not name: as sent (camelCase)
                    extra = getattr(found, "additional_properties", None) or {}
                    head, *rest = name.split("_")
                    value = extra.get(head + "".join(part.title() for part in rest))
                found = set_or_none(value)
            if isinstance(found, enum.Enum):
                found = found.value
            if isinstance(found, bool) or not isinstance(found, (str, int)):
                continue  # a list, object or flag is no id, whatever str() makes of it
            if text_of(found) is not None:
                return str(text_of(found))
        raise errors.UnexpectedResponseError(
            f"{self.name}'s {what} answer has no {' or '.join(paths)}",
            provider=self.name,
            raw=answer.body,
        )


_MISSING = object()


def set_or_none(value: Any) -> Any:
    """A generated attribute's value, with UNSET as None (each generated package has its
    own ``Unset`` class, hence the name test)."""
    return None if type(value).__name__ == "Unset" else value


def text_of(value: Any) -> str | None:
    """A generated attribute as text (an enum's value; None for UNSET, None or "")."""
    value = set_or_none(value)
    return None if value is None or value == "" else str(getattr(value, "value", value))


def code_of(body: Any) -> int | None:
    """A body's integer ``code`` (a boolean is none)."""
    code = body.get("code") if isinstance(body, Mapping) else None
    return code if isinstance(code, int) and not isinstance(code, bool) else None


def message_of(body: Any) -> str | None:
    """``msg`` or ``message`` (providers use both), or a nested ``error.message``."""
    if not isinstance(body, Mapping):
        return None
    error = body.get("error")
    nested = error.get("message") if isinstance(error, Mapping) else error
    found = (body.get(key) for key in ("msg", "message"))
    return next((text for text in (*found, nested) if isinstance(text, str)), None)
