"""A damaged ledger does not lock the staff out of the one fix: an administrator signs in
against the newest backup (the console, and the kiosk's hidden gesture on its out-of-service
page), restores that backup, and the kiosk serves customers again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.ledger import Ledger
from kiosk.ledger.backup import backup
from tests.ui.cashier.conftest import ADMIN_PIN, CASHIER_PIN, open_order, pay, settle

pytestmark = pytest.mark.gui


def _back_up_then_damage(ledger_path: Path, home: Path) -> None:
    pay(ledger_path, open_order(ledger_path).id)
    (home / "backups").mkdir()
    backup(ledger_path, home / "backups")
    conn = sqlite3.connect(ledger_path)  # fold the WAL in: the damage must not be shadowed
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with open(ledger_path, "r+b") as handle:
        handle.write(b"NOT A LEDGER!!!\0")


def _restore_newest(qtbot, panel) -> None:
    panel.restore.lstBackups.setCurrentRow(0)
    panel.restore.btnRestore.click()
    qtbot.waitUntil(
        lambda: panel.restore.dialog is not None and panel.restore.dialog.isVisible(),
        timeout=30_000,
    )
    panel.restore.dialog.chkUnknown.setChecked(True)  # the damaged ledger's sales: unknown
    panel.restore.dialog.btnRestore.click()
    qtbot.waitUntil(lambda: "Restored" in panel.lblMessage.text(), timeout=30_000)


def test_the_console_signs_an_admin_in_against_the_backup_to_restore(
    console, ledger_path, home, qtbot
):
    _back_up_then_damage(ledger_path, home)
    window = console()
    signin = window.signin
    qtbot.waitUntil(lambda: "cannot be used" in signin.lblMessage.text(), timeout=30_000)
    assert [signin.cmbAccount.itemText(i) for i in range(signin.cmbAccount.count())] == ["root"]

    signin.edtPin.setText("0000")
    signin.submit()
    qtbot.waitUntil(lambda: "Wrong PIN" in signin.lblMessage.text(), timeout=30_000)
    assert window.ctx.account is None
    signin.edtPin.setText(ADMIN_PIN)
    signin.submit()
    qtbot.waitUntil(lambda: window.ctx.account is not None, timeout=30_000)
    settle(window)

    panel = window.show_panel("admin")
    settle(window)
    _restore_newest(qtbot, panel)
    with Ledger.open(ledger_path, create=False) as ledger:
        assert ledger.get(1).status == "paid"  # the backed-up sale is back


def test_a_cashier_cannot_sign_in_on_a_damaged_ledger(console, ledger_path, home, qtbot):
    _back_up_then_damage(ledger_path, home)
    window = console()
    signin = window.signin
    qtbot.waitUntil(lambda: "cannot be used" in signin.lblMessage.text(), timeout=30_000)
    signin.cmbAccount.addItem("alice")  # not offered; typed in anyway
    signin.cmbAccount.setCurrentText("alice")
    signin.edtPin.setText(CASHIER_PIN)
    signin.submit()
    qtbot.waitUntil(lambda: "Only an administrator" in signin.lblMessage.text(), timeout=30_000)
    assert window.ctx.account is None


def test_the_kiosk_out_of_service_is_mended_from_its_own_staff_screen(
    kiosk, ledger_path, home, qtbot
):
    _back_up_then_damage(ledger_path, home)
    window, pilot = kiosk(lang="en")
    pilot.on("outOfServiceScreen")
    for _ in range(5):
        QTest.mouseClick(window.centralWidget(), Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    pilot.on("staffSignInScreen")
    assert "cannot be used" in window.staffSignIn.lblHint.text()
    window.staffSignIn.sign_in("root", ADMIN_PIN)
    pilot.on("staffScreen")

    window.open_cashier()
    console = window.cashier
    panel = console.show_panel("admin")
    settle(console)
    _restore_newest(qtbot, panel)
    window.staff.btnDone.click()
    pilot.on("attractScreen", timeout=10)  # the kiosk tried its ledger again, and it works
    order = pilot.customer("meal")
    with Ledger.open(ledger_path, create=False) as ledger:
        assert ledger.get(order.id).status == "paid"
