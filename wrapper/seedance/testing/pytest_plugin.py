"""pytest fixtures for testing your code against seedance's fake providers.

Installed with seedance (entry point ``pytest11``), as pytest-httpx and respx are for httpx:
no import or ``conftest.py`` needed. Every fixture is function-scoped, and every client it
makes has its own temporary journal, so fake tasks never reach your real one.

- ``seedance_clock``: a :class:`~seedance.testing.FakeClock` shared by the fakes and clients
  below (a 30-second task finishes instantly, on the schedule it would follow for real).
- ``seedance_provider``: which provider ``seedance_fake`` fakes (``"apikley"``; override the
  fixture, or parametrize it with ``indirect``-free ``@pytest.mark.parametrize``).
- ``seedance_fake``: that fake; ``fake_apikley``, ``fake_pixazo``, ``fake_gptproto``,
  ``fake_ark``: one of each kind.
- ``seedance_client``: a sync :class:`~seedance.Client` on ``seedance_fake`` (closed after).
- ``seedance_async_client``: an :class:`~seedance.AsyncClient` on it; use it as
  ``async with seedance_async_client as client:`` (any async test plugin will do).

This module imports nothing heavy until a fixture is used, so it costs nothing in test
runs that don't use it (and works without the ``server`` extra until then).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .._client import AsyncClient, Client
    from . import FakeClock, FakeProvider


def _fake(provider: str, clock: FakeClock) -> FakeProvider:
    try:
        from . import fake_for
    except ModuleNotFoundError as exc:
        pytest.fail(
            f"seedance's fake providers need the server extra ({exc.name} is missing): "
            'pip install "seedance[server]"',
            pytrace=False,
        )
    return fake_for(provider, clock=clock)


@pytest.fixture
def seedance_clock() -> FakeClock:
    """The clock of the fakes and clients below: time moves only when they wait."""
    from .clock import FakeClock

    return FakeClock()


@pytest.fixture
def seedance_provider() -> str:
    """The provider ``seedance_fake`` fakes; override this fixture to choose another."""
    return "apikley"


@pytest.fixture
def seedance_fake(seedance_provider: str, seedance_clock: FakeClock) -> FakeProvider:
    """A fake of ``seedance_provider`` on ``seedance_clock``."""
    return _fake(seedance_provider, seedance_clock)


def _fake_fixture(provider: str) -> Any:
    def fake(seedance_clock: FakeClock) -> FakeProvider:
        return _fake(provider, seedance_clock)

    fake.__doc__ = f"A fake {provider} on ``seedance_clock``."
    return pytest.fixture(name=f"fake_{provider}")(fake)


fake_apikley, fake_pixazo, fake_gptproto, fake_ark = map(
    _fake_fixture, ("apikley", "pixazo", "gptproto", "ark")
)


@pytest.fixture
def seedance_client(seedance_fake: FakeProvider, tmp_path: Path) -> Iterator[Client]:
    """A sync client on ``seedance_fake`` with a journal in ``tmp_path``."""
    from . import client_for

    client = client_for(seedance_fake, journal=tmp_path / "seedance-journal.sqlite3")
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def seedance_async_client(seedance_fake: FakeProvider, tmp_path: Path) -> AsyncClient:
    """An async client on ``seedance_fake`` with a journal in ``tmp_path``; enter it with
    ``async with`` (that closes it)."""
    from . import async_client_for

    return async_client_for(seedance_fake, journal=tmp_path / "seedance-async-journal.sqlite3")
