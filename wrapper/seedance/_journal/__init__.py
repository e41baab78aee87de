"""The journal: the durable record of every submission and the lock that makes each happen
once, shared by every process (SQLite) or host (PostgreSQL) that opens it; it also keeps the
rate-limit buckets and, on PostgreSQL, carries notifications between processes."""

from __future__ import annotations

from .._ratelimit import LocalBucket, RateLimit
from ._base import Handler, Journal, Listener
from ._model import (
    Claim,
    ClaimLostError,
    ClaimOutcome,
    Entry,
    EntryState,
    JournalError,
    crash_point,
)
from ._null import NullJournal
from ._open import ENV, JournalSpec, default_path, open_journal
from ._postgres import PostgresJournal
from ._sqlite import SqliteJournal

__all__ = [
    "ENV",
    "Claim",
    "ClaimLostError",
    "ClaimOutcome",
    "Entry",
    "EntryState",
    "Handler",
    "Journal",
    "JournalError",
    "JournalSpec",
    "Listener",
    "LocalBucket",
    "NullJournal",
    "PostgresJournal",
    "RateLimit",
    "SqliteJournal",
    "crash_point",
    "default_path",
    "open_journal",
]
