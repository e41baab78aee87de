"""The fake providers' task store: one lifecycle, every provider's vocabulary on top.

A task is queued for ``queued_for`` seconds, runs for ``running_for`` seconds, then ends
succeeded or failed; with ``expires_after`` set, a task still unfinished that many seconds
after creation ends expired instead. Its phase is computed from the clock on every read, so
no background job is needed and a test controls the whole lifecycle by moving the clock.
"""

from __future__ import annotations

import itertools
from typing import Any

from attrs import define, field

from .._clock import Clock
from .._models import TaskStatus

Phase = TaskStatus
"""A fake task's phase is a neutral status (never ``unknown``); each fake maps it to its
own words."""


@define
class FakeTask:
    """One task as the fake remembers it."""

    id: str
    model: str
    request: dict[str, Any]
    created_at: float
    queued_for: float
    running_for: float
    will_fail: bool = False
    callback_url: str | None = None
    cancelled_at: float | None = None
    deleted: bool = False
    fail_code: str = "500"
    fail_message: str = "Internal error during generation"
    notified: list[Phase] = field(factory=list)
    expires_after: float | None = None
    """Seconds after creation at which an unfinished task becomes expired (None: never)."""

    def phase(self, now: float) -> Phase:
        return self.transitions(now)[-1][0]

    def transitions(self, now: float) -> list[tuple[Phase, float]]:
        """Every phase the task has entered by ``now``, in order, with when it entered it."""
        out = [(Phase.QUEUED, self.created_at)]
        if self.cancelled_at is not None:
            return [*out, (Phase.CANCELLED, self.cancelled_at)]
        started = self.created_at + self.queued_for
        expires_at = self.expires_at
        if expires_at is not None and expires_at < self.finished_at:
            if started < expires_at and now >= started:
                out.append((Phase.RUNNING, started))
            if now >= expires_at:
                out.append((Phase.EXPIRED, expires_at))
            return out
        if now >= started:
            out.append((Phase.RUNNING, started))
        if now >= self.finished_at:
            out.append((Phase.FAILED if self.will_fail else Phase.SUCCEEDED, self.finished_at))
        return out

    @property
    def expires_at(self) -> float | None:
        return None if self.expires_after is None else self.created_at + self.expires_after

    @property
    def finished_at(self) -> float:
        return self.created_at + self.queued_for + self.running_for

    def progress(self, now: float) -> int:
        """0-100, linear over the running time."""
        phase = self.phase(now)
        if phase is Phase.QUEUED:
            return 0
        if phase is Phase.RUNNING:
            started = self.created_at + self.queued_for
            return min(99, int(100 * (now - started) / max(self.running_for, 1e-9)))
        return 100

    def updated_at(self, now: float) -> float:
        """When the phase last changed."""
        return self.transitions(now)[-1][1]


@define
class TaskStore:
    """Tasks by id, with deterministic ids and durations a test can set."""

    clock: Clock
    queued_for: float = 5.0
    running_for: float = 25.0
    _tasks: dict[str, FakeTask] = field(factory=dict)
    _counter: itertools.count[int] = field(factory=lambda: itertools.count(1))

    def create(
        self,
        *,
        id_prefix: str,
        model: str,
        request: dict[str, Any],
        callback_url: str | None,
        will_fail: bool,
    ) -> FakeTask:
        now = self.clock.time()
        task_id = f"{id_prefix}{int(now * 1000)}{next(self._counter):04d}"
        task = FakeTask(
            id=task_id,
            model=model,
            request=request,
            created_at=now,
            queued_for=self.queued_for,
            running_for=self.running_for,
            will_fail=will_fail,
            callback_url=callback_url,
        )
        self._tasks[task_id] = task
        return task

    def add(self, task: FakeTask) -> FakeTask:
        """Store a task a fake built itself (its own id scheme or lifecycle settings)."""
        if task.id in self._tasks:
            raise ValueError(f"task id {task.id!r} is already used")
        self._tasks[task.id] = task
        return task

    def __contains__(self, task_id: object) -> bool:
        """True for every id ever created, deleted or not (ids are never reused)."""
        return task_id in self._tasks

    def get(self, task_id: str) -> FakeTask | None:
        task = self._tasks.get(task_id)
        return None if task is None or task.deleted else task

    def all(self) -> list[FakeTask]:
        return [t for t in self._tasks.values() if not t.deleted]

    def __len__(self) -> int:
        """Tasks ever created, deleted ones included (see :meth:`all` for the live ones)."""
        return len(self._tasks)
