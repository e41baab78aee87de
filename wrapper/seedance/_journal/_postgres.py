"""The shared journal: PostgreSQL, for several hosts using one account.

Claims are row locks (``INSERT ... ON CONFLICT DO NOTHING``, then ``SELECT ... FOR UPDATE``),
so :mod:`._model`'s rules run as on SQLite; buckets are rows reserved against the database's
clock (hosts' clocks may be skewed); ``LISTEN``/``NOTIFY`` tells every process that a task
changed. Needs ``pip install "seedance[postgres]"``.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ._base import Handler, Journal, Listener
from ._model import (
    BUCKET_ADDED,
    COLUMNS,
    JournalError,
    Row,
    check_version,
    insert_sql,
    schema,
    update_sql,
)

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger("seedance._journal")

_SCHEMA_LOCK = 0x5EED_A11CE
"""Advisory lock taken while creating or migrating the schema (hosts may open at once)."""

PREFIX = "seedance_"
"""Every table (and the notification channel) is prefixed, to share a database politely."""

_REAL = "DOUBLE PRECISION"
_NONCE = "(hosts::jsonb ->> 'callback')"
"""The callback nonce in ``hosts`` (JSON text), as the index and the lookup read it."""
_SCHEMA = schema(PREFIX, real=_REAL, nonce=_NONCE)
_INSERT = insert_sql(f"{PREFIX}entries", "%s") + " RETURNING key"
CHANNEL = f"{PREFIX}tasks"
OFFSET_TTL = 30.0
"""Seconds between two readings of how far this host's clock is from the database's."""
_CLOCK = "extract(epoch FROM clock_timestamp())::float8"
"""The database's clock, shared by every host (unlike ``now()``, it moves inside a
transaction)."""


def _psycopg() -> Any:
    try:
        import psycopg
        import psycopg_pool
    except ImportError as exc:
        raise JournalError(
            f"a PostgreSQL journal needs psycopg ({exc.name} is missing): "
            'pip install "seedance[postgres]"'
        ) from exc
    return psycopg, psycopg_pool


def redact(dsn: str) -> str:
    """The DSN without its password, for messages and reprs."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        parts = conninfo_to_dict(dsn)
    except Exception:  # no psycopg, or no DSN it can read
        return "postgresql://…"
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host', '')}{port}/{parts.get('dbname', '')}"


class PostgresJournal(Journal):
    """The journal in a PostgreSQL database, shared by every process and host given the
    same DSN. Thread-safe (a small connection pool)."""

    shared_notifications = True
    _table = f"{PREFIX}entries"
    _nonce = _NONCE
    _wall = staticmethod(time.time)
    """This host's clock (which may be off: :meth:`time` corrects it)."""

    def __init__(self, dsn: str, *, max_connections: int = 4, timeout: float = 10.0) -> None:
        psycopg, psycopg_pool = _psycopg()
        self._psycopg = psycopg
        self.dsn = dsn
        self.where = redact(dsn)
        self._timeout = timeout
        self._listeners: weakref.WeakSet[_Listener] = weakref.WeakSet()
        self._offset = 0.0
        self._offset_until = -math.inf
        self._connect_kwargs = {"autocommit": True, "connect_timeout": max(2, round(timeout))}
        with self._connect() as conn:  # a clear error now, rather than a pool timeout later
            self._migrate(conn)
        self._pool = psycopg_pool.ConnectionPool(
            dsn,
            min_size=1,
            max_size=max_connections,
            kwargs=self._connect_kwargs,
            timeout=timeout,
            num_workers=1,
            check=psycopg_pool.ConnectionPool.check_connection,
            open=True,  # without waiting for its connections
            name="seedance-journal",
        )

    def __repr__(self) -> str:
        return f"PostgresJournal({self.where!r})"

    def _connect(self) -> psycopg.Connection[Any]:
        try:
            conn: psycopg.Connection[Any] = self._psycopg.connect(self.dsn, **self._connect_kwargs)
        except self._psycopg.Error as exc:
            raise self._error(exc) from exc
        return conn

    def _migrate(self, conn: psycopg.Connection[Any]) -> None:
        try:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
                conn.execute(_SCHEMA[0])  # the meta table
                row = conn.execute(
                    f"SELECT value FROM {PREFIX}meta WHERE name = 'schema_version'"
                ).fetchone()
                check_version(self.where, int(row[0]) if row else 2)
                for statement in _SCHEMA:
                    conn.execute(statement)
                for name in BUCKET_ADDED:  # a journal made before these columns
                    conn.execute(
                        f"ALTER TABLE {PREFIX}buckets ADD COLUMN IF NOT EXISTS {name} {_REAL}"
                    )
        except self._psycopg.Error as exc:
            raise self._error(exc) from exc

    def _error(self, exc: Exception) -> JournalError:
        text = str(exc).strip() or type(exc).__name__
        if isinstance(exc, self._psycopg.OperationalError):
            return JournalError(f"cannot reach the journal {self.where}: {text}")
        return JournalError(f"the journal {self.where} failed: {text}")

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A pooled connection; psycopg's errors become :class:`JournalError`."""
        try:
            with self._pool.connection() as conn:
                yield conn
        except self._psycopg.Error as exc:
            raise self._error(exc) from exc

    @contextmanager
    def _transaction(self) -> Iterator[_Transaction]:
        with self._connection() as conn, conn.transaction():
            yield _Transaction(conn)

    def _query(self, sql: str, args: tuple[Any, ...]) -> list[Row]:
        with self._connection() as conn:
            return _rows(conn).execute(sql.replace("?", "%s"), args).fetchall()

    def time(self) -> float:
        """The database's clock, read as this host's plus an offset measured every
        :data:`OFFSET_TTL` seconds: hosts whose clocks disagree share one time for leases."""
        if time.monotonic() >= self._offset_until:
            with self._connection() as conn:
                before = self._wall()
                row = conn.execute(f"SELECT {_CLOCK}").fetchone()
                after = self._wall()
            assert row is not None
            self._offset = float(row[0]) - (before + after) / 2
            self._offset_until = time.monotonic() + OFFSET_TTL
        return self._wall() + self._offset

    def _execute(self, sql: str, args: tuple[Any, ...]) -> int:
        with self._connection() as conn:  # autocommit: the statement is its own transaction
            return conn.execute(sql.replace("?", "%s"), args).rowcount

    def notify(self, provider: str, task_id: str) -> None:
        with self._connection() as conn:
            conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, json.dumps([provider, task_id])))

    def listen(self, handler: Handler) -> Listener:
        listener = _Listener(self, handler)
        self._listeners.add(listener)
        return listener

    def close(self) -> None:
        """Close the pool and every listener still open."""
        for listener in list(self._listeners):
            listener.close()
        self._pool.close(timeout=self._timeout)


