"""One exception hierarchy for every provider: everything seedance raises is a
:class:`SeedanceError`, whose subclasses say what a caller can do (fix the input, set a key,
wait, retry, give up). No message, repr or attribute ever holds an API key."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._models import Task


class SeedanceError(Exception):
    """Base of every error seedance raises."""

    def __init__(self, message: str, *, provider: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.provider = provider

    def __str__(self) -> str:
        return self.message  # kept current: an adapter may add to it


class ValidationError(SeedanceError, ValueError):
    """The request is not one the provider/model accepts; raised before anything is sent."""

    def __init__(
        self,
        message: str,
        *,
        field: str,
        value: Any = None,
        allowed: Sequence[Any] | str | None = None,
        provider: str | None = None,
        model: str | None = None,
    ) -> None:
        super().__init__(message, provider=provider)
        self.field = field
        self.value = value
        self.allowed = allowed
        self.model = model


class ConfigurationError(SeedanceError):
    """The client is set up wrongly (unknown provider, bad option)."""


class ProviderError(SeedanceError):
    """The provider answered with an error. ``raw`` keeps its answer as received."""

    def __init__(
        self,
        message: str,
        *,
        provider: str | None = None,
        status_code: int | None = None,
        code: str | int | None = None,
        raw: Any = None,
    ) -> None:
        super().__init__(message, provider=provider)
        self.status_code = status_code
        self.code = code
        self.raw = raw


class AuthenticationError(ProviderError):
    """No API key is configured, or the provider refused the one given."""


class InsufficientCreditsError(ProviderError):
    """The account cannot pay for the task (Apikley 402, Ark AccountOverdueError)."""


class NotFoundError(ProviderError):
    """The provider does not know this task (wrong id, expired record, wrong account)."""


class RateLimitedError(ProviderError):
    """Too many requests; ``retry_after`` is the provider's hint in seconds, if it gave one."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ProviderUnavailableError(ProviderError):
    """The provider failed (5xx) or is under maintenance (Apikley 455)."""


class ProviderRejectedError(ProviderError):
    """The provider refused the request as invalid (a 4xx not covered above)."""


class UnexpectedResponseError(ProviderError):
    """An answer seedance does not understand; ``raw`` holds it unchanged."""


class UnsupportedOperationError(SeedanceError):
    """The provider's API has no such operation (e.g. cancel on Apikley)."""


class TransportError(SeedanceError):
    """The request did not complete (connection, timeout). ``may_have_created``: a create
    was sent and its answer lost, so the task may exist and be billed (never retried blindly)."""

    def __init__(
        self, message: str, *, provider: str | None = None, may_have_created: bool = False
    ) -> None:
        super().__init__(message, provider=provider)
        self.may_have_created = may_have_created


class _KeyError(SeedanceError):
    def __init__(self, message: str, *, key: str, provider: str) -> None:
        super().__init__(message, provider=provider)
        self.key = key


class TaskOutcomeUnknownError(_KeyError):
    """A journaled create was sent but its answer never recorded (a crash, a lost answer):
    the task may exist and be billed, so it is never created again under this ``key``;
    check the provider before submitting anew."""


class SubmissionInProgressError(_KeyError):
    """Another process holds this idempotency key and is submitting it right now; ``key``
    is the key. Nothing was sent: try again shortly (it then returns that process's task)."""


class TaskFailedError(SeedanceError):
    """The task ended without a video (failed, cancelled or expired); ``task`` has details."""

    def __init__(self, task: Task) -> None:
        detail = f": {task.error_message}" if task.error_message else ""
        code = f" (code {task.error_code})" if task.error_code else ""
        super().__init__(
            f"task {task.id} on {task.provider} ended {task.status.value}{code}{detail}",
            provider=task.provider,
        )
        self.task = task


class WaitTimeoutError(SeedanceError, TimeoutError):
    """The wait's deadline passed first. The task goes on at the provider; wait again later."""

    def __init__(self, task_id: str, timeout: float, *, provider: str, last: Task | None) -> None:
        status = f"; last status {last.status.value}" if last is not None else ""
        super().__init__(
            f"task {task_id} on {provider} did not finish within {timeout:g} s{status}",
            provider=provider,
        )
        self.task_id = task_id
        self.timeout = timeout
        self.last = last


class DownloadError(SeedanceError):
    """A download that did not produce its file (an error answer, a transfer that kept
    breaking or stalled under the minimum speed, a body longer than announced or than the
    size cap); the destination is untouched, the bytes received stay in its ``.part`` file
    for a later call to resume (except a body that was too long: those are discarded).
    ``url`` has no query, fragment or user info (result URLs carry tokens; errors reach
    logs); ``status_code`` is the error answer's, or None."""

    def __init__(
        self, message: str, *, url: str, status_code: int | None, destination: Path
    ) -> None:
        super().__init__(message)
        self.url = url
        self.status_code = status_code
        self.destination = destination
