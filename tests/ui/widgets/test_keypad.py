"""One keypad layout everywhere: the answers' keypad and the PIN pad put every digit in the same
place, phone-style (1 2 3 on top)."""

from __future__ import annotations

import pytest

from ui.widgets.keypad import NumericKeypad

pytestmark = pytest.mark.gui


def _places(pad: NumericKeypad) -> dict[str, tuple[int, int]]:
    grid = pad.grid
    places = {}
    for key, button in pad.keys.items():
        row, column, _, _ = grid.getItemPosition(grid.indexOf(button))
        places[key] = (row, column)
    return places


def test_answers_and_pins_share_one_phone_layout(qtbot):
    answers, pin = NumericKeypad(), NumericKeypad(pin=True)
    qtbot.addWidget(answers)
    qtbot.addWidget(pin)
    assert _places(answers) == _places(pin)
    assert _places(answers)["1"] == (0, 0) and _places(answers)["9"] == (2, 2)


def test_a_value_shown_by_the_page_is_replaced_by_the_first_key(qtbot):
    pad = NumericKeypad()
    qtbot.addWidget(pad)
    pad.set_text("1", fresh=True)
    pad.press("3")
    assert pad.text() == "3"
    pad.press("0")
    assert pad.text() == "30"
