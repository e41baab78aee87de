"""A fake GPTProto: one create path taking two body shapes, each answered in its own form.

Behaviour follows specs/gptproto and ../shared/notes/providers.md:

- the older prompt shape (``model, prompt, loop, duration "5s", dimension, seed, logo``)
  answers ``{"code": 0, "message": "Success", "data": {"task_id": "task_...", ...}}`` and
  is polled in the same wrapped form (status pending/completed/failed, ISO times);
- the Ark "official format" (``model, content[]``) answers ``{"id": "cgt-..."}`` and is
  polled as Ark's raw task object, with ``seed``, ``created_at`` and ``updated_at`` as
  strings, as GPTProto sends them; its ``callback_url`` gets the task on every change;
- the key is accepted as ``Authorization: Bearer <key>`` and as the bare key;
- errors are ``{"error": {"message", "type", "code"}}``.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any, ClassVar

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .pixazo import (
    FRAMES_PER_SECOND,
    ArkResaleFake,
    OptionError,
    parse_suffixes,
    schema_problem,
    span,
)
from .tasks import FakeTask, Phase

TASKS = "/api/v3/contents/generations/tasks"
TASK = TASKS + "/{task_id}"
PROMPT_FORM = "PromptVideoTaskRequest"
ARK_FORM = "ArkVideoTaskRequest"

ERROR_KINDS: dict[int, tuple[str, str]] = {
    400: ("invalid_request_error", "invalid_parameters"),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("permission_error", "access_denied"),
    404: ("invalid_request_error", "task_not_found"),
    429: ("rate_limit_error", "rate_limit_exceeded"),
}
"""HTTP status -> (error type, error code); anything else is a server error."""

WRAPPED_STATUS = {
    Phase.QUEUED: "pending",
    Phase.RUNNING: "pending",
    Phase.SUCCEEDED: "completed",
}
"""Phase -> the wrapped form's status; every other phase is ``failed``."""

# Top-level Ark fields that override the same option given as a prompt suffix.
ARK_TOP_LEVEL = {
    "ratio": "ratio",
    "resolution": "resolution",
    "duration": "duration",
    "seed": "seed",
    "camera_fixed": "camerafixed",
    "watermark": "watermark",
}


