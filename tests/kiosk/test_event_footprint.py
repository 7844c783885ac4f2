"""Golden event footprints: the organiser's whole event, with the arithmetic written out.

Same rule as tests/kiosk/test_footprint_golden.py: each line is quantity x factor rounded
half-up to the gram once; the total is the sum of the lines. The venue is the demo convention
centre in Chengdu, so the hall's kWh are priced on the Sichuan grid (0.1404 kg/kWh, 2022).
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from types import MappingProxyType

import pytest

from kiosk.errors import InputError
from kiosk.factors import Constant, load_factors
from kiosk.footprint import compute
from kiosk.venues import get_venue

EXPO = {
    "days": "3",
    "attendees": "500",
    "hall_kwh": "12000",
    "meat_meals": "200",
    "mixed_meals": "800",
    "vegetarian_meals": "300",
    "vegan_meals": "50",
    "paper_kg": "150",
    "room_nights": "400",
    "travel": "beijing:flight:100;chongqing:high_speed_rail:40%;chengdu:metro:150:20",
}


def lines(answers: dict[str, str], **kwargs: object) -> list[tuple[str, Decimal, int]]:
    footprint = compute("event", answers, venue=get_venue("demo-expo"), **kwargs)  # type: ignore[arg-type]
    assert footprint.total_grams == sum(line.grams for line in footprint.lines)
    return [(line.activity, line.quantity, line.grams) for line in footprint.lines]


def test_a_three_day_expo_line_by_line() -> None:
    # hall:       12,000 kWh x 0.1404 (Sichuan grid)       = 1,684.8 kg      -> 1,684,800 g
    # meals:      200 x 2.3967 (meat)                       =   479.34 kg     ->   479,340 g
    #             800 x 1.8767 (mixed)                      = 1,501.36 kg     -> 1,501,360 g
    #             300 x 1.2700 (vegetarian)                 =   381 kg        ->   381,000 g
    #              50 x 0.9633 (vegan)                      =    48.165 kg    ->    48,165 g
    # paper:      150 kg x 1.3450779 (DESNZ paper)          =   201.761685 kg ->   201,762 g
    # hotel:      400 room-nights x 53.5                    = 21,400 kg       -> 21,400,000 g
    # travel, each way (round trip, the default):
    #   100 from Beijing by plane: PEK-TFU 1,545.98 km x 1.08 = 1,669.7 km each (as a visitor's
    #   own trip); 1,669.7 x 100 = 166,970 pkm x 0.15935 = 26,606.6695 kg -> 26,606,670 g
    #   40 % of 500 = 200 by high-speed rail from Chongqing: 308.6 km (the published line)
    #   x 200 = 61,720 pkm x 0.03048 = 1,881.2256 kg -> 1,881,226 g
    #   150 locals by metro, 20 km given: 3,000 pkm x 0.0278 = 83.4 kg -> 83,400 g
    assert lines(EXPO) == [
        ("electricity_sichuan_grid", Decimal("12000"), 1_684_800),
        ("meal_meat", Decimal(200), 479_340),
        ("meal_mixed", Decimal(800), 1_501_360),
        ("meal_vegetarian", Decimal(300), 381_000),
        ("meal_vegan", Decimal(50), 48_165),
        ("goods_paper", Decimal("150"), 201_762),
        ("hotel_night_china", Decimal(400), 21_400_000),
        ("flight_domestic_economy", Decimal("166970.0"), 26_606_670),
        ("flight_domestic_economy", Decimal("166970.0"), 26_606_670),
        ("high_speed_rail", Decimal("61720.0"), 1_881_226),
        ("high_speed_rail", Decimal("61720.0"), 1_881_226),
        ("metro", Decimal("3000.0"), 83_400),
        ("metro", Decimal("3000.0"), 83_400),
    ]
    # 1,684,800 + 479,340 + 1,501,360 + 381,000 + 48,165 + 201,762 + 21,400,000
    # + 2 x (26,606,670 + 1,881,226 + 83,400) = 25,696,427 + 57,142,592 = 82,839,019 g
    assert compute("event", EXPO, venue=get_venue("demo-expo")).total_grams == 82_839_019


def test_an_attendees_flight_costs_what_their_own_trip_costs() -> None:
    """One attendee in the event's travel is priced exactly as the trip scenario prices them."""
    event = compute(
        "event", {"days": 1, "attendees": 1, "hall_kwh": 0, "travel": "Beijing:flight:1"}
    )
    trip = compute("trip", {"origin": "Beijing", "mode": "flight"})
    assert [line.grams for line in event.lines] == [line.grams for line in trip.lines]


