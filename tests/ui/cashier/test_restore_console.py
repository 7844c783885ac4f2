"""Restoring a backup from the console's admin panel (headless, real ledger files): the plan
lists what would be lost, the confirmation needs that number typed, an unacknowledged restore
changes nothing, and afterwards serials continue past every one the old ledger issued, on this
console's own writer too (which reopens the ledger), also when the ledger was damaged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk import admin
from kiosk.accounts import Account
from kiosk.cashier_ops import NotAllowed
from kiosk.ledger import Ledger
from kiosk.ledger.restore_plan import MARGIN
from tests.ui.cashier.conftest import open_order, pay, settle
from ui.cashier.restore import BackupRestore

pytestmark = pytest.mark.gui


def _files(path: Path) -> tuple[bytes, bytes]:
    """The ledger's bytes: the file and its WAL (the -shm is shared memory, not content)."""
    wal = Path(f"{path}-wal")
    return path.read_bytes(), wal.read_bytes() if wal.exists() else b""


def _sell(path: Path, count: int) -> list[int]:
    return [pay(path, open_order(path).id).serial for _ in range(count)]


def _back_up(qtbot, panel) -> Path:
    panel.back_up()
    qtbot.waitUntil(lambda: "Backed up" in panel.lblMessage.text(), timeout=30_000)
    [found] = admin.backups()
    return found


def _plan_shown(qtbot, panel, row: int = 0):
    panel.restore.lstBackups.setCurrentRow(row)
    assert panel.restore.btnRestore.isEnabled()
    panel.restore.btnRestore.click()
    qtbot.waitUntil(
        lambda: panel.restore.dialog is not None and panel.restore.dialog.isVisible(),
        timeout=30_000,
    )
    return panel.restore.dialog


def _pay_on_the_consoles_writer(qtbot, window, ledger_path: Path) -> int:
    """A sale paid through the console's own writer thread (which the restore made reopen)."""
    order = open_order(ledger_path)
    paid = []
    window.ctx.workers.write(
        lambda ledger: ledger.pay(order.id, method="card", cashier="root"), paid.append
    )
    settle(window)
    qtbot.waitUntil(lambda: bool(paid), timeout=30_000)
    return paid[0].serial


def test_backups_are_listed_newest_first_with_time_and_size(console, home):
    window = console("root")
    panel = window.show_panel("admin")
    folder = home / "backups"
    folder.mkdir()
    for stamp in ("20260101-080000", "20260103-093000", "20260102-120000"):
        (folder / f"ledger-{stamp}.sqlite").write_bytes(b"x" * 2500)
    panel.entered()
    items = [panel.restore.lstBackups.item(i).text() for i in range(3)]
    assert items[0].startswith("2026-01-03 09:30:00 UTC · 2 KB · ledger-20260103-093000")
    assert [text[:10] for text in items] == ["2026-01-03", "2026-01-02", "2026-01-01"]
    assert not panel.restore.btnRestore.isEnabled()  # nothing chosen yet


def test_an_older_backup_shows_the_lost_orders_and_restores_only_when_acknowledged(
    console, ledger_path, qtbot
):
    window = console("root")
    panel = window.show_panel("admin")
    _sell(ledger_path, 2)
    _back_up(qtbot, panel)
    panel.entered()
    later = [pay(ledger_path, open_order(ledger_path).id) for _ in range(2)]
    highest = later[-1].serial
    dialog = _plan_shown(qtbot, panel)
    assert dialog.lstLost.count() == 2
    assert all(order.code in dialog.lstLost.item(i).text() for i, order in enumerate(later))
    assert "2 paid order(s)" in dialog.lblPlan.text()
    assert f"serial {highest + 1}" in dialog.lblAfter.text()
    before = _files(ledger_path)
    assert not dialog.btnRestore.isEnabled()
    dialog.edtConfirm.setText("1")
    assert not dialog.btnRestore.isEnabled()
    dialog._confirm()  # a click on the disabled button does nothing
    # Past the dialog, the core refuses an unacknowledged loss too: one line, nothing changed.
    panel.restore._restore(dialog.plan, 0)
    settle(window)
    qtbot.waitUntil(lambda: "nothing was changed" in panel.lblMessage.text(), timeout=30_000)
    assert "2 paid order(s)" in panel.lblMessage.text()
    assert _files(ledger_path) == before
    assert not list(ledger_path.parent.glob("*before-restore*"))
    dialog.edtConfirm.setText("2")
    assert dialog.btnRestore.isEnabled()
    dialog.btnRestore.click()
    settle(window)
    qtbot.waitUntil(lambda: "Restored" in panel.lblMessage.text(), timeout=30_000)
    assert f"serial {highest + 1}" in panel.lblMessage.text()
    assert pay(ledger_path, open_order(ledger_path).id).serial == highest + 1
    assert _pay_on_the_consoles_writer(qtbot, window, ledger_path) == highest + 2
    panel.verify()
    qtbot.waitUntil(lambda: "sound" in panel.lblMessage.text(), timeout=30_000)
    [kept] = ledger_path.parent.glob("ledger.before-restore-*.sqlite")
    with Ledger.open(kept, create=False, read_only=True) as old:
        assert {o.code for o in old.orders(status="paid")} >= {o.code for o in later}


