"""The daily whole-file check runs beside the sales, not before them (issue 19): the kiosk
opens its ledger cheaply, checks the file on a pool thread, and goes out of service when the
check finds damage, once no customer is mid-way (kiosk/ledger/sessions.py)."""

from __future__ import annotations

import os
import sqlite3
from datetime import timedelta
from pathlib import Path

from kiosk import admin, checkout
from kiosk.footprint import compute
from kiosk.ledger import Ledger, LedgerUnavailable, db
from kiosk.timestamps import utc_now
from tests.kiosk.ledger.support import damage_page, sell
from tests.ui.conftest import wait

TOMORROW = utc_now() + timedelta(hours=25)  # the daily check is due


def _rotten_ledger(home: Path) -> Path:
    """A ledger closed cleanly today, then one audit page rotted without touching its stat."""
    path = home / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        checkout.prepare(ledger)
        footprint = compute("trip", {"origin": "Beijing", "mode": "flight"})
        for _ in range(40):  # several audit pages: the sales go on writing the last one
            sell(ledger, footprint)
    stat = path.stat()
    damage_page(path, "audit")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return path


def test_damage_found_by_the_daily_check_puts_the_kiosk_out_of_service(kiosk, home, qtbot):
    path = _rotten_ledger(home)
    window, _ = kiosk(clock=lambda: TOMORROW)
    ready: list[bool] = []
    window.ledgerReady.connect(lambda: ready.append(True))
    wait(qtbot, lambda: window.current() is window.outOfService)
    assert window.outOfService.code == "damaged"
    # the start itself went through: the open did not read the whole file first
    assert ready or window.flow.key is not None
    with Ledger.open(path, create=False, read_only=True, check=False) as ledger:
        assert "whole-file check failed" in admin.status(ledger).check_error
    window.workers.wait()


def test_a_customer_mid_way_finishes_before_the_kiosk_goes_out_of_service(kiosk, home, qtbot):
    window, _ = kiosk()
    wait(qtbot, lambda: getattr(window.flow, "key", None) is not None)
    window.go(window.scenario)
    damage = db.unavailable(sqlite3.DatabaseError("corrupt"), home / "ledger.sqlite")
    window._check_failed(damage)
    assert window.current() is window.scenario
    window.go(window.attract)
    assert window.current() is window.outOfService
    assert isinstance(window._damaged, LedgerUnavailable)
    window.ledgerReady.emit()  # the start's own "ready", arriving after the failure
    assert window._damaged is damage
    window.workers.reset()  # a retry reopens the ledger (which checks it first)
    window.ledgerReady.emit()
    assert window._damaged is None
