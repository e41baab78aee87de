"""``seedance._validation.check`` against an independent oracle: for the schema keywords
our specs use, it refuses exactly what the ``jsonschema`` library refuses (with a
ValidationError naming the field and the value), and it also refuses a non-finite number,
which JSON cannot carry. One deliberate difference: an integer field (``type: integer``,
or an enum of integers) takes no float (``5.0`` for ``duration`` is refused, though JSON
Schema counts it as an integer, or equal to the enum's ``5``), so a Python float never
reaches a provider's integer field."""

from __future__ import annotations

import math
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seedance import ValidationError
from seedance._validation import check

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-50, 50),
    st.floats(-50, 50, allow_nan=False),
    st.text(max_size=12),
)
values = st.one_of(scalars, st.lists(scalars, max_size=6), st.dictionaries(st.text(), scalars))


def keywords(*names: str, kind: str | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Schemas of ``kind`` (None: no type) with some of the keywords ``names``."""
    small = {"minimum": -20, "maximum": -20, "minLength": 0, "maxLength": 0, "maxItems": 0}
    return st.fixed_dictionaries(
        {"type": st.just(kind)} if kind else {},
        optional={name: st.integers(small[name], small[name] + 20) for name in names},
    )


NUMERIC, SIZED = ("minimum", "maximum"), ("minLength", "maxLength", "maxItems")
typed = st.one_of(
    keywords(*NUMERIC, kind="integer"),
    keywords(*NUMERIC, kind="number"),
    keywords("minLength", "maxLength", kind="string"),
    keywords("maxItems", kind="array"),
    st.sampled_from([{"type": "boolean"}, {"type": "object"}]),
    keywords(*NUMERIC, *SIZED),  # no type: every keyword applies to its own kind of value
)
enums = st.builds(
    lambda items: {"enum": items},
    st.one_of(
        st.lists(st.text(max_size=4), min_size=1, max_size=4, unique=True),
        st.lists(st.integers(-5, 5), min_size=1, max_size=4, unique=True),
        st.just([True, False]),
    ),
)


def refused(value: Any, schema: dict[str, Any]) -> ValidationError | None:
    try:
        check(value, schema, field="duration", provider="apikley", model="m")
    except ValidationError as error:
        return error
    return None


def near_edges(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values at and beside the schema's bounds, where an off-by-one would show."""
    numbers = [schema[k] + d for k in ("minimum", "maximum") if k in schema for d in (-1, 0, 1)]
    sizes = [schema[k] for k in ("minLength", "maxLength", "maxItems") if k in schema]
    sizes += [size + 1 for size in sizes]
    edges = st.sampled_from(numbers or [0]).flatmap(lambda n: st.sampled_from([n, float(n)]))
    shaped = st.sampled_from([max(n, 0) for n in sizes] or [0]).flatmap(
        lambda n: st.sampled_from(["x" * n, [1] * n])
    )
    return st.one_of(values, edges, shaped)


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_check_refuses_what_jsonschema_refuses(data: st.DataObject) -> None:
    schema = data.draw(st.one_of(typed, enums), label="schema")
    value = data.draw(near_edges(schema), label="value")
    expected = jsonschema.Draft202012Validator(schema).is_valid(value)
    if schema.get("type") == "integer" and isinstance(value, float):
        expected = False
    if "enum" in schema and isinstance(value, float):
        # 0.0 == 0, but a provider's integer enum refuses a float (_validation._same_kind)
        expected = expected and any(type(m) is float and m == value for m in schema["enum"])
    error = refused(value, schema)
    assert (error is None) == expected, (schema, value, error)
    if error is not None:
        assert error.field == "duration"
        assert error.value == value
        assert error.allowed is not None
        assert "apikley model m" in str(error)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("schema", [{"type": "number"}, {}, {"minimum": 0, "maximum": 10}])
def test_check_refuses_non_finite_numbers(schema: dict[str, Any], value: float) -> None:
    error = refused(value, schema)
    assert error is not None and "finite" in str(error)
