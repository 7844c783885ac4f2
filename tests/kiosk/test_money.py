"""The price rule at its edges: round up to the fen, then the venue's minimum charge."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.money import amount_fen, format_fen, format_grams


@pytest.mark.parametrize(
    ("grams", "price", "minimum", "expected"),
    [
        (1_000_000, 8000, 0, 8000),  # exactly one tonne at 80 yuan
        (125, 8000, 0, 1),  # 125 g x 8000 / 1e6 = 1.0 fen exactly
        (126, 8000, 0, 2),  # 1.008 fen rounds UP to 2
        (124, 8000, 0, 1),  # 0.992 fen rounds up to 1
        (1, 1, 0, 1),  # a millionth of a fen still costs a fen
        (0, 8000, 0, 0),
        (364_528, 9000, 0, 3281),  # 3,280.752 -> 3,281
        (364_528, 9000, 5000, 5000),  # the venue's minimum charge wins
        (1_000_000, 8000, 8000, 8000),  # equal to the minimum
        (1_000_001, 8000, 8000, 8001),  # just past a whole tonne
    ],
)
def test_amount_rounds_up_to_the_fen_then_applies_the_minimum(grams, price, minimum, expected):
    assert amount_fen(grams, price, minimum) == expected


@given(st.integers(0, 10**12), st.integers(1, 10**7), st.integers(0, 10**6))
def test_amount_is_the_smallest_whole_fen_covering_the_exact_price(grams, price, minimum):
    fen = amount_fen(grams, price, minimum)
    assert isinstance(fen, int)
    assert fen >= minimum
    assert fen * 1_000_000 >= grams * price  # never less than the credits cost
    if fen > minimum:
        assert (fen - 1) * 1_000_000 < grams * price  # and not a fen more


@pytest.mark.parametrize("bad", [-1, 1.5, "10", True, None])
def test_non_integer_or_negative_inputs_are_refused(bad):
    with pytest.raises(ValueError, match="whole number"):
        amount_fen(bad, 8000)


def test_formats() -> None:
    assert format_fen(123456) == "¥1,234.56"
    assert format_fen(5) == "¥0.05"
    assert format_grams(364_528) == "364.528 kg"
    assert format_grams(12_345_678) == "12.345 t"
