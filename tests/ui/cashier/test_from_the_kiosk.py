"""The console behind the kiosk's hidden gesture: the staff screen's tool opens it for the
signed-in account, on the kiosk's own workers, and it closes when the staff screen is left."""

from __future__ import annotations

import pytest

from kiosk import accounts
from kiosk.ledger import Ledger

pytestmark = pytest.mark.gui


def test_the_staff_screen_opens_the_console_for_the_signed_in_cashier(kiosk, home, qtbot):
    with Ledger.open(home / "ledger.sqlite") as ledger:
        accounts.create(ledger, "Li", "cashier", "1357", actor="test")
    window, pilot = kiosk()
    window.open_staff()
    pilot.on("staffSignInScreen")
    window.staffSignIn.sign_in("Li", "1357")
    pilot.on("staffScreen")
    tool = window.staff.findChild(type(window.staff.btnDone), "btnTool_cashier")
    tool.click()
    console = window.cashier
    assert console is not None and console.ctx.account.name == "Li"
    assert console.ctx.workers is window.workers  # one writer for both
    assert "admin" not in console.panels
    qtbot.waitUntil(
        lambda: console.orders is not None and not console.orders._refreshing, timeout=30_000
    )
    window.staff.btnDone.click()
    pilot.on("attractScreen")
    assert window.cashier is None


def test_the_kiosk_offers_only_the_configured_languages(kiosk):
    window, _pilot = kiosk(lang="en")
    window.session.default_lang = "en"
    window.langBar.offer(("en", "fr"))
    assert not window.langBar.buttons["zh"].isVisible()
    assert window.langBar.buttons["fr"].isVisible()
    window.set_language("fr")
    window.flow.home()
    assert window.session.lang == "en"
