"""The first journal interface, kept only until the client moves to :mod:`seedance._journal`
(claims, two backends); its errors, crash hook and default path are already that module's.

A durable record of every task, so a crash never loses one and a rerun never pays twice.

Every submission is written here *before* its create call is sent (the intent), then
updated with the task id, each status change, the result URLs and the downloaded file.
SQLite in WAL mode, one short transaction per write, safe for several processes on one
machine. Where it lives: ``Journal(path)``, else ``SEEDANCE_JOURNAL`` (a path, or ``off``),
else ``<user data dir>/seedance/journal.sqlite3``.

Entry states:

``intent``     recorded, create not yet sent (a crash here is harmless: sent again on rerun)
``sending``    the create is on the wire (a crash here leaves the outcome unknown)
``submitted``  the provider accepted it; ``task_id`` is known
``unknown``    the create was sent and its answer lost: the task may exist (never resent)
``rejected``   the provider refused it; nothing was created; the same key may be retried
``finished``   the task ended (``status`` says how)
``downloaded`` the result is in ``file``
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from attrs import define

from ._journal import JournalError, crash_point, default_path
from .models import Task

__all__ = ["Entry", "Journal", "JournalError", "crash_point", "default_path", "open_journal"]

OPEN_STATES = ("intent", "sending", "submitted", "unknown", "finished")

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    key        TEXT PRIMARY KEY,
    provider   TEXT NOT NULL,
    request    TEXT NOT NULL,
    state      TEXT NOT NULL,
    task_id    TEXT,
    status     TEXT,
    task       TEXT,
    output     TEXT,
    file       TEXT,
    error      TEXT,
    sent_at    REAL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_task ON entries (provider, task_id);
CREATE INDEX IF NOT EXISTS entries_state ON entries (state);
"""


@define(frozen=True)
class Entry:
    """One journaled submission."""

    key: str
    provider: str
    request: dict[str, Any]
    state: str
    task_id: str | None
    status: str | None
    task: Task | None
    output: str | None
    file: str | None
    error: str | None
    sent_at: float | None
    created_at: float
    updated_at: float


