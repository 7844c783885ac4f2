"""One sync job at a time per ledger: an fcntl lock on a file beside the ledger.

Why flock and not a PID file: the kernel drops the lock when the holder dies, even by SIGKILL,
so a killed job never leaves a stale lock that blocks every later night.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.ledger import LedgerUnavailable
from sync.client import SyncError
from sync.exit_codes import EXIT_TEMPFAIL


class LockBusy(SyncError):
    exit_code = EXIT_TEMPFAIL


def lock_path(ledger_path: Path) -> Path:
    return ledger_path.with_name(ledger_path.name + ".sync.lock")


@contextmanager
def sync_lock(ledger_path: Path) -> Iterator[Path]:
    """Hold the lock for the block, or raise LockBusy at once (never wait: the next night's
    job will come)."""
    path = lock_path(ledger_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:  # a read-only disk, a folder the job may not write: exit 1, not 70
        raise LedgerUnavailable(
            f"cannot open the sync lock {path}: {exc.strerror or exc}; the ledger's folder "
            "must be writable (is its disk mounted read-only?)"
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
            who = f" (pid {holder})" if holder.isdigit() else ""
            raise LockBusy(f"another sync is running{who}; lock {path}") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield path
    finally:
        os.close(fd)
