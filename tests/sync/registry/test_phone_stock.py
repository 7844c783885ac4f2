"""The phone flow's result page shows what is left before Pay: a project that cannot cover
the offset is marked and cannot be paid for, and when none can, the page offers what can be
bought exactly as the kiosk does (kiosk.offers), each choice checked again on the server."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, select

from sync.registry import credits
from sync.registry.app import create_app
from sync.registry.tables import phone_orders, purchases
from tests.sync.registry.phone import (
    FORESTS,
    MEALS,
    VENUE,
    Phone,
    field,
    kiosk_takes,
    text_of,
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

# a year with 300 kWh a month and 100,000 km of flights: 14.26 t, its month 1.19 t
YEAR = {"2": "300", "8": "100000"}
PROJECTS = ("demo-longquan-forest", "demo-rural-biogas", "demo-rooftop-solar", "demo-wetland")


@pytest.fixture
def phone(demo: Engine) -> Iterator[Phone]:
    with TestClient(create_app(demo, headroom_g=5_000_000)) as client:
        visitor = Phone(client)
        visitor.get(f"/v/{VENUE}/lang/en")
        yield visitor


def a_year(phone: Phone) -> None:
    phone.answer_all("lifestyle", YEAR)
    phone.get(f"/v/{VENUE}/result?offset=year")
    assert text_of(phone.page, "total") == "14.26 t"


def choose(phone: Phone, **form: str) -> Any:
    return phone.post(f"/v/{VENUE}/amount", {"csrf": field(phone.page, "csrf"), **form})


def sold(engine: Engine) -> list[Any]:
    with engine.begin() as conn:
        return list(conn.execute(select(purchases.c.project_id, purchases.c.offset_g)))


def test_a_fresh_registry_shows_every_retired_tonne_as_left(phone: Phone) -> None:
    """Nothing is granted to the phone flow before its first order: what is left is what
    the grant logic would give it, 100 retired tonnes of each demo project."""
    phone.answer_all("meal", MEALS)
    for project in PROJECTS:
        assert text_of(phone.page, f"left-{project}") == "Left here: 100.00 t"
        assert f'data-testid="pay-{project}"' in phone.page
    assert 'data-testid="short"' not in phone.page


def test_projects_that_cannot_cover_the_offset_are_marked(phone: Phone, demo: Engine) -> None:
    kiosk_takes(demo, 95_000_000)  # 5 t of each project left for phones
    with demo.begin() as conn:  # and 20 t more of the forest retired since
        credits.retire_blocks(
            conn=conn,
            project_id=FORESTS,
            serials="CDCER-2024-000101..000120",
            reference="R-2",
            beneficiary="b",
        )
    a_year(phone)
    assert text_of(phone.page, f"left-{FORESTS}") == "Left here: 25.00 t"
    assert f'data-testid="pay-{FORESTS}"' in phone.page
    for project in PROJECTS[1:]:
        assert text_of(phone.page, f"left-{project}") == "Left here: 5.00 t"
        assert f'data-testid="pay-{project}"' not in phone.page
        assert text_of(phone.page, f"sold-{project}") == "Not enough left for 14.26 t"
    assert 'data-testid="short"' not in phone.page
    refused = phone.order(project=PROJECTS[1])  # posted anyway: the order refuses it too
    assert refused.status_code == 409 and sold(demo) == []


def test_when_none_can_cover_it_the_page_offers_what_can_be_bought(
    phone: Phone, demo: Engine
) -> None:
    kiosk_takes(demo, 95_000_000)
    a_year(phone)
    assert "No project here has 14.26 t left" in text_of(phone.page, "short-message")
    assert text_of(phone.page, "offer-month") == "One month of your year: 1.19 t"
    assert text_of(phone.page, "offer-largest") == "The most one project can cover: 5.00 t"
    assert "From 1.0 kg to 5.00 t" in phone.page
    assert 'data-testid="pay-' not in phone.page  # no card to pay for the whole year
    choose(phone, offer="largest")
    assert phone.url.endswith("/result")
    assert (
        text_of(phone.page, "chosen") == "You chose to offset 5.00 t of your 14.26 t. Choose again"
    )
    assert field(phone.page, "offset_g") == "5000000"
    phone.order(project=PROJECTS[2])
    phone.press("pay")
    assert 'data-state="paid"' in phone.page
    assert sold(demo) == [(PROJECTS[2], 5_000_000)]
    with demo.begin() as conn:
        order = conn.execute(select(phone_orders)).one()
    assert order.amount_fen == 40_000  # 5 t at ¥80.00 a tonne, worked out on the server


def test_a_month_of_the_year_and_choosing_again(phone: Phone, demo: Engine) -> None:
    kiosk_takes(demo, 95_000_000)
    a_year(phone)
    choose(phone, offer="month")
    assert field(phone.page, "offset_g") == "1188700"
    again = phone.page.split('data-testid="chosen"')[1].split('href="')[1].split('"')[0]
    phone.get(again)  # back to the whole year: short again, the offers again
    assert 'data-testid="short"' in phone.page and "offset_g" not in phone.page


@pytest.mark.parametrize("typed", ["7000", "0.5", "abc", "-3", "NaN", "1e9999", ""])
def test_a_typed_amount_outside_what_is_left_is_refused(
    phone: Phone, demo: Engine, typed: str
) -> None:
    kiosk_takes(demo, 95_000_000)
    a_year(phone)
    response = choose(phone, kg=typed)
    assert response.status_code == 400
    assert "cannot be offset here" in text_of(phone.page, "amount-problem")
    assert 'data-testid="short"' in phone.page  # the offers again, nothing chosen
    phone.get(f"/v/{VENUE}/result")
    assert "chosen" not in phone.page


def test_a_typed_amount_within_it_is_taken_in_grams(phone: Phone, demo: Engine) -> None:
    kiosk_takes(demo, 95_000_000)
    phone.get(f"/v/{VENUE}/lang/fr")
    a_year_fr = phone.answer_all("lifestyle", YEAR)
    assert a_year_fr.status_code == 200
    phone.get(f"/v/{VENUE}/result?offset=year")
    choose(phone, kg="2500,5")  # French writes a decimal comma
    assert phone.url.endswith("/result") and field(phone.page, "offset_g") == "2500500"


def test_an_offer_not_made_is_refused(phone: Phone, demo: Engine) -> None:
    """Only the server's offers count: a kind it did not offer, or an offer when the whole
    offset is covered, changes nothing."""
    kiosk_takes(demo, 95_000_000)
    a_year(phone)
    assert choose(phone, offer="everything").status_code == 400
    phone.get(f"/v/{VENUE}/result?offset=month")  # 1.19 t: covered, so nothing is offered
    choose(phone, offer="largest")
    assert phone.url.endswith("/result") and field(phone.page, "offset_g") == "1188700"
    assert 'data-testid="chosen"' not in phone.page


def test_nothing_left_anywhere_says_so(phone: Phone, demo: Engine) -> None:
    kiosk_takes(demo, 100_000_000)  # every retired tonne is a kiosk's
    phone.answer_all("meal", MEALS)
    assert "sold out" in text_of(phone.page, "all-sold-out")
    assert 'data-testid="offer-' not in phone.page and 'name="kg"' not in phone.page
    assert choose(phone, kg="1").status_code == 400
    assert sold(demo) == []


def test_a_forged_amount_form_is_refused(phone: Phone, demo: Engine) -> None:
    kiosk_takes(demo, 95_000_000)
    a_year(phone)
    response = phone.post(f"/v/{VENUE}/amount", {"csrf": "forged", "offer": "largest"})
    assert response.status_code == 400
    phone.get(f"/v/{VENUE}/result")
    assert 'data-testid="short"' in phone.page
