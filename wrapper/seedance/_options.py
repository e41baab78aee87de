"""Every option of ``submit``, ``generate``, ``wait`` and ``download``, declared once.

Both clients type their keyword arguments with these (``**options: Unpack[...]``), so a
misspelt option (``durration=5``) fails ``mypy`` on the sync and the async client alike,
and at run time raises :class:`~seedance.ValidationError` naming it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypedDict

import httpx

from ._clock import Clock
from ._errors import ValidationError
from ._journal import JournalSpec
from ._models import ImageInput, ImageSource, MediaInput, Task
from ._polling import PollSchedule

Images = ImageSource | ImageInput | Sequence[ImageSource | ImageInput]
Media = str | MediaInput | Sequence[str | MediaInput]
OnUpdate = Callable[[Task], None]
OnProgress = Callable[[int, int | None], None]


class ClientOptions(TypedDict, total=False):
    """How a client is made (both twins take these, beside ``transport``)."""

    api_key: str | None
    """Default: ``<PROVIDER>_API_KEY``."""
    base_url: str | None
    """Default: ``<PROVIDER>_BASE_URL``, then the spec's server (Ark: ``ARK_REGION``)."""
    upload_base_url: str | None
    """Apikley's upload host; default ``APIKLEY_UPLOAD_URL`` (no default host exists)."""
    timeout: float | httpx.Timeout
    """Seconds per HTTP call (default 30, connect 10) for each connect, read and write;
    a whole call also ends within 4 times the longest, however slowly its body comes."""
    max_retries: int
    """Retries of a read (and of a create the provider provably refused); default 3."""
    poll_schedule: PollSchedule | None
    """When ``wait()`` polls (default: frequent first, then backing off)."""
    callback_url: str | None
    """The public URL where ``callback_receiver()`` is mounted: signed per-task callbacks."""
    callback_secret: str | bytes | None
    """Signs callback URLs; default ``SEEDANCE_CALLBACK_SECRET``, else random per client."""
    rate_limit: bool
    """False drops the client-side limits read from the spec (for higher-limit accounts)."""
    journal: JournalSpec
    """Default ``SEEDANCE_JOURNAL``, else a SQLite file in the user data dir; False: none;
    a path, a ``postgresql://`` DSN or a journal object."""
    clock: Clock | None
    """Time, for tests (``seedance.testing.FakeClock``)."""


class RequestOptions(TypedDict, total=False):
    """What to generate (see :class:`~seedance.VideoRequest`)."""

    model: str | None
    images: Images | None
    videos: Media | None
    """Reference videos (URLs; Seedance 2.x multimodal references)."""
    audios: Media | None
    """Reference audios (URLs; Seedance 2.x multimodal references)."""
    endpoint_model: str | None
    """With an endpoint id as ``model`` (Ark's ``ep-...``): the model whose rules apply."""
    aspect_ratio: str | None
    resolution: str | None
    duration: int | None
    seed: int | None
    camera_fixed: bool | None
    audio: bool | None
    watermark: bool | None
    return_last_frame: bool | None
    web_search: bool | None
    omni_reference_task_type: str | None
    """Ark's multimodal-reference task type: auto, reference, edit or extend."""
    extra: Mapping[str, Any] | None


class SubmitOptions(RequestOptions, total=False):
    """``submit``'s options: the request, plus how it is journaled and called back."""

    callback_url: str | None
    """Your own callback URL for this task (instead of the client's signed one)."""
    idempotency_key: str | None
    """Submitting again with the same key returns the same task instead of paying twice."""
    output: str | os.PathLike[str] | None
    """Where ``resume()`` downloads the result (journaled with the submission)."""


class WaitOptions(TypedDict, total=False):
    """``wait``'s options."""

    timeout: float
    """Seconds to wait at most (default 900); then :class:`~seedance.WaitTimeoutError`."""
    on_update: OnUpdate | None
    """Called with every new state of the task."""
    raise_on_failure: bool
    """Raise :class:`~seedance.TaskFailedError` when the task ends without a video."""


class GenerateOptions(SubmitOptions, total=False):
    """``generate``'s options: ``submit``'s plus the wait's."""

    timeout: float
    on_update: OnUpdate | None


class DownloadOptions(TypedDict, total=False):
    """``download``'s options."""

    last_frame: bool
    """The last frame image instead of the video (where the provider returns one)."""
    on_progress: OnProgress | None
    """Called after every chunk with (bytes on disk, total or None)."""
    min_speed: int
    """Bytes per second the transfer must average over every ``min_speed_time`` seconds,
    else :class:`~seedance.DownloadError` (the ``.part`` is kept for a later call); default
    1024 (curl's ``--speed-limit``)."""
    min_speed_time: float
    """Seconds over which ``min_speed`` is averaged; default 30 (curl's ``--speed-time``)."""


def checked(options: Mapping[str, Any], kind: type[Any], method: str) -> None:
    """Refuse keywords ``kind`` does not declare (for callers without a type checker)."""
    allowed: frozenset[str] = kind.__required_keys__ | kind.__optional_keys__
    for name in options:
        if name not in allowed:
            raise ValidationError(
                f"{method}() got an unknown option {name}=...; allowed: {sorted(allowed)}",
                field=name,
                value=options[name],
                allowed=sorted(allowed),
            )
