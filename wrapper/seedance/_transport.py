"""The clients' default transports: httpx's own, over a network backend that holds each
socket operation to the current call's deadline.

httpx's timeouts bound each read; a server sending its headers a byte every few seconds
never trips them, and no hook sees the response before the headers end. So here every
connect, read and write waits at most until the call's deadline (``call_deadline``, set
by the client around each call, in the thread or task that makes it; none outside a
call), and past it fails as the timeout it is.

Network backends are httpcore's public API (https://www.encode.io/httpcore/network-backends/)
but httpx takes none yet (encode/httpx#3749). So each transport is httpx's own, whose
connection pool is rebuilt as httpx builds it plus our backend: everything else (request
mapping, httpx's exception classes, and tools that patch httpx's transports, such as
vcrpy) stays httpx's. It sets httpx's ``_pool``, the one private name used here; httpx
is pinned below 0.29 and tests/test_transport.py fails if that ever stops working.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from ._call import call_deadline


def _left(timeout: float | None, expired: type[httpcore.TimeoutException]) -> float | None:
    """``timeout`` held to the time the current call has left; ``expired`` once none."""
    deadline = call_deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise expired("the call's deadline passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        timeout = _left(timeout, httpcore.ConnectTimeout)
        self._inner = self._inner.start_tls(ssl_context, server_hostname, timeout)
        return self

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _AsyncStream(httpcore.AsyncNetworkStream):
    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.AsyncNetworkStream:
        timeout = _left(timeout, httpcore.ConnectTimeout)
        self._inner = await self._inner.start_tls(ssl_context, server_hostname, timeout)
        return self

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's blocking sockets, each operation held to the call's deadline (TCP only:
    these transports take no ``uds=``, so the base class's unix-socket refusal stands)."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.connect_tcp(host, port, timeout, local_address, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class AsyncDeadlineBackend(httpcore.AsyncNetworkBackend):
    """httpcore's asyncio sockets (AnyIO), each operation held to the call's deadline."""

    def __init__(self) -> None:
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        timeout = _left(timeout, httpcore.ConnectTimeout)
        stream = await self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return _AsyncStream(stream)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def _pool_options(limits: httpx.Limits) -> dict[str, Any]:
    """What ``httpx.HTTPTransport()`` gives its pool: HTTP/1.1, the system's trusted CAs
    (``SSL_CERT_FILE``/``SSL_CERT_DIR`` as httpx reads them), httpx's limits."""
    return {
        "ssl_context": httpx.create_ssl_context(),
        "max_connections": limits.max_connections,
        "max_keepalive_connections": limits.max_keepalive_connections,
        "keepalive_expiry": limits.keepalive_expiry,
    }


DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)
"""httpx's own defaults."""


class DeadlineTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport()`` over :class:`DeadlineBackend` (the sync client's)."""

    def __init__(self, limits: httpx.Limits = DEFAULT_LIMITS) -> None:
        options = _pool_options(limits)
        super().__init__(verify=options["ssl_context"], limits=limits)  # one TLS context
        self._pool = httpcore.ConnectionPool(**options, network_backend=DeadlineBackend())


class AsyncDeadlineTransport(httpx.AsyncHTTPTransport):
    """``httpx.AsyncHTTPTransport()`` over :class:`AsyncDeadlineBackend` (asyncio)."""

    def __init__(self, limits: httpx.Limits = DEFAULT_LIMITS) -> None:
        options = _pool_options(limits)
        super().__init__(verify=options["ssl_context"], limits=limits)
        self._pool = httpcore.AsyncConnectionPool(**options, network_backend=AsyncDeadlineBackend())
