"""A real PostgreSQL server for the journal tests.

``SEEDANCE_TEST_POSTGRES_DSN`` names one (its user must be allowed to create schemas);
otherwise, when ``initdb`` and ``pg_ctl`` are on PATH (or in Debian's
/usr/lib/postgresql/<version>/bin), a private cluster is started in a
temporary directory, listening on 127.0.0.1 only, on a free port, with trust
authentication for loopback and its own socket directory, and stopped at the end. As
root, the cluster runs as the ``postgres`` OS user (PostgreSQL refuses to run as root).
Each test gets a schema of its own. Without either, the PostgreSQL tests skip with the
reason, unless ``SEEDANCE_REQUIRE_POSTGRES=1`` (set in CI) turns that into a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DSN_ENV = "SEEDANCE_TEST_POSTGRES_DSN"
REQUIRE_ENV = "SEEDANCE_REQUIRE_POSTGRES"


class Unavailable(Exception):
    """No PostgreSQL server can be had here (the message says why)."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _as_postgres_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    runuser = shutil.which("runuser") or shutil.which("runuser", path="/usr/sbin:/sbin")
    if runuser is None:
        raise Unavailable("running as root, and runuser is missing to run PostgreSQL as postgres")
    return [runuser, "-u", "postgres", "--", *command]


def _binary(name: str) -> str | None:
    """On PATH, else where Debian's postgresql packages keep it (the newest version)."""
    found = shutil.which(name)
    if found is None:
        versions = sorted(
            Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
            key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
        )
        found = str(versions[-1]) if versions else None
    return found


@contextmanager
def private_cluster(*, durable: bool = False) -> Iterator[str]:
    """Start a throwaway cluster; yield its superuser DSN; stop and delete it. Tests run it
    without fsync; ``durable`` keeps fsync (commits still asynchronous, like SQLite's WAL
    with synchronous=NORMAL), for benchmarks."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise Unavailable(
            f"no {DSN_ENV} given, and initdb/pg_ctl are neither on PATH nor in /usr/lib/postgresql"
        )
    root = Path(tempfile.mkdtemp(prefix="seedance-pg-"))
    if os.geteuid() == 0:
        import pwd

        try:
            user = pwd.getpwnam("postgres")
        except KeyError as exc:
            shutil.rmtree(root)
            raise Unavailable("running as root, and there is no postgres OS user") from exc
        os.chown(root, user.pw_uid, user.pw_gid)
    data = root / "data"
    try:
        _run(
            [
                initdb,
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
                "--no-instructions",
            ]
        )
        (data / "pg_hba.conf").write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
        for attempt in range(3):
            port = _free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {port} -k {root} "
                "-c synchronous_commit=off -c max_connections=200"
            )
            if not durable:
                options += " -c fsync=off -c full_page_writes=off"
            try:
                _run(
                    [
                        pg_ctl,
                        "-D",
                        str(data),
                        "-l",
                        str(root / "log"),
                        "-w",
                        "-t",
                        "30",
                        "-o",
                        options,
                        "start",
                    ]
                )
                break
            except Unavailable:
                if attempt == 2:
                    raise
        try:
            yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(
                _as_postgres_user([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]),
                capture_output=True,
                timeout=30,
                check=False,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _run(command: list[str]) -> None:
    done = subprocess.run(
        _as_postgres_user(command), capture_output=True, text=True, timeout=60, check=False
    )
    if done.returncode != 0:
        raise Unavailable(f"{Path(command[0]).name} failed: {(done.stderr or done.stdout)[-800:]}")


@contextmanager
def server() -> Iterator[str]:
    """The admin DSN of a server the tests may create databases in."""
    given = os.environ.get(DSN_ENV)
    if given:
        yield given
        return
    with private_cluster() as dsn:
        yield dsn


@contextmanager
def database(admin_dsn: str) -> Iterator[str]:
    """A DSN whose journal tables live in a fresh schema of their own (far cheaper than a
    database per test); the schema is dropped afterwards."""
    from urllib.parse import quote

    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    name = f"seedance_test_{uuid.uuid4().hex[:12]}"
    parts = conninfo_to_dict(admin_dsn)
    user = quote(str(parts.get("user", "")), safe="")
    if parts.get("password"):
        user += ":" + quote(str(parts["password"]), safe="")
    host, port = parts.get("host", "127.0.0.1"), parts.get("port", "5432")
    dbname = quote(str(parts.get("dbname", "postgres")), safe="")
    with psycopg.connect(admin_dsn, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield f"postgresql://{user}@{host}:{port}/{dbname}?options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
