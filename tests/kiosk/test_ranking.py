"""Rankings, comparisons and the payment-terminal adapter, on a real ledger."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk import checkout, comparisons, payment, ranking
from kiosk.footprint import compute
from kiosk.ledger import Ledger
from kiosk.venues import get_venue


def _sell(ledger: Ledger, meals: int, nickname: str, venue: str = "demo-expo") -> str:
    footprint = compute("meal", {"mixed_meals": meals}, venue=get_venue(venue))
    order = checkout.open_order(
        ledger,
        footprint,
        venue=get_venue(venue),
        project_id="demo-longquan-forest",
        offset_g=footprint.total_grams,
        nickname=nickname,
        lang="zh",
    )
    ledger.pay(order.id, method="cash", cashier="t")
    return order.id


# Every sale in these tests is made a second before midnight, China time: "today" is then
# asked at that moment and a moment later, never at whatever the wall clock says (a midnight
# falling between the sales and the question emptied the board).
SOLD_AT = datetime(2026, 12, 5, 15, 59, 59, tzinfo=UTC)  # 23:59:59 in Chengdu


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    with Ledger.open(tmp_path / "ledger.sqlite", clock=lambda: SOLD_AT) as opened:
        checkout.prepare(opened)
        yield opened


def test_the_board_ranks_biggest_first_with_shared_ranks(ledger: Ledger) -> None:
    small = _sell(ledger, 1, "甲")
    _sell(ledger, 3, "乙")
    _sell(ledger, 3, "丙")
    _sell(ledger, 5, "", venue="demo-hotel")
    board = ranking.board(ledger, "event", venue_id="demo-expo", order_id=small)
    assert [(e.rank, e.nickname) for e in board.entries] == [(1, "乙"), (1, "丙"), (3, "甲")]
    assert board.mine.order_id == small and board.mine.rank == 3
    everything = ranking.board(ledger, "all", venue_id="demo-expo", limit=1, order_id=small)
    assert len(everything.entries) == 1 and everything.entries[0].nickname == ""
    assert everything.mine.rank == 4  # outside the top 1, still found
    today = ranking.board(ledger, "today", venue_id="demo-expo", now=SOLD_AT)
    assert len(today.entries) == 3
    tomorrow = SOLD_AT + timedelta(seconds=2)  # past midnight in China
    assert ranking.board(ledger, "today", venue_id="demo-expo", now=tomorrow).entries == ()


def test_comparisons_use_the_factor_table() -> None:
    assert comparisons.car_km(162_720) == 1000  # 0.16272 kg per vehicle-km
    assert comparisons.car_km(1) == 1 and comparisons.car_km(0) == 0
    assert comparisons.month_of(13) == 2


def test_a_terminal_payment_is_recorded_like_the_cashiers(ledger: Ledger) -> None:
    footprint = compute("meal", {"vegan_meals": 2}, venue=get_venue("demo-expo"))
    order = checkout.open_order(
        ledger,
        footprint,
        venue=get_venue("demo-expo"),
        project_id="demo-wetland",
        offset_g=footprint.total_grams,
        nickname="",
        lang="en",
    )
    terminal = payment.SimulatedTerminal(delay_s=0)
    assert terminal.charge(order) == f"SIM-{order.code}"
    paid = payment.record(ledger, order.id, terminal)
    assert paid.status == "paid" and paid.cashier == "terminal:simulated"
    with pytest.raises(payment.PaymentDeclined):
        payment.SimulatedTerminal(delay_s=0, decline=True).charge(order)
    assert payment.configured_terminal({}) is None
    assert isinstance(
        payment.configured_terminal({"payment": {"terminal": "simulated"}}),
        payment.SimulatedTerminal,
    )
