"""Slips and voids from the console: a print to a TCP listener on 127.0.0.1, a print to a
closed port (the order stays paid, its slip failed and listed for reprint), the A6 PDF, a test
print, and voiding with and without a reason (audit row and outbox entry by the ledger)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.certificate.claims import LABELS, for_order
from kiosk.ledger import Ledger
from tests.fake_printer import FakePrinter
from tests.ui.cashier.conftest import open_order, pay, settle
from tests.ui.conftest import set_printer, silent_printer

pytestmark = pytest.mark.gui


def _slip(ledger_path: Path, order_id: str) -> tuple[str, str, str | None]:
    with Ledger.open(ledger_path, create=False) as ledger:
        order = ledger.get(order_id)
    return order.status, order.slip_status, order.slip_error


def test_a_slip_printed_on_a_network_printer(console, ledger_path, home, qtbot):
    printer = FakePrinter()
    set_printer(home, f'kind = "network"\nhost = "127.0.0.1"\nport = {printer.port}')
    try:
        order = pay(ledger_path, open_order(ledger_path).id)
        window = console("alice")
        panel = window.slips
        panel.select(order)
        panel.reprint()
        qtbot.waitUntil(lambda: "printed" in panel.lblMessage.text(), timeout=30_000)
    finally:
        data = printer.close()
    assert data.startswith(b"\x1b@") and len(data) > 1000  # a raster slip, really sent
    assert _slip(ledger_path, order.id) == ("paid", "printed", None)


def test_a_closed_port_leaves_the_order_paid_and_listed_for_reprint(
    console, ledger_path, home, qtbot, closed_port
):
    set_printer(home, f'kind = "network"\nhost = "127.0.0.1"\nport = {closed_port}')
    order = open_order(ledger_path)
    window = console("alice")
    orders = window.orders
    orders.select(order)
    orders.edtTendered.setText("10")
    orders.pay()
    qtbot.waitUntil(lambda: orders.last_paid is not None, timeout=30_000)
    orders.btnPrint.click()
    qtbot.waitUntil(lambda: _slip(ledger_path, order.id)[1] == "failed", timeout=30_000)
    status, _slip_status, error = _slip(ledger_path, order.id)
    assert status == "paid" and "refused" in (error or "")
    slips = window.slips
    qtbot.waitUntil(lambda: "1 slip(s) to print again" in slips.lblReprints.text(), timeout=30_000)
    assert slips.orders[0].id == order.id
    qtbot.waitUntil(lambda: "Not printed" in orders.lblMessage.text(), timeout=30_000)


def test_save_the_a6_pdf(console, ledger_path, tmp_path, qtbot):
    order = pay(ledger_path, open_order(ledger_path).id)
    window = console("alice")
    window.slips.select(order)
    target = tmp_path / "cert.pdf"
    window.slips.save_pdf(target)
    qtbot.waitUntil(lambda: target.exists(), timeout=30_000)
    assert target.read_bytes().startswith(b"%PDF")


def test_test_print_reaches_the_printer(console, home, qtbot):
    printer = FakePrinter()
    set_printer(home, f'kind = "network"\nhost = "127.0.0.1"\nport = {printer.port}')
    try:
        window = console("alice")
        panel = window.show_panel("printer")
        assert "127.0.0.1" in panel.lblStatus.text()
        panel.test_print()
        qtbot.waitUntil(
            lambda: "test page" in panel.lblMessage.text() and panel.btnTest.isEnabled(),
            timeout=30_000,
        )
    finally:
        data = printer.close()
    assert b"Diandian test print" in data


def test_void_needs_a_reason(console, ledger_path):
    order = pay(ledger_path, open_order(ledger_path).id)
    window = console("alice")
    panel = window.slips
    panel.select(order)
    panel.void()
    assert "reason is required" in panel.lblMessage.text()
    assert _slip(ledger_path, order.id)[0] == "paid"


def test_void_with_a_reason_writes_audit_and_outbox_as_the_cashier(console, ledger_path, qtbot):
    order = pay(ledger_path, open_order(ledger_path).id)
    window = console("alice")
    panel = window.show_panel("slips")
    panel.select(order)
    panel.edtReason.setText("customer changed their mind")
    panel.void()
    assert panel.confirm.isVisible()  # asked first, naming the order and the refund
    question = panel.confirm.lblQuestion.text()
    assert order.code[:3] in question and "¥" in question
    assert _slip(ledger_path, order.id)[0] == "paid"
    panel.confirm.btnYes.click()
    qtbot.waitUntil(lambda: "voided" in panel.lblMessage.text(), timeout=30_000)
    with Ledger.open(ledger_path, create=False) as ledger:
        voided = ledger.get(order.id)
        outbox = ledger.conn.execute(
            "SELECT event FROM outbox WHERE order_id = ? ORDER BY id", (order.id,)
        ).fetchall()
        audit = ledger.conn.execute(
            "SELECT actor FROM audit WHERE entity = 'order' AND entity_id = ? AND action = 'void'",
            (order.id,),
        ).fetchall()
    assert (voided.status, voided.voided_by) == ("voided", "alice")
    assert voided.void_reason == "customer changed their mind"
    assert [row[0] for row in outbox] == ["paid", "voided"]
    assert [row[0] for row in audit] == ["alice"]
    assert not panel.btnVoid.isEnabled()  # cannot be voided twice


def test_a_printer_that_never_confirms_leaves_the_slip_for_reprint(
    console, ledger_path, home, qtbot
):
    """A real listener that takes the bytes and never reads or answers: the slip is "sent, not
    confirmed", not "printed", and waits on the reprint list."""
    with silent_printer(home):
        order = pay(ledger_path, open_order(ledger_path).id)
        window = console("alice")
        panel = window.slips
        panel.select(order)
        panel.reprint()
        qtbot.waitUntil(lambda: "did not confirm" in panel.lblMessage.text(), timeout=30_000)
    status, slip, note = _slip(ledger_path, order.id)
    assert (status, slip) == ("paid", "unconfirmed") and "did not answer" in (note or "")
    qtbot.waitUntil(lambda: "1 slip(s) to print again" in panel.lblReprints.text(), timeout=30_000)
    assert panel.orders[0].id == order.id
    assert "sent, not confirmed" in panel.lstPaid.item(0).text()


