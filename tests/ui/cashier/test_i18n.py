"""Every string a cashier sees in the Chinese console is Chinese: every panel, and the errors a
busy counter meets (cash short, another kiosk's certificate, no printer, a void to confirm),
walked in Chinese and in English (tests/ui/test_i18n.py holds the comparison and allow-list)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.cashier.conftest import open_order, pay, settle
from tests.ui.conftest import wait
from tests.ui.test_i18n import untranslated, visible_texts

pytestmark = pytest.mark.gui


def _console_walk(console, ledger_path: Path, qtbot) -> dict[str, dict[str, str]]:
    seen = {}
    window = console("root")
    seen["signed-in"] = visible_texts(window)
    orders = window.orders
    order = open_order(ledger_path)
    wait(qtbot, lambda: orders.lstOrders.count() >= 1)
    orders.edtScan.setText(order.code)
    orders.scan()
    wait(qtbot, lambda: orders.selected is not None)
    orders.edtTendered.setText("0.5")
    orders.pay()  # less than due
    wait(qtbot, lambda: orders.lblMessage.isVisible())
    seen["cash-short"] = visible_texts(window)
    orders.edtScan.setText("KZZZZZZZZZ-000009")
    orders.scan()
    settle(window)
    seen["other-kiosk"] = visible_texts(window)
    paid = pay(ledger_path, open_order(ledger_path).id)
    slips = window.show_panel("slips")
    settle(window)
    slips.select(paid)
    slips.reprint()  # no printer configured here
    wait(qtbot, lambda: slips.lblMessage.isVisible() and slips.btnReprint.isEnabled())
    seen["no-printer"] = visible_texts(window)
    slips.edtReason.setText("test")
    slips.void()
    seen["void-confirm"] = visible_texts(window)
    slips.confirm.btnNo.click()
    for panel in ("report", "printer", "admin", "prices", "factors"):
        window.show_panel(panel)
        settle(window)
        seen[panel] = visible_texts(window)
    return seen


def test_the_chinese_console_shows_no_english(console, ledger_path, home: Path, qtbot):
    from ui.i18n import Translations

    translations = Translations(QApplication.instance())
    try:
        translations.use("zh")
        zh = _console_walk(console, ledger_path, qtbot)
        translations.use("en")
        en = _console_walk(console, ledger_path, qtbot)
    finally:
        translations.use("en")
    problems = untranslated(zh, en)
    assert not problems, "\n".join(problems)
