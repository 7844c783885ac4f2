"""An order's life: draft → awaiting_payment → paid (→ voided) or expired; nothing else."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.catalogue import load_demo_catalogue
from kiosk.errors import InputError
from kiosk.ledger import Ledger, OrderNotFound, SoldOut, TransitionRefused, syncstate
from kiosk.ledger.verify import verify

PROJECT = "demo-wetland"  # 9,000 fen per tonne in the demo catalogue


class Clock:
    """A clock the test moves by hand, so expiry is tested without sleeping."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.sqlite"


@pytest.fixture
def ledger(ledger_path: Path, clock: Clock):
    with Ledger.open(ledger_path, clock=clock) as opened:
        opened.load_catalogue(load_demo_catalogue())
        yield opened


def stock(ledger: Ledger, project: str = PROJECT):
    return next(s for s in ledger.stock() if s.project.id == project)


def paid_order(ledger: Ledger, footprint, grams: int = 1000):
    order = ledger.create_draft(footprint, project_id=PROJECT, offset_g=grams)
    ledger.place(order.id)
    return ledger.pay(order.id, method="card", cashier="alice")


def test_a_draft_is_priced_and_reserves_nothing(ledger, footprint) -> None:
    order = ledger.create_draft(footprint, project_id=PROJECT, nickname="  小明 ", lang="en")
    assert order.status == "draft"
    # Beijing <-> Chengdu economy return, 2 x 266,067 g (see test_footprint_golden.py)
    assert order.offset_g == footprint.total_grams == 532_134
    assert order.amount_fen == 4790  # 532,134 g x 9,000 fen/t = 4,789.206 fen, rounded up
    assert order.nickname == "小明"
    assert order.footprint_g == 532_134 and order.factors_version == footprint.factors_version
    assert json.loads(order.lines)[0]["activity"] == "flight_domestic_economy"
    assert len(order.code) == 6 and order.kiosk_id == ledger.kiosk_id
    assert stock(ledger).available_g == 5_000_000


def test_placing_reserves_and_paying_draws_the_grams(ledger, footprint) -> None:
    order = ledger.create_draft(footprint, project_id=PROJECT, offset_g=2500)
    ledger.place(order.id)
    assert (stock(ledger).reserved_g, stock(ledger).sold_g) == (2500, 0)
    paid = ledger.pay(order.id, method="cash", cashier="alice", tendered_fen=100)
    assert paid.status == "paid" and paid.serial == 1 and paid.cashier == "alice"
    assert (stock(ledger).reserved_g, stock(ledger).sold_g) == (0, 2500)
    [entry] = ledger.outbox_pending()
    assert entry["event"] == "paid" and json.loads(syncstate.payload_text(entry))["serial"] == 1


def test_serials_count_up_without_gaps(ledger, footprint) -> None:
    serials = [paid_order(ledger, footprint).serial for _ in range(5)]
    assert serials == [1, 2, 3, 4, 5]


def test_voiding_needs_a_reason_and_gives_the_grams_back(ledger, footprint) -> None:
    order = paid_order(ledger, footprint, 4000)
    with pytest.raises(InputError, match="reason is required"):
        ledger.void(order.id, reason="   ", actor="bob")
    voided = ledger.void(order.id, reason="customer changed mind", actor="bob")
    assert voided.status == "voided" and voided.voided_by == "bob" and voided.serial == 1
    assert stock(ledger).sold_g == 0
    assert [e["event"] for e in ledger.outbox_pending()] == ["paid", "voided"]


def test_expiry_releases_a_reservation(ledger, footprint, clock) -> None:
    held = ledger.place(ledger.create_draft(footprint, project_id=PROJECT, offset_g=700).id)
    draft = ledger.create_draft(footprint, project_id=PROJECT, offset_g=300)
    clock.advance(minutes=14)
    assert ledger.expire_stale() == 0
    clock.advance(minutes=2)  # past the 15-minute hold, not yet past the draft's hour
    assert ledger.expire_stale() == 1
    assert ledger.get(held.id).status == "expired" and stock(ledger).reserved_g == 0
    clock.advance(hours=1)
    assert ledger.expire_stale() == 1
    assert ledger.get(draft.id).status == "expired"


