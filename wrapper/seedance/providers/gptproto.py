"""GPTProto (a BytePlus/Volcengine Ark reseller): the mapping table.

Creates use the Ark-shape body (``ArkVideoTaskRequest``, GPTProto's "official format"):
top-level options, strictly validated, and images as data URIs. Answers come in either of
GPTProto's documented shapes, wrapped ``{code, message, data}`` or Ark's raw task object
(with ``seed`` and times as strings); both are read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import (
    AuthenticationError,
    InsufficientCreditsError,
    NotFoundError,
    ProviderError,
    ProviderRejectedError,
    ProviderUnavailableError,
    RateLimitedError,
    UnexpectedResponseError,
)
from ..models import Task, TaskStatus, from_epoch
from .ark import ArkFamilyAdapter, _set, _text, default_model_of
from .base import HttpCall, generated_call

PACKAGE = "gptproto_client"

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

# the wrapped form's status -> neutral status ("pending" does not say queued or running)
WRAPPED_STATUSES = {
    "pending": TaskStatus.QUEUED,
    "completed": TaskStatus.SUCCEEDED,
    "failed": TaskStatus.FAILED,
}

# a non-zero ``code`` in a wrapped answer at HTTP 200, when it is an HTTP-like number
WRAPPED_CODES: dict[int, type[ProviderError]] = {
    401: AuthenticationError,
    402: InsufficientCreditsError,
    404: NotFoundError,
    429: RateLimitedError,
}


class GptprotoAdapter(ArkFamilyAdapter):
    name = "gptproto"
    package = PACKAGE
    env_key = "GPTPROTO_API_KEY"
    default_model = default_model_of(PACKAGE)
    option_fields = OPTION_FIELDS
    prompt_schema = "ArkTextContentItem"
    create_operation = ("default.create_video_task", "ArkVideoTaskRequest")

    def created_id(self, body: Any) -> str:
        """``{"id"}`` (Ark shape) or ``{"code": 0, "data": {"task_id"}}`` (wrapped)."""
        from gptproto_client.models import ArkTaskCreated, CreatedTaskEnvelope

        task_id: Any = None
        try:
            if isinstance(body, Mapping) and "id" in body:
                task_id = ArkTaskCreated.from_dict(body).id
            elif isinstance(body, Mapping):
                data = CreatedTaskEnvelope.from_dict(body).data
                task_id = getattr(data, "task_id", None)
        except (KeyError, TypeError, ValueError, AttributeError):
            task_id = None
        if not isinstance(task_id, str) or not task_id:
            raise UnexpectedResponseError(
                "gptproto accepted the task but its answer has neither id nor data.task_id",
                provider=self.name,
                raw=body,
            )
        return task_id

    def get_call(self, task_id: str) -> HttpCall:
        from gptproto_client.api.default import get_video_task

        return generated_call(get_video_task, task_id=task_id)

    def to_task(self, task_id: str, body: Any) -> Task:
        from gptproto_client.models import ArkTask, TaskEnvelope

        if not (isinstance(body, Mapping) and "code" in body and "id" not in body):
            return self.ark_task(task_id, body, ArkTask)
        try:
            data = _set(TaskEnvelope.from_dict(body).data)
            word = _text(data.status) if data is not None else None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise UnexpectedResponseError(
                f"gptproto answered task {task_id} in a shape seedance does not know ({exc})",
                provider=self.name,
                raw=body,
            ) from exc
        if data is None or word is None:
            raise UnexpectedResponseError(
                f"gptproto answered task {task_id} without data.status",
                provider=self.name,
                raw=body,
            )
        status = WRAPPED_STATUSES.get(word, TaskStatus.UNKNOWN)
        return Task(
            id=str(data.task_id or task_id),
            provider=self.name,
            model=_text(data.model),
            status=status,
            provider_status=word,
            progress=100 if status.finished else None,
            video_url=_text(data.video_url),
            error_message=_text(data.error),
            created_at=from_epoch(_text(data.created_at)),
            updated_at=from_epoch(_text(data.completed_at)),
            raw=dict(body),
        )

    def error(
        self, call: HttpCall, status: int, body: Any, retry_after: float | None
    ) -> Exception | None:
        """HTTP errors in ``{"error": {message, type, code}}``; also a wrapped answer whose
        ``code`` is not 0, which GPTProto may send with HTTP 200."""
        code = body.get("code") if isinstance(body, Mapping) and "id" not in body else None
        if status >= 400 or not isinstance(code, int) or isinstance(code, bool) or code == 0:
            return super().error(call, status, body, retry_after)
        message = str(body.get("message") or body.get("msg") or "")
        cls = WRAPPED_CODES.get(code)
        if cls is None:
            cls = ProviderUnavailableError if 500 <= code < 600 else ProviderRejectedError
        text = f"gptproto answered code {code}: {message}"
        if cls is AuthenticationError:
            text += f" (check {self.env_key})"
        kwargs: dict[str, Any] = {"provider": self.name, "status_code": status, "code": code}
        if cls is RateLimitedError:
            return RateLimitedError(text, retry_after=retry_after, raw=body, **kwargs)
        return cls(text, raw=body, **kwargs)
