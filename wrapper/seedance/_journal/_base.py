"""The journal interface, written once on top of a backend's locked-row transaction
(:meth:`Journal._transaction`), its one-statement writes (:meth:`Journal._execute`) and its
reads (:meth:`Journal._query`); every claim, lease and status rule lives here and in
:mod:`._model`.

A step whose rule fits one ``WHERE`` (the owner holds the key in such a state) is a single
guarded ``UPDATE``: atomic on its own, one statement where a transaction takes four, and one
round trip to PostgreSQL. Only its failure reads the row, to say why."""

from __future__ import annotations

import abc
import math
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import cached_property
from typing import Any, Protocol, Self

from .._errors import ValidationError
from .._models import Task
from .._ratelimit import DEFAULT_MARGIN, RateLimit, gcra
from ._model import (
    CALLBACK_NONCE,
    COLUMNS,
    HAS_TASK,
    OPEN_STATES,
    Claim,
    ClaimOutcome,
    Entry,
    EntryState,
    JournalError,
    Row,
    claim_step,
    insert_sql,
    lost,
    task_step,
    to_entry,
    to_row,
    update_sql,
)

Handler = Callable[[str, str], None]
"""Called with ``(provider, task_id)`` when another process says that task changed."""


class Transaction(Protocol):
    """One backend transaction; rows it returns stay locked until it ends."""

    def insert(self, row: Row) -> bool:
        """Insert a new entry; False (and nothing written) when the key exists."""

    def lock(self, key: str) -> Row | None: ...

    def lock_task(self, provider: str, task_id: str) -> list[Row]: ...

    def update(self, key: str, changes: Row) -> None: ...

    def bucket(self, name: str) -> tuple[float, float | None]:
        """The bucket's theoretical arrival time and the clock's reading at its last
        reservation, locked ((0.0, None) for a new bucket)."""

    def set_bucket(self, name: str, tat: float, seen: float) -> None: ...

    def now(self) -> float:
        """The clock shared by everyone using this journal (the database's, where it has
        one), for rate-limit reservations; read after :meth:`bucket` has locked the row."""


