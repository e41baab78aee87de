"""Whatever a caller passes, seedance answers with a SeedanceError, never a bare exception,
and bad input is refused before anything is journaled or sent (issue: "Bad input escapes as
bare exceptions": NaN in extra, "images": true, "output": 5 ...)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seedance import SeedanceError, Task, ValidationError
from seedance._options import SubmitOptions
from seedance.testing import FakeApikley, FakeClock, client_for

# Anything a careless caller or a bad JSON file could hand over.
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.binary(max_size=20),
    st.sampled_from(
        ["16:9", "720p", "5", "https://img.example/a.png", "bytedance/seedance-1.5-pro"]
    ),
    st.builds(object),
)
values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(st.text(max_size=5), st.integers()), inner, max_size=3),
        st.tuples(inner, inner),
    ),
    max_leaves=6,
)
OPTIONS = sorted(SubmitOptions.__optional_keys__ - {"output"})
kwargs = st.dictionaries(st.sampled_from([*OPTIONS, "durration", "resolutoin"]), values, max_size=4)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Any:
    fake = FakeApikley(clock=FakeClock())
    journal = tmp_path_factory.mktemp("fuzz") / "journal.sqlite3"
    with client_for(fake, journal=journal, upload_base_url="http://fake") as client:
        yield fake, client


def creates(fake: FakeApikley) -> int:
    return sum(1 for _, path in fake.requests if path.endswith("/createTask"))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(prompt=values | st.text(max_size=40), options=kwargs)
def test_submit_raises_only_seedance_errors_and_journals_nothing_it_refuses(
    world: Any, prompt: Any, options: dict[str, Any]
) -> None:
    fake, client = world
    before = (len(client.journal.entries(limit=10_000)), creates(fake))
    try:
        task = client.submit(prompt, **options)
    except ValidationError as exc:
        assert exc.field, "a ValidationError names its field"
        after = (len(client.journal.entries(limit=10_000)), creates(fake))
        assert after == before, f"refused input was journaled or sent: {exc}"
    except SeedanceError:
        pass  # e.g. the provider refused it: allowed, but never a bare exception
    else:
        assert isinstance(task, Task)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(output=values)
def test_outputs_that_are_not_paths_are_refused(world: Any, output: Any) -> None:
    _, client = world
    if isinstance(output, str) and output:
        return  # a string is a path
    if output is None:
        return
    with pytest.raises(ValidationError) as caught:
        client.submit("a red fox", output=output)
    assert caught.value.field == "output"


@settings(max_examples=400, deadline=None)
@given(
    data=st.dictionaries(
        st.sampled_from(
            ["id", "provider", "status", "progress", "created_at", "credits", "raw", "usage", "x"]
        ),
        values,
        max_size=6,
    )
    | values
)
def test_task_from_dict_raises_only_validation_errors(data: Any) -> None:
    try:
        task = Task.from_dict(data)
    except ValidationError as exc:
        assert exc.field.startswith("task")
    else:
        assert Task.from_dict(task.to_dict()) == task


def test_non_finite_numbers_anywhere_in_extra_are_refused_by_name(world: Any) -> None:
    _, client = world
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(ValidationError) as caught:
            client.submit("a red fox", extra={"deep": [{"x": bad}]})
        assert caught.value.field == "extra.deep[0].x"


def test_a_misspelt_option_names_itself(world: Any, tmp_path: Path) -> None:
    _, client = world
    with pytest.raises(ValidationError) as caught:
        client.submit("a red fox", durration=5)
    assert caught.value.field == "durration"
    assert "duration" in str(caught.value)


def test_an_extra_value_the_generated_model_refuses_is_a_validation_error_before_journaling(
    world: Any,
) -> None:
    fake, client = world
    before = (len(client.journal.entries(limit=10_000)), creates(fake))
    with pytest.raises(ValidationError) as caught:
        client.submit("a red fox", extra={"duration": 99})  # outside the model's enum
    assert caught.value.field == "extra"
    assert (len(client.journal.entries(limit=10_000)), creates(fake)) == before
