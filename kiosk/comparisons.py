"""Everyday comparisons for a footprint: kilometres alone in a petrol car, and a month of a
year. Numbers only; the screen words them in the customer's language.

The car comparison divides by the factor table's own petrol-car factor, so it changes with the
table and needs no constant of its own. There is deliberately no comparison with a national
average per person: the kiosk asks about a few activities, and a country's whole emissions
divided by its people is not like for like with them.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kiosk.factors import FactorTable

CAR_FACTOR = "car_petrol"  # kg CO2e per vehicle-km
MONTHS = 12


def car_km(grams: int, table: FactorTable | None = None) -> int:
    """How many km alone in an average petrol car emit `grams` (rounded, at least 1 if any)."""
    from kiosk.factors import load_factors  # here: the kiosk's first frame needs no table

    factor = (table or load_factors())[CAR_FACTOR].kg_per_unit
    km = (Decimal(grams) / 1000 / factor).quantize(0, ROUND_HALF_UP)
    return max(int(km), 1 if grams > 0 else 0)


def month_of(year_g: int) -> int:
    """A month's share of a year's footprint, rounded up to the gram (never offsets too little)."""
    return -(-year_g // MONTHS)
