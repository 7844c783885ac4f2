"""Engines for the registry's database URL: a SQLite file by default, PostgreSQL by URL.

SQLite is made safe for several server threads the way the kiosk ledger is: WAL, a generous
busy timeout and `BEGIN IMMEDIATE` for every transaction, so two writers queue rather than
fail with "database is locked" when one upgrades a read lock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError

from kiosk.errors import InputError


def normalise_url(text: str) -> str:
    """A URL as given, or a plain path turned into `sqlite:///ABSOLUTE`."""
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def where(url: str) -> str:
    """What the URL opens, as an operator should read it: a SQLite file's absolute path (three
    slashes are relative to the current folder: `sqlite:///var/x` is `./var/x`, the root is
    `sqlite:////var/x`), or a server URL without its password."""
    try:
        parsed = make_url(normalise_url(url))
    except ArgumentError:
        return url
    if parsed.get_backend_name() != "sqlite":
        return parsed.render_as_string(hide_password=True)
    if not parsed.database or parsed.database == ":memory:":
        return "an in-memory SQLite database"
    return f"the SQLite file {Path(parsed.database).resolve()}"


def make_engine(url: str, **options: Any) -> Engine:
    url = normalise_url(url)
    try:
        if url.startswith("sqlite"):
            engine = create_engine(
                url, connect_args={"timeout": 30, "check_same_thread": False}, **options
            )
            _sqlite_pragmas(engine)
        elif url.startswith("postgresql"):
            engine = create_engine(url, pool_size=10, max_overflow=20, **options)
        else:
            raise InputError("--db", f"{url!r}: use sqlite:///PATH or postgresql+psycopg://...")
    except (ArgumentError, ImportError) as exc:
        raise InputError("--db", f"{url!r} is not a usable database URL ({exc})") from None
    return engine


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
