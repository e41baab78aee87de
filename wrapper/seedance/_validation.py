"""Check a value against a schema from a provider's spec, with a message a person can act on.

Only the keywords the specs use are checked (not ``format``: URLs are the provider's to
judge); the constraint always comes from the spec. Also: plain JSON data, and the types a
request needs before its spec is known.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ._errors import ValidationError

Schema = dict[str, Any]


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
        if value not in enum or isinstance(value, bool) != isinstance(enum[0], bool):
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


def check_json(value: Any, where: str) -> None:
    """Refuse what JSON cannot carry (NaN, infinities, objects, non-string keys), naming
    where it is, before anything is journaled or sent."""
    stack = [(where, value, 0)]
    while stack:
        path, item, depth = stack.pop()
        problem: tuple[str, Any, str] | None = None  # (message, value, allowed)
        if depth > 64:
            problem = (f"{where} nests deeper than 64 levels", None, "<= 64")
        elif isinstance(item, Mapping):
            if bad := [key for key in item if not isinstance(key, str)]:
                problem = (f"{path}: key {bad[0]!r} is not a string", bad[0], "string keys")
            stack.extend((f"{path}.{key}", child, depth + 1) for key, child in item.items())
        elif isinstance(item, (list, tuple)):
            stack.extend((f"{path}[{i}]", child, depth + 1) for i, child in enumerate(item))
        elif isinstance(item, float) and not math.isfinite(item):
            problem = (f"{path}={item!r}: a finite number", item, "a finite number")
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
    for name in ("prompt", "model"):
        value = values.get(name)
        if value is not None and not isinstance(value, str):
            raise ValidationError(
                f"{name}={value!r}: expected str", field=name, value=value, allowed="str"
            )
    extra = values.get("extra")
    if extra is not None:
        if not isinstance(extra, dict):
            raise ValidationError(
                f"extra={extra!r}: a dict of provider fields", field="extra", value=extra
            )
        check_json(extra, "extra")
