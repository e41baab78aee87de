"""Which journal a client uses: an object, a path, a DSN, or the environment."""

from __future__ import annotations

import os
from pathlib import Path

from ._base import Journal
from ._model import JournalError

ENV = "SEEDANCE_JOURNAL"
_OFF = ("off", "0", "false", "no", "")

JournalSpec = Journal | str | os.PathLike[str] | bool | None


def default_path() -> Path | None:
    """Where the SQLite journal lives by default; None when ``SEEDANCE_JOURNAL`` says off
    or names a PostgreSQL DSN."""
    configured = os.environ.get(ENV)
    if configured is not None:
        if configured.strip().lower() in _OFF or _is_dsn(configured):
            return None
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_data_dir("seedance")) / "journal.sqlite3"


def open_journal(spec: JournalSpec = None) -> Journal:
    """A :class:`Journal` is used as is; ``False``/``"off"``: a :class:`NullJournal`; a
    ``postgresql://`` or ``postgres://`` DSN: a :class:`PostgresJournal`; another string
    or path: a :class:`SqliteJournal`; ``None``/``True``: ``SEEDANCE_JOURNAL`` (a path,
    a DSN or ``off``), else the SQLite file in the user's data directory."""
    if isinstance(spec, Journal):
        return spec
    if spec is None or spec is True:
        spec = os.environ.get(ENV)
        if spec is None:
            path = default_path()
            assert path is not None
            return _sqlite(path)
    if spec is False or (isinstance(spec, str) and spec.strip().lower() in _OFF):
        from ._null import NullJournal

        return NullJournal()
    if isinstance(spec, str) and _is_dsn(spec):
        from ._postgres import PostgresJournal

        return PostgresJournal(spec.strip())
    if isinstance(spec, str | os.PathLike):
        return _sqlite(Path(spec))
    raise JournalError(
        f"journal must be a Journal, a path, a postgresql:// DSN, True or False, not {spec!r}"
    )


def _sqlite(path: Path) -> Journal:
    from ._sqlite import SqliteJournal

    return SqliteJournal(path)


def _is_dsn(text: str) -> bool:
    return text.strip().lower().startswith(("postgresql://", "postgres://"))
