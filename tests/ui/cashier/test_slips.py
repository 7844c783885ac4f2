"""Slips and voids from the console: a print to a TCP listener on 127.0.0.1, a print to a
closed port (the order stays paid, its slip failed and listed for reprint), the A6 PDF, a test
print, and voiding with and without a reason (audit row and outbox entry by the ledger)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from kiosk.ledger import Ledger
from tests.fake_printer import FakePrinter
from tests.ui.cashier.conftest import open_order, pay
from tests.ui.conftest import set_printer
from tools.autopilot import wait_until

pytestmark = pytest.mark.gui


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends


def _slip(ledger_path: Path, order_id: str) -> tuple[str, str, str | None]:
    with Ledger.open(ledger_path, create=False) as ledger:
        order = ledger.get(order_id)
    return order.status, order.slip_status, order.slip_error


def test_a_slip_printed_on_a_network_printer(console, ledger_path, home):
    printer = FakePrinter()
    set_printer(home, f'kind = "network"\nhost = "127.0.0.1"\nport = {printer.port}')
    try:
        order = pay(ledger_path, open_order(ledger_path).id)
        window = console("alice")
        panel = window.slips
        panel.select(order)
        panel.reprint()
        wait_until(lambda: "printed" in panel.lblMessage.text(), 20)
    finally:
        data = printer.close()
    assert data.startswith(b"\x1b@") and len(data) > 1000  # a raster slip, really sent
    assert _slip(ledger_path, order.id) == ("paid", "printed", None)


def test_a_closed_port_leaves_the_order_paid_and_listed_for_reprint(console, ledger_path, home):
    set_printer(home, f'kind = "network"\nhost = "127.0.0.1"\nport = {_closed_port()}')
    order = open_order(ledger_path)
    window = console("alice")
    orders = window.orders
    orders.select(order)
    orders.edtTendered.setText("10")
    orders.pay()
    wait_until(lambda: orders.last_paid is not None)
    orders.btnPrint.click()
    wait_until(lambda: _slip(ledger_path, order.id)[1] == "failed", 20)
    status, _slip_status, error = _slip(ledger_path, order.id)
    assert status == "paid" and "refused" in (error or "")
    slips = window.slips
    wait_until(lambda: "1 slip(s) to print again" in slips.lblReprints.text())
    assert slips.orders[0].id == order.id
    assert "Not printed" in orders.lblMessage.text()


def test_save_the_a6_pdf(console, ledger_path, tmp_path):
    order = pay(ledger_path, open_order(ledger_path).id)
    window = console("alice")
    window.slips.select(order)
    target = tmp_path / "cert.pdf"
    window.slips.save_pdf(target)
    wait_until(lambda: target.exists(), 20)
    assert target.read_bytes().startswith(b"%PDF")


def test_test_print_reaches_the_printer(console, home):
    printer = FakePrinter()
    set_printer(home, f'kind = "network"\nhost = "127.0.0.1"\nport = {printer.port}')
    try:
        window = console("alice")
        panel = window.show_panel("printer")
        assert "127.0.0.1" in panel.lblStatus.text()
        panel.test_print()
        wait_until(lambda: "test page" in panel.lblMessage.text() and panel.btnTest.isEnabled())
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


def test_void_with_a_reason_writes_audit_and_outbox_as_the_cashier(console, ledger_path):
    order = pay(ledger_path, open_order(ledger_path).id)
    window = console("alice")
    panel = window.slips
    panel.select(order)
    panel.edtReason.setText("customer changed their mind")
    panel.void()
    wait_until(lambda: "voided" in panel.lblMessage.text())
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
