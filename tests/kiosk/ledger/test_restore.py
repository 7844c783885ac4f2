"""Restoring a backup: the plan names what would be lost, an unacknowledged loss changes
nothing, and after a restore no certificate serial or order seq is ever issued twice, with
`ledger verify` accepting the declared gap (and still refusing an undeclared one).

Real ledger files on temp paths; damage, a sync job's lock and a selling till are real too.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk import admin
from kiosk.accounts import Account
from kiosk.cashier_ops import NotAllowed
from kiosk.catalogue import load_demo_catalogue
from kiosk.footprint import Footprint
from kiosk.ledger import Ledger, Order
from kiosk.ledger.backup import backup
from kiosk.ledger.restore import RestoreRefused, compare, restore
from kiosk.ledger.restore_plan import MARGIN
from kiosk.ledger.verify import verify

from .support import open_raw, sell

NewLedger = Callable[[Path], Ledger]
ADMIN, CASHIER = Account("root", "admin"), Account("alice", "cashier")


@dataclass
class Rewound:
    """A ledger with 5 sales, backed up, then 3 more sales (one refunded, one synced) and an
    order left awaiting payment: restoring the backup would lose those 3."""

    path: Path
    backup: Path
    lost_codes: list[str]
    highest_serial: int
    highest_seq: int


def _problems(path: Path) -> list[str]:
    conn = open_raw(path)
    try:
        return verify(conn).problems
    finally:
        conn.close()


def _highest(path: Path) -> tuple[int, int]:
    conn = open_raw(path)
    try:
        return tuple(conn.execute("SELECT max(serial), max(seq) FROM orders").fetchone())
    finally:
        conn.close()


@pytest.fixture
def rewound(new_ledger: NewLedger, footprint: Footprint, tmp_path: Path) -> Rewound:
    path = tmp_path / "kiosk" / "ledger.sqlite"
    ledger = new_ledger(path)
    for _ in range(5):
        sell(ledger, footprint)
    (tmp_path / "backups").mkdir()
    copy = backup(path, tmp_path / "backups" / "ledger-20260101-080000.sqlite").path
    later = [sell(ledger, footprint) for _ in range(3)]
    ledger.void(later[0].id, reason="changed mind", actor="c1")
    entry = ledger.conn.execute(
        "SELECT id FROM outbox WHERE order_id = ? AND event = 'paid'", (later[1].id,)
    ).fetchone()[0]
    ledger.outbox_ack([entry])  # the registry has this one
    waiting = ledger.create_draft(footprint, project_id="demo-wetland", offset_g=500)
    ledger.place(waiting.id)
    ledger.close()
    serial, seq = _highest(path)
    return Rewound(path, copy, [o.code for o in later], serial, seq)


# -- the plan ----------------------------------------------------------------------------------


def test_the_plan_lists_the_paid_orders_only_the_current_ledger_has(rewound: Rewound) -> None:
    plan = compare(rewound.backup, rewound.path)
    assert plan.report.ok
    assert (plan.in_backup.orders, plan.in_backup.paid, plan.in_backup.serial) == (5, 5, 5)
    assert plan.current is not None and plan.current.paid == 8 and plan.current.orders == 9
    assert [o.code for o in plan.lost] == rewound.lost_codes
    assert [o.serial for o in plan.lost] == [6, 7, 8]
    assert [o.at_registry for o in plan.lost] == [False, True, False]
    assert plan.unpaid_dropped == 1
    assert plan.taken_at == "2026-01-01T08:00:00.000Z"  # the one stored form (kiosk.timestamps)
    assert (plan.next_serial, plan.next_seq) == (
        rewound.highest_serial + 1,
        rewound.highest_seq + 1,
    )
    assert plan.margin == 0 and plan.skipped_serials == (6, 8)
    text = "\n".join(plan.lines())
    assert "paid orders lost from this kiosk: 3" in text and rewound.lost_codes[0] in text


def test_a_refund_made_after_the_backup_counts_as_lost(
    new_ledger: NewLedger, footprint: Footprint, tmp_path: Path
) -> None:
    path = tmp_path / "ledger.sqlite"
    ledger = new_ledger(path)
    paid = sell(ledger, footprint)
    copy = backup(path, tmp_path / "copy.sqlite").path
    ledger.void(paid.id, reason="refund", actor="c1")
    [lost] = compare(copy, path).lost
    assert (lost.serial, lost.kind) == (paid.serial, "refund")


# -- refusals: nothing changes -----------------------------------------------------------------


@pytest.mark.parametrize("accept_loss", [None, 0, 2, 4])
def test_a_loss_not_acknowledged_exactly_is_refused_and_changes_nothing(
    rewound: Rewound, accept_loss: int | None
) -> None:
    before = rewound.path.read_bytes()
    with pytest.raises(RestoreRefused) as refused:
        restore(rewound.backup, rewound.path, actor="root", accept_loss=accept_loss)
    assert "3 paid order(s)" in str(refused.value) and "nothing was changed" in str(refused.value)
    assert "\n" not in str(refused.value)
    assert rewound.path.read_bytes() == before
    assert not list(rewound.path.parent.glob("*before-restore*"))


def test_a_cashier_can_neither_plan_nor_restore(rewound: Rewound) -> None:
    before = rewound.path.read_bytes()
    with pytest.raises(NotAllowed):
        admin.restore_plan(rewound.backup, rewound.path, CASHIER)
    with pytest.raises(NotAllowed):
        admin.restore_backup(rewound.backup, rewound.path, CASHIER, accept_loss=3)
    assert rewound.path.read_bytes() == before


def test_a_running_sync_job_blocks_the_restore(rewound: Rewound) -> None:
    before = rewound.path.read_bytes()
    fd = os.open(f"{rewound.path}.sync.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # what sync/lock.py holds while a job runs
        with pytest.raises(RestoreRefused, match="sync job is running"):
            restore(rewound.backup, rewound.path, actor="root", accept_loss=3)
    finally:
        os.close(fd)
    assert rewound.path.read_bytes() == before


def test_another_kiosks_backup_is_refused(
    rewound: Rewound, new_ledger: NewLedger, footprint: Footprint, tmp_path: Path
) -> None:
    other = new_ledger(tmp_path / "other" / "ledger.sqlite")
    sell(other, footprint)
    other.close()
    with pytest.raises(RestoreRefused, match="kiosk"):
        compare(other.path, rewound.path)


# -- restoring ---------------------------------------------------------------------------------


def test_an_acknowledged_restore_continues_after_every_serial_issued(
    rewound: Rewound, footprint: Footprint
) -> None:
    result = admin.restore_backup(rewound.backup, rewound.path, ADMIN, accept_loss=3)
    assert result.report.ok, result.report.problems
    assert not result.replaced and result.kept is not None
    assert _highest(result.kept) == (rewound.highest_serial, rewound.highest_seq)
    assert _highest(rewound.path) == (5, 5)  # the backup's orders
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
    assert _problems(rewound.path) == []
    assert _problems(result.kept) == []  # the kept ledger is whole too


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
    assert _problems(rewound.path) == []


def _garbage_header(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.write(b"NOT A LEDGER!!!\0")


def _sell_after_skip(ledger: Ledger, footprint: Footprint) -> Order:
    """What the damaged ledger drew is unknown: every serial known was skipped, and this
    never-enrolled (demo) kiosk sells on from fresh invented serials, never from one held."""
    held = {r.serial for o in ledger.orders(limit=1000) for r in o.ranges()}
    again = sell(ledger, footprint)
    (fresh,) = again.ranges()
    assert held and fresh.serial not in held and fresh.from_g == 0
    assert fresh.serial > max(held)  # numbered after every invented serial before it
    return again


def test_restoring_over_a_damaged_ledger_moves_it_aside_and_skips_a_margin(
    rewound: Rewound, footprint: Footprint
) -> None:
    _garbage_header(rewound.path)
    damaged = rewound.path.read_bytes()
    plan = compare(rewound.backup, rewound.path)
    assert plan.current is None and "damaged" in plan.current_problem
    assert plan.margin == MARGIN and plan.lost == () and plan.lost_unknown
    with pytest.raises(NotAllowed):
        admin.restore_backup(rewound.backup, rewound.path, CASHIER)
    result = admin.restore_backup(rewound.backup, rewound.path, ADMIN, accept_unknown_loss=True)
    assert result.replaced and result.kept is not None
    assert result.kept.read_bytes() == damaged  # the damaged file, untouched, for forensics
    with Ledger.open(rewound.path, create=False) as ledger:
        again = _sell_after_skip(ledger, footprint)
    assert again.serial > rewound.highest_serial and again.serial == 5 + MARGIN + 1
    assert _problems(rewound.path) == []


def test_a_damaged_orders_page_still_gives_its_counters(
    rewound: Rewound, footprint: Footprint
) -> None:
    """A damaged file is read as far as it goes: the counters survive a broken orders page."""
    conn = sqlite3.connect(rewound.path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (page,) = conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'orders' AND pagetype = 'leaf' ORDER BY path"
    ).fetchone()
    conn.close()
    with open(rewound.path, "r+b") as handle:
        handle.seek((page - 1) * page_size)
        handle.write(os.urandom(page_size))
    plan = compare(rewound.backup, rewound.path)
    assert plan.current is None and "counters" in " ".join(plan.sources)
    assert plan.next_serial == rewound.highest_serial + MARGIN + 1
    assert plan.lost_unknown  # the orders page is gone: which were paid cannot be told
    result = restore(rewound.backup, rewound.path, actor="root", accept_unknown_loss=True)
    assert result.report.ok and result.replaced


def test_losses_a_damaged_ledger_cannot_show_are_unknown_not_zero(rewound: Rewound) -> None:
    """The plan once printed "paid orders lost: 0" for a ledger it could not read, and the
    restore needed no acknowledgement: three paid orders went unmentioned."""
    _garbage_header(rewound.path)
    damaged = rewound.path.read_bytes()
    plan = compare(rewound.backup, rewound.path)
    assert "paid orders lost from this kiosk: unknown" in "\n".join(plan.lines())
    assert "paid orders lost from this kiosk: 0" not in "\n".join(plan.lines())
    for acknowledged in (None, 0):
        with pytest.raises(RestoreRefused, match=r"unknown.*nothing was changed"):
            restore(rewound.backup, rewound.path, actor="root", accept_loss=acknowledged)
    assert rewound.path.read_bytes() == damaged
    result = restore(rewound.backup, rewound.path, actor="root", accept_unknown_loss=True)
    conn = open_raw(rewound.path)
    [state] = conn.execute("SELECT state FROM audit WHERE entity = 'restore'").fetchone()
    conn.close()
    assert json.loads(state)["accepted_loss"] == "unknown"
    assert result.kept is not None and result.kept.read_bytes() == damaged


def test_a_readable_ledger_s_losses_are_known(rewound: Rewound) -> None:
    plan = compare(rewound.backup, rewound.path)
    assert plan.lost_unknown == "" and len(plan.lost) == 3
    assert "paid orders lost from this kiosk: 3" in plan.lines()


def test_other_backups_raise_the_marks_when_the_ledger_is_gone(
    rewound: Rewound, footprint: Footprint
) -> None:
    """The newer backup in the same folder knows serials the lost ledger issued."""
    newer = backup(rewound.path, rewound.backup.parent / "ledger-20260102-080000.sqlite").path
    for suffix in ("", "-wal", "-shm"):
        Path(f"{rewound.path}{suffix}").unlink(missing_ok=True)
    plan = compare(rewound.backup, rewound.path)
    assert "no ledger" in plan.current_problem
    assert plan.next_serial == _highest(newer)[0] + MARGIN + 1
    result = restore(rewound.backup, rewound.path, actor="root")
    assert result.kept is None and result.report.ok


def test_a_new_empty_ledger_of_another_kiosk_takes_the_backups_identity(
    rewound: Rewound, new_ledger: NewLedger, footprint: Footprint, tmp_path: Path
) -> None:
    """The disk was replaced and the app made a new ledger: the backup's kiosk comes back."""
    fresh = new_ledger(tmp_path / "fresh" / "ledger.sqlite")
    fresh_id = fresh.kiosk_id
    fresh.close()
    plan = compare(rewound.backup, fresh.path)
    assert plan.identity_from == fresh_id and plan.margin == MARGIN
    restore(rewound.backup, fresh.path, actor="root")
    with Ledger.open(fresh.path, create=False) as ledger:
        assert ledger.kiosk_id == plan.in_backup.kiosk_id
        assert _sell_after_skip(ledger, footprint).serial == 5 + MARGIN + 1


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
    assert _problems(rewound.path) == []


