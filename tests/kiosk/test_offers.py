"""kiosk.offers: what a visitor can buy when no project covers the whole footprint."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk import offers
from kiosk.catalogue import load_demo_catalogue
from kiosk.credit import CreditModel
from kiosk.errors import InputError
from kiosk.ledger import Stock


def stock(left_g: int, project_id: str = "p") -> Stock:
    """A sell-first project with LEFT_G grams left (its count, no serials to look at)."""
    shipped = load_demo_catalogue().projects[0]
    project = replace(shipped, id=project_id, credit_model=CreditModel.SELL_FIRST)
    return Stock(project=project, granted_g=left_g, reserved_g=0, sold_g=0)


@pytest.mark.parametrize(
    ("typed", "grams"), [("12", 12_000), ("2.5", 2_500), ("2,5", 2_500), (" 0.0015 ", 1)]
)
def test_a_typed_amount_in_kg_is_whole_grams(typed: str, grams: int) -> None:
    assert offers.typed_grams(typed) == grams


@pytest.mark.parametrize(
    "typed", ["", "abc", "-3", "0", "NaN", "inf", "1e9999", "1000001", "1" * 13]
)
def test_anything_else_typed_is_refused_with_its_code(typed: str) -> None:
    with pytest.raises(InputError) as refused:
        offers.typed_grams(typed)
    assert refused.value.code == "offset_range"


def test_a_year_no_project_covers_gets_a_month_and_the_largest() -> None:
    stocks = [stock(5_000_000, "a"), stock(2_000_000, "b")]
    found = offers.offers(stocks, 14_000_000, 14_000_000, year=True)
    assert [(o.kind, o.grams) for o in found] == [("month", 1_166_667), ("largest", 5_000_000)]
    assert offers.offers(stocks, 4_000_000, 4_000_000, year=False) == []  # covered
    assert offers.offers([stock(999)], 5_000, 5_000, year=False) == []  # nothing worth it
