"""What the journal stores and the rules every backend applies to it, I/O-free.

Both backends run these functions inside their own transaction on a locked row, so the
claim and status rules are written once and are identical on SQLite and PostgreSQL.
"""

from __future__ import annotations

import enum
import json
import os
import signal
from typing import Any

from attrs import frozen

from .._errors import SeedanceError
from .._models import Task, TaskStatus

Row = dict[str, Any]
"""One ``entries`` row as the backends read and write it (JSON columns as text)."""

CRASH_ENV = "SEEDANCE_CRASH_AT"


def crash_point(name: str) -> None:
    """Durability-test hook: SIGKILL this process at the named point when
    ``SEEDANCE_CRASH_AT`` says so (the crash tests run real processes; nothing else sets it)."""
    if os.environ.get(CRASH_ENV) == name:
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


OPEN_STATES = (
    EntryState.INTENT,
    EntryState.SENDING,
    EntryState.SUBMITTED,
    EntryState.UNKNOWN,
    EntryState.FINISHED,
)
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


@frozen
class Entry:
    """One journaled submission. ``hosts`` are the API base URL and upload URL the task was
    created on (never keys), so another host can find it again."""

    key: str
    provider: str
    request: dict[str, Any]
    state: EntryState
    owner: str | None
    lease_until: float | None
    task_id: str | None
    status: str | None
    task: Task | None
    output: str | None
    file: str | None
    error: str | None
    sent_at: float | None
    created_at: float
    updated_at: float
    hosts: dict[str, str]


@frozen
class Claim:
    outcome: ClaimOutcome
    entry: Entry


COLUMNS = (
    "key",
    "provider",
    "request",
    "state",
    "owner",
    "lease_until",
    "task_id",
    "status",
    "task",
    "output",
    "file",
    "error",
    "sent_at",
    "created_at",
    "updated_at",
    "hosts",
)


def new_row(
    key: str,
    *,
    provider: str,
    request: dict[str, Any],
    output: str | None,
    owner: str,
    lease_until: float,
    hosts: dict[str, str] | None,
    now: float,
) -> Row:
    return {
        "key": key,
        "provider": provider,
        "request": _dumps(request),
        "state": EntryState.INTENT.value,
        "owner": owner,
        "lease_until": lease_until,
        "task_id": None,
        "status": None,
        "task": None,
        "output": output,
        "file": None,
        "error": None,
        "sent_at": None,
        "created_at": now,
        "updated_at": now,
        "hosts": _dumps(hosts or {}),
    }


def to_entry(row: Row) -> Entry:
    task = json.loads(row["task"]) if row["task"] else None
    return Entry(
        key=row["key"],
        provider=row["provider"],
        request=json.loads(row["request"]),
        state=EntryState(row["state"]),
        owner=row["owner"],
        lease_until=row["lease_until"],
        task_id=row["task_id"],
        status=row["status"],
        task=Task.from_dict(task) if task else None,
        output=row["output"],
        file=row["file"],
        error=row["error"],
        sent_at=row["sent_at"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        hosts=json.loads(row["hosts"]) if row["hosts"] else {},
    )


def _dumps(value: Any) -> str:
    try:
        return json.dumps(value, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise JournalError(f"cannot journal {value!r}: not plain JSON data ({exc})") from exc


# --------------------------------------------------------------------------- claims

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
    take = {
        name: fresh[name]
        for name in (
            "state",
            "owner",
            "lease_until",
            "request",
            "output",
            "hosts",
            "error",
            "sent_at",
        )
    }
    take["updated_at"] = now
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


# --------------------------------------------------------------------------- task status


def _rank(status: str) -> int:
    try:
        known = TaskStatus(status)
    except ValueError:
        return 0
    if known.finished:
        return 2
    return 1 if known is TaskStatus.RUNNING else 0


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
        "task": _dumps(task.to_dict()),
        "lease_until": None,
        "updated_at": now,
    }