# -- verify: declared and undeclared gaps -------------------------------------------------------


def test_verify_still_finds_an_undeclared_gap_after_a_restore(rewound: Rewound) -> None:
    restore(rewound.backup, rewound.path, actor="root", accept_loss=3)
    conn = sqlite3.connect(rewound.path)
    conn.execute("UPDATE counters SET value = value + 5 WHERE name = 'serial'")
    conn.commit()
    conn.close()
    assert any("serial counter" in p for p in _problems(rewound.path))


def test_verify_refuses_a_serial_inside_a_declared_gap(rewound: Rewound, footprint) -> None:
    restore(rewound.backup, rewound.path, actor="root", accept_loss=3)
    with Ledger.open(rewound.path, create=False) as ledger:
        sell(ledger, footprint)
        ledger.conn.execute("UPDATE counters SET value = 6 WHERE name = 'serial'")
    found = _problems(rewound.path)
    assert any("serial counter is 6" in p and "issued again" in p for p in found), found


def test_verify_refuses_a_gap_without_a_restore_event(new_ledger, footprint, tmp_path) -> None:
    """The same jump in the counters, made by hand with no audited restore, is a problem."""
    ledger = new_ledger(tmp_path / "ledger.sqlite")
    sell(ledger, footprint)
    ledger.conn.execute("UPDATE counters SET value = 9 WHERE name = 'serial'")
    sell(ledger, footprint)  # serial 10
    ledger.close()
    found = _problems(ledger.path)
    assert any("certificate serials have gaps: missing [2, 3, 4" in p for p in found), found


