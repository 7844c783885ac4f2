"""Cashier and admin accounts: PINs stored as salted scrypt hashes, never in clear; five wrong
PINs lock the account for a while. Every change is audited like any other ledger change."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from kiosk.errors import DiandianError, InputError
from kiosk.ledger import Ledger
from kiosk.timestamps import parse_stamp, stamp

ROLES = ("cashier", "admin")
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
# scrypt cost: n=2**14, r=8 (about 16 MB and ~40 ms here): slow enough against guessing a
# 4-8 digit PIN from a stolen ledger file, quick enough for a cashier at the counter.
SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class AccountLocked(DiandianError):
    def __init__(self, name: str, until: str) -> None:
        super().__init__(f"account {name} is locked after {MAX_FAILURES} wrong PINs until {until}")
        self.until = until


class WrongPin(DiandianError):
    def __init__(self, name: str, left: int) -> None:
        super().__init__(f"wrong PIN for {name}; {left} tries left before it locks")
        self.left = left


@dataclass(frozen=True, slots=True)
class Account:
    name: str
    role: str


def _hash(pin: str, salt: bytes) -> str:
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, **SCRYPT)
    return f"scrypt${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def _matches(pin: str, stored: str) -> bool:
    _, salt, _ = stored.split("$")
    return hmac.compare_digest(_hash(pin, base64.b64decode(salt)), stored)


def check_pin_format(pin: str) -> str:
    if not (isinstance(pin, str) and pin.isdigit() and 4 <= len(pin) <= 8):
        raise InputError("pin", "4 to 8 digits")
    return pin


def create(ledger: Ledger, name: str, role: str, pin: str, *, actor: str) -> Account:
    name = " ".join((name or "").split())
    if not name or len(name) > 32:
        raise InputError("name", "1 to 32 characters")
    if role not in ROLES:
        raise InputError("role", f"{role!r} is not one of {', '.join(ROLES)}")
    pin_hash = _hash(check_pin_format(pin), secrets.token_bytes(16))
    with ledger._write():
        if ledger.conn.execute("SELECT 1 FROM accounts WHERE name = ?", (name,)).fetchone():
            raise InputError("name", f"an account {name!r} already exists")
        row = {
            "name": name,
            "role": role,
            "pin_hash": pin_hash,
            "failed": 0,
            "locked_until": None,
            "created_at": ledger._now,
            "updated_at": ledger._now,
        }
        ledger.conn.execute(
            "INSERT INTO accounts VALUES (:name, :role, :pin_hash, :failed, :locked_until,"
            " :created_at, :updated_at)",
            row,
        )
        ledger._audit("account", name, "create", actor, row)
    return Account(name, role)


def accounts(ledger: Ledger) -> list[Account]:
    rows = ledger.conn.execute("SELECT name, role FROM accounts ORDER BY name").fetchall()
    return [Account(row[0], row[1]) for row in rows]


def sign_in(ledger: Ledger, name: str, pin: str) -> Account:
    """The account if the PIN is right; wrong PINs are counted and lock the account."""
    with ledger._write():
        row = ledger.conn.execute("SELECT * FROM accounts WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise InputError("name", f"no account {name!r}")
        row = dict(row)
        now = ledger.clock()
        if row["locked_until"] and parse_stamp(row["locked_until"]) > now:
            raise AccountLocked(name, row["locked_until"])
        if isinstance(pin, str) and _matches(pin, row["pin_hash"]):
            if row["failed"] or row["locked_until"]:
                row.update(failed=0, locked_until=None, updated_at=ledger._now)
                _save(ledger, row, "unlock")
            return Account(row["name"], row["role"])
        failed = row["failed"] + 1
        locked = stamp(now + LOCKOUT) if failed >= MAX_FAILURES else None
        row.update(failed=0 if locked else failed, locked_until=locked, updated_at=ledger._now)
        _save(ledger, row, "lock" if locked else "wrong_pin")
    if locked:  # raised after the commit, so the count and the lock are on disk
        raise AccountLocked(name, locked)
    raise WrongPin(name, MAX_FAILURES - failed)


def _save(ledger: Ledger, row: dict, action: str) -> None:
    ledger.conn.execute(
        "UPDATE accounts SET failed = :failed, locked_until = :locked_until,"
        " updated_at = :updated_at WHERE name = :name",
        row,
    )
    ledger._audit("account", row["name"], action, "system", row)
