"""Shared fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture(params=["sqlite", "postgres"])
def spec(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """What opens the journal under test: a file path, or a DSN of a fresh database (a
    test taking it runs on both backends)."""
    if request.param == "sqlite":
        return str(tmp_path / "journal.sqlite3")
    dsn: str = request.getfixturevalue("postgres_dsn")
    return dsn


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The admin DSN of a real PostgreSQL server (see tests/support/postgres.py)."""
    from tests.support import postgres

    try:
        with postgres.server() as dsn:
            yield dsn
            return
    except postgres.Unavailable as exc:
        reason = f"PostgreSQL unavailable: {exc}"
    if os.environ.get(postgres.REQUIRE_ENV) == "1":
        pytest.fail(f"{reason} ({postgres.REQUIRE_ENV}=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def postgres_dsn(postgres_server: str) -> Iterator[str]:
    """A DSN for a fresh database of its own, for one test."""
    from tests.support import postgres

    with postgres.database(postgres_server) as dsn:
        yield dsn
