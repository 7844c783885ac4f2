"""The footprint engine: scenario answers in, a breakdown in integer grams out.

Grams, not kilograms, because the ledger stores integer grams and every figure on a certificate
must add up exactly: each line is quantity x factor rounded half-up to the gram, and the total
is the sum of the lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kiosk.activities import MAPPERS, Activity
from kiosk.cities import City
from kiosk.factors import FactorTable, load_factors
from kiosk.scenarios import Answer, get_scenario, parse_answers
from kiosk.venues import Venue, get_venue

_GRAMS_PER_KG = Decimal(1000)
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

    @property
    def kg(self) -> Decimal:
        return Decimal(self.grams) / _GRAMS_PER_KG


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
                    **({"detail": dict(line.detail)} if line.detail else {}),
                }
                for line in self.lines
            ],
            "answers": {key: _plain(value) for key, value in self.answers.items()},
            "factors_version": self.factors_version,
        }


def _plain(value: Answer) -> Any:
    if isinstance(value, City):
        return value.id
    if isinstance(value, Decimal):
        return float(value)
    return value


def line_for(activity: Activity, table: FactorTable) -> Line:
    factor = table[activity.factor_id]
    grams = (activity.quantity * factor.kg_per_unit * _GRAMS_PER_KG).quantize(
        _ONE, rounding=ROUND_HALF_UP
    )
    return Line(
        activity=factor.id,
        quantity=activity.quantity,
        unit=factor.unit,
        factor_kg_per_unit=factor.kg_per_unit,
        grams=int(grams),
        source=factor.source,
        detail=activity.detail,
        cite=factor.cite,
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
    activities = MAPPERS[scenario.id](answers, table)
    return Footprint(
        scenario=scenario.id,
        venue=venue.id,
        answers=answers,
        lines=tuple(line_for(activity, table) for activity in activities),
        factors_version=table.version,
    )
