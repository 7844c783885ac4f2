"""The phone flow's "buy as a company" step (issue 18): the company's name, its unified social
credit code (checked by kiosk.uscc, the kiosk's and the registry's check) and the invoice
email; a refused field says why in the visitor's language; a paid company order names the
company on its certificate and queues its invoice request as a pushed kiosk sale does."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select

from sync.registry.app import create_app
from sync.registry.tables import invoice_requests, purchases
from tests.sync.registry.phone import MEALS, VENUE, Clock, Phone, field, text_of

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

CODE = "91110000600037341L"  # valid: its 18th character is the one the first 17 call for
WRONG_CHECK = "91110000600037341M"
NAME = "成都会展有限公司"


@pytest.fixture
def phone(demo: Engine) -> Iterator[Phone]:
    app = create_app(demo, headroom_g=5_000_000)
    app.state.clock = Clock()
    with TestClient(app) as client:
        yield Phone(client)


def fill(phone: Phone, name: str, code: str, email: str = "") -> None:
    """On the result page: open the company step and send its form."""
    phone.get(f"/v/{VENUE}/company")
    phone.post(
        f"/v/{VENUE}/company",
        {
            "csrf": field(phone.page, "csrf"),
            "company_name": name,
            "company_code": code,
            "invoice_email": email,
        },
    )


def test_a_company_buys_on_the_phone_and_its_invoice_request_is_queued(
    phone: Phone, demo: Engine
) -> None:
    phone.answer_all("meal", MEALS)
    assert 'data-testid="company-offer"' in phone.page
    fill(phone, f"  {NAME} ", "9111 0000 6000 3734 1l", "fapiao@example.com")  # typed loosely
    assert phone.url.endswith("/result")
    shown = text_of(phone.page, "company-as")
    assert NAME in shown and CODE in shown
    assert 'name="nickname"' not in phone.page  # the certificate names the company
    phone.order()
    phone.press("pay")
    assert 'data-state="paid"' in phone.page
    assert phone.client.get(phone.certificate()).status_code == 200
    with demo.begin() as conn:
        sale = conn.execute(select(purchases)).one()
        request = conn.execute(select(invoice_requests)).one()
    assert (sale.company_name, sale.company_code, sale.invoice_email, sale.nickname) == (
        NAME,
        CODE,
        "fapiao@example.com",
        "",
    )
    assert request.purchase_id == sale.id and request.status == "requested"
    assert (request.company_name, request.company_code) == (NAME, CODE)
    assert request.invoice_email == "fapiao@example.com"
    assert request.amount_fen == sale.amount_fen
    serials = json.loads(request.serials)
    assert serials["certificates"] == [sale.cert_id] and serials["credits"]


def test_a_person_on_the_phone_queues_no_invoice_request(phone: Phone, demo: Engine) -> None:
    phone.answer_all("meal", MEALS)
    phone.order(nickname="小明")
    phone.press("pay")
    with demo.begin() as conn:
        assert conn.execute(select(invoice_requests)).all() == []


@pytest.mark.parametrize(
    ("lang", "code", "words"),
    [
        ("zh", WRONG_CHECK, "第 18 位校验码与前 17 位不符"),
        ("en", WRONG_CHECK, "does not fit the first 17"),
        ("fr", WRONG_CHECK, "ne correspond pas aux 17 premiers"),
        ("en", CODE[:17], "has 18 characters; 17 typed"),
        ("fr", "91110000600O37341L", "Le caractère 12 (O) n'existe pas"),
    ],
)
def test_a_bad_credit_code_is_refused_in_the_visitors_language(
    phone: Phone, demo: Engine, lang: str, code: str, words: str
) -> None:
    phone.get(f"/v/{VENUE}/lang/{lang}")
    phone.answer_all("meal", MEALS)
    fill(phone, NAME, code)
    assert phone.url.endswith("/company")
    assert words in text_of(phone.page, "company-problem")
    assert 'aria-describedby="code-hint company-problem" aria-invalid="true"' in phone.page
    assert field(phone.page, "company_name") == NAME  # what was typed stays
    phone.get(f"/v/{VENUE}/result")
    assert 'data-testid="company-as"' not in phone.page  # nothing was kept


def test_a_bad_email_or_no_name_is_refused(phone: Phone) -> None:
    phone.get(f"/v/{VENUE}/lang/en")
    phone.answer_all("meal", MEALS)
    fill(phone, NAME, CODE, "fapiao at example")
    assert "name@example.com" in text_of(phone.page, "company-problem")
    fill(phone, "  ", CODE)
    assert "registered name" in text_of(phone.page, "company-problem")


def test_back_to_buying_as_a_person(phone: Phone, demo: Engine) -> None:
    phone.answer_all("meal", MEALS)
    fill(phone, NAME, CODE)
    phone.get(f"/v/{VENUE}/company")
    phone.post(f"/v/{VENUE}/company", {"csrf": field(phone.page, "csrf"), "remove": "1"})
    assert phone.url.endswith("/result") and 'data-testid="company-offer"' in phone.page
    phone.order(nickname="小明")
    phone.press("pay")
    with demo.begin() as conn:
        assert conn.execute(select(purchases.c.company_code)).scalar_one() == ""
        assert conn.execute(select(invoice_requests)).all() == []


def test_a_forged_company_form_is_refused(phone: Phone) -> None:
    phone.answer_all("meal", MEALS)
    response = phone.post(
        f"/v/{VENUE}/company", {"csrf": "forged", "company_name": NAME, "company_code": CODE}
    )
    assert response.status_code == 400
    phone.get(f"/v/{VENUE}/result")
    assert 'data-testid="company-as"' not in phone.page


def test_a_phone_sale_during_an_event_counts_towards_it(phone: Phone, demo: Engine) -> None:
    """An attendee offsetting on the phone counts towards the venue's running event, as at
    the kiosk; the event's page and the console show it."""
    from datetime import timedelta

    from kiosk.timestamps import china_date
    from sync.registry import events

    today = china_date(phone.client.app.state.clock())
    with demo.begin() as conn:
        events.create(
            conn=conn,
            event_id="expo-2026",
            venue=VENUE,
            names={"zh": "低碳博览会"},
            starts_on=today.isoformat(),
            ends_on=(today + timedelta(days=1)).isoformat(),
            organiser="成都会展有限公司",
            answers={"attendees": "500", "hall_kwh": "12000"},
        )
    phone.answer_all("meal", MEALS)
    phone.order(nickname="小明")
    phone.press("pay")
    with demo.begin() as conn:
        sale = conn.execute(select(purchases)).one()
        summary = events.summary(conn, "expo-2026")
    assert (sale.event_id, sale.for_event) == ("expo-2026", False)
    assert (summary["offset_by_attendees_g"], summary["offset_by_organiser_g"]) == (
        sale.offset_g,
        0,
    )


def test_the_longest_company_fits_the_visits_cookie(phone: Phone) -> None:
    """The longest name and email the core takes, on the scenario with the most answers: the
    visit's signed cookie stays under its limit (cookies.MAX_BYTES), the page answers."""
    from kiosk.buyer import COMPANY_NAME_MAX

    phone.answer_all("lifestyle", {"2": "300", "8": "100000"})
    name = "国" * COMPANY_NAME_MAX
    email = "f" * 64 + "@" + "e" * 50 + ".com"
    fill(phone, name, CODE, email)
    assert phone.url.endswith("/result") and name in text_of(phone.page, "company-as")
    assert len(phone.client.cookies.get("dd_visit", "")) < 3800


def test_the_company_step_before_a_footprint_and_an_overlong_name(phone: Phone) -> None:
    phone.get(f"/v/{VENUE}/company")
    assert phone.url.endswith(f"/v/{VENUE}")  # nothing to buy yet: the venue's start
    phone.get(f"/v/{VENUE}/lang/en")
    phone.answer_all("meal", MEALS)
    fill(phone, "A" * 500, CODE)
    assert "at most 60 characters" in text_of(phone.page, "company-problem")
