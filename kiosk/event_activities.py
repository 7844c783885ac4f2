"""An event's own footprint, as its organiser offsets it: the hall's energy, the meals served,
the printed material, the hotel rooms booked and the attendees' travel.

The lines follow the emission sources the Ministry of Ecology and Environment's guide for large
events lists (《大型活动碳中和实施指南（试行）》, 2019: purchased electricity, travel, lodging
and catering, materials), each priced with the same factors as a visitor's own footprint: the
hall's kWh on the venue's grid, meals and hotel nights as in a trip, paper as in a shopping
basket, and each group of attendees' travel through the trip engine itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

from kiosk.activities import Activity, Grid, hotel, meals, travel
from kiosk.cities import City
from kiosk.errors import InputError
from kiosk.factors import FactorTable
from kiosk.scenarios import Answer
from kiosk.travel_mix import TravelGroup, TravelMix

MEAL_KINDS = ("meat", "mixed", "vegetarian", "vegan")
# kWh per m² of hall per day: the shipped table has none (no published per-m²-day figure was
# found; resources/factors/SOURCES.md, "Event halls"), so hall_m2 asks for hall_kwh instead.
# A table that carries this constant (an operator's `registry import-factors`) is used.
HALL_CONSTANT = "hall_kwh_per_m2_day"
TENTH = Decimal("0.1")


def _hall(answers: Mapping[str, Answer], table: FactorTable, grid: Grid) -> list[Activity]:
    """The hall's electricity on the venue's grid: metered kWh, or floor area x days x a cited
    per-m²-day figure when the table has one."""
    kwh, m2, days = answers.get("hall_kwh"), answers["hall_m2"], answers["days"]
    assert isinstance(m2, Decimal) and isinstance(days, int)
    if isinstance(kwh, Decimal):
        if m2:
            raise InputError("hall_m2", "give the metered hall_kwh or the hall_m2, not both")
        return [Activity(grid.electricity, kwh)] if kwh else []
    if not m2:
        raise InputError(
            "hall_kwh",
            "an answer is required: the kWh the venue metered for the event (0 for an event "
            "outdoors), or the hall's floor area hall_m2",
        )
    if HALL_CONSTANT not in table.constants:
        raise InputError(
            "hall_m2",
            "this factor table has no published kWh per m² per day for a hall (none was found; "
            "see resources/factors/SOURCES.md); give hall_kwh, the venue's metered kWh",
        )
    per_m2_day = table.constant(HALL_CONSTANT)
    kwh = (m2 * days * per_m2_day).quantize(TENTH)
    detail = {
        "basis": "floor_area",
        "m2": str(m2),
        "days": str(days),
        "per_m2_day": str(per_m2_day),
    }
    return [Activity(grid.electricity, kwh, MappingProxyType(detail))]


def _group_legs(
    index: int,
    group: TravelGroup,
    people: Decimal,
    city: City,
    round_trip: bool,
    table: FactorTable,
    grid: Grid,
) -> list[Activity]:
    """One group's legs from the trip engine for one person, times the people in the group;
    a car carries one attendee (a conservative reading of 'came by car')."""
    trip: dict[str, Answer] = {
        "origin": group.origin,
        "destination": city,
        "mode": group.mode,
        "cabin": "economy",
        "passengers": 1,
        "round_trip": round_trip,
        "distance_km": group.km,
    }
    try:
        legs = travel(trip, table, grid)
    except InputError as exc:
        hint = " (as ORIGIN:MODE:PEOPLE:KM)" if exc.field == "distance_km" else ""
        where = f"group {index} ({group.text()!r})"
        raise InputError("travel", f"{where}: {exc.message}{hint}") from None
    return [
        Activity(
            leg.factor_id,
            leg.quantity * people,
            MappingProxyType({**leg.detail, "km": str(leg.quantity), "people": str(people)}),
        )
        for leg in legs
    ]


def attendee_travel(
    answers: Mapping[str, Answer], table: FactorTable, grid: Grid
) -> list[Activity]:
    mix, attendees, city = answers["travel"], answers["attendees"], answers["city"]
    assert isinstance(mix, TravelMix) and isinstance(attendees, int) and isinstance(city, City)
    if mix.people(attendees) > attendees:
        raise InputError(
            "travel",
            f"the groups add up to {mix.people(attendees).normalize():f} people, "
            f"more than the {attendees} attendees",
        )
    round_trip = bool(answers["round_trip"])
    return [
        activity
        for index, group in enumerate(mix.groups, 1)
        for activity in _group_legs(
            index, group, group.people(attendees), city, round_trip, table, grid
        )
    ]


def event(answers: Mapping[str, Answer], table: FactorTable, grid: Grid) -> list[Activity]:
    paper = answers["paper_kg"]
    assert isinstance(paper, Decimal)
    return [
        *_hall(answers, table, grid),
        *(a for kind in MEAL_KINDS for a in meals(int(answers[f"{kind}_meals"]), kind)),  # type: ignore[arg-type]
        *([Activity("goods_paper", paper)] if paper else []),
        *hotel(int(answers["room_nights"])),  # type: ignore[arg-type]
        *attendee_travel(answers, table, grid),
    ]
