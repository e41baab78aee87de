"""A fake Apikley (kie.ai "market" API): createTask, recordInfo, credits, download-url,
file upload, callbacks with optional kie.ai webhook signatures, and the documented limits
(20 creates per 10 s, 10 status reads per s, read from the spec's ``x-seedance-rate-limit``).

Behaviour follows specs/apikley and ../shared/notes/providers.md: the envelope is
``{code, msg, data}``; right after creation recordInfo answers
``{"code": 422, "msg": "recordInfo is null"}`` with HTTP 200; with ``in_body_errors`` every
error comes with HTTP 200 and the code only in the body, as kie.ai-style services may do.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .._modes import counts_from_fields, mode_problem
from .._spec import resolve
from .base import FakeProvider
from .tasks import FakeTask, Phase

CREATE = "/api/v1/jobs/createTask"
RECORD_INFO = "/api/v1/jobs/recordInfo"
CREDIT = "/api/v1/chat/credit"
DOWNLOAD_URL = "/api/v1/common/download-url"
UPLOAD_STREAM = "/api/file-stream-upload"
UPLOAD_BASE64 = "/api/file-base64-upload"
UPLOAD_URL = "/api/file-url-upload"
FILES_PREFIX = "/_fake/files"

COST_PER_TASK = 20.0
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class FakeApikley(FakeProvider):
    """Apikley as its spec describes it. See :class:`FakeProvider` for the shared knobs.

    Extra knobs: ``credits`` (None: unlimited; otherwise each task costs 20 and a create
    without enough answers 402), ``webhook_hmac_key`` (sign callbacks like kie.ai),
    ``visible_after`` (seconds during which a new task is "recordInfo is null"),
    ``in_body_errors`` (errors with HTTP 200), ``create_limit`` (creates per 10 s) and
    ``read_limit`` (recordInfo calls per second): None keeps the spec's limit, a number
    replaces it, 0 turns it off (for tests that poll faster than the real service allows;
    the client's own limiter, which reads the same spec, keeps a client under it);
    ``model_rules`` (refuse, with 422, what the spec states outside JSON Schema: a model's
    ``x-seedance-modes`` and download-url's "only this service's files" rule).
    """

    name = "apikley"
    spec_package = "apikley_client"
    unauthorized_message = "You do not have access permissions"

    def __init__(
        self,
        *,
        credits: float | None = None,
        webhook_hmac_key: str | None = None,
        visible_after: float = 0.0,
        in_body_errors: bool = False,
        create_limit: int | None = None,
        read_limit: int | None = None,
        model_rules: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.model_rules = model_rules
        self.credits = credits
        self.webhook_hmac_key = webhook_hmac_key
        self.visible_after = visible_after
        self.in_body_errors = in_body_errors
        self.create_window = self.limit_window(CREATE, "post", create_limit)
        self.read_window = self.limit_window(RECORD_INFO, "get", read_limit)
        self.uploads: dict[str, tuple[bytes, str]] = {}

    def routes(self) -> list[BaseRoute]:
        return [
            Route(CREATE, self.create_task, methods=["POST"]),
            Route(RECORD_INFO, self.record_info, methods=["GET"]),
            Route(CREDIT, self.credit, methods=["GET"]),
            Route(DOWNLOAD_URL, self.download_url, methods=["POST"]),
            Route(UPLOAD_STREAM, self.upload_stream, methods=["POST"]),
            Route(UPLOAD_BASE64, self.upload_base64, methods=["POST"]),
            Route(UPLOAD_URL, self.upload_url, methods=["POST"]),
            Route(FILES_PREFIX + "/{name}", self.serve_upload, methods=["GET"]),
        ]

    # ----------------------------------------------------------------- envelope

    def error_response(self, status: int, message: str) -> Response:
        http_status = 200 if self.in_body_errors else status
        return JSONResponse({"code": status, "msg": message}, status_code=http_status)

    @staticmethod
    def ok(data: Any) -> Response:
        return JSONResponse({"code": 200, "msg": "success", "data": data})

    # ----------------------------------------------------------------- tasks

    async def create_task(self, request: Request) -> Response:
        body, bad = await self.checked_body(request, CREATE, status=422)
        if bad:
            return bad
        if self.model_rules and (error := self.mode_error(body)):
            return self.error_response(422, error)
        if self.create_window is not None and not self.create_window.allow():
            window = self.create_window
            return self.error_response(
                429, f"Rate limited: at most {window.limit} new tasks per {window.per:g} seconds"
            )
        if self.credits is not None:
            if self.credits < COST_PER_TASK:
                return self.error_response(402, "Credits insufficient")
            self.credits -= COST_PER_TASK
        task = self.tasks.create(
            id_prefix="task_bytedance_",
            model=body["model"],
            request=body,
            callback_url=body.get("callBackUrl"),
            will_fail=self.faults.fail_tasks,
        )
        return self.ok({"taskId": task.id})

    async def record_info(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        if self.read_window is not None and not self.read_window.allow():
            window = self.read_window
            return self.error_response(
                429, f"Rate limited: at most {window.limit} status queries per {window.per:g} s"
            )
        task_id = request.query_params.get("taskId")
        if task_id is None:
            return self.error_response(422, "taskId is required")
        task = self.tasks.get(task_id)
        if task is None:
            return self.error_response(404, "Task not found")
        if self.clock.time() < task.created_at + self.visible_after:
            return JSONResponse({"code": 422, "msg": "recordInfo is null", "data": None})
        return self.ok(self.record(task))

    def mode_error(self, body: dict[str, Any]) -> str | None:
        """The model's ``x-seedance-modes``: first frame, first + last frames and references
        are mutually exclusive (kie.ai's Seedance 2.x pages), as the spec states per model."""
        variants = self.spec["paths"][CREATE]["post"]["requestBody"]["content"]
        refs = variants["application/json"]["schema"].get("oneOf", [])
        for ref in refs:
            variant = resolve(self.spec, ref)
            if variant["properties"]["model"]["enum"] != [body.get("model")]:
                continue
            inputs = resolve(self.spec, variant["properties"]["input"])
            modes = inputs.get("x-seedance-modes")
            if not modes:
                return None
            counts = counts_from_fields(inputs.get("properties", {}), body.get("input") or {})
            return mode_problem(str(body["model"]), modes, counts)
        return None

    def state(self, task: FakeTask, now: float) -> str:
        phase = task.phase(now)
        if phase is Phase.QUEUED:
            return "waiting" if now < task.created_at + task.queued_for / 2 else "queuing"
        return {Phase.RUNNING: "generating", Phase.SUCCEEDED: "success"}.get(phase, "fail")

    def record(self, task: FakeTask) -> dict[str, Any]:
        """The ``data`` of recordInfo and of the callback."""
        now = self.clock.time()
        phase = task.phase(now)
        video, _ = self.result_urls(task)
        done = phase.finished
        return {
            "taskId": task.id,
            "model": task.model,
            "state": self.state(task, now),
            "param": json.dumps(task.request, separators=(",", ":")),
            "resultJson": json.dumps({"resultUrls": [video]}) if phase is Phase.SUCCEEDED else "",
            "failCode": task.fail_code if phase is Phase.FAILED else "",
            "failMsg": task.fail_message if phase is Phase.FAILED else "",
            "costTime": int(task.finished_at - task.created_at) if done else None,
            "completeTime": int(task.finished_at * 1000) if done else None,
            "createTime": int(task.created_at * 1000),
            "updateTime": int(task.updated_at(now) * 1000),
            "progress": task.progress(now),
        }

    def callback_body(self, task: FakeTask, at: float, phase: Phase) -> dict[str, Any]:
        succeeded = phase is Phase.SUCCEEDED
        data = {**self.record(task), "creditsConsumed": COST_PER_TASK if succeeded else 0}
        data.pop("progress")
        if succeeded:
            data["failCode"] = data["failMsg"] = None
            return {"code": 200, "msg": "Playground task completed successfully.", "data": data}
        return {"code": 501, "msg": f"Generation failed: {task.fail_message}", "data": data}

    def callback_headers(self, task: FakeTask) -> dict[str, str]:
        if not self.webhook_hmac_key:
            return {}
        from .._signatures import kie_signature

        timestamp = str(int(self.clock.time()))
        return {
            "X-Webhook-Timestamp": timestamp,
            "X-Webhook-Signature": kie_signature(self.webhook_hmac_key, task.id, timestamp),
        }

    # ----------------------------------------------------------------- account

    async def credit(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        return self.ok(self.credits if self.credits is not None else 1_000_000)

    async def download_url(self, request: Request) -> Response:
        body, bad = await self.checked_body(request, DOWNLOAD_URL, status=422)
        if bad:
            return bad
        url = str(body["url"])
        if self.model_rules and not url.startswith(f"{self.public_url}/"):
            # kie.ai: only URLs of files the service generated; external ones are a 422
            return self.error_response(422, "Invalid URL: external file URLs are not supported")
        separator = "&" if "?" in url else "?"
        token = secrets.token_hex(8)
        self.media_links.add(token)
        return self.ok(f"{url}{separator}token={token}")

    # ----------------------------------------------------------------- upload

    async def upload_stream(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        try:
            form = await request.form(max_files=10, max_fields=1000)
        except Exception:
            return self.error_response(400, "body is not multipart/form-data")
        upload = form.get("file")
        upload_path = form.get("uploadPath")
        if (
            not isinstance(upload, UploadFile)
            or not isinstance(upload_path, str)
            or not upload_path
        ):
            return self.error_response(400, "file and uploadPath are required")
        data = await upload.read()
        name = form.get("fileName")
        return self.store_upload(
            data, str(name) if isinstance(name, str) and name else upload.filename or "upload"
        )

    async def upload_base64(self, request: Request) -> Response:
        body, bad = await self.checked_body(request, UPLOAD_BASE64, status=400)
        if bad:
            return bad
        encoded = str(body["base64Data"])
        if encoded.startswith("data:"):
            encoded = encoded.partition(",")[2]
        try:
            data = _decode_base64(encoded)
        except (binascii.Error, ValueError):
            return self.error_response(400, "base64Data is not valid base64")
        return self.store_upload(data, str(body.get("fileName") or "upload.bin"))

    async def upload_url(self, request: Request) -> Response:
        body, bad = await self.checked_body(request, UPLOAD_URL, status=400)
        if bad:
            return bad
        # The fake does not fetch remote files (no network in tests): it records the URL.
        url = str(body["fileUrl"])
        return self.store_upload(url.encode(), str(body.get("fileName") or url.rsplit("/", 1)[-1]))

    def store_upload(self, data: bytes, file_name: str) -> Response:
        if len(data) > MAX_UPLOAD_BYTES:
            return self.error_response(400, f"file is larger than {MAX_UPLOAD_BYTES} bytes")
        stored = f"{secrets.token_hex(6)}-{file_name.rsplit('/', 1)[-1] or 'upload'}"
        mime = _sniff_mime(data)
        self.uploads[stored] = (data, mime)
        url = f"{self.public_url}{FILES_PREFIX}/{stored}"
        return JSONResponse(
            {
                "success": True,
                "code": 200,
                "msg": "File uploaded successfully",
                "data": {
                    "fileName": stored,
                    "filePath": f"uploads/{stored}",
                    "downloadUrl": url,
                    "fileSize": len(data),
                    "mimeType": mime,
                    "uploadedAt": _iso(self.clock.time()),
                },
            }
        )

    async def serve_upload(self, request: Request) -> Response:
        found = self.uploads.get(request.path_params["name"])
        if found is None:
            return Response("not found", status_code=404, media_type="text/plain")
        return Response(found[0], media_type=found[1])


def _decode_base64(text: str) -> bytes:
    """Decode what the spec's pattern allows, forgiving missing padding."""
    core = text.rstrip("=")
    if len(core) % 4 == 1:  # a lone trailing character carries no whole byte
        core = core[:-1]
    return base64.b64decode(core + "=" * (-len(core) % 4), validate=True)


def _sniff_mime(data: bytes) -> str:
    signatures = {
        b"\x89PNG": "image/png",
        b"\xff\xd8\xff": "image/jpeg",
        b"RIFF": "image/webp",
        b"GIF8": "image/gif",
    }
    for prefix, mime in signatures.items():
        if data.startswith(prefix):
            return mime
    return "application/octet-stream"


def _iso(seconds: float) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
