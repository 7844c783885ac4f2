"""A failing WAL checkpoint reaches the admin: `ledger verify` and the admin panel's status.

The failure is SQLite's own: the checkpointer's connection carries an authorizer that refuses
the checkpoint pragma (as a full disk or an I/O error would fail it), so the real code path
records it. (`Checkpointer.last_error` was once written and never read.)
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk import admin
from kiosk.ledger import Ledger, checkpoint, db


def _refusing(path: Path) -> sqlite3.Connection:
    conn = db.connect(path)

    def authorise(action: int, arg1: str | None, *_: object) -> int:
        refused = action == sqlite3.SQLITE_PRAGMA and arg1 == "wal_checkpoint"
        return sqlite3.SQLITE_DENY if refused else sqlite3.SQLITE_OK

    conn.set_authorizer(authorise)
    return conn


def test_a_failing_checkpoint_is_told_until_one_succeeds(ledger: Ledger, diandian) -> None:
    path = ledger.path
    worker = checkpoint.Checkpointer(path, connect=_refusing)
    conn = worker.connect(path)
    assert checkpoint.last_failure(path) == ""
    assert not worker.checkpoint_once(conn) and not worker.checkpoint_once(conn)
    said = checkpoint.last_failure(path)
    assert "WAL checkpoints failing since" in said and "2 time(s)" in said
    assert "not authorized" in said and worker.last_error in said

    verified = diandian("ledger", "verify", "--db", str(path))
    assert verified.returncode == 0
    assert f"warning: {said}" in verified.stdout
    assert admin.status(ledger).checkpoint_error == said

    conn.set_authorizer(None)  # the disk has room again
    assert worker.checkpoint_once(conn)
    conn.close()
    assert checkpoint.last_failure(path) == "" and worker.failures == 0
    assert "warning" not in diandian("ledger", "verify", "--db", str(path)).stdout
    assert admin.status(ledger).checkpoint_error == ""


def test_a_ledger_that_cannot_be_opened_by_the_thread_is_told_too(tmp_path: Path) -> None:
    """The thread used to die on its first connect, silently."""
    path = tmp_path / "ledger.sqlite"

    def broken(target: Path) -> sqlite3.Connection:
        raise db.LedgerUnavailable(f"the ledger cannot be read or written ({target})")

    worker = checkpoint.Checkpointer(path, interval=0.01, connect=broken)
    worker.start()
    worker.join(30)
    assert not worker.is_alive()
    assert "cannot be read or written" in checkpoint.last_failure(path)
