"""Signing in when the ledger cannot be used: against the newest backup's administrators, with
wrong PINs counted in a file that outlives the process, and nothing written beside a backup."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk import accounts
from kiosk.accounts import AccountLocked, WrongPin
from kiosk.cashier_ops import NotAllowed
from kiosk.errors import InputError
from kiosk.ledger import Ledger
from kiosk.ledger.backup import backup
from kiosk.recovery import (
    STATE,
    CountUnreadable,
    NoBackupToSignIn,
    recovery_accounts,
    recovery_sign_in,
)

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """A ledger with an admin and a cashier, backed up once; returns (home, backups)."""
    home, backups = tmp_path / "home", tmp_path / "home" / "backups"
    backups.mkdir(parents=True)
    path = home / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        accounts.create(ledger, "root", "admin", "9999", actor="test")
        accounts.create(ledger, "alice", "cashier", "1234", actor="test")
    backup(path, backups)
    return home, backups


def test_an_admin_signs_in_against_the_newest_backup(folders) -> None:
    home, backups = folders
    found, admins = recovery_accounts(backups)
    assert found.parent == backups and [a.name for a in admins] == ["root"]
    account = recovery_sign_in(home, "root", "9999", folder=backups, now=NOW)
    assert (account.name, account.role) == ("root", "admin")
    assert sorted(p.name for p in backups.iterdir()) == [found.name]  # nothing written beside


def test_a_cashier_or_a_stranger_cannot(folders) -> None:
    home, backups = folders
    with pytest.raises(NotAllowed):
        recovery_sign_in(home, "alice", "1234", folder=backups, now=NOW)
    with pytest.raises(InputError, match="no account 'mallory'"):
        recovery_sign_in(home, "mallory", "0000", folder=backups, now=NOW)


def test_wrong_pins_lock_the_account_across_restarts(folders) -> None:
    home, backups = folders
    for left in (4, 3, 2, 1):
        with pytest.raises(WrongPin) as caught:
            recovery_sign_in(home, "root", "0000", folder=backups, now=NOW)
        assert caught.value.left == left
    with pytest.raises(AccountLocked):
        recovery_sign_in(home, "root", "0000", folder=backups, now=NOW)
    with pytest.raises(AccountLocked):  # even the right PIN, until the lock ends
        recovery_sign_in(home, "root", "9999", folder=backups, now=NOW + timedelta(minutes=14))
    later = NOW + timedelta(minutes=16)
    assert recovery_sign_in(home, "root", "9999", folder=backups, now=later).name == "root"
    with pytest.raises(WrongPin) as caught:  # the count started again
        recovery_sign_in(home, "root", "0000", folder=backups, now=later)
    assert caught.value.left == 4


def test_a_damaged_newest_backup_is_passed_over(folders) -> None:
    home, backups = folders
    newest = backups / "ledger-29991231-000000.sqlite"
    newest.write_bytes(b"garbage" * 100)
    assert recovery_accounts(backups)[0] != newest
    assert recovery_sign_in(home, "root", "9999", folder=backups, now=NOW).name == "root"


def test_without_a_usable_backup_it_says_what_to_do(tmp_path) -> None:
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "ledger-20260101-000000.sqlite").write_bytes(b"x" * 10)
    with pytest.raises(NoBackupToSignIn, match="diandian ledger restore"):
        recovery_accounts(tmp_path / "backups")
    with pytest.raises(NoBackupToSignIn):
        recovery_sign_in(tmp_path, "root", "9999", folder=tmp_path / "nothing-here", now=NOW)


def test_a_backup_without_an_admin_is_no_use(tmp_path) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    path = tmp_path / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        accounts.create(ledger, "alice", "cashier", "1234", actor="test")
    backup(path, backups)
    with pytest.raises(NoBackupToSignIn, match="administrator"):
        recovery_accounts(backups)


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2]", b'{"root": {"failed": "many"}}', b"\xff\xfe", None],
)
def test_an_unreadable_count_keeps_sign_in_closed(folders, content: bytes | None) -> None:
    """It used to start a fresh count: five more guesses for anyone who could spoil the file."""
    home, backups = folders
    state = home / STATE
    if content is None:  # a folder where the file should be: unreadable, not absent
        state.mkdir()
    else:
        state.write_bytes(content)
    with pytest.raises(CountUnreadable, match=str(state)):
        recovery_sign_in(home, "root", "9999", folder=backups, now=NOW)
    with pytest.raises(CountUnreadable):
        recovery_sign_in(home, "root", "0000", folder=backups, now=NOW)
    assert content is None or state.read_bytes() == content  # left as it was, for a look


def test_a_count_written_by_the_previous_version_still_locks(folders) -> None:
    """0.1.0 wrote `locked_until` with isoformat (`+00:00`): still read, still locking."""
    home, backups = folders
    until = (NOW + timedelta(minutes=10)).isoformat(timespec="seconds")
    (home / STATE).write_text(json.dumps({"root": {"failed": 0, "locked_until": until}}))
    with pytest.raises(AccountLocked):
        recovery_sign_in(home, "root", "9999", folder=backups, now=NOW)
    assert recovery_sign_in(home, "root", "9999", folder=backups, now=NOW + timedelta(minutes=11))
    assert json.loads((home / STATE).read_text()) == {}
