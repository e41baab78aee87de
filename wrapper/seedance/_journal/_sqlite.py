"""The embedded journal: one SQLite file (WAL), safe for many processes on one machine.

Every write is one ``BEGIN IMMEDIATE`` transaction: SQLite's single writer lock is the row
lock the claim rules need. The file holds prompts and result URLs, so it is 0600.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from ._base import Journal
from ._model import (
    BUCKET_ADDED,
    COLUMNS,
    JournalError,
    Row,
    check_version,
    column_type,
    insert_sql,
    schema,
    update_sql,
)

_INSERT = insert_sql("entries", "?")
_ADDED = {name: column_type(name) for name in ("owner", "lease_until", "sent_at", "hosts")}
"""Columns added after version 1 (``sent_at`` came late in version 1), added on open."""
_BUCKET_ADDED = dict.fromkeys(BUCKET_ADDED, "REAL")


class SqliteJournal(Journal):
    """The journal in one SQLite file. Cheap to open; every method is one short
    transaction; one instance may be shared by threads."""

    def __init__(self, path: str | os.PathLike[str], *, busy_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self._busy_timeout = busy_timeout
        self._lock = threading.RLock()
        try:
            _create_private(self.path)
            _tighten(self.path)
            self._db = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        except OSError as exc:
            raise JournalError(
                f"cannot open the journal {self.path}: {exc.strerror or exc}"
            ) from exc
        try:
            with self._locked() as db:  # outside any transaction, as SQLite requires
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
            with self._transaction():
                self._migrate()
            _tighten(self.path)
        except BaseException:
            self._db.close()
            raise

    def __repr__(self) -> str:
        return f"SqliteJournal({str(self.path)!r})"

    def _migrate(self) -> None:
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
        if "meta" in tables:
            row = self._db.execute("SELECT value FROM meta WHERE name='schema_version'").fetchone()
            check_version(str(self.path), int(row[0]) if row else 1)
        for table, added in (("entries", _ADDED), ("buckets", _BUCKET_ADDED)):
            if table in tables:  # an older journal: add what later versions added
                have = {r[1] for r in self._db.execute(f"PRAGMA table_info({table})")}
                for name, kind in added.items():
                    if name not in have:
                        self._db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
        for statement in schema():
            self._db.execute(statement)

    def _error(self, exc: sqlite3.Error) -> JournalError:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return JournalError(
                f"the journal {self.path} is locked by another process for more than "
                f"{self._busy_timeout:g} s; try again, or use another file (SEEDANCE_JOURNAL)"
            )
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            return JournalError(
                f"the journal {self.path} is corrupt ({text}); move it aside to start a new "
                "one (tasks recorded only there would have to be found at the provider)"
            )
        if "readonly" in text or "unable to open" in text:
            return JournalError(
                f"the journal {self.path} cannot be written ({text}); check its permissions "
                "or use another file (SEEDANCE_JOURNAL)"
            )
        return JournalError(f"the journal {self.path} failed: {text}")

    @contextmanager
    def _locked(self) -> Iterator[sqlite3.Connection]:
        """The connection, for this thread alone; SQLite's errors become JournalError."""
        with self._lock:
            try:
                yield self._db
            except sqlite3.Error as exc:
                raise self._error(exc) from exc

    @contextmanager
    def _transaction(self) -> Iterator[_Transaction]:
        with self._locked() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield _Transaction(db)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def _query(self, sql: str, args: tuple[Any, ...]) -> list[Row]:
        with self._locked() as db:
            return _fetch(db, sql, args)

    def _execute(self, sql: str, args: tuple[Any, ...]) -> int:
        with self._locked() as db:  # autocommit: the statement is its own transaction
            return db.execute(sql, args).rowcount

    def close(self) -> None:
        with self._lock:
            self._db.close()


class _Transaction:
    """Inside ``BEGIN IMMEDIATE``: every row read is locked (SQLite has one writer)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def insert(self, row: Row) -> bool:
        return self._db.execute(_INSERT, tuple(row[c] for c in COLUMNS)).rowcount == 1

    def lock(self, key: str) -> Row | None:
        rows = _fetch(self._db, "SELECT * FROM entries WHERE key = ?", (key,))
        return rows[0] if rows else None

    def lock_task(self, provider: str, task_id: str) -> list[Row]:
        return _fetch(
            self._db,
            "SELECT * FROM entries WHERE provider = ? AND task_id = ?",
            (provider, task_id),
        )

    def update(self, key: str, changes: Row) -> None:
        self._db.execute(update_sql("entries", "?", changes), (*changes.values(), key))

    def bucket(self, name: str) -> tuple[float, float | None]:
        row = self._db.execute("SELECT tat, seen FROM buckets WHERE name = ?", (name,)).fetchone()
        return (float(row[0]), row[1]) if row else (0.0, None)

    def set_bucket(self, name: str, tat: float, seen: float) -> None:
        self._db.execute(
            "INSERT INTO buckets (name, tat, seen) VALUES (?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET tat = excluded.tat, seen = excluded.seen",
            (name, tat, seen),
        )

    def now(self) -> float:
        return time.time()


def _fetch(db: sqlite3.Connection, sql: str, args: tuple[Any, ...]) -> list[Row]:
    cursor = db.execute(sql, args)
    cursor.row_factory = sqlite3.Row
    return [dict(r) for r in cursor.fetchall()]


def _create_private(path: Path) -> None:
    """Create the journal file 0600 (and a missing directory 0700) before SQLite opens
    it, so it is never readable by others, not even for a moment."""
    parent = path.parent
    if not parent.is_dir():
        parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(parent, 0o700)  # mkdir's mode is masked by the umask
    elif parent == default_dir():
        os.chmod(parent, 0o700)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))


def _tighten(path: Path) -> None:
    """An existing journal (and its WAL files) made private: they hold prompts and URLs."""
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
        with suppress(FileNotFoundError):
            os.chmod(path.with_name(name), 0o600)


def default_dir() -> Path:
    """The user's data directory, where the journal lives unless told otherwise."""
    import platformdirs

    return Path(platformdirs.user_data_dir("seedance"))
