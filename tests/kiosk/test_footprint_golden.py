"""Golden footprints: expected grams worked out by hand from the shipped factor table.

Each case writes its arithmetic beside the figure. A line is quantity x factor rounded half-up
to the gram; the total is the sum of the lines. If a factor in resources/factors/factors.toml
changes, these tests fail on purpose: redo the arithmetic and bump the table's version.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk.errors import InputError
from kiosk.footprint import compute
from kiosk.venues import get_venue


def lines(scenario: str, **answers: str) -> list[tuple[str, Decimal, int]]:
    footprint = compute(scenario, answers)
    assert footprint.total_grams == sum(line.grams for line in footprint.lines)
    return [(line.activity, line.quantity, line.grams) for line in footprint.lines]


def test_flight_from_beijing_with_two_nights_and_four_meals() -> None:
    # PEK (40.0773, 116.5967) -> TFU (30.3125, 104.4413), the cities' main airports:
    # great circle 1,545.98 km (factors-reference.md: TFU-PEK 1 546 km), x 1.08 DESNZ uplift
    # = 1,669.66 -> 1,669.7 pkm; x 0.10916 (non-UK economy, with RF) = 182.264452 kg -> 182,264 g
    # each way. Hotel 2 x 53.5 = 107 kg. Meals 4 x 1.8767 (mixed) = 7.5068 kg -> 7,507 g.
    assert lines("trip", origin="Beijing", mode="flight", nights="2", meals="4") == [
        ("flight_domestic_economy", Decimal("1669.7"), 182_264),
        ("flight_domestic_economy", Decimal("1669.7"), 182_264),
        ("hotel_night_china", Decimal("2.00"), 107_000),
        ("meal_mixed", Decimal("4"), 7_507),
    ]
    assert (
        compute(
            "trip", {"origin": "Beijing", "mode": "flight", "nights": "2", "meals": "4"}
        ).total_grams
        == 479_035
    )


def test_business_class_costs_the_business_factor() -> None:
    # same 1,669.7 pkm x 0.31656 = 528.560232 kg -> 528,560 g, one way
    assert lines("trip", origin="北京", mode="flight", cabin="business", round_trip="no") == [
        ("flight_domestic_business", Decimal("1669.7"), 528_560),
    ]


def test_high_speed_rail_with_a_known_distance_one_way() -> None:
    # the customer's own 300 km, no uplift: 300.0 x 0.03048 = 9.144 kg -> 9,144 g
    assert lines(
        "trip", origin="Chongqing", mode="high_speed_rail", distance_km="300", round_trip="false"
    ) == [("high_speed_rail", Decimal("300.0"), 9_144)]


def test_a_shared_petrol_car_divides_the_vehicle_km() -> None:
    # 120 km / 3 people = 40.0 vkm each way; 40.0 x 0.16272 = 6.5088 kg -> 6,509 g
    assert lines("trip", origin="Leshan", mode="car_petrol", passengers="3", distance_km="120") == [
        ("car_petrol", Decimal("40.0"), 6_509),
        ("car_petrol", Decimal("40.0"), 6_509),
    ]


def test_metro_within_the_venue_city() -> None:
    # 18.5 km x 0.0278 = 0.5143 kg -> 514 g each way
    assert lines("trip", origin="成都", mode="metro", distance_km="18.5") == [
        ("metro", Decimal("18.5"), 514),
        ("metro", Decimal("18.5"), 514),
    ]


@pytest.mark.parametrize(
    ("origin", "factor"),
    [
        ("London", "flight_long_haul_economy"),  # TFU-LHR 8,355 km > 3,700
        ("Bangkok", "flight_short_haul_economy"),  # TFU-BKK 1,888 km
        ("Hong Kong", "flight_short_haul_economy"),  # international, not mainland-domestic
        ("Urumqi", "flight_domestic_economy"),  # 2,125 km, both ends in mainland China
    ],
)
def test_flights_are_banded_as_the_source_does(origin: str, factor: str) -> None:
    assert {activity for activity, _, _ in lines("trip", origin=origin, mode="flight")} == {factor}


def test_hotel_stay_shares_the_room() -> None:
    # 3 nights / 2 guests = 1.50 room-nights x 53.5 = 80.25 kg -> 80,250 g;
    # 2 vegan meals x 0.9633 = 1.9266 kg -> 1,927 g
    assert lines("hotel_stay", nights="3", guests_in_room="2", meals="2", meal_type="vegan") == [
        ("hotel_night_china", Decimal("1.50"), 80_250),
        ("meal_vegan", Decimal("2"), 1_927),
    ]


def test_meal_counts_each_kind() -> None:
    # 2 x 2.3967 = 4.7934 kg -> 4,793 g; 1 x 0.9633 -> 963 g
    assert lines("meal", meat_meals="2", vegan_meals="1") == [
        ("meal_meat", Decimal("2"), 4_793),
        ("meal_vegan", Decimal("1"), 963),
    ]


def test_shopping_basket_by_mass() -> None:
    # 0.5 kg x 22.31 = 11.155 kg -> 11,155 g; 0.2 kg x 24.86547556 = 4.973095 kg -> 4,973 g;
    # 3 kg x 3.70140359 = 11.10421077 kg -> 11,104 g
    assert lines("shopping_basket", clothing_kg="0.5", electronics_kg="0.2", food_drink_kg="3") == [
        ("goods_food_drink", Decimal("3.00"), 11_104),
        ("goods_clothing", Decimal("0.50"), 11_155),
        ("goods_electronics", Decimal("0.20"), 4_973),
    ]


def test_lifestyle_year_for_a_two_person_home() -> None:
    # electricity 300 kWh/month x 12 / 2 people = 1,800.0 kWh x 0.5306 = 955.08 kg
    # gas 20 m3/month x 12 / 2 = 120.0 m3 x 2.1622 = 259.464 kg
    # waste 5 kg/week x 52 / 2 = 130.0 kg x 0.49724244 = 64.6415172 kg -> 64,642 g
    # car 5,000 km x 0.16272 = 813.6 kg (a person's own driving is not shared)
    # 2 domestic flights x 1,774 km average stage = 3,548.0 pkm x 0.10916 = 387.29968 kg
    # diet vegetarian 365 days x 3.81 = 1,390.65 kg
    got = lines(
        "lifestyle",
        household_size="2",
        electricity_kwh_month="300",
        gas_m3_month="20",
        waste_kg_week="5",
        car_km_year="5000",
        domestic_flights="2",
        diet="vegetarian",
    )
    assert got == [
        ("electricity_china_grid", Decimal("1800.0"), 955_080),
        ("natural_gas", Decimal("120.0"), 259_464),
        ("waste_landfill", Decimal("130.0"), 64_642),
        ("car_petrol", Decimal("5000.0"), 813_600),
        ("flight_domestic_economy", Decimal("3548.0"), 387_300),
        ("diet_vegetarian", Decimal("365"), 1_390_650),
    ]
    assert sum(grams for _, _, grams in got) == 3_870_736


def test_another_venue_changes_the_destination() -> None:
    # demo-scenic is in Dujiangyan: the Chengdu -> Dujiangyan coach trip needs no distance_km
    footprint = compute(
        "scenic_visit", {"origin": "Chengdu", "mode": "coach"}, venue=get_venue("demo-scenic")
    )
    legs = [line.detail["to"] for line in footprint.lines if line.detail]
    assert legs == ["dujiangyan", "chengdu"]
    assert footprint.lines[-1].activity == "meal_mixed"  # one meal by default at a scenic spot
    assert footprint.lines[0].activity == "coach"


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"origin": "Chengdu", "mode": "taxi"}, "distance_km"),  # same city, no distance given
        ({"origin": "Beijing", "mode": "bus"}, "mode"),  # 1,517 km by city bus
        ({"origin": "London", "mode": "high_speed_rail"}, "mode"),  # 8,279 km over land
    ],
)
def test_unbelievable_trips_are_refused_with_the_reason(answers: dict, field: str) -> None:
    with pytest.raises(InputError) as caught:
        compute("trip", answers)
    assert caught.value.field == field
