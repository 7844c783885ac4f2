"""The main window around the flow: the staff gesture and sign-out leave a customer's order
alone, and a visitor's language lasts until the idle reset."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import accounts
from kiosk.ledger import Ledger
from kiosk.order_state import OrderState
from tests.ui.conftest import wait

pytestmark = pytest.mark.gui


def _status(window, order_id: str) -> str:
    with Ledger.open(window.workers.path, create=False) as ledger:
        return ledger.get(order_id).status


def _order_then_gesture(kiosk, home: Path):
    """A visitor's order waiting on the order screen, then staff make the gesture (to take its
    payment, say)."""
    with Ledger.open(home / "ledger.sqlite") as ledger:
        accounts.create(ledger, "Wang", "cashier", "2468", actor="test")
    window, pilot = kiosk()
    pilot.to_result("meal")
    pilot.to_projects()
    order = pilot.to_order()
    window.guard.gestureMade.emit()
    pilot.on("staffSignInScreen")
    return window, pilot, order


def test_the_staff_gesture_leaves_the_waiting_order_payable(kiosk, home: Path, qtbot):
    window, pilot, order = _order_then_gesture(kiosk, home)
    qtbot.wait(300)  # the kiosk polls and writes meanwhile
    pilot.settle()
    assert _status(window, order.id) == OrderState.AWAITING
    window.staffSignIn.btnCancel.click()  # changed their mind: the visitor's order is back
    pilot.on("orderScreen")
    assert window.order.lblCode.text().replace(" ", "") == order.code
    pilot.pay_at_counter(order)
    pilot.on("certificateScreen")


def test_signing_out_to_attract_keeps_the_order_payable_until_its_hold_ends(kiosk, home: Path):
    window, pilot, order = _order_then_gesture(kiosk, home)
    window.staffSignIn.sign_in("Wang", "2468")
    pilot.on("staffScreen")
    assert window.staff.btnResume.isVisible()  # back to the visitor's order is offered
    window.staff.btnDone.click()
    pilot.on("attractScreen")
    pilot.settle()
    assert _status(window, order.id) == OrderState.AWAITING
    paid = pilot.pay_at_counter(order)  # the visitor pays at the counter after all
    assert paid.status == OrderState.PAID


def test_resuming_from_the_staff_screen_shows_the_certificate_of_an_order_paid_meanwhile(
    kiosk, home: Path
):
    window, pilot, order = _order_then_gesture(kiosk, home)
    window.staffSignIn.sign_in("Wang", "2468")
    pilot.on("staffScreen")
    pilot.pay_at_counter(order)  # taken in the console while the staff screen was up
    window.staff.btnResume.click()
    pilot.on("certificateScreen")
    assert window.certificate.cert.order.id == order.id


def test_going_back_to_attract_keeps_the_visitors_language_until_the_idle_reset(kiosk, qtbot):
    window, _pilot = kiosk(idle_timeout_s=0.4, prompt_s=0.2)
    window.attract.btnStart.click()
    window.langBar.buttons["fr"].click()
    window.scenario.btnBack.click()
    assert window.current() is window.attract
    assert window.attract.btnStart.text() != "点击开始" and window.session.lang == "fr"
    wait(qtbot, lambda: window.session.lang == "zh")  # nobody touched it: the next visitor
    assert window.attract.btnStart.text() == "点击开始"
    assert not window.prompt.isVisible()
