"""How long the phone flow's two contended row locks are held, on SQLite and PostgreSQL: an
order takes its grams (the pair's counter row) with the LAST statement of its transaction,
and a sale makes only its serial-bound statements under its issuer's row lock.

Why (s7e, BENCHMARKS.md "Phone flow"): on PostgreSQL the work runs on a server's worker
thread, which after every statement waits for the GIL behind the event loop (up to the 5 ms
switch interval), so every statement between taking a lock and committing held every other
order (or sale) of the venue that much longer. The rule is asserted on the statements each
transaction sends (recorded from the engine), and on PostgreSQL also by a second transaction
that must not wait (`lock_timeout` 1 ms), never by timing."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, delete, event, func, select, text
from sqlalchemy.exc import IntegrityError

from kiosk.ledger import SoldOut
from kiosk.timestamps import utc_now
from sync.registry import phone_sale_storage
from sync.registry.db import writing
from sync.registry.payments import Notice
from sync.registry.phone import orders
from sync.registry.tables import payment_notices, phone_orders, phone_stock, purchases
from tests.sync.registry.test_phone_stock_counter import exact, pay, place, row, setup
from tests.sync.registry.test_phone_stock_locks import ledger, no_lock_wait, order_args

WRITES = ("SELECT", "INSERT", "UPDATE", "DELETE", "COPY")


@contextmanager
def statements(engine: Engine, thread: int | None = None) -> Iterator[list[str]]:
    """The SQL statements ENGINE sends meanwhile (BEGIN, COMMIT and settings left out), each
    squeezed to one line; only THREAD's (an ident), when given."""
    sent: list[str] = []

    def record(_conn: Any, _cursor: Any, sql: str, *_rest: Any) -> None:
        text = " ".join(sql.split())
        if text.upper().startswith(WRITES) and thread in (None, threading.get_ident()):
            sent.append(text)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


