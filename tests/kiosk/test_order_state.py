"""The order states and their transition table: one vocabulary the ledger enforces and every
layer reads (the schema's CHECK, the outbox events, the screens' words)."""

from __future__ import annotations

import re

import pytest

from kiosk.catalogue import load_demo_catalogue
from kiosk.day_summary import DAY_CLOSED, OUTBOX_EVENTS
from kiosk.footprint import compute
from kiosk.ledger import Ledger, TransitionRefused
from kiosk.order_state import EVENTS, OPEN, TRANSITIONS, Action, OrderState, target


@pytest.fixture
def ledger(tmp_path):
    with Ledger.open(tmp_path / "ledger.sqlite") as opened:
        opened.load_catalogue(load_demo_catalogue())
        yield opened


def test_the_table_reaches_every_state_and_settled_states_go_nowhere() -> None:
    reached = {OrderState.DRAFT} | {to for _, to in TRANSITIONS.values()}
    assert reached == set(OrderState)
    starts = {state for sources, _ in TRANSITIONS.values() for state in sources}
    assert set(OrderState) - starts == {OrderState.VOIDED, OrderState.EXPIRED}
    assert set(OPEN) == {OrderState.DRAFT, OrderState.AWAITING}
    assert [target(s, Action.PAY) for s in OrderState] == [
        None,
        OrderState.PAID,
        None,
        None,
        None,
    ]


def test_the_ledger_schema_allows_exactly_these_states(ledger) -> None:
    """The frozen migration's CHECK and the enum must not drift apart."""
    sql = ledger.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'orders'").fetchone()[0]
    listed = re.search(r"status IN \(([^)]*)\)", sql)
    assert listed is not None
    assert set(re.findall(r"'([a-z_]+)'", listed.group(1))) == {s.value for s in OrderState}
    outbox = ledger.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'outbox'").fetchone()
    events = re.search(r"event IN \(([^)]*)\)", outbox[0])
    assert events is not None
    assert set(re.findall(r"'([a-z_]+)'", events.group(1))) == set(OUTBOX_EVENTS)
    assert set(OUTBOX_EVENTS) == {*(e.value for e in EVENTS), DAY_CLOSED}


def test_orders_read_back_carry_the_enum_and_each_move_follows_the_table(ledger) -> None:
    footprint = compute("meal", {"mixed_meals": "3"})
    order = ledger.open_order(footprint, project_id="demo-wetland", offset_g=100_000)
    assert order.status is OrderState.AWAITING
    assert ledger.get(order.id).status is OrderState.AWAITING
    paid = ledger.pay(order.id, method="card", cashier="alice")
    assert paid.status is OrderState.PAID and paid.status == "paid"
    assert [o.status for o in ledger.orders(status=OrderState.PAID)] == [OrderState.PAID]
    with pytest.raises(TransitionRefused) as refused:
        ledger.expire(order.id)
    assert "expire is allowed only from draft or awaiting_payment" in str(refused.value)
    outbox = ledger.conn.execute("SELECT event FROM outbox").fetchall()
    assert [row[0] for row in outbox] == ["paid"]
