"""The end-of-day report screen (its PDF and CSV totals against the ledger) and the
administration panel (admins only: settings checked before saving, integrity, backups)."""

from __future__ import annotations

import csv
import io

import pypdfium2
import pytest

from kiosk import admin
from kiosk.accounts import Account
from kiosk.cashier_ops import NotAllowed
from kiosk.config import load_settings
from kiosk.ledger import Ledger
from kiosk.ledger.checkpoint import Checkpointer
from kiosk.money import format_fen
from tests.ui.cashier.conftest import open_order, pay
from ui.cashier.report import today_in_china

pytestmark = pytest.mark.gui


def _ledger_totals(ledger_path) -> tuple[int, int, dict[str, int]]:
    """Net fen and grams of today's sales, straight from the orders table."""
    with Ledger.open(ledger_path, create=False) as ledger:
        rows = ledger.conn.execute(
            "SELECT status, payment_method, amount_fen, offset_g FROM orders"
            " WHERE status IN ('paid', 'voided')"
        ).fetchall()
    paid = [r for r in rows if r["status"] == "paid"]
    methods = {m: sum(r["amount_fen"] for r in paid if r["payment_method"] == m) for m in
               ("cash", "card", "mobile")}  # fmt: skip
    return sum(r["amount_fen"] for r in paid), sum(r["offset_g"] for r in paid), methods


def test_the_day_report_pdf_and_csv_agree_with_the_ledger(console, ledger_path, tmp_path, qtbot):
    pay(ledger_path, open_order(ledger_path, 100_000).id, "cash")
    pay(ledger_path, open_order(ledger_path, 200_000).id, "card")
    refunded = pay(ledger_path, open_order(ledger_path, 300_000, "demo-rural-biogas").id, "mobile")
    with Ledger.open(ledger_path, create=False) as ledger:
        ledger.void(refunded.id, reason="changed mind", actor="alice")
    open_order(ledger_path)  # unpaid: not in the money
    net_fen, grams, methods = _ledger_totals(ledger_path)
    window = console("alice")
    panel = window.show_panel("report")
    panel.set_day(today_in_china())
    panel.build()
    qtbot.waitUntil(lambda: panel.report is not None and panel.btnCsv.isEnabled(), timeout=30_000)
    pdf, csv_path = tmp_path / "day.pdf", tmp_path / "day.csv"
    panel.export("pdf", pdf)
    panel.export("csv", csv_path)
    qtbot.waitUntil(lambda: pdf.exists() and csv_path.exists(), timeout=30_000)
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    [total] = [r for r in rows if r["record"] == "total"]
    assert int(total["amount_fen"]) == net_fen and int(total["grams"]) == grams
    by_method = {r["method"]: int(r["amount_fen"]) for r in rows if r["record"] == "total_method"}
    assert by_method == methods
    text = pypdfium2.PdfDocument(pdf.read_bytes())[0].get_textpage().get_text_range()
    assert format_fen(net_fen) in text and "changed mind" in text
    shown = [panel.grid.itemAt(i).widget().text() for i in range(panel.grid.count())]
    assert format_fen(net_fen) in shown

    def closed() -> list:  # saving the till's PDF closed the day (kiosk.day_close)
        with Ledger.open(ledger_path, create=False) as ledger:
            return ledger.conn.execute("SELECT day, closed_by FROM day_closes").fetchall()

    qtbot.waitUntil(lambda: len(closed()) == 1, timeout=30_000)
    assert tuple(closed()[0]) == (today_in_china().isoformat(), "alice")


def test_admin_settings_are_checked_before_they_are_saved(console, home):
    window = console("root")
    panel = window.show_panel("admin")
    panel.spnIdle.setValue(5)  # below the allowed 15 s
    panel.save()
    assert "kiosk.idle_timeout_s" in panel.lblMessage.text()
    assert not (home / "diandian.toml").exists()
    panel.spnIdle.setValue(90)
    panel.cmbPrinterKind.setCurrentText("network")
    panel.edtPrinterWhere.setText("127.0.0.1:9100")
    panel.save()
    assert "saved" in panel.lblMessage.text()
    text = (home / "diandian.toml").read_text(encoding="utf-8")
    assert "idle_timeout_s = 90" in text and 'host = "127.0.0.1"' in text


def test_a_printer_port_that_cannot_be_read_is_refused_not_dropped(console, home):
    window = console("root")
    panel = window.show_panel("admin")
    panel.cmbPrinterKind.setCurrentText("network")
    panel.edtPrinterWhere.setText("127.0.0.1:91OO")  # letters O for zeros
    panel.save()
    assert "printer.port" in panel.lblMessage.text() and "91OO" in panel.lblMessage.text()
    assert not (home / "diandian.toml").exists()
    panel.edtPrinterWhere.setText("127.0.0.1:9101")
    panel.save()
    assert "saved" in panel.lblMessage.text()
    assert load_settings(home / "diandian.toml")[0].printer.port == 9101
    window.show_panel("report")
    panel = window.show_panel("admin")
    assert panel.edtPrinterWhere.text() == "127.0.0.1:9101"


def test_saving_over_a_damaged_settings_file_is_refused_with_line_and_column(console, home):
    damaged = '[kiosk]\nvenue = "demo-expo\n[payment]\nterminal = "simulated"\n'
    (home / "diandian.toml").write_text(damaged, encoding="utf-8")
    window = console("root")
    panel = window.show_panel("admin")
    panel.spnIdle.setValue(60)
    panel.save()
    assert "line 2, column" in panel.lblMessage.text()
    assert (home / "diandian.toml").read_text(encoding="utf-8") == damaged


def test_the_admin_status_says_when_wal_checkpoints_fail(console, ledger_path, qtbot):
    worker = Checkpointer(ledger_path)
    worker.failed("database or disk is full")  # as the kiosk's checkpointer records it
    window = console("root")
    panel = window.show_panel("admin")
    qtbot.waitUntil(lambda: "database or disk is full" in panel.lblStatus.text(), timeout=20_000)
    assert "WAL checkpoints failing since" in panel.lblStatus.text()


def test_admin_checks_the_ledger_and_backs_it_up(console, home, qtbot):
    window = console("root")
    panel = window.show_panel("admin")
    panel.verify()
    qtbot.waitUntil(lambda: "sound" in panel.lblMessage.text(), timeout=30_000)
    panel.back_up()
    qtbot.waitUntil(lambda: "Backed up" in panel.lblMessage.text(), timeout=30_000)
    assert len(admin.backups(home / "backups")) == 1
    assert "ledger-" in panel.lblBackups.text()


def test_sync_now_without_enrolment_reports_it_plainly(console, qtbot):
    window = console("root")
    panel = window.show_panel("admin")
    with qtbot.waitSignal(panel.jobFinished, timeout=60_000) as finished:
        panel.sync_now()
    assert finished.args[0] == "sync" and finished.args[1] == 78  # no registry configured
    assert "failed" in panel.lblMessage.text()
    assert "Traceback" not in panel.lblProgress.text()


def test_a_cashier_is_refused_admin_operations(tmp_path):
    cashier = Account("alice", "cashier")
    with pytest.raises(NotAllowed):
        admin.save(cashier, {"kiosk": {"idle_timeout_s": 60}}, tmp_path / "diandian.toml")
    with pytest.raises(NotAllowed):
        admin.back_up(tmp_path / "ledger.sqlite", cashier, tmp_path)
