"""Apikley (a kie.ai "market" API clone): the mapping table.

Models are discovered from the spec: every variant of the createTask ``oneOf`` is a model,
its ``input`` properties are its options. A new vendor document plus ``make generate`` adds a
model here with no code change.
"""

from __future__ import annotations

import importlib
import io
import json
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any

from ..errors import (
    AuthenticationError,
    InsufficientCreditsError,
    NotFoundError,
    ProviderRejectedError,
    ProviderUnavailableError,
    RateLimitedError,
    UnexpectedResponseError,
)
from ..models import Task, TaskStatus, VideoRequest, from_epoch
from .base import (
    Adapter,
    HttpCall,
    ModelInfo,
    Option,
    RateLimit,
    generated_call,
    message_of,
    resolve,
)

CREATE_PATH = "/api/v1/jobs/createTask"
RECORD_PATH = "/api/v1/jobs/recordInfo"

# neutral option -> the input field that carries it (the first one a model has wins)
OPTION_FIELDS: dict[str, tuple[str, ...]] = {
    "aspect_ratio": ("aspect_ratio",),
    "resolution": ("resolution",),
    "duration": ("duration",),
    "seed": ("seed",),
    "camera_fixed": ("camera_fixed", "fixed_lens"),
    "audio": ("generate_audio",),
}
# input fields that take image URLs: a list, or a single URL
IMAGE_LIST_FIELD = "input_urls"
IMAGE_FIELD = "image_url"

# provider state -> neutral status
STATES = {
    "waiting": TaskStatus.QUEUED,
    "queuing": TaskStatus.QUEUED,
    "generating": TaskStatus.RUNNING,
    "success": TaskStatus.SUCCEEDED,
    "fail": TaskStatus.FAILED,
}

# body code -> error class (HTTP status is used when the body has no code)
ERRORS: dict[int, type[Exception]] = {
    401: AuthenticationError,
    402: InsufficientCreditsError,
    404: NotFoundError,
    422: ProviderRejectedError,
    429: RateLimitedError,
    455: ProviderUnavailableError,
    500: ProviderUnavailableError,
    501: ProviderRejectedError,
    503: ProviderUnavailableError,
    505: ProviderRejectedError,
}
NOT_YET_VISIBLE = "recordInfo is null"