class FakeGptproto(ArkResaleFake):
    """GPTProto as its spec describes it. See :class:`FakeProvider` for the shared knobs.

    Extra knob: ``model_rules`` (also refuse, with 400, a top-level option of an Ark-shape
    body outside what its model takes per ``x-seedance-models``, as Ark behind GPTProto
    does; off by default, so every body the spec's schema allows is accepted). Prompt
    suffixes are always checked per model.
    """

    name = "gptproto"
    spec_package = "gptproto_client"
    body_forms: ClassVar[Mapping[str, Mapping[str, str]]] = {
        TASKS: {"content": ARK_FORM, "prompt": PROMPT_FORM}
    }

    def __init__(self, *, model_rules: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.model_rules = model_rules

    @property
    def suffix_fields(self) -> Mapping[str, str]:
        """Prompt suffix -> the Ark-shape body's field of the same option."""
        return {suffix: field for field, suffix in ARK_TOP_LEVEL.items()}

    def routes(self) -> list[BaseRoute]:
        return [
            Route(TASKS, self.create_video_task, methods=["POST"]),
            Route(TASK, self.get_video_task, methods=["GET"]),
        ]

    # ----------------------------------------------------------------- envelope

    def error_response(self, status: int, message: str) -> Response:
        kind, code = ERROR_KINDS.get(status, ("server_error", "internal_error"))
        return JSONResponse(
            {"error": {"message": message, "type": kind, "code": code}}, status_code=status
        )

    def unauthorized(self, request: Request) -> Response | None:
        given = request.headers.get("authorization", "")
        scheme, _, token = given.partition(" ")
        key = token.strip() if scheme.lower() == "bearer" else given.strip()
        if not key or key != self.api_key:
            return self.error_response(401, "Invalid API key provided")
        return None

    # ----------------------------------------------------------------- create

    async def create_video_task(self, request: Request) -> Response:
        body, bad = await self.checked_body(request, TASKS)
        if bad:
            return bad
        ark = "content" in body
        model: str = body["model"]
        options = self.default_options(model, image=False)
        schemas = self.suffix_schemas(model)
        try:
            if ark:
                items: list[dict[str, Any]] = body["content"]
                options["ratio"] = self.default_options(
                    model, image=any(item["type"] == "image_url" for item in items)
                )["ratio"]
                for i, item in enumerate(items):
                    if item["type"] == "text":
                        where = f"content.{i}.text"
                        options.update(parse_suffixes(item["text"], model, where, schemas))
            else:
                options.update(parse_suffixes(body["prompt"], model, "prompt", schemas))
        except OptionError as error:
            return self.error_response(400, str(error))
        if ark and self.model_rules and (problem := self._model_problem(body, model)):
            return self.error_response(400, problem)
        if ark:
            options.update(
                {option: body[field] for field, option in ARK_TOP_LEVEL.items() if field in body}
            )
            if "duration" not in body and "frames" in body:
                options["duration"] = round((body["frames"] - 1) / FRAMES_PER_SECOND)
            expires = body.get("execution_expires_after")
            task = self.create_ark_task(
                body=body,
                model=model,
                options=options,
                callback_url=body.get("callback_url"),
                expires_after=None if expires is None else float(expires),
            )
            return JSONResponse({"id": task.id})
        if "duration" in body:
            options["duration"] = int(body["duration"].removesuffix("s"))
        if "seed" in body:
            options["seed"] = body["seed"]
        task = self.create_ark_task(
            body=body, model=model, options=options, callback_url=None, id_prefix="task_"
        )
        return JSONResponse(
            {"code": 0, "message": "Success", "data": {"task_id": task.id, "status": "pending"}}
        )

    def _model_problem(self, body: dict[str, Any], model: str) -> str | None:
        """A top-level option outside what ``model`` takes (its ``x-seedance-models`` entry),
        as Ark, behind GPTProto, refuses it. Unknown models (endpoint ids) are not checked."""
        known = self.table.find(model)
        if known is None:
            return None
        for field in ARK_TOP_LEVEL:
            schema = known.options.get(field)
            if field not in body or schema is None or not schema_problem(body[field], schema):
                continue
            if schema.get("type") == "integer":
                low, high, auto = span(schema)
                allowed = f"{low}..{high}" + (" or -1" if auto else "")
            else:
                allowed = ", ".join(str(v) for v in schema.get("enum", []))
            return f"{field}: {body[field]!r} is not supported by {model} (allowed: {allowed})"
        return None

    # ----------------------------------------------------------------- get

    async def get_video_task(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        task_id: str = request.path_params["task_id"]
        task = self.tasks.get(task_id)
        if task is None:
            return self.error_response(404, f"Task not found: {task_id}")
        if self.is_ark(task):
            return JSONResponse(self.task_at(task, self.clock.time()))
        return JSONResponse({"code": 0, "message": "Success", "data": self.wrapped(task)})

    @staticmethod
    def is_ark(task: FakeTask) -> bool:
        """Whether the task was created with the Ark body (else the prompt shape)."""
        return "content" in task.request

    def task_at(self, task: FakeTask, now: float, phase: Phase | None = None) -> dict[str, Any]:
        """Ark's task object as GPTProto sends it: seed and times as strings."""
        return self.ark_task(
            task,
            now,
            phase=phase,
            numbers_as_strings=True,
            last_frame=bool(task.request.get("return_last_frame")),
        )

    def wrapped(self, task: FakeTask) -> dict[str, Any]:
        """The ``data`` of the wrapped answer for a prompt-shape task."""
        now = self.clock.time()
        phase = task.phase(now)
        data: dict[str, Any] = {
            "task_id": task.id,
            "status": WRAPPED_STATUS.get(phase, "failed"),
            "model": task.model,
            "created_at": _iso(task.created_at),
        }
        if phase is Phase.SUCCEEDED:
            data["video_url"] = self.result_urls(task)[0]
        if phase.finished:
            data["completed_at"] = _iso(task.updated_at(now))
        if phase is Phase.FAILED:
            data["error"] = task.fail_message
        return data


def _iso(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))
