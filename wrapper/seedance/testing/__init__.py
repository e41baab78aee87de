"""Fake providers that behave like the real services, for tests and offline demos.

Each fake is an ASGI app implementing its provider's spec (specs/<provider>) for real:
authentication, validation with the provider's own error answers, a task lifecycle
driven by a clock the test controls, a playable MP4 result, callbacks, rate limits and
switchable faults. Use one in process::

    fake = FakeApikley(clock=FakeClock())
    client = httpx.AsyncClient(transport=fake.transport(), base_url="http://fake")

or as a server: ``seedance fake serve --provider apikley --port 8765``.
"""

from __future__ import annotations

from typing import Any

from .base import FakeProvider
from .clock import FakeClock
from .faults import Faults
from .tasks import FakeTask, Phase

__all__ = [
    "FAKES",
    "FakeApikley",
    "FakeClock",
    "FakeProvider",
    "FakeTask",
    "Faults",
    "Phase",
    "fake_for",
]

FAKES: dict[str, str] = {
    "apikley": "seedance.testing.apikley:FakeApikley",
}
"""Provider name -> ``module:class`` of its fake (imported on demand)."""


def fake_for(provider: str, **kwargs: Any) -> FakeProvider:
    """A new fake for ``provider`` (see :data:`FAKES`)."""
    import importlib

    try:
        target = FAKES[provider]
    except KeyError:
        raise ValueError(
            f"provider={provider!r} has no fake; choose one of {sorted(FAKES)}"
        ) from None
    module_name, _, class_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    fake: FakeProvider = cls(**kwargs)
    return fake


def __getattr__(name: str) -> Any:
    if name == "FakeApikley":
        from .apikley import FakeApikley

        return FakeApikley
    raise AttributeError(name)
