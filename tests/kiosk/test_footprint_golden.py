"""Golden footprints: expected grams worked out by hand from the shipped factor table.

Each case writes its arithmetic beside the figure. A line is quantity x factor (divided by the
people sharing it) rounded half-up to the gram; the total is the sum of the lines. If a factor in
resources/factors/factors.toml changes, these tests fail on purpose: redo the arithmetic and bump
the table's version. Great-circle distances are from the shipped cities.csv coordinates (airports
for flights, centres otherwise) with R = 6,371.0088 km.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk.errors import InputError
from kiosk.footprint import compute
from kiosk.venues import get_venue


def lines(
    scenario: str, venue: str | None = None, **answers: str
) -> list[tuple[str, Decimal, int]]:
    footprint = compute(scenario, answers, venue=get_venue(venue))
    assert footprint.total_grams == sum(line.grams for line in footprint.lines)
    return [(line.activity, line.quantity, line.grams) for line in footprint.lines]


def one_way(**answers: str) -> tuple[str, Decimal, int]:
    (line,) = lines("trip", round_trip="no", **answers)
    return line


# --- flights: the 8 % uplift once, Chinese factor within China, DESNZ bands abroad -----------


def test_flight_from_beijing_with_two_nights_and_four_meals() -> None:
    # PEK (40.0773, 116.5967) -> TFU (30.3125, 104.4413): great circle 1,545.98 km. Within China
    # the Chinese factor is per km flown, so x 1.08 (the uplift, applied once) = 1,669.66 ->
    # 1,669.7 pkm; x 0.15935 = 266.066695 kg -> 266,067 g each way. (The old engine also added
    # 1.08 on top of DESNZ factors that already include it.) Hotel 2 x 53.5 = 107 kg.
    # Meals 4 x 1.8767 (mixed) = 7.5068 kg -> 7,507 g. Total 2 x 266,067 + 107,000 + 7,507.
    assert lines("trip", origin="Beijing", mode="flight", nights="2", meals="4") == [
        ("flight_domestic_economy", Decimal("1669.7"), 266_067),
        ("flight_domestic_economy", Decimal("1669.7"), 266_067),
        ("hotel_night_china", Decimal("2"), 107_000),
        ("meal_mixed", Decimal("4"), 7_507),
    ]
    footprint = compute("trip", {"origin": "Beijing", "mode": "flight", "nights": 2, "meals": 4})
    assert footprint.total_grams == 646_641


def test_business_class_costs_the_business_factor() -> None:
    # same 1,669.7 pkm x 0.23901 = 399.075297 kg -> 399,075 g
    assert one_way(origin="北京", mode="flight", cabin="business") == (
        "flight_domestic_business",
        Decimal("1669.7"),
        399_075,
    )


def test_an_entered_flight_distance_gets_the_uplift_once_too() -> None:
    # distance_km is the airport-to-airport distance, like a computed one:
    # 1,546 x 1.08 = 1,669.68 -> 1,669.7 pkm x 0.15935 = 266,067 g, the computed figure
    assert one_way(origin="Beijing", mode="flight", distance_km="1546") == (
        "flight_domestic_economy",
        Decimal("1669.7"),
        266_067,
    )


def test_the_airport_the_visitor_names_is_the_one_flown_from() -> None:
    # CTU (30.5583, 103.9460) -> PEK: 1,558.33 km x 1.08 = 1,683.00 -> 1,683.0 pkm x 0.15935
    # = 268.18605 kg -> 268,186 g; "Chengdu" alone flies from TFU (1,669.7 pkm, above)
    assert one_way(origin="CTU", destination="Beijing", mode="flight") == (
        "flight_domestic_economy",
        Decimal("1683.0"),
        268_186,
    )
    footprint = compute("trip", {"origin": "CTU", "destination": "PEK", "mode": "flight"})
    assert footprint.to_json()["answers"]["origin"] == "CTU"  # the answer keeps the airport


def test_hong_kong_and_shenzhen_are_priced_alike() -> None:
    # CAAC's domestic routes include Hong Kong, so both use the Chinese business factor:
    # SZX-TFU 1,262.38 km x 1.08 = 1,363.37 -> 1,363.4 x 0.23901 = 325.866 kg -> 325,866 g
    # HKG-TFU 1,296.46 km x 1.08 = 1,400.18 -> 1,400.2 x 0.23901 = 334.662 kg -> 334,662 g
    assert one_way(origin="Shenzhen", mode="flight", cabin="business") == (
        "flight_domestic_business",
        Decimal("1363.4"),
        325_866,
    )
    assert one_way(origin="Hong Kong", mode="flight", cabin="business") == (
        "flight_domestic_business",
        Decimal("1400.2"),
        334_662,
    )


def test_international_flights_multiply_great_circle_km_by_desnz_factors() -> None:
    # DESNZ factors already include the uplift. CMB-TFU 3,628.77 km <= 3,700: short-haul,
    # 3,628.8 x 0.12576 = 456.358 kg -> 456,358 g. LHR-TFU 8,354.72 km: long-haul,
    # 8,354.7 x 0.11704 = 977.834 kg -> 977,834 g.
    assert one_way(origin="Colombo", mode="flight") == (
        "flight_short_haul_economy",
        Decimal("3628.8"),
        456_358,
    )
    assert one_way(origin="London", mode="flight") == (
        "flight_long_haul_economy",
        Decimal("8354.7"),
        977_834,
    )


def test_a_longer_flight_never_costs_less_across_the_band_edge() -> None:
    # KHI-TFU 3,705.55 km > 3,700 is long-haul, but 3,705.6 x 0.11704 = 433.7 kg would undercut
    # Colombo's shorter flight. A long-haul economy flight is charged for at least
    # 3,700 x 0.12576 / 0.11704 = 3,975.67 -> 3,975.7 km (rounded up): x 0.11704 = 465.316 kg
    # -> 465,316 g >= 3,700 x 0.12576 = 465,312 g, the dearest short-haul flight.
    assert one_way(origin="Karachi", mode="flight") == (
        "flight_long_haul_economy",
        Decimal("3975.7"),
        465_316,
    )
    shortest_long = one_way(origin="Karachi", mode="flight", distance_km="3700.1")[2]
    longest_short = one_way(origin="Karachi", mode="flight", distance_km="3700")[2]
    assert shortest_long >= longest_short == 465_312


@pytest.mark.parametrize(
    ("origin", "factor"),
    [
        ("London", "flight_long_haul_economy"),  # TFU-LHR 8,355 km > 3,700
        ("Bangkok", "flight_short_haul_economy"),  # TFU-BKK 1,888 km
        ("Hong Kong", "flight_domestic_economy"),  # a CAAC domestic (regional) route
        ("Urumqi", "flight_domestic_economy"),  # 2,125 km, both ends in mainland China
    ],
)
def test_flights_are_banded_as_the_source_does(origin: str, factor: str) -> None:
    assert {activity for activity, _, _ in lines("trip", origin=origin, mode="flight")} == {factor}


# --- ground distances: published line lengths, else a cited detour factor -------------------


def test_high_speed_rail_uses_the_published_line_length() -> None:
    # Chengdu-Chongqing passenger line 308.6 km (routes.csv): 308.6 x 0.03048 = 9.406128 kg
    # -> 9,406 g, against 269.3 km straight between the city centres
    assert one_way(origin="Chongqing", mode="high_speed_rail") == (
        "high_speed_rail",
        Decimal("308.6"),
        9_406,
    )


def test_without_a_published_distance_the_detour_factor_applies() -> None:
    # Shanghai-Chengdu centres 1,658.03 km x 1.2 (rail) = 1,989.64 -> 1,989.6 pkm x 0.03048
    # = 60.643 kg -> 60,643 g; Chongqing by conventional train: 269.33 x 1.2 = 323.2 pkm
    # x 0.03546 = 11.461 kg -> 11,461 g (the high-speed line length does not apply to it)
    assert one_way(origin="Shanghai", mode="high_speed_rail") == (
        "high_speed_rail",
        Decimal("1989.6"),
        60_643,
    )
    assert one_way(origin="Chongqing", mode="rail") == ("rail", Decimal("323.2"), 11_461)


def test_high_speed_rail_with_a_known_distance_one_way() -> None:
    # the customer's own 300 km is a distance along the line: 300 x 0.03048 = 9,144 g
    assert one_way(origin="Chongqing", mode="high_speed_rail", distance_km="300") == (
        "high_speed_rail",
        Decimal("300.0"),
        9_144,
    )


def test_a_shared_petrol_car_divides_the_vehicle_km_exactly() -> None:
    # Chongqing-Chengdu by road: 269.33 km x 1.25 = 336.66 -> 336.7 vkm; x 0.16272 / 2 people
    # = 27.394 kg -> 27,394 g each way
    assert lines("trip", origin="Chongqing", mode="car_petrol", passengers="2") == [
        ("car_petrol", Decimal("336.7"), 27_394),
        ("car_petrol", Decimal("336.7"), 27_394),
    ]


def test_a_short_shared_ride_is_not_rounded_away() -> None:
    # 0.4 km x 0.16272 kg/km / 9 people = 0.0072320 kg -> 7 g (the old engine rounded the share
    # 0.4 / 9 = 0.044 to 0.0 km and charged 0 g)
    assert one_way(origin="Chengdu", mode="car_petrol", passengers="9", distance_km="0.4") == (
        "car_petrol",
        Decimal("0.4"),
        7,
    )


def test_an_electric_car_within_sichuan_runs_on_sichuan_power() -> None:
    # Leshan-Chengdu 126.21 km x 1.25 = 157.76 -> 157.8 vkm x 0.02906 (Sichuan grid) / 3 people
    # = 1.528556 kg -> 1,529 g; from Beijing the car charges across China: 1,516.56 x 1.25
    # = 1,895.7 vkm x 0.10982 (national grid) = 208.186 kg -> 208,186 g
    assert one_way(origin="Leshan", mode="car_electric", passengers="3") == (
        "car_electric_sichuan",
        Decimal("157.8"),
        1_529,
    )
    assert one_way(origin="Beijing", mode="car_electric") == (
        "car_electric",
        Decimal("1895.7"),
        208_186,
    )


def test_metro_within_the_venue_city() -> None:
    # 18.5 km x 0.0278 = 0.5143 kg -> 514 g each way
    assert lines("trip", origin="成都", mode="metro", distance_km="18.5") == [
        ("metro", Decimal("18.5"), 514),
        ("metro", Decimal("18.5"), 514),
    ]


# --- shares: exact, only the grams rounded ------------------------------------------------


@pytest.mark.parametrize(
    ("guests", "grams"),
    [
        (2, 80_250),  # 3 nights x 53.5 / 2 = 80.25 kg
        (3, 53_500),  # 3 x 53.5 / 3 = 53.5 kg (the old 1.00 room-night share happened to fit)
        (6, 26_750),  # 3 x 53.5 / 6 = 26.75 kg (the old 0.50 share happened to fit)
    ],
)
def test_hotel_stay_shares_the_room(guests: int, grams: int) -> None:
    assert lines("hotel_stay", nights="3", guests_in_room=str(guests)) == [
        ("hotel_night_china", Decimal("3"), grams),
    ]


def test_one_night_shared_by_three_or_six_is_not_rounded_to_a_share() -> None:
    # 1 x 53.5 / 3 = 17.8333 kg -> 17,833 g (the old 0.33 share charged 17,655 g);
    # 1 x 53.5 / 6 = 8.91667 kg -> 8,917 g (the old 0.17 share charged 9,095 g, +2 %)
    assert lines("hotel_stay", nights="1", guests_in_room="3") == [
        ("hotel_night_china", Decimal("1"), 17_833)
    ]
    assert lines("hotel_stay", nights="1", guests_in_room="6") == [
        ("hotel_night_china", Decimal("1"), 8_917)
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
        ("goods_food_drink", Decimal("3"), 11_104),
        ("goods_clothing", Decimal("0.5"), 11_155),
        ("goods_electronics", Decimal("0.2"), 4_973),
    ]


# --- my year: the venue's grid, the urban waste mix, the domestic average flight --------------


def test_lifestyle_year_for_a_two_person_home_at_a_chengdu_venue() -> None:
    # electricity 300 kWh/month x 12 = 3,600 kWh x 0.1404 (Sichuan, the venue's province)
    #   / 2 people = 252.72 kg
    # gas 20 m3/month x 12 = 240 m3 x 2.1622 / 2 = 259.464 kg
    # waste 5 kg/week x 52 = 260 kg x 0.13999102 (China urban mix) / 2 = 18.1988 kg -> 18,199 g
    # car 5,000 km x 0.16272 = 813.6 kg (a person's own driving is not shared)
    # 2 domestic flights x 1,454.8 km (CAAC 2019 domestic average, already flown km: no uplift)
    #   = 2,909.6 pkm x 0.15935 = 463.64476 kg -> 463,645 g
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
        ("electricity_sichuan_grid", Decimal("3600"), 252_720),
        ("natural_gas", Decimal("240"), 259_464),
        ("waste_household_china", Decimal("260"), 18_199),
        ("car_petrol", Decimal("5000"), 813_600),
        ("flight_domestic_economy", Decimal("2909.6"), 463_645),
        ("diet_vegetarian", Decimal("365"), 1_390_650),
    ]
    assert sum(grams for _, _, grams in got) == 3_198_278


def test_a_venue_can_choose_the_national_grid() -> None:
    # the same 3,600 kWh / 2 people x 0.5306 (national 2023) = 955.08 kg; an electric car's
    # 5,000 km x 0.10982 = 549.1 kg (on Sichuan's grid: x 0.02906 = 145.3 kg)
    from dataclasses import replace

    national = replace(get_venue(), grid="china")
    footprint = compute(
        "lifestyle",
        {"electricity_kwh_month": "300", "household_size": "2", "car_km_year": "5000",
         "car_type": "electric"},
        venue=national,
    )  # fmt: skip
    assert [(x.activity, x.grams) for x in footprint.lines][:2] == [
        ("electricity_china_grid", 955_080),
        ("car_electric", 549_100),
    ]
    sichuan = compute(
        "lifestyle",
        {"electricity_kwh_month": "0", "car_km_year": "5000", "car_type": "electric"},
    )
    assert (sichuan.lines[0].activity, sichuan.lines[0].grams) == ("car_electric_sichuan", 145_300)


def test_international_flying_of_my_year_is_taken_as_great_circle_km() -> None:
    # 9,000 km x 0.11704 (DESNZ long-haul economy, uplift included) = 1,053.36 kg
    got = lines("lifestyle", electricity_kwh_month="0", international_flight_km="9000")
    assert ("flight_long_haul_economy", Decimal("9000"), 1_053_360) in got


# --- venues and bad input -----------------------------------------------------------------


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
        ({"origin": "Beijing", "mode": "bus"}, "mode"),  # 1,896 km by city bus
        ({"origin": "London", "mode": "high_speed_rail"}, "mode"),  # 8,279 km over land
        ({"origin": "Chengdu", "mode": "metro", "distance_km": "20000"}, "distance_km"),
        ({"origin": "Chengdu", "mode": "metro", "distance_km": "100.1"}, "distance_km"),
        ({"origin": "Chengdu", "mode": "taxi", "distance_km": "501"}, "distance_km"),
        ({"origin": "Beijing", "mode": "rail", "distance_km": "5000.1"}, "distance_km"),
        ({"origin": "Qingchengshan", "mode": "taxi"}, "distance_km"),  # shares Dujiangyan's point
    ],
)
def test_unbelievable_trips_are_refused_with_the_reason(answers: dict, field: str) -> None:
    venue = get_venue("demo-scenic" if answers["origin"] == "Qingchengshan" else None)
    with pytest.raises(InputError) as caught:
        compute("trip", answers, venue=venue)
    assert caught.value.field == field


def test_an_entered_distance_at_the_mode_limit_is_accepted() -> None:
    # 100 km by metro is the limit, not over it: 100 x 0.0278 = 2.78 kg -> 2,780 g
    assert one_way(origin="Chengdu", mode="metro", distance_km="100") == (
        "metro",
        Decimal("100.0"),
        2_780,
    )
