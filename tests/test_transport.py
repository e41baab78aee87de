"""The clients' default transports (seedance._transport): httpx's behaviour over loopback
(keep-alive, TLS, httpx's exception classes, which the create-safety rules read) plus the
call's deadline on every socket operation. That vcrpy still sees their requests is
tests/test_wrapper_replay.py's to show."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import http.server
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from seedance._call import call_deadline
from seedance._transport import AsyncDeadlineTransport, DeadlineTransport
from tests.support.faults import ends, socket_server


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    connections: list[tuple[str, int]]

    def do_GET(self) -> None:
        body = f"{self.path} {self.client_address[1]}".encode()
        self.send_response(200)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def http_server(tls: ssl.SSLContext | None = None) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        scheme = "https" if tls else "http"
        yield f"{scheme}://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_answers_come_back_and_connections_are_kept_alive() -> None:
    with http_server() as url, httpx.Client(transport=DeadlineTransport()) as client:
        first = client.get(f"{url}/one?x=1")
        second = client.get(f"{url}/two")
    assert first.status_code == 200 and first.text.startswith("/one?x=1 ")
    # the same client port both times: one connection, reused
    assert first.text.split()[1] == second.text.split()[1]


def test_tls_uses_the_trusted_certificates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert_file, key_file)
    with http_server(tls) as url:
        untrusting = httpx.Client(transport=DeadlineTransport())
        with untrusting, pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            untrusting.get(url)
        monkeypatch.setenv("SSL_CERT_FILE", str(cert_file))  # as httpx's own transport reads it
        with httpx.Client(transport=DeadlineTransport()) as client:
            token = call_deadline.set(time.monotonic() + 10)
            try:
                assert client.get(f"{url}/secure").text.startswith("/secure ")
            finally:
                call_deadline.reset(token)


def test_a_refused_connection_is_httpx_connect_error() -> None:
    """The create-safety rules retry only what provably never left: httpx's ConnectError."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = httpx.Client(transport=DeadlineTransport())
    with client, pytest.raises(httpx.ConnectError):
        client.get(f"http://127.0.0.1:{port}/")


def test_a_body_cut_short_is_an_httpx_transport_error() -> None:
    client = httpx.Client(transport=DeadlineTransport())
    with socket_server("half") as (url, _), client, pytest.raises(httpx.RemoteProtocolError):
        client.get(url)


def test_a_call_past_its_deadline_does_not_connect() -> None:
    with socket_server("hang") as (url, received):
        with httpx.Client(transport=DeadlineTransport()) as client:
            token = call_deadline.set(time.monotonic() - 1)
            try:
                with pytest.raises(httpx.ConnectTimeout):
                    client.get(url)
            finally:
                call_deadline.reset(token)
        time.sleep(0.3)  # the server would have logged a connection by now
    assert received == []


@pytest.mark.parametrize("mode", ["headers", "trickle"])
def test_headers_or_a_body_that_trickle_end_at_the_deadline(mode: str) -> None:
    """No read timeout fires (a byte every 0.2 s, the timeout 5 s): the deadline ends it."""
    with socket_server(mode) as (url, _):

        def call() -> None:
            with httpx.Client(transport=DeadlineTransport(), timeout=5.0) as client:
                token = call_deadline.set(time.monotonic() + 1.0)
                try:
                    client.get(url)
                finally:
                    call_deadline.reset(token)

        started = time.monotonic()
        error = ends(call, within=10.0)
    assert isinstance(error, httpx.ReadTimeout), repr(error)
    assert time.monotonic() - started < 4


def test_without_a_deadline_httpx_timeouts_apply_as_ever() -> None:
    client = httpx.Client(transport=DeadlineTransport(), timeout=0.3)
    with socket_server("hang") as (url, _), client, pytest.raises(httpx.ReadTimeout):
        client.get(url)


# --------------------------------------------------------------------------- the async twin


def _async_get(url: str, deadline: float | None, timeout: float = 5.0) -> httpx.Response:
    """One GET through :class:`AsyncDeadlineTransport`, the call's deadline set as the
    client sets it (in the task making the call)."""

    async def go() -> httpx.Response:
        async with httpx.AsyncClient(transport=AsyncDeadlineTransport(), timeout=timeout) as c:
            call_deadline.set(deadline)
            first = await c.get(url)
            if first.status_code == 200 and deadline is None:  # kept alive: same client port
                second = await c.get(url)
                assert first.text.split()[1] == second.text.split()[1]
            return first

    return asyncio.run(go())


def test_async_answers_come_back_over_a_kept_alive_connection() -> None:
    with http_server() as url:
        assert _async_get(f"{url}/one?x=1", None).text.startswith("/one?x=1 ")


def test_async_errors_are_httpx_classes() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(httpx.ConnectError):
        _async_get(f"http://127.0.0.1:{port}/", None)
    with socket_server("half") as (url, _), pytest.raises(httpx.RemoteProtocolError):
        _async_get(url, None)


def test_an_async_call_past_its_deadline_does_not_connect() -> None:
    with socket_server("hang") as (url, received):
        with pytest.raises(httpx.ConnectTimeout):
            _async_get(url, time.monotonic() - 1)
        time.sleep(0.3)
    assert received == []


@pytest.mark.parametrize("mode", ["headers", "trickle"])
def test_async_headers_or_a_body_that_trickle_end_at_the_deadline(mode: str) -> None:
    with socket_server(mode) as (url, _):
        started = time.monotonic()
        error = ends(lambda: _async_get(url, time.monotonic() + 1.0), within=10.0)
    assert isinstance(error, httpx.ReadTimeout), repr(error)
    assert time.monotonic() - started < 4
