"""From a scenario's checked answers to activities: small pure functions, one per scenario.

An activity is a factor id, a quantity in that factor's unit and the number of people sharing it;
the footprint module multiplies and rounds only the grams. Distances are rounded here to 0.1 km,
so the breakdown a customer sees is exactly what was multiplied.
"""

from __future__ import annotations

import functools
from collections import namedtuple
from collections.abc import Callable, Mapping
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from types import MappingProxyType

from kiosk.cities import City, haversine_km
from kiosk.errors import InputError
from kiosk.factors import FactorTable
from kiosk.records import Record
from kiosk.routes import route_km
from kiosk.scenarios import Answer

TYPE_CHECKING = False

TENTH = Decimal("0.1")
CAR_MODES = frozenset({"car_petrol", "car_electric"})
RAIL_MODES = frozenset({"high_speed_rail", "rail", "metro"})
# Longest one-way trip (along the road or line) each ground mode is believable for, whether
# worked out or typed in; beyond it the customer most likely picked the wrong mode or city.
MAX_KM = MappingProxyType({"metro": 100, "bus": 200, "taxi": 500, "motorbike": 3000})
GROUND_MAX_KM = 5000
# CAAC's domestic routes (国内航线), which the Chinese flight factors describe, include the
# routes to Hong Kong, Macau and Taiwan.
CAAC_DOMESTIC = frozenset({"CN", "HK", "MO", "TW"})
MONTHS, WEEKS, DAYS = Decimal(12), Decimal(52), Decimal(365)
SAME_POINT_KM = 0.05  # closer than this the two places share one map point


NO_DETAIL: Mapping[str, str] = MappingProxyType({})


if TYPE_CHECKING:
    from typing import NamedTuple

    class Activity(NamedTuple):
        """A factor id, a quantity in its unit and the people sharing it (grams = quantity x
        factor / share, rounded once)."""

        factor_id: str
        quantity: Decimal
        detail: Mapping[str, str] = NO_DETAIL
        share: int = 1

else:  # the same named tuple without typing (not imported at run time: `diandian footprint`
    # starts without it). A named tuple, not a frozen record: it never leaves the engine (the
    # footprint's price turns it into a Line), and several are made per footprint.
    Activity = namedtuple(
        "Activity", ("factor_id", "quantity", "detail", "share"), defaults=(NO_DETAIL, 1)
    )


def _activity(factor_id: str, quantity: Decimal, detail: Mapping[str, str], share: int) -> Activity:
    """Activity(...), made as its tuple: a named tuple's __new__ is a Python function, this is
    one C call (every argument given: no defaults filled)."""
    return _TUPLE_NEW(Activity, (factor_id, quantity, detail, share))


_TUPLE_NEW: Callable[..., Activity] = tuple.__new__


class Grid(Record):
    """Which electricity factors a footprint uses: a province's grid or the national one."""

    FIELDS = ("key", "province", "electricity", "car")
    __slots__ = FIELDS
    key: str  # "china" or a province key such as "sichuan"
    province: str  # the province's name as in cities.csv; "" for the national grid
    electricity: str  # factor id per kWh
    car: str  # factor id of an electric car charged from it

    def __init__(self, key: str, province: str, electricity: str, car: str) -> None:
        set_ = object.__setattr__
        set_(self, "key", key)
        set_(self, "province", province)
        set_(self, "electricity", electricity)
        set_(self, "car", car)


NATIONAL_GRID = Grid("china", "", "electricity_china_grid", "car_electric")


def grid_key(province: str) -> str:
    return "_".join(province.lower().split())


def choose_grid(setting: str, city: City, table: FactorTable) -> Grid:
    """The venue's setting ("china", "sichuan"), else the venue province's own published factor
    where the table has one, else the national average."""
    grid = _grid(setting, city.province)
    if grid.electricity not in table.factors or grid.car not in table.factors:
        return NATIONAL_GRID
    return grid


@functools.cache
def _grid(setting: str, province: str) -> Grid:
    """The grid a setting and a venue's province name, if the table has its factors: worked
    out once per pair (every footprint asks)."""
    key = setting or grid_key(province)
    if key == "china":
        return NATIONAL_GRID
    name = province if grid_key(province) == key else key.replace("_", " ").title()
    return Grid(key, name, f"electricity_{key}_grid", f"car_electric_{key}")


def _round(value: Decimal | float, step: Decimal = TENTH) -> Decimal:
    if not isinstance(value, Decimal):
        value = Decimal(value)
    return value.quantize(step, ROUND_HALF_UP)


def _leg_detail(a: City, b: City, leg: str, basis: str) -> Mapping[str, str]:
    """A leg's detail, one read-only mapping per (from, to, leg, basis), made once and shared
    (up to _REMEMBERED of them): every trip footprint has one or two."""
    key = (a.id, b.id, leg, basis)
    detail = _DETAILS.get(key)
    if detail is None:
        if len(_DETAILS) >= _REMEMBERED:
            _DETAILS.clear()
        detail = _DETAILS[key] = MappingProxyType(
            {"leg": leg, "from": a.id, "to": b.id, "basis": basis}
        )
    return detail


