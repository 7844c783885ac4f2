"""Checking answers: every bad value is refused with the field's name and what is allowed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk.errors import InputError
from kiosk.scenarios import get_scenario, load_scenarios, parse_answers
from kiosk.venues import get_venue

CHENGDU = get_venue().city


def parse(scenario: str, **raw: object) -> dict:
    return parse_answers(get_scenario(scenario), raw, venue_city=CHENGDU)


def test_every_scenario_the_issue_names_is_shipped() -> None:
    assert {"trip", "hotel_stay", "scenic_visit", "shopping_basket", "meal", "lifestyle"} <= set(
        load_scenarios()
    )


def test_every_question_has_labels_in_three_languages() -> None:
    for scenario in load_scenarios().values():
        assert set(scenario.label) >= {"zh", "en", "fr"}, scenario.id
        for question in scenario.questions:
            assert set(question.label) >= {"zh", "en", "fr"}, (scenario.id, question.key)
            for value, labels in question.choices.items():
                assert set(labels) >= {"zh", "en", "fr"}, (question.key, value)


def test_trip_defaults_destination_to_the_venue_city_and_fills_defaults() -> None:
    answers = parse("trip", origin="Beijing", mode="flight")
    assert answers["destination"] is CHENGDU
    assert answers["cabin"] == "economy"
    assert answers["round_trip"] is True
    assert answers["nights"] == 0
    assert answers["distance_km"] is None
    assert "passengers" not in answers  # only asked for cars


def test_typed_values_from_the_touchscreen_are_accepted() -> None:
    answers = parse("trip", origin="上海", mode="car_petrol", passengers=3, round_trip=False)
    assert answers["passengers"] == 3
    assert answers["round_trip"] is False
    assert answers["origin"].id == "shanghai"


@pytest.mark.parametrize(
    ("raw", "field", "says"),
    [
        ({"mode": "flight"}, "origin", "required"),
        ({"origin": "Beijing"}, "mode", "required"),
        ({"origin": "Beijing", "mode": "rocket"}, "mode", "one of flight"),
        ({"origin": "Nowhereville", "mode": "flight"}, "origin", "unknown city"),
        ({"origin": "Beijing", "mode": "flight", "nights": "-1"}, "nights", "from 0 to 60"),
        ({"origin": "Beijing", "mode": "flight", "nights": "nan"}, "nights", "whole number"),
        ({"origin": "Beijing", "mode": "flight", "nights": "2.5"}, "nights", "whole number"),
        ({"origin": "Beijing", "mode": "flight", "nights": "61"}, "nights", "out of range"),
        ({"origin": "Beijing", "mode": "flight", "nights": "9" * 40}, "nights", "whole number"),
        ({"origin": "Beijing", "mode": "flight", "nights": True}, "nights", "not a number"),
        ({"origin": "Beijing", "mode": "flight", "meals": [1]}, "meals", "not a number"),
        ({"origin": "Beijing", "mode": "flight", "distance_km": "inf"}, "distance_km", "number"),
        ({"origin": "Beijing", "mode": "flight", "distance_km": "NaN"}, "distance_km", "number"),
        ({"origin": "Beijing", "mode": "flight", "distance_km": "-5"}, "distance_km", "0.1 to"),
        ({"origin": "Beijing", "mode": "flight", "distance_km": "1e9"}, "distance_km", "range"),
        ({"origin": "Beijing", "mode": "flight", "distance_km": "ten"}, "distance_km", "number"),
        ({"origin": "Beijing", "mode": "flight", "round_trip": "maybe"}, "round_trip", "true or"),
        ({"origin": "Beijing", "mode": "rail", "cabin": "business"}, "cabin", "only applies"),
        ({"origin": "Beijing", "mode": "flight", "colour": "red"}, "colour", "not a question"),
        ({"origin": 42, "mode": "flight"}, "origin", "not a city"),
        ({"origin": "", "mode": "flight"}, "origin", "required"),
    ],
)
def test_bad_trip_answers_name_the_field(raw: dict, field: str, says: str) -> None:
    with pytest.raises(InputError) as caught:
        parse("trip", **raw)
    assert caught.value.field == field
    assert says in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_scenario_with_nothing_to_count_is_refused() -> None:
    with pytest.raises(InputError, match="at least one of"):
        parse("meal")
    with pytest.raises(InputError, match="at least one of"):
        parse("shopping_basket", clothing_kg="0")


def test_unknown_scenario_lists_the_allowed_ones() -> None:
    with pytest.raises(InputError) as caught:
        get_scenario("holiday")
    assert caught.value.field == "scenario"
    assert "trip" in str(caught.value) and "lifestyle" in str(caught.value)


def test_decimal_answers_keep_their_exact_value() -> None:
    answers = parse("shopping_basket", clothing_kg="0.35", food_drink_kg=Decimal("2"))
    assert answers["clothing_kg"] == Decimal("0.35")
    assert answers["food_drink_kg"] == Decimal("2")


def test_defaults_are_typed_once_when_the_scenarios_load() -> None:
    nights = get_scenario("trip").question("nights")
    assert nights.default == 0 and nights.default_value == 0
    assert get_scenario("trip").question("round_trip").default_value is True
    assert get_scenario("trip").question("destination").default_value is None  # @venue


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ({"type": "int", "min": 0, "max": 5, "default": 9}, "default 9: 9 is out of range"),
        ({"type": "choice", "choices": {"a": {}}, "default": "b"}, "default 'b': 'b' is not"),
    ],
)
def test_a_default_the_question_would_refuse_is_a_data_error(spec: dict, says: str) -> None:
    from kiosk.errors import DataError
    from kiosk.scenarios import _question

    with pytest.raises(DataError, match=f"question 'q': {says}"):
        _question("q", spec, {})
