"""Everyday comparisons for a footprint: kilometres in a petrol car, and a year against the
national average per person. Numbers only; the screen words them in the customer's language.

The car comparison divides by the factor table's own petrol-car factor, so it changes with the
table and needs no constant of its own; the national average is a sourced constant in
resources/comparisons.toml.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from kiosk.errors import DataError
from kiosk.factors import FactorTable, load_factors
from kiosk.resources import load_toml

CAR_FACTOR = "car_petrol"  # kg CO2e per vehicle-km
MONTHS = 12


@dataclass(frozen=True, slots=True)
class Average:
    grams: int  # per person per year
    unit: str
    source: str  # publisher, dataset (year) url: one line for a footnote


@dataclass(frozen=True, slots=True)
class YearComparison:
    """A year's footprint beside the national average per person."""

    year_g: int
    average_g: int

    @property
    def percent(self) -> int:
        """The footprint as a whole percentage of the average (100 = exactly average)."""
        return int((Decimal(self.year_g) * 100 / self.average_g).quantize(0, ROUND_HALF_UP))


def car_km(grams: int, table: FactorTable | None = None) -> int:
    """How many km alone in an average petrol car emit `grams` (rounded, at least 1 if any)."""
    factor = (table or load_factors())[CAR_FACTOR].kg_per_unit
    km = (Decimal(grams) / 1000 / factor).quantize(0, ROUND_HALF_UP)
    return max(int(km), 1 if grams > 0 else 0)


@cache
def national_average() -> Average:
    """China's per-person emissions in a year, from resources/comparisons.toml."""
    entry = load_toml("comparisons.toml").get("average", {}).get("china_per_person")
    if not entry or "value_t" not in entry:
        raise DataError("comparisons.toml: missing [average.china_per_person] value_t")
    grams = int(Decimal(entry["value_t"]) * 1_000_000)
    source = f"{entry['publisher']}, {entry['dataset']} ({entry['year']}) {entry['url']}"
    return Average(grams=grams, unit=entry.get("unit", ""), source=source)


def compare_year(year_g: int) -> YearComparison:
    return YearComparison(year_g=year_g, average_g=national_average().grams)


def month_of(year_g: int) -> int:
    """A month's share of a year's footprint, rounded up to the gram (never offsets too little)."""
    return -(-year_g // MONTHS)
