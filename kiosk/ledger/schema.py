"""Applies the ledger's schema steps (kiosk/ledger/migrations.py) and reads its version.

The steps themselves live in their own module, append-only, so what shipped never changes;
this one holds how they run: under the write lock, with foreign keys checked before COMMIT,
and a ledger upgraded by a newer app refused rather than misread.
"""

from __future__ import annotations

import functools
import sqlite3

from sqlite_utils import Database

from kiosk.ledger.db import LedgerUnavailable
from kiosk.ledger.migrations import migrations


def _database(conn: sqlite3.Connection | str) -> Database:
    """sqlite-utils' view of a connection, without its plugins: a package installed beside
    ours must not run its `prepare_connection` hook on the ledger (and looking for plugins
    scans every installed package's metadata, tens of milliseconds at each start)."""
    return Database(conn, execute_plugins=False)


def names() -> list[str]:
    """Every migration's name, in order: all are pending on an empty database (sqlite-utils
    has no public list of a set's migrations, and its `_migrations` may change)."""
    return list(_all_names())


@functools.cache
def _all_names() -> tuple[str, ...]:
    return tuple(migration.name for migration in migrations.pending(_database(":memory:")))


def migrate(conn: sqlite3.Connection, *, stop_before: str | None = None) -> None:
    """Apply pending migrations under the write lock, so two processes never race to migrate.

    Foreign keys are not enforced while they run (SQLite's own procedure for rebuilding a
    table, which enforcement would refuse at the DROP); every key is checked before COMMIT,
    and any dangling one rolls the whole upgrade back."""
    db = _database(conn)
    enforced = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: set it first
    conn.execute("BEGIN IMMEDIATE")
    try:
        applied = migrations.applied(db)
        unknown = [m.name for m in applied if m.name not in _all_names()]
        if unknown:  # a newer app upgraded it: this one would misread what it cannot know
            raise LedgerUnavailable(
                f"the ledger was upgraded by a newer version of Diandian (its step"
                f" {unknown[-1]} is unknown to this one): run that version or a later one"
            ).coded("newer", step=unknown[-1])
        before = len(applied)
        migrations.apply(db, stop_before=stop_before)
        changed = len(migrations.applied(db)) != before  # nothing to check on a current file
        dangling = conn.execute("PRAGMA foreign_key_check").fetchall() if changed else []
        if dangling:
            table, rowid, parent, _ = dangling[0]
            raise sqlite3.IntegrityError(
                f"the upgrade left {table} row {rowid} pointing to a missing {parent} row"
            )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")


def version(conn: sqlite3.Connection) -> str:
    """The last applied migration's name, the ledger's schema version."""
    applied = migrations.applied(_database(conn))
    return applied[-1].name if applied else ""