class ApikleyAdapter(Adapter):
    name = "apikley"
    package = "apikley_client"
    env_key = "APIKLEY_API_KEY"
    image_transport = "upload"
    default_model = "bytedance/seedance-1.5-pro"

    @property
    def create_rate_limit(self) -> RateLimit | None:
        return self.rate_limit(CREATE_PATH, "post")

    @property
    def read_rate_limit(self) -> RateLimit | None:
        return self.rate_limit(RECORD_PATH, "get")

    @cached_property
    def upload_base_url(self) -> str:
        """The upload API's host as the spec gives it (a placeholder: a user setting)."""
        url: str = self.spec["paths"]["/api/file-stream-upload"]["servers"][0]["url"]
        return url

    # ------------------------------------------------------------------ models

    @cached_property
    def _variants(self) -> dict[str, tuple[str, ModelInfo]]:
        """model id -> (generated request class name, capabilities)."""
        body = self.spec["paths"][CREATE_PATH]["post"]["requestBody"]
        schema = body["content"]["application/json"]["schema"]
        refs = schema.get("oneOf", [schema])
        out: dict[str, tuple[str, ModelInfo]] = {}
        for ref in refs:
            component = str(ref["$ref"]).rsplit("/", 1)[-1]
            variant = resolve(self.spec, ref)
            model = variant["properties"]["model"]["enum"][0]
            inputs = resolve(self.spec, variant["properties"]["input"])
            properties: Mapping[str, Any] = inputs.get("properties", {})
            options = {}
            for neutral, candidates in OPTION_FIELDS.items():
                for candidate in candidates:
                    if candidate in properties:
                        options[neutral] = Option(neutral, candidate, properties[candidate])
                        break
            min_images = max_images = 0
            required = set(inputs.get("required", []))
            if IMAGE_LIST_FIELD in properties:
                urls = properties[IMAGE_LIST_FIELD]
                min_images = int(urls.get("minItems", 1 if IMAGE_LIST_FIELD in required else 0))
                max_images = int(urls.get("maxItems", 1))
            elif IMAGE_FIELD in properties:
                min_images = 1 if IMAGE_FIELD in required else 0
                max_images = 1
            info = ModelInfo(
                provider=self.name,
                model=model,
                options=options,
                prompt=properties.get("prompt", {"type": "string"}),
                min_images=min_images,
                max_images=max_images,
            )
            out[model] = (component, info)
        return out

    def models(self) -> list[ModelInfo]:
        return [info for _, info in self._variants.values()]

    # ------------------------------------------------------------------ calls

    def create_call(
        self,
        request: VideoRequest,
        info: ModelInfo,
        fields: dict[str, Any],
        image_urls: Sequence[str],
        callback_url: str | None,
    ) -> HttpCall:
        component, _ = self._variants[info.model]
        inputs = resolve(
            self.spec, self.spec["components"]["schemas"][component]["properties"]["input"]
        )
        payload: dict[str, Any] = {"prompt": request.prompt}
        # Fill required fields the user left out with the spec's default (e.g. aspect_ratio).
        for name in inputs.get("required", []):
            default = inputs["properties"].get(name, {}).get("default")
            if default is not None:
                payload[name] = default
        payload.update(fields)
        if image_urls:
            if IMAGE_LIST_FIELD in inputs.get("properties", {}):
                payload[IMAGE_LIST_FIELD] = list(image_urls)
            else:
                payload[IMAGE_FIELD] = image_urls[0]
        payload.update(request.extra)
        body: dict[str, Any] = {"model": info.model, "input": payload}
        if callback_url:
            body["callBackUrl"] = callback_url
        models = importlib.import_module(f"{self.package}.models")
        generated_body = getattr(models, component).from_dict(body)
        create_task = importlib.import_module(f"{self.package}.api.default.create_task")
        return generated_call(create_task, create=True, body=generated_body)

    def created_id(self, body: Any) -> str:
        from apikley_client.models import CreateTaskResponse200

        parsed = CreateTaskResponse200.from_dict(body)
        data = parsed.data
        task_id = getattr(data, "task_id", None)
        if not isinstance(task_id, str) or not task_id:
            raise UnexpectedResponseError(
                "apikley accepted the task but its answer has no data.taskId",
                provider=self.name,
                raw=body,
            )
        return task_id

    def get_call(self, task_id: str) -> HttpCall:
        from apikley_client.api.default import get_task_details

        return generated_call(get_task_details, task_id=task_id)

    def to_task(self, task_id: str, body: Any) -> Task:
        from apikley_client.models import TaskDetailsResponse

        if _not_yet_visible(body):
            return Task(
                id=task_id,
                provider=self.name,
                status=TaskStatus.QUEUED,
                provider_status=NOT_YET_VISIBLE,
                raw=body,
            )
        data = body.get("data") if isinstance(body, Mapping) else None
        if not isinstance(data, Mapping):
            raise UnexpectedResponseError(
                f"apikley answered task {task_id} without data", provider=self.name, raw=body
            )
        record = TaskDetailsResponse.from_dict(body).data
        return self.record_to_task(task_id, data, raw=body, state=getattr(record, "state", None))

    def record_to_task(
        self, task_id: str, data: Mapping[str, Any], *, raw: Any, state: Any = None
    ) -> Task:
        """A TaskRecord (from recordInfo or a callback) -> Task."""
        provider_state = str(state if state is not None else data.get("state", ""))
        status = STATES.get(provider_state, TaskStatus.UNKNOWN)
        video_url = None
        if status is TaskStatus.SUCCEEDED:
            video_url = _first_result_url(data.get("resultJson"))
        credits = next(
            (
                data[k]
                for k in ("creditsConsumed", "consumeCredits")
                if isinstance(data.get(k), (int, float))
            ),
            None,
        )
        progress = data.get("progress")
        return Task(
            id=str(data.get("taskId") or data.get("task_id") or task_id),
            provider=self.name,
            model=data.get("model") if isinstance(data.get("model"), str) else None,
            status=status,
            provider_status=provider_state,
            progress=progress if isinstance(progress, int) else (100 if status.finished else None),
            video_url=video_url,
            error_code=str(data["failCode"]) if data.get("failCode") not in (None, "") else None,
            error_message=str(data["failMsg"]) if data.get("failMsg") not in (None, "") else None,
            created_at=from_epoch(data.get("createTime"), milliseconds=True),
            updated_at=from_epoch(data.get("updateTime"), milliseconds=True),
            credits=float(credits) if credits is not None else None,
            raw=dict(raw) if isinstance(raw, Mapping) else {"body": raw},
        )

    def upload_call(self, data: bytes, file_name: str, upload_base_url: str | None) -> HttpCall:
        from apikley_client.api.default import upload_file_stream
        from apikley_client.models import UploadFileStreamRequest
        from apikley_client.types import File

        body = UploadFileStreamRequest(
            file=File(payload=io.BytesIO(data), file_name=file_name),
            upload_path="seedance",
            file_name=file_name,
        )
        return generated_call(
            upload_file_stream, base_url=upload_base_url or self.upload_base_url, body=body
        )

    def uploaded_url(self, body: Any) -> str:
        data = body.get("data") if isinstance(body, Mapping) else None
        url = None
        if isinstance(data, Mapping):
            url = data.get("downloadUrl") or data.get("fileUrl")
        if not isinstance(url, str) or not url:
            raise UnexpectedResponseError(
                "apikley's upload answer has no data.downloadUrl", provider=self.name, raw=body
            )
        return url

    def error(
        self, call: HttpCall, status: int, body: Any, retry_after: float | None
    ) -> Exception | None:
        code = body.get("code") if isinstance(body, Mapping) else None
        if not isinstance(code, int) or isinstance(code, bool):
            code = None
        if code == 200 and status < 400:
            return None
        if call.operation == "get_task_details" and _not_yet_visible(body):
            return None
        effective = code if code is not None else status
        message = message_of(body) or f"HTTP {status}"
        text = f"apikley answered {effective}: {message}"
        cls = ERRORS.get(effective)
        if cls is None:
            cls = ProviderUnavailableError if effective >= 500 else UnexpectedResponseError
        kwargs: dict[str, Any] = {
            "provider": self.name,
            "status_code": status,
            "code": effective,
            "raw": body,
        }
        if cls is RateLimitedError:
            return RateLimitedError(text, retry_after=retry_after, **kwargs)
        if cls is AuthenticationError:
            text += f" (check {self.env_key})"
        return cls(text, **kwargs)


def _not_yet_visible(body: Any) -> bool:
    return (
        isinstance(body, Mapping)
        and body.get("code") == 422
        and (message_of(body) or "").strip().lower() == NOT_YET_VISIBLE.lower()
    )


def _first_result_url(result_json: Any) -> str | None:
    """``resultJson`` is a JSON string holding ``{"resultUrls": [...]}``."""
    if isinstance(result_json, str) and result_json:
        try:
            result_json = json.loads(result_json)
        except json.JSONDecodeError:
            return None
    if isinstance(result_json, Mapping):
        urls = result_json.get("resultUrls")
        if isinstance(urls, list) and urls and isinstance(urls[0], str):
            return urls[0]
    return None
