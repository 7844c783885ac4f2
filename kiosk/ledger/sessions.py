"""Whether opening the ledger must run SQLite's whole-file check, so start-up does not grow
with the ledger (issue 19).

`PRAGMA quick_check` reads every page: 0.8 s at 100,000 orders, 8 s at a million. Start-up
runs it only when it can find something:
- after an unclean end: the last session that had the ledger open never closed it (kill -9,
  crash, power cut), or left a check due that did not pass;
- after the file changed outside a session: its size, mtime or inode differ from what the last
  session saw when it closed (a copy over it, a disk tool, a hand edit);
- once a day: the last whole-file check that passed is more than `EVERY` old (silent bit rot);
- on a ledger never checked before (no record yet, as after the upgrade).
Otherwise opening reads only the header, schema and the rows the open needs (cheap, constant).

The daily check is not the open's: it is `deferred`, for the kiosk to run on a thread of its own
beside the sales (`Ledger.deferred_check`); a file that closed cleanly and is unchanged has no
reason to be damaged beyond what a day's bit rot can do, so the kiosk may sell while it runs.
Its outcome is recorded like the open's: passed (the day starts again), or failed (a check
stays pending, so the next open checks before selling and refuses, and `last_failure` tells
the admin screen). The other reasons keep the check in the open, before the first sale: after
an unclean end or a change outside a session something did go wrong, and a sale written into
a damaged B-tree can spread the damage to the rows already paid for (README, "The ledger").

The record is a small JSON sidecar, `<ledger>.session`. Each open that takes part holds a
shared `flock` on it for its lifetime (flock locks belong to the open file, so they never touch
SQLite's own POSIX locks on the ledger). The open that finds no other holder (its exclusive
lock granted) reads the record and decides; while another session is open the file is in use
and was checked by whoever opened it first. A check that is due and has not passed (a damaged
table the sync job pushed past) stays pending in the record. The last session to close settles
the WAL into the file (a TRUNCATE checkpoint, so no later close changes the file) and writes
"clean" with the file's stat.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

EVERY = timedelta(days=1)
DAILY = "the daily check"
SIZE = 512  # the record's bytes, padded with spaces


def sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".session")


def _stat(path: Path) -> list[int]:
    found = os.stat(path)
    return [found.st_size, found.st_mtime_ns, found.st_ino]


def _wal_in_use(path: Path) -> bool:
    try:
        return os.stat(f"{path}-wal").st_size > 0
    except FileNotFoundError:
        return False


@dataclass
class Session:
    """One open's part in the record; `due` says whether the whole-file check must run now."""

    path: Path
    fd: int | None
    due: bool
    reason: str
    checked_now: bool = False  # this open ran the whole-file check (and it passed)
    deferred: bool = False  # the daily check is due, left to a thread beside the sales
    # held by that thread's verdict and by `close`/`release`, which may run on another thread
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def passed(self, now: datetime) -> None:
        """The whole-file check ran and found the file sound."""
        with self._lock:
            self.due, self.deferred, self.checked_now = False, False, True
            if self.fd is not None:
                record = {**_read(self.fd), "state": "open", "pending": False, "failed": ""}
                self._put({**record, "checked_at": now.isoformat()}, durable=True)

    def failed(self, now: datetime, problem: str) -> None:
        """A deferred check found damage: the next open checks again before selling (and
        refuses), and the admin screen says so until a check passes (`last_failure`)."""
        with self._lock:
            self.deferred = False
            if self.fd is not None:
                failure = f"{now.isoformat(timespec='seconds')}: {problem}"
                self._put({**_read(self.fd), "pending": True, "failed": failure}, durable=True)

    def _put(self, record: dict[str, Any], *, durable: bool) -> None:
        assert self.fd is not None
        data = json.dumps(record).encode().ljust(SIZE)  # one size: never a truncate
        os.pwrite(self.fd, data, 0)
        if durable:
            os.fdatasync(self.fd)

    def last_out(self) -> bool:
        """Whether this is the only session left (then it holds the record until `close`)."""
        if self.fd is None:
            return False
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def close(self, *, settled: bool) -> None:
        """After the ledger's connection closed: the last session out, its WAL `settled` into
        the file, writes "clean" and the file's stat, unless a check is pending."""
        with self._lock:
            self._close(settled=settled)

    def _close(self, *, settled: bool) -> None:
        if self.fd is None:
            return
        try:
            record = _read(self.fd)
            if settled and not record.get("pending") and not _wal_in_use(self.path):
                record.update(state="clean", file=_stat(self.path))
                self._put(record, durable=False)
        except OSError:
            pass  # a record we cannot write only means a check at the next start
        self._release()

    def release(self) -> None:
        """Let go without a verdict (the open failed, or others are still open)."""
        with self._lock:
            self._release()

    def _release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing drops the flock
            self.fd = None


def begin(path: Path, now: datetime) -> Session:
    """Join the ledger's sessions (blocks while another open is deciding or checking)."""
    try:
        fd = os.open(sidecar(path), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return Session(path, None, True, "no session record can be kept beside the ledger")
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fcntl.flock(fd, fcntl.LOCK_SH)  # waits for the first open's verdict
            return Session(path, fd, False, "open in another session")
        record = _read(fd)
        due, reason = _due(path, record, now)
        deferred = reason == DAILY  # see the module's docstring
        session = Session(path, fd, due and not deferred, reason, deferred=deferred)
        session._put({**record, "state": "open", "pending": session.due}, durable=True)
        return session
    except BaseException:
        os.close(fd)
        raise


def demote(session: Session) -> None:
    """After the decision (and the check, if due): let other opens in beside this one."""
    if session.fd is not None:
        fcntl.flock(session.fd, fcntl.LOCK_SH)


def _read(fd: int) -> dict[str, Any]:
    try:
        data = json.loads(os.pread(fd, SIZE, 0).strip() or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _due(path: Path, record: dict[str, Any], now: datetime) -> tuple[bool, str]:
    if record.get("state") != "clean":
        if record.get("state") is None:
            return True, "never checked"
        if record.get("pending"):
            return True, "a check is pending"
        return True, "the last session did not close"
    if record.get("file") != _stat(path) or _wal_in_use(path):
        return True, "the file changed outside a session"
    try:
        checked = datetime.fromisoformat(str(record.get("checked_at")))
    except ValueError:
        return True, "never checked"
    if checked.tzinfo is None or not now - EVERY < checked <= now:
        return True, DAILY
    return False, "closed cleanly, checked within the day"


def last_failure(path: Path) -> str:
    """One line for the admin screen while the last whole-file check found damage, else ""."""
    try:
        fd = os.open(sidecar(path), os.O_RDONLY)
        try:
            failed = _read(fd).get("failed")
        finally:
            os.close(fd)
    except OSError:
        return ""
    return f"the whole-file check failed at {failed}" if failed else ""
