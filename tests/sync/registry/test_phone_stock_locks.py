"""The phone flow's stock under concurrency, on SQLite and PostgreSQL: orders of one venue's
project take their grams from the pair's counter row in turn (`phone_stock_storage.take`, one
conditional UPDATE), sales the issuer's row. Whatever the interleaving, no gram is held or
sold twice, a phone never takes grams granted to a kiosk, and held + sold + free = granted,
free being the counter row's.

Every thread starts at a barrier and the outcome asserted is the only one the rules allow
(how many orders fit is fixed by the grams left), so no test depends on timing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from itertools import pairwise
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, func, select

from kiosk.footprint import compute
from kiosk.ledger import SoldOut
from kiosk.timestamps import utc_now
from kiosk.venues import load_venues
from sync.registry import phone_stock_storage
from sync.registry.db import writing
from sync.registry.phone import issuer, orders
from sync.registry.tables import allocations, grants, phone_orders, projects, purchase_ranges
from tests.sync.registry.phone import FORESTS, VENUE, kiosk_takes

HEADROOM_G = 5_000_000
SOLAR = "demo-rooftop-solar"


def at_once(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run every job in its own thread, all released together by a barrier; each one's
    result, or the exception it raised."""
    start = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(index: int) -> None:
        start.wait(timeout=30)
        try:
            results[index] = jobs[index]()
        except Exception as exc:  # the outcome asserted on
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return results


def order_args(grams: int, n: int, project: str = FORESTS) -> dict[str, Any]:
    """`orders.open_order`'s arguments but its connection: phone N orders GRAMS of PROJECT."""
    venue = load_venues()[VENUE]
    return {
        "venue": venue,
        "issuer": issuer.issuer_id(VENUE),
        "footprint": compute("meal", {"meat_meals": 2, "mixed_meals": 1}, venue=venue),
        "project_id": project,
        "offset_g": grams,
        "nickname": "",
        "lang": "en",
        "visit": f"visit-{project}-{n}",
        "attempt": "a",
        "provider": "simulated",
        "now": utc_now(),
        "headroom_g": HEADROOM_G,
    }


def order_of(engine: Engine, grams: int, n: int, project: str = FORESTS) -> Callable[[], Any]:
    args = order_args(grams, n, project)

    def place() -> orders.PhoneOrder:
        with writing(engine) as conn:
            return orders.open_order(conn=conn, **args)

    return place


def pay(
    order: orders.PhoneOrder, *, conn: Connection, now: datetime | None = None
) -> orders.Outcome:
    """The simulated provider's payment of ORDER, in CONN's transaction (at NOW, or now)."""
    return orders.apply_payment(
        conn=conn,
        order_id=order.order_id,
        provider="simulated",
        transaction_id=f"T-{order.order_id[:8]}",
        amount=order.amount_fen,
        now=now or utc_now(),
        headroom_g=HEADROOM_G,
    )


def payment_of(engine: Engine, order: orders.PhoneOrder) -> Callable[[], Any]:
    def paying() -> orders.Outcome:
        with writing(engine) as conn:
            return pay(order, conn=conn)

    return paying


def ledger(engine: Engine, project: str) -> dict[str, int]:
    """The phone issuer's grams of PROJECT read from the tables, not through `stock`."""
    kiosk_id = issuer.issuer_id(VENUE)
    with engine.begin() as conn:
        granted = conn.execute(
            select(func.coalesce(func.sum(allocations.c.granted_g), 0)).where(
                allocations.c.kiosk_id == kiosk_id, allocations.c.project_id == project
            )
        ).scalar()
        held, sold = (
            conn.execute(
                select(func.coalesce(func.sum(phone_orders.c.offset_g), 0)).where(
                    phone_orders.c.issuer_id == kiosk_id,
                    phone_orders.c.project_id == project,
                    phone_orders.c.status == status,
                )
            ).scalar()
            for status in (orders.AWAITING, orders.PAID)
        )
        drawn = conn.execute(
            select(func.coalesce(func.sum(purchase_ranges.c.to_g - purchase_ranges.c.from_g), 0))
            .join(grants, grants.c.id == purchase_ranges.c.grant_id)
            .where(grants.c.kiosk_id == kiosk_id, grants.c.project_id == project)
        ).scalar()
        free = phone_stock_storage.free(conn=conn, issuer=kiosk_id, project_id=project)
    if free is not None:  # the counter row agrees with the tables
        assert int(granted) - int(held) - int(sold) == free, (granted, held, sold, free)
    return {"granted": int(granted), "held": int(held), "sold": int(sold), "drawn": int(drawn)}