def lock_waits(engine: Engine, count: int) -> None:
    """Return once COUNT of the database's sessions wait for a lock (a condition waited
    for, not a time: it fails only if it never comes)."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    for _ in range(6000):
        with engine.connect() as conn:
            if conn.execute(query).scalar_one() >= count:
                return
        time.sleep(0.01)
    raise AssertionError(f"{count} sessions never waited for a lock")


def test_an_order_takes_its_grams_with_the_last_statement_of_its_transaction(
    demo: Engine,
) -> None:
    """The order's row comes first; from the take (the pair's row locked) nothing but the
    commit. It used to insert the order (and the route book its payment) with the pair's
    row held."""
    setup(demo)
    start = utc_now()
    place(demo, 100_000, 1, start)  # makes the pair's row: the next order takes at once
    with statements(demo) as sent, writing(demo) as conn:
        orders.open_order(conn=conn, **{**order_args(200_000, 2), "now": start})
    takes = [n for n, sql in enumerate(sent) if sql.startswith("UPDATE phone_stock")]
    inserts = [n for n, sql in enumerate(sent) if sql.startswith("INSERT INTO phone_orders")]
    assert takes == [len(sent) - 1], sent  # the take is the last statement
    assert inserts and inserts[0] < takes[0], sent
    assert row(demo) == 700_000
    exact(demo, start)


def test_an_order_being_booked_does_not_hold_its_pairs_row(demo: Engine) -> None:
    """While one order's transaction inserts its row and books its payment, another order of
    the same project takes its grams at once (it waited for the whole booking before)."""
    if demo.dialect.name != "postgresql":
        pytest.skip("on SQLite the one write lock serialises whole transactions by design")
    setup(demo)
    start = utc_now()
    place(demo, 100_000, 1, start)
    others: list[orders.PhoneOrder] = []

    def book(_order: orders.PhoneOrder) -> None:
        with writing(demo) as other:
            no_lock_wait(other)  # fails at once if it had to wait for the first's row
            others.append(orders.open_order(conn=other, **{**order_args(300_000, 3), "now": start}))

    with writing(demo) as conn:
        first = orders.open_order(conn=conn, **{**order_args(200_000, 2), "now": start}, book=book)
    assert [o.status for o in (first, *others)] == [orders.AWAITING] * 2
    assert row(demo) == 400_000
    exact(demo, start)


def test_a_sold_out_order_leaves_nothing_in_a_transaction_that_goes_on(demo: Engine) -> None:
    """Its row is inserted before its grams are taken: when they are not there, the row is
    deleted again (a caller that catches SoldOut and commits keeps nothing of it)."""
    setup(demo)
    start = utc_now()
    place(demo, 900_000, 1, start)
    with writing(demo) as conn:
        with pytest.raises(SoldOut) as refused:
            orders.open_order(conn=conn, **{**order_args(200_000, 2), "now": start})
        assert refused.value.left_g == 100_000
    with demo.begin() as conn:
        assert conn.execute(select(phone_orders.c.visit)).scalars().all() == [
            order_args(1, 1)["visit"]
        ]
    exact(demo, start)


def test_an_order_recounting_its_pair_does_not_count_its_own_hold(demo: Engine) -> None:
    """An order finding no counter row counts the pair from the tables, where its own row
    already stands as held: it still gets exactly the last grams."""
    setup(demo)
    start = utc_now()
    place(demo, 400_000, 1, start)
    with demo.begin() as conn:
        conn.execute(delete(phone_stock))
    last = place(demo, 600_000, 2, start)  # all that is left, through the recount
    assert last.status == orders.AWAITING
    assert row(demo) == 0
    assert ledger(demo, "demo-longquan-forest")["held"] == 1_000_000
    exact(demo, start)


def test_a_sale_makes_only_its_serial_bound_statements_under_the_issuers_lock(
    demo: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the issuer's row is locked: one read (serial, drawn grams, grants), then the
    purchase, its ranges and the order's update, on PostgreSQL in one query string (one
    round trip; the purchase's id drawn before the lock), then the commit. The notice is kept
    before the lock. It used to read three times, then insert, COPY the ranges, update the
    order and keep the notice, one round trip each, under the lock."""
    setup(demo)
    start = utc_now()
    order = place(demo, 1_500, 1, start)
    notice = Notice("N-1", order.order_id, "T-1", order.amount_fen)
    trips = round_trips(monkeypatch)
    with statements(demo) as sent, writing(demo) as conn:
        outcome = orders.take_notice(
            conn=conn, provider="simulated", notice=notice, now=start, headroom_g=0
        )
    assert outcome == orders.Outcome.PAID
    locks = [n for n, sql in enumerate(sent) if sql.startswith("SELECT kiosks.kiosk_id")]
    assert len(locks) == 1, sent
    after = [sql.split(" (")[0].split(" SET")[0] for sql in sent[locks[0] + 1 :]]
    writes = ["INSERT INTO purchases", "INSERT INTO purchase_ranges", "UPDATE phone_orders"]
    assert after[0].startswith("SELECT"), after
    if demo.dialect.name == "postgresql":
        assert after[1:] == [], after
        assert [[sql.split(" (")[0].split(" SET")[0] for sql in t] for t in trips] == [writes]
    else:
        assert after[1:] == writes, after
    with demo.begin() as conn:
        kept = conn.execute(select(payment_notices.c.outcome)).scalars().all()
        paid = conn.execute(select(phone_orders.c.status, phone_orders.c.purchase_id)).all()
    assert kept == ["paid"]
    assert [status for status, purchase_id in paid if purchase_id is not None] == ["paid"]
    exact(demo, start)


