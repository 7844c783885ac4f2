"""The footprint engine's checking and pricing as they were before issue 19 made them fast:
plain and slow, kept verbatim as the oracle of tests/kiosk/test_footprint_differential.py.

Only the parts issue 19 restructured are here (answers checked, grid chosen, lines priced,
names normalised, distances measured); the mappers from answers to activities are shared.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kiosk.activities import MAPPERS, NATIONAL_GRID, Grid, grid_key
from kiosk.cities import _FOLD, AmbiguousCityError, City, UnknownCityError, load_cities
from kiosk.errors import InputError
from kiosk.factors import FactorTable
from kiosk.scenarios import (
    _FALSE,
    _INT,
    _MAX_TEXT,
    _TRUE,
    AUTO,
    VENUE_CITY,
    Answer,
    Question,
    Scenario,
    _number,
    get_scenario,
)
from kiosk.venues import Venue

_GRAMS_PER_KG = Decimal(1000)
_ONE = Decimal(1)


def applies(question: Question, answers: Mapping[str, Answer]) -> bool:
    return all(answers.get(key) in values for key, values in question.when.items())


def parse_value(question: Question, raw: Any) -> Answer:
    if question.type in ("int", "decimal"):
        if question.type == "int" and isinstance(raw, str) and not _INT.fullmatch(raw.strip()):
            raise InputError(
                question.key, f"{raw!r} is not a whole number; allowed: {question.allowed()}"
            )
        value = _number(question, raw)
        if question.type == "int":
            if value != value.to_integral_value():
                raise InputError(
                    question.key, f"{raw} is not a whole number; allowed: {question.allowed()}"
                )
            return int(value)
        return value
    if question.type == "city":
        if isinstance(raw, City):
            return raw
        if not isinstance(raw, str) or len(raw) > _MAX_TEXT:
            raise InputError(question.key, f"not a city name; allowed: {question.allowed()}")
        try:
            return load_cities().lookup(raw)
        except (UnknownCityError, AmbiguousCityError) as exc:
            raise InputError(question.key, str(exc)) from None
    text = raw if isinstance(raw, str) else str(raw).lower() if isinstance(raw, bool) else None
    if text is None or len(text) > _MAX_TEXT:
        raise InputError(question.key, f"not valid; allowed: {question.allowed()}")
    text = text.strip().casefold()
    if question.type == "bool":
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    elif text in question.choices:
        return text
    raise InputError(question.key, f"{raw!r} is not allowed; allowed: {question.allowed()}")


def parse_answers(
    scenario: Scenario, raw: Mapping[str, Any], *, venue_city: City | None = None
) -> dict[str, Answer]:
    known = {question.key for question in scenario.questions}
    for key in raw:
        if key not in known:
            raise InputError(key, f"not a question of {scenario.id}; allowed: {', '.join(known)}")
    answers: dict[str, Answer] = {}
    for question in scenario.questions:
        present = question.key in raw and raw[question.key] not in (None, "")
        if not applies(question, answers):
            if present:
                condition = "; ".join(f"{k} is {' or '.join(v)}" for k, v in question.when.items())
                raise InputError(question.key, f"only applies when {condition}")
            continue
        if present:
            answers[question.key] = parse_value(question, raw[question.key])
        elif question.required:
            raise InputError(question.key, f"an answer is required; allowed: {question.allowed()}")
        elif question.default == VENUE_CITY:
            answers[question.key] = venue_city
        elif question.default == AUTO:
            answers[question.key] = None
        else:
            answers[question.key] = parse_value(question, question.default)
    if scenario.at_least_one and not any(answers.get(key) for key in scenario.at_least_one):
        raise InputError(
            scenario.at_least_one[0],
            f"at least one of {', '.join(scenario.at_least_one)} must be above 0",
        )
    return answers


def choose_grid(setting: str, city: City, table: FactorTable) -> Grid:
    key = setting or grid_key(city.province)
    electricity, car = f"electricity_{key}_grid", f"car_electric_{key}"
    if key == "china" or electricity not in table or car not in table:
        return NATIONAL_GRID
    province = city.province if grid_key(city.province) == key else key.replace("_", " ").title()
    return Grid(key, province, electricity, car)


def line_for(activity: Any, table: FactorTable) -> tuple[Any, ...]:
    """(activity, quantity, unit, factor, grams, source, detail, cite, share), as Line held."""
    factor = table[activity.factor_id]
    exact = activity.quantity * factor.kg_per_unit * _GRAMS_PER_KG
    if activity.share != 1:
        exact /= activity.share
    grams = exact.quantize(_ONE, rounding=ROUND_HALF_UP)
    source = f"{factor.publisher}, {factor.dataset} ({factor.year}) {factor.url}"
    detail = dict(activity.detail)
    return (factor.id, activity.quantity, factor.unit, factor.kg_per_unit, int(grams), source,
            detail, factor.cite, activity.share)  # fmt: skip


def compute(
    scenario_id: str, raw: Mapping[str, Any], venue: Venue, table: FactorTable
) -> tuple[dict[str, Answer], list[tuple[Any, ...]]]:
    scenario = get_scenario(scenario_id)
    answers = parse_answers(scenario, raw, venue_city=venue.city)
    grid = choose_grid(venue.grid, venue.city, table)
    activities = MAPPERS[scenario.id](answers, table, grid)
    return answers, [line_for(activity, table) for activity in activities]


def normalize(text: str) -> str:
    if text.isascii():
        return "".join(c for c in text.lower() if c.isalnum())
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def city_distance_km(a: City, b: City, *, by_air: bool = False) -> float:
    if by_air:
        lat_a, lon_a, lat_b, lon_b = a.airport_lat, a.airport_lon, b.airport_lat, b.airport_lon
        if lat_a is not None and lon_a is not None and lat_b is not None and lon_b is not None:
            return haversine_km(lat_a, lon_a, lat_b, lon_b)
    return haversine_km(a.lat, a.lon, b.lat, b.lon)
