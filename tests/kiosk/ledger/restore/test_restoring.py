"""After an acknowledged restore no certificate serial or order seq is ever issued twice,
whatever was sold meanwhile: by a till selling during the restore, or one holding the lock.

Real ledger files on temp paths; the selling till is a real process.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from kiosk import admin
from kiosk.catalogue import load_demo_catalogue
from kiosk.footprint import Footprint
from kiosk.ledger import Ledger
from kiosk.ledger.restore import RestoreRefused, compare, restore

from ..support import open_raw, sell
from .rewound import ADMIN, Rewound, highest, problems


def test_an_acknowledged_restore_continues_after_every_serial_issued(
    rewound: Rewound, footprint: Footprint
) -> None:
    result = admin.restore_backup(rewound.backup, rewound.path, ADMIN, accept_loss=3)
    assert result.report.ok, result.report.problems
    assert not result.replaced and result.kept is not None
    assert highest(result.kept) == (rewound.highest_serial, rewound.highest_seq)
    assert highest(rewound.path) == (5, 5)  # the backup's orders
    with Ledger.open(rewound.path, create=False) as ledger:
        again = sell(ledger, footprint)
        event = ledger.conn.execute(
            "SELECT actor, state FROM audit WHERE entity = 'restore'"
        ).fetchone()
    assert again.serial == rewound.highest_serial + 1 and again.seq > rewound.highest_seq
    assert event["actor"] == "root"
    state = json.loads(event["state"])
    assert state["skipped_serials"] == [6, rewound.highest_serial]
    assert state["lost_count"] == 3 and state["accepted_loss"] == 3
    assert state["kept"] == result.kept.name
    assert problems(rewound.path) == []
    assert problems(result.kept) == []  # the kept ledger is whole too


def test_restoring_twice_keeps_the_numbers_climbing(rewound: Rewound, footprint: Footprint):
    """Undo a restore by restoring the file it kept: nothing issued in between comes back."""
    first = restore(rewound.backup, rewound.path, actor="root", accept_loss=3)
    with Ledger.open(rewound.path, create=False) as ledger:
        between = sell(ledger, footprint)
    assert first.kept is not None
    plan = compare(first.kept, rewound.path)
    assert [o.serial for o in plan.lost] == [between.serial]
    second = restore(first.kept, rewound.path, actor="root", accept_loss=1)
    assert second.report.ok, second.report.problems
    with Ledger.open(rewound.path, create=False) as ledger:
        assert sell(ledger, footprint).serial == between.serial + 1
    assert problems(rewound.path) == []


def test_a_backup_made_by_an_earlier_version_is_migrated_as_it_is_restored(
    tmp_path: Path, footprint: Footprint
) -> None:
    old = tmp_path / "ledger-20250101-000000.sqlite"
    conn = sqlite3.connect(old)
    dump = Path(__file__).parent.parent / "old_ledgers" / "0001_initial.sql"
    conn.executescript(dump.read_text(encoding="utf-8"))
    conn.close()
    path = tmp_path / "kiosk" / "ledger.sqlite"
    path.parent.mkdir()
    path.write_bytes(old.read_bytes())
    with Ledger.open(path) as ledger:  # the kiosk upgraded (kiosk.checkout.prepare) and sold on
        ledger.ensure_demo_grants(load_demo_catalogue())
        order = ledger.open_order(footprint, project_id="demo-wetland")
        highest = ledger.pay(order.id, method="cash", cashier="c1").serial
    plan = compare(old, path)
    assert plan.report.ok, plan.report.problems
    result = restore(old, path, actor="root", accept_loss=len(plan.lost))
    assert result.report.ok, result.report.problems
    with Ledger.open(path, create=False) as ledger:
        assert sell(ledger, footprint).serial == highest + 1


def test_a_till_selling_during_the_restore_loses_nothing_and_reuses_no_serial(
    rewound: Rewound, spawn, footprint: Footprint
) -> None:
    """Another process keeps selling while the admin restores: a sale that lands between the
    plan and the copy makes the restore start over (or refuse), never vanish uncounted."""
    # 150 sales (a few seconds): the restore races them, and once the till is done a restore
    # goes through, however loaded the machine (an endless till could win every attempt).
    till = spawn(rewound.path, "--project", "demo-wetland", "--offset", "100", "--pause", "0.02",
                 "--count", "150")  # fmt: skip
    till.wait_for("PAID", timeout=60)
    deadline, result = time.monotonic() + 300, None
    while result is None and time.monotonic() < deadline:
        plan = compare(rewound.backup, rewound.path)
        try:
            result = restore(rewound.backup, rewound.path, actor="root", accept_loss=len(plan.lost))
        except RestoreRefused as refused:
            assert "nothing was changed" in str(refused)
    time.sleep(0.5)  # the till sells on (or stops: its open order vanished with the restore)
    till.kill()
    assert result is not None and result.kept is not None
    paid = till.paid()  # order id -> serial, as the till saw pay() return
    owners: dict[int, str] = {}
    for path in (result.kept, rewound.path):
        conn = open_raw(path)
        rows = conn.execute("SELECT id, serial FROM orders WHERE serial IS NOT NULL").fetchall()
        conn.close()
        for order_id, serial in rows:
            assert owners.setdefault(serial, order_id) == order_id, f"serial {serial} reused"
    for order_id, serial in paid.items():
        assert owners.get(serial) == order_id, f"sale {order_id} (serial {serial}) vanished"
    assert problems(rewound.path) == []


def test_a_sale_holding_the_lock_past_the_busy_timeout_is_not_overwritten(
    rewound: Rewound, footprint: Footprint, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy's first steps come back BUSY while a till holds the write lock longer than the
    busy timeout: the check must wait for a step that got the lock, and so see the sale."""
    import threading

    from kiosk.ledger import backup as backup_module
    from kiosk.ledger import db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)  # a till's write longer than the timeout
    with Ledger.open(rewound.path, create=False) as ledger:
        waiting = ledger.place(ledger.create_draft(footprint, project_id="demo-wetland").id)
    holding, busy, sold = threading.Event(), threading.Event(), []

    def till() -> None:
        with Ledger.open(rewound.path, create=False) as ledger, ledger.transaction():
            sold.append(ledger.pay(waiting.id, method="cash", cashier="till"))
            holding.set()
            assert busy.wait(60)  # the lock is held until a copy step came back BUSY

    real_copy, thread = backup_module.copy_in_place, threading.Thread(target=till)

    def copy_while_the_till_holds_the_lock(source, target, check) -> None:
        if not thread.is_alive() and not sold:
            thread.start()
            assert holding.wait(60)

        def step(status: int) -> None:
            if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                busy.set()

        real_copy(source, target, check, on_step=step)

    monkeypatch.setattr(backup_module, "copy_in_place", copy_while_the_till_holds_the_lock)
    lost = len(compare(rewound.backup, rewound.path).lost)
    with pytest.raises(RestoreRefused, match=f"{lost + 1} paid order"):
        restore(rewound.backup, rewound.path, actor="root", accept_loss=lost)
    thread.join(60)
    assert busy.is_set() and not thread.is_alive()
    with Ledger.open(rewound.path, create=False) as ledger:
        assert ledger.get(waiting.id).serial == sold[0].serial  # the sale is there, whole
    assert not problems(rewound.path)