def round_trips(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The statements of each query string sent through psycopg's client-side cursor from
    now on (a spy: each still runs)."""
    import psycopg

    seen: list[list[str]] = []
    real = psycopg.ClientCursor.execute

    def execute(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append([" ".join(part.split()) for part in str(query).split(";\n")])
        return real(self, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.ClientCursor, "execute", execute)
    return seen


def test_an_order_that_waited_for_a_recount_takes_from_the_refilled_row(demo: Engine) -> None:
    """At a venue's opening the pair has no counter row: the first order counts the ledger
    under the row's lock, and an order that arrived meanwhile waits for that lock, then
    takes from the row the first one filled; it does not count the ledger (sweep, read,
    top-up) again. Every phone of the first wave used to count it in turn."""
    if demo.dialect.name != "postgresql":
        pytest.skip("on SQLite the one write lock serialises whole transactions by design")
    setup(demo)
    start = utc_now()
    second: list[Any] = []
    sent: list[str] = []

    def order_second() -> None:
        try:
            with statements(demo, threading.get_ident()) as mine, writing(demo) as conn:
                second.append(
                    orders.open_order(conn=conn, **{**order_args(300_000, 2), "now": start})
                )
            sent.extend(mine)
        except Exception as exc:  # asserted on below
            second.append(exc)

    waiter = threading.Thread(target=order_second)
    with writing(demo) as conn:
        first = orders.open_order(conn=conn, **{**order_args(200_000, 1), "now": start})
        waiter.start()
        lock_waits(demo, 1)  # the second order waits for the row the first one made
    waiter.join(timeout=60)
    assert [o.status for o in (first, *second)] == [orders.AWAITING] * 2, second
    assert not [sql for sql in sent if sql.startswith("UPDATE phone_orders")], sent
    assert row(demo) == 500_000
    exact(demo, start)


def test_a_refused_sale_write_is_raised_and_keeps_nothing(demo: Engine) -> None:
    """A write of the one query string refused by the database (here a second purchase with
    the first one's certificate id) is raised as SQLAlchemy's IntegrityError, as a single
    statement's would be, and its transaction keeps none of the writes."""
    setup(demo)
    start = utc_now()
    order = place(demo, 1_500, 1, start)
    notice = Notice("N-1", order.order_id, "T-1", order.amount_fen)
    with writing(demo) as conn:
        orders.take_notice(conn=conn, provider="simulated", notice=notice, now=start, headroom_g=0)
    with demo.begin() as conn:
        first = dict(conn.execute(select(purchases)).one()._mapping)
    again = {k: v for k, v in first.items() if k != "id"} | {"order_id": "another"}
    with pytest.raises(IntegrityError), writing(demo) as conn:
        phone_sale_storage.record(
            conn=conn,
            purchase=again,
            purchase_id=phone_sale_storage.purchase_id(conn=conn),
            ranges=lambda _made: [],
            invoices=lambda _made: [],
            order_id=order.order_id,
            order={"status": "refund_due"},
        )
    with demo.begin() as conn:
        assert conn.execute(select(func.count()).select_from(purchases)).scalar_one() == 1
        assert conn.execute(select(phone_orders.c.status)).scalar_one() == "paid"
    exact(demo, start)


def test_a_sale_keeps_text_that_needs_quoting_byte_for_byte(demo: Engine) -> None:
    """The one query string binds its values on the client (psycopg's own quoting): a
    nickname made of quotes, a backslash, a semicolon, dollar quotes and a comment marker is
    stored as typed, in the purchase's column and in its signed payload, and nothing else
    runs."""
    setup(demo)
    start = utc_now()
    tricky = "O'B\\\"; $$-- 熊猫'"
    with writing(demo) as conn:
        order = orders.open_order(
            conn=conn, **{**order_args(1_500, 1), "nickname": tricky, "now": start}
        )
    assert pay(demo, order, start) == orders.Outcome.PAID
    with demo.begin() as conn:
        (kept,) = conn.execute(select(purchases.c.nickname, purchases.c.payload)).all()
        assert conn.execute(select(func.count()).select_from(phone_orders)).scalar_one() == 1
    assert kept.nickname == tricky
    assert json.loads(kept.payload)["nickname"] == tricky
    exact(demo, start)
