"""The registry takes from a kiosk only sales that lie in that kiosk's grants: gram ranges of
retired serials granted to it for that project, no gram on two certificates (refunded ones
included), or, for a sale made without a range, within its count. Anything else is rejected
with the reason, and the operator sees it (`registry stats`, `registry rejects`)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine

from kiosk.credit import CreditRange, ranges_json
from sync.registry import credit_storage, operations
from tests.sync.registry.conftest import SELL_FIRST, TestClient
from tests.sync.registry.helpers import PROJECT, Kiosk


def _answers(kiosk: Kiosk, client: TestClient, *orders: dict[str, Any]) -> list[dict]:
    response = kiosk.push(client, [kiosk.record(o) for o in orders])
    assert response.status_code == 200, response.text
    return response.json()["results"]


def _ranges(**changes: Any) -> str:
    item = {"serial": "CDCER-2024-000001", "from_g": 0, "to_g": 1000} | changes
    item.setdefault("reference", "SEEE-TEST-0001")
    item.setdefault("beneficiary", "Diandian visitors")
    return ranges_json([CreditRange(**item)])


def test_an_oversell_by_a_kiosk_with_no_grant_is_rejected(
    client: TestClient, engine: Engine
) -> None:
    """Issue 12: a newly enrolled kiosk with no allocation pushed one paid record for
    5,000,000,000 g of a 1,000 t project and got `accepted`."""
    kiosk = Kiosk.new()
    kiosk.enrol(client, engine, pull=False)
    (answer,) = _answers(kiosk, client, kiosk.order(offset_g=5_000_000_000))
    assert answer["status"] == "rejected"
    assert "no credit ranges" in answer["reason"] and "5,000.000 t" in answer["reason"]
    with engine.connect() as conn:
        stats = operations.stats(conn=conn)
        (refused,) = credit_storage.rejects(conn=conn, kiosk_id=kiosk.kiosk_id, limit=10)
    assert (stats["purchases"], stats["rejected"]) == (0, 1)
    assert all(p["sold_g"] == 0 for p in stats["projects"])
    assert refused.reason == answer["reason"] and refused.event == "paid"


def test_a_range_outside_this_kiosks_grants_is_rejected(
    client: TestClient, engine: Engine, kiosk: Kiosk
) -> None:
    other = Kiosk.new()
    other.enrol(client, engine)  # granted CDCER-2024-000006..000010 after `kiosk`'s 1..5
    theirs = other.runs[PROJECT][0].serial(other.runs[PROJECT][0].first)
    cases = {
        "another kiosk's serial": _ranges(serial=theirs),
        "a serial never granted": _ranges(serial="CDCER-2024-000400"),
        "a serial of another project": _ranges(serial="CCER-2023-000001"),
        "another retirement named": _ranges(reference="FORGED"),
    }
    orders = [kiosk.order(offset_g=1000, credit_ranges=ranges) for ranges in cases.values()]
    answers = _answers(kiosk, client, *orders)
    assert [a["status"] for a in answers] == ["rejected"] * 4
    assert "not in a grant of retired serials to this kiosk" in answers[0]["reason"]
    assert "not in a grant" in answers[1]["reason"] and "not in a grant" in answers[2]["reason"]
    assert "names another retirement" in answers[3]["reason"]


def test_ranges_must_add_up_and_be_well_formed(client: TestClient, kiosk: Kiosk) -> None:
    short = kiosk.order(offset_g=2000, credit_ranges=_ranges())
    bad = kiosk.order(offset_g=1000, credit_ranges='[{"serial": "X", "from_g": 5, "to_g": 2}]')
    junk = kiosk.order(offset_g=1000, credit_ranges="not json")
    answers = _answers(kiosk, client, short, bad, junk)
    assert [a["status"] for a in answers] == ["rejected"] * 3
    assert "add up to 1000 g, not 2000 g" in answers[0]["reason"]
    assert "0 <= from_g < to_g" in answers[1]["reason"]
    assert "not valid JSON" in answers[2]["reason"]


def test_no_gram_is_taken_twice_not_even_a_refunded_one(client: TestClient, kiosk: Kiosk) -> None:
    """Issue 11's third reproduction at the registry: A refunded; C claiming A's tonne."""
    a = kiosk.order(offset_g=1_000_000)
    b = kiosk.order(offset_g=1_000_000)
    assert [x["status"] for x in _answers(kiosk, client, a, b)] == ["accepted"] * 2
    assert kiosk.push(client, [kiosk.void(a)]).json()["results"][0]["status"] == "accepted"
    c = kiosk.order(offset_g=1_000_000, credit_ranges=a["credit_ranges"])
    twice = kiosk.order(offset_g=1000, credit_ranges=_ranges(serial="CDCER-2024-000003"))
    again = kiosk.order(offset_g=1000, credit_ranges=_ranges(serial="CDCER-2024-000003"))
    answers = _answers(kiosk, client, c, twice, again)
    assert answers[0]["status"] == "rejected"
    assert f"overlaps the grams of certificate {kiosk.kiosk_id}-000001" in answers[0]["reason"]
    assert [a["status"] for a in answers[1:]] == ["accepted", "rejected"]  # within one batch
    assert f"{kiosk.kiosk_id}-000004" in answers[2]["reason"]


def test_a_sale_without_ranges_fits_in_the_count_and_a_refund_gives_it_back(
    client: TestClient, engine: Engine, kiosk: Kiosk
) -> None:
    """A sell-first project is granted a count; its sales carry no range and stay pending."""
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SELL_FIRST, source="sell first")
    (item,) = [a for a in kiosk.pull(client) if a["project_id"] == "sell-first-forest"]
    assert (item["granted_g"], item["grants"], item["credit_model"]) == (
        5_000_000,
        [],
        "sell_first",
    )
    big = kiosk.order(offset_g=4_000_000, project="sell-first-forest")
    over = kiosk.order(offset_g=2_000_000, project="sell-first-forest")
    assert [a["status"] for a in _answers(kiosk, client, big, over)] == ["accepted", "rejected"]
    again = kiosk.order(offset_g=2_000_000, project="sell-first-forest")
    records = [kiosk.void(big), kiosk.record(again)]
    answers = kiosk.push(client, records).json()["results"]
    assert [a["status"] for a in answers] == ["accepted", "accepted"]  # the count came back
    found = client.get(f"/v1/certificates/{kiosk.kiosk_id}-{again['serial']:06d}").json()
    assert (found["retirement_status"], found["ranges"]) == ("pending", [])
    assert json.loads(again["credit_ranges"]) == []
