"""Online backups (SQLite's backup API: consistent while the app keeps selling), and the file
operations a restore is made of (kiosk/ledger/restore.py decides what to restore and when)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.errors import DiandianError
from kiosk.ledger import db
from kiosk.ledger.verify import Report, verify
from kiosk.timestamps import file_stamp, utc_now

PREFIX, SUFFIX = "ledger-", ".sqlite"
SQLITE_OK = 0  # sqlite3_backup_step's answer when it copied pages (BUSY 5, LOCKED 6, DONE 101)
SIDE_FILES = ("-wal", "-shm")


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    removed: tuple[Path, ...]
    report: Report


def copy_into(source: sqlite3.Connection, target: Path) -> None:
    """Copy into a temp file beside the target and rename, so a half backup never exists."""
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    dest = sqlite3.connect(partial)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    fsync(partial)
    os.replace(partial, target)
    fsync(target.parent)


def fsync(path: Path) -> None:
    """A file's content, or a folder's entries (a rename), on disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup(ledger_path: Path, dest: Path, *, keep: int = 7) -> BackupResult:
    """Back up to DEST (a file, or a folder that keeps the newest `keep` backups)."""
    if keep < 1:
        raise DiandianError("--keep must be at least 1")
    if not ledger_path.is_file():
        raise DiandianError(f"no ledger at {ledger_path}")
    source = db.connect(ledger_path)  # read-only would need the -shm file of a closed WAL db
    try:
        is_folder = dest.is_dir() or str(dest).endswith(os.sep)
        if is_folder:
            dest.mkdir(parents=True, exist_ok=True)
            target = dest / f"{PREFIX}{file_stamp(utc_now())}{SUFFIX}"
        else:
            target = dest
        try:
            copy_into(source, target)
        except (OSError, sqlite3.Error) as exc:
            raise DiandianError(f"backup to {target} failed: {exc}") from exc
    finally:
        source.close()
    check = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    check.row_factory = sqlite3.Row
    try:
        report = verify(check)
    finally:
        check.close()
    removed: tuple[Path, ...] = ()
    if is_folder:
        backups = sorted(dest.glob(f"{PREFIX}*{SUFFIX}"))
        removed = tuple(backups[:-keep])
        for old in removed:
            old.unlink()
    return BackupResult(target, removed, report)


# -- the file operations of a restore ---------------------------------------------------------


def keep_copy(ledger_path: Path, kept: Path) -> None:
    """A consistent copy of a readable ledger (with what its WAL holds) as `kept`."""
    source = db.connect(ledger_path, read_only=True)  # never writes: no checkpoint on close
    try:
        copy_into(source, kept)
    finally:
        source.close()


def copy_in_place(
    source_path: Path,
    ledger_path: Path,
    check: Callable[[], None],
    on_step: Callable[[int], None] | None = None,
) -> None:
    """Write SOURCE's content into the ledger file itself with SQLite's backup API.

    Same file, same inode, one transaction under the ledger's write lock: every program that
    has the ledger open sees the new content at its next transaction, none sees half of it,
    and none breaks (renaming a file over a live SQLite database can pair it with the old
    one's -wal). SQLite takes the write lock at the first step and keeps it to the last
    (sqlite3_backup_step), so `check` runs after one page, with the lock held and nothing
    committed: raising there abandons the copy and leaves the ledger exactly as it was.
    `on_step` sees each step's SQLite status (a test waits on a BUSY one).
    """
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    try:
        target = db.connect(ledger_path)
        checked: list[bool] = []

        def progress(status: int, _remaining: int, _total: int) -> None:
            if on_step is not None:
                on_step(status)
            # Only a step that copied a page holds the write lock: a BUSY or LOCKED step (another
            # program writing; Python retries it) proves nothing, so the check waits for the
            # first step that got the lock. A ledger has dozens of pages: not the last step.
            if status == SQLITE_OK and not checked:
                checked.append(True)
                check()

        try:
            source.backup(target, pages=1, progress=progress)
        finally:
            target.close()
    finally:
        source.close()


def move_aside(ledger_path: Path, kept: Path) -> None:
    """Rename a ledger SQLite cannot use (and its -wal and -shm) to `kept`, byte for byte."""
    for suffix in (*SIDE_FILES, ""):  # the side files first: never a new file with an old WAL
        side = Path(f"{ledger_path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{kept}{suffix}"))
    fsync(ledger_path.parent)


def put_in_place(staged: Path, ledger_path: Path) -> None:
    """Rename a finished file to the ledger's name (where no ledger, -wal or -shm is left)."""
    for suffix in SIDE_FILES:
        if Path(f"{ledger_path}{suffix}").exists():
            raise DiandianError(f"{ledger_path}{suffix} is in the way")
    conn = sqlite3.connect(staged)  # a ledger's journal mode, so no opener has to switch it
    try:
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()  # the last connection: its -wal and -shm go with it
    fsync(staged)
    os.replace(staged, ledger_path)
    fsync(ledger_path.parent)
