"""Fake providers that behave like the real services, for tests and offline demos.

Each fake is an ASGI app implementing its provider's spec (specs/<provider>) for real:
authentication, validation with the provider's own error answers, a task lifecycle
driven by a clock the test controls, a playable MP4 result, callbacks, rate limits and
switchable faults. Use one in process::

    fake = FakeApikley(clock=FakeClock())
    async with async_client_for(fake) as client:   # its key, transport, clock; a temp journal
        task = await client.wait(await client.submit("a fox"))

or as a server: ``seedance fake serve --provider apikley --port 8765``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._client import AsyncClient, Client
    from .base import FakeProvider
    from .clock import FakeClock, LoopClock
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
    "LoopClock",
    "Phase",
    "async_client_for",
    "client_for",
    "fake_class",
    "fake_for",
    "temporary_journal",
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
_LAZY = {
    "FakeProvider": "base",
    "FakeClock": "clock",
    "LoopClock": "clock",
    "Faults": "faults",
    "FakeTask": "tasks",
    "Phase": "tasks",
}
"""Imported on first use, so ``import seedance.testing`` (and its pytest plugin) stays
cheap and works without the server extra until a fake is made."""


def __getattr__(name: str) -> Any:
    if name in _CLASS_NAMES:
        return fake_class(_CLASS_NAMES[name])
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ----------------------------------------------------------------------- clients

_JOURNALS: Any = None


def temporary_journal() -> Path:
    """A fresh journal file in this process's temporary folder (removed at exit): fake
    tasks exist only in this process and never belong in the user's journal."""
    import tempfile

    global _JOURNALS
    if _JOURNALS is None:
        _JOURNALS = tempfile.TemporaryDirectory(prefix="seedance-fake-journal-")
    return Path(tempfile.mkdtemp(dir=_JOURNALS.name)) / "journal.sqlite3"


def _fake_options(
    fake: FakeProvider, options: dict[str, Any], *, sync: bool = False
) -> dict[str, Any]:
    options.setdefault("api_key", fake.api_key)
    options.setdefault("transport", fake.sync_transport() if sync else fake.transport())
    options.setdefault("clock", fake.clock)
    if fake.name == "apikley":  # its upload API is served by the fake too
        options.setdefault("upload_base_url", fake.public_url)
    if options.get("journal") is None:
        options["journal"] = temporary_journal()
    return options


def async_client_for(fake: FakeProvider, **options: Any) -> AsyncClient:
    """An :class:`~seedance.AsyncClient` talking to ``fake`` in process: its key, its
    transport, its clock (a FakeClock moves both), and a temporary journal unless
    ``journal=`` says otherwise. ``options`` go to the client."""
    from .._client import AsyncClient

    return AsyncClient(fake.name, **_fake_options(fake, options))


def client_for(fake: FakeProvider, **options: Any) -> Client:
    """The synchronous :class:`~seedance.Client` twin of :func:`async_client_for`."""
    from .._client import Client

    return Client(fake.name, **_fake_options(fake, options, sync=True))
