"""What a visitor can buy when no project has enough left to offset their whole footprint.

A 46.6 t year against projects with 5 t left each must not end on a wall of "sold out": the
kiosk offers the largest offset one project can still cover, a month of the year (for a
year's footprint), or an amount the visitor chooses, each checked against what is left here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kiosk.comparisons import month_of
from kiosk.errors import InputError
from kiosk.ledger import Stock
from kiosk.money import MAX_GRAMS

MIN_OFFSET_G = 1000  # an offset worth a certificate: 1 kg
MAX_TYPED = 12  # characters of a typed amount in kg ("46600.5" and more is plenty)


@dataclass(frozen=True, slots=True)
class Offer:
    kind: str  # "largest" (what one project can still cover) or "month" (of a year)
    grams: int


def largest(stocks: Iterable[Stock]) -> int:
    """The most one project can still sell here (an order draws on one project)."""
    return max((stock.available_g for stock in stocks), default=0)


def covered(stocks: Iterable[Stock], grams: int) -> bool:
    """Whether at least one project can offset `grams`."""
    return grams > 0 and largest(stocks) >= grams


def offers(stocks: list[Stock], wanted_g: int, footprint_g: int, *, year: bool) -> list[Offer]:
    """What to offer instead when no project covers `wanted_g` (empty when one does, or when
    nothing at all is left); `year`: the footprint is a year's, so a month of it makes sense."""
    most = largest(stocks)
    if covered(stocks, wanted_g) or most < MIN_OFFSET_G:
        return []
    found = []
    month = month_of(footprint_g)
    if year and month < wanted_g and most >= month:
        found.append(Offer("month", month))
    found.append(Offer("largest", most))
    return found


def chosen_amount(grams: int, stocks: list[Stock], footprint_g: int) -> int:
    """An amount the visitor typed, if one project can cover it and it is not more than the
    footprint; InputError (code "offset_range", with the bounds in grams) otherwise."""
    high = min(footprint_g, largest(stocks))
    low = min(MIN_OFFSET_G, high)
    if not low <= grams <= high:
        raise InputError(
            "offset_g",
            f"{grams} g cannot be offset here; allowed from {low} to {high} g",
            "offset_range",
            low_g=low,
            high_g=high,
        )
    return grams


def typed_grams(text: str) -> int:
    """An amount typed in kg ("12", "2.5", or "2,5" as French writes it) in whole grams;
    InputError (code "offset_range") for anything else, or past any order's MAX_GRAMS."""
    cleaned = text.strip().replace(",", ".")
    try:
        kg = Decimal(cleaned) if 0 < len(cleaned) <= MAX_TYPED else Decimal("NaN")
    except InvalidOperation:
        kg = Decimal("NaN")
    if not kg.is_finite() or not 0 < kg * 1000 <= MAX_GRAMS:
        raise InputError("offset_g", f"{text[:MAX_TYPED]!r} is not an amount in kg", "offset_range")
    return int(kg * 1000)
