"""The order screen summarises what is bought and never cancels by accident."""

from __future__ import annotations

import pytest

from kiosk.ledger import Ledger

pytestmark = pytest.mark.gui


def test_the_order_screen_summarises_the_purchase_and_the_minimum_charge(kiosk):
    window, pilot = kiosk(lang="en")
    pilot.to_result("meal")
    pilot.to_projects()
    order = pilot.to_order("demo-wetland", nickname="Mia")
    facts = {key: value.text() for key, (_, value) in window.order.facts.items()}
    assert facts["project"] == "Demo: Dujiangyan wetland restoration"
    assert facts["nickname"] == "Mia" and "kg" in facts["offset"] and "kg" in facts["footprint"]
    assert order.amount_fen == 100  # a meal's credits cost less than the venue's ¥1.00 minimum
    assert window.order.lblMinimum.isVisible()
    assert "¥1.00" in window.order.lblMinimum.text()


def test_cancel_asks_first_and_is_not_where_back_was(kiosk):
    window, pilot = kiosk(lang="en")
    pilot.to_result("meal")
    pilot.to_projects()
    order = pilot.to_order()
    back = window.project.btnBack
    cancel = window.order.btnCancel
    assert cancel.mapTo(window, cancel.rect().center()).x() > window.width() / 2
    assert back.mapTo(window, back.rect().center()).x() < window.width() / 2
    cancel.click()
    assert (
        window.order.confirm.isVisible() and order.code[:3] in window.order.confirm.lblDetail.text()
    )
    window.order.confirm.btnNo.click()  # kept
    pilot.settle()
    assert window.current() is window.order
    with Ledger.open(window.workers.path, create=False) as ledger:
        assert ledger.get(order.id).status == "awaiting_payment"
    cancel.click()
    window.order.confirm.btnYes.click()
    pilot.on("attractScreen")
    pilot.settle()
    with Ledger.open(window.workers.path, create=False) as ledger:
        assert ledger.get(order.id).status == "expired"