def test_shares_of_the_attendees_can_be_fractions_of_people() -> None:
    # 33.3 % of 10 = 3.33 people by high-speed rail from Chongqing, one way:
    # 308.6 x 3.33 = 1,027.638 pkm x 0.03048 = 31.32240624 kg -> 31,322 g
    answers = {"days": "1", "attendees": "10", "hall_kwh": "0", "round_trip": "no"}
    assert lines({**answers, "travel": "chongqing:high_speed_rail:33.3%"}) == [
        ("high_speed_rail", Decimal("1027.638"), 31_322)
    ]


def test_an_outdoor_event_counts_no_hall() -> None:
    assert lines({"days": "1", "attendees": "10", "hall_kwh": "0", "paper_kg": "1"}) == [
        ("goods_paper", Decimal("1"), 1_345)  # 1 x 1.3450779 kg -> 1,345 g
    ]


def test_floor_area_needs_a_cited_per_m2_day_figure_in_the_table() -> None:
    answers = {"days": "3", "attendees": "10", "hall_m2": "5000"}
    with pytest.raises(InputError, match="no published kWh per m² per day") as caught:
        compute("event", answers)
    assert caught.value.field == "hall_m2"
    # a table that carries one (an operator's import, with its own source) is used:
    # 5,000 m2 x 3 days x 0.5 kWh = 7,500 kWh x 0.1404 = 1,053 kg -> 1,053,000 g
    shipped = load_factors()
    cited = Constant(Decimal("0.5"), "kWh per m2 per day", "a test figure")
    table = replace(
        shipped, constants=MappingProxyType({**shipped.constants, "hall_kwh_per_m2_day": cited})
    )
    footprint = compute("event", answers, venue=get_venue("demo-expo"), table=table)
    (line,) = footprint.lines
    assert (line.activity, line.quantity, line.grams) == (
        "electricity_sichuan_grid",
        Decimal("7500.0"),
        1_053_000,
    )
    assert line.detail["basis"] == "floor_area" and line.detail["m2"] == "5000"


@pytest.mark.parametrize(
    ("extra", "field", "words"),
    [
        ({}, "hall_kwh", "an answer is required"),
        ({"hall_kwh": "5", "hall_m2": "10"}, "hall_m2", "not both"),
        ({"hall_kwh": "5", "travel": "beijing:flight:11"}, "travel", "more than the 10"),
        ({"hall_kwh": "5", "travel": "beijing:flight:60%;shanghai:flight:5"}, "travel", "11"),
        ({"hall_kwh": "5", "travel": "beijing:boat:1"}, "travel", "mode 'boat'"),
        ({"hall_kwh": "5", "travel": "chengdu:metro:3"}, "travel", ":KM"),
        ({"hall_kwh": "5", "travel": "beijing:metro:3"}, "travel", "not believable"),
        ({"hall_kwh": "5", "travel": "Chengdo:metro:3:5"}, "travel", "closest matches"),
        ({"hall_kwh": "5", "travel": "beijing:flight"}, "travel", "ORIGIN:MODE:PEOPLE"),
        ({"hall_kwh": "5", "travel": "beijing:flight:0"}, "travel", "at least 1"),
        ({"hall_kwh": "5", "travel": "beijing:flight:101%"}, "travel", "up to 100"),
        ({"hall_kwh": "5", "travel": "chengdu:metro:1:-2"}, "travel", "km '-2'"),
        ({"hall_kwh": "-1"}, "hall_kwh", "out of range"),
    ],
)
def test_bad_answers_name_the_field(extra: dict[str, str], field: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        compute("event", {"days": "1", "attendees": "10", **extra})
    assert caught.value.field == field and words in str(caught.value)


def _cli(*sets: str) -> subprocess.CompletedProcess[str]:
    args = [a for s in sets for a in ("--set", s)]
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "footprint", "event", "--json", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_cli_prints_the_same_json_shape_as_every_scenario() -> None:
    done = _cli(*(f"{key}={value}" for key, value in EXPO.items()))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {
        "scenario",
        "venue",
        "total_kg",
        "total_g",
        "lines",
        "answers",
        "factors_version",
    }
    assert data["total_g"] == 82_839_019 and data["scenario"] == "event"
    assert data["answers"]["travel"] == EXPO["travel"]  # canonical: city ids
    flight = data["lines"][7]
    assert flight["detail"]["people"] == "100" and flight["detail"]["km"] == "1669.7"
    assert flight["source"].startswith("Mao Baohua")


def test_the_cli_exits_2_with_one_line() -> None:
    done = _cli("days=2", "attendees=10", "hall_m2=400")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "hall_m2: " in done.stderr
