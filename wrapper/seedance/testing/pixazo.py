"""A fake Pixazo (a BytePlus ModelArk reseller): text and image to video, polling, callbacks.

Behaviour follows specs/pixazo and ../shared/notes/providers.md: the key rides in
``Ocp-Apim-Subscription-Key``; errors are ``{"error": "..."}``; the create calls answer
``{"id": "cgt-..."}`` and getVideoResult answers Ark's task object (``created_at`` and
``updated_at`` integer unix seconds). Options ride in the prompt as Ark's ``--ratio 16:9``
suffixes; a value outside Ark's enums is a 400.

This module also holds :class:`ArkResaleFake`, the part shared by the fakes of services
that forward to Ark (Pixazo, GPTProto): Ark-style task ids, prompt suffixes, the task
object, and a callback on every status change.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone
from typing import Any, ClassVar

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .base import FakeProvider
from .tasks import FakeTask, Phase

GENERATE = "/byteplus/v1/generateVideoTask"
GENERATE_I2V = "/byteplus/v1/generateImage2VideoTask"
RESULT = "/bytedance-polling/getVideoResult"

T2V_MODEL = "seedance-1-0-lite-t2v-250428"
I2V_MODEL = "seedance-1-0-lite-i2v-250428"

FRAMES_PER_SECOND = 24
BEIJING = timezone(timedelta(hours=8))
# Pixels per frame at 16:9, the figure Ark bills tokens on (w * h * fps * seconds / 1024).
PIXELS = {"480p": 864 * 480, "720p": 1248 * 704, "1080p": 1920 * 1088, "4k": 3840 * 2160}

_SUFFIX = re.compile(r"(?:^|\s)--(?P<name>[A-Za-z]+)\s+(?P<value>\S+)")
_SUFFIX_ALIASES = {
    "rt": "ratio",
    "rs": "resolution",
    "dur": "duration",
    "cf": "camerafixed",
    "wm": "watermark",
}
_INTEGER = re.compile(r"-?[0-9]+")


class OptionError(ValueError):
    """A prompt suffix or option Ark would refuse; ``str()`` is ``"<where>: <problem>"``."""


# --------------------------------------------------------------------- Ark, shared


def span(schema: Mapping[str, Any]) -> tuple[int, int, bool]:
    """(lowest, highest, whether -1 "the model decides" is allowed) of an integer schema
    written as a range or as an enum (``x-seedance-models``' per-model durations)."""
    if "enum" in schema:
        values = [v for v in schema["enum"] if isinstance(v, int)]
        counted = [v for v in values if v >= 0] or values
        return min(counted), max(counted), -1 in values
    low, high = int(schema.get("minimum", 0)), int(schema.get("maximum", 2**63))
    auto = low <= -1
    return (0 if auto else low), high, auto


def schema_problem(value: Any, schema: Mapping[str, Any]) -> str | None:
    """Why ``value`` fails ``schema`` (a spec property, ``nullable`` read as JSON Schema
    does not), or None."""
    import jsonschema

    plain = {k: v for k, v in schema.items() if k != "nullable"}
    error = jsonschema.exceptions.best_match(jsonschema.Draft4Validator(plain).iter_errors(value))
    return None if error is None else str(error.message)


def parse_suffixes(
    text: str, model: str, where: str, schemas: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """Ark's ``--name value`` options in a prompt, checked against ``schemas`` (suffix name
    -> the schema for ``model``, from the spec's ``x-seedance-models``).

    Unknown options are left alone (Ark ignores them); a known option with a bad value
    raises :class:`OptionError` naming ``where`` and the option.
    """
    options: dict[str, Any] = {}
    for match in _SUFFIX.finditer(text):
        raw_name, raw = match["name"], match["value"]
        name = _SUFFIX_ALIASES.get(raw_name.lower(), raw_name.lower())
        schema = schemas.get(name)
        if schema is None:
            continue
        flag = f"--{raw_name} {raw}"
        value: Any = raw
        if schema.get("type") == "integer":
            if not _INTEGER.fullmatch(raw):
                raise OptionError(f"{where}: {flag}: not an integer")
            value = int(raw)
        elif schema.get("type") == "boolean":
            if raw.lower() not in ("true", "false"):
                raise OptionError(f"{where}: {flag}: {name} must be true or false")
            value = raw.lower() == "true"
        elif name == "resolution":
            value = raw.lower()
        if schema_problem(value, schema) is None:
            options[name] = value
        elif "enum" in schema and schema.get("type") != "integer":
            allowed = ", ".join(str(v) for v in schema["enum"])
            raise OptionError(f"{where}: {flag}: {name} must be one of {allowed}")
        else:
            low, high, auto = span(schema)
            allowed = f"{low}..{high}" + (" or -1" if auto else "")
            unit = " seconds" if name == "duration" else ""
            raise OptionError(f"{where}: {flag}: {name} for {model} must be {allowed}{unit}")
    return options


def _base36(number: int, width: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    for _ in range(width):
        number, digit = divmod(number, 36)
        out = digits[digit] + out
    return out


def _required_first(message: str) -> str:
    """``"content.0: 'text' is a required property"`` -> ``"content.0.text: is required"``."""
    where, _, detail = message.partition(": ")
    missing = re.fullmatch(r"'([^']+)' is a required property", detail)
    if not missing:
        return message
    field = missing[1] if where == "body" else f"{where}.{missing[1]}"
    return f"{field}: is required"


class ArkResaleFake(FakeProvider):
    """What the fakes of services that forward to Ark share (not a provider itself).

    Tasks get Ark's ids (``cgt-`` + Beijing time + five characters, deterministic from a
    counter); :meth:`ark_task` builds Ark's task object; callbacks go out on every status
    change, each with the task as it was at that change, even when the clock jumped over
    several changes at once. Validation messages name the missing field itself.
    """

    notify_phases: ClassVar[frozenset[Phase]] = frozenset(Phase)
    body_forms: ClassVar[Mapping[str, Mapping[str, str]]] = {}
    """Path -> {key: the documented form of a body with that key}, for paths with several."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.options: dict[str, dict[str, Any]] = {}
        """Task id -> the options it runs with (ratio, resolution, duration, seed, ...)."""
        self._ids = itertools.count(1)

    @property
    def suffix_fields(self) -> Mapping[str, str]:
        """Prompt suffix name -> the ``x-seedance-models`` option that holds its schema."""
        raise NotImplementedError

    def suffix_schemas(self, model: str) -> dict[str, Mapping[str, Any]]:
        """What each suffix accepts for ``model``; an unknown model (an endpoint id: any
        model may be behind it) gets the union over models, the ``options_from`` schema."""
        known = self.table.find(model)
        options = known.options if known is not None else self.table.base
        return {
            name: options[field] for name, field in self.suffix_fields.items() if field in options
        }

    def default_options(self, model: str, *, image: bool) -> dict[str, Any]:
        """What Ark fills in when the request leaves an option out (the resolution default
        is the model's, from ``x-seedance-models``)."""
        known = self.table.find(model)
        resolution = known.options.get("resolution", {}).get("default") if known else None
        return {
            "ratio": "adaptive" if image else "16:9",
            "resolution": resolution or "720p",
            "duration": 5,
            "camerafixed": False,
            "watermark": False,
            "seed": -1,
        }

    def schema_error(self, schema: dict[str, Any], body: Any) -> str | None:
        error = super().schema_error(schema, body)
        return None if error is None else _required_first(error)

    def body_problem(self, path: str, body: Any, error: str) -> str:
        """A body that fits none of the path's ``body_forms``: what is wrong with the form
        it looks like (the first whose key it has)."""
        forms = self.body_forms.get(path)
        if not forms:
            return error
        if not isinstance(body, dict):
            return self.schema_error({"type": "object"}, body) or "body: must be an object"
        form = next((form for key, form in forms.items() if key in body), None)
        if form is None:
            return f"body: {' or '.join(map(repr, forms))} is required"
        found = self.schema_error({"$ref": f"#/components/schemas/{form}"}, body)
        return found or "body: does not match the documented forms"

    def new_task_id(self, prefix: str = "cgt-") -> str:
        """``<prefix>YYYYMMDDHHMMSS-xxxxx``: Ark stamps ids with Beijing time (the vendor
        example ``cgt-20250910201045-sqz6f`` was created at 12:10:45 UTC)."""
        stamp = datetime.fromtimestamp(self.clock.time(), BEIJING).strftime("%Y%m%d%H%M%S")
        while True:
            suffix = _base36(next(self._ids) * 48_271 % 36**5, 5)
            if f"{prefix}{stamp}-{suffix}" not in self.tasks:
                return f"{prefix}{stamp}-{suffix}"

    def create_ark_task(
        self,
        *,
        body: dict[str, Any],
        model: str,
        options: dict[str, Any],
        callback_url: str | None,
        id_prefix: str = "cgt-",
        expires_after: float | None = None,
    ) -> FakeTask:
        task = self.new_task(
            self.new_task_id(id_prefix),
            body,
            model,
            callback_url=callback_url or None,
            fail_code="InternalServiceError",
            fail_message="The service encountered an unexpected internal error.",
            expires_after=expires_after,
        )
        if options.get("seed", -1) == -1:  # Ark picks one and reports it
            options = {**options, "seed": zlib.crc32(task.id.encode()) % 2**31}
        self.options[task.id] = options
        return task

    def ark_task(
        self,
        task: FakeTask,
        now: float | None = None,
        *,
        phase: Phase | None = None,
        numbers_as_strings: bool = False,
        last_frame: bool = True,
    ) -> dict[str, Any]:
        """Ark's task object as of ``now`` (default: the clock), in ``phase`` (default: the
        phase at ``now``; a callback names the phase it reports)."""
        now = self.clock.time() if now is None else now
        phase = phase or task.phase(now)
        options = self.options.get(task.id) or {
            **self.default_options(task.model, image=False),
            "seed": 0,
        }
        duration = options["duration"] if options["duration"] != -1 else 5

        def number(value: int) -> int | str:
            return str(value) if numbers_as_strings else value

        out: dict[str, Any] = {"id": task.id, "model": task.model, "status": phase.value}
        if phase is Phase.SUCCEEDED:
            video, frame = self.result_urls(task)
            out["content"] = {
                "video_url": video,
                **({"last_frame_url": frame} if last_frame else {}),
            }
            tokens = PIXELS[options["resolution"]] * FRAMES_PER_SECOND * duration // 1024
            out["usage"] = {"completion_tokens": tokens, "total_tokens": tokens}
        out["error"] = (
            {"code": task.fail_code, "message": task.fail_message}
            if phase is Phase.FAILED
            else None
        )
        updated = dict(task.transitions(now)).get(phase, task.updated_at(now))
        out.update(
            {
                "seed": number(options["seed"]),
                "resolution": options["resolution"],
                "ratio": options["ratio"],
                "duration": duration,
                "framespersecond": FRAMES_PER_SECOND,
                "created_at": number(int(task.created_at)),
                "updated_at": number(int(updated)),
            }
        )
        return out

    def task_at(self, task: FakeTask, now: float, phase: Phase | None = None) -> dict[str, Any]:
        """The callback payload as of ``now``: Ark's task object."""
        return self.ark_task(task, now, phase=phase)

    def callback_body(self, task: FakeTask, at: float, phase: Phase) -> dict[str, Any]:
        return self.task_at(task, at, phase)


# --------------------------------------------------------------------- Pixazo


class FakePixazo(ArkResaleFake):
    """Pixazo as its spec describes it. See :class:`FakeProvider` for the shared knobs."""

    name = "pixazo"
    spec_package = "pixazo_client"
    body_forms: ClassVar[Mapping[str, Mapping[str, str]]] = {
        GENERATE: {"text": "TextPromptVideoTaskRequest", "content": "ContentVideoTaskRequest"}
    }

    @property
    def suffix_fields(self) -> Mapping[str, str]:
        """Every ``x-seedance-prompt-options`` property is a suffix of the same name."""
        pointer = self.spec["x-seedance-prompt-options"]["$ref"].rsplit("/", 1)[-1]
        return {name: name for name in self.spec["components"]["schemas"][pointer]["properties"]}

    def routes(self) -> list[BaseRoute]:
        return [
            Route(GENERATE, self.generate_video_task, methods=["POST"]),
            Route(GENERATE_I2V, self.generate_image2video_task, methods=["POST"]),
            Route(RESULT, self.get_video_result, methods=["POST"]),
        ]

    def error_response(self, status: int, message: str) -> Response:
        return JSONResponse({"error": message}, status_code=status)

    def unauthorized(self, request: Request) -> Response | None:
        """The gateway's checks before any operation: the key, then ``Cache-Control``."""
        if request.headers.get("ocp-apim-subscription-key") != self.api_key:
            return self.error_response(401, "Invalid or missing authentication")
        cache_control = request.headers.get("cache-control")
        if cache_control is not None and cache_control != "no-cache":
            return self.error_response(
                400, f"Cache-Control: must be 'no-cache', not {cache_control!r}"
            )
        return None

    async def generate_video_task(self, request: Request) -> Response:
        body, bad = await self.checked_body(request, GENERATE)
        if bad:
            return bad
        texts: list[tuple[str, str]] = []
        if isinstance(body.get("text"), str):
            texts.append(("text", body["text"]))
        content = body.get("content")
        if isinstance(content, list):
            texts.extend(
                (f"content.{i}.text", item["text"])
                for i, item in enumerate(content)
                if isinstance(item, dict) and isinstance(item.get("text"), str)
            )
        return self._create(body, texts, default_model=T2V_MODEL, image=False)

    async def generate_image2video_task(self, request: Request) -> Response:
        body, bad = await self.checked_body(request, GENERATE_I2V)
        if bad:
            return bad
        items: list[dict[str, Any]] = body["content"]
        texts = [
            (f"content.{i}.text", item["text"])
            for i, item in enumerate(items)
            if item.get("type") == "text"
        ]
        image = any(item.get("type") == "image_url" for item in items)
        return self._create(body, texts, default_model=I2V_MODEL, image=image)

    def _create(
        self,
        body: dict[str, Any],
        texts: Iterable[tuple[str, str]],
        *,
        default_model: str,
        image: bool,
    ) -> Response:
        model = body.get("model") or default_model
        options = self.default_options(model, image=image)
        schemas = self.suffix_schemas(model)
        try:
            for where, text in texts:
                options.update(parse_suffixes(text, model, where, schemas))
        except OptionError as error:
            return self.error_response(400, str(error))
        task = self.create_ark_task(
            body=body, model=model, options=options, callback_url=body.get("callback_url")
        )
        return JSONResponse({"id": task.id})

    async def get_video_result(self, request: Request) -> Response:
        body, bad = await self.checked_body(request, RESULT)
        if bad:
            return bad
        task = self.tasks.get(body["task_id"])
        if task is None:
            return self.error_response(404, f"Task not found: {body['task_id']}")
        return JSONResponse(self.ark_task(task))
