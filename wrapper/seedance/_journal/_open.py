"""Which journal a client uses: an object, a path, a DSN, or the environment."""

from __future__ import annotations

import os
from pathlib import Path

from ._base import Journal
from ._model import JournalError
from ._null import NullJournal
from ._postgres import PostgresJournal
from ._sqlite import SqliteJournal, default_dir

ENV = "SEEDANCE_JOURNAL"
_OFF = ("off", "0", "false", "no", "")

JournalSpec = Journal | str | os.PathLike[str] | bool | None


def default_path() -> Path | None:
    """Where the SQLite journal lives by default; None when ``SEEDANCE_JOURNAL`` says off
    or names a PostgreSQL DSN."""
    configured = os.environ.get(ENV)
    if configured is None:
        return default_dir() / "journal.sqlite3"
    return None if configured.strip().lower() in _OFF or _is_dsn(configured) else Path(configured)


def open_journal(spec: JournalSpec = None) -> Journal:
    """A :class:`Journal` is used as is; ``False``/``"off"``: a :class:`NullJournal`; a
    ``postgresql://`` or ``postgres://`` DSN: a :class:`PostgresJournal`; another string
    or path: a :class:`SqliteJournal`; ``None``/``True``: ``SEEDANCE_JOURNAL`` (a path,
    a DSN or ``off``), else the SQLite file in the user's data directory."""
    if isinstance(spec, Journal):
        return spec
    if spec is None or spec is True:
        spec = os.environ.get(ENV, default_dir() / "journal.sqlite3")
    if spec is False or (isinstance(spec, str) and spec.strip().lower() in _OFF):
        return NullJournal()
    if isinstance(spec, str) and _is_dsn(spec):
        return PostgresJournal(spec.strip())
    if isinstance(spec, str | os.PathLike):
        return SqliteJournal(Path(spec))
    raise JournalError(
        f"journal must be a Journal, a path, a postgresql:// DSN, True or False, not {spec!r}"
    )


def _is_dsn(text: str) -> bool:
    return text.strip().lower().startswith(("postgresql://", "postgres://"))
