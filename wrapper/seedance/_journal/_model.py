"""What the journal stores and the rules every backend applies to it, I/O-free: run inside
each backend's transaction on a locked row, so SQLite and PostgreSQL behave alike."""

from __future__ import annotations

import enum
import json
import os
import signal
from typing import Any

from attrs import fields, frozen

from .._errors import SeedanceError
from .._models import Task, TaskStatus

Row = dict[str, Any]
"""One ``entries`` row as the backends read and write it (JSON columns as text)."""

SCHEMA_VERSION = 2
"""1: the first journal (SQLite, no ``meta`` table); 2: claims (owner, lease_until), hosts,
buckets. PostgreSQL journals start at 2. Columns added since (``buckets.seen``) are added on
open and may be NULL: an older seedance that does not write them still shares the file."""
BUCKET_ADDED = ("seen",)
"""Columns of ``buckets`` (all of the backend's real type) added after it first shipped,
added on open."""

CRASH_ENV = "SEEDANCE_CRASH_AT"
_CRASH_AT = os.environ.get(CRASH_ENV)
"""Read once, at import: the crash tests start real processes with it set."""


def crash_point(name: str) -> None:
    """Durability-test hook: SIGKILL this process at the named point when
    ``SEEDANCE_CRASH_AT`` says so (the crash tests run real processes; nothing else sets it)."""
    if name == _CRASH_AT:
        os.kill(os.getpid(), signal.SIGKILL)


class JournalError(SeedanceError):
    """The journal cannot be used (corrupt, locked, unreachable); the message says which."""


class ClaimLostError(JournalError):
    """The caller no longer owns the key (its lease expired and another owner took it, or
    the entry moved on): it must not send, and must not record an outcome for it."""


class EntryState(enum.StrEnum):
    """Where a journaled submission is.

    ``intent``     recorded and claimed; the create has not been sent (safe to send again)
    ``sending``    the create is on the wire (a crash here leaves the outcome unknown)
    ``submitted``  the provider accepted it; ``task_id`` is known
    ``unknown``    the create was sent and its answer lost: the task may exist (never resent)
    ``rejected``   the provider provably refused it; nothing was created; the key is free
    ``finished``   the task ended (``status`` says how)
    ``downloaded`` the result is in ``file``
    """

    INTENT = "intent"
    SENDING = "sending"
    SUBMITTED = "submitted"
    UNKNOWN = "unknown"
    REJECTED = "rejected"
    FINISHED = "finished"
    DOWNLOADED = "downloaded"


OPEN_STATES = tuple(s for s in EntryState if s not in (EntryState.REJECTED, EntryState.DOWNLOADED))
HAS_TASK = (EntryState.SUBMITTED, EntryState.FINISHED, EntryState.DOWNLOADED)


class ClaimOutcome(enum.StrEnum):
    """What :meth:`Journal.claim` found."""

    CLAIMED = "claimed"
    """The caller owns the key until its lease ends: it may send the create."""
    BUSY = "busy"
    """Another owner holds a live lease on it: wait, then claim again."""
    UNKNOWN = "unknown"
    """A create was sent and its answer never recorded: the task may exist; never resend."""
    DONE = "done"
    """The provider accepted it: ``entry.task`` is the task."""
    CONFLICT = "conflict"
    """The key is journaled for another provider; nothing was changed."""


@frozen(kw_only=True)
class Entry:
    """One journaled submission. ``hosts`` are the API base URL and upload URL the task was
    created on (never keys), so another host can find it again."""

    key: str
    provider: str
    request: dict[str, Any]
    state: EntryState
    owner: str | None
    lease_until: float | None
    task_id: str | None = None
    status: str | None = None
    task: Task | None = None
    output: str | None
    file: str | None = None
    error: str | None = None
    sent_at: float | None = None
    created_at: float
    updated_at: float
    hosts: dict[str, str]


@frozen
class Claim:
    outcome: ClaimOutcome
    entry: Entry


COLUMNS = tuple(f.name for f in fields(Entry))
"""The ``entries`` table's columns, in :class:`Entry`'s order."""


_SQL_TYPES = {
    "key": "TEXT PRIMARY KEY",
    "provider": "TEXT NOT NULL",
    "request": "TEXT NOT NULL",
    "state": "TEXT NOT NULL",
    "lease_until": "REAL",
    "sent_at": "REAL",
    "created_at": "REAL NOT NULL",
    "updated_at": "REAL NOT NULL",
}
"""Column types that are not a nullable ``TEXT``."""


def column_type(name: str, real: str = "REAL") -> str:
    """A column's SQL type (``real``: the backend's name for a double)."""
    return _SQL_TYPES.get(name, "TEXT").replace("REAL", real)


CALLBACK_NONCE = "json_extract(hosts, '$.callback')"
"""SQLite's reading of the callback nonce a submission was issued, from ``hosts`` (JSON
text): exact on the parsed JSON, where a text match could be fooled."""


def schema(prefix: str = "", real: str = "REAL", nonce: str = CALLBACK_NONCE) -> tuple[str, ...]:
    """The statements creating the journal's tables (``meta`` first) and indexes, each name
    prefixed, and recording :data:`SCHEMA_VERSION` (``nonce``: the backend's SQL for
    :data:`CALLBACK_NONCE`). Run on every open, so an older journal gets a newer index;
    an index changes no version: an older seedance still shares the journal."""
    entries = f"{prefix}entries"
    columns = ", ".join(f"{name} {column_type(name, real)}" for name in COLUMNS)
    return (
        f"CREATE TABLE IF NOT EXISTS {prefix}meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS {entries} ({columns})",
        f"CREATE INDEX IF NOT EXISTS {entries}_task ON {entries} (provider, task_id)",
        # no index on state: every step changes it (an index write per step), and resume's
        # open states are most rows anyway; an older seedance's index is dropped
        f"DROP INDEX IF EXISTS {entries}_state",
        # a callback receiver looks its token up here, once per callback
        f"CREATE INDEX IF NOT EXISTS {entries}_callback ON {entries} (provider, {nonce}) "
        f"WHERE {nonce} IS NOT NULL",
        f"CREATE TABLE IF NOT EXISTS {prefix}buckets "
        f"(name TEXT PRIMARY KEY, tat {real} NOT NULL, seen {real})",
        f"INSERT INTO {prefix}meta (name, value) VALUES ('schema_version', '{SCHEMA_VERSION}') "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    )


