"""WAL checkpoints off the selling path.

By default SQLite checkpoints inside whichever commit crosses 1,000 WAL pages, so one sale in
~25 pays for copying the WAL into the database (here: 2-4 ms instead of under 1). The app runs
this thread instead (SQLite's own advice for latency-sensitive writers); the Ledger keeps a
large automatic checkpoint as a fallback so the WAL stays bounded if the thread is not running.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from kiosk.ledger import db


class Checkpointer(threading.Thread):
    """Every `interval` seconds, a PASSIVE checkpoint on its own connection (never blocks)."""

    def __init__(self, path: Path, interval: float = 0.5) -> None:
        super().__init__(name="ledger-checkpointer", daemon=True)
        self.path, self.interval = path, interval
        self._stop_event = threading.Event()
        self.checkpoints = 0
        self.last_error = ""

    def run(self) -> None:
        conn = db.connect(self.path)
        try:
            while not self._stop_event.wait(self.interval):
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                    self.checkpoints += 1
                except sqlite3.Error as exc:  # a busy or full disk: the next round tries again
                    self.last_error = str(exc)
        finally:
            conn.close()

    def stop(self) -> None:
        self._stop_event.set()
        self.join()
