"""What a provider adapter is, and the spec-reading it shares with the others.

An adapter is a mapping table between the neutral models (VideoRequest, Task) and one
provider's generated client: which field holds each option, which state means what, which
answer is which error. It performs no I/O; the client sends the :class:`HttpCall` it builds
and hands back the answer. Constraints (enums, ranges, lengths, limits) are read from the
bundled spec shipped in the generated package, never copied by hand.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from importlib.resources import files
from typing import Any, ClassVar, Literal

from attrs import define
from attrs import field as attr_field

from ..errors import UnsupportedOperationError, ValidationError
from ..models import ImageRole, Task, VideoRequest
from ..validation import Schema, allowed_text, check, coerce

ImageTransport = Literal["upload", "data_uri", "url"]


@define(frozen=True)
class HttpCall:
    """One request to make, relative to the provider's base URL."""

    method: str
    url: str
    params: Mapping[str, Any] | None = None
    json: Any = None
    files: Any = None
    data: Any = None
    base_url: str | None = None
    """Set when the operation lives on another host (Apikley's upload API)."""
    create: bool = False
    """A create costs money: retried only when the provider cannot have accepted it."""
    operation: str = ""


@define(frozen=True)
class RateLimit:
    requests: int
    per_seconds: float


@define(frozen=True)
class Option:
    """One neutral option as a model takes it: its provider field and its schema."""

    name: str
    field: str
    schema: Schema = attr_field(repr=False)

    @property
    def allowed(self) -> str:
        return allowed_text(self.schema)

    @property
    def default(self) -> Any:
        return self.schema.get("default")


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

    def describe(self) -> dict[str, Any]:
        """A plain summary (what ``seedance models`` prints)."""
        return {
            "provider": self.provider,
            "model": self.model,
            "images": f"{self.min_images}-{self.max_images}",
            "image_roles": [r.value for r in self.image_roles],
            "prompt": allowed_text(self.prompt),
            "options": {name: option.allowed for name, option in self.options.items()},
        }


@cache
def load_spec(package: str) -> dict[str, Any]:
    """The bundled spec shipped in a generated package (read once)."""
    text = files(package).joinpath("openapi.json").read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


def resolve(spec: Mapping[str, Any], node: Any) -> Any:
    """Follow local ``$ref``s until a schema."""
    while isinstance(node, Mapping) and "$ref" in node:
        target: Any = spec
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


