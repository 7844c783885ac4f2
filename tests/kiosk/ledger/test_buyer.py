"""A company's order and the event it counts towards, through the real ledger."""

from __future__ import annotations

import json

import pytest

from kiosk.buyer import EventTag, company
from kiosk.errors import InputError
from kiosk.footprint import Footprint, compute
from kiosk.ledger import Ledger, syncstate
from kiosk.ledger.verify import verify
from kiosk.uscc import CodeError

ACME = company("成都示例科技有限公司", "91110000 600037341l", "fapiao@example.com")
EXPO = EventTag("expo-2026", {"zh": "低碳博览会", "en": "Low-carbon Expo"})


def test_a_company_order_keeps_its_details_and_no_nickname(
    ledger: Ledger, footprint: Footprint
) -> None:
    order = ledger.open_order(
        footprint, project_id="demo-wetland", nickname="小明", company=ACME, event=EXPO
    )
    paid = ledger.pay(order.id, method="card", cashier="c1")
    assert (paid.company_name, paid.company_code, paid.invoice_email) == (
        "成都示例科技有限公司",
        "91110000600037341L",
        "fapiao@example.com",
    )
    assert paid.nickname == "" and paid.buyer_name() == "成都示例科技有限公司"
    assert (paid.event_id, paid.for_event, paid.event_names()) == ("expo-2026", 0, {})
    (entry,) = [row for row in ledger.outbox_pending() if row["event"] == "paid"]
    payload = json.loads(syncstate.payload_text(entry))  # what the registry receives
    assert payload["company_code"] == "91110000600037341L" and payload["event_id"] == "expo-2026"
    assert verify(ledger.conn).ok


def test_the_organisers_purchase_names_the_event(ledger: Ledger) -> None:
    whole = compute("event", {"days": 2, "attendees": 100, "hall_kwh": 1000})
    tag = EventTag(EXPO.id, EXPO.name, for_event=True)
    order = ledger.open_order(whole, project_id="demo-wetland", offset_g=1000, event=tag)
    assert order.for_event == 1
    assert order.event_names() == {"zh": "低碳博览会", "en": "Low-carbon Expo"}


def test_only_the_event_scenario_offsets_the_event_itself(
    ledger: Ledger, footprint: Footprint
) -> None:
    tag = EventTag(EXPO.id, EXPO.name, for_event=True)
    with pytest.raises(InputError, match="only the event scenario"):
        ledger.open_order(footprint, project_id="demo-wetland", event=tag)


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("", "91110000600037341L"), "company_name"),
        (("A" * 61, "91110000600037341L"), "company_name"),
        (("Acme", "91110000600037341N"), "code"),
        (("Acme", "91110000600037341L", "not-an-address"), "invoice_email"),
    ],
)
def test_bad_company_details_are_refused_before_any_order(args: tuple, field: str) -> None:
    with pytest.raises(InputError) as caught:
        company(*args)
    assert caught.value.field == field


def test_the_code_error_says_which_rule() -> None:
    with pytest.raises(CodeError) as caught:
        company("Acme", "12345")
    assert caught.value.rule == "length"
