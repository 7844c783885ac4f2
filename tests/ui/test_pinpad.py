"""The PIN pad takes exactly the PINs an account may have (kiosk.accounts' length rule): it
had its own maximum, which a change to the rule would have left behind."""

from __future__ import annotations

import pytest

from kiosk.accounts import PIN_MAX, PIN_MIN, check_pin_format
from ui.widgets.pinpad import PinPad

pytestmark = pytest.mark.gui


def test_the_pad_stops_at_the_longest_pin_and_opens_at_the_shortest(qtbot) -> None:
    pad = PinPad()
    qtbot.addWidget(pad)
    for _ in range(PIN_MIN - 1):
        pad.press("7")
    assert not pad.btnOk.isEnabled()
    pad.press("7")
    assert pad.btnOk.isEnabled()
    for _ in range(PIN_MAX + 3):
        pad.press("7")
    assert len(pad.pin) == PIN_MAX
    with qtbot.waitSignal(pad.pinEntered) as entered:
        pad.btnOk.click()
    assert check_pin_format(entered.args[0]) == "7" * PIN_MAX
