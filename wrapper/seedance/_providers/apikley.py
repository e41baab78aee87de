"""Apikley (a kie.ai "market" API clone): the mapping table.

Models are discovered from the spec (``_field_roles``): every variant of the createTask
``oneOf`` is a model whose ``input`` fields state what they carry. A new vendor document plus
``make generate`` adds a model here with no code change.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from typing import Any

from .. import _errors as errors
from .._call import Answer, Operation
from .._models import Task, TaskStatus, from_epoch
from ._base import STATUS_ERRORS, code_of, message_of, set_or_none, text_of
from ._field_roles import FieldRolesAdapter

CREATE_PATH = "/api/v1/jobs/createTask"
RECORD_PATH = "/api/v1/jobs/recordInfo"

# provider state -> neutral status
STATES = {
    "waiting": TaskStatus.QUEUED,
    "queuing": TaskStatus.QUEUED,
    "generating": TaskStatus.RUNNING,
    "success": TaskStatus.SUCCEEDED,
    "fail": TaskStatus.FAILED,
}

# body code -> error class (HTTP status is used when the body has no code); any other
# code from 500 is unavailable, the rest unexpected
ERRORS = {
    **STATUS_ERRORS,
    422: errors.ProviderRejectedError,
    455: errors.ProviderUnavailableError,
    501: errors.ProviderRejectedError,
    505: errors.ProviderRejectedError,
}
DEFAULT_MODEL = "bytedance/seedance-1.5-pro"
MAINTENANCE = 455  # the spec's createTask 503: "undergoing maintenance (body code 455)"
NOT_YET_VISIBLE = "recordInfo is null"


class ApikleyAdapter(FieldRolesAdapter):
    name = "apikley"
    package = "apikley_client"
    env_key = "APIKLEY_API_KEY"
    image_transport = "upload"
    create_path = CREATE_PATH
    create_module = "default.create_task"
    callback_field = "callBackUrl"
    read_path = RECORD_PATH
    result_link_path = "/api/v1/common/download-url"

    @property
    def default_model(self) -> str:
        return DEFAULT_MODEL

    @property
    def refusal_codes(self) -> frozenset[int]:
        return super().refusal_codes | {MAINTENANCE}

    def maintenance(self, error: BaseException) -> bool:
        return isinstance(error, errors.ProviderError) and error.code == MAINTENANCE

    # ------------------------------------------------------------------ operations

    def created_id(self, answer: Answer) -> str:
        return self.answered_id(answer, "data.task_id")

    def get(self, task_id: str) -> Operation:
        return self.operation("default.get_task_details", task_id=task_id)

    def to_task(self, task_id: str, answer: Answer) -> Task:
        if _not_yet_visible(answer.body):
            return self.task(task_id, TaskStatus.QUEUED, NOT_YET_VISIBLE, dict(answer.body))
        record = set_or_none(getattr(answer.parsed, "data", None))
        if record is None or not isinstance(answer.body, Mapping):
            raise errors.UnexpectedResponseError(
                f"apikley answered task {task_id} without data", provider=self.name, raw=answer.body
            )
        word = text_of(record.state) or ""
        status = STATES.get(word, TaskStatus.UNKNOWN)
        paid = (set_or_none(record.credits_consumed), set_or_none(record.consume_credits))
        credits = [float(c) for c in paid if isinstance(c, (int, float))]
        progress = set_or_none(record.progress)
        done = status is TaskStatus.SUCCEEDED
        return self.task(
            text_of(record.task_id) or task_id,
            status,
            word,
            dict(answer.body),
            model=text_of(record.model),
            progress=progress if isinstance(progress, int) else None,
            video_url=_first_result_url(text_of(record.result_json)) if done else None,
            error_code=text_of(record.fail_code),
            error_message=text_of(record.fail_msg),
            created_at=from_epoch(set_or_none(record.create_time), milliseconds=True),
            updated_at=from_epoch(set_or_none(record.update_time), milliseconds=True),
            credits=credits[0] if credits else None,
        )

    def upload(self, data: bytes, file_name: str, base_url: str | None) -> Operation:
        from apikley_client.models import UploadFileStreamRequest
        from apikley_client.types import File

        host = self.upload_host(base_url)
        body = UploadFileStreamRequest(
            file=File(payload=io.BytesIO(data), file_name=file_name),
            upload_path="seedance",
            file_name=file_name,
        )
        return self.operation("default.upload_file_stream", base_url=host, body=body)

    def uploaded_url(self, answer: Answer) -> str:
        return self.answered_id(answer, "data.download_url", "data.file_url", what="upload")

    # ------------------------------------------------------------------ result links

    def result_link(self, url: str) -> Operation:
        from apikley_client.models import DownloadUrlRequest

        return self.operation("default.get_download_url", body=DownloadUrlRequest(url=url))

    def result_link_url(self, answer: Answer) -> str:
        return self.answered_id(answer, "data", what="download-url")

    def error(self, op: Operation, answer: Answer, retry_after: float | None) -> Exception | None:
        body, code = answer.body, code_of(answer.body)
        if code == 200 and answer.status < 400:
            return None
        if op.name == "get_task_details" and _not_yet_visible(body):
            return None
        effective = code if code is not None else answer.status
        unknown = errors.ProviderUnavailableError if effective >= 500 else None
        cls = ERRORS.get(effective) or unknown or errors.UnexpectedResponseError
        text = f"apikley answered {effective}: {message_of(body) or f'HTTP {answer.status}'}"
        return self.answer_error(cls, text, answer, effective, retry_after)


def _not_yet_visible(body: Any) -> bool:
    return (
        isinstance(body, Mapping)
        and body.get("code") == 422
        and (message_of(body) or "").strip().lower() == NOT_YET_VISIBLE.lower()
    )


def _first_result_url(result_json: str | None) -> str | None:
    """``resultJson`` is a JSON string holding ``{"resultUrls": [...]}``."""
    try:
        result = json.loads(result_json) if result_json else None
    except json.JSONDecodeError:
        return None
    urls = result.get("resultUrls") if isinstance(result, Mapping) else None
    if isinstance(urls, list) and urls and isinstance(urls[0], str):
        return urls[0]
    return None