@pytest.mark.parametrize(
    ("steps", "action"),
    [
        ([], "pay"),  # a draft cannot be paid before it is placed
        (["place", "pay"], "place"),
        (["place", "pay"], "pay"),  # no double payment
        (["place", "pay"], "expire"),
        (["place", "pay", "void"], "void"),
        (["expire"], "place"),
        ([], "void"),
    ],
)
def test_any_other_transition_is_refused(ledger, footprint, steps, action) -> None:
    order = ledger.create_draft(footprint, project_id=PROJECT, offset_g=100)
    calls = {
        "place": lambda: ledger.place(order.id),
        "pay": lambda: ledger.pay(order.id, method="cash", cashier="c"),
        "void": lambda: ledger.void(order.id, reason="r", actor="c"),
        "expire": lambda: ledger.expire(order.id),
    }
    for step in steps:
        calls[step]()
    before = ledger.get(order.id)
    with pytest.raises(TransitionRefused, match=f"{action} is allowed only from"):
        calls[action]()
    assert ledger.get(order.id) == before  # nothing was touched
    assert verify(ledger.conn).ok


def test_an_order_that_would_overdraw_is_refused(ledger, footprint) -> None:
    ledger.set_allocation(PROJECT, 1500, actor="admin")
    ledger.place(ledger.create_draft(footprint, project_id=PROJECT, offset_g=1000).id)
    too_big = ledger.create_draft(footprint, project_id=PROJECT, offset_g=501)
    with pytest.raises(SoldOut) as caught:
        ledger.place(too_big.id)
    assert caught.value.left_g == 500
    assert ledger.get(too_big.id).status == "draft"
    ledger.place(ledger.create_draft(footprint, project_id=PROJECT, offset_g=500).id)
    assert stock(ledger).available_g == 0


def test_an_allocation_cannot_shrink_below_what_is_committed(ledger, footprint) -> None:
    paid_order(ledger, footprint, 3000)
    with pytest.raises(InputError, match=">= 3000"):
        ledger.set_allocation(PROJECT, 2999, actor="admin")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"offset_g": 0}, "offset_g"),
        ({"offset_g": -5}, "offset_g"),
        ({"offset_g": 1.5}, "offset_g"),
        ({"lang": "de"}, "lang"),
        ({"nickname": "x" * 21}, "nickname"),
        ({"nickname": "a\x00b"}, "nickname"),
        ({"project_id": "nope"}, "project"),
    ],
)
def test_bad_draft_values_are_refused(ledger, footprint, kwargs, field) -> None:
    with pytest.raises(InputError) as caught:
        ledger.create_draft(footprint, **{"project_id": PROJECT, **kwargs})
    assert caught.value.field == field
    assert ledger.orders() == []


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"method": "bitcoin", "cashier": "c"}, "method"),
        ({"method": "cash", "cashier": ""}, "cashier"),
        ({"method": "cash", "cashier": "c", "tendered_fen": 1}, "amount"),
    ],
)
def test_bad_payments_are_refused_and_leave_the_order_waiting(ledger, footprint, kwargs, field):
    order = ledger.place(ledger.create_draft(footprint, project_id=PROJECT).id)
    with pytest.raises(InputError) as caught:
        ledger.pay(order.id, **kwargs)
    assert caught.value.field == field
    assert ledger.get(order.id).status == "awaiting_payment"
    assert ledger.outbox_pending() == []


def test_orders_are_found_by_id_code_or_serial(ledger, footprint) -> None:
    order = paid_order(ledger, footprint)
    assert ledger.get(order.id) == order
    assert ledger.get(order.code.lower()) == order
    assert ledger.get("1") == order
    with pytest.raises(OrderNotFound):
        ledger.get("ZZZZZZ")


