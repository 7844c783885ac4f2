"""Nicknames: the cap in view, capitals and accents, whole-word pinyin, and the block list."""

from __future__ import annotations

import pytest

from kiosk.footprint import compute
from kiosk.ledger import Ledger

pytestmark = pytest.mark.gui


def _to_nickname(window, pilot):
    pilot.to_result("meal")
    pilot.to_projects()
    next(iter(window.project.cards.values())).click()
    pilot.on("nicknameScreen")
    return window.nickname


def test_the_cap_is_shown_and_latin_names_get_capitals_and_accents(kiosk):
    window, pilot = kiosk(lang="fr")
    screen = _to_nickname(window, pilot)
    keyboard = screen.keyboard
    assert screen.lblCount.text() == "0/20"
    keyboard.btnShift.click()
    keyboard.letterKeys["z"].click()
    keyboard.letterKeys["o"].click()
    keyboard.btnAccents.click()
    keyboard.accentKeys["ë"].click()
    assert screen.edtNickname.text() == "Zoë" and screen.lblCount.text() == "3/20"
    for _ in range(30):
        keyboard.accentKeys["é"].click()
    assert screen.lblCount.text() == "20/20" and len(screen.edtNickname.text()) == 20


def test_pinyin_offers_whole_words(kiosk):
    window, pilot = kiosk()
    screen = _to_nickname(window, pilot)
    keyboard = screen.keyboard
    for char in "xiaoming":
        keyboard.letterKeys[char].click()
    assert "小明" in keyboard.candidates()[:6]
    shown = [b.text() for b in keyboard.candidateButtons if b.isEnabled()]
    keyboard.candidateButtons[shown.index("小明")].click()
    assert screen.edtNickname.text() == "小明" and keyboard.composing == ""


def test_a_blocked_name_is_refused_and_never_shown_on_the_ranking(kiosk):
    window, pilot = kiosk(lang="en")
    screen = _to_nickname(window, pilot)
    screen.keyboard.set_chinese(False)
    for char in "shit":
        screen.keyboard.type(char)
    screen.btnDone.click()
    pilot.settle()
    assert window.current() is screen and screen.lblError.isVisible()
    with Ledger.open(window.workers.path, create=False) as ledger:  # slipped in before the list
        footprint = compute("meal", {"mixed_meals": "100"})
        order = ledger.open_order(footprint, project_id="demo-wetland", nickname="大傻逼")
        ledger.pay(order.id, method="card", cashier="test")
    window.flow.show_ranking("today")
    pilot.on("rankingScreen")
    assert window.ranking.rows[0][1].text() == "Anonymous"
    names = " ".join(cells[1].text() for cells in window.ranking.rows)
    assert "傻逼" not in names