def test_a_cashier_is_refused_the_restore(console, ledger_path, home, qtbot):
    with Ledger.open(ledger_path, create=False) as ledger:
        ledger.close()
    window = console("root")
    _sell(ledger_path, 1)
    copy = _back_up(qtbot, window.show_panel("admin"))
    window.close()
    cashier = console("alice")
    assert "admin" not in cashier.panels
    said: list[tuple[str, bool]] = []
    section = BackupRestore(cashier.ctx, lambda text, error: said.append((text, error)))
    section.show_backups(admin.backup_files())
    section.lstBackups.setCurrentRow(0)
    before = _files(ledger_path)
    section.restore_selected()
    settle(cashier)
    qtbot.waitUntil(lambda: bool(said) and said[-1][1] is True, timeout=30_000)
    assert said[-1] == ("Only an administrator may do that.", True)
    with pytest.raises(NotAllowed):
        admin.restore_backup(copy, ledger_path, Account("alice", "cashier"))
    assert _files(ledger_path) == before


def test_restoring_onto_a_damaged_ledger_works(console, ledger_path, qtbot):
    window = console("root")
    panel = window.show_panel("admin")
    _sell(ledger_path, 3)
    _back_up(qtbot, panel)
    panel.entered()
    highest = _sell(ledger_path, 1)[-1]
    conn = sqlite3.connect(ledger_path)  # fold the WAL in: the damage must not be shadowed
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with open(ledger_path, "r+b") as handle:
        handle.write(b"NOT A LEDGER!!!\0")
    damaged = ledger_path.read_bytes()
    dialog = _plan_shown(qtbot, panel)
    assert "cannot be used" in dialog.lblPlan.text()
    assert f"{MARGIN} more numbers are skipped" in dialog.lblAfter.text()
    assert "is unknown" in dialog.lblPlan.text()  # not "no paid order is lost"
    assert "No paid order is lost" not in dialog.lblPlan.text()
    assert not dialog.btnRestore.isEnabled() and not dialog.edtConfirm.isVisible()
    dialog.chkUnknown.setChecked(True)  # the admin acknowledges what cannot be listed
    assert dialog.btnRestore.isEnabled()
    dialog.btnRestore.click()
    settle(window)
    qtbot.waitUntil(lambda: "Restored" in panel.lblMessage.text(), timeout=30_000)
    assert "moved aside" in panel.lblMessage.text()
    [kept] = ledger_path.parent.glob("ledger.before-restore-*.sqlite")
    assert kept.read_bytes() == damaged
    serial = _pay_on_the_consoles_writer(qtbot, window, ledger_path)
    assert serial == 3 + MARGIN + 1 and serial > highest
    panel.verify()
    qtbot.waitUntil(lambda: "sound" in panel.lblMessage.text(), timeout=30_000)


def test_the_kiosk_app_carries_on_after_a_restore_from_its_staff_console(kiosk, ledger_path, qtbot):
    """Embedded: the console shares the kiosk's writer, which reopens the restored ledger."""
    from ui.cashier.window import CashierWindow

    window, _pilot = kiosk(lang="en")
    window.workers.wait()
    _sell(ledger_path, 2)
    console = CashierWindow(
        ledger_path, workers=window.workers, account=Account("root", "admin"), parent=window
    )
    console.show()
    panel = console.show_panel("admin")
    _back_up(qtbot, panel)
    panel.entered()
    highest = _sell(ledger_path, 1)[-1]
    dialog = _plan_shown(qtbot, panel)
    dialog.edtConfirm.setText("1")
    dialog.btnRestore.click()
    settle(console)
    qtbot.waitUntil(lambda: "Restored" in panel.lblMessage.text(), timeout=30_000)
    order = open_order(ledger_path)
    paid = []
    window.workers.write(
        lambda ledger: ledger.pay(order.id, method="cash", cashier="k"), paid.append
    )
    window.workers.wait()
    qtbot.waitUntil(lambda: bool(paid), timeout=30_000)
    assert paid[0].serial == highest + 1
    console.close()