_DETAILS: dict[tuple[str, str, str, str], Mapping[str, str]] = {}


def _apart(origin: City, destination: City, *, by_air: bool = False) -> Decimal:
    """Great-circle km between the two places; two that share one map point (the same city, or
    a scenic area placed at its town's point) need the customer's distance_km instead.

    Kept by the two points (_APART, up to _REMEMBERED pairs): a kiosk's trips nearly all end
    at its venue and start from the same few hundred places, and the haversine and the exact
    Decimal of its float cost a tenth of a footprint."""
    if by_air and origin.airports and destination.airports:  # city_distance_km, one call less
        points = (origin.airports[0], destination.airports[0])
    else:
        points = ((origin.lat, origin.lon), (destination.lat, destination.lon))
    km = _APART.get(points)
    if km is None:
        (lat_a, lon_a), (lat_b, lon_b) = points
        far = haversine_km(lat_a, lon_a, lat_b, lon_b)
        if far < SAME_POINT_KM:
            raise InputError(
                "distance_km",
                f"origin and destination are both at {destination.name_en}'s map point; "
                "give the one-way distance in km",
            )
        if len(_APART) >= _REMEMBERED:
            _APART.clear()
        km = _APART[points] = Decimal(far)
    return km


_APART: dict[tuple[tuple[float, float], tuple[float, float]], Decimal] = {}
_REMEMBERED = 4096


def _flight(
    answers: Mapping[str, Answer], origin: City, destination: City, table: FactorTable
) -> tuple[str, Decimal, str]:
    """Factor, charged one-way km and how the km were found. An entered distance_km is the
    airport-to-airport (great-circle) distance, like a computed one; either way the 8 % uplift
    is applied once: by the engine for the Chinese factor (per km flown), already inside the
    DESNZ factors for international flights."""
    cabin = str(answers["cabin"])
    given = answers.get("distance_km")
    gcd = given if isinstance(given, Decimal) else _apart(origin, destination, by_air=True)
    basis = "given" if isinstance(given, Decimal) else "great_circle"
    if origin.country in CAAC_DOMESTIC and destination.country in CAAC_DOMESTIC:
        uplift = table.constants["flight_distance_uplift"].value
        km = (gcd * uplift).quantize(TENTH, ROUND_HALF_UP)  # _round, inlined
        return f"flight_domestic_{cabin}", km, f"{basis}+uplift"
    short_max = table.constant("flight_short_haul_max_km")
    if gcd <= short_max:
        return f"flight_short_haul_{cabin}", _round(gcd), basis
    long_id = f"flight_long_haul_{cabin}"
    # a longer flight never costs less: a long-haul flight is charged for at least the distance
    # at which it costs what the longest short-haul flight costs (economy: 3,975.7 km)
    short, long = table[f"flight_short_haul_{cabin}"], table[long_id]
    floor = (short_max * short.kg_per_unit / long.kg_per_unit).quantize(TENTH, ROUND_CEILING)
    if _round(gcd) < floor:
        return long_id, floor, f"{basis}+band_floor"
    return long_id, _round(gcd), basis


def _ground(
    answers: Mapping[str, Answer], origin: City, destination: City, table: FactorTable
) -> tuple[Decimal, str]:
    """One-way km along the line or road: the customer's own figure, a published distance for
    the pair, or great-circle distance times the mode's cited detour factor."""
    mode = str(answers["mode"])
    given = answers.get("distance_km")
    if isinstance(given, Decimal):
        km, basis = _round(given), "given"
    elif (published := route_km(origin.id, destination.id, mode)) is not None:
        km, basis = published, "route"
    else:
        detour = table.constant(
            "rail_detour_factor" if mode in RAIL_MODES else "road_detour_factor"
        )
        km, basis = _round(_apart(origin, destination) * detour), "detour"
    limit = MAX_KM.get(mode, GROUND_MAX_KM)
    if km > limit:
        where = f"{origin.name_en} to {destination.name_en}"
        raise InputError(
            "distance_km" if basis == "given" else "mode",
            f"{mode} is not believable for {km:.0f} km ({where}); allowed up to {limit} km one way",
        )
    return km, basis


def travel(answers: Mapping[str, Answer], table: FactorTable, grid: Grid) -> list[Activity]:
    """Getting there (and back): one activity per leg, so a return trip is exactly twice one way."""
    origin, destination = answers["origin"], answers["destination"]
    assert isinstance(origin, City) and isinstance(destination, City)
    mode = str(answers["mode"])
    share = 1
    if mode == "flight":
        factor_id, km, basis = _flight(answers, origin, destination, table)
    else:
        km, basis = _ground(answers, origin, destination, table)
        factor_id = mode
        if (
            mode == "car_electric"
            and grid.province
            and origin.province == destination.province == grid.province
        ):
            factor_id = grid.car  # charged within the venue's province, on its grid
        if mode in CAR_MODES:  # a car's emissions are shared by the people in it
            share = int(_num(answers["passengers"]))
    out = _activity(factor_id, km, _leg_detail(origin, destination, "outbound", basis), share)
    if not answers.get("round_trip"):
        return [out]
    back = _activity(factor_id, km, _leg_detail(destination, origin, "return", basis), share)
    return [out, back]


