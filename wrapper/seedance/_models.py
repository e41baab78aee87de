"""The provider-neutral request and task models.

A :class:`VideoRequest` is what a user asks for; a :class:`Task` is what any provider answers,
in one vocabulary, ``raw`` keeping the answer. Both serialise to plain JSON to be resumed.
"""

from __future__ import annotations

import enum
import math
import os
import types
import typing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from attrs import define, field, fields


class TaskStatus(enum.StrEnum):
    """Every provider's task states, mapped to one vocabulary."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    UNKNOWN = "unknown"
    """A state the provider added after this version; treated as not finished."""

    @property
    def finished(self) -> bool:
        return self in _FINISHED

    @property
    def rank(self) -> int:
        """Queued < running < any end state: the order a task's status only moves up."""
        return 2 if self.finished else int(self is TaskStatus.RUNNING)


_FINISHED = frozenset(
    {TaskStatus.SUCCEEDED, TaskStatus.FAILED, TaskStatus.CANCELLED, TaskStatus.EXPIRED}
)


class ImageRole(enum.StrEnum):
    """How a model uses an input image."""

    FIRST_FRAME = "first_frame"
    LAST_FRAME = "last_frame"
    REFERENCE = "reference_image"


ImageSource = str | bytes | os.PathLike[str]


def _role(value: str | ImageRole | None) -> ImageRole | None:
    return None if value is None else ImageRole(value)


def _short(text: str) -> str:
    return text[:60] + "..." if len(text) > 60 else text


@define(frozen=True)
class ImageInput:
    """An input image: an ``http(s)``/``data:`` URL, a local path or raw bytes (uploaded or
    sent as a data URI, by provider); ``role`` is for models that take first/last frames."""

    source: ImageSource
    role: ImageRole | None = field(default=None, converter=_role)

    @property
    def is_url(self) -> bool:
        return isinstance(self.source, str) and self.source.startswith(
            ("http://", "https://", "data:")
        )

    def describe(self) -> str:
        """A short description for messages (never the bytes themselves)."""
        if isinstance(self.source, bytes):
            return f"<{len(self.source)} bytes>"
        return _short(str(self.source)) if self.is_url else str(Path(self.source))


IMAGE_KINDS = (str, bytes, os.PathLike, ImageInput)
"""What one image may be given as (a list of them is many)."""


def image_count(value: Any) -> int:
    """How many images ``value`` holds, as :func:`_images` reads it."""
    return 0 if value is None else 1 if isinstance(value, IMAGE_KINDS) else len(value)


def _images(value: Any) -> tuple[ImageInput, ...]:
    if value is None or value == ():
        return ()
    if isinstance(value, IMAGE_KINDS):
        value = [value]
    return tuple(v if isinstance(v, ImageInput) else ImageInput(v) for v in value)


@define(frozen=True)
class MediaInput:
    """A reference video or audio, as an ``http(s)`` URL (Seedance 2.x's multimodal
    references). No provider we model documents an inline form for these, so a local file
    must first be put somewhere the provider can fetch it."""

    source: str

    @property
    def is_url(self) -> bool:
        return isinstance(self.source, str) and self.source.startswith(("http://", "https://"))

    def describe(self) -> str:
        return _short(str(self.source))


def _media(value: Any) -> tuple[MediaInput, ...]:
    if value is None or value == ():
        return ()
    if isinstance(value, (str, os.PathLike, MediaInput)):
        value = [value]
    return tuple(v if isinstance(v, MediaInput) else MediaInput(os.fspath(v)) for v in value)


