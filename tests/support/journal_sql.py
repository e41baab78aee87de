"""SQL on a journal's database behind its back, as another program or an older seedance
would run it: ``{prefix}`` in it is the backend's table prefix, ``?`` its placeholders."""

from __future__ import annotations

import sqlite3
from typing import Any


def is_postgres(spec: str) -> bool:
    return spec.startswith(("postgresql://", "postgres://"))


def execute_behind(spec: str, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run ``sql`` on the journal ``spec`` opens (a file path or a DSN); the rows it returns."""
    if not is_postgres(spec):
        db = sqlite3.connect(spec)
        try:
            with db:
                return db.execute(sql.replace("{prefix}", ""), args).fetchall()
        finally:
            db.close()
    import psycopg

    with psycopg.connect(spec, autocommit=True) as pg:
        cursor = pg.execute(sql.replace("{prefix}", "seedance_").replace("?", "%s"), args)
        return cursor.fetchall() if cursor.description is not None else []