def no_gram_twice(engine: Engine) -> None:
    """No two purchases' ranges overlap, and no retired serial is granted twice (a kiosk's
    and the phone issuer's grants never share a tonne); no project is over-allocated."""
    with engine.begin() as conn:
        ranges = conn.execute(
            select(
                purchase_ranges.c.grant_id,
                purchase_ranges.c.number,
                purchase_ranges.c.from_g,
                purchase_ranges.c.to_g,
            ).order_by(
                purchase_ranges.c.grant_id, purchase_ranges.c.number, purchase_ranges.c.from_g
            )
        ).all()
        granted = conn.execute(
            select(grants.c.block_id, grants.c.first, grants.c.last).order_by(
                grants.c.block_id, grants.c.first
            )
        ).all()
        over = conn.execute(
            select(projects.c.project_id).where(projects.c.allocated_g > projects.c.stock_g)
        ).all()
    for before, after in pairwise(ranges):
        if before[:2] == after[:2]:
            assert before.to_g <= after.from_g, f"gram ranges overlap: {before} {after}"
    for before, after in pairwise(granted):
        if before.block_id == after.block_id:
            assert before.last < after.first, f"a serial granted twice: {before} {after}"
    assert over == []


def test_concurrent_orders_for_the_last_grams_hold_each_gram_once(demo: Engine) -> None:
    """A kiosk holds 99 t of every project: 1 t is left for the venue's phones, 0.9 t of
    it after a first order. Eight phones order 0.3 t at once (and two order another project
    meanwhile): exactly three fit, the others are told it is sold out, and nothing a kiosk
    holds is taken."""
    with demo.begin() as conn:
        issuer.ensure_issuer(conn=conn, venue_id=VENUE)
    kiosk_takes(demo, 99_000_000)
    # the first order tops the phone flow up with that 1 t: the eight that follow all find
    # 0.9 t free at first, so none tops up (which would queue them on the project's row)
    order_of(demo, 100_000, 99)()
    jobs = [order_of(demo, 300_000, n) for n in range(8)]
    jobs += [order_of(demo, 200_000, n, project=SOLAR) for n in range(2)]
    results = at_once(jobs)
    placed = [r for r in results[:8] if isinstance(r, orders.PhoneOrder)]
    refused = [r for r in results[:8] if isinstance(r, SoldOut)]
    assert (len(placed), len(refused)) == (3, 5), results
    assert all(isinstance(r, orders.PhoneOrder) for r in results[8:]), results
    assert {r.left_g for r in refused} == {0}  # the three placed took what was left
    found = ledger(demo, FORESTS)
    assert found == {"granted": 1_000_000, "held": 1_000_000, "sold": 0, "drawn": 0}
    assert ledger(demo, SOLAR)["held"] == 400_000
    no_gram_twice(demo)


