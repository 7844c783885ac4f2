"""A customer's visit in the core: pages that apply, typed answers, the running total."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk.errors import InputError
from kiosk.session import CustomerSession
from kiosk.venues import get_venue


def test_pages_follow_the_answers_and_stale_answers_stop_counting() -> None:
    session = CustomerSession(get_venue("demo-expo"))
    session.start("trip")
    assert "cabin" not in [q.key for q in session.questions()]
    session.answer("origin", "Beijing")
    session.answer("mode", "flight")
    session.answer("cabin", "business")
    assert "cabin" in [q.key for q in session.questions()]
    flight = session.running_total()
    session.answer("mode", "high_speed_rail")  # the cabin no longer applies, and is ignored
    assert "cabin" not in [q.key for q in session.questions()]
    assert session.running_total() < flight


def test_running_total_waits_for_required_answers() -> None:
    session = CustomerSession(get_venue("demo-expo"))
    session.start("lifestyle")
    assert session.running_total() is None and session.missing() == ["electricity_kwh_month"]
    session.answer("electricity_kwh_month", "200")
    assert session.running_total() > 0


def test_bad_answers_are_refused_and_blank_goes_back_to_the_default() -> None:
    session = CustomerSession(get_venue("demo-expo"))
    session.start("hotel_stay")
    with pytest.raises(InputError):
        session.answer("nights", "0")
    session.answer("nights", "3")
    assert session.answers["nights"] == 3
    session.answer("nights", "")
    assert session.value(session.scenario.question("nights")) == 1


def test_destination_defaults_to_the_venue_city_and_lifestyle_offsets_a_month() -> None:
    session = CustomerSession(get_venue("demo-scenic"))
    session.start("scenic_visit")
    assert session.value(session.scenario.question("destination")).id == "dujiangyan"
    session.start("lifestyle")
    session.answer("electricity_kwh_month", Decimal("100"))
    footprint = session.footprint()
    assert session.offset == "month"
    assert session.offset_g(footprint) == -(-footprint.total_grams // 12)
    session.choose_offset("year")
    assert session.offset_g(footprint) == footprint.total_grams
    session.reset()
    assert session.scenario_id == "" and session.answers == {} and session.lang == "zh"