def test_a_forged_restore_event_breaks_the_audit_chain(rewound: Rewound) -> None:
    restore(rewound.backup, rewound.path, actor="root", accept_loss=3)
    conn = sqlite3.connect(rewound.path)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute(
        "UPDATE audit SET state = json_set(state, '$.skipped_serials', json('[6, 99]'))"
        " WHERE entity = 'restore'"
    )
    conn.commit()
    conn.close()
    assert any("changed after it was written" in p for p in _problems(rewound.path))


def test_a_backup_made_by_an_earlier_version_is_migrated_as_it_is_restored(
    tmp_path: Path, footprint: Footprint
) -> None:
    old = tmp_path / "ledger-20250101-000000.sqlite"
    conn = sqlite3.connect(old)
    dump = Path(__file__).with_name("old_ledgers") / "0001_initial.sql"
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


def test_taking_a_backups_identity_needs_that_kiosks_signing_key(
    new_ledger: NewLedger, tmp_path: Path
) -> None:
    """With the new ledger's key (or none) beside it, the restored kiosk could never issue a
    certificate again: refused until the backup's kiosk's key is put back."""
    from kiosk.certificate.issue import kiosk_key
    from kiosk.certificate.keys import key_path_for

    old = new_ledger(tmp_path / "old" / "ledger.sqlite")
    kiosk_key(old)  # registered in the ledger, so in the backup
    saved = tmp_path / "backup.sqlite"
    backup(old.path, saved)
    old.close()
    fresh = new_ledger(tmp_path / "fresh" / "ledger.sqlite")
    kiosk_key(fresh)
    fresh.close()
    before = fresh.path.read_bytes()

    with pytest.raises(RestoreRefused, match="another kiosk's signing key"):
        restore(saved, fresh.path, actor="root")
    assert fresh.path.read_bytes() == before
    key_path_for(fresh.path).unlink()
    with pytest.raises(RestoreRefused, match="missing"):
        compare(saved, fresh.path)

    key_path_for(fresh.path).write_bytes(key_path_for(old.path).read_bytes())
    restore(saved, fresh.path, actor="root")
    with Ledger.open(fresh.path, create=False) as ledger:
        kiosk_key(ledger)  # certificates can be signed again


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
    assert not _problems(rewound.path)