def test_listing_is_newest_first_and_filters_by_status(ledger, footprint) -> None:
    first = paid_order(ledger, footprint)
    second = ledger.create_draft(footprint, project_id=PROJECT)
    assert [o.id for o in ledger.orders()] == [second.id, first.id]
    assert [o.id for o in ledger.orders(status="paid")] == [first.id]
    assert [o.id for o in ledger.orders(limit=1, before_seq=second.seq)] == [first.id]


def test_slip_status_is_kept_and_audited(ledger, footprint) -> None:
    order = paid_order(ledger, footprint)
    failed = ledger.set_slip(order.id, "failed", error="paper out", actor="alice")
    assert (failed.slip_status, failed.slip_error) == ("failed", "paper out")
    printed = ledger.set_slip(order.id, "printed", actor="alice")
    assert printed.slip_printed_at is not None and printed.slip_error is None
    assert verify(ledger.conn).ok


def test_acknowledged_outbox_entries_are_kept_but_no_longer_pending(ledger, footprint) -> None:
    paid_order(ledger, footprint)
    [entry] = ledger.outbox_pending()
    assert ledger.outbox_ack([entry["id"]]) == 1
    assert ledger.outbox_ack([entry["id"]]) == 0  # a second ack changes nothing
    assert ledger.outbox_pending() == []
    assert ledger.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 1


def test_open_order_drafts_and_places_in_one_go(ledger, footprint) -> None:
    order = ledger.open_order(footprint, project_id=PROJECT, offset_g=800, hold_s=60)
    assert order.status == "awaiting_payment" and stock(ledger).reserved_g == 800
    actions = [
        row[0]
        for row in ledger.conn.execute(
            "SELECT action FROM audit WHERE entity_id = ? ORDER BY id", (order.id,)
        )
    ]
    assert actions == ["create", "place"]
    assert verify(ledger.conn).ok


def test_open_order_on_a_sold_out_project_leaves_no_order(ledger, footprint) -> None:
    ledger.set_allocation(PROJECT, 100, actor="admin")
    with pytest.raises(SoldOut):
        ledger.open_order(footprint, project_id=PROJECT, offset_g=101)
    assert ledger.orders() == []
    assert verify(ledger.conn).ok


def test_the_kiosk_id_is_made_once_and_kept(ledger_path, ledger) -> None:
    kiosk_id = ledger.kiosk_id
    assert kiosk_id.startswith("K") and len(kiosk_id) == 10
    with Ledger.open(ledger_path) as again:
        assert again.kiosk_id == kiosk_id


def test_changes_inside_a_transaction_land_together_or_not_at_all(ledger) -> None:
    before = {s.project.id: s.granted_g for s in ledger.stock()}
    with pytest.raises(RuntimeError), ledger.transaction():
        ledger.set_allocation(PROJECT, 1_000, actor="sync")
        ledger.set_allocation("demo-rooftop-solar", 2_000, actor="sync")
        raise RuntimeError("the pull failed half way")
    assert {s.project.id: s.granted_g for s in ledger.stock()} == before
    with ledger.transaction():
        ledger.set_allocation(PROJECT, 1_000, actor="sync")
        ledger.set_allocation("demo-rooftop-solar", 2_000, actor="sync")
    assert stock(ledger).granted_g == 1_000
    assert verify(ledger.conn).ok


def test_an_order_code_already_taken_is_drawn_again(
    new_ledger, footprint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The code's uniqueness is the table's UNIQUE (no lookup before the insert): a repeat
    is drawn again inside the same transaction, and the order and its audit row carry the
    code that was stored."""
    from kiosk.ledger import order_changes

    ledger: Ledger = new_ledger(tmp_path / "ledger.sqlite")
    draws = iter([b"\x00" * 6, b"\x00" * 6, b"\x01" * 6])
    monkeypatch.setattr(order_changes.secrets, "token_bytes", lambda n: next(draws))
    first = ledger.create_draft(footprint, project_id=PROJECT)
    second = ledger.create_draft(footprint, project_id=PROJECT)
    assert first.code != second.code
    assert ledger.get(second.id).code == second.code
    assert verify(ledger.conn).ok