def check_version(where: str, found: int) -> None:
    """Refuse a journal written by a newer seedance."""
    if found > SCHEMA_VERSION:
        raise JournalError(
            f"the journal {where} has schema version {found}, written by a newer seedance "
            f"(this one knows up to {SCHEMA_VERSION}); upgrade seedance"
        )


def insert_sql(table: str, mark: str) -> str:
    """A claim's insert of a whole row; it writes nothing when the key exists."""
    marks = ", ".join(mark for _ in COLUMNS)
    return (
        f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({marks}) ON CONFLICT (key) DO NOTHING"
    )


def update_sql(table: str, mark: str, changes: Row) -> str:
    """An update of the ``changes`` columns of one key (the key's placeholder comes last)."""
    assert set(changes) <= set(COLUMNS), changes
    sets = ", ".join(f"{name} = {mark}" for name in changes)
    return f"UPDATE {table} SET {sets} WHERE key = {mark}"


def to_row(entry: Entry) -> Row:
    """An entry as its row (JSON columns as text)."""
    task = entry.task
    return {
        **{name: getattr(entry, name) for name in COLUMNS},
        "request": _dumps(entry.request),
        "state": entry.state.value,
        "task": None if task is None else _dumps(task.to_dict(), sort_keys=False),
        "hosts": _dumps(entry.hosts),
    }


def to_entry(row: Row) -> Entry:
    task = json.loads(row["task"]) if row["task"] else None
    return Entry(
        **{
            **{name: row[name] for name in COLUMNS},
            "request": json.loads(row["request"]),
            "state": EntryState(row["state"]),
            "task": Task.from_dict(task) if task else None,
            "hosts": json.loads(row["hosts"]) if row["hosts"] else {},
        }
    )


def _dumps(value: Any, *, sort_keys: bool = True) -> str:
    """JSON text of plain data, keys sorted (one text per value) unless ``sort_keys`` is
    off: a task's report, rewritten at every status read and only ever parsed back."""
    try:
        return json.dumps(value, sort_keys=sort_keys, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise JournalError(f"cannot journal {value!r}: not plain JSON data ({exc})") from exc


SENDER_STOPPED = (
    "the process sending its create stopped before recording the answer (its lease "
    "expired); the task may exist"
)


def claim_step(row: Row, fresh: Row, *, now: float) -> tuple[ClaimOutcome, Row]:
    """The compare-and-set decision for an existing row: the outcome, and the columns to
    write (empty: write nothing). ``fresh`` is the row a new claim would insert."""
    if row["provider"] != fresh["provider"]:
        return ClaimOutcome.CONFLICT, {}
    state = EntryState(row["state"])
    live = row["lease_until"] is not None and row["lease_until"] > now
    taken = ("state", "owner", "lease_until", "request", "output", "hosts", "error", "sent_at")
    take = {**{name: fresh[name] for name in taken}, "updated_at": now}
    if state is EntryState.REJECTED:
        return ClaimOutcome.CLAIMED, take
    if state is EntryState.INTENT:
        if row["owner"] == fresh["owner"] or not live:
            return ClaimOutcome.CLAIMED, take
        return ClaimOutcome.BUSY, {}
    if state is EntryState.SENDING:
        if live:
            return ClaimOutcome.BUSY, {}
        return ClaimOutcome.UNKNOWN, {
            "state": EntryState.UNKNOWN.value,
            "lease_until": None,
            "error": SENDER_STOPPED,
            "updated_at": now,
        }
    if state is EntryState.UNKNOWN:
        return ClaimOutcome.UNKNOWN, {}
    return ClaimOutcome.DONE, {}


def lost(key: str, row: Row | None, owner: str, doing: str) -> ClaimLostError:
    if row is None:
        return ClaimLostError(f"cannot {doing} {key!r}: it is not in the journal")
    return ClaimLostError(
        f"cannot {doing} {key!r}: it is {row['state']} and owned by "
        f"{row['owner'] or 'nobody'}, not {owner} (its lease expired and another owner "
        "took it, or it moved on)"
    )


def _rank(status: str) -> int:
    try:
        return TaskStatus(status).rank
    except ValueError:  # a status journaled by a newer seedance
        return 0


def task_step(row: Row, task: Task, *, now: float) -> Row:
    """The columns a task report writes to its row; empty when it would move the status
    back (a late ``running`` after ``succeeded``, a second, different end). A report at
    the same status is written: its result URLs may be fresher."""
    old = row["status"]
    new = task.status.value
    if old is not None and (_rank(new) < _rank(old) or (_rank(old) == 2 and new != old)):
        return {}
    state = EntryState(row["state"])
    if state not in (EntryState.FINISHED, EntryState.DOWNLOADED):
        state = EntryState.FINISHED if task.finished else EntryState.SUBMITTED
    return {
        "state": state.value,
        "task_id": task.id,
        "status": new,
        "task": _dumps(task.to_dict(), sort_keys=False),
        "lease_until": None,
        "updated_at": now,
    }