def test_the_console_says_what_the_certificate_claims_and_a_refund(console, ledger_path, qtbot):
    order = pay(ledger_path, open_order(ledger_path).id)
    window = console("alice")
    panel = window.slips
    panel.select(order)
    qtbot.waitUntil(lambda: panel.lblClaim.text() != "", timeout=30_000)
    with Ledger.open(ledger_path, create=False) as ledger:
        said = for_order(ledger.get(order.id), demo=True)  # this kiosk knows no registry
    assert panel.lblClaim.text().startswith(LABELS[said.title]["en"])
    assert "Demo, not registered" in panel.lblClaim.text()
    panel.edtReason.setText("wrong project")
    panel.void()
    panel.confirm.btnYes.click()  # the refund confirmed
    qtbot.waitUntil(
        lambda: "Refunded: this certificate is void" in panel.lblClaim.text(), timeout=30_000
    )
    assert panel.lblClaim.text().startswith("Void certificate")


def test_a_void_can_be_called_off_at_its_confirmation(console, ledger_path):
    order = pay(ledger_path, open_order(ledger_path).id)
    window = console("alice")
    panel = window.show_panel("slips")
    panel.select(order)
    panel.edtReason.setText("wrong order")
    panel.void()
    panel.confirm.btnNo.click()
    settle(window)
    assert not panel.confirm.isVisible()
    assert _slip(ledger_path, order.id)[0] == "paid"


@pytest.mark.parametrize("panel_name", ["orders", "slips"])
def test_both_panels_find_a_scanned_order_and_mark_its_row(console, qtbot, ledger_path, panel_name):
    """One scan field (ui/cashier/orderpicker.py) for both panels: a code typed in lower case
    with spaces finds the order and highlights it in the list. The slips panel's own copy
    selected the order but left the list's highlight on another row."""
    from PySide6.QtCore import Qt

    awaiting = [open_order(ledger_path) for _ in range(3)]
    paid = [pay(ledger_path, order.id) for order in awaiting[:2]] if panel_name == "slips" else []
    wanted = (paid or awaiting)[-1]
    window = console("alice")
    panel = getattr(window, panel_name)
    scan, listing = (
        (panel.edtScan, panel.lstOrders)
        if panel_name == "orders"
        else (panel.edtFind, panel.lstPaid)
    )
    if panel_name == "slips":
        panel.refresh()
    qtbot.waitUntil(lambda: len(panel.orders) == (2 if paid else 3), timeout=30_000)
    listing.setCurrentRow(len(panel.orders) - 1)  # tap another row first
    assert panel.selected.id != wanted.id
    code = wanted.code.lower()
    qtbot.keyClicks(scan, f" {code[:3]} {code[3:]} ")
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: panel.selected is not None and panel.selected.id == wanted.id, timeout=30_000
    )
    assert panel.orders[listing.currentRow()].id == wanted.id
    assert scan.text() == ""
