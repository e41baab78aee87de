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
    "FakeArk",
    "FakeClock",
    "FakeGptproto",
    "FakePixazo",
    "FakeProvider",
    "FakeTask",
    "Faults",
    "Phase",
    "fake_class",
    "fake_for",
]

FAKES: dict[str, str] = {
    "apikley": "seedance.testing.apikley:FakeApikley",
    "pixazo": "seedance.testing.pixazo:FakePixazo",
    "gptproto": "seedance.testing.gptproto:FakeGptproto",
    "ark": "seedance.testing.ark:FakeArk",
}
"""Provider name -> ``module:class`` of its fake (imported on demand)."""


def fake_class(provider: str) -> type[FakeProvider]:
    """The fake class for ``provider`` (see :data:`FAKES`), imported on demand."""
    import importlib

    try:
        target = FAKES[provider]
    except KeyError:
        raise ValueError(
            f"provider={provider!r} has no fake; choose one of {sorted(FAKES)}"
        ) from None
    module_name, _, class_name = target.partition(":")
    cls: type[FakeProvider] = getattr(importlib.import_module(module_name), class_name)
    return cls


def fake_for(provider: str, **kwargs: Any) -> FakeProvider:
    """A new fake for ``provider``; ``kwargs`` go to its constructor."""
    return fake_class(provider)(**kwargs)


_CLASS_NAMES = {target.partition(":")[2]: name for name, target in FAKES.items()}


def __getattr__(name: str) -> Any:
    if name in _CLASS_NAMES:
        return fake_class(_CLASS_NAMES[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
