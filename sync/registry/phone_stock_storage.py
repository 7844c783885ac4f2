"""The registry's SQL for the phone flow's stock counter (`phone_stock`, issue 16): what each
venue's phone issuer has free of a project for a new order, one row a pair.

An order takes its grams with one conditional UPDATE (`take`), so orders of one pair wait for
each other only for that row, from that statement to their commit; before, each summed the
ledger (sales, gram ranges, holds: work that grows with every sale) under a lock of the pair.
Grams come back (`give_back`) when an unpaid order is closed or swept (`expire_pair`); a sale
leaves the row alone (its hold becomes the sale: held - g, sold + g). The row is set from the
ledger tables (`set_free`, by `phone.stock.recount`) when an order finds too little or the
pair has none yet.

Lock order, on PostgreSQL: the pair's row before any of its unpaid orders' rows (`lock`
first in `expire_pair` and `phone.orders.close`), so a sweep, a cancel and an order that
recounts never wait for each other in a circle. Statements are built once, at import.
Keyword-only functions given their connection; the caller owns the transaction.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Connection, Integer, String, bindparam, select, update

from sync.registry.storage import ignoring
from sync.registry.tables import phone_orders, phone_stock

AWAITING = "awaiting_payment"

_PAIR = (
    phone_stock.c.issuer_id == bindparam("b_issuer", type_=String),
    phone_stock.c.project_id == bindparam("b_project", type_=String),
)
_GRAMS = bindparam("b_grams", type_=BigInteger)
_TAKE = (
    update(phone_stock)
    .where(*_PAIR, phone_stock.c.free_g >= _GRAMS)
    .values(free_g=phone_stock.c.free_g - _GRAMS)
    .returning(phone_stock.c.free_g)
)
_GIVE = update(phone_stock).where(*_PAIR).values(free_g=phone_stock.c.free_g + _GRAMS)
_SET = update(phone_stock).where(*_PAIR).values(free_g=_GRAMS)
_LOCK = select(phone_stock.c.free_g).where(*_PAIR).with_for_update(key_share=True)
_FREE = select(phone_stock.c.free_g).where(*_PAIR)
_NOW = bindparam("b_now", type_=String)
_LAPSED = (phone_orders.c.status == AWAITING, phone_orders.c.expires_at <= _NOW)
_LAPSED_PAIRS = (
    select(phone_orders.c.issuer_id, phone_orders.c.project_id).where(*_LAPSED).distinct()
)
_EXPIRE = (
    update(phone_orders)
    .where(
        phone_orders.c.order_id.in_(
            select(phone_orders.c.order_id)
            .where(
                *_LAPSED,
                phone_orders.c.issuer_id == bindparam("b_issuer", type_=String),
                phone_orders.c.project_id == bindparam("b_project", type_=String),
            )
            .limit(bindparam("b_limit", type_=Integer))
        ),
        phone_orders.c.status == AWAITING,
    )
    .values(status="expired", closed_reason="timeout")
    .returning(phone_orders.c.order_id, phone_orders.c.offset_g)
)


def _pair(issuer: str, project_id: str, **more: object) -> dict[str, object]:
    return {"b_issuer": issuer, "b_project": project_id, **more}


def take(*, conn: Connection, issuer: str, project_id: str, grams: int) -> bool:
    """Set GRAMS aside for an order if the pair has that many free; whether it did (False
    also when the pair has no row yet). The row stays locked until the transaction ends."""
    done = conn.execute(_TAKE, _pair(issuer, project_id, b_grams=grams))
    return done.first() is not None


def give_back(*, conn: Connection, issuer: str, project_id: str, grams: int) -> None:
    """An unpaid order's GRAMS are free again (no row: nothing to do, the row will be made
    from the tables, where the order no longer holds them)."""
    if grams:
        conn.execute(_GIVE, _pair(issuer, project_id, b_grams=grams))


def lock(*, conn: Connection, issuer: str, project_id: str, make: bool = False) -> None:
    """Lock the pair's row until the transaction ends (MAKE: first insert it, free_g 0, when
    missing; the caller then sets it with `set_free`)."""
    if make:
        row = {"issuer_id": issuer, "project_id": project_id, "free_g": 0}
        conn.execute(ignoring(conn.dialect.name, phone_stock), row)
    conn.execute(_LOCK, _pair(issuer, project_id)).first()


def set_free(*, conn: Connection, issuer: str, project_id: str, grams: int) -> None:
    """The pair's free grams as counted from the tables (the caller holds its row, `lock`)."""
    conn.execute(_SET, _pair(issuer, project_id, b_grams=grams))


def free(*, conn: Connection, issuer: str, project_id: str) -> int | None:
    """The pair's free grams, None when it has no row yet."""
    value = conn.execute(_FREE, _pair(issuer, project_id)).scalar()
    return None if value is None else int(value)


def expire_pair(
    *,
    conn: Connection,
    issuer: str,
    project_id: str,
    now: str,
    limit: int = 2**31 - 1,
    make: bool = False,
) -> list[str]:
    """Mark the pair's unpaid orders past their hold expired (at most LIMIT) and give their
    grams back; the order ids. Locks the pair's row first (see the module's lock order;
    MAKE: as `lock`'s, for a recount)."""
    lock(conn=conn, issuer=issuer, project_id=project_id, make=make)
    rows = conn.execute(_EXPIRE, _pair(issuer, project_id, b_now=now, b_limit=limit)).all()
    give_back(
        conn=conn, issuer=issuer, project_id=project_id, grams=sum(int(r.offset_g) for r in rows)
    )
    return [r.order_id for r in rows]


def expire_orders(*, conn: Connection, now: str, limit: int) -> list[str]:
    """Every pair's `expire_pair`, at most LIMIT orders in all; the ids changed."""
    done: list[str] = []
    pairs = conn.execute(_LAPSED_PAIRS, {"b_now": now}).all()
    for issuer, project_id in pairs:
        if len(done) >= limit:
            break
        done += expire_pair(
            conn=conn, issuer=issuer, project_id=project_id, now=now, limit=limit - len(done)
        )
    return done
