"""From a scenario's checked answers to activities: small pure functions, one per scenario.

An activity is a factor id and a quantity in that factor's unit; the footprint module multiplies.
Quantities are Decimals rounded here (distances to 0.1 km), so the breakdown a customer sees is
exactly what was multiplied.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from kiosk.cities import City, city_distance_km
from kiosk.errors import InputError
from kiosk.factors import FactorTable
from kiosk.scenarios import Answer

TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")
CAR_MODES = frozenset({"car_petrol", "car_electric"})
# Longest one-way great-circle trip each ground mode is believable for; beyond it the customer
# most likely picked the wrong mode or city, and is told so rather than sold a wrong footprint.
MAX_KM = MappingProxyType({"metro": 100, "bus": 200, "taxi": 500, "motorbike": 3000})
GROUND_MAX_KM = 5000
DOMESTIC = frozenset({"CN"})
MONTHS, WEEKS, DAYS = Decimal(12), Decimal(52), Decimal(365)


@dataclass(frozen=True, slots=True)
class Activity:
    factor_id: str
    quantity: Decimal
    detail: Mapping[str, str] = field(default_factory=dict)


def _round(value: Decimal | float, step: Decimal = TENTH) -> Decimal:
    return Decimal(value).quantize(step, rounding=ROUND_HALF_UP)


def _flight_factor(origin: City, destination: City, cabin: str, table: FactorTable) -> str:
    if origin.country in DOMESTIC and destination.country in DOMESTIC:
        band = "domestic"
    else:
        short_max = table.constant("flight_short_haul_max_km")
        gcd = Decimal(city_distance_km(origin, destination, by_air=True))
        band = "short_haul" if gcd <= short_max else "long_haul"
    return f"flight_{band}_{cabin}"


def _one_way_km(
    answers: Mapping[str, Answer], origin: City, destination: City, uplift: Decimal
) -> Decimal:
    """The distance one leg is charged for: the customer's own figure, else the cities'."""
    mode = answers["mode"]
    given = answers.get("distance_km")
    if isinstance(given, Decimal):
        return _round(given)
    if origin.id == destination.id:
        raise InputError(
            "distance_km",
            f"origin and destination are both {origin.name_en}; give the one-way distance in km",
        )
    km = Decimal(city_distance_km(origin, destination, by_air=mode == "flight"))
    limit = MAX_KM.get(str(mode), None if mode == "flight" else GROUND_MAX_KM)
    if limit is not None and km > limit:
        raise InputError(
            "mode",
            f"{mode} is not believable for {origin.name_en} to {destination.name_en} "
            f"({km:.0f} km); allowed up to {limit} km, or give distance_km",
        )
    if mode == "flight":  # great-circle distance plus the source's routing uplift
        km *= uplift
    return _round(km)


def travel(answers: Mapping[str, Answer], table: FactorTable) -> list[Activity]:
    """Getting there (and back): one activity per leg, so a return trip is exactly twice one way."""
    origin, destination = answers["origin"], answers["destination"]
    assert isinstance(origin, City) and isinstance(destination, City)
    mode = str(answers["mode"])
    km = _one_way_km(answers, origin, destination, table.constant("flight_distance_uplift"))
    if mode == "flight":
        factor_id = _flight_factor(origin, destination, str(answers["cabin"]), table)
    else:
        factor_id = mode
    quantity = km
    if mode in CAR_MODES:  # a car's emissions are shared by the people in it
        quantity = _round(km / Decimal(int(answers["passengers"])))
    legs = [("outbound", origin, destination)]
    if answers.get("round_trip"):
        legs.append(("return", destination, origin))
    return [
        Activity(factor_id, quantity, MappingProxyType({"leg": leg, "from": a.id, "to": b.id}))
        for leg, a, b in legs
    ]


def meals(count: int, meal_type: str) -> list[Activity]:
    return [Activity(f"meal_{meal_type}", Decimal(count))] if count else []


def hotel(nights: int, guests: int = 1) -> list[Activity]:
    """A room-night factor is per room: guests sharing a room share it."""
    if not nights:
        return []
    return [Activity("hotel_night_china", _round(Decimal(nights) / guests, HUNDREDTH))]


def trip(answers: Mapping[str, Answer], table: FactorTable) -> list[Activity]:
    return [
        *travel(answers, table),
        *hotel(int(answers["nights"])),
        *meals(int(answers["meals"]), str(answers["meal_type"])),
    ]


def hotel_stay(answers: Mapping[str, Answer], table: FactorTable) -> list[Activity]:
    return [
        *hotel(int(answers["nights"]), int(answers["guests_in_room"])),
        *meals(int(answers["meals"]), str(answers["meal_type"])),
    ]


def meal(answers: Mapping[str, Answer], table: FactorTable) -> list[Activity]:
    return [
        activity
        for kind in ("meat", "mixed", "vegetarian", "vegan")
        for activity in meals(int(answers[f"{kind}_meals"]), kind)
    ]


def _mass(pairs: list[tuple[str, Answer]]) -> list[Activity]:
    return [Activity(factor_id, _round(Decimal(kg), HUNDREDTH)) for factor_id, kg in pairs if kg]


def shopping_basket(answers: Mapping[str, Answer], table: FactorTable) -> list[Activity]:
    return _mass(
        [
            ("goods_food_drink", answers["food_drink_kg"]),
            ("goods_clothing", answers["clothing_kg"]),
            ("goods_electronics", answers["electronics_kg"]),
            ("goods_paper", answers["paper_kg"]),
            ("goods_plastic", answers["plastic_kg"]),
        ]
    )


def lifestyle(answers: Mapping[str, Answer], table: FactorTable) -> list[Activity]:
    """One person's year; household energy and waste are divided by the household's size."""
    share = Decimal(int(answers["household_size"]))

    def per_person(value: Answer, times: Decimal) -> Decimal:
        return _round(Decimal(value) * times / share)  # type: ignore[arg-type]

    home = [
        ("electricity_china_grid", per_person(answers["electricity_kwh_month"], MONTHS)),
        ("natural_gas", per_person(answers["gas_m3_month"], MONTHS)),
        ("lpg", per_person(answers["lpg_kg_month"], MONTHS)),
        ("waste_landfill", per_person(answers["waste_kg_week"], WEEKS)),
    ]
    average_flight = table.constant("china_domestic_flight_average_km")
    travel_lines = [
        (f"car_{answers['car_type']}", _round(Decimal(answers["car_km_year"]))),  # type: ignore[arg-type]
        ("flight_domestic_economy", _round(average_flight * int(answers["domestic_flights"]))),  # type: ignore[arg-type]
        ("flight_long_haul_economy", _round(Decimal(answers["international_flight_km"]))),  # type: ignore[arg-type]
    ]
    activities = [Activity(f, q) for f, q in [*home, *travel_lines] if q]
    activities.append(Activity(f"diet_{answers['diet']}", DAYS))
    activities += _mass(
        [
            ("goods_clothing", answers["clothing_kg_year"]),
            ("goods_electronics", answers["electronics_kg_year"]),
        ]
    )
    return activities


MAPPERS: Mapping[str, Callable[[Mapping[str, Answer], FactorTable], list[Activity]]] = (
    MappingProxyType(
        {
            "trip": trip,
            "scenic_visit": trip,
            "hotel_stay": hotel_stay,
            "meal": meal,
            "shopping_basket": shopping_basket,
            "lifestyle": lifestyle,
        }
    )
)
