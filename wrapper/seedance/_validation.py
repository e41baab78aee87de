"""Check a value against a schema from a provider's spec, with a message a person can act on.

Only the keywords the specs use are checked (not ``format``: URLs are the provider's to
judge); the constraint always comes from the spec. Also: plain JSON data, and the types a
request needs before its spec is known.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._errors import ValidationError
from ._models import IMAGE_KINDS, ImageInput, MediaInput

Schema = dict[str, Any]

INT64 = (-(2**63), 2**63 - 1)
"""The integers JSON carries to every provider (and the journal stores)."""


def allowed_text(schema: Schema) -> str:
    """What a schema accepts, in words: ``one of '16:9', '1:1'`` or ``an integer from -1 to 15``."""
    if "enum" in schema:
        return "one of " + ", ".join(repr(v) for v in schema["enum"])
    kind = {
        "integer": "an integer",
        "number": "a number",
        "boolean": "true or false",
        "string": "a string",
        "array": "a list",
    }.get(schema.get("type", ""), "a value")
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return f"{kind} from {low} to {high}"
    if low is not None:
        return f"{kind} of at least {low}"
    if high is not None:
        return f"{kind} of at most {high}"
    if "minLength" in schema and "maxLength" in schema:
        return f"{kind} of {schema['minLength']} to {schema['maxLength']} characters"
    if "maxLength" in schema:
        return f"{kind} of at most {schema['maxLength']} characters"
    if "maxItems" in schema:
        return f"{kind} of at most {schema['maxItems']} items"
    return kind


_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "number": (int, float),
    "array": (list, tuple),
    "object": (dict,),
}
"""The Python types of each JSON schema ``type`` (a bool is only a boolean)."""


def check(value: Any, schema: Schema, *, field: str, provider: str, model: str | None) -> None:
    """Raise :class:`ValidationError` unless ``value`` satisfies ``schema``."""
    problem, allowed = _problem(value, schema)
    if problem is None:
        return
    where = f"{provider} model {model}" if model else provider
    shown = value if not isinstance(value, str) or len(value) <= 80 else value[:77] + "..."
    raise ValidationError(
        f"{field}={shown!r} is not accepted by {where}: {problem}",
        field=field,
        value=value,
        allowed=allowed if allowed is not None else allowed_text(schema),
        provider=provider,
        model=model,
    )


def _problem(value: Any, schema: Schema) -> tuple[str | None, Any]:
    """What is wrong with ``value`` under ``schema`` (None: nothing), and what is allowed
    when that is more than :func:`allowed_text` says."""
    if "enum" in schema:
        enum = schema["enum"]
        if not any(value == member and _same_kind(value, member) for member in enum):
            return f"allowed: {allowed_text(schema)}", list(enum)
        return None, None
    kinds = _TYPES.get(schema.get("type", ""))
    if kinds is not None and (
        not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds)
    ):
        return f"expected {allowed_text(schema)}", None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        low, high = schema.get("minimum", -math.inf), schema.get("maximum", math.inf)
        if isinstance(value, float) and not math.isfinite(value):
            return f"a finite number: {allowed_text(schema)}", None
        if value < low or value > high:
            return f"allowed: {allowed_text(schema)}", None
        return None, None
    if isinstance(value, (str, list, tuple)):
        keyword, unit = ("Length", "characters") if isinstance(value, str) else ("Items", "items")
        if (least := schema.get(f"min{keyword}")) is not None and len(value) < least:
            return f"at least {least} {unit} (got {len(value)})", None
        if (most := schema.get(f"max{keyword}")) is not None and len(value) > most:
            return f"at most {most} {unit} (got {len(value)})", None
    return None, None


def _same_kind(value: Any, member: Any) -> bool:
    """Equal is not enough for an enum: ``8.0 == 8`` and ``True == 1``, but a provider's
    integer field refuses a float, and a boolean is never a number."""
    if type(value) is type(member):
        return True
    return type(member) is float and type(value) is int  # JSON's number takes an integer


def coerce(value: Any, schema: Schema) -> Any:
    """Fit a neutral value to the provider's type where that loses nothing (``5`` for a
    string enum ``['5', '10']`` is ``'5'``, ``'5'`` for an integer ``5``); else :func:`check`."""
    kind = schema.get("type")
    enum = schema.get("enum")
    if kind == "string" and isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
        if enum is None or text in enum:
            return text
    if kind in ("integer", "number") and isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            pass
    return value


def _shown(value: str) -> str:
    return value if len(value) <= 80 else value[:77] + "..."


def check_text(value: str, field: str) -> None:
    """Refuse a string UTF-8 cannot carry: a lone surrogate (``os.fsdecode`` of a name that
    is not UTF-8, a bad decode) would fail only once journaled or sent."""
    if value.isascii():
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValidationError(
            f"{field}: not valid text (a lone surrogate at character {exc.start}); pass UTF-8 text",
            field=field,
            value=_shown(value.encode("utf-8", "backslashreplace").decode()),
            allowed="UTF-8 text",
        ) from None


def check_json(value: Any, where: str) -> None:
    """Refuse what JSON cannot carry (NaN, infinities, objects, non-string keys, integers
    beyond 64 bits, text with lone surrogates), naming where it is, before anything is
    journaled or sent."""
    stack = [(where, value, 0)]
    while stack:
        path, item, depth = stack.pop()
        problem: tuple[str, Any, str] | None = None  # (message, value, allowed)
        if depth > 64:
            problem = (f"{where} nests deeper than 64 levels", None, "<= 64")
        elif isinstance(item, Mapping):
            if bad := [key for key in item if not isinstance(key, str)]:
                problem = (f"{path}: key {bad[0]!r} is not a string", bad[0], "string keys")
            else:  # text checks are for string keys only (an int has no isascii)
                for key in item:
                    check_text(key, f"{path} key")
                stack.extend((f"{path}.{key}", child, depth + 1) for key, child in item.items())
        elif isinstance(item, (list, tuple)):
            stack.extend((f"{path}[{i}]", child, depth + 1) for i, child in enumerate(item))
        elif isinstance(item, str):
            check_text(item, path)
        elif isinstance(item, float) and not math.isfinite(item):
            problem = (f"{path}={item!r}: a finite number", item, "a finite number")
        elif isinstance(item, int) and not isinstance(item, bool):
            if not INT64[0] <= item <= INT64[1]:
                allowed = f"an integer from {INT64[0]} to {INT64[1]}"
                shown = f"<an integer of {item.bit_length()} bits>"
                problem = (f"{path}: an integer beyond 64 bits", shown, allowed)
        elif item is not None and not isinstance(item, (str, int, float, bool)):
            kinds = "JSON data (string, number, boolean, null, list, object)"
            problem = (f"{path}={item!r}: {kinds}", repr(item), "JSON data")
        if problem is not None:
            message, shown, allowed = problem
            raise ValidationError(message, field=path, value=shown, allowed=allowed)


def check_request_values(values: dict[str, Any]) -> None:
    """What must hold before a spec is read (the model picks the spec; each option is then
    checked against the model's schema): a ValidationError naming the field, never a
    TypeError from deeper down."""
    if values.get("prompt") is None:
        raise ValidationError("prompt: a string is required", field="prompt")
    for name in ("prompt", "model", "endpoint_model", "omni_reference_task_type"):
        value = values.get(name)
        if value is not None and not isinstance(value, str):
            raise ValidationError(
                f"{name}={value!r}: expected str", field=name, value=value, allowed="str"
            )
        if value is not None:
            check_text(value, name)
    extra = values.get("extra")
    if extra is not None:
        if not isinstance(extra, dict):
            raise ValidationError(
                f"extra={extra!r}: a dict of provider fields", field="extra", value=extra
            )
        check_json(extra, "extra")
    check_images(values.get("images"))
    for name in ("videos", "audios"):
        check_media(values.get(name), name)


def check_images(images: Any) -> None:
    """``images`` as the request takes them: one or a list of URLs, paths, bytes or
    ImageInput (anything else is a ValidationError, not a TypeError later)."""
    if images is None:
        return
    items = [images] if isinstance(images, IMAGE_KINDS) else images
    if not isinstance(items, (list, tuple)) or not all(isinstance(i, IMAGE_KINDS) for i in items):
        raise ValidationError(
            f"images={images!r}: a URL, path, bytes or ImageInput, or a list of them",
            field="images",
            value=images,
            allowed="URL, path, bytes, ImageInput (or a list)",
        )
    for index, item in enumerate(items):
        source = item.source if isinstance(item, ImageInput) else item
        where = f"images[{index}]"
        if not isinstance(source, (str, bytes, os.PathLike)):
            raise ValidationError(
                f"{where}: ImageInput({source!r}) holds no image (a URL, path or bytes)",
                field=where,
                value=repr(source),
                allowed="URL, path, bytes",
            )
        if not isinstance(source, bytes):
            check_file_name(os.fspath(source), where)


def check_media(media: Any, name: str) -> None:
    """Reference ``videos``/``audios``: one or a list of URLs (str, path-like, MediaInput)."""
    if media is None:
        return
    kinds = (str, os.PathLike, MediaInput)
    items = [media] if isinstance(media, kinds) else media
    if not isinstance(items, (list, tuple)) or not all(isinstance(i, kinds) for i in items):
        raise ValidationError(
            f"{name}={media!r}: a URL or MediaInput, or a list of them",
            field=name,
            value=repr(media),
            allowed="http(s) URLs (or a list)",
        )
    for index, item in enumerate(items):
        source = item.source if isinstance(item, MediaInput) else os.fspath(item)
        if not isinstance(source, str):
            raise ValidationError(
                f"{name}[{index}]: MediaInput({source!r}) holds no URL",
                field=f"{name}[{index}]",
                value=repr(source),
                allowed="http(s) URLs",
            )
        check_text(source, f"{name}[{index}]")


def check_file_name(value: str | bytes, field: str, *, file: bool = False) -> str:
    """A path (or URL) as text the journal and the file system both take: UTF-8, no NUL;
    ``file``: it must name a file to write, not a folder."""
    if isinstance(value, bytes):
        raise ValidationError(
            f"{field}={value!r}: a path as text, not bytes", field=field, value=repr(value)
        )
    check_text(value, field)
    if "\x00" in value:
        raise ValidationError(
            f"{field}: {_shown(value)!r} holds a NUL character",
            field=field,
            value=_shown(value),
            allowed="a path without NUL",
        )
    if file and (Path(value).name in ("", ".", "..") or value.endswith(("/", os.sep))):
        raise ValidationError(
            f"{field}={_shown(value)!r} names a folder, not a file",
            field=field,
            value=_shown(value),
            allowed="a file path",
        )
    if file and os.path.isdir(value):
        raise ValidationError(
            f"{field}={_shown(value)!r} is a folder; name the video file inside it",
            field=field,
            value=_shown(value),
            allowed="a file path",
        )
    return value
