"""Opening the ledger file: durability settings, one write transaction shape, error mapping.

Every write is `BEGIN IMMEDIATE ... COMMIT` so two processes (the touchscreen and the sync job,
or a cashier PC) queue on SQLite's busy timeout instead of failing mid-transaction with
"database is locked". WAL + synchronous=FULL: a commit is on disk before the caller returns.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from kiosk.errors import DiandianError

BUSY_TIMEOUT_MS = 10_000
# The Checkpointer thread (checkpoint.py) does the checkpoints; this bounds the WAL if it is not
# running: about 32 MB of WAL before a commit checkpoints itself.
FALLBACK_AUTOCHECKPOINT_PAGES = 8000


class LedgerUnavailable(DiandianError):
    """The ledger cannot take sales now; the text is the out-of-service reason."""


def _read_only_filesystem(path: Path) -> bool:
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def classify(error: sqlite3.Error, path: Path) -> tuple[str, str]:
    """(code, one-line out-of-service reason) for an SQLite failure; the code is what a screen
    translates (ui/messages.py), the line is for the log and the CLI."""
    text = str(error).lower()
    if ("unable to open" in text or "readonly" in text) and _read_only_filesystem(path):
        return "read_only_disk", f"the ledger is read-only ({path}): its disk is mounted read-only"
    if "full" in text:
        return "disk_full", (
            f"the disk holding the ledger is full ({path}); free space, nothing was lost"
        )
    if "readonly" in text or "read-only" in text:
        return "read_only", f"the ledger is read-only ({path}); check the disk and file permissions"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return "damaged", (
            f"the ledger file is damaged ({path}); restore it with `diandian ledger restore`"
        )
    if "locked" in text or "busy" in text:
        return "busy", f"the ledger is busy in another program ({path}); try again"
    if "unable to open" in text or "disk i/o" in text:
        return "io", f"the ledger cannot be read or written ({path}): {error}"
    return "failed", f"the ledger failed ({path}): {error}"


def describe(error: sqlite3.Error, path: Path) -> str:
    """The one-line out-of-service reason for an SQLite failure."""
    return classify(error, path)[1]


def unavailable(error: sqlite3.Error, path: Path) -> LedgerUnavailable:
    """The LedgerUnavailable for an SQLite failure, with its code and the path as parameter."""
    code, line = classify(error, path)
    return LedgerUnavailable(line).coded(code, path=str(path))


WHOLE_FILE = "(the file)"  # damage the per-table checks do not place (free pages, the header)


def damaged_tables(conn: sqlite3.Connection) -> list[str]:
    """The tables whose pages, or whose indexes' pages, fail SQLite's quick_check; [] when the
    file is sound. Lets a job that needs only some tables (the sync job: the outbox and its
    own) do its work on a file that must still be restored, and name what it could not read."""
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] == "ok":
            return []
    except sqlite3.DatabaseError:
        pass  # a page so damaged the check stops: find the table it belongs to below
    names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    damaged = []
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        try:
            sound = conn.execute(f"PRAGMA quick_check({quoted})").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:
            sound = False
        if not sound:
            damaged.append(name)
    return damaged or [WHOLE_FILE]


def settle(conn: sqlite3.Connection) -> bool:
    """Fold the whole WAL into the file and empty it (at the last close): True when done, so
    no later close changes the file (see sessions.py)."""
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlite3.Error:
        return False
    return bool(busy == 0)


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) with the ledger's pragmas."""
    uri = f"file:{path}?mode={'ro' if read_only else 'rwc'}"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not read_only:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal":
                raise LedgerUnavailable(
                    f"the ledger cannot use WAL mode ({path}): got {mode}"
                ).coded("no_wal", path=str(path))
        conn.execute("PRAGMA synchronous = FULL")
        # Checkpoints belong to the Checkpointer thread; this is the fallback (see checkpoint.py).
        conn.execute(f"PRAGMA wal_autocheckpoint = {FALLBACK_AUTOCHECKPOINT_PAGES}")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise unavailable(exc, path) from exc
    conn.row_factory = sqlite3.Row
    return conn


@contextmanager
def write(conn: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """One atomic write: all of it is on disk when the block ends, or none of it."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise unavailable(exc, path) from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            with suppress(sqlite3.Error):  # the failure that brought us here is the one to report
                conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.IntegrityError):
            raise
        if isinstance(exc, sqlite3.Error):
            raise unavailable(exc, path) from exc
        raise


@contextmanager
def read(conn: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """A consistent snapshot for multi-query reads (WAL readers never block the writer)."""
    try:
        conn.execute("BEGIN")
        yield conn
    except sqlite3.Error as exc:
        raise unavailable(exc, path) from exc
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