@define(frozen=True, kw_only=True)
class VideoRequest:
    """What to generate, in provider-neutral terms; ``None`` is "the provider's default".
    ``extra``: provider fields, merged into the body last; ``videos``/``audios``: reference
    media (Seedance 2.x); ``endpoint_model``: whose rules apply to an Ark ``ep-...`` id."""

    prompt: str
    model: str | None = None
    images: tuple[ImageInput, ...] = field(default=(), converter=_images)
    videos: tuple[MediaInput, ...] = field(default=(), converter=_media)
    audios: tuple[MediaInput, ...] = field(default=(), converter=_media)
    endpoint_model: str | None = None
    aspect_ratio: str | None = None
    resolution: str | None = None
    duration: int | None = None
    seed: int | None = None
    camera_fixed: bool | None = None
    audio: bool | None = None
    watermark: bool | None = None
    return_last_frame: bool | None = None
    web_search: bool | None = None
    omni_reference_task_type: str | None = None
    extra: dict[str, Any] = field(factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form for the journal (image bytes are summarised, not kept)."""
        images = [
            {
                "source": image.describe()
                if isinstance(image.source, bytes)
                else str(image.source),
                "role": image.role.value if image.role else None,
            }
            for image in self.images
        ]
        media: dict[str, Any] = {
            name: [m.source for m in getattr(self, name)]
            for name in ("videos", "audios")
            if getattr(self, name)
        }
        if self.endpoint_model is not None:
            media["endpoint_model"] = self.endpoint_model
        return {
            "prompt": self.prompt,
            "model": self.model,
            "images": images,
            **media,
            **self.options(),
            "extra": self.extra,
        }

    def options(self) -> dict[str, Any]:
        """The options that were set (not ``None``), by their neutral names."""
        found = ((name, getattr(self, name)) for name in _OPTION_NAMES)
        return {name: value for name, value in found if value is not None}


_NOT_OPTIONS = {"prompt", "model", "images", "videos", "audios", "endpoint_model", "extra"}
_OPTION_NAMES = tuple(f.name for f in fields(VideoRequest) if f.name not in _NOT_OPTIONS)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value.value if isinstance(value, enum.Enum) else value


def _status(value: Any) -> TaskStatus:
    return value if type(value) is TaskStatus else TaskStatus(value)


def _timestamp(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


@define(frozen=True, kw_only=True)
class Task:
    """A generation task as the provider last reported it: ``status`` unified,
    ``provider_status`` the provider's own word, ``raw`` its payload unchanged."""

    id: str
    provider: str
    model: str | None = None
    status: TaskStatus = field(default=TaskStatus.QUEUED, converter=_status)
    provider_status: str | None = None
    progress: int | None = None
    video_url: str | None = None
    last_frame_url: str | None = None
    error_code: str | None = None
    error_message: str | None = None
    created_at: datetime | None = field(default=None, converter=_timestamp)
    updated_at: datetime | None = field(default=None, converter=_timestamp)
    credits: float | None = None
    usage: dict[str, Any] | None = None
    raw: dict[str, Any] = field(factory=dict, repr=False)

    @property
    def finished(self) -> bool:
        return self.status.finished

    @property
    def succeeded(self) -> bool:
        return self.status is TaskStatus.SUCCEEDED

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable data; :meth:`from_dict` gives the same task back."""
        return {name: _json_value(getattr(self, name)) for name in _TASK_FIELDS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Task:
        """The task :meth:`to_dict` gave; anything else raises ``ValidationError`` naming
        the field (unknown keys are ignored, so newer versions' tasks still load)."""
        from ._errors import ValidationError

        if not isinstance(data, dict):
            raise ValidationError(
                f"a task is a dict, not {type(data).__name__}", field="task", value=data
            )
        values = {f.name: data[f.name] for f in fields(Task) if f.name in data}
        for name, kinds in _TASK_TYPES.items():
            value = values.get(name)
            if name in ("id", "provider") and value is None:
                raise ValidationError(f"task.{name} is missing", field=f"task.{name}")
            if value is not None and (
                not isinstance(value, kinds)
                or (isinstance(value, bool) and bool not in kinds)
                or (isinstance(value, float) and not math.isfinite(value))
            ):
                raise ValidationError(
                    f"task.{name}={value!r}: expected {' or '.join(k.__name__ for k in kinds)}",
                    field=f"task.{name}",
                    value=value,
                )
        try:
            return cls(**values)
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"not a task: {exc}", field="task", value=data) from exc


def json_kinds(cls: type) -> dict[str, tuple[type, ...]]:
    """The types each field of ``cls`` takes in plain data, from its annotation (``None``
    aside): an enum's string, a datetime or its ISO string, an integer for a float."""
    kinds: dict[str, tuple[type, ...]] = {}
    for name, hint in typing.get_type_hints(cls).items():
        found: list[type] = []
        union = isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union
        for arg in typing.get_args(hint) if union else (hint,):
            kind = typing.get_origin(arg) or arg
            if isinstance(kind, type) and issubclass(kind, enum.Enum):
                found.append(str)
            elif kind is not type(None):
                found += _PLAIN.get(kind, [kind])
        kinds[name] = tuple(found)
    return kinds


_PLAIN: dict[Any, list[type]] = {float: [int, float], datetime: [str, datetime]}
_TASK_TYPES = json_kinds(Task)
_TASK_FIELDS = tuple(f.name for f in fields(Task))


def from_epoch(value: Any, *, milliseconds: bool = False) -> datetime | None:
    """Provider timestamps (unix seconds or ms, as number or string) -> aware datetime;
    None for one no date can hold (NaN, beyond year 9999): ``raw`` keeps it."""
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        try:
            return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return None
    if milliseconds:
        number /= 1000
    try:
        return datetime.fromtimestamp(number, UTC)
    except (OverflowError, OSError, ValueError):  # NaN, or beyond year 9999: no date
        return None
