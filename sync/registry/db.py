"""Engines for the registry's database URL: a SQLite file by default, PostgreSQL by URL, and
the two kinds of transaction every route runs its work in.

- `engine.begin()` (through `routes.transaction`) is a WRITE transaction. On SQLite it starts
  with `BEGIN IMMEDIATE`: it takes the one write lock up front, so two writers queue (busy
  timeout) rather than fail with "database is locked" when one upgrades a read lock.
- `reading(engine)` (through `routes.reading`) is a READ transaction: on SQLite a plain
  deferred `BEGIN` with `PRAGMA query_only` on, on PostgreSQL `SET TRANSACTION READ ONLY`. Under
  WAL it reads one consistent snapshot beside the writer and never waits for the write lock
  (issue 19: with `BEGIN IMMEDIATE` for every request, certificate pages queued behind pushes
  and each other, p99 60-100x their p50). A write inside it fails at once instead of taking the
  lock. Every public page that only reads (certificate pages, health, and new pages: the phone
  flow, project pages, the operator console's views) uses `reading`; anything that writes,
  including a signed request (it records its nonce), uses the write transaction.
- `writing(engine)` is the write transaction as every route takes it: on SQLite the writers
  of one process first queue on a lock of their own, then `BEGIN IMMEDIATE`. SQLite's own
  wait for its write lock is a poll that sleeps up to 100 ms between tries, so under a crowd
  (50 phones ordering at once) a writer could lose the race again and again: the phone
  flow's order p99 was 2.5 s for a few ms of work. Queued in-process, the next writer starts
  the moment the last one commits; other processes still meet SQLite's busy timeout.
- `writing(engine, wait=False)` is the same transaction for a caller that must not wait: on
  the event loop's own thread (`routes.transaction(..., brief=True)`, the phone flow's short
  work). It raises `Busy` at once, before any work, when another of this process's writers
  holds the lock (or waits for it) or another process holds SQLite's (its `BEGIN IMMEDIATE`
  runs with a busy timeout of 0); the caller then waits without holding the loop (routes).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from sqlite3 import SQLITE_BUSY
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Engine,
    Integer,
    String,
    Table,
    create_engine,
    event,
    make_url,
)
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

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


READ_ONLY = "diandian_read_only"  # the execution option that marks a read transaction


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction: one snapshot, no write lock taken or waited for (see above)."""
    with engine.connect() as conn:
        conn.execution_options(**{READ_ONLY: True})
        with conn.begin():
            yield conn


QUEUE_S = 30.0  # as SQLite's busy timeout: past it the writer goes on and SQLite decides
BUSY_MS = int(QUEUE_S * 1000)
NO_WAIT = "diandian_no_wait"  # the execution option of a write that must not wait (above)


