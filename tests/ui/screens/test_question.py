"""Answers mean what the visitor meant: a default is replaced, a refused value is refused on
its own page and never counted, a misspelt city gets suggestions."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def _press(window, keys: str) -> None:
    for key in keys:
        window.question.keypad.press(key)


def test_the_first_key_replaces_the_default(kiosk):
    window, pilot = kiosk("demo-hotel")
    pilot.start("hotel_stay")
    assert window.question.question.key == "nights"
    assert window.question.keypad.lblDisplay.text() == "1"  # the default night
    _press(window, "3")
    assert window.question.keypad.text() == "3"
    assert window.session.answers["nights"] == 3
    window.question.keypad.press("⌫")
    _press(window, "2")
    assert window.session.answers["nights"] == 2  # after the first key, keys append as usual


def test_a_metro_from_beijing_is_refused_on_its_own_page(kiosk, qtbot):
    window, pilot = kiosk()
    pilot.start("trip")
    pilot.answer("beijing")
    assert window.question.question.key == "mode"
    next(b for b in window.question.choiceButtons if b.objectName() == "btnChoice_metro").click()
    assert not window.question.advanceTimer.isActive()  # no move on is even scheduled
    assert window.question.question.key == "mode" and window.current() is window.question
    assert window.question.problem == "mode_distance" and window.question.lblError.isVisible()
    assert "mode" not in window.session.answers
    assert not any(b.isChecked() for b in window.question.choiceButtons)
    window.question.btnNext.click()
    assert window.question.question.key == "mode"  # no way on with a refused answer
    pilot.answer("high_speed_rail")
    assert window.question.question.key != "mode"


def test_an_out_of_range_number_says_what_is_allowed_and_is_never_counted(kiosk):
    window, pilot = kiosk("demo-hotel")
    pilot.start("hotel_stay")
    _press(window, "2")
    counted = window.question.lblTotal.text()
    assert any(ch.isdigit() for ch in counted)
    _press(window, "00")  # 200 nights
    error = window.question.lblError.text()
    assert "200" in error and "60" in error  # what was typed, and what is allowed
    assert not any(ch.isdigit() for ch in window.question.lblTotal.text())
    window.question.btnNext.click()
    assert window.question.question.key == "nights"


def test_a_misspelt_city_offers_the_closest_ones_and_stale_errors_clear(kiosk):
    window, pilot = kiosk()
    pilot.start("trip")
    picker = window.question.cityPicker
    window.question.btnNext.click()  # no city yet
    assert window.question.lblError.isVisible()
    for char in "chengdo":
        picker.keyboard.type(char)
    assert not window.question.lblError.isVisible()  # typing again clears it
    shown = [b.text() for b in picker.resultButtons if b.isVisible()]
    assert shown and "成都" in shown[0]
    picker.resultButtons[0].click()
    assert window.session.answers["origin"].id == "chengdu"


def test_the_destination_question_offers_the_kiosks_city_not_departure_cities(kiosk):
    window, pilot = kiosk("demo-scenic", lang="en")
    pilot.start("scenic_visit")
    pilot.answer("chengdu")
    pilot.answer("car_petrol")
    for _ in range(12):
        if window.question.question.key == "destination":
            break
        window.question.btnNext.click()
    picker = window.question.cityPicker
    assert picker.lblHint.text() == "You are here"
    assert [b.text() for b in picker.resultButtons if b.isVisible()] == ["Dujiangyan (都江堰)"]
    label = window.question.lblQuestion.text()
    assert "venue" not in label.lower() and label.endswith("?")


def test_an_electric_car_is_an_electric_car_and_every_title_is_a_question(kiosk):
    window, pilot = kiosk()
    pilot.start("trip")
    pilot.answer("beijing")
    texts = {b.objectName(): b.text() for b in window.question.choiceButtons}
    assert texts["btnChoice_car_electric"] == "电动汽车"  # 电动车 is an e-bike
    for _ in range(12):
        title = window.question.lblQuestion.text()
        assert "？" in title or "?" in title, title
        if window.question.question.key == "mode":
            pilot.answer("high_speed_rail")
        else:
            window.question.btnNext.click()
        if window.current() is not window.question:
            break


def test_an_accepted_choice_moves_on_after_a_moment_and_only_from_its_own_page(kiosk, qtbot):
    window, pilot = kiosk()
    pilot.start("trip")
    pilot.answer("beijing")
    assert window.question.question.key == "mode"
    rail = next(
        b for b in window.question.choiceButtons if b.objectName() == "btnChoice_high_speed_rail"
    )
    rail.click()
    assert window.question.advanceTimer.isActive()  # shown selected for a moment first
    assert window.question.question.key == "mode"
    with qtbot.waitSignal(window.question.nextRequested, timeout=5000):
        pass
    assert window.question.question.key != "mode"
    # a choice, then Back before the moment is over: the page Back shows is not skipped
    window.question.btnBack.click()
    assert window.question.question.key == "mode"
    rail = next(
        b for b in window.question.choiceButtons if b.objectName() == "btnChoice_high_speed_rail"
    )
    rail.click()
    assert window.question.advanceTimer.isActive()
    window.question.btnBack.click()
    assert not window.question.advanceTimer.isActive()  # stopped with its page: nothing to fire
    assert window.question.question.key == "origin"
