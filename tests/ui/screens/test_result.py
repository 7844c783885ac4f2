"""The result says what was counted and compares like with like."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

pytestmark = pytest.mark.gui


def test_each_bar_says_what_was_counted(kiosk):
    window, pilot = kiosk("demo-hotel", lang="en")
    pilot.to_result("hotel_stay", {"nights": "2", "guests_in_room": "1", "meals": "6",
                                   "meal_type": "meat"})  # fmt: skip
    labels = [label for label, _, _ in window.result.chart.bars]
    assert any("2 nights × 53.5 kg" in label for label in labels), labels
    assert any("6 meals × 2.4 kg" in label for label in labels), labels


def test_the_year_is_not_compared_with_a_national_average(kiosk):
    window, pilot = kiosk(lang="en")
    pilot.to_result("lifestyle")
    citing = {"lblGridFactor", "lblCompareSource"}  # name factors ("grid average"), compare nothing
    shown = [
        w.text()
        for w in window.result.findChildren(QLabel)
        if w.isVisible() and w.objectName() not in citing
    ]
    assert not any("%" in text or "average" in text.lower() for text in shown), shown


def test_french_figures_use_a_decimal_comma(kiosk):
    window, pilot = kiosk(lang="fr")
    pilot.to_result("meal")
    total = window.result.lblTotal.text()
    assert "," in total and "." not in total.split("CO")[0], total
    assert "\u00a0kg" in total
