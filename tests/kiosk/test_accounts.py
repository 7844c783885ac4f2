"""Staff accounts: PINs only as salted hashes; five wrong PINs lock the account for a while."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from kiosk import accounts
from kiosk.accounts import Attempts
from kiosk.errors import InputError
from kiosk.ledger import Ledger
from kiosk.ledger.verify import verify
from kiosk.timestamps import stamp


class Clock:
    now = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ledger(tmp_path, clock):
    with Ledger.open(tmp_path / "ledger.sqlite", clock=clock) as opened:
        accounts.create(opened, "alice", "cashier", "2468", actor="setup")
        yield opened


def _clear_tokens(ledger: Ledger) -> set[str]:
    """Every token of every text value in the ledger (JSON audit states included), except the
    random ones: hex ids and digests (16+ hex digits) and the base64 fields of a PIN hash.
    A PIN stored in clear is a token of its own ("97531864", "pin": "97531864"); searching
    the raw bytes for "2468" instead once found it by chance about once in 160 runs (in hex,
    in microseconds of a timestamp)."""
    found: set[str] = set()
    tables = [
        r[0] for r in ledger.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    for table in tables:
        for row in ledger.conn.execute(f'SELECT * FROM "{table}"'):
            for value in row:
                if isinstance(value, bytes):
                    value = value.decode("utf-8", "replace")
                if not isinstance(value, str):
                    continue
                for token in re.split(r"[^0-9A-Za-z+/=]+", value):
                    random = re.fullmatch(r"[0-9a-fA-F]{16,}", token) or (
                        (value.startswith("scrypt$") or '"scrypt$' in value)
                        and re.fullmatch(r"[A-Za-z0-9+/]{20,}={0,2}", token)
                    )
                    if token and not random:
                        found.add(token)
    return found


PIN = "97531864"  # 8 digits: longer than any number a ledger holds outside hex and base64


def test_the_pin_is_never_stored_in_clear(ledger) -> None:
    accounts.create(ledger, "bob", "cashier", PIN, actor="setup")
    accounts.create(ledger, "carol", "cashier", PIN, actor="setup")
    assert accounts.sign_in(ledger, "bob", PIN)  # the PIN is in there, hashed
    tokens = _clear_tokens(ledger)
    assert {"bob", "carol", "cashier"} <= tokens  # the search sees plain values
    assert not any(PIN in token for token in tokens)
    hashes = dict(ledger.conn.execute("SELECT name, pin_hash FROM accounts").fetchall())
    assert hashes["bob"].startswith("scrypt$")
    assert hashes["bob"] != hashes["carol"]  # salted: the same PIN hashes differently


def test_the_search_would_find_a_pin_stored_in_clear(ledger) -> None:
    """The check above can fail: a PIN written in clear (here into a note) is found."""
    with ledger.conn:
        ledger.conn.execute("INSERT INTO meta (key, value) VALUES ('note', ?)", (f"pin {PIN}",))
    assert any(PIN in token for token in _clear_tokens(ledger))


def test_the_right_pin_signs_in(ledger) -> None:
    assert accounts.sign_in(ledger, "alice", "2468") == accounts.Account("alice", "cashier")


def test_five_wrong_pins_lock_the_account_even_against_the_right_pin(ledger, clock) -> None:
    for left in (4, 3, 2, 1):
        with pytest.raises(accounts.WrongPin) as caught:
            accounts.sign_in(ledger, "alice", "0000")
        assert caught.value.left == left
    with pytest.raises(accounts.AccountLocked):
        accounts.sign_in(ledger, "alice", "0000")
    with pytest.raises(accounts.AccountLocked):
        accounts.sign_in(ledger, "alice", "2468")
    clock.now += timedelta(minutes=16)
    assert accounts.sign_in(ledger, "alice", "2468").role == "cashier"
    assert verify(ledger.conn).ok  # every attempt was audited


def test_a_right_pin_resets_the_count(ledger) -> None:
    for _ in range(3):
        with pytest.raises(accounts.WrongPin):
            accounts.sign_in(ledger, "alice", "1111")
    accounts.sign_in(ledger, "alice", "2468")
    with pytest.raises(accounts.WrongPin) as caught:
        accounts.sign_in(ledger, "alice", "1111")
    assert caught.value.left == 4


@pytest.mark.parametrize(
    ("name", "role", "pin", "field"),
    [
        ("carol", "cashier", "12", "pin"),
        ("carol", "cashier", "12ab", "pin"),
        ("carol", "boss", "1234", "role"),
        ("", "cashier", "1234", "name"),
        ("alice", "admin", "1234", "name"),
    ],
)
def test_bad_accounts_are_refused(ledger, name, role, pin, field) -> None:
    with pytest.raises(InputError) as caught:
        accounts.create(ledger, name, role, pin, actor="setup")
    assert caught.value.field == field


# -- the lockout rule itself: one function for the ledger's accounts and the recovery file ----

HASH = accounts._hash("2468", b"0123456789abcdef")
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def test_judge_counts_locks_and_clears() -> None:
    attempts = Attempts()
    for left in range(accounts.MAX_FAILURES - 1, 0, -1):
        verdict = accounts.judge("alice", "0000", HASH, attempts, NOW)
        assert (verdict.action, verdict.error.left) == ("wrong_pin", left)
        attempts = verdict.attempts
    locked = accounts.judge("alice", "0000", HASH, attempts, NOW)
    assert locked.action == "lock" and isinstance(locked.error, accounts.AccountLocked)
    assert locked.attempts == Attempts(0, stamp(NOW + accounts.LOCKOUT))
    still = accounts.judge("alice", "2468", HASH, locked.attempts, NOW + timedelta(minutes=14))
    assert still.action is None and isinstance(still.error, accounts.AccountLocked)
    after = accounts.judge("alice", "2468", HASH, locked.attempts, NOW + timedelta(minutes=16))
    assert (after.attempts, after.action, after.error) == (Attempts(), "unlock", None)
    clean = accounts.judge("alice", "2468", HASH, Attempts(), NOW)
    assert (clean.action, clean.error) == (None, None)  # nothing to write on a plain sign-in


@pytest.mark.parametrize("pin", [None, 2468, b"2468"])
def test_judge_counts_a_pin_that_is_not_text_as_wrong(pin: object) -> None:
    verdict = accounts.judge("alice", pin, HASH, Attempts(), NOW)  # type: ignore[arg-type]
    assert verdict.action == "wrong_pin"


def test_the_pin_length_is_one_rule() -> None:
    longest, shortest = "1" * accounts.PIN_MAX, "1" * accounts.PIN_MIN
    assert accounts.check_pin_format(longest) == longest
    assert accounts.check_pin_format(shortest) == shortest
    for bad in ("1" * (accounts.PIN_MAX + 1), "1" * (accounts.PIN_MIN - 1)):
        with pytest.raises(InputError, match=accounts.PIN_RULE):
            accounts.check_pin_format(bad)
