"""seedance: Seedance (ByteDance) video generation through any provider, from one API.

    from seedance import Client
    client = Client("apikley")                      # key from APIKLEY_API_KEY
    task = client.generate("a red fox in snow", output="fox.mp4")

Names are imported on first use, so ``import seedance`` stays cheap (no HTTP stack, no
generated client) until a client is made.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "AsyncClient": "seedance._client",
    "Client": "seedance._client",
    "Task": "seedance._models",
    "TaskStatus": "seedance._models",
    "VideoRequest": "seedance._models",
    "ImageInput": "seedance._models",
    "ImageRole": "seedance._models",
    "MediaInput": "seedance._models",
    "PollSchedule": "seedance._polling",
    "ModelInfo": "seedance._providers._base",
    "SeedanceError": "seedance._errors",
    "ValidationError": "seedance._errors",
    "ConfigurationError": "seedance._errors",
    "ProviderError": "seedance._errors",
    "AuthenticationError": "seedance._errors",
    "InsufficientCreditsError": "seedance._errors",
    "NotFoundError": "seedance._errors",
    "RateLimitedError": "seedance._errors",
    "ProviderUnavailableError": "seedance._errors",
    "ProviderRejectedError": "seedance._errors",
    "UnexpectedResponseError": "seedance._errors",
    "UnsupportedOperationError": "seedance._errors",
    "TransportError": "seedance._errors",
    "TaskFailedError": "seedance._errors",
    "WaitTimeoutError": "seedance._errors",
    "DownloadError": "seedance._errors",
    "BatchRequest": "seedance._batch",
    "BatchResult": "seedance._batch",
    "BatchRow": "seedance._batch",
    "RowStatus": "seedance._batch",
    "parse_batch_line": "seedance._batch",
    "read_batch": "seedance._batch",
    "run_batch": "seedance._batch",
    "run_batch_sync": "seedance._batch",
}

__all__ = [
    "AsyncClient",
    "AuthenticationError",
    "BatchRequest",
    "BatchResult",
    "BatchRow",
    "Client",
    "ConfigurationError",
    "DownloadError",
    "ImageInput",
    "ImageRole",
    "InsufficientCreditsError",
    "MediaInput",
    "ModelInfo",
    "NotFoundError",
    "PollSchedule",
    "ProviderError",
    "ProviderRejectedError",
    "ProviderUnavailableError",
    "RateLimitedError",
    "RowStatus",
    "SeedanceError",
    "Task",
    "TaskFailedError",
    "TaskStatus",
    "TransportError",
    "UnexpectedResponseError",
    "UnsupportedOperationError",
    "ValidationError",
    "VideoRequest",
    "WaitTimeoutError",
    "available_providers",
    "list_models",
    "parse_batch_line",
    "read_batch",
    "run_batch",
    "run_batch_sync",
]

if TYPE_CHECKING:
    from ._batch import (
        BatchRequest,
        BatchResult,
        BatchRow,
        RowStatus,
        parse_batch_line,
        read_batch,
        run_batch,
        run_batch_sync,
    )
    from ._client import AsyncClient, Client
    from ._errors import (
        AuthenticationError,
        ConfigurationError,
        DownloadError,
        InsufficientCreditsError,
        NotFoundError,
        ProviderError,
        ProviderRejectedError,
        ProviderUnavailableError,
        RateLimitedError,
        SeedanceError,
        TaskFailedError,
        TransportError,
        UnexpectedResponseError,
        UnsupportedOperationError,
        ValidationError,
        WaitTimeoutError,
    )
    from ._models import ImageInput, ImageRole, MediaInput, Task, TaskStatus, VideoRequest
    from ._polling import PollSchedule
    from ._providers._base import ModelInfo


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'seedance' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def available_providers() -> list[str]:
    """The providers this installation supports."""
    from ._providers import available

    return available()


def list_models(provider: str | None = None) -> list[ModelInfo]:
    """Every model of every provider (or of one) and the options each accepts, from the specs."""
    from ._providers import get_adapter

    names = [provider] if provider else available_providers()
    return [info for name in names for info in get_adapter(name).models()]
