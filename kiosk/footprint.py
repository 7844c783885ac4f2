"""The footprint engine: scenario answers in, a breakdown in integer grams out.

Grams, not kilograms, because the ledger stores integer grams and every figure on a certificate
must add up exactly: each line is quantity x factor (divided by the people sharing it) rounded
half-up to the gram, and the total is the sum of the lines. Only the grams are rounded.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from kiosk.activities import Activity, choose_grid
from kiosk.cities import City, load_cities
from kiosk.factors import Factor, FactorTable, load_factors
from kiosk.mappers import MAPPERS
from kiosk.records import Record
from kiosk.scenarios import Answer, get_scenario, parse_answers
from kiosk.travel_mix import TravelMix
from kiosk.venues import Venue, get_venue

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: `diandian footprint` starts without it
    from typing import Any, NotRequired, TypedDict

_GRAMS_PER_KG = Decimal(1000)
GRID_PREFIXES = ("electricity_", "car_electric")
_ONE = Decimal(1)


class Line(Record):
    """One activity priced: quantity x the factor's kg per unit (divided by the people sharing
    it), in grams. It keeps the factor itself, not copies of its unit, value and source: a
    footprint makes several lines per visit, and the engine makes a hundred thousand a second.
    A frozen record (kiosk/records.py)."""

    FIELDS = ("factor", "quantity", "grams", "detail", "share")
    __slots__ = FIELDS
    factor: Factor
    quantity: Decimal
    grams: int
    detail: Mapping[str, str]
    share: int  # people sharing the quantity (guests in a room, people in a car, a household)

    def __init__(
        self,
        factor: Factor,
        quantity: Decimal,
        grams: int,
        detail: Mapping[str, str] | None = None,
        share: int = 1,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "factor", factor)
        set_(self, "quantity", quantity)
        set_(self, "grams", grams)
        set_(self, "detail", {} if detail is None else detail)
        set_(self, "share", share)

    @property
    def activity(self) -> str:
        return self.factor.id

    @property
    def unit(self) -> str:
        return self.factor.unit

    @property
    def factor_kg_per_unit(self) -> Decimal:
        return self.factor.kg_per_unit

    @property
    def source(self) -> str:
        return self.factor.source

    @property
    def cite(self) -> str:
        """The factor's short citation, for a one-line sources note."""
        return self.factor.cite

    @property
    def kg(self) -> Decimal:
        return Decimal(self.grams) / _GRAMS_PER_KG


if TYPE_CHECKING:

    class StoredLine(TypedDict):
        """A breakdown line as the ledger stores it (Order.lines): one of to_json's lines
        without its source text and kg (kiosk.ledger.drafts.stored_line)."""

        activity: str
        quantity: float
        unit: str
        factor_kg_per_unit: float
        g: int
        share: NotRequired[int]
        detail: NotRequired[dict[str, str]]

else:
    StoredLine = dict  # what a TypedDict is at run time


class Footprint(Record):
    """A scenario's answers and its priced lines: the total is the sum of the lines' grams."""

    FIELDS = ("scenario", "venue", "answers", "lines", "factors_version")
    __slots__ = FIELDS
    scenario: str
    venue: str
    answers: Mapping[str, Answer]
    lines: tuple[Line, ...]
    factors_version: str

    def __init__(
        self,
        scenario: str,
        venue: str,
        answers: Mapping[str, Answer],
        lines: tuple[Line, ...],
        factors_version: str,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "scenario", scenario)
        set_(self, "venue", venue)
        set_(self, "answers", answers)
        set_(self, "lines", lines)
        set_(self, "factors_version", factors_version)

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


def largest_lines(lines: tuple[Line, ...], most: int) -> tuple[tuple[Line, ...], int]:
    """What a result shows line by line: the lines, biggest first; past `most`, the last
    place goes to the rest together (their grams, 0 when every line is shown)."""
    ordered = tuple(sorted(lines, key=lambda line: -line.grams))
    if len(ordered) <= most:
        return ordered, 0
    return ordered[: most - 1], sum(line.grams for line in ordered[most - 1 :])


def _plain(value: Answer) -> Any:
    if isinstance(value, City):  # a named non-primary airport ("CTU") is kept, by its code
        primary = load_cities().get(value.id).iata[:1]
        return value.iata[0] if value.iata[:1] != primary else value.id
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, TravelMix):
        return value.text()
    return value


# A frozen record's __init__ sets each field through object.__setattr__ (as a frozen
# dataclass's did): a Line costs twice what its five slots do. The engine makes four or
# five per footprint, so it fills the slots itself through their descriptors: the same object,
# equal to one made by Line(...) (tests/kiosk/test_footprint_differential.py compares them).
_NEW = object.__new__
_SET_LINE = tuple(Line.__dict__[name].__set__ for name in Line.__slots__)
_SET_FOOTPRINT = tuple(Footprint.__dict__[name].__set__ for name in Footprint.__slots__)
assert Line.__slots__ == ("factor", "quantity", "grams", "detail", "share")
assert Footprint.__slots__ == ("scenario", "venue", "answers", "lines", "factors_version")


def price(activities: list[Activity], table: FactorTable) -> tuple[Line, ...]:
    """Each activity's line: quantity x factor (/ share) rounded half-up to the gram, once.
    An activity with the factor, quantity and share of the one before it (a return leg after
    its outbound leg: the same factor, km and people) gets the same grams without the sums."""
    factors = table.factors
    set_factor, set_quantity, set_grams, set_detail, set_share = _SET_LINE
    lines = []
    last_id, last_quantity, last_share, grams = None, None, 0, 0
    for factor_id, quantity, detail, share in activities:
        factor = factors[factor_id]
        if factor_id != last_id or quantity != last_quantity or share != last_share:
            exact = quantity * factor.kg_per_unit * _GRAMS_PER_KG
            if share != 1:
                exact /= share
            # the rounding passed by position: a keyword to a C method costs more than it
            grams = int(exact.quantize(_ONE, ROUND_HALF_UP))
            last_id, last_quantity, last_share = factor_id, quantity, share
        # the line filled here, not by a call to _line: four or five calls per footprint
        line: Line = _NEW(Line)
        set_factor(line, factor)
        set_quantity(line, quantity)
        set_grams(line, grams)
        set_detail(line, detail)
        set_share(line, share)
        lines.append(line)
    return tuple(lines)


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
    lines = price(MAPPERS[scenario.id](answers, table, grid), table)
    footprint: Footprint = _NEW(Footprint)
    set_scenario, set_venue, set_answers, set_lines, set_version = _SET_FOOTPRINT
    set_scenario(footprint, scenario.id)
    set_venue(footprint, venue.id)
    set_answers(footprint, answers)
    set_lines(footprint, lines)
    set_version(footprint, table.version)
    return footprint
