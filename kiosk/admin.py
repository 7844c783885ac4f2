"""The administrator's operations (Qt-free; the console's admin panel calls these): the
kiosk's identity and sync status, integrity check, backups and restore, settings and the
command lines of the background jobs. Each refuses a cashier, so a hidden button is not the
only guard."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.accounts import Account
from kiosk.cashier_ops import require_admin
from kiosk.config import Problem, config_path, load_config, load_settings, save_settings
from kiosk.errors import DataError
from kiosk.ledger import Ledger, checkpoint, sessions, syncstate
from kiosk.ledger.backup import PREFIX, SUFFIX, BackupResult, backup
from kiosk.ledger.restore import RestorePlan, RestoreResult, compare, restore
from kiosk.ledger.restore_files import taken_at
from kiosk.ledger.verify import Report, verify
from kiosk.paths import data_dir
from kiosk.slips.printers import where_settings as where_settings  # the printer field's one rule

KEEP_BACKUPS = 14


@dataclass(frozen=True, slots=True)
class Status:
    """What the admin panel shows at a glance."""

    kiosk_id: str
    registry_url: str
    enrolled_at: str
    queue: int
    rejected: int
    last_ok: str  # when the last successful sync ended ("" if never)
    last_run: str  # outcome and time of the last run
    last_error: str
    checkpoint_error: str  # WAL checkpoints failing now ("" when they work)
    check_error: str = ""  # the last whole-file check found damage ("" when sound)


def status(ledger: Ledger) -> Status:
    runs = syncstate.runs(ledger, limit=200)
    ok = next((r for r in runs if r.outcome in ("ok", "warnings")), None)
    last, error = syncstate.last_run(ledger), syncstate.last_error(ledger)
    return Status(
        kiosk_id=ledger.kiosk_id,
        registry_url=syncstate.setting(ledger, "registry_url") or "",
        enrolled_at=syncstate.setting(ledger, "enrolled_at") or "",
        queue=syncstate.queue_length(ledger),
        rejected=len(syncstate.rejects(ledger)),
        last_ok=(ok.ended_at or ok.started_at) if ok else "",
        last_run=f"{last.outcome or 'running'} at {last.started_at}" if last else "",
        last_error=f"{error.started_at}: {error.error}" if error else "",
        checkpoint_error=checkpoint.last_failure(ledger.path),
        check_error=sessions.last_failure(ledger.path),
    )


def check(ledger: Ledger, account: Account) -> Report:
    require_admin(account, "check the ledger")
    return verify(ledger.conn)


def backups_dir() -> Path:
    return data_dir() / "backups"


def backups(folder: Path | None = None) -> list[Path]:
    """Newest first."""
    folder = folder or backups_dir()
    return sorted(folder.glob(f"{PREFIX}*{SUFFIX}"), reverse=True) if folder.is_dir() else []


def back_up(ledger_path: Path, account: Account, folder: Path | None = None) -> BackupResult:
    require_admin(account, "back up the ledger")
    target = folder or backups_dir()
    target.mkdir(parents=True, exist_ok=True)
    return backup(ledger_path, target, keep=KEEP_BACKUPS)


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    taken_at: str  # UTC, from the file's name (or its modification time)
    size: int  # bytes


def backup_files(folder: Path | None = None) -> list[BackupFile]:
    """The backups to restore from, newest first, with their time and size."""
    found = []
    for path in backups(folder):
        try:
            found.append(BackupFile(path, taken_at(path), path.stat().st_size))
        except OSError:  # removed meanwhile (the newest 14 are kept)
            continue
    return found


def restore_plan(backup_path: Path, ledger_path: Path, account: Account) -> RestorePlan:
    """What restoring this backup would do (kiosk/ledger/restore_plan.py); changes nothing."""
    require_admin(account, "restore the ledger")
    return compare(backup_path, ledger_path)


def restore_backup(
    backup_path: Path,
    ledger_path: Path,
    account: Account,
    *,
    accept_loss: int | None = None,
    accept_unknown_loss: bool = False,
    force: bool = False,
) -> RestoreResult:
    """Restore a backup, the signed-in admin recorded as the actor of the restore event.
    `accept_loss` is the number of paid orders the admin acknowledged losing (see the plan),
    `accept_unknown_loss` the acknowledgement when the plan cannot know that number;
    serials and order seqs continue after every number this kiosk is known to have issued."""
    require_admin(account, "restore the ledger")
    return restore(
        backup_path,
        ledger_path,
        actor=account.name,
        accept_loss=accept_loss,
        accept_unknown_loss=accept_unknown_loss,
        force=force,
    )


def save(
    account: Account, changes: dict[str, dict[str, Any]], path: Path | None = None
) -> list[Problem]:
    """Check the new settings first; only a file without problems replaces the old one, and a
    file that does not parse is never replaced (it is the admin's to mend: line and column)."""
    require_admin(account, "change settings")
    path = path or config_path()
    try:
        load_config(path)
    except DataError as exc:
        reason = str(exc).removeprefix(f"{path}: ")
        return [Problem(str(path), "(file)", f"{reason}; nothing was saved: correct it first")]
    trial = path.with_name(f".{path.name}.check")
    if path.is_file():
        trial.write_bytes(path.read_bytes())
    else:
        trial.unlink(missing_ok=True)
    try:
        save_settings(changes, trial)
        _, problems = load_settings(trial)
        problems = [Problem(str(path), p.key, p.message) for p in problems]
        if not problems:
            trial.replace(path)
        return problems
    finally:
        trial.unlink(missing_ok=True)


def printer_keys() -> tuple[str, ...]:
    """Every key of the `[printer]` table: a new printer replaces them all (keys of another kind
    of printer would be wrong)."""
    from kiosk.slips.printers import PrinterConfig  # python-escpos: only when asked

    return tuple(PrinterConfig.__dataclass_fields__)


def command(*args: str) -> list[str]:
    """`diandian ARGS` as this interpreter runs it (for the background jobs: sync, enroll)."""
    return [sys.executable, "-m", "kiosk.cli", *args]
