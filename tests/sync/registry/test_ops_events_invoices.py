"""The console's events and invoice requests through the real app (issue 18): an event's
progress ("attendees have offset X of the event's Y"), the invoice requests by status, an
operator marking one issued with its number (CSRF first, audited under the operator's name,
refusals in the operator's language), an auditor reading without the form, an owner kept
out, and a refund's red-letter invoice recorded."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import Engine, select

from kiosk.timestamps import china_date, utc_now
from sync.registry import event_storage, events, settlement_storage
from sync.registry.event_page import tonnes
from sync.registry.tables import invoice_requests
from tests.sync.registry.helpers import Kiosk
from tests.sync.registry.test_ops_console import FORM, add, sign_in
from tests.sync.registry.test_settlement import push_ok

CODE = "91110000600037341L"
ANSWERS = {"attendees": "500", "hall_kwh": "12000", "travel": "chengdu:metro:150:20"}


def _event(engine: Engine) -> dict:
    today = china_date(utc_now())
    with engine.begin() as conn:
        return events.create(
            conn=conn,
            event_id="expo-2026",
            venue="demo-expo",
            names={"zh": "低碳博览会", "en": "Low-carbon Expo"},
            starts_on=(today - timedelta(days=1)).isoformat(),
            ends_on=(today + timedelta(days=1)).isoformat(),
            organiser="成都会展有限公司",
            answers=ANSWERS,
        )


def _sales(kiosk: Kiosk, client) -> list[dict]:
    """An attendee's sale and two companies' (at the event), pushed."""
    kiosk.venue = "demo-expo"
    made = [
        kiosk.order(offset_g=20_000, event_id="expo-2026"),
        kiosk.order(
            offset_g=30_000,
            amount_fen=2_400,
            event_id="expo-2026",
            nickname="",
            company_name="成都会展有限公司",
            company_code=CODE,
            invoice_email="fapiao@example.com",
        ),
        kiosk.order(offset_g=10_000, nickname="", company_name="Acme", company_code=CODE),
    ]
    push_ok(kiosk, client, [kiosk.record(o) for o in made])
    return made


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, page
    return found.group(1)


def _ids(engine: Engine) -> list[int]:
    with engine.begin() as conn:
        query = select(invoice_requests.c.id).order_by(invoice_requests.c.id)
        return [r.id for r in conn.execute(query)]


def test_the_events_page_shows_each_events_progress(engine: Engine, client, kiosk: Kiosk) -> None:
    made = _event(engine)
    _sales(kiosk, client)
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    page = client.get("/ops/events")
    assert page.status_code == 200
    assert 'data-testid="nav-events"' in page.text and 'data-testid="nav-invoices"' in page.text
    assert "低碳博览会" in page.text and "进行中" in page.text
    y = tonnes(made["footprint_g"])
    assert f"参会者已抵消本次活动 {y} 中的 {tonnes(50_000)}" in page.text
    client.get("/ops/lang/en")
    page = client.get("/ops/events")
    assert f"Attendees have offset {tonnes(50_000)} of the event&#39;s {y}" in page.text
    assert f'<progress max="100" value="{50_000 * 100 // made["footprint_g"]}"' in page.text


def test_an_operator_marks_an_invoice_issued(engine: Engine, client, kiosk: Kiosk) -> None:
    _event(engine)
    _sales(kiosk, client)
    first, second = _ids(engine)
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    client.get("/ops/lang/en")
    page = client.get("/ops/invoices")
    assert page.status_code == 200 and "成都会展有限公司" in page.text and "Acme" in page.text
    assert "fapiao@example.com" in page.text and CODE in page.text
    token = _csrf(page.text)
    url = f"/ops/invoices/{first}/issue"
    forged = client.post(url, data={"csrf": "forged", "number": "1"}, headers=FORM)
    assert forged.status_code == 400 and "This page had expired" in forged.text
    blank = client.post(url, data={"csrf": token, "number": "   "}, headers=FORM)
    assert blank.status_code == 409 and "1 to 64 printable characters" in blank.text
    done = client.post(
        url,
        data={"csrf": token, "number": "24512000000012345678"},
        headers=FORM,
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/ops/invoices?status=requested"
    again = client.post(url, data={"csrf": token, "number": "2"}, headers=FORM)
    assert again.status_code == 409 and "was already answered (Issued)" in again.text
    pending = client.get("/ops/invoices").text
    assert f'data-testid="request-{first}"' not in pending
    assert f'data-testid="request-{second}"' in pending
    issued = client.get("/ops/invoices?status=issued").text
    assert "issued, invoice 24512000000012345678" in issued
    with engine.begin() as conn:
        row = event_storage.get_invoice_request(conn=conn, request_id=first)
        (audited,) = settlement_storage.audit_rows(conn=conn, limit=1)
    assert (row.status, row.invoice_number) == ("issued", "24512000000012345678")
    assert (audited.actor, audited.action, audited.subject) == (
        "amy",
        "invoice_issued",
        f"invoice request {first}",
    )


def test_a_refund_after_the_invoice_asks_for_the_red_letter_invoice(
    engine: Engine, client, kiosk: Kiosk
) -> None:
    _event(engine)
    made = _sales(kiosk, client)
    first, _ = _ids(engine)
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    token = _csrf(client.get("/ops/invoices").text)
    client.post(f"/ops/invoices/{first}/issue", data={"csrf": token, "number": "N1"}, headers=FORM)
    push_ok(kiosk, client, [kiosk.void(made[1])])
    due = client.get("/ops/invoices?status=credit_note").text
    assert f'data-testid="request-{first}"' in due and "需开红字发票" in due
    done = client.post(
        f"/ops/invoices/{first}/credit-note",
        data={"csrf": token, "number": "R1"},
        headers=FORM,
        follow_redirects=False,
    )
    assert done.headers["location"] == "/ops/invoices?status=credit_note"
    assert 'data-testid="none"' in client.get("/ops/invoices?status=credit_note").text
    assert "红字发票 R1" in client.get("/ops/invoices?status=issued").text


def test_an_auditor_reads_without_the_form_and_an_owner_is_kept_out(
    engine: Engine, client, kiosk: Kiosk
) -> None:
    _event(engine)
    _sales(kiosk, client)
    first, _ = _ids(engine)
    add(engine, "ann", "auditor")
    add(engine, "wet", "owner", "demo-wetland")
    sign_in(client, "ann")
    page = client.get("/ops/invoices")
    assert page.status_code == 200 and f'data-testid="request-{first}"' in page.text
    assert "/issue" not in page.text
    refused = client.post(
        f"/ops/invoices/{first}/issue",
        data={"csrf": _csrf(page.text), "number": "N1"},
        headers=FORM,
    )
    assert refused.status_code == 403
    with engine.begin() as conn:
        assert event_storage.get_invoice_request(conn=conn, request_id=first).status == "requested"
    client.cookies.clear()
    sign_in(client, "wet")
    for path in ("/ops/events", "/ops/invoices"):
        answer = client.get(path)
        assert answer.status_code == 403 and "项目业主" in answer.text, path
    assert 'data-testid="nav-invoices"' not in client.get("/ops/statements").text


def test_the_pages_ask_for_sign_in(client) -> None:
    for path in ("/ops/events", "/ops/invoices"):
        answer = client.get(path, follow_redirects=False)
        assert answer.headers["location"].startswith("/ops/sign-in?next="), path
    posted = client.post(
        "/ops/invoices/1/issue", data={"csrf": "x", "number": "1"}, headers=FORM,
        follow_redirects=False,
    )  # fmt: skip
    assert posted.status_code == 303


def test_an_operator_refuses_a_request_with_the_reason(
    engine: Engine, client, kiosk: Kiosk
) -> None:
    _event(engine)
    _sales(kiosk, client)
    first, _ = _ids(engine)
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    page = client.get("/ops/invoices")
    token = _csrf(page.text)
    url = f"/ops/invoices/{first}/refuse"
    assert f'action="{url}"' in page.text
    blank = client.post(url, data={"csrf": token, "reason": " "}, headers=FORM)
    assert blank.status_code == 409 and "请说明原因" in blank.text
    done = client.post(
        url, data={"csrf": token, "reason": "名称与税务登记不符"}, headers=FORM,
        follow_redirects=False,
    )  # fmt: skip
    assert done.status_code == 303
    refused = client.get("/ops/invoices?status=refused").text
    assert "已拒绝：名称与税务登记不符" in refused
    with engine.begin() as conn:
        (audited,) = settlement_storage.audit_rows(conn=conn, limit=1)
    assert (audited.actor, audited.action) == ("amy", "invoice_refused")


def test_an_operator_records_an_event_and_a_refusal_names_the_field(engine: Engine, client) -> None:
    add(engine, "amy", "operator")
    add(engine, "ann", "auditor")
    sign_in(client, "amy")
    page = client.get("/ops/events")
    assert 'data-testid="none"' in page.text and 'data-testid="new-event"' in page.text
    token = _csrf(page.text)
    today = china_date(utc_now())
    form = {
        "csrf": token,
        "id": "expo-2026",
        "venue": "demo-expo",
        "name_zh": "低碳博览会",
        "starts": today.isoformat(),
        "ends": (today + timedelta(days=2)).isoformat(),
        "organiser": "成都会展有限公司",
        "a_attendees": "500",
        "a_hall_kwh": "12000",
        "a_travel": "chengdu:metro:150:20",
    }
    bad = client.post("/ops/events", data={**form, "ends": "2026-13-01"}, headers=FORM)
    assert bad.status_code == 409 and "未登记：最后一天" in bad.text
    assert 'value="低碳博览会"' in bad.text  # what was typed stays
    zero = client.post("/ops/events", data={**form, "a_attendees": "0"}, headers=FORM)
    assert zero.status_code == 409 and "请填写 1 至 200000 之间的整数" in zero.text
    done = client.post("/ops/events", data=form, headers=FORM, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/ops/events"
    with engine.begin() as conn:
        made = events.summary(conn, "expo-2026")
        (audited,) = settlement_storage.audit_rows(conn=conn, limit=1)
    assert made["answers"]["days"] == "3" and made["footprint_g"] > 0
    assert (audited.actor, audited.action, audited.subject) == (
        "amy",
        "event_create",
        "event expo-2026",
    )
    assert "低碳博览会" in client.get("/ops/events").text
    again = client.post("/ops/events", data=form, headers=FORM)
    assert again.status_code == 409 and "活动 expo-2026 已存在" in again.text
    client.cookies.clear()
    sign_in(client, "ann")
    page = client.get("/ops/events")
    assert 'data-testid="new-event"' not in page.text  # an auditor reads only
    refused = client.post(
        "/ops/events", data={**form, "csrf": _csrf(page.text), "id": "other"}, headers=FORM
    )
    assert refused.status_code == 403


def test_odd_invoice_posts_get_a_plain_answer(engine: Engine, client) -> None:
    """An id that is no number, one that does not exist, an action that does not exist: a
    page saying so, never a 500."""
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    client.get("/ops/lang/en")
    token = _csrf(client.get("/ops/invoices").text)
    for path, status, words in (
        ("/ops/invoices/abc/issue", 404, "No such invoice request"),
        ("/ops/invoices/²/issue", 404, "No such invoice request"),
        ("/ops/invoices/999999999/issue", 409, "no invoice request 999999999"),
        ("/ops/invoices/1/bogus", 404, "No such invoice request"),
    ):
        answer = client.post(path, data={"csrf": token, "number": "N1"}, headers=FORM)
        assert answer.status_code == status and words in answer.text, path
