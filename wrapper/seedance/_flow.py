"""Flows: the client's logic written once, as generators that yield the I/O they need.

A flow (submit, get, resume one entry, ...) never touches the network or sleeps itself;
it yields an effect (:class:`Http`, :class:`Sleep`, ...) and receives its result. The sync
``Client`` performs effects with blocking I/O, the ``AsyncClient`` awaits them: the twins
differ only there, as httpx's ``Client``/``AsyncClient`` do.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define

if TYPE_CHECKING:
    from ._call import Operation

T = TypeVar("T")


@define(frozen=True, slots=True)
class Http:
    """Run one generated operation; the result is an :class:`~seedance._call.Answer`.
    ``deadline`` (the client's monotonic clock) bounds the whole request, body included."""

    op: Operation
    deadline: float | None = None


@define(frozen=True, slots=True)
class Sleep:
    """Wait this many seconds (on the client's clock)."""

    seconds: float


Effect = Any
"""What a flow yields: :class:`Http`, :class:`Sleep`, or a client-specific request."""

Flow = Generator[Effect, Any, T]


async def arun(flow: Flow[T], perform: Callable[[Effect], Awaitable[Any]]) -> T:
    """Drive ``flow`` with awaited I/O; the twin of :func:`run`."""
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            effect = flow.throw(error) if error is not None else flow.send(value)
        except StopIteration as stop:
            result: T = stop.value
            return result
        value, error = None, None
        try:
            value = await perform(effect)
        except Exception as exc:
            error = exc
        except BaseException as exc:  # cancelled, Ctrl-C: the flow must still see it
            _stop(flow, exc)
            raise


def _stop(flow: Flow[Any], exc: BaseException) -> None:
    """Throw a cancellation (or Ctrl-C) into ``flow`` so its handlers journal what it
    leaves (a create on the wire is "unknown", a claim not sent is released) while the
    client is still open; it gets no more I/O, and the caller re-raises ``exc``."""
    try:
        flow.throw(exc)
    except BaseException:  # its own exit (exc itself, as a rule)
        return
    flow.close()  # it asked for more I/O while being stopped


def run(flow: Flow[T], perform: Callable[[Effect], Any]) -> T:
    """Drive ``flow`` with blocking I/O: :func:`arun` with a ``perform`` that never
    suspends, so its coroutine finishes on the first step."""

    async def now(effect: Effect) -> Any:
        return perform(effect)

    driver = arun(flow, now)
    try:
        driver.send(None)
    except StopIteration as stop:
        result: T = stop.value
        return result
    driver.close()
    raise RuntimeError("a blocking flow's effect suspended")
