"""The phone flow's stock counter (`phone_stock`, one row per venue issuer and project), on
SQLite and PostgreSQL: every path that frees an unpaid order's grams gives them back to the
row, a sale leaves it alone, and the row always says what the ledger tables do.

Each test compares the row with the tables (`counted`: the kiosk's rule over the grants,
holds, sales and draws) rather than placing another order, because an order that finds its
row short recounts it from the tables: a path that forgot to give grams back would be
healed by the next order and go unseen."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, delete

from kiosk.ledger import SoldOut
from kiosk.order_state import HOLD_S
from kiosk.timestamps import utc_now
from sync.registry.db import writing
from sync.registry.phone import issuer, orders, stock
from sync.registry.phone_stock_storage import free
from sync.registry.tables import phone_stock
from tests.sync.registry import test_phone_stock_locks as locks
from tests.sync.registry.phone import FORESTS, VENUE, kiosk_takes
from tests.sync.registry.test_phone_stock_locks import ledger, order_args

ISSUER = issuer.issuer_id(VENUE)
LATER = timedelta(seconds=HOLD_S + 1)  # past every hold placed at the start


def setup(engine: Engine) -> None:
    """The venue's issuer, and a kiosk holding 99 t of every project: 1 t is the phones'."""
    with engine.begin() as conn:
        issuer.ensure_issuer(conn=conn, venue_id=VENUE)
    kiosk_takes(engine, 99_000_000)


def place(engine: Engine, grams: int, n: int, at: datetime) -> orders.PhoneOrder:
    with writing(engine) as conn:
        return orders.open_order(conn=conn, **{**order_args(grams, n), "now": at})


def pay(engine: Engine, order: orders.PhoneOrder, at: datetime) -> orders.Outcome:
    with writing(engine) as conn:
        return locks.pay(order, conn=conn, now=at)


def row(engine: Engine) -> int | None:
    with engine.begin() as conn:
        return free(conn=conn, issuer=ISSUER, project_id=FORESTS)


def counted(engine: Engine, at: datetime) -> int:
    """What the tables leave free at AT (no hold lapsed but unswept when asked)."""
    with engine.begin() as conn:
        found = stock.of(stock.stocks(conn=conn, issuer=ISSUER, now=at), FORESTS)
    assert found is not None
    return found.available_g


def exact(engine: Engine, at: datetime) -> None:
    """The row says what the tables do, and held + sold + free = granted."""
    assert row(engine) == counted(engine, at)
    found = ledger(engine, FORESTS)
    assert found["held"] + found["sold"] + (row(engine) or 0) == found["granted"], found


def test_an_order_takes_from_the_row_and_a_sale_leaves_it(demo: Engine) -> None:
    setup(demo)
    start = utc_now()
    first = place(demo, 400_000, 1, start)  # makes the row (tops up the last 1 t)
    assert row(demo) == 600_000
    place(demo, 100_000, 2, start)
    assert row(demo) == 500_000
    assert pay(demo, first, start) == orders.Outcome.PAID
    assert row(demo) == 500_000  # the hold became the sale
    exact(demo, start)


def test_a_cancelled_order_gives_its_grams_back(demo: Engine) -> None:
    setup(demo)
    start = utc_now()
    order = place(demo, 400_000, 1, start)
    with writing(demo) as conn:
        assert orders.close(conn=conn, order_id=order.order_id, reason="cancelled")
    assert row(demo) == 1_000_000
    exact(demo, start)
    with writing(demo) as conn:  # closing it again gives nothing more back
        assert not orders.close(conn=conn, order_id=order.order_id, reason="cancelled")
    assert row(demo) == 1_000_000


def test_the_sweep_gives_lapsed_holds_back(demo: Engine) -> None:
    setup(demo)
    start = utc_now()
    lapsing = [place(demo, 300_000, n, start) for n in range(2)]
    kept = place(demo, 200_000, 9, start + timedelta(seconds=HOLD_S // 2))
    assert row(demo) == 200_000
    with writing(demo) as conn:
        swept = orders.expire_stale(conn=conn, now=start + LATER)
    assert sorted(swept) == sorted(o.order_id for o in lapsing)
    assert row(demo) == 800_000  # the kept order's hold has not ended
    exact(demo, start + LATER)
    assert pay(demo, kept, start + LATER) == orders.Outcome.PAID
    exact(demo, start + LATER)


def test_an_order_finding_too_little_sweeps_its_pair_first(demo: Engine) -> None:
    """A hold that lapsed but was not swept keeps its grams on the row until an order needs
    them: that order sweeps the pair, and the lapsed order paid later finds them gone."""
    setup(demo)
    start = utc_now()
    lapsed = place(demo, 1_000_000, 1, start)
    assert row(demo) == 0
    later = start + LATER
    taker = place(demo, 1_000_000, 2, later)
    assert taker.status == orders.AWAITING
    exact(demo, later)
    assert pay(demo, lapsed, later) == orders.Outcome.REFUND_DUE
    assert row(demo) == 0
    exact(demo, later)
    try:
        place(demo, 1, 3, later)
        raise AssertionError("sold out expected")
    except SoldOut as exc:
        assert exc.left_g == 0


def test_a_swept_order_paid_late_takes_its_grams_again(demo: Engine) -> None:
    setup(demo)
    start = utc_now()
    order = place(demo, 400_000, 1, start)
    later = start + LATER
    with writing(demo) as conn:
        orders.expire_stale(conn=conn, now=later)
    assert row(demo) == 1_000_000
    assert pay(demo, order, later) == orders.Outcome.PAID
    assert row(demo) == 600_000
    exact(demo, later)


def test_a_lapsed_order_not_yet_swept_is_still_a_sale(demo: Engine) -> None:
    setup(demo)
    start = utc_now()
    order = place(demo, 1_000_000, 1, start)
    assert pay(demo, order, start + LATER) == orders.Outcome.PAID
    assert row(demo) == 0
    exact(demo, start + LATER)


def test_a_pair_without_a_row_is_counted_from_its_tables(demo: Engine) -> None:
    """A registry upgraded to 0014 with orders open and paid has no rows: the first order
    of a pair makes its row from what the tables hold."""
    setup(demo)
    start = utc_now()
    paid = place(demo, 300_000, 1, start)
    assert pay(demo, paid, start) == orders.Outcome.PAID
    place(demo, 200_000, 2, start)
    with demo.begin() as conn:
        conn.execute(delete(phone_stock))
    assert row(demo) is None
    place(demo, 100_000, 3, start)
    assert row(demo) == 400_000
    exact(demo, start)