class _Closing:
    def close(self) -> None:
        """Release what it holds; returns promptly."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Listener(_Closing):
    """Delivers notifications to a handler until :meth:`close`. This base one never fires:
    journals without notifications (SQLite, none) rely on polling."""


class Journal(_Closing, abc.ABC):
    """The durable record of every submission, and the lock that makes it happen once.

    An idempotency key has one owner at a time: :meth:`claim` it (with a lease), renew the
    lease while working, :meth:`mark_sending` right before the create goes on the wire,
    then record the outcome. Every write is one atomic compare-and-set step.
    """

    shared_notifications = False
    """True where :meth:`notify` reaches listeners in other processes and hosts."""
    durable = True
    """False for the null journal: nothing is kept, so idempotency keys mean nothing."""

    @abc.abstractmethod
    def _transaction(self) -> AbstractContextManager[Transaction]: ...

    _table = "entries"
    """The entries table's name in the backend's database."""

    @cached_property
    def _insert(self) -> str:
        """A claim's insert of a new row (into this backend's table)."""
        return insert_sql(self._table, "?")

    _nonce = CALLBACK_NONCE
    """The backend's SQL for the callback nonce in ``hosts``, as its schema indexes it."""

    @abc.abstractmethod
    def _query(self, sql: str, args: tuple[Any, ...]) -> list[Row]:
        """The rows a read-only ``SELECT`` finds (SQL with ``?`` placeholders)."""

    @abc.abstractmethod
    def _execute(self, sql: str, args: tuple[Any, ...]) -> int:
        """Run one writing statement (``?`` placeholders) as its own atomic transaction;
        the number of rows it wrote."""

    def _write_if(self, key: str, changes: Row, guard: str, args: tuple[Any, ...]) -> bool:
        """Write ``changes`` to ``key``'s row only if ``guard`` (SQL) holds for it, in one
        atomic statement; False (nothing written) when it does not, or the key is absent."""
        sql = f"{update_sql(self._table, '?', changes)} AND ({guard})"
        return self._execute(sql, (*changes.values(), key, *args)) == 1

    def _row(self, key: str) -> Row | None:
        return next(iter(self._query(f"SELECT * FROM {self._table} WHERE key = ?", (key,))), None)

    def _select(
        self,
        where: str = "",
        args: tuple[Any, ...] = (),
        *,
        provider: str | None = None,
        newest_first: bool = False,
        limit: int | None = None,
        by: str = "created_at",
    ) -> list[Entry]:
        """Entries matching ``where`` (SQL with ``?`` placeholders) and ``provider`` (None:
        any), by creation time (``by``: another time column)."""
        if provider is not None:
            where, args = " AND ".join(filter(None, (where, "provider = ?"))), (*args, provider)
        sql = f"SELECT * FROM {self._table}" + (f" WHERE {where}" if where else "")
        order = " DESC" if newest_first else ""
        sql += f" ORDER BY {by}{order}, key{order}"
        if limit is not None:
            sql, args = sql + " LIMIT ?", (*args, limit)
        return [to_entry(row) for row in self._query(sql, args)]

    def time(self) -> float:
        """The journal's clock, shared by everyone using it: leases expire on it, steps
        are stamped with it (this machine's clock; PostgreSQL's corrects for the host's)."""
        return time.time()

    def claim(
        self,
        key: str,
        *,
        provider: str,
        request: dict[str, Any],
        output: str | None,
        owner: str,
        lease: float,
        hosts: dict[str, str] | None = None,
        now: float | None = None,
    ) -> Claim:
        """Claim ``key`` for ``owner`` for ``lease`` seconds, or say why not (see
        :class:`ClaimOutcome`). One atomic step: of any number of concurrent claims on
        an unowned key, exactly one is CLAIMED."""
        _check_lease(lease)
        if not isinstance(key, str) or not key:
            raise ValidationError(
                f"an idempotency key must be a non-empty string, not {key!r}",
                field="idempotency_key",
                value=key,
                allowed="a non-empty string",
            )
        now = self.time() if now is None else now
        fresh = Entry(
            key=key,
            provider=provider,
            request=request,
            state=EntryState.INTENT,
            owner=owner,
            lease_until=now + lease,
            output=output,
            created_at=now,
            updated_at=now,
            hosts=dict(hosts or {}),
        )
        return self._claim(fresh)

    def _claim(self, fresh: Entry) -> Claim:
        """The claim's one compare-and-set step: insert ``fresh``, or decide on the row.
        A new key (the usual case) is one ``INSERT``; a taken one, a transaction."""
        new = to_row(fresh)
        if self._execute(self._insert, tuple(new[c] for c in COLUMNS)) == 1:
            return Claim(ClaimOutcome.CLAIMED, fresh)
        with self._transaction() as tx:
            if tx.insert(new):
                return Claim(ClaimOutcome.CLAIMED, to_entry(new))
            row = tx.lock(fresh.key)
            if row is None:  # pragma: no cover - only a row deleted by hand mid-claim
                raise JournalError(f"the journal lost {fresh.key!r} during a claim")
            outcome, changes = claim_step(row, new, now=fresh.created_at)
            if changes:
                tx.update(fresh.key, changes)
                row.update(changes)
        return Claim(outcome, to_entry(row))

    def renew(self, key: str, owner: str, lease: float, *, now: float | None = None) -> bool:
        """Extend the lease of a claim still held (intent or sending); False when lost."""
        _check_lease(lease)
        now = self.time() if now is None else now
        changes = {"lease_until": now + lease, "updated_at": now}
        return self._write_if(key, changes, *_owned(owner, EntryState.INTENT, EntryState.SENDING))

    def release(self, key: str, owner: str) -> None:
        """Give up a claim on which nothing was sent: anyone may claim the key at once."""
        changes = {"owner": None, "lease_until": None, "updated_at": self.time()}
        self._write_if(key, changes, *_owned(owner, EntryState.INTENT))

    def mark_sending(
        self, key: str, owner: str, at: float | None = None, *, lease: float | None = None
    ) -> None:
        """The create goes on the wire now: only from ``intent`` owned by ``owner`` (else
        :class:`ClaimLostError`), so two owners never both send. ``at`` dates it, to match a
        lost answer against the provider's task list; ``lease`` renews the claim meanwhile."""
        sent = self.time() if at is None else at
        changes: Row = {"state": EntryState.SENDING.value, "sent_at": sent}
        if lease is not None:
            changes["lease_until"] = sent + lease
        self._step(key, owner, "send", changes, EntryState.INTENT)

    def unsend(self, key: str, owner: str) -> None:
        """A create the provider provably refused (429, maintenance) goes back to
        ``intent``, still claimed by ``owner``, to be sent again after a wait."""
        self._step(key, owner, "retry", {"state": EntryState.INTENT.value}, EntryState.SENDING)

    def mark_submitted(self, key: str, owner: str, task: Task) -> None:
        """The provider accepted the create (from ``sending``, or from ``unknown`` when
        the task was found later, by anyone). Recording the same task again is harmless."""
        now = self.time()
        # the usual case, our own create's answer, is one guarded write; it holds no
        # status yet, so the task's step from it is known without reading the row
        first = task_step(_SENT, task, now=now)
        guard, args = _owned(owner, EntryState.SENDING)
        if self._write_if(key, {**first, "error": None}, f"{guard} AND status IS NULL", args):
            return
        with self._transaction() as tx:
            row = tx.lock(key)
            state = None if row is None else EntryState(row["state"])
            if row is not None and (
                (state is EntryState.SENDING and row["owner"] == owner)
                or state is EntryState.UNKNOWN
                or (state in HAS_TASK and row["task_id"] == task.id)
            ):
                tx.update(key, {**task_step(row, task, now=now), "error": None})
                return
            raise lost(key, row, owner, f"record task {task.id} for")

    def mark_unknown(self, key: str, owner: str, error: str) -> None:
        """The create was sent and its answer lost: the task may exist; never resend."""
        changes = {"state": EntryState.UNKNOWN.value, "lease_until": None, "error": error}
        doing = "record an unknown outcome for"
        self._step(key, owner, doing, changes, EntryState.SENDING, anyone=True)

    def mark_rejected(self, key: str, owner: str, error: str) -> None:
        """The provider provably refused the create (nothing was made): the key is free."""
        changes = {"state": EntryState.REJECTED.value, "owner": None, "lease_until": None}
        held = (EntryState.INTENT, EntryState.SENDING, EntryState.UNKNOWN)
        self._step(key, owner, "record a refusal for", {**changes, "error": error}, *held)

    def _step(
        self, key: str, owner: str, what: str, write: Row, *held: EntryState, anyone: bool = False
    ) -> None:
        """One compare-and-set step: ``write`` when ``owner`` holds ``key`` in one of the
        ``held`` states (``anyone``: or it is ``unknown``, whoever holds it); else
        :class:`ClaimLostError` saying ``what`` could not be done."""
        guard, args = _owned(owner, *held)
        if anyone:
            guard, args = f"{guard} OR state = ?", (*args, EntryState.UNKNOWN.value)
        if not self._write_if(key, {**write, "updated_at": self.time()}, guard, args):
            raise lost(key, self._row(key), owner, what)

    def update_task(self, task: Task) -> None:
        """Record a task's latest report wherever it is journaled (by provider and id).
        A status never goes back: finished stays finished, downloaded stays downloaded."""
        now = self.time()
        with self._transaction() as tx:
            for row in tx.lock_task(task.provider, task.id):
                changes = task_step(row, task, now=now)
                if changes:
                    tx.update(row["key"], changes)

    def mark_downloaded(self, key: str, file: str) -> None:
        """The result is in ``file``."""
        changes = {"state": EntryState.DOWNLOADED.value, "file": file, "updated_at": self.time()}
        self._write_if(key, changes, *_states(*HAS_TASK))

    def reserve(
        self,
        name: str,
        limit: RateLimit,
        now: float | None = None,
        *,
        margin: float = DEFAULT_MARGIN,
    ) -> float:
        """Reserve a send slot in the bucket ``name``, shared by everyone using this
        journal; return the seconds to wait before sending. ``now`` defaults to the
        journal's shared clock."""
        return self._reserve(name, limit, now, margin)

    def _reserve(self, name: str, limit: RateLimit, now: float | None, margin: float) -> float:
        with self._transaction() as tx:
            tat, seen = tx.bucket(name)
            now = tx.now() if now is None else now
            tat, delay = gcra(tat, now, limit, margin, seen)
            tx.set_bucket(name, tat, now)
        return delay

    def notify(self, provider: str, task_id: str) -> None:
        """Tell every listener (in any process) that this task changed. A no-op where
        :attr:`shared_notifications` is False."""
        return None

    def listen(self, handler: Handler) -> Listener:
        """Call ``handler(provider, task_id)`` for each notification, from a background
        thread, until the returned listener is closed. Where :attr:`shared_notifications`
        is False it never fires: polling is the safety net."""
        return Listener()

    def get(self, key: str) -> Entry | None:
        return next(iter(self._select("key = ?", (key,))), None)

    def find(self, provider: str | None, task_id: str) -> Entry | None:
        return next(iter(self._select("task_id = ?", (task_id,), provider=provider)), None)

    def downloaded_to(self, file: str) -> Entry | None:
        """The entry whose result was last downloaded into ``file``: the one it holds
        (another task's download may have replaced an earlier one's)."""
        found = self._select("file = ?", (file,), newest_first=True, limit=1, by="updated_at")
        return next(iter(found), None)

    def find_callback(self, provider: str, nonce: str) -> Entry | None:
        """The submission that was issued the callback nonce ``nonce``: one indexed
        lookup, whatever the journal's size (a receiver makes one per callback)."""
        found = self._select(f"{self._nonce} = ?", (nonce,), provider=provider, limit=1)
        return next(iter(found), None)

    def open_entries(self, provider: str | None = None) -> list[Entry]:
        """Entries with work left: not yet submitted, not finished, or not downloaded."""
        marks = ", ".join("?" for _ in OPEN_STATES)
        states = tuple(s.value for s in OPEN_STATES)
        return [
            e
            for e in self._select(f"state IN ({marks})", states, provider=provider)
            if e.state is not EntryState.FINISHED or (e.output and e.status == "succeeded")
        ]

    def entries(self, limit: int = 100, provider: str | None = None) -> list[Entry]:
        """The newest entries first."""
        return self._select(provider=provider, newest_first=True, limit=limit)


def _check_lease(lease: float) -> None:
    if isinstance(lease, bool) or not isinstance(lease, int | float) or not 0 <= lease < math.inf:
        raise ValidationError(
            f"a claim's lease must be a finite number of seconds, 0 or more, not {lease!r}",
            field="lease",
            value=lease,
            allowed=">= 0",
        )


def _states(*states: EntryState) -> tuple[str, tuple[str, ...]]:
    """A guard: the row is in one of ``states``."""
    return f"state IN ({', '.join('?' for _ in states)})", tuple(s.value for s in states)


def _owned(owner: str, *states: EntryState) -> tuple[str, tuple[str, ...]]:
    """A guard: ``owner`` holds the row in one of ``states``."""
    guard, args = _states(*states)
    return f"owner = ? AND {guard}", (owner, *args)


_SENT: Row = {"status": None, "state": EntryState.SENDING.value}
"""What :func:`task_step` reads of a row whose create is on the wire."""
