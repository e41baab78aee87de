"""Schemathesis contract tests: each fake provider, in process, against its spec.

Positive and negative generation with the default checks (a 5xx, an undocumented status,
a response that does not match its schema, an invalid request accepted, auth ignored: each
fails), plus a stateful run following the spec's links (create -> get). A fake that drifts
from its spec fails here; so does a spec that no longer describes what the fake does.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection

from seedance.testing import FAKES, FakeClock, FakeProvider, fake_for
from tests.support.openapi import bundled

KEY = "contract-test-key"
AUTH_HEADERS = {
    "apikley": {"Authorization": f"Bearer {KEY}"},
    "pixazo": {"Ocp-Apim-Subscription-Key": KEY},
    "gptproto": {"Authorization": f"Bearer {KEY}"},
    "ark": {"Authorization": f"Bearer {KEY}"},
}
# The contract is about shapes; rate limits are tested on their own (tests/test_fakes_*.py).
# Apikley's model_rules (x-seedance-modes, download-url's only-our-files rule) are not
# expressible in JSON Schema: schemathesis would call their refusals "valid data rejected".
FAKE_OPTIONS: dict[str, dict[str, Any]] = {
    "apikley": {"create_limit": 1_000_000, "model_rules": False}
}
EXAMPLES = 30


def _available() -> list[str]:
    import importlib

    out = []
    for provider, target in FAKES.items():
        try:
            importlib.import_module(target.partition(":")[0])
        except ModuleNotFoundError:
            continue
        out.append(provider)
    return out


PROVIDERS = _available()


def _fake(provider: str) -> FakeProvider:
    return fake_for(
        provider,
        api_key=KEY,
        clock=FakeClock(),
        queued_for=0.0,
        running_for=0.0,
        **FAKE_OPTIONS.get(provider, {}),
    )


def _schema(provider: str, fake: FakeProvider) -> Any:
    schema = schemathesis.openapi.from_dict(bundled(provider))
    schema.app = fake.app
    if "Authorization" in AUTH_HEADERS[provider]:
        # Through schemathesis' own config, so its negative cases know the header is auth.
        schema.config.update(headers=AUTH_HEADERS[provider])
    return schema


def _call_headers(provider: str) -> dict[str, str] | None:
    """Headers schemathesis does not recognise as auth from its config (Pixazo's
    ``Ocp-Apim-Subscription-Key``) are sent with each call instead."""
    headers = AUTH_HEADERS[provider]
    return None if "Authorization" in headers else headers


def _stateless(provider: str) -> Any:
    fake = _fake(provider)
    schema = _schema(provider, fake)

    @schema.parametrize()  # type: ignore[untyped-decorator]
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def test(case: Any) -> None:
        excluded = []
        if case.media_type == "multipart/form-data":
            # Every multipart value is text: a "number" where a string is due is the same
            # bytes on the wire, so type-mutated negative cases cannot be told apart.
            excluded.append(negative_data_rejection)
        case.call_and_validate(headers=_call_headers(provider), excluded_checks=excluded)

    return test


for _provider in PROVIDERS:
    globals()[f"test_contract_{_provider}"] = _stateless(_provider)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_stateful_create_then_get(provider: str) -> None:
    fake = _fake(provider)
    schema = _schema(provider, fake)
    machine = schema.as_state_machine()
    headers = _call_headers(provider)

    class Machine(machine):  # type: ignore[misc,valid-type]
        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": headers} if headers else {}

    Machine.run(
        settings=settings(
            max_examples=15,
            stateful_step_count=6,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )
    assert len(fake.tasks) > 0, "the stateful run never created a task"
