"""GPTProto (a BytePlus/Volcengine Ark reseller): the mapping table.

Creates use the Ark-shape body (``ArkVideoTaskRequest``, GPTProto's "official format"):
top-level options, strictly validated, and images as data URIs. Answers come in either of
GPTProto's documented shapes, wrapped ``{code, message, data}`` or Ark's raw task object
(with ``seed`` and times as strings); both are read.
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import _errors as errors
from .._call import Answer, Operation
from .._models import Task, TaskStatus, from_epoch
from ._ark_family import ArkFamilyAdapter
from ._base import STATUS_ERRORS, code_of, set_or_none, text_of

# the wrapped form's status -> neutral status ("pending" does not say queued or running)
WRAPPED_STATUSES = {
    "pending": TaskStatus.QUEUED,
    "completed": TaskStatus.SUCCEEDED,
    "failed": TaskStatus.FAILED,
}


class GptprotoAdapter(ArkFamilyAdapter):
    name = "gptproto"
    package = "gptproto_client"
    env_key = "GPTPROTO_API_KEY"
    create_path = "/api/v3/contents/generations/tasks"
    prompt_schema = "ArkTextContentItem"
    create_operation = ("default.create_video_task", "ArkVideoTaskRequest")

    def created_id(self, answer: Answer) -> str:
        """``{"id"}`` (Ark shape) or ``{"code": 0, "data": {"task_id"}}`` (wrapped)."""
        return self.answered_id(answer, "id", "data.task_id")

    def get(self, task_id: str) -> Operation:
        return self.operation("default.get_video_task", task_id=task_id)

    def to_task(self, task_id: str, answer: Answer) -> Task:
        from gptproto_client.models import ArkTask

        body = answer.body
        if not (isinstance(body, Mapping) and "code" in body and "id" not in body):
            parsed = answer.parsed if isinstance(answer.parsed, ArkTask) else None
            if parsed is None and isinstance(body, Mapping):
                try:  # the first union member (the wrapped form) took an Ark-shaped body
                    parsed = ArkTask.from_dict(body)
                except (KeyError, TypeError, ValueError, AttributeError):
                    parsed = None
            return self.ark_task(task_id, parsed, body)
        data = set_or_none(getattr(answer.parsed, "data", None))
        word = text_of(getattr(data, "status", None))
        if data is None or word is None:
            raise errors.UnexpectedResponseError(
                f"gptproto answered task {task_id} without data.status",
                provider=self.name,
                raw=body,
            )
        return self.task(
            text_of(data.task_id) or task_id,
            WRAPPED_STATUSES.get(word, TaskStatus.UNKNOWN),
            word,
            dict(body),
            model=text_of(data.model),
            video_url=text_of(data.video_url),
            error_message=text_of(data.error),
            created_at=from_epoch(text_of(data.created_at)),
            updated_at=from_epoch(text_of(data.completed_at)),
        )

    def error(self, op: Operation, answer: Answer, retry_after: float | None) -> Exception | None:
        """HTTP errors in ``{"error": {message, type, code}}``; also a wrapped answer whose
        ``code`` is not 0, which GPTProto may send with HTTP 200."""
        body = answer.body
        code = None if isinstance(body, Mapping) and "id" in body else code_of(body)
        if answer.status >= 400 or not code:
            return super().error(op, answer, retry_after)
        # an HTTP-like number, or a refusal
        unavailable = errors.ProviderUnavailableError if 500 <= code < 600 else None
        cls = STATUS_ERRORS.get(code) or unavailable or errors.ProviderRejectedError
        text = f"gptproto answered code {code}: {body.get('message') or body.get('msg') or ''}"
        return self.answer_error(cls, text, answer, code, retry_after)
