"""The cashier console's core flow: sign-in and lockout, orders waiting (newest first,
refreshed), scanning a code, paying with the amount check, and the kiosk in another process
moving on when the console takes the payment."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.ledger import Ledger
from tests.ui.cashier.conftest import open_order, pay, settle
from tests.ui.conftest import wait

pytestmark = pytest.mark.gui
KIOSK = Path(__file__).with_name("kiosk_process.py")
ROOT = Path(__file__).resolve().parents[3]


def test_orders_awaiting_payment_newest_first_and_refreshed(console, ledger_path, qtbot):
    first = open_order(ledger_path)
    window = console("alice")
    qtbot.waitUntil(lambda: [o.id for o in window.orders.orders] == [first.id], timeout=30_000)
    second = open_order(ledger_path)  # the kiosk opens another: the timer picks it up
    qtbot.waitUntil(
        lambda: [o.id for o in window.orders.orders] == [second.id, first.id], timeout=30_000
    )
    assert window.orders.lstOrders.count() == 2


def test_a_scanner_typing_the_code_and_enter_selects_the_order(console, qtbot, ledger_path):
    order = open_order(ledger_path)
    window = console("alice")
    scan = window.orders.edtScan
    qtbot.keyClicks(scan, order.code.lower())  # scanners may send lower case
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.orders.selected is not None, timeout=30_000)
    assert window.orders.selected.id == order.id
    assert window.orders.btnPay.isEnabled()


def test_an_unknown_code_says_so(console, qtbot):
    window = console("alice")
    qtbot.keyClicks(window.orders.edtScan, "ZZZZZZ")
    qtbot.keyClick(window.orders.edtScan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.orders.lblMessage.text() != "", timeout=30_000)
    assert "No order" in window.orders.lblMessage.text()


def test_cash_needs_enough_and_the_change_is_shown(console, ledger_path, qtbot):
    order = open_order(ledger_path)  # 100 kg at 9,000 fen/t: ¥9.00
    window = console("alice")
    panel = window.orders
    panel.select(order)
    panel.edtTendered.setText("5")
    assert "short" in panel.lblChange.text()
    panel.pay()
    qtbot.waitUntil(lambda: "tendered is less than" in panel.lblMessage.text(), timeout=30_000)
    with Ledger.open(ledger_path, create=False) as ledger:
        assert ledger.get(order.id).status == "awaiting_payment"
    panel.edtTendered.setText("20")
    assert "11.00" in panel.lblChange.text()
    panel.pay()
    qtbot.waitUntil(lambda: panel.last_paid is not None, timeout=30_000)
    assert "11.00" in panel.lblMessage.text()
    with Ledger.open(ledger_path, create=False) as ledger:
        paid = ledger.get(order.id)
    assert (paid.status, paid.payment_method, paid.cashier) == ("paid", "cash", "alice")


def test_card_needs_no_amount(console, ledger_path, qtbot):
    order = open_order(ledger_path)
    window = console("alice")
    window.findChild(type(window.orders.btnPay), "btnMethod_card").click()
    window.orders.select(order)
    assert not window.orders.edtTendered.isEnabled()
    window.orders.pay()
    qtbot.waitUntil(lambda: window.orders.last_paid is not None, timeout=30_000)
    assert window.orders.last_paid.payment_method == "card"


def test_five_wrong_pins_lock_the_account(console, qtbot):
    window = console()
    signin = window.signin
    signin.cmbAccount.setCurrentText("alice")
    for tries_left in (4, 3, 2, 1):
        signin.edtPin.setText("0000")
        signin.submit()
        qtbot.waitUntil(
            lambda n=tries_left: f"{n} tries left" in signin.lblMessage.text(), timeout=30_000
        )
    signin.edtPin.setText("0000")
    signin.submit()
    qtbot.waitUntil(lambda: "locked until" in signin.lblMessage.text(), timeout=30_000)
    signin.edtPin.setText("1234")  # even the right PIN, now
    signin.lblMessage.clear()
    signin.submit()
    qtbot.waitUntil(lambda: "locked until" in signin.lblMessage.text(), timeout=30_000)
    assert window.ctx.account is None and window.stack.currentWidget() is signin


def test_the_pin_pad_signs_in_too(console, qtbot):
    window = console()
    window.signin.cmbAccount.setCurrentText("alice")
    window.signin.pinpad.enter("1234")
    qtbot.waitUntil(lambda: window.ctx.account is not None, timeout=30_000)
    assert window.ctx.account.name == "alice" and window.orders is not None


def test_a_cashier_gets_no_administration_an_admin_does(console):
    assert "admin" not in console("alice").panels
    assert "admin" in console("root").panels


@pytest.mark.slow
def test_paying_from_the_console_moves_the_kiosk_in_another_process_on(console, ledger_path, qtbot):
    env = {**__import__("os").environ, "PYTHONPATH": str(ROOT)}
    kiosk = subprocess.Popen(
        [sys.executable, str(KIOSK)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(kiosk.stdout.readline, "")))
    reader.start()
    try:
        qtbot.waitUntil(lambda: any(line.startswith("waiting") for line in lines), timeout=60_000)
        code = next(line.split()[1] for line in lines if line.startswith("waiting"))
        window = console("alice")
        panel = window.orders
        qtbot.waitUntil(
            lambda: any(o.code == code for o in panel.orders), timeout=30_000
        )  # listed by the refresh
        panel.edtScan.setText(code)
        panel.scan()
        qtbot.waitUntil(
            lambda: panel.selected is not None and panel.selected.code == code, timeout=30_000
        )
        panel.edtTendered.setText("100")
        panel.pay()
        qtbot.waitUntil(lambda: panel.last_paid is not None, timeout=30_000)
        assert kiosk.wait(60) == 0, kiosk.stderr.read()
        reader.join(60)  # the pipe is at its end: a bound for a loaded machine
        assert f"paid {panel.last_paid.serial}" in [line.strip() for line in lines]
        settle(window)
        qtbot.waitUntil(lambda: not panel.orders, timeout=30_000)  # no longer waiting
    finally:
        if kiosk.poll() is None:
            kiosk.kill()


def test_the_console_suits_a_touch_counter(console, ledger_path, qtbot):
    """Tabs and rows a finger can hit, one PIN field, the change large, no slip for an unpaid
    order."""
    signin = console().signin
    assert not signin.pinpad.lblDisplay.isVisible()  # the keypad types into the one PIN field
    signin.cmbAccount.setCurrentText("alice")
    for digit in "1234":
        signin.pinpad.press(digit)
    assert signin.edtPin.text() == "1234"
    order = open_order(ledger_path)
    pay(ledger_path, open_order(ledger_path).id)
    window = console("alice")
    bar = window.tabs.tabBar()
    assert all(bar.tabRect(i).height() >= 48 for i in range(bar.count()))
    panel = window.orders
    wait(qtbot, lambda: panel.lstOrders.count() >= 1)
    assert panel.lstOrders.visualItemRect(panel.lstOrders.item(0)).height() >= 48
    panel.select(order)
    assert not panel.btnPrint.isEnabled()  # no slip before payment
    panel.edtTendered.setText("20")
    assert panel.lblChange.font().pixelSize() >= 40 or panel.lblChange.fontInfo().pixelSize() >= 40
    panel.pay()
    wait(qtbot, lambda: panel.last_paid is not None)
    assert panel.btnPrint.isEnabled()
    window.show_panel("slips")
    settle(window)
    slips = window.slips
    wait(qtbot, lambda: slips.lstPaid.count() >= 2)
    assert slips.lstPaid.visualItemRect(slips.lstPaid.item(0)).height() >= 48


def test_a_returning_customer_is_found_by_what_they_hold(console, ledger_path, qtbot):
    """The certificate number as printed, the certificate's QR, or the order code."""
    from kiosk.certificate.issue import base_url, kiosk_key
    from kiosk.certificate.of_order import qr_text

    paid = pay(ledger_path, open_order(ledger_path).id)
    with Ledger.open(ledger_path, create=False) as ledger:
        printed = f"{ledger.kiosk_id}-{paid.serial:06d}"
        qr = qr_text(paid, kiosk_key(ledger), base_url(ledger))  # as the slip prints it
    window = console("alice")
    slips = window.show_panel("slips")
    for held in (printed, qr, paid.code.lower()):
        slips.selected = None
        slips.edtFind.setText(held)
        slips.find()
        wait(qtbot, lambda: slips.selected is not None)
        assert slips.selected.id == paid.id, held
    orders = window.show_panel("orders")
    orders.edtScan.setText(printed)
    orders.scan()
    wait(qtbot, lambda: orders.selected is not None and orders.selected.id == paid.id)
