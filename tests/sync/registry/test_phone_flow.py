"""The phone flow in-process, on SQLite and PostgreSQL: venue page, questions, result, order,
the simulated provider, the paid page with its certificate and ranking; sold out, expiry,
coming back, a double tap, the language switch."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Connection, Engine, func, select

from sync.registry import phone_storage
from sync.registry.app import create_app
from sync.registry.phone.issuer import issuer_id
from sync.registry.tables import phone_orders, purchase_ranges, purchases
from tests.sync.registry.phone import (
    FORESTS,
    MEALS,
    VENUE,
    Clock,
    Phone,
    kiosk_takes,
    text_of,
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(demo: Engine, clock: Clock):  # type: ignore[no-untyped-def]
    made = create_app(demo, headroom_g=5_000_000)
    made.state.clock = clock
    return made


@pytest.fixture
def phone(app) -> Iterator[Phone]:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        yield Phone(client)


def sales(engine: Engine) -> int:
    with engine.begin() as conn:
        return int(conn.execute(select(func.count()).select_from(purchases)).scalar() or 0)


def test_whole_flow_in_chinese(phone: Phone, demo: Engine) -> None:
    assert phone.get(f"/v/{VENUE}").status_code == 200
    assert "演示：2026 低碳出行大会" in text_of(phone.page, "event")
    phone.answer_all("meal", MEALS)
    total = text_of(phone.page, "total")
    assert total.endswith("kg") and total != "0 kg"
    assert phone.order(nickname="小明").status_code == 200
    assert "/pay/sim/" in phone.url and "模拟支付" in phone.page
    phone.press("pay")
    assert f"/v/{VENUE}/order/" in phone.url
    assert 'data-state="paid"' in phone.page
    assert "小明" in text_of(phone.page, "ranking") and "第 1 名" in text_of(phone.page, "mine")
    cert = phone.client.get(phone.certificate())
    assert cert.status_code == 200
    assert "签名有效" in cert.text and "已注销" in cert.text and "DEMO-RETIREMENT-0001" in cert.text
    with demo.begin() as conn:
        row = conn.execute(select(purchases)).one()
        assert row.kiosk_id == issuer_id(VENUE) and row.venue == VENUE and row.nickname == "小明"
        drawn = conn.execute(select(purchase_ranges)).all()
        assert sum(r.to_g - r.from_g for r in drawn) == row.offset_g  # retired grams drawn
        order = conn.execute(select(phone_orders)).one()
        assert order.status == "paid" and order.purchase_id == row.id
        assert json.loads(row.payload)["amount_fen"] == order.amount_fen


def test_whole_flow_in_english_with_a_switch_midway(phone: Phone) -> None:
    phone.get(f"/v/{VENUE}")
    phone.get(f"/v/{VENUE}/s/meal")
    assert "第 1 题" in phone.page
    switch = phone.page.split('data-testid="lang-en"')[0].rsplit('href="', 1)[1].split('"')[0]
    phone.get(switch.replace("&amp;", "&"))
    assert phone.url.endswith("/q/1") and "Question 1 of" in phone.page
    phone.answer_all("meal", MEALS)
    assert "Your footprint" in phone.page
    phone.order()
    phone.press("pay")
    assert "Thank you! Paid" in phone.page and "See my certificate" in phone.page


def test_language_switch_only_goes_back_into_the_flow(phone: Phone) -> None:
    response = phone.client.get(
        f"/v/{VENUE}/lang/fr", params={"next": "https://evil.example/"}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == f"/v/{VENUE}"


def test_unknown_venue_says_so(phone: Phone) -> None:
    response = phone.get("/v/no-such-venue")
    assert response.status_code == 404 and "找不到这个场地" in response.text


def test_a_refused_answer_stays_on_its_page(phone: Phone) -> None:
    phone.get(f"/v/{VENUE}/s/meal")
    response = phone.post(
        phone.url,
        {"csrf": phone.page.split('name="csrf" value="')[1].split('"')[0], "answer": "-3"},
    )
    assert response.status_code == 400 and phone.url.endswith("/q/1")
    assert text_of(phone.page, "problem")


def test_a_forged_form_is_refused(phone: Phone) -> None:
    phone.get(f"/v/{VENUE}/s/meal")
    response = phone.post(phone.url, {"csrf": "forged", "answer": "2"})
    assert response.status_code == 400


def test_double_tap_on_pay_makes_one_order_and_one_sale(phone: Phone, demo: Engine) -> None:
    phone.answer_all("meal", MEALS)
    result_page = phone.page
    phone.order()
    first = phone.url
    phone.page = result_page
    phone.order()
    assert phone.url == first  # the same attempt: the same order and payment page
    sim_page = phone.page
    phone.press("pay")
    phone.page, phone.url = sim_page, first
    phone.press("pay")
    assert 'data-state="paid"' in phone.page
    with demo.begin() as conn:
        assert conn.execute(select(func.count()).select_from(phone_orders)).scalar() == 1
    assert sales(demo) == 1


def test_back_after_paying_shows_the_same_sale(phone: Phone, demo: Engine) -> None:
    phone.answer_all("meal", MEALS)
    phone.order()
    phone.press("pay")
    paid = phone.url
    cert = phone.certificate()
    phone.get(paid)
    assert phone.certificate() == cert and sales(demo) == 1


def test_sold_out_when_kiosks_hold_every_retired_tonne(phone: Phone, demo: Engine) -> None:
    """The phone flow's stock comes from the same locked grants as kiosks': grams granted to
    a kiosk are never the phone's, so with all retired tonnes granted it is sold out."""
    phone.answer_all("meal", MEALS)  # the result page read while there was stock
    kiosk_takes(demo, 100_000_000)
    response = phone.order()
    assert response.status_code == 409 and "这个项目已售完" in phone.page
    assert sales(demo) == 0
    phone.get(f"/v/{VENUE}/result")  # and the result page says so now
    assert 'data-testid="all-sold-out"' in phone.page and "pay-" not in phone.page


