"""The staff accounts as the ledger stores them (the `accounts` table), and as a backup holds
them. Storage only: the rules (PIN format, lockout) are kiosk.accounts'.

Every change is audited with the whole row, as `verify` expects of every audited table.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from kiosk.errors import InputError
from kiosk.ledger.store import Ledger

T = TypeVar("T")
ACTOR = "system"  # who records a sign-in attempt: the app, not a person


@dataclass(frozen=True, slots=True)
class StaffRow:
    """An account as stored: `failed` wrong PINs in a row, and the lock they led to."""

    name: str
    role: str
    pin_hash: str
    failed: int
    locked_until: str | None


def add(ledger: Ledger, name: str, role: str, pin_hash: str, *, actor: str) -> None:
    """A new account; InputError when the name is taken."""
    with ledger.transaction():
        if ledger.conn.execute("SELECT 1 FROM accounts WHERE name = ?", (name,)).fetchone():
            raise InputError("name", f"an account {name!r} already exists")
        now = ledger.change_time()
        row = {
            "name": name,
            "role": role,
            "pin_hash": pin_hash,
            "failed": 0,
            "locked_until": None,
            "created_at": now,
            "updated_at": now,
        }
        ledger.conn.execute(
            "INSERT INTO accounts VALUES (:name, :role, :pin_hash, :failed, :locked_until,"
            " :created_at, :updated_at)",
            row,
        )
        ledger.audit("account", name, "create", actor, row)


def listed(ledger: Ledger) -> list[tuple[str, str]]:
    """(name, role) of every account, by name."""
    rows = ledger.conn.execute("SELECT name, role FROM accounts ORDER BY name").fetchall()
    return [(row[0], row[1]) for row in rows]


def attempt(
    ledger: Ledger,
    name: str,
    judge: Callable[[StaffRow], tuple[tuple[int, str | None], str | None, T]],
) -> T:
    """A sign-in attempt in one write transaction: `judge(row)` says what (failed,
    locked_until) become and under which audit action (None: nothing to store); its third
    value is returned.

    Judging inside the transaction means two tills trying wrong PINs at once both count.
    """
    with ledger.transaction():
        found = _typed(ledger, name)
        if found is None:
            raise InputError("name", f"no account {name!r}", "unknown_account")
        row = dict(found)
        name = row["name"]
        stored = StaffRow(name, row["role"], row["pin_hash"], row["failed"], row["locked_until"])
        (failed, locked_until), action, result = judge(stored)
        if action is not None:
            row.update(failed=failed, locked_until=locked_until, updated_at=ledger.change_time())
            ledger.conn.execute(
                "UPDATE accounts SET failed = :failed, locked_until = :locked_until,"
                " updated_at = :updated_at WHERE name = :name",
                row,
            )
            ledger.audit("account", name, action, ACTOR, row)
    return result


def in_backup(backup: Path) -> dict[str, tuple[str, str]]:
    """name -> (role, pin hash) in a backup file, read without writing anything beside it (no
    -journal, no -shm). sqlite3.Error when the file or its accounts cannot be read."""
    conn = sqlite3.connect(f"file:{backup}?mode=ro&immutable=1", uri=True)
    try:
        rows = conn.execute("SELECT name, role, pin_hash FROM accounts").fetchall()
    finally:
        conn.close()
    return {name: (role, pin_hash) for name, role, pin_hash in rows}


def _typed(ledger: Ledger, typed: str) -> sqlite3.Row | None:
    """The account a person typed the name of: exactly, else the one whose name equals it but
    for case and spacing (staff type theirs on the kiosk's touch keyboard: "wang" for "Wang")."""
    name = " ".join((typed or "").split())
    row: sqlite3.Row | None
    row = ledger.conn.execute("SELECT * FROM accounts WHERE name = ?", (name,)).fetchone()
    if row is not None:
        return row
    rows = ledger.conn.execute(
        "SELECT * FROM accounts WHERE lower(name) = lower(?)", (name,)
    ).fetchall()
    return rows[0] if len(rows) == 1 else None
