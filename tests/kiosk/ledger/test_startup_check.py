"""The start-up integrity check runs when it can find something, and only then (issue 19):
after an unclean end, after a change outside a session, once a day; a cheap open otherwise
(kiosk/ledger/sessions.py)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.footprint import Footprint
from kiosk.ledger import Ledger, LedgerUnavailable, db, sessions
from kiosk.timestamps import utc_now

from .support import Worker, damage_page, sell


def _opened(path: Path, **options: object) -> tuple[bool, str]:
    """Whether an open ran the whole-file check, and why (the ledger closed again)."""
    with Ledger.open(path, create=False, **options) as ledger:  # type: ignore[arg-type]
        assert ledger.session is not None
        return ledger.session.checked_now, ledger.session.reason


@pytest.fixture
def closed(new_ledger: Callable[[Path], Ledger], footprint: Footprint, tmp_path: Path) -> Path:
    path = tmp_path / "ledger.sqlite"
    ledger = new_ledger(path)
    assert ledger.session is not None and ledger.session.checked_now  # never checked before
    sell(ledger, footprint)
    ledger.close()
    return path


def test_a_clean_close_makes_the_next_open_cheap(closed: Path) -> None:
    assert _opened(closed) == (False, "closed cleanly, checked within the day")
    assert _opened(closed) == (False, "closed cleanly, checked within the day")


def test_a_session_killed_9_makes_the_next_open_check(
    closed: Path, spawn: Callable[..., Worker]
) -> None:
    worker = spawn(closed, "--wait-go")
    worker.wait_for("READY")
    worker.kill()
    assert _opened(closed) == (True, "the last session did not close")
    assert _opened(closed)[0] is False  # checked, then closed cleanly


def test_a_change_outside_a_session_makes_the_next_open_check(closed: Path) -> None:
    stat = closed.stat()
    os.utime(closed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert _opened(closed) == (True, "the file changed outside a session")


def test_damage_after_a_clean_close_is_still_found_at_the_next_open(closed: Path) -> None:
    """The leftmost audit page: nothing a cheap open or a sale reads."""
    damage_page(closed, "audit")
    with pytest.raises(LedgerUnavailable, match="damaged"):
        Ledger.open(closed, create=False)
    with pytest.raises(LedgerUnavailable, match="damaged"):  # and again: the check stays due
        Ledger.open(closed, create=False)


def test_the_daily_check_is_left_to_a_thread_beside_the_sales(
    closed: Path, footprint: Footprint
) -> None:
    """The open does not read the whole file for the daily check; the kiosk runs the check
    it hands out on another thread (on its own connection) while it sells, and its pass
    counts as the day's check."""
    tomorrow = utc_now() + timedelta(hours=25)
    with Ledger.open(closed, create=False, clock=lambda: tomorrow) as ledger:
        assert ledger.session is not None
        assert (ledger.session.checked_now, ledger.session.reason) == (False, sessions.DAILY)
        check = ledger.deferred_check()
        assert check is not None
        sell(ledger, footprint)  # selling does not wait for it
        check()
        assert ledger.session.checked_now and ledger.deferred_check() is None
    later = tomorrow + timedelta(hours=1)
    assert _opened(closed, clock=lambda: later) == (False, "closed cleanly, checked within the day")
    with Ledger.open(closed, create=False, clock=lambda: later) as ledger:
        assert ledger.deferred_check() is None


def test_bit_rot_found_by_the_daily_check_stops_the_next_start_and_tells_the_admin(
    closed: Path,
) -> None:
    """Damage that leaves the file's size and mtime alone (bit rot): the daily check finds it
    beside the sales, and from then on the ledger refuses to open until restored."""
    stat = closed.stat()
    damage_page(closed, "audit")
    os.utime(closed, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # rot does not touch mtime
    tomorrow = utc_now() + timedelta(hours=25)
    with Ledger.open(closed, create=False, clock=lambda: tomorrow) as ledger:
        check = ledger.deferred_check()
        assert check is not None
        assert sessions.last_failure(closed) == ""
        with pytest.raises(LedgerUnavailable, match="damaged") as found:
            check()
        assert found.value.code == "damaged"
        assert "whole-file check failed at" in sessions.last_failure(closed)
        assert "damaged" in sessions.last_failure(closed)
    with pytest.raises(LedgerUnavailable, match="damaged"):
        Ledger.open(closed, create=False, clock=lambda: tomorrow)


def test_a_deferred_check_finishing_after_the_close_records_nothing(closed: Path) -> None:
    tomorrow = utc_now() + timedelta(hours=25)
    ledger = Ledger.open(closed, create=False, clock=lambda: tomorrow)
    check = ledger.deferred_check()
    assert check is not None
    ledger.close()
    check()  # passes, but the session is over: the next open's decision is unchanged
    assert _opened(closed, clock=lambda: tomorrow) == (False, sessions.DAILY)


def test_a_deferred_check_stopped_by_the_app_closing_leaves_it_due(closed: Path) -> None:
    tomorrow = utc_now() + timedelta(hours=25)
    with Ledger.open(closed, create=False, clock=lambda: tomorrow) as ledger:
        check = ledger.deferred_check(stop=lambda: True)
        assert check is not None
        check()  # gives up: no verdict, no failure
        assert ledger.session is not None and ledger.session.deferred
    assert _opened(closed, clock=lambda: tomorrow) == (False, sessions.DAILY)


def test_the_sync_job_start_leaves_the_daily_check_to_the_kiosk(closed: Path) -> None:
    """A callable check (the sync job's per-table one) is not run for the daily check."""
    called: list[bool] = []

    def per_table(_: object) -> bool:
        called.append(True)
        return True

    tomorrow = utc_now() + timedelta(hours=25)
    assert _opened(closed, clock=lambda: tomorrow, check=per_table) == (False, sessions.DAILY)
    assert called == []


def test_a_second_session_opens_cheaply_and_the_last_out_closes_the_record(closed: Path) -> None:
    first = Ledger.open(closed, create=False)
    try:
        assert _opened(closed) == (False, "open in another session")
    finally:
        first.close()
    assert _opened(closed) == (False, "closed cleanly, checked within the day")


def test_a_check_that_found_damage_stays_due(closed: Path) -> None:
    """The sync job's per-table check may find damage it can push past: the next start still
    checks (and refuses to sell, see test_failures)."""
    stat = closed.stat()
    os.utime(closed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    changed = "the file changed outside a session"
    assert _opened(closed, check=lambda _: False) == (False, changed)
    assert _opened(closed) == (True, "a check is pending")


def test_a_checkpointer_open_at_close_does_not_make_the_next_open_check(
    closed: Path, footprint: Footprint
) -> None:
    """The kiosk closes its ledger while the Checkpointer's connection is still open (it
    closes last, and must not change the file after the record was written)."""
    other = db.connect(closed)
    try:
        with Ledger.open(closed, create=False) as ledger:
            sell(ledger, footprint)
            assert Path(f"{closed}-wal").stat().st_size > 0
    finally:
        other.close()
    assert _opened(closed) == (False, "closed cleanly, checked within the day")


def test_read_only_and_unchecked_opens_leave_the_record_alone(closed: Path) -> None:
    with Ledger.open(closed, create=False, check=False) as ledger:
        assert ledger.session is None
    with Ledger.open(closed, create=False, read_only=True) as ledger:
        assert ledger.session is None
    assert _opened(closed) == (False, "closed cleanly, checked within the day")