class Gate:
    """This process's SQLite writers, one at a time. A writer that must not wait takes it
    only when it is free and no writer waits for it: a worker thread queued behind the event
    loop's writers (a kiosk's push under a crowd of phones) is next, not starved."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting = 0
        self._count = threading.Lock()

    def acquire(self, timeout: float) -> bool:
        with self._count:
            self._waiting += 1
        try:
            return self._lock.acquire(timeout=timeout)
        finally:
            with self._count:
                self._waiting -= 1

    @property
    def waiting(self) -> int:
        """How many threads wait for it (they go before a writer that must not wait)."""
        return self._waiting

    def try_acquire(self) -> bool:
        return self._waiting == 0 and self._lock.acquire(blocking=False)

    def release(self) -> None:
        self._lock.release()

    def locked(self) -> bool:
        return self._lock.locked()


_WRITERS: weakref.WeakKeyDictionary[Engine, Gate] = weakref.WeakKeyDictionary()


class Busy(Exception):
    """A write that must not wait found the write lock taken; nothing was done.
    `in_process`: by another writer of this process (free again soon), not another process."""

    def __init__(self, *, in_process: bool) -> None:
        super().__init__("the write lock is taken")
        self.in_process = in_process


@contextmanager
def writing(engine: Engine, *, wait: bool = True) -> Iterator[Connection]:
    """A write transaction, queued behind this process's other writers on SQLite (see
    above); with `wait=False`, `Busy` instead of any wait (SQLite only: on PostgreSQL a
    caller that must not wait does not call this on the event loop)."""
    gate = _WRITERS.get(engine)
    if gate is None:
        with engine.begin() as conn:
            yield conn
        return
    held = gate.acquire(QUEUE_S) if wait else gate.try_acquire()
    if not wait and not held:
        raise Busy(in_process=True)
    try:
        with engine.connect() as conn:
            if not wait:
                conn.execution_options(**{NO_WAIT: True})
            try:
                transaction = conn.begin()
            except OperationalError as exc:
                if wait or getattr(exc.orig, "sqlite_errorcode", None) != SQLITE_BUSY:
                    raise  # SQLITE_BUSY: another process holds the write lock
                raise Busy(in_process=False) from None
            with transaction:
                yield conn
    finally:
        if held:
            gate.release()


def make_engine(url: str, **options: Any) -> Engine:
    url = normalise_url(url)
    try:
        if url.startswith("sqlite"):
            engine = create_engine(
                url, connect_args={"timeout": 30, "check_same_thread": False}, **options
            )
            _sqlite_pragmas(engine)
            _WRITERS[engine] = Gate()
        elif url.startswith("postgresql"):
            engine = create_engine(url, pool_size=10, max_overflow=20, **options)
            _postgresql_reads(engine)
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
        cursor.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        only = bool(conn.get_execution_options().get(READ_ONLY))
        # the pragma only when the connection's mode changes (its info lives as long as the
        # DBAPI connection): one statement fewer in most transactions, writes included
        info = conn.connection.info
        if info.get("query_only") is not only:
            conn.exec_driver_sql(f"PRAGMA query_only={'ON' if only else 'OFF'}")
            info["query_only"] = only
        busy_ms = 0 if conn.get_execution_options().get(NO_WAIT) else BUSY_MS
        if info.get("busy_ms", BUSY_MS) != busy_ms:  # set at connect (above)
            conn.exec_driver_sql(f"PRAGMA busy_timeout={busy_ms}")
            info["busy_ms"] = busy_ms
        conn.exec_driver_sql("BEGIN" if only else "BEGIN IMMEDIATE")


def _postgresql_reads(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        if conn.get_execution_options().get(READ_ONLY):
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows of one shape straight through the driver, with a statement built once per
    shape (issue 19: SQLAlchemy's per-row parameter handling was a third of a 500-record
    push's insert on SQLite): on SQLite one executemany, on PostgreSQL one COPY (below)."""
    if not rows:
        return
    names = tuple(rows[0])
    if any(len(row) != len(names) for row in rows):  # with row[n] below: the same keys
        raise ValueError(f"insert_rows: rows of {table.name} differ in their columns")
    row_of = itemgetter(*names)  # C speed: a generator a row was 7 % of a push's CPU
    values = [row_of(r) for r in rows] if len(names) > 1 else [(r[names[0]],) for r in rows]
    if conn.dialect.name == "postgresql":
        _copy_rows(conn, _copy_sql(table, names), values)
        return
    sql = _insert_sql(table, names, "?" if conn.dialect.paramstyle == "qmark" else "%s")
    conn.exec_driver_sql(sql, values)


def _copy_rows(conn: Connection, sql: str, values: list[tuple[Any, ...]]) -> None:
    """The rows through `COPY ... FROM STDIN` in the caller's transaction.

    Why (issue 19, pg_stat_statements at 100,000 orders): a pipelined executemany runs one
    INSERT a row in the server (0.04 ms each for purchases) and dumps each row's parameters
    in Python; COPY takes the rows as one stream. The same constraints and foreign keys are
    checked, and a refused row fails the whole COPY, so the transaction (the push's batch)
    lands whole or not at all, as before. The driver's error is raised as SQLAlchemy's
    (IntegrityError, DataError...), as an executemany's would be, so the routes answer it
    the same way (sync.registry.errors)."""
    import psycopg

    driver = conn.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)  # the psycopg dialect's connection
    try:
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            for row in values:
                copy.write_row(row)
    except psycopg.Error as exc:
        raise DBAPIError.instance(sql, None, exc, psycopg.Error, dialect=conn.dialect) from exc


_PLAIN = (String, Integer, Boolean)  # types the driver takes as they are (Text: a String)


def _columns(table: Table, names: tuple[str, ...]) -> str:
    """The quoted column list of an INSERT or a COPY; only for columns whose values need no
    conversion (KeyError: no such column)."""
    if not all(isinstance(table.c[name].type, _PLAIN) for name in names):
        raise TypeError(f"insert_rows: {table.name} has a column SQLAlchemy must convert")
    return ", ".join(f'"{table.c[name].name}"' for name in names)


@lru_cache(maxsize=64)
def _insert_sql(table: Table, names: tuple[str, ...], mark: str) -> str:
    """The INSERT of these columns."""
    marks = ", ".join([mark] * len(names))
    return f'INSERT INTO "{table.name}" ({_columns(table, names)}) VALUES ({marks})'


@lru_cache(maxsize=64)
def _copy_sql(table: Table, names: tuple[str, ...]) -> str:
    """The COPY of these columns."""
    return f'COPY "{table.name}" ({_columns(table, names)}) FROM STDIN'