def held(conn: Connection, issuer: str, now: str) -> dict[str, int]:
    """project -> grams the issuer's unpaid orders hold at NOW, as an order's stock check
    reads them (phone_storage.issuer_stock)."""
    rows = phone_storage.issuer_stock(conn=conn, kiosk_id=issuer, now=now)
    return {row.project_id: int(row.held_g) for row in rows if row.held_g}


def test_an_unpaid_order_expires_and_gives_its_grams_back(
    phone: Phone, demo: Engine, clock: Clock
) -> None:
    phone.answer_all("meal", MEALS)
    phone.order()
    sim = phone.url
    with demo.begin() as conn:
        order = conn.execute(select(phone_orders)).one()
        assert held(conn, order.issuer_id, order.created_at) == {FORESTS: order.offset_g}
    clock.at += timedelta(minutes=16)
    phone.get(f"/v/{VENUE}/order/{order.order_id}")
    assert 'data-state="expired"' in phone.page
    phone.get(sim)
    assert text_of(phone.page, "sim-state") == "此付款已关闭。"  # closed at the provider
    with demo.begin() as conn:
        assert conn.execute(select(phone_orders.c.status)).scalar() == "expired"
        now = (clock.at).isoformat()
        assert held(conn, order.issuer_id, now) == {}
    assert sales(demo) == 0


def test_cancel_at_the_provider(phone: Phone, demo: Engine) -> None:
    phone.answer_all("meal", MEALS)
    phone.order()
    phone.press("cancel")
    assert 'data-state="expired"' in phone.page and sales(demo) == 0


def test_coming_back_before_the_notification_asks_the_provider(demo: Engine, clock: Clock) -> None:
    from sync.registry.phone.context import Options

    app = create_app(demo, headroom_g=5_000_000)
    app.state.clock, app.state.phone = clock, Options(auto_notify=False)
    with TestClient(app) as client:
        phone = Phone(client)
        phone.answer_all("meal", MEALS)
        phone.order()
        phone.press("pay")
    assert 'data-state="paid"' in phone.page and sales(demo) == 1
    with demo.begin() as conn:
        notices = phone_storage.notices_of(conn=conn, order_id=phone.url.rsplit("/", 1)[1])
    assert [n.outcome for n in notices] == ["paid"] and notices[0].notice_id.startswith("query:")


def test_too_many_orders_from_one_address_are_refused_in_the_visitors_language(
    demo: Engine, clock: Clock
) -> None:
    from sync.registry.phone.context import Options
    from sync.registry.web.limits import Limit

    app = create_app(demo, headroom_g=5_000_000)
    app.state.clock, app.state.phone = clock, Options(ip_limit=Limit("ip-orders", 1, 600))
    with TestClient(app) as client:
        phone = Phone(client)
        phone.get(f"/v/{VENUE}/lang/en")
        phone.answer_all("meal", MEALS)
        result_page = phone.page
        assert phone.order().status_code == 200
        phone.page = result_page
        refused = phone.order(attempt="another-tap")
    assert refused.status_code == 429 and "Too many orders" in phone.page
    assert refused.headers["Retry-After"] == "600"
    with demo.begin() as conn:
        assert conn.execute(select(func.count()).select_from(phone_orders)).scalar() == 1


def test_a_payment_after_the_hold_still_sells_while_the_stock_allows(
    phone: Phone, demo: Engine, clock: Clock
) -> None:
    """The provider let a payment through just after the hold ended (its clock, ours): the
    grams the order held are free again but unsold, so the sale is made, once."""
    from sync.registry.phone import orders

    phone.answer_all("meal", MEALS)
    phone.order()
    clock.at += timedelta(minutes=20)
    with demo.begin() as conn:
        order = conn.execute(select(phone_orders)).one()
        outcome = orders.apply_payment(
            conn=conn,
            order_id=order.order_id,
            provider="simulated",
            transaction_id="T-late",
            amount=int(order.amount_fen),
            now=clock.at,
            headroom_g=5_000_000,
        )
    assert outcome == orders.Outcome.PAID and sales(demo) == 1
    phone.get(f"/v/{VENUE}/order/{order.order_id}")
    assert 'data-state="paid"' in phone.page