class Journal:
    """The journal file. Cheap to open; every method is one short transaction."""

    def __init__(self, path: str | os.PathLike[str], *, busy_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self._busy_timeout = busy_timeout
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(entries)")}
            if "sent_at" not in columns:  # journals written before sent_at existed
                self._db.execute("ALTER TABLE entries ADD COLUMN sent_at REAL")
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from exc
        except OSError as exc:
            raise JournalError(f"cannot open the journal {self.path}: {exc.strerror}") from exc

    def __repr__(self) -> str:
        return f"Journal({str(self.path)!r})"

    def _error(self, exc: sqlite3.Error) -> JournalError:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return JournalError(
                f"the journal {self.path} is locked by another process for more than "
                f"{self._busy_timeout:g} s; try again, or use another file (SEEDANCE_JOURNAL)"
            )
        if isinstance(exc, sqlite3.DatabaseError) and (
            "not a database" in text or "malformed" in text or "corrupt" in text
        ):
            return JournalError(
                f"the journal {self.path} is corrupt ({text}); move it aside to start a new "
                "one (tasks recorded only there would have to be found at the provider)"
            )
        return JournalError(f"the journal {self.path} failed: {text}")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            cursor = self._db.execute(sql, args)
            cursor.row_factory = sqlite3.Row
            return list(cursor.fetchall())
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    # ------------------------------------------------------------------ writes

    def record_intent(
        self, key: str, provider: str, request: dict[str, Any], output: str | None = None
    ) -> tuple[Entry, bool]:
        """Record a submission before its create call. Returns (entry, created): when the
        key is already journaled, the existing entry and False (nothing is written)."""
        now = time.time()
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO entries (key, provider, request, state, output, created_at, "
                "updated_at) VALUES (?, ?, ?, 'intent', ?, ?, ?) ON CONFLICT(key) DO NOTHING",
                (key, provider, json.dumps(request, sort_keys=True), output, now, now),
            )
            created = cursor.rowcount == 1
        entry = self.get(key)
        assert entry is not None
        return entry, created

    def retry_intent(self, key: str) -> None:
        """Reuse a rejected (or never sent) entry's key for a new attempt."""
        with self._write() as db:
            db.execute(
                "UPDATE entries SET state='intent', error=NULL, updated_at=? "
                "WHERE key=? AND state IN ('rejected', 'intent')",
                (time.time(), key),
            )

    def mark_sending(self, key: str, at: float | None = None) -> None:
        """The create is about to go out; ``at`` (the client's clock) dates it, so a lost
        answer can later be matched against the provider's task list."""
        with self._write() as db:
            db.execute(
                "UPDATE entries SET state='sending', sent_at=?, updated_at=? WHERE key=?",
                (at if at is not None else time.time(), time.time(), key),
            )

    def mark_submitted(self, key: str, task: Task) -> None:
        self._set(key, state="submitted", task=task)

    def mark_unknown(self, key: str, error: str) -> None:
        self._set(key, state="unknown", error=error)

    def mark_rejected(self, key: str, error: str) -> None:
        self._set(key, state="rejected", error=error)

    def mark_downloaded(self, key: str, file: str) -> None:
        self._set(key, state="downloaded", file=file)

    def update_task(self, task: Task) -> None:
        """Record a task's latest state wherever it is journaled (by provider and id)."""
        state = "finished" if task.finished else "submitted"
        with self._write() as db:
            db.execute(
                "UPDATE entries SET task=?, status=?, task_id=?, updated_at=?, "
                "state=CASE WHEN state='downloaded' THEN state ELSE ? END "
                "WHERE provider=? AND task_id=?",
                (
                    json.dumps(task.to_dict()),
                    task.status.value,
                    task.id,
                    time.time(),
                    state,
                    task.provider,
                    task.id,
                ),
            )

    def _set(
        self,
        key: str,
        *,
        state: str,
        task: Task | None = None,
        error: str | None = None,
        file: str | None = None,
    ) -> None:
        with self._write() as db:
            if task is not None:
                db.execute(
                    "UPDATE entries SET state=?, task_id=?, status=?, task=?, updated_at=? "
                    "WHERE key=?",
                    (
                        state,
                        task.id,
                        task.status.value,
                        json.dumps(task.to_dict()),
                        time.time(),
                        key,
                    ),
                )
            else:
                db.execute(
                    "UPDATE entries SET state=?, error=COALESCE(?, error), "
                    "file=COALESCE(?, file), updated_at=? WHERE key=?",
                    (state, error, file, time.time(), key),
                )

    # ------------------------------------------------------------------ reads

    def get(self, key: str) -> Entry | None:
        rows = self._query("SELECT * FROM entries WHERE key=?", (key,))
        return _entry(rows[0]) if rows else None

    def find(self, provider: str | None, task_id: str) -> Entry | None:
        if provider is None:
            rows = self._query("SELECT * FROM entries WHERE task_id=?", (task_id,))
        else:
            rows = self._query(
                "SELECT * FROM entries WHERE provider=? AND task_id=?", (provider, task_id)
            )
        return _entry(rows[0]) if rows else None

    def open_entries(self, provider: str | None = None) -> list[Entry]:
        """Entries with work left: not yet submitted, not finished, or not downloaded."""
        marks = ",".join("?" for _ in OPEN_STATES)
        sql = f"SELECT * FROM entries WHERE state IN ({marks})"
        args: tuple[Any, ...] = OPEN_STATES
        if provider is not None:
            sql += " AND provider=?"
            args = (*args, provider)
        rows = self._query(sql + " ORDER BY created_at", args)
        return [
            e
            for e in map(_entry, rows)
            if e.state != "finished" or (e.output and e.status == "succeeded")
        ]

    def entries(self, limit: int = 100, provider: str | None = None) -> list[Entry]:
        if provider is None:
            rows = self._query("SELECT * FROM entries ORDER BY created_at DESC LIMIT ?", (limit,))
        else:
            rows = self._query(
                "SELECT * FROM entries WHERE provider=? ORDER BY created_at DESC LIMIT ?",
                (provider, limit),
            )
        return [_entry(r) for r in rows]

    def close(self) -> None:
        self._db.close()


def _entry(row: sqlite3.Row) -> Entry:
    task = json.loads(row["task"]) if row["task"] else None
    return Entry(
        key=row["key"],
        provider=row["provider"],
        request=json.loads(row["request"]),
        state=row["state"],
        task_id=row["task_id"],
        status=row["status"],
        task=Task.from_dict(task) if task else None,
        output=row["output"],
        file=row["file"],
        error=row["error"],
        sent_at=row["sent_at"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def open_journal(journal: Journal | str | os.PathLike[str] | bool | None) -> Journal | None:
    """``None``/``True``: the default journal; ``False``: none; a path or Journal: that one."""
    if journal is False:
        return None
    if isinstance(journal, Journal):
        return journal
    if journal is None or journal is True:
        path = default_path()
        return None if path is None else Journal(path)
    return Journal(journal)
