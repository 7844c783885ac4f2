"""Issue 18 through the real registry in process and a real kiosk ledger: an event recorded at
the registry reaches the venue's kiosk by pull; attendees' and the organiser's purchases count
towards it; a company's purchase queues an invoice request, which an operator issues, and its
refund flags a red-letter (credit) invoice."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.buyer import EventTag, company
from kiosk.errors import InputError
from kiosk.footprint import compute
from kiosk.ledger import Ledger, syncstate
from kiosk.timestamps import china_date, utc_now
from kiosk.venue_events import running
from kiosk.venues import get_venue
from sync import job
from sync import pull as pulls
from sync.registry import event_storage, events, invoices, settlement_storage
from sync.registry.event_page import tonnes
from sync.registry.tables import purchases
from tests.sync.conftest import URL
from tests.sync.live import LiveRegistry
from tests.sync.registry.conftest import TestClient

ANSWERS = {"attendees": "500", "hall_kwh": "12000", "travel": "chengdu:metro:150:20"}
ACME = company("成都示例科技有限公司", "91110000600037341L", "fapiao@example.com")


def _create_event(registry: LiveRegistry, **changes: str) -> dict:
    today = china_date(utc_now())
    args = {
        "event_id": "expo-2026",
        "venue": get_venue().id,
        "names": {"zh": "低碳博览会", "en": "Low-carbon Expo"},
        "starts_on": (today - timedelta(days=1)).isoformat(),
        "ends_on": (today + timedelta(days=1)).isoformat(),
        "organiser": "成都会展有限公司",
        "answers": ANSWERS,
        **changes,
    }
    with registry.engine.begin() as conn:
        return events.create(conn=conn, **args)


def _sync(ledger: Ledger, registry: LiveRegistry) -> job.Result:
    with registry.client(ledger, URL) as client:
        return job.run(ledger, client)


def _pull(ledger: Ledger, registry: LiveRegistry) -> None:
    with registry.client(ledger, URL) as client:
        pulls.pull_events(ledger, client, job.Result())


def test_an_event_reaches_the_kiosk_and_counts_its_sales(
    ledger: Ledger, registry: LiveRegistry
) -> None:
    made = _create_event(registry)
    # the event scenario at the demo venue, as the registry worked it out
    assert made["footprint_g"] == compute("event", {"days": "3", **ANSWERS}).total_grams
    assert running(ledger, utc_now()) is None  # nothing pulled yet
    syncstate.set_settings(ledger, {"venue": get_venue().id})
    _pull(ledger, registry)
    now = running(ledger, utc_now())
    assert now is not None and now.event.id == "expo-2026" and not now.stale(utc_now())
    assert now.stale(utc_now() + timedelta(days=1))  # "as of HH:MM" the next day
    assert now.event.label("en") == "Low-carbon Expo" and now.event.percent() == 0

    visitor = compute("trip", {"origin": "Beijing", "mode": "flight"})
    attendee = ledger.open_order(visitor, project_id="demo-wetland", event=now.event.tag())
    ledger.pay(attendee.id, method="card", cashier="c1")
    whole = compute("event", {"days": "3", **ANSWERS})
    organiser = ledger.open_order(
        whole,
        project_id="demo-wetland",
        offset_g=500_000,
        company=ACME,
        event=now.event.tag(for_event=True),
    )
    paid = ledger.pay(organiser.id, method="card", cashier="c1")
    assert paid.event_names()["zh"] == "低碳博览会" and paid.buyer_name() == ACME.name
    _sync(ledger, registry)

    with registry.engine.begin() as conn:
        summary = events.summary(conn, "expo-2026")
    assert summary["offset_by_attendees_g"] == attendee.offset_g
    assert summary["offset_by_organiser_g"] == 500_000
    after = running(ledger, utc_now())  # the same run pulled the new figures
    assert after is not None and after.event.by_organiser_g == 500_000
    assert after.event.percent() == (attendee.offset_g + 500_000) * 100 // made["footprint_g"]


def test_an_invoice_request_through_issue_and_refund_to_the_red_letter_flag(
    ledger: Ledger, registry: LiveRegistry
) -> None:
    trip = compute("trip", {"origin": "Beijing", "mode": "flight"})
    order = ledger.open_order(trip, project_id="demo-wetland", company=ACME)
    paid = ledger.pay(order.id, method="card", cashier="c1")
    plain = ledger.open_order(trip, project_id="demo-wetland", nickname="小明")
    ledger.pay(plain.id, method="card", cashier="c1")
    _sync(ledger, registry)

    with registry.engine.begin() as conn:
        (request,) = [invoices.as_dict(r) for r in event_storage.list_invoice_requests(conn=conn)]
    assert request["status"] == "requested"  # one request: the nickname's purchase has none
    assert (request["company_name"], request["company_code"]) == (ACME.name, ACME.code)
    assert request["invoice_email"] == "fapiao@example.com"
    assert request["amount_fen"] == paid.amount_fen
    assert request["items"][0]["grams"] == paid.offset_g
    assert request["serials"]["certificates"] == [request["cert_id"]]
    assert request["serials"]["credits"] == [r.label() for r in paid.ranges()]

    with registry.engine.begin() as conn:
        with pytest.raises(InputError, match="the invoice number as issued"):
            invoices.issue(conn=conn, request_id=request["id"], number="  ", actor="t")
        invoices.issue(
            conn=conn, request_id=request["id"], number="24512000000012345678", actor="t"
        )
        with pytest.raises(InputError, match="is issued, not requested"):
            invoices.refuse(conn=conn, request_id=request["id"], reason="late", actor="t")
        with pytest.raises(InputError, match="needs no red-letter invoice"):
            invoices.credit_note_issued(conn=conn, request_id=request["id"], number="1", actor="t")

    ledger.void(paid.id, reason="customer changed mind", actor="c1")
    _sync(ledger, registry)
    with registry.engine.begin() as conn:
        (due,) = event_storage.list_invoice_requests(conn=conn, status="credit_note")
        assert (due.status, due.invoice_number, due.credit_note) == (
            "issued",
            "24512000000012345678",
            "needed",
        )
        assert due.refunded_at is not None
        invoices.credit_note_issued(
            conn=conn, request_id=due.id, number="24512000000099999999", actor="t"
        )
        assert event_storage.list_invoice_requests(conn=conn, status="credit_note") == []
        audited = settlement_storage.audit_rows(conn=conn, limit=10)  # newest first
    subject = f"invoice request {request['id']}"
    assert [(r.actor, r.action, r.subject) for r in audited] == [
        ("t", "invoice_credit_note", subject),
        ("t", "invoice_issued", subject),  # the refused tries left no row
    ]
    assert '"invoice_number": "24512000000012345678"' in audited[1].detail


def test_a_refund_before_the_invoice_refuses_the_request(
    ledger: Ledger, registry: LiveRegistry
) -> None:
    trip = compute("trip", {"origin": "Beijing", "mode": "flight"})
    order = ledger.open_order(trip, project_id="demo-wetland", company=ACME)
    ledger.pay(order.id, method="card", cashier="c1")
    _sync(ledger, registry)
    ledger.void(order.id, reason="wrong amount", actor="c1")
    _sync(ledger, registry)
    with registry.engine.begin() as conn:
        (request,) = event_storage.list_invoice_requests(conn=conn)
    assert (request.status, request.refused_reason, request.credit_note) == (
        "refused",
        "refunded before it was issued",
        "",
    )


def test_a_pushed_code_failing_its_check_keeps_the_sale_and_refuses_the_invoice() -> None:
    row = {
        "order_id": "o1",
        "payload": json.dumps({"price_fen_per_t": 5000}),
        "cert_id": "K-000001",
        "company_name": "Acme",
        "company_code": "91110000600037341N",
        "invoice_email": "",
        "amount_fen": 100,
        "project_id": "p",
        "offset_g": 1000,
        "voided_at": None,
    }
    request = invoices.request_for(row, 7)
    assert request is not None and request["status"] == "refused"
    assert "check character" in request["refused_reason"]


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"event_id": "X"}, "--id: 3 to 64"),
        ({"venue": "nowhere"}, "venue: unknown 'nowhere'"),
        ({"starts_on": "2026-13-01"}, "--starts: '2026-13-01' is not a date"),
        ({"ends_on": "2020-01-01"}, "is before the start"),
        ({"answers": {"attendees": "500", "hall_m2": "3000"}}, "hall_m2: this factor table"),
        ({"answers": {"hall_kwh": "1"}}, "attendees"),
    ],
)
def test_a_bad_event_is_refused_naming_the_field(
    registry: LiveRegistry, changes: dict, words: str
) -> None:
    with pytest.raises(InputError) as caught:
        _create_event(registry, **changes)
    assert words in str(caught.value)
    with registry.engine.begin() as conn:
        assert event_storage.list_events(conn=conn) == []


def test_events_at_a_venue_do_not_overlap(registry: LiveRegistry) -> None:
    _create_event(registry)
    with pytest.raises(InputError, match="event expo-2026 is at"):
        _create_event(registry, event_id="expo-2026-b")


def test_the_event_page_says_how_much_attendees_have_offset(
    ledger: Ledger, registry: LiveRegistry
) -> None:
    made = _create_event(registry)
    trip = compute("trip", {"origin": "Beijing", "mode": "flight"})
    order = ledger.open_order(trip, project_id="demo-wetland", event=_tag(ledger, registry))
    paid = ledger.pay(order.id, method="card", cashier="c1")
    _sync(ledger, registry)
    with TestClient(registry.app) as client:
        page = client.get("/e/expo-2026")
        missing = client.get("/e/no-such-event")
    assert page.status_code == 200 and missing.status_code == 404
    x, y = tonnes(paid.offset_g), tonnes(made["footprint_g"])
    assert f"Attendees have offset {x} of the event's {y}" in page.text
    assert f"参会者已抵消本次活动 {y} 中的 <b>{x}</b>" in page.text
    # every line of the footprint with its factor's source, as the kiosk's breakdown has them
    assert "Sichuan" in page.text or "四川" in page.text
    assert page.text.count("<li>") == len(compute("event", {"days": "3", **ANSWERS}).lines)
    assert "No such event" in missing.text


def _tag(ledger: Ledger, registry: LiveRegistry) -> EventTag:
    syncstate.set_settings(ledger, {"venue": get_venue().id})
    _pull(ledger, registry)
    now = running(ledger, utc_now())
    assert now is not None
    return now.event.tag()


def test_a_sale_counts_only_towards_a_known_event_at_its_venue_on_its_day(
    ledger: Ledger, registry: LiveRegistry
) -> None:
    today = china_date(utc_now())
    _create_event(registry)
    _create_event(
        registry,
        event_id="later-2027",
        starts_on=(today + timedelta(days=30)).isoformat(),
        ends_on=(today + timedelta(days=31)).isoformat(),
    )
    trip = compute("trip", {"origin": "Beijing", "mode": "flight"})
    tags = {
        "expo-2026": EventTag("expo-2026", {"zh": "低碳博览会", "en": "Expo"}),
        "later-2027": EventTag("later-2027", {"zh": "明年", "en": "Next year"}),  # not today
        "forged": EventTag("forged", {"zh": "假", "en": "Forged"}),  # no such event
    }
    for tag in tags.values():
        order = ledger.open_order(trip, project_id="demo-wetland", event=tag)
        ledger.pay(order.id, method="card", cashier="c1")
    _sync(ledger, registry)
    with registry.engine.begin() as conn:
        counted = {e["event_id"]: e["offset_by_attendees_g"] for e in events.listed(conn)}
        stored = sorted(r.event_id for r in conn.execute(select(purchases.c.event_id)))
    assert counted == {"expo-2026": trip.total_grams, "later-2027": 0}
    assert stored == ["", "", "expo-2026"]  # the sales stand, counted towards no event