def _rows(conn: psycopg.Connection[Any]) -> psycopg.Cursor[Row]:
    """A cursor whose rows are dicts."""
    from psycopg.rows import dict_row

    return conn.cursor(row_factory=dict_row)


class _Transaction:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn
        self._cursor = _rows(conn)
        self._locked_at: float | None = None
        """The database's clock when :meth:`bucket` locked its row."""

    def insert(self, row: Row) -> bool:
        cursor = self._conn.execute(_INSERT, tuple(row[c] for c in COLUMNS))
        return cursor.fetchone() is not None

    def lock(self, key: str) -> Row | None:
        return self._cursor.execute(
            f"SELECT * FROM {PREFIX}entries WHERE key = %s FOR UPDATE", (key,)
        ).fetchone()

    def lock_task(self, provider: str, task_id: str) -> list[Row]:
        return self._cursor.execute(
            f"SELECT * FROM {PREFIX}entries WHERE provider = %s AND task_id = %s "
            "ORDER BY key FOR UPDATE",
            (provider, task_id),
        ).fetchall()

    def update(self, key: str, changes: Row) -> None:
        sql = update_sql(f"{PREFIX}entries", "%s", changes)
        self._conn.execute(sql, (*changes.values(), key))

    def bucket(self, name: str) -> tuple[float, float | None]:
        # one round trip: create-or-lock the row, and read the clock once it is ours
        row = self._conn.execute(
            f"INSERT INTO {PREFIX}buckets (name, tat) VALUES (%s, 0) "
            "ON CONFLICT (name) DO UPDATE SET name = excluded.name "
            f"RETURNING tat, seen, {_CLOCK}",
            (name,),
        ).fetchone()
        assert row is not None
        self._locked_at = float(row[2])
        return float(row[0]), row[1]

    def set_bucket(self, name: str, tat: float, seen: float) -> None:
        self._conn.execute(
            f"UPDATE {PREFIX}buckets SET tat = %s, seen = %s WHERE name = %s", (tat, seen, name)
        )

    def now(self) -> float:
        if self._locked_at is not None:
            return self._locked_at
        row = self._conn.execute(f"SELECT {_CLOCK}").fetchone()
        assert row is not None
        return float(row[0])


class _Listener(Listener):
    """``LISTEN`` on a connection of its own, read by a daemon thread in short,
    deadline-bounded rounds so that :meth:`close` returns promptly. A lost connection is
    reopened (notifications sent meanwhile are missed: polling is the safety net)."""

    _ROUND = 0.2
    """Seconds one wait for notifications lasts: the bound on how long close() takes."""

    def __init__(self, journal: PostgresJournal, handler: Handler) -> None:
        self._journal = journal
        self._handler = handler
        self._stop = threading.Event()
        self._conn: psycopg.Connection[Any] | None = self._subscribe()
        self._thread = threading.Thread(
            target=self._run, name="seedance-journal-listener", daemon=True
        )
        self._thread.start()

    def _subscribe(self) -> psycopg.Connection[Any]:
        conn = self._journal._connect()
        try:
            conn.execute(f"LISTEN {CHANNEL}")
        except self._journal._psycopg.Error as exc:
            conn.close()
            raise self._journal._error(exc) from exc
        return conn

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self._conn is None:
                    self._conn = self._subscribe()
                for note in self._conn.notifies(timeout=self._ROUND):
                    self._deliver(note.payload)
                    if self._stop.is_set():
                        break
            except (JournalError, self._journal._psycopg.Error) as exc:
                if self._stop.is_set():
                    break
                log.warning("journal listener: %s; reconnecting", exc)
                if self._conn is not None:
                    self._conn.close()
                    self._conn = None
                self._stop.wait(1.0)
        if self._conn is not None:
            self._conn.close()

    def _deliver(self, payload: str) -> None:
        try:
            provider, task_id = json.loads(payload)
        except (ValueError, TypeError):
            log.warning("journal listener: ignored a malformed notification %r", payload)
            return
        try:
            self._handler(str(provider), str(task_id))
        except Exception:
            log.exception("journal listener: the handler failed for %s %s", provider, task_id)

    def close(self) -> None:
        self._stop.set()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=self._ROUND * 10)
