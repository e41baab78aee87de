"""Shared fixtures."""

from __future__ import annotations

import pytest


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
def _journal_in_tmp(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never write to the user's data dir: each gets its own journal file."""
    path = tmp_path_factory.mktemp("journal") / "journal.sqlite3"
    monkeypatch.setenv("SEEDANCE_JOURNAL", str(path))
