"""The footprint engine: scenario answers in, a breakdown in integer grams out.

Grams, not kilograms, because the ledger stores integer grams and every figure on a certificate
must add up exactly: each line is quantity x factor (divided by the people sharing it) rounded
half-up to the gram, and the total is the sum of the lines. Only the grams are rounded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NotRequired, TypedDict

from kiosk.activities import MAPPERS, Activity, choose_grid
from kiosk.cities import City, load_cities
from kiosk.factors import FactorTable, load_factors
from kiosk.scenarios import Answer, get_scenario, parse_answers
from kiosk.venues import Venue, get_venue

_GRAMS_PER_KG = Decimal(1000)
GRID_PREFIXES = ("electricity_", "car_electric")
_ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class Line:
    activity: str
    quantity: Decimal
    unit: str
    factor_kg_per_unit: Decimal
    grams: int
    source: str
    detail: Mapping[str, str] = field(default_factory=dict)
    cite: str = ""  # the factor's short citation, for a one-line sources note
    share: int = 1  # people sharing the quantity (guests in a room, people in a car, a household)

    @property
    def kg(self) -> Decimal:
        return Decimal(self.grams) / _GRAMS_PER_KG


class StoredLine(TypedDict):
    """A breakdown line as the ledger stores it (Order.lines): one of to_json's lines without
    its source text and kg (kiosk.ledger.drafts.stored_line)."""

    activity: str
    quantity: float
    unit: str
    factor_kg_per_unit: float
    g: int
    share: NotRequired[int]
    detail: NotRequired[dict[str, str]]


@dataclass(frozen=True, slots=True)
class Footprint:
    scenario: str
    venue: str
    answers: Mapping[str, Answer]
    lines: tuple[Line, ...]
    factors_version: str

    @property
    def total_grams(self) -> int:
        return sum(line.grams for line in self.lines)

    @property
    def total_kg(self) -> Decimal:
        return Decimal(self.total_grams) / _GRAMS_PER_KG

    @property
    def grid_factors(self) -> tuple[str, ...]:
        """Factor ids of the lines priced on an electricity grid (home power, an electric car):
        the result says which grid was used, as the venue or its province chose it."""
        ids = (line.activity for line in self.lines)
        return tuple(dict.fromkeys(i for i in ids if i.startswith(GRID_PREFIXES)))

    def to_json(self) -> dict[str, Any]:
        """The `diandian footprint --json` object; kg figures are exact to the gram."""
        return {
            "scenario": self.scenario,
            "venue": self.venue,
            "total_kg": float(self.total_kg),
            "total_g": self.total_grams,
            "lines": [
                {
                    "activity": line.activity,
                    "quantity": float(line.quantity),
                    "unit": line.unit,
                    "factor_kg_per_unit": float(line.factor_kg_per_unit),
                    "kg": float(line.kg),
                    "g": line.grams,
                    "source": line.source,
                    **({"share": line.share} if line.share != 1 else {}),
                    **({"detail": dict(line.detail)} if line.detail else {}),
                }
                for line in self.lines
            ],
            "answers": {key: _plain(value) for key, value in self.answers.items()},
            "factors_version": self.factors_version,
        }


def _plain(value: Answer) -> Any:
    if isinstance(value, City):  # a named non-primary airport ("CTU") is kept, by its code
        primary = load_cities().get(value.id).iata[:1]
        return value.iata[0] if value.iata[:1] != primary else value.id
    if isinstance(value, Decimal):
        return float(value)
    return value


def line_for(activity: Activity, table: FactorTable) -> Line:
    factor = table[activity.factor_id]
    exact = activity.quantity * factor.kg_per_unit * _GRAMS_PER_KG
    if activity.share != 1:
        exact /= activity.share
    grams = exact.quantize(_ONE, rounding=ROUND_HALF_UP)
    return Line(
        activity=factor.id,
        quantity=activity.quantity,
        unit=factor.unit,
        factor_kg_per_unit=factor.kg_per_unit,
        grams=int(grams),
        source=factor.source,
        detail=activity.detail,
        cite=factor.cite,
        share=activity.share,
    )


def compute(
    scenario_id: str,
    raw_answers: Mapping[str, Any],
    *,
    venue: Venue | None = None,
    table: FactorTable | None = None,
) -> Footprint:
    """Check the answers and work out the footprint; bad input raises InputError."""
    venue = venue or get_venue()
    table = table or load_factors()
    scenario = get_scenario(scenario_id)
    answers = parse_answers(scenario, raw_answers, venue_city=venue.city)
    grid = choose_grid(venue.grid, venue.city, table)
    activities = MAPPERS[scenario.id](answers, table, grid)
    return Footprint(
        scenario=scenario.id,
        venue=venue.id,
        answers=answers,
        lines=tuple(line_for(activity, table) for activity in activities),
        factors_version=table.version,
    )
