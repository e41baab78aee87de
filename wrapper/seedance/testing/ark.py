"""A fake BytePlus ModelArk / Volcengine Ark: the content generation tasks API (Seedance).

Behaviour follows specs/ark/ark.yaml and ../shared/notes/providers.md: ``Authorization:
Bearer <key>``; create, get, list (``filter.task_ids`` repeated) and cancel/delete tasks;
errors as ``{"error": {code, message, param, type}}``; a callback with the task object on
every status change; at most 120 queued tasks; a queued or running task that outlives
``execution_expires_after`` ends ``expired``.

The routes answer at the spec's paths (``/contents/generations/tasks...``) and under
``/api/v3`` (the servers' path), so a client whose base URL ends in ``/api/v3`` works too.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import string
from datetime import datetime, timedelta, timezone
from http import HTTPStatus
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .._modes import counts_from_ark_content, mode_problem
from .._spec import SpecModel
from .base import FakeProvider
from .pixazo import schema_problem, span
from .tasks import FakeTask, Phase

TASKS = "/contents/generations/tasks"
TASK = "/contents/generations/tasks/{id}"
API_PREFIX = "/api/v3"

DEFAULT_EXPIRES_AFTER = 172_800
"""``execution_expires_after`` when the request gives none (48 h)."""
MAX_QUEUED = 120
RECORD_SECONDS = 7 * 86_400
"""Task records are kept (and listed) for 7 days."""
CANCELLED_RECORD_SECONDS = 86_400
"""Cancelled records vanish after 24 h."""
FPS = 24
BEIJING = timezone(timedelta(hours=8))

ERROR_TYPES = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    429: "TooManyRequests",
    500: "InternalServerError",
}
DEFAULT_CODES = {
    400: "InvalidParameter",
    401: "AuthenticationError",
    403: "AccessDenied",
    404: "ResourceNotFound",
    429: "RateLimitExceeded.EndpointRPMExceeded",
    500: "InternalServiceError",
}

TEXT_FLAGS = {
    "resolution": "resolution",
    "rs": "resolution",
    "ratio": "ratio",
    "rt": "ratio",
    "duration": "duration",
    "dur": "duration",
    "frames": "frames",
    "seed": "seed",
    "camerafixed": "camera_fixed",
    "cf": "camera_fixed",
    "watermark": "watermark",
    "wm": "watermark",
}
"""Options a text prompt may carry as ``--flag value`` (long and short forms)."""
TEXT_FLAG_RE = re.compile(r"--([A-Za-z_]+)\s+(\S+)")
INTEGER_RE = re.compile(r"-?\d+")
TASK_ID_RE = re.compile(r"cgt-\d{14}-[0-9a-z]+")
OPTION_FIELDS = ("resolution", "ratio", "duration", "frames", "seed", "camera_fixed", "watermark")
PIXELS = {"480p": 864 * 480, "720p": 1280 * 720, "1080p": 1920 * 1080, "4k": 3840 * 2160}
ID_ALPHABET = string.ascii_lowercase + string.digits


class FakeArk(FakeProvider):
    """Ark as its spec describes it. See :class:`FakeProvider` for the shared knobs.

    Models are those of the spec's ``x-seedance-models`` (and their Volcengine aliases).
    Extra knobs: ``max_queued`` (queued tasks per account before a 429);
    ``model_rules`` (also refuse, with 400, what ``x-seedance-models`` and the docs forbid
    but the create body's schema cannot say: an option outside the model's narrowed schema
    (a duration out of its range, 1080p where it has none), ``frames`` not 25 + 4n, more
    images, videos or audios than the model takes, an image for a text-to-video model or
    none for an image-to-video one, audio as the only reference, a ``draft_task`` beside
    other items, no content at all; off by default, so every request the spec allows is
    accepted);
    ``strict_text_options`` (an invalid ``--flag value`` in the prompt answers 400; when
    False it is ignored and the default used); ``endpoints`` (endpoint id -> model id,
    accepted as ``model`` like the console's ``ep-...`` endpoints).
    """

    name = "ark"
    spec_package = "ark_client"
    unauthorized_message = "The API key or AK/SK in the request is missing or invalid."
    notify_phases = frozenset(Phase)

    def __init__(
        self,
        *,
        max_queued: int = MAX_QUEUED,
        model_rules: bool = False,
        strict_text_options: bool = True,
        endpoints: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.max_queued = max_queued
        self.model_rules = model_rules
        self.strict_text_options = strict_text_options
        self.endpoints = dict(endpoints or {})
        self.options: dict[str, dict[str, Any]] = {}
        """Task id -> the options the task runs with (request, text flags and defaults)."""

    def routes(self) -> list[BaseRoute]:
        routes: list[BaseRoute] = []
        for prefix in ("", API_PREFIX):
            # One route per path, so a 405 lists every method of the path in ``Allow``.
            routes += [
                Route(prefix + TASKS, self.tasks_endpoint, methods=["GET", "POST"]),
                Route(prefix + TASK, self.task_endpoint, methods=["GET", "DELETE"]),
                # Ids with a slash, or none: the task does not exist (in Ark's envelope).
                Route(prefix + TASKS + "/{rest:path}", self.no_task, methods=["GET", "DELETE"]),
            ]
        return routes

    async def tasks_endpoint(self, request: Request) -> Response:
        if request.method == "POST":
            return await self.create_task(request)
        return await self.list_tasks(request)

    async def task_endpoint(self, request: Request) -> Response:
        if request.method == "DELETE":
            return await self.delete_task(request)
        return await self.get_task(request)

    # ----------------------------------------------------------------- envelope

    def ark_error(
        self, status: int, code: str, message: str, param: str | None = None
    ) -> JSONResponse:
        request_id = f"02{int(self.clock.time() * 1000)}{secrets.token_hex(16)}"
        kind = ERROR_TYPES.get(status) or HTTPStatus(status).phrase.replace(" ", "")
        body = {
            "error": {
                "code": code,
                "message": f"{message} Request id: {request_id}",
                "param": param,
                "type": kind,
            }
        }
        return JSONResponse(body, status_code=status, headers={"x-request-id": request_id})

    def error_response(self, status: int, message: str) -> Response:
        code = DEFAULT_CODES.get(status, HTTPStatus(status).phrase.replace(" ", ""))
        return self.ark_error(status, code, message)

    def invalid(self, param: str | None, detail: str) -> JSONResponse:
        where = f"The parameter `{param}` specified in the request" if param else "The request"
        return self.ark_error(400, "InvalidParameter", f"{where} is not valid: {detail}.", param)

    def not_found(self, task_id: str, param: str = "id") -> JSONResponse:
        return self.ark_error(
            404, "ResourceNotFound", f"The specified task {task_id} is not found.", param
        )

    def model_not_found(self, model: str, param: str = "model") -> JSONResponse:
        return self.ark_error(
            404,
            "InvalidEndpointOrModel.NotFound",
            f"The model or endpoint {model} does not exist or you do not have access to it.",
            param,
        )

    def _rules(self, model: str) -> SpecModel | None:
        return self.table.find(self.endpoints.get(model, model))

    # ----------------------------------------------------------------- create

    async def create_task(self, request: Request) -> Response:
        body, bad = await self.checked_body(request)
        if bad:
            return bad
        if isinstance(body, dict):
            # The official SDK sends null for every optional field it is not given: null
            # means absent (the spec marks those fields nullable).
            body = {k: v for k, v in body.items() if v is not None or k in ("model", "content")}
        if error := self.request_error(TASKS, "post", body):
            return self._schema_error(error)
        model: str = body["model"]
        rules = self._rules(model)
        if rules is None:
            return self.model_not_found(model)
        if self.model_rules and (problem := self._content_error(body, model, rules)):
            return problem
        options = self._options(body, model, rules)
        if isinstance(options, Response):
            return options
        now = self.clock.time()
        queued = sum(1 for t in self.tasks.all() if t.phase(now) is Phase.QUEUED)
        if queued >= self.max_queued:
            return self.ark_error(
                429,
                "QuotaExceeded",
                f"The request failed because the account already has {queued} queued tasks "
                f"(at most {self.max_queued} may be queued); retry when some have started.",
            )
        task = self.new_task(
            self._new_id(now),
            body,
            model,
            callback_url=body.get("callback_url") or None,
            fail_code="OutputVideoSensitiveContentDetected",
            fail_message="The request failed because the output video may contain "
            "sensitive information.",
            expires_after=float(body.get("execution_expires_after", DEFAULT_EXPIRES_AFTER)),
        )
        self.options[task.id] = options
        return JSONResponse({"id": task.id})

    def _new_id(self, now: float) -> str:
        stamp = datetime.fromtimestamp(now, BEIJING).strftime("%Y%m%d%H%M%S")
        while True:
            task_id = f"cgt-{stamp}-{''.join(secrets.choice(ID_ALPHABET) for _ in range(5))}"
            if task_id not in self.tasks:
                return task_id

    def _schema_error(self, error: str) -> JSONResponse:
        """Turn :meth:`request_error`'s ``where: message`` into Ark's answer."""
        where, _, detail = error.partition(": ")
        path = "" if where == "body" else re.sub(r"\.(\d+)(?=\.|$)", r"[\1]", where)
        missing = re.fullmatch(r"'([^']+)' is a required property", detail)
        if missing:
            param = f"{path}.{missing[1]}" if path else missing[1]
            return self.ark_error(
                400,
                "MissingParameter",
                "The request failed because it is missing one or multiple required "
                f"parameters: `{param}`.",
                param,
            )
        return self.invalid(path or None, detail)

    def _content_error(self, body: dict[str, Any], model: str, rules: SpecModel) -> Response | None:
        items: list[dict[str, Any]] = body["content"]
        kinds = [item["type"] for item in items]
        if not items:
            return self.invalid("content", "at least one content item is required")
        if "draft_task" in kinds and len(items) > 1:
            return self.invalid("content", "a draft_task item must be the only content item")
        images, videos, audios = (kinds.count(k) for k in ("image_url", "video_url", "audio_url"))
        if rules.images.min and images < rules.images.min and "draft_task" not in kinds:
            return self.invalid("content", f"{model} generates from an image: add an image_url")
        if not rules.images.max and images:
            return self.invalid("content", f"{model} is text to video and takes no image_url")
        if (videos and not rules.videos.max) or (audios and not rules.audios.max):
            return self.invalid("content", f"{model} takes no reference video or audio")
        if audios and not (images or videos) and not rules.modes:
            # a model with modes says it there (Seedance 2.5 takes an audio alone)
            return self.invalid("content", "a reference audio needs a reference image or video")
        for kind, count, limits in (
            ("image_url", images, rules.images),
            ("video_url", videos, rules.videos),
            ("audio_url", audios, rules.audios),
        ):
            if count > limits.max:
                return self.invalid(
                    "content", f"{model} takes at most {limits.max} {kind} items, got {count}"
                )
        # first frame / first + last frames / references are mutually exclusive (the
        # model's x-seedance-models modes); Ark names this "first/last frame content cannot
        # be mixed with reference media content"
        if "draft_task" not in kinds and rules.modes:
            problem = mode_problem(model, rules.modes, counts_from_ark_content(items))
            if problem:
                return self.invalid("content", problem)
        return None

    def _options(
        self, body: dict[str, Any], model: str, rules: SpecModel
    ) -> dict[str, Any] | Response:
        """The options a task runs with: text flags, overridden by top-level fields, then
        the model's defaults. ``frames`` wins over ``duration`` when both are given."""
        from_text: dict[str, Any] = {}
        for item in body["content"]:
            if item["type"] != "text":
                continue
            for flag, raw in TEXT_FLAG_RE.findall(item["text"]):
                name = TEXT_FLAGS.get(flag.lower())
                if name is None:
                    continue
                value, problem = _parse_flag(name, raw)
                if problem is None:
                    problem = self._value_problem(name, value, model, rules)
                if problem is not None:
                    if not self.strict_text_options:
                        continue
                    return self.ark_error(
                        400,
                        "InvalidParameter",
                        f"The parameter `{name}` given as `--{flag} {raw}` in the text prompt "
                        f"is not valid: {problem}.",
                        name,
                    )
                from_text[name] = value
        top = {k: body[k] for k in OPTION_FIELDS if k in body}
        for name, value in top.items():
            if problem := self._value_problem(name, value, model, rules):
                return self.invalid(name, problem)
        if "duration" in top or "frames" in top:
            from_text.pop("duration", None)
            from_text.pop("frames", None)
        options = {**from_text, **top}
        if "frames" in options:
            options.pop("duration", None)
        has_image = any(
            i["type"] == "image_url" and i.get("role") != "reference_image" for i in body["content"]
        )
        default_ratio = "adaptive" if has_image or model.endswith("1-5-pro-251215") else "16:9"
        frames = options.get("frames")
        duration = options.get("duration", 5) if frames is None else round((frames - 1) / FPS)
        default_resolution = rules.options.get("resolution", {}).get("default", "720p")
        resolved: dict[str, Any] = {
            "resolution": options.get("resolution", default_resolution),
            "ratio": options.get("ratio", default_ratio),
            "duration": 5 if duration == -1 else duration,
            "seed": options.get("seed", -1),
            "camera_fixed": options.get("camera_fixed", False),
            "watermark": options.get("watermark", False),
            "service_tier": body.get("service_tier", "default"),
            "execution_expires_after": body.get("execution_expires_after", DEFAULT_EXPIRES_AFTER),
            "return_last_frame": bool(body.get("return_last_frame", False)),
        }
        if frames is not None:
            resolved["frames"] = frames
        for echoed in ("generate_audio", "draft", "safety_identifier", "priority"):
            if echoed in body:
                resolved[echoed] = body[echoed]
        drafts = [i["draft_task"]["id"] for i in body["content"] if i["type"] == "draft_task"]
        if drafts:
            resolved["draft_task_id"] = drafts[0]
        return resolved

    def _value_problem(self, name: str, value: Any, model: str, rules: SpecModel) -> str | None:
        """Why an option's value is refused, or None: the spec's schema of the top-level
        field, then (with ``model_rules``) the model's narrowed schema and the docs' rules."""
        if problem := schema_problem(value, self.table.base[name]):
            return problem
        if not self.model_rules:
            return None
        if name == "frames" and (value - 25) % 4:
            return f"{value} is not of the form 25 + 4n"
        narrowed = rules.options.get(name)
        if narrowed is None or schema_problem(value, narrowed) is None:
            return None
        if name == "duration":
            low, high, auto = span(narrowed)
            choose = " or -1 (the model chooses)" if auto else ""
            return f"{value} is not supported by {model}: seconds from {low} to {high}{choose}"
        allowed = ", ".join(str(v) for v in narrowed.get("enum", [])) or str(narrowed)
        return f"{value!r} is not supported by {model}: allowed {allowed}"

    # ----------------------------------------------------------------- read

    def _find(self, task_id: str) -> FakeTask | None:
        task = self.tasks.get(task_id)
        if task is None or not self._visible(task, self.clock.time()):
            return None
        return task

    @staticmethod
    def _visible(task: FakeTask, now: float) -> bool:
        if now - task.created_at >= RECORD_SECONDS:
            return False
        return task.cancelled_at is None or now - task.cancelled_at < CANCELLED_RECORD_SECONDS

    async def get_task(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        task = self._find(request.path_params["id"])
        if task is None:
            return self.not_found(request.path_params["id"])
        return JSONResponse(self.task_object(task))

    async def no_task(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        return self.not_found(request.path_params["rest"])

    def task_object(
        self, task: FakeTask, *, at: float | None = None, phase: Phase | None = None
    ) -> dict[str, Any]:
        """The task as get, list and callbacks answer it, as of ``at`` (default: now)."""
        now = self.clock.time() if at is None else at
        phase = phase or task.phase(now)
        options = self.options.get(task.id, {})
        seed = options.get("seed", -1)
        if seed == -1:
            seed = int.from_bytes(hashlib.sha256(task.id.encode()).digest()[:4], "big") >> 1
        body: dict[str, Any] = {
            "id": task.id,
            "model": task.model,
            "status": phase.value,
            "error": None,
        }
        if phase is Phase.FAILED:
            body["error"] = {"code": task.fail_code, "message": task.fail_message}
        if phase is Phase.SUCCEEDED:
            video, last_frame = self.result_urls(task)
            body["content"] = {"video_url": video}
            if options.get("return_last_frame"):
                body["content"]["last_frame_url"] = last_frame
            tokens = (
                PIXELS[options.get("resolution", "720p")]
                * (FPS * options.get("duration", 5) + 1)
                // 1024
            )
            body["usage"] = {"completion_tokens": tokens, "total_tokens": tokens}
        updated = dict(task.transitions(now)).get(phase, task.updated_at(now))
        body.update(
            {
                "created_at": int(task.created_at),
                "updated_at": int(updated),
                "seed": seed,
                "resolution": options.get("resolution"),
                "ratio": options.get("ratio"),
                "duration": options.get("duration"),
                "framespersecond": FPS,
            }
        )
        for key in (
            "frames",
            "generate_audio",
            "draft",
            "draft_task_id",
            "service_tier",
            "execution_expires_after",
            "safety_identifier",
            "priority",
        ):
            if key in options:
                body[key] = options[key]
        return {k: v for k, v in body.items() if v is not None or k == "error"}

    async def list_tasks(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        params: dict[str, Any] = {}
        operation = self.spec["paths"][TASKS]["get"]
        known = {parameter["name"] for parameter in operation.get("parameters", [])}
        # Unknown parameters are refused, not ignored: a misspelt filter would list everything.
        for name in request.query_params:
            if name not in known:
                return self.invalid(name, f"unknown query parameter; known: {sorted(known)}")
        for parameter in operation.get("parameters", []):
            name, schema = parameter["name"], parameter["schema"]
            values = request.query_params.getlist(name)
            if not values:
                continue
            if len(values) > 1 and schema.get("type") != "array":
                return self.invalid(name, "given more than once; it takes one value")
            value, problem = _query_value(values, schema)
            if problem:
                return self.invalid(name, problem)
            params[name] = value
        # A filter no task could match is refused: an id not of Ark's form, a model or
        # endpoint that does not exist (well-formed ids of unknown tasks are just not listed).
        for task_id in params.get("filter.task_ids", []):
            if not TASK_ID_RE.fullmatch(task_id):
                return self.not_found(task_id, param="filter.task_ids")
        if "filter.model" in params and self._rules(params["filter.model"]) is None:
            return self.model_not_found(params["filter.model"], param="filter.model")
        now = self.clock.time()
        found = [t for t in self.tasks.all() if self._visible(t, now)]
        if "filter.status" in params:
            found = [t for t in found if t.phase(now).value == params["filter.status"]]
        if "filter.task_ids" in params:
            wanted = set(params["filter.task_ids"])
            found = [t for t in found if t.id in wanted]
        if "filter.model" in params:
            found = [t for t in found if t.model == params["filter.model"]]
        if "filter.service_tier" in params:
            tier = params["filter.service_tier"]
            found = [t for t in found if self.options.get(t.id, {}).get("service_tier") == tier]
        # Newest first; among equal times, the later created first.
        found = sorted(reversed(found), key=lambda t: t.created_at, reverse=True)
        page_num, page_size = params.get("page_num", 1), params.get("page_size", 10)
        page = found[(page_num - 1) * page_size : page_num * page_size]
        return JSONResponse({"total": len(found), "items": [self.task_object(t) for t in page]})

    # ----------------------------------------------------------------- delete

    async def delete_task(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        task_id: str = request.path_params["id"]
        task = self._find(task_id)
        if task is None:
            return self.not_found(task_id)
        self.collect_callbacks()  # what happened before the delete is still reported
        now = self.clock.time()
        phase = task.phase(now)
        if phase is Phase.QUEUED:
            task.cancelled_at = now
        elif phase in (Phase.SUCCEEDED, Phase.FAILED, Phase.EXPIRED):
            task.deleted = True
        else:
            return self.invalid(
                "id",
                f"the task {task_id} is {phase.value}: only a queued task can be cancelled "
                "and only a succeeded, failed or expired task deleted",
            )
        return JSONResponse({})

    # ----------------------------------------------------------------- callbacks

    def callback_body(self, task: FakeTask, at: float, phase: Phase) -> dict[str, Any]:
        return self.task_object(task, at=at, phase=phase)


def _parse_flag(name: str, raw: str) -> tuple[Any, str | None]:
    """A ``--flag value`` from the prompt as the type of its top-level field."""
    if name in ("duration", "frames", "seed"):
        if not INTEGER_RE.fullmatch(raw):
            return None, f"{raw!r} is not an integer"
        return int(raw), None
    if name in ("camera_fixed", "watermark"):
        if raw.lower() not in ("true", "false"):
            return None, f"{raw!r} is not true or false"
        return raw.lower() == "true", None
    return raw.lower() if name == "resolution" else raw, None


def _query_value(values: list[str], schema: dict[str, Any]) -> tuple[Any, str | None]:
    """A query parameter's value(s) coerced to its schema's type and checked against it."""
    import jsonschema

    if schema.get("type") == "array":
        value: Any = [_coerce(v, schema.get("items", {})) for v in values]
    else:
        value = _coerce(values[-1], schema)
    error = jsonschema.exceptions.best_match(jsonschema.Draft4Validator(schema).iter_errors(value))
    return value, None if error is None else error.message


def _coerce(raw: str, schema: dict[str, Any]) -> Any:
    if schema.get("type") == "integer" and INTEGER_RE.fullmatch(raw):
        return int(raw)
    if schema.get("type") == "boolean" and raw in ("true", "false"):
        return raw == "true"
    return raw


__all__ = ["FakeArk"]