class Adapter:
    """Shared behaviour; each provider module subclasses it with its mapping tables."""

    name: ClassVar[str]
    package: ClassVar[str]
    env_key: ClassVar[str]
    image_transport: ClassVar[ImageTransport]
    default_model: ClassVar[str]

    @property
    def spec(self) -> dict[str, Any]:
        return load_spec(self.package)

    @property
    def default_base_url(self) -> str:
        url: str = self.spec["servers"][0]["url"]
        return url

    def auth_headers(self, api_key: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {api_key}"}

    def rate_limit(self, path: str, method: str) -> RateLimit | None:
        """The documented limit of an operation (``x-seedance-rate-limit``), if any."""
        raw = self.spec["paths"].get(path, {}).get(method, {}).get("x-seedance-rate-limit")
        if not raw:
            return None
        return RateLimit(int(raw["requests"]), float(raw["per_seconds"]))

    @property
    def create_rate_limit(self) -> RateLimit | None:
        return None

    @property
    def read_rate_limit(self) -> RateLimit | None:
        return None

    # ------------------------------------------------------------------ models

    def models(self) -> list[ModelInfo]:
        raise NotImplementedError

    def model_info(self, model: str | None) -> ModelInfo:
        """The model's capabilities; an unknown model is a ValidationError listing the known."""
        wanted = model or self.default_model
        infos = {info.model: info for info in self.models()}
        if wanted in infos:
            return infos[wanted]
        raise ValidationError(
            f"model={wanted!r} is not offered by {self.name}; choose one of {sorted(infos)}",
            field="model",
            value=wanted,
            allowed=sorted(infos),
            provider=self.name,
        )

    def validate(self, request: VideoRequest) -> tuple[ModelInfo, dict[str, Any]]:
        """Check ``request`` against the model's spec; return the model and the provider
        fields of every option that was set (coerced to the provider's types)."""
        info = self.model_info(request.model)
        check(request.prompt, info.prompt, field="prompt", provider=self.name, model=info.model)
        fields: dict[str, Any] = {}
        for name, value in request.options().items():
            option = info.options.get(name)
            if option is None:
                raise ValidationError(
                    f"{name}={value!r} is not accepted by {self.name} model {info.model}; "
                    f"it accepts: {', '.join(sorted(info.options)) or 'no options'}",
                    field=name,
                    value=value,
                    allowed=sorted(info.options),
                    provider=self.name,
                    model=info.model,
                )
            coerced = coerce(value, option.schema)
            check(coerced, option.schema, field=name, provider=self.name, model=info.model)
            fields[option.field] = coerced
        self._check_images(request, info)
        return info, fields

    def _check_images(self, request: VideoRequest, info: ModelInfo) -> None:
        count = len(request.images)
        if not info.min_images <= count <= info.max_images:
            needs = (
                f"exactly {info.min_images}"
                if info.min_images == info.max_images
                else f"{info.min_images} to {info.max_images}"
            )
            raise ValidationError(
                f"images: {self.name} model {info.model} takes {needs} image(s), got {count}",
                field="images",
                value=count,
                allowed=needs,
                provider=self.name,
                model=info.model,
            )
        for image in request.images:
            if image.role is not None and image.role not in info.image_roles:
                allowed = [r.value for r in info.image_roles]
                raise ValidationError(
                    f"images: role {image.role.value!r} is not accepted by {self.name} model "
                    f"{info.model}; allowed roles: {allowed or 'none'}",
                    field="images.role",
                    value=image.role.value,
                    allowed=allowed,
                    provider=self.name,
                    model=info.model,
                )

    # ------------------------------------------------------------------ calls

    def create_call(
        self,
        request: VideoRequest,
        info: ModelInfo,
        fields: dict[str, Any],
        image_urls: Sequence[str],
        callback_url: str | None,
    ) -> HttpCall:
        raise NotImplementedError

    def created_id(self, body: Any) -> str:
        raise NotImplementedError

    def get_call(self, task_id: str) -> HttpCall:
        raise NotImplementedError

    def to_task(self, task_id: str, body: Any) -> Task:
        raise NotImplementedError

    def error(
        self, call: HttpCall, status: int, body: Any, retry_after: float | None
    ) -> Exception | None:
        """The error an answer means, or None when it is a success."""
        raise NotImplementedError

    def cancel_call(self, task_id: str) -> HttpCall:
        raise UnsupportedOperationError(
            f"{self.name} has no API to cancel a task", provider=self.name
        )

    def list_call(self, *, page: int, page_size: int, task_ids: Sequence[str] = ()) -> HttpCall:
        raise UnsupportedOperationError(f"{self.name} has no API to list tasks", provider=self.name)

    def to_tasks(self, body: Any) -> list[Task]:
        raise UnsupportedOperationError(f"{self.name} has no API to list tasks", provider=self.name)

    def upload_call(self, data: bytes, file_name: str, upload_base_url: str | None) -> HttpCall:
        raise UnsupportedOperationError(f"{self.name} has no upload API", provider=self.name)

    def uploaded_url(self, body: Any) -> str:
        raise UnsupportedOperationError(f"{self.name} has no upload API", provider=self.name)

    @property
    def can_list(self) -> bool:
        """Whether the provider can list recent tasks (so a lost create can be found)."""
        return False

    @property
    def batch_size(self) -> int:
        """How many tasks one status request can fetch (1: one request per task)."""
        return 1


def generated_call(
    module: Any, *, create: bool = False, base_url: str | None = None, **kwargs: Any
) -> HttpCall:
    """Let the generated client shape the request (path, method, params, body)."""
    built = module._get_kwargs(**kwargs)
    return HttpCall(
        method=built["method"].upper(),
        url=built["url"],
        params={k: v for k, v in (built.get("params") or {}).items() if v is not None} or None,
        json=built.get("json"),
        files=built.get("files"),
        data=built.get("data"),
        base_url=base_url,
        create=create,
        operation=module.__name__.rsplit(".", 1)[-1],
    )


def message_of(body: Any) -> str | None:
    """``msg`` or ``message`` (providers use both), or a nested ``error.message``."""
    if not isinstance(body, Mapping):
        return None
    for key in ("msg", "message"):
        if isinstance(body.get(key), str):
            return str(body[key])
    error = body.get("error")
    if isinstance(error, Mapping) and isinstance(error.get("message"), str):
        return str(error["message"])
    if isinstance(error, str):
        return error
    return None
