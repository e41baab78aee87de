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

_MODULES = {
    "seedance._client": ("AsyncClient", "Client"),
    "seedance._models": (
        "Task", "TaskStatus", "VideoRequest", "ImageInput", "ImageRole", "MediaInput",
    ),
    "seedance._polling": ("PollSchedule",),
    "seedance._providers._base": ("ModelInfo",),
    "seedance._errors": (
        "SeedanceError", "ValidationError", "ConfigurationError", "ProviderError",
        "AuthenticationError", "InsufficientCreditsError", "NotFoundError",
        "RateLimitedError", "ProviderUnavailableError", "ProviderRejectedError",
        "UnexpectedResponseError", "UnsupportedOperationError", "TransportError",
        "TaskFailedError", "WaitTimeoutError", "DownloadError",
    ),
    "seedance._batch": (
        "BatchRequest", "BatchResult", "BatchRow", "RowStatus", "parse_batch_line",
        "read_batch", "run_batch", "run_batch_sync",
    ),
}  # fmt: skip
_EXPORTS = {name: module for module, names in _MODULES.items() for name in names}
__all__ = sorted([*_EXPORTS, "available_providers", "list_models"])

if TYPE_CHECKING:  # ``X as X``: an explicit re-export, as mypy --strict wants
    from ._batch import BatchRequest as BatchRequest
    from ._batch import BatchResult as BatchResult
    from ._batch import BatchRow as BatchRow
    from ._batch import RowStatus as RowStatus
    from ._batch import parse_batch_line as parse_batch_line
    from ._batch import read_batch as read_batch
    from ._batch import run_batch as run_batch
    from ._batch import run_batch_sync as run_batch_sync
    from ._client import AsyncClient as AsyncClient
    from ._client import Client as Client
    from ._errors import AuthenticationError as AuthenticationError
    from ._errors import ConfigurationError as ConfigurationError
    from ._errors import DownloadError as DownloadError
    from ._errors import InsufficientCreditsError as InsufficientCreditsError
    from ._errors import NotFoundError as NotFoundError
    from ._errors import ProviderError as ProviderError
    from ._errors import ProviderRejectedError as ProviderRejectedError
    from ._errors import ProviderUnavailableError as ProviderUnavailableError
    from ._errors import RateLimitedError as RateLimitedError
    from ._errors import SeedanceError as SeedanceError
    from ._errors import TaskFailedError as TaskFailedError
    from ._errors import TransportError as TransportError
    from ._errors import UnexpectedResponseError as UnexpectedResponseError
    from ._errors import UnsupportedOperationError as UnsupportedOperationError
    from ._errors import ValidationError as ValidationError
    from ._errors import WaitTimeoutError as WaitTimeoutError
    from ._models import ImageInput as ImageInput
    from ._models import ImageRole as ImageRole
    from ._models import MediaInput as MediaInput
    from ._models import Task as Task
    from ._models import TaskStatus as TaskStatus
    from ._models import VideoRequest as VideoRequest
    from ._polling import PollSchedule as PollSchedule
    from ._providers._base import ModelInfo as ModelInfo


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
