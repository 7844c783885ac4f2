"""Cashier and admin accounts: PINs stored as salted scrypt hashes, never in clear; five wrong
PINs lock the account for a while. Every change is audited like any other ledger change."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from kiosk.errors import DiandianError, InputError
from kiosk.timestamps import parse_stamp, stamp

if TYPE_CHECKING:  # the ledger is loaded when an account is used, not for the PIN rule
    from kiosk.ledger import Ledger
    from kiosk.ledger.staff import StaffRow

ROLES = ("cashier", "admin")
PIN_MIN, PIN_MAX = 4, 8  # digits
PIN_RULE = f"{PIN_MIN} to {PIN_MAX} digits"
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
# scrypt cost: n=2**14, r=8 (about 16 MB and ~40 ms here): slow enough against guessing a
# PIN_MIN..PIN_MAX digit PIN from a stolen ledger file, quick enough for a cashier at the counter.
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
    if not (isinstance(pin, str) and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX):
        raise InputError("pin", PIN_RULE)
    return pin


@dataclass(frozen=True, slots=True)
class Attempts:
    """Wrong PINs in a row for one account, and the lock they led to (a stored moment)."""

    failed: int = 0
    locked_until: str | None = None


def create(ledger: Ledger, name: str, role: str, pin: str, *, actor: str) -> Account:
    from kiosk.ledger import staff

    name = " ".join((name or "").split())
    if not name or len(name) > 32:
        raise InputError("name", "1 to 32 characters")
    if role not in ROLES:
        raise InputError("role", f"{role!r} is not one of {', '.join(ROLES)}")
    pin_hash = _hash(check_pin_format(pin), secrets.token_bytes(16))
    staff.add(ledger, name, role, pin_hash, actor=actor)
    return Account(name, role)


def accounts(ledger: Ledger) -> list[Account]:
    from kiosk.ledger import staff

    return [Account(name, role) for name, role in staff.listed(ledger)]


@dataclass(frozen=True, slots=True)
class Verdict:
    """What one PIN attempt leads to: the attempts to keep, the audit action that records them
    (None: nothing changes), and the error to raise once they are stored (None: signed in)."""

    attempts: Attempts
    action: str | None
    error: DiandianError | None


def judge(name: str, pin: str, pin_hash: str, attempts: Attempts, now: datetime) -> Verdict:
    """The lockout rule, wherever the attempts are kept (the ledger, or the recovery file):
    MAX_FAILURES wrong PINs in a row lock the account for LOCKOUT; a right PIN clears them."""
    if attempts.locked_until and parse_stamp(attempts.locked_until) > now:
        return Verdict(attempts, None, AccountLocked(name, attempts.locked_until))
    if isinstance(pin, str) and _matches(pin, pin_hash):
        return Verdict(Attempts(), None if attempts == Attempts() else "unlock", None)
    failed = attempts.failed + 1
    if failed >= MAX_FAILURES:
        until = stamp(now + LOCKOUT)
        return Verdict(Attempts(0, until), "lock", AccountLocked(name, until))
    return Verdict(Attempts(failed), "wrong_pin", WrongPin(name, MAX_FAILURES - failed))


def sign_in(ledger: Ledger, name: str, pin: str) -> Account:
    """The account if the PIN is right; wrong PINs are counted and lock the account."""

    from kiosk.ledger import staff

    def decide(
        row: StaffRow,
    ) -> tuple[tuple[int, str | None], str | None, tuple[Verdict, Account]]:
        attempts = Attempts(row.failed, row.locked_until)
        verdict = judge(row.name, pin, row.pin_hash, attempts, ledger.clock())
        after = (verdict.attempts.failed, verdict.attempts.locked_until)
        return after, verdict.action, (verdict, Account(row.name, row.role))

    # NAME as typed: the stored account whose name it is, case and spacing aside (ledger.staff)
    verdict, account = staff.attempt(ledger, name, decide)
    if verdict.error is not None:  # raised after the commit, so the count and the lock stay
        raise verdict.error
    return account
