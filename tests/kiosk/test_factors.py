"""The factor table: every row sourced, every id the engine uses present, bad tables refused."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from kiosk.errors import DataError
from kiosk.factors import REQUIRED_CONSTANTS, load_factors, parse_factor_table
from kiosk.resources import load_toml, resource
from kiosk.scenarios import load_scenarios

REQUIRED_IDS = {
    *(
        f"flight_{band}_{cabin}"
        for band in ("domestic", "short_haul", "long_haul")
        for cabin in ("economy", "business")
    ),
    "high_speed_rail",
    "rail",
    "coach",
    "bus",
    "metro",
    "taxi",
    "car_petrol",
    "car_electric",
    "motorbike",
    "hotel_night_china",
    "meal_meat",
    "meal_mixed",
    "meal_vegetarian",
    "meal_vegan",
    "electricity_china_grid",
    "natural_gas",
    "lpg",
    "waste_household_china",
    "electricity_sichuan_grid",
    "car_electric_sichuan",
    "goods_food_drink",
    "goods_clothing",
    "goods_electronics",
    "goods_paper",
    "goods_plastic",
    *(
        f"diet_{d}"
        for d in ("high_meat", "medium_meat", "low_meat", "pescatarian", "vegetarian", "vegan")
    ),
}
UNITS = {
    "pkm": {"flight_domestic_economy", "high_speed_rail", "rail", "coach", "bus", "metro", "taxi"},
    "vkm": {"car_petrol", "car_electric", "car_electric_sichuan", "motorbike"},
    "room_night": {"hotel_night_china"},
    "meal": {"meal_meat", "meal_vegan"},
    "person_day": {"diet_vegan"},
    "kWh": {"electricity_china_grid", "electricity_sichuan_grid"},
    "m3": {"natural_gas"},
    "kg": {"lpg", "waste_household_china", "goods_clothing"},
}


def test_every_factor_the_engine_uses_is_in_the_table() -> None:
    assert set(load_factors().factors) >= REQUIRED_IDS


@pytest.mark.parametrize(("unit", "ids"), UNITS.items())
def test_factors_are_in_the_unit_the_engine_multiplies_by(unit: str, ids: set[str]) -> None:
    table = load_factors()
    assert {table[i].unit for i in ids} == {unit}


def test_every_factor_carries_publisher_dataset_year_url_and_coverage() -> None:
    for factor in load_factors().factors.values():
        assert factor.publisher and factor.dataset and factor.covers, factor.id
        assert 2010 <= factor.year <= 2026, factor.id
        assert factor.url.startswith("https://") or factor.url.startswith("http://"), factor.id
        assert factor.kg_per_unit > 0, factor.id
        assert set(factor.label) >= {"zh", "en", "fr"}, factor.id


def test_china_specific_figures_come_first_where_they_exist() -> None:
    table = load_factors()
    assert "Ecology and Environment" in table["electricity_china_grid"].publisher
    assert table["electricity_china_grid"].kg_per_unit == Decimal("0.5306")
    assert table["high_speed_rail"].kg_per_unit == Decimal("0.03048")


def test_the_constants_the_engine_needs_are_sourced() -> None:
    table = load_factors()
    for name in REQUIRED_CONSTANTS:
        assert table.constant(name) > 0
        assert "http" in table.constants[name].source
    assert table.constant("flight_distance_uplift") == Decimal("1.08")
    assert 1 < table.constant("rail_detour_factor") < table.constant("road_detour_factor") < 1.5


def test_the_chinese_flight_factor_is_the_fleet_figure_with_rf_and_class() -> None:
    # 0.0953 x 1.7 x 0.12576 / 0.12786 = 0.159349 and x 0.18863 / 0.12786 = 0.239011
    table = load_factors()
    assert table["flight_domestic_economy"].kg_per_unit == Decimal("0.15935")
    assert table["flight_domestic_business"].kg_per_unit == Decimal("0.23901")
    assert "95.3" in table["flight_domestic_economy"].dataset


def test_the_table_and_its_sources_note_ship_as_resources() -> None:
    assert resource("factors", "SOURCES.md").is_file()
    assert load_factors().version


@pytest.fixture
def raw() -> dict:
    return copy.deepcopy(load_toml("factors", "factors.toml"))


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda d: d["factor"][0].pop("url"), "missing url"),
        (lambda d: d["factor"][0].update(url="ftp://x"), "url must start"),
        (lambda d: d["factor"][0].update(kg_per_unit=0.1), "quoted decimal string"),
        (lambda d: d["factor"][0].update(kg_per_unit="-1"), ">= 0"),
        (lambda d: d["factor"][0].update(kg_per_unit="NaN"), "finite"),
        (lambda d: d["factor"][0].update(kg_per_unit="abc"), "not a decimal"),
        (lambda d: d["factor"][0].update(unit="furlong"), "unit 'furlong'"),
        (lambda d: d["factor"][0].update(year=25), "year"),
        (lambda d: d["factor"].append(d["factor"][0]), "appears twice"),
        (lambda d: d.pop("version"), "version"),
        (lambda d: d["constants"].pop("road_detour_factor"), "missing constants road_detour"),
    ],
)
def test_a_malformed_table_is_refused_naming_the_entry(raw: dict, change, says: str) -> None:
    change(raw)
    with pytest.raises(DataError, match=says):
        parse_factor_table(raw)


def test_every_choice_maps_to_a_factor() -> None:
    table = load_factors()
    scenarios = load_scenarios()
    meal_types = scenarios["trip"].question("meal_type").choices
    assert all(f"meal_{kind}" in table for kind in meal_types)
    assert all(f"diet_{kind}" in table for kind in scenarios["lifestyle"].question("diet").choices)
    car_types = scenarios["lifestyle"].question("car_type").choices
    assert all(f"car_{kind}" in table for kind in car_types)
    modes = set(scenarios["trip"].question("mode").choices) - {"flight"}
    assert all(mode in table for mode in modes)
