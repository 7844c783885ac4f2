"""Signing in when the ledger itself cannot be used: the moment an administrator most needs to,
to restore a backup, and the one moment the accounts table cannot be read.

Then the accounts come from the newest backup whose accounts can be read (opened read-only and
immutable, so nothing is written beside it), and only an administrator may sign in: a cashier
has nothing to do on a kiosk that is out of service. Wrong PINs count by the same rule as in
the ledger (kiosk.accounts.judge), kept in a small file beside the ledger (the ledger cannot
record them), so restarting the app does not reset the count. A count file that cannot be read
keeps sign-in closed: it never starts a fresh count.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from kiosk.accounts import Account, Attempts, judge
from kiosk.admin import backups
from kiosk.cashier_ops import NotAllowed
from kiosk.errors import DiandianError, InputError
from kiosk.ledger import staff
from kiosk.timestamps import utc_now

STATE = "recovery-signin.json"


class NoBackupToSignIn(DiandianError):
    """No backup holds accounts to check a PIN against."""


class CountUnreadable(DiandianError):
    """The wrong-PIN count cannot be read: sign-in stays closed rather than count from zero."""


def _newest(folder: Path | None) -> tuple[Path, dict[str, tuple[str, str]]]:
    for backup in backups(folder):
        try:
            rows = staff.in_backup(backup)
        except sqlite3.Error:  # damaged too, or made before accounts existed: try an older one
            continue
        if any(role == "admin" for role, _ in rows.values()):
            return backup, rows
    raise NoBackupToSignIn(
        "the ledger cannot be used and no backup holds an administrator account; "
        "restore with `diandian ledger restore BACKUP` on the kiosk's command line"
    )


def recovery_accounts(folder: Path | None = None) -> tuple[Path, list[Account]]:
    """The administrators of the newest usable backup (whose accounts the sign-in checks)."""
    backup, rows = _newest(folder)
    admins = [Account(name, role) for name, (role, _) in sorted(rows.items()) if role == "admin"]
    return backup, admins


def recovery_sign_in(
    state_dir: Path,
    name: str,
    pin: str,
    *,
    folder: Path | None = None,
    now: datetime | None = None,
) -> Account:
    """The administrator if the PIN matches the newest usable backup's; counted like sign_in."""
    now = now or utc_now()
    _, rows = _newest(folder)
    typed = " ".join((name or "").split())
    same = [known for known in rows if known.lower() == typed.lower()]
    name = typed if typed in rows else same[0] if len(same) == 1 else typed
    if name not in rows:
        raise InputError("name", f"no account {name!r} in the newest backup", "unknown_account")
    role, pin_hash = rows[name]
    if role != "admin":
        raise NotAllowed(Account(name, role), "sign in while the ledger cannot be used")
    path = state_dir / STATE
    state = _load(path)
    verdict = judge(name, pin, pin_hash, state.get(name, Attempts()), now)
    if verdict.action is not None:
        if verdict.attempts == Attempts():
            state.pop(name, None)
        else:
            state[name] = verdict.attempts
        _save(path, state)
    if verdict.error is not None:
        raise verdict.error
    return Account(name, role)


def _load(path: Path) -> dict[str, Attempts]:
    """name -> attempts; {} when there is no file yet. CountUnreadable otherwise: a damaged or
    unreadable file must not hand out five fresh tries (fail closed)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return {
            str(name): Attempts(int(entry["failed"]), entry["locked_until"] or None)
            for name, entry in data.items()
        }
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise CountUnreadable(
            f"the wrong-PIN count {path} cannot be read ({type(exc).__name__}: {exc}); "
            "sign-in stays closed: check the file, or remove it on the kiosk's command line"
        ) from None


def _save(path: Path, state: dict[str, Attempts]) -> None:
    """Written to a temp file, synced and renamed: a crash leaves the old count or the new."""
    partial = path.with_name(f".{path.name}.partial")
    data = {name: {"failed": a.failed, "locked_until": a.locked_until} for name, a in state.items()}
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
