"""Online backups (SQLite's backup API: consistent while the app keeps selling) and restore."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.errors import DiandianError
from kiosk.ledger import db
from kiosk.ledger.verify import Report, verify

PREFIX, SUFFIX = "ledger-", ".sqlite"


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    removed: tuple[Path, ...]
    report: Report


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """Copy into a temp file beside the target and rename, so a half backup never exists."""
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    dest = sqlite3.connect(partial)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)


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
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            target = dest / f"{PREFIX}{stamp}{SUFFIX}"
        else:
            target = dest
        try:
            _copy(source, target)
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


def restore(
    source_path: Path, ledger_path: Path, *, force: bool = False
) -> tuple[Path | None, Report]:
    """Replace the ledger's content with a verified backup; the current one is kept beside it."""
    if not source_path.is_file():
        raise DiandianError(f"no backup at {source_path}")
    source = db.connect(source_path, read_only=True)
    try:
        report = verify(source)
        if not report.ok and not force:
            raise DiandianError(
                f"{source_path} does not verify ({report.problems[0]}); "
                "nothing was changed (--force restores it anyway)"
            )
        kept = None
        if ledger_path.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            kept = ledger_path.with_name(f"{ledger_path.stem}.before-restore-{stamp}{SUFFIX}")
            current = db.connect(ledger_path)
            try:
                _copy(current, kept)
            finally:
                current.close()
        target = db.connect(ledger_path)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    return kept, report
