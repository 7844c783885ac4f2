"""A payment that arrives after an order's hold, when the grams it held were sold meanwhile:
no sale, the order is `refund_due`, and `diandian registry phone-refunds` lists it for the
operator to give the money back at the provider; `phone-refund-done` records it given back."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from kiosk.errors import InputError
from kiosk.timestamps import utc_now
from sync.registry import phone_storage
from sync.registry.app import create_app
from sync.registry.phone import orders
from sync.registry.phone.context import Options
from sync.registry.tables import operator_audit, phone_orders, purchase_ranges, purchases
from tests.sync.registry.phone import (
    FORESTS,
    MEALS,
    VENUE,
    Clock,
    Phone,
    field,
    kiosk_takes,
    notice,
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

YEAR = {"2": "300", "8": "100000"}  # 14.26 t: more than anything left


@pytest.fixture
def late(demo: Engine) -> Iterator[dict[str, Any]]:
    """Visitor A places an order and lets its hold end; a kiosk is granted every tonne nobody
    holds, and visitor B buys everything the phone flow has left (the tonne A's order held).
    Then A's payment arrives."""
    clock = Clock()
    app = create_app(demo, headroom_g=0)  # the phone flow is granted only what orders need
    app.state.clock, app.state.phone = clock, Options(auto_notify=False)
    with TestClient(app) as client:
        first = Phone(client)
        first.answer_all("meal", MEALS)
        first.order()
        with demo.begin() as conn:
            order = conn.execute(select(phone_orders)).one()
        clock.at += timedelta(minutes=20)
        kiosk_takes(demo, 100_000_000)
        client.cookies.clear()  # another visitor
        second = Phone(client)
        second.get(f"/v/{VENUE}/lang/en")
        second.answer_all("lifestyle", YEAR)
        second.get(f"/v/{VENUE}/result?offset=year")
        second.post(f"/v/{VENUE}/amount", {"csrf": field(second.page, "csrf"), "offer": "largest"})
        assert field(second.page, "offset_g") == "1000000"  # the tonne A's order held
        second.order(project=FORESTS)
        second.press("pay")
        assert 'data-state="paid"' in second.page
        provider = app.state.payments["simulated"]
        headers, body = notice(provider, order, clock.at, transaction_id="T-late")
        answer = client.post("/pay/notify/simulated", content=body, headers=headers)
        yield {"client": client, "order": order, "answer": answer, "first": first,
               "headers": headers, "body": body}  # fmt: skip


def test_a_late_payment_with_the_stock_gone_is_refund_due_and_sells_nothing(
    late: dict[str, Any], demo: Engine
) -> None:
    order = late["order"]
    assert late["answer"].status_code == 204  # taken: the provider must not send it again
    with demo.begin() as conn:
        row = conn.execute(
            select(phone_orders).where(phone_orders.c.order_id == order.order_id)
        ).one()
        assert (row.status, row.provider_ref, row.purchase_id) == ("refund_due", "T-late", None)
        assert row.paid_at is not None and row.closed_reason == "paid_late"
        sold = conn.execute(select(purchases.c.offset_g)).scalars().all()
        assert sold == [1_000_000]  # only visitor B's tonne
        drawn = conn.execute(
            select(func.sum(purchase_ranges.c.to_g - purchase_ranges.c.from_g))
        ).scalar()
        assert drawn == 1_000_000
        notices = phone_storage.notices_of(conn=conn, order_id=order.order_id)
        assert [n.outcome for n in notices] == ["refund_due"]
    first = late["first"]
    first.get(f"/v/{VENUE}/order/{order.order_id}")
    assert 'data-state="refund"' in first.page


def test_a_replay_of_the_late_payment_changes_nothing(late: dict[str, Any], demo: Engine) -> None:
    again = late["client"].post(
        "/pay/notify/simulated", content=late["body"], headers=late["headers"]
    )
    assert again.status_code == 204
    with demo.begin() as conn:
        assert conn.execute(select(func.count()).select_from(purchases)).scalar() == 1
        status = conn.execute(
            select(phone_orders.c.status).where(phone_orders.c.order_id == late["order"].order_id)
        ).scalar()
    assert status == "refund_due"


@pytest.mark.slow
def test_the_operator_lists_refunds_due(late: dict[str, Any], diandian, db_url: str) -> None:  # type: ignore[no-untyped-def]
    order = late["order"]
    listing = diandian("registry", "phone-refunds", "--db", db_url)
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.strip().splitlines()
    assert len(lines) == 1
    amount = f"¥{int(order.amount_fen) // 100}.{int(order.amount_fen) % 100:02d}"
    assert f"{VENUE}  {amount}  simulated:T-late  order {order.order_id}" in lines[0]
    data = json.loads(diandian("registry", "phone-refunds", "--db", db_url, "--json").stdout)
    assert [(d["order_id"], d["amount_fen"], d["provider_ref"]) for d in data] == [
        (order.order_id, int(order.amount_fen), "T-late")
    ]


@pytest.mark.slow
def test_no_refunds_due_says_so(demo: Engine, diandian, db_url: str) -> None:  # type: ignore[no-untyped-def]
    listing = diandian("registry", "phone-refunds", "--db", db_url)
    assert listing.returncode == 0 and listing.stdout.strip() == "(no phone refunds due)"
    assert json.loads(diandian("registry", "phone-refunds", "--db", db_url, "--json").stdout) == []


# -- the operator records the refund done ----------------------------------------------------


def record(demo: Engine, order_id: str, reference: str = "R-1", operator: str = "ops:li") -> Any:
    with demo.begin() as conn:
        return orders.record_refund(
            conn=conn, order_id=order_id, reference=reference, operator=operator, now=utc_now()
        )


def test_a_refund_done_is_recorded_audited_and_leaves_the_list(
    late: dict[str, Any], demo: Engine
) -> None:
    order_id = late["order"].order_id
    done, changed = record(demo, order_id)
    assert changed and done.status == "refunded"
    with demo.begin() as conn:
        row = phone_storage.get_order(conn=conn, order_id=order_id)
        assert row is not None
        assert (row.refund_ref, row.refunded_by) == ("R-1", "ops:li") and row.refunded_at
        assert phone_storage.refunds_due(conn=conn) == []
        audits = conn.execute(
            select(operator_audit).where(operator_audit.c.action == "phone_refund_done")
        ).all()
    assert [(a.actor, a.subject) for a in audits] == [("ops:li", order_id)]
    detail = json.loads(audits[0].detail)
    assert (detail["reference"], detail["amount_fen"], detail["provider_ref"]) == (
        "R-1", int(late["order"].amount_fen), "T-late",
    )  # fmt: skip
    first = late["first"]
    first.get(f"/v/{VENUE}/order/{order_id}")
    assert 'data-state="refunded"' in first.page


def test_recording_it_again_is_idempotent_and_another_reference_is_refused(
    late: dict[str, Any], demo: Engine
) -> None:
    order_id = late["order"].order_id
    record(demo, order_id)
    again, changed = record(demo, order_id, operator="ops:wang")
    assert not changed and again.status == "refunded"
    with pytest.raises(InputError, match=r"recorded refunded .* with reference 'R-1', not 'R-2'"):
        record(demo, order_id, reference="R-2")
    with demo.begin() as conn:
        count = conn.execute(
            select(func.count()).where(operator_audit.c.action == "phone_refund_done")
        ).scalar()
        row = phone_storage.get_order(conn=conn, order_id=order_id)
    assert count == 1 and row is not None and row.refunded_by == "ops:li"


def test_a_replayed_payment_of_a_refunded_order_sells_nothing(
    late: dict[str, Any], demo: Engine
) -> None:
    record(demo, late["order"].order_id)
    again = late["client"].post(
        "/pay/notify/simulated", content=late["body"], headers=late["headers"]
    )
    assert again.status_code == 204
    with demo.begin() as conn:
        assert conn.execute(select(func.count()).select_from(purchases)).scalar() == 1
        status = conn.execute(
            select(phone_orders.c.status).where(phone_orders.c.order_id == late["order"].order_id)
        ).scalar()
    assert status == "refunded"


def test_an_unknown_order_a_paid_one_or_no_reference_is_refused_in_one_line(
    late: dict[str, Any], demo: Engine
) -> None:
    with pytest.raises(InputError, match=r"^ORDER: no phone order 'nope'"):
        record(demo, "nope")
    with demo.begin() as conn:
        paid = conn.execute(
            select(phone_orders.c.order_id).where(phone_orders.c.status == "paid")
        ).scalar_one()
    with pytest.raises(InputError, match=r"^ORDER: order \w+ is paid, not refund_due"):
        record(demo, paid)
    with pytest.raises(InputError, match=r"^--reference: give the provider's refund reference"):
        record(demo, late["order"].order_id, reference="  ")
    with demo.begin() as conn:
        assert len(phone_storage.refunds_due(conn=conn)) == 1  # nothing changed


@pytest.mark.slow
def test_the_operator_records_a_refund_done(late: dict[str, Any], diandian, db_url: str) -> None:  # type: ignore[no-untyped-def]
    order_id = late["order"].order_id
    args = ("registry", "phone-refund-done", order_id, "--reference", "WX-R-77", "--db", db_url)
    done = diandian(*args, "--operator", "ops:li")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"order {order_id}: ¥") and "(WX-R-77)" in done.stdout
    again = diandian(*args)
    assert again.returncode == 0 and "already recorded" in again.stdout
    listing = diandian("registry", "phone-refunds", "--db", db_url)
    assert listing.stdout.strip() == "(no phone refunds due)"
    unknown = diandian("registry", "phone-refund-done", "x1", "--reference", "R", "--db", db_url)
    assert unknown.returncode != 0 and "no phone order 'x1'" in unknown.stderr
    assert "Traceback" not in unknown.stderr and len(unknown.stderr.strip().splitlines()) == 1
