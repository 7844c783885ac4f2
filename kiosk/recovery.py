"""Signing in when the ledger itself cannot be used: the moment an administrator most needs to,
to restore a backup, and the one moment the accounts table cannot be read.

Then the accounts come from the newest backup whose accounts can be read (opened read-only and
immutable, so nothing is written beside it), and only an administrator may sign in: a cashier
has nothing to do on a kiosk that is out of service. Wrong PINs still count and still lock the
account for LOCKOUT after MAX_FAILURES, in a small file beside the ledger (the ledger cannot
record them), so restarting the app does not reset the count.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from kiosk.accounts import LOCKOUT, MAX_FAILURES, Account, AccountLocked, WrongPin, _matches
from kiosk.admin import backups
from kiosk.cashier_ops import NotAllowed
from kiosk.errors import DiandianError, InputError
from kiosk.timestamps import parse_stamp, stamp, utc_now

STATE = "recovery-signin.json"


class NoBackupToSignIn(DiandianError):
    """No backup holds accounts to check a PIN against."""


def _rows(backup: Path) -> dict[str, tuple[str, str]]:
    """name -> (role, pin hash), read without writing anything (no -journal, no -shm)."""
    conn = sqlite3.connect(f"file:{backup}?mode=ro&immutable=1", uri=True)
    try:
        rows = conn.execute("SELECT name, role, pin_hash FROM accounts").fetchall()
    finally:
        conn.close()
    return {name: (role, pin_hash) for name, role, pin_hash in rows}


def _newest(folder: Path | None) -> tuple[Path, dict[str, tuple[str, str]]]:
    for backup in backups(folder):
        try:
            rows = _rows(backup)
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
    if name not in rows:
        raise InputError("name", f"no account {name!r} in the newest backup")
    role, pin_hash = rows[name]
    if role != "admin":
        raise NotAllowed(Account(name, role), "sign in while the ledger cannot be used")
    path = state_dir / STATE
    state = _load(path)
    entry = state.get(name, {"failed": 0, "locked_until": None})
    until = entry.get("locked_until")
    if until and parse_stamp(until) > now:
        raise AccountLocked(name, until)
    if isinstance(pin, str) and _matches(pin, pin_hash):
        if state.pop(name, None) is not None:
            _save(path, state)
        return Account(name, role)
    failed = int(entry.get("failed", 0)) + 1
    if failed >= MAX_FAILURES:
        state[name] = {"failed": 0, "locked_until": stamp(now + LOCKOUT)}
        _save(path, state)
        raise AccountLocked(name, state[name]["locked_until"])
    state[name] = {"failed": failed, "locked_until": None}
    _save(path, state)
    raise WrongPin(name, MAX_FAILURES - failed)


def _load(path: Path) -> dict[str, dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):  # unreadable: start a fresh count rather than lock everyone out
        return {}
    return data if isinstance(data, dict) else {}


def _save(path: Path, state: dict[str, dict]) -> None:
    """Written to a temp file, synced and renamed: a crash leaves the old count or the new."""
    partial = path.with_name(f".{path.name}.partial")
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump(state, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