def test_orders_and_sales_of_one_venue_at_once_keep_held_sold_free_exact(demo: Engine) -> None:
    """Three orders hold 0.9 t of the last 1 t; then, at once, two of them are paid (each
    a sale drawing its gram ranges under the issuer's lock) while four phones order 0.1 t
    (on the pair's counter row, not the issuer's): exactly one of the four fits, the
    sales draw distinct grams, and held + sold + free = granted throughout."""
    with demo.begin() as conn:
        issuer.ensure_issuer(conn=conn, venue_id=VENUE)
    kiosk_takes(demo, 99_000_000)
    first = [order_of(demo, 300_000, n)() for n in range(3)]
    results = at_once(
        [payment_of(demo, first[0]), payment_of(demo, first[1])]
        + [order_of(demo, 100_000, n) for n in range(10, 14)]
    )
    assert results[:2] == [orders.Outcome.PAID, orders.Outcome.PAID]
    placed = [r for r in results[2:] if isinstance(r, orders.PhoneOrder)]
    refused = [r for r in results[2:] if isinstance(r, SoldOut)]
    assert (len(placed), len(refused)) == (1, 3), results
    found = ledger(demo, FORESTS)
    assert found == {"granted": 1_000_000, "held": 400_000, "sold": 600_000, "drawn": 600_000}
    no_gram_twice(demo)
    # the rest are paid at once too: every gram granted is sold exactly once
    rest = at_once([payment_of(demo, first[2]), payment_of(demo, placed[0])])
    assert rest == [orders.Outcome.PAID, orders.Outcome.PAID]
    found = ledger(demo, FORESTS)
    assert found == {"granted": 1_000_000, "held": 0, "sold": 1_000_000, "drawn": 1_000_000}
    no_gram_twice(demo)


def no_lock_wait(conn: Connection) -> None:
    """From here on this PostgreSQL transaction fails at once, rather than wait, on any lock
    another transaction holds (so a test shows what does not wait, without timing)."""
    conn.exec_driver_sql("SET LOCAL lock_timeout = '1ms'")


def test_an_order_does_not_wait_for_a_sale_in_progress(demo: Engine) -> None:
    """A sale holds the venue issuer's row until it commits; an order of the same project
    placed meanwhile neither waits for it nor counts its grams twice (one snapshot). It used
    to take the issuer's row too (FOR UPDATE), so every order queued behind every sale."""
    if demo.dialect.name != "postgresql":
        pytest.skip("on SQLite the one write lock serialises whole transactions by design")
    with demo.begin() as conn:
        issuer.ensure_issuer(conn=conn, venue_id=VENUE)
    kiosk_takes(demo, 99_000_000)
    first = order_of(demo, 600_000, 1)()  # tops the phone flow up with the last 1 t
    with demo.connect() as selling, selling.begin():
        paid = pay(first, conn=selling)
        assert paid == orders.Outcome.PAID  # not committed yet: the issuer's row is held
        with writing(demo) as conn:
            no_lock_wait(conn)
            second = orders.open_order(**order_args(400_000, 2), conn=conn)
            with pytest.raises(SoldOut):  # 0.6 t held or sold, 0.4 t held: nothing left
                orders.open_order(**order_args(1, 3), conn=conn)
    assert second.status == orders.AWAITING
    found = ledger(demo, FORESTS)
    assert found == {"granted": 1_000_000, "held": 400_000, "sold": 600_000, "drawn": 600_000}


def test_a_sale_does_not_wait_for_an_order_in_progress(demo: Engine) -> None:
    """An order holds its pair's counter row until it commits; a sale of the venue made
    meanwhile (the issuer's row) does not wait for it."""
    if demo.dialect.name != "postgresql":
        pytest.skip("on SQLite the one write lock serialises whole transactions by design")
    with demo.begin() as conn:
        issuer.ensure_issuer(conn=conn, venue_id=VENUE)
    kiosk_takes(demo, 99_000_000)
    first = order_of(demo, 300_000, 1)()  # tops up the last 1 t: the next order needs none
    with demo.connect() as ordering, ordering.begin():
        second = orders.open_order(**order_args(300_000, 2), conn=ordering)
        with writing(demo) as conn:
            no_lock_wait(conn)
            paid = pay(first, conn=conn)
        assert paid == orders.Outcome.PAID
    assert second.status == orders.AWAITING
    found = ledger(demo, FORESTS)
    assert found == {"granted": 1_000_000, "held": 300_000, "sold": 300_000, "drawn": 300_000}
    no_gram_twice(demo)
