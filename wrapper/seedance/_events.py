"""What a client knows of its tasks between polls: confirmed states and callback tokens.

A confirmed state (from an authenticated callback, or a shared journal) never moves a task
backwards, fires ``on_task_done`` handlers once, and wakes its waiter (the async poller, or
a sync ``wait()`` on a :class:`threading.Event`). Thread-safe: callbacks arrive on a server's
thread.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ._models import Task

log = logging.getLogger("seedance")

Handler = Callable[[Task], Any]


class TaskEvents:
    """Confirmed task states of one client: never backwards, handlers once, waiters woken.
    Each record is kept for the newest ``max_tasks`` tasks (or nonces) only, so a client
    that lives for millions of tasks stays bounded; an older callback token is then found
    through the journal, where it is recorded too."""

    def __init__(self, max_tasks: int = 100_000) -> None:
        self._latest: OrderedDict[str, Task] = OrderedDict()
        self._fired: OrderedDict[str, None] = OrderedDict()
        self._handlers: list[Handler] = []
        self._wakers: dict[str, threading.Event] = {}
        self._nonces: OrderedDict[str, str] = OrderedDict()
        self._unanswered: set[str] = set()
        self._max_tasks = max_tasks
        self._lock = threading.Lock()

    def add_handler(self, handler: Handler) -> None:
        self._handlers.append(handler)

    def latest(self, task_id: str) -> Task | None:
        return self._latest.get(task_id)

    def accept(self, task: Task) -> bool:
        """Record ``task`` unless it is older news; True when it moved the task forward."""
        with self._lock:
            known = self._latest.get(task.id)
            if known is not None and (known.finished or task.status.rank < known.status.rank):
                return False
            if len(self._latest) >= self._max_tasks:
                self._latest.popitem(last=False)
            self._latest[task.id] = task
            waker = self._wakers.get(task.id)
        if waker is not None:
            waker.set()
        return True

    def handlers_due(self, task: Task) -> list[Handler]:
        """The handlers to call for ``task``: all of them, once, when it has finished."""
        with self._lock:
            if not task.finished or task.id in self._fired:
                return []
            _keep(self._fired, task.id, None, self._max_tasks)
            return list(self._handlers)

    def waker(self, task_id: str) -> threading.Event:
        """An event set whenever a confirmed state of ``task_id`` arrives (sync waits)."""
        with self._lock:
            return self._wakers.setdefault(task_id, threading.Event())

    def drop_waker(self, task_id: str) -> None:
        with self._lock:
            self._wakers.pop(task_id, None)

    def issue(self, nonce: str) -> None:
        """A callback token's nonce goes out with a create whose answer is not in yet: its
        callback may outrun that answer, and must be asked to come back, not refused (the
        journal says so too, but there may be none)."""
        with self._lock:
            self._unanswered.add(nonce)

    def settle(self, nonce: str) -> None:
        """The submission that carried ``nonce`` is over (answered, or failed): a task id
        :meth:`bind` gave it is all that is left of it."""
        with self._lock:
            self._unanswered.discard(nonce)

    def bind(self, nonce: str, task_id: str) -> None:
        """A callback token's nonce belongs to this task."""
        with self._lock:
            _keep(self._nonces, nonce, task_id, self._max_tasks)
            self._unanswered.discard(nonce)

    def task_for(self, nonce: str) -> str | None:
        """The task ``nonce`` was bound to; ``""`` while its create is unanswered; None
        when this client never issued it (or its submission failed)."""
        with self._lock:
            found = self._nonces.get(nonce)
            if found is None and nonce in self._unanswered:
                return ""
            return found


def _keep(records: OrderedDict[str, Any], key: str, value: Any, most: int) -> None:
    """Record ``key`` as the newest, forgetting the oldest beyond ``most``."""
    records[key] = value
    records.move_to_end(key)
    while len(records) > most:
        records.popitem(last=False)


def call_handlers(handlers: list[Handler], task: Task) -> list[Any]:
    """Call each handler; return what they returned (awaitables are the caller's to await).
    A failing handler is logged and the others still run."""
    results = []
    for handler in handlers:
        try:
            results.append(handler(task))
        except Exception:
            log.exception("on_task_done handler failed for %s", task.id)
    return results
