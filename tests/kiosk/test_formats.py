"""One formatting rule per language for every figure a person reads."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk import formats

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("grams", "zh", "fr"),
    [
        (82_163, "82.2 kg", f"82,2{NBSP}kg"),
        (82_150, "82.2 kg", f"82,2{NBSP}kg"),  # half up, on the exact grams
        (350_400, "350 kg", f"350{NBSP}kg"),
        (46_612_345, "46.61 t", f"46,61{NBSP}t"),
        (1_234_567_890, "1,234.57 t", f"1{NNBSP}234,57{NBSP}t"),
    ],
)
def test_mass(grams: int, zh: str, fr: str) -> None:
    assert formats.mass(grams, "zh") == formats.mass(grams, "en") == zh
    assert formats.mass(grams, "fr") == fr


def test_money_in_french_puts_the_sign_after_a_decimal_comma() -> None:
    assert formats.money(1681, "zh") == "¥16.81"
    assert formats.money(1681, "fr") == f"16,81{NBSP}¥"
    assert formats.money(123_456_78, "fr") == f"123{NNBSP}456,78{NBSP}¥"
    assert formats.money(-450, "en") == "-¥4.50"


def test_answers_show_as_typed() -> None:
    assert formats.number(Decimal("2.50"), "en") == "2.5"
    assert formats.number(Decimal("2.5"), "fr") == "2,5"
    assert formats.number(Decimal("10"), "zh") == "10"
    assert formats.number(None, "zh") == ""