_NUMBERS = (Decimal, int, str)  # a tuple: isinstance takes it faster than a union


def _num(value: Answer) -> Decimal | int | str:
    """A number question's answer, as int() and Decimal() take it: parse_answers gives an int
    or a Decimal; a city, None or anything else is a programming error, refused as int() would."""
    if isinstance(value, _NUMBERS):
        return value
    raise TypeError(f"not a number: {value!r}")


def meals(count: int, meal_type: str) -> list[Activity]:
    return [_activity(f"meal_{meal_type}", Decimal(count), NO_DETAIL, 1)] if count else []


def hotel(nights: int, guests: int = 1) -> list[Activity]:
    """A room-night factor is per room: guests sharing a room share it."""
    return [_activity("hotel_night_china", Decimal(nights), NO_DETAIL, guests)] if nights else []


def trip(answers: Mapping[str, Answer], table: FactorTable, grid: Grid) -> list[Activity]:
    activities = travel(answers, table, grid)
    nights, count = int(_num(answers["nights"])), int(_num(answers["meals"]))
    if nights:  # hotel(nights), without the call and the list
        activities.append(_activity("hotel_night_china", Decimal(nights), NO_DETAIL, 1))
    if count:  # meals(count, meal_type), likewise
        meal_id = f"meal_{answers['meal_type']}"
        activities.append(_activity(meal_id, Decimal(count), NO_DETAIL, 1))
    return activities


def hotel_stay(answers: Mapping[str, Answer], table: FactorTable, grid: Grid) -> list[Activity]:
    return [
        *hotel(int(_num(answers["nights"])), int(_num(answers["guests_in_room"]))),
        *meals(int(_num(answers["meals"])), str(answers["meal_type"])),
    ]


def meal(answers: Mapping[str, Answer], table: FactorTable, grid: Grid) -> list[Activity]:
    return [
        activity
        for kind in ("meat", "mixed", "vegetarian", "vegan")
        for activity in meals(int(_num(answers[f"{kind}_meals"])), kind)
    ]


def _mass(pairs: list[tuple[str, Answer]]) -> list[Activity]:
    return [Activity(factor_id, Decimal(_num(kg))) for factor_id, kg in pairs if kg]


def shopping_basket(
    answers: Mapping[str, Answer], table: FactorTable, grid: Grid
) -> list[Activity]:
    return _mass(
        [
            ("goods_food_drink", answers["food_drink_kg"]),
            ("goods_clothing", answers["clothing_kg"]),
            ("goods_electronics", answers["electronics_kg"]),
            ("goods_paper", answers["paper_kg"]),
            ("goods_plastic", answers["plastic_kg"]),
        ]
    )


def lifestyle(answers: Mapping[str, Answer], table: FactorTable, grid: Grid) -> list[Activity]:
    """One person's year: household energy and waste are shared by the household, electricity
    and an electric car priced on the venue's grid (its province's, or the national one)."""
    household = int(_num(answers["household_size"]))
    home = [
        (grid.electricity, answers["electricity_kwh_month"], MONTHS),
        ("natural_gas", answers["gas_m3_month"], MONTHS),
        ("lpg", answers["lpg_kg_month"], MONTHS),
        ("waste_household_china", answers["waste_kg_week"], WEEKS),
    ]
    activities = [
        Activity(factor_id, Decimal(_num(value)) * times, share=household)
        for factor_id, value, times in home
        if value
    ]
    car = "car_petrol" if answers["car_type"] == "petrol" else grid.car
    # the average domestic trip is a flown distance already: no uplift on top
    average_flight = table.constant("china_domestic_flight_average_km")
    personal = [
        (car, Decimal(_num(answers["car_km_year"]))),
        ("flight_domestic_economy", average_flight * int(_num(answers["domestic_flights"]))),
        ("flight_long_haul_economy", Decimal(_num(answers["international_flight_km"]))),
    ]
    activities += [Activity(f, q) for f, q in personal if q]
    activities.append(Activity(f"diet_{answers['diet']}", DAYS))
    activities += _mass(
        [
            ("goods_clothing", answers["clothing_kg_year"]),
            ("goods_electronics", answers["electronics_kg_year"]),
        ]
    )
    return activities


Mapper = Callable[[Mapping[str, Answer], FactorTable, Grid], list[Activity]]
MAPPERS: Mapping[str, Mapper] = MappingProxyType(
    {
        "trip": trip,
        "scenic_visit": trip,
        "hotel_stay": hotel_stay,
        "meal": meal,
        "shopping_basket": shopping_basket,
        "lifestyle": lifestyle,
    }
)
