"""WAL checkpoints off the selling path, and what an admin is told when they fail.

By default SQLite checkpoints inside whichever commit crosses 1,000 WAL pages, so one sale in
~25 pays for copying the WAL into the database (here: 2-4 ms instead of under 1). The app runs
this thread instead (SQLite's own advice for latency-sensitive writers); the Ledger keeps a
large automatic checkpoint as a fallback so the WAL stays bounded if the thread is not running.

A checkpoint that keeps failing (a full disk, an I/O error) lets the WAL grow until the
fallback checkpoint fails inside a sale. The thread runs in the kiosk app, but `ledger verify`
and the console's admin panel may be other processes, so a failure is written beside the
ledger (`<ledger>.checkpoint-error`, JSON) and removed by the next checkpoint that succeeds;
`last_failure` reads it for them.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from kiosk.ledger import db
from kiosk.timestamps import stamp, utc_now

log = logging.getLogger(__name__)


def failure_file(ledger: Path) -> Path:
    return ledger.with_name(ledger.name + ".checkpoint-error")


def last_failure(ledger: Path) -> str:
    """One line for the admin when checkpoints of this ledger are failing now, else ""."""
    try:
        record = json.loads(failure_file(ledger).read_text(encoding="utf-8"))
        return (
            f"WAL checkpoints failing since {record['since']} ({record['failures']} time(s),"
            f" last at {record['at']}): {record['error']}"
        )
    except (OSError, ValueError, KeyError, TypeError):  # none (or unreadable): nothing to say
        return ""


class Checkpointer(threading.Thread):
    """Every `interval` seconds, a PASSIVE checkpoint on its own connection (never blocks)."""

    def __init__(
        self,
        path: Path,
        interval: float = 0.5,
        connect: Callable[[Path], sqlite3.Connection] = db.connect,
    ) -> None:
        super().__init__(name="ledger-checkpointer", daemon=True)
        self.path, self.interval, self.connect = path, interval, connect
        self._stop_event = threading.Event()
        self.checkpoints = 0
        self.failures = 0  # in a row; 0 once a checkpoint succeeds again
        self.last_error = ""
        self._since = ""

    def run(self) -> None:
        try:
            conn = self.connect(self.path)
        except (sqlite3.Error, db.LedgerUnavailable) as exc:
            self.failed(str(exc))
            return
        try:
            while not self._stop_event.wait(self.interval):
                self.checkpoint_once(conn)
        finally:
            conn.close()

    def checkpoint_once(self, conn: sqlite3.Connection) -> bool:
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error as exc:  # a busy or full disk: the next round tries again
            self.failed(str(exc))
            return False
        self.checkpoints += 1
        if self.failures:
            log.info("WAL checkpoints of %s work again", self.path)
            self.failures, self.last_error, self._since = 0, "", ""
            with suppress(OSError):
                failure_file(self.path).unlink()
        return True

    def failed(self, error: str) -> None:
        now = stamp(utc_now())
        if not self.failures:
            log.warning("WAL checkpoint of %s failed: %s", self.path, error)
            self._since = now
        self.failures += 1
        self.last_error = error
        record = {"since": self._since, "at": now, "failures": self.failures, "error": error}
        target = failure_file(self.path)
        partial = target.with_name(f".{target.name}.partial")
        with suppress(OSError):  # the disk may be the thing that is full: the log still says it
            partial.write_text(json.dumps(record), encoding="utf-8")
            os.replace(partial, target)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()
