"""The registry's SQL for the phone flow: venues, the registry's issuers, phone orders,
payment notices and the simulated provider's book. Keyword-only functions given their
connection; the caller owns the transaction, and policy lives in `sync/registry/phone/` and
`sync/registry/payments/`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Integer,
    Row,
    String,
    bindparam,
    case,
    delete,
    func,
    select,
    update,
)

from kiosk.credit import TONNE_G
from sync.registry.storage import _insert_ignore, ignoring, now_text
from sync.registry.tables import (
    allocations,
    grants,
    kiosks,
    payment_notices,
    phone_orders,
    projects,
    purchase_ranges,
    purchases,
    sim_payments,
    venues,
)

AWAITING = "awaiting_payment"

# -- venues --------------------------------------------------------------------------------


def list_venues(*, conn: Connection) -> list[Row]:
    return list(conn.execute(select(venues).order_by(venues.c.position, venues.c.venue_id)))


def get_venue(*, conn: Connection, venue_id: str) -> Row | None:
    return conn.execute(select(venues).where(venues.c.venue_id == venue_id)).first()


def save_venue(*, conn: Connection, venue_id: str, position: int, data: str) -> None:
    """Insert a venue, or replace its data (its place in the list stays)."""
    changed = conn.execute(
        update(venues)
        .where(venues.c.venue_id == venue_id)
        .values(data=data, updated_at=now_text())
        .returning(venues.c.venue_id)
    )
    if changed.first() is None:
        conn.execute(
            venues.insert().values(
                venue_id=venue_id, position=position, data=data, updated_at=now_text()
            )
        )


# -- the registry's issuers ------------------------------------------------------------------


def add_issuer(*, conn: Connection, kiosk_id: str, name: str, public_key: str, venue: str) -> None:
    conn.execute(
        _insert_ignore(conn, kiosks).values(
            kiosk_id=kiosk_id,
            name=name,
            public_key=public_key,
            venue=venue,
            enrolled_at=now_text(),
            role="phone",
        )
    )


# Statements built once, at import, run with bound values (issue 16): building a statement of
# this size anew per request cost more than running it (the stock read: ~0.9 ms to build,
# ~0.03 ms to run on the demo's catalogue), and every order and result page ran it.
_KIOSK = bindparam("kiosk_id", type_=String)


def _stock_statement() -> Any:
    pid = projects.c.project_id
    granted = select(allocations.c.granted_g).where(
        allocations.c.kiosk_id == _KIOSK, allocations.c.project_id == pid
    )
    serial = select(func.sum(grants.c.last - grants.c.first + 1) * TONNE_G).where(
        grants.c.kiosk_id == _KIOSK, grants.c.project_id == pid
    )
    drawn = (
        select(func.sum(purchase_ranges.c.to_g - purchase_ranges.c.from_g))
        .join(grants, grants.c.id == purchase_ranges.c.grant_id)
        .where(grants.c.kiosk_id == _KIOSK, grants.c.project_id == pid)
    )
    live = purchases.c.voided_at.is_(None)
    ranged = (
        select(func.coalesce(func.sum(purchase_ranges.c.to_g - purchase_ranges.c.from_g), 0))
        .where(purchase_ranges.c.purchase_id == purchases.c.id)
        .scalar_subquery()
    )
    mine = (purchases.c.kiosk_id == _KIOSK, purchases.c.project_id == pid)
    sold = select(func.sum(case((live, purchases.c.offset_g), else_=0))).where(*mine)
    refunded = select(func.sum(case((live, 0), else_=ranged))).where(*mine)
    holding = select(func.sum(phone_orders.c.offset_g)).where(  # unpaid, within their hold
        phone_orders.c.issuer_id == _KIOSK,
        phone_orders.c.status == AWAITING,
        phone_orders.c.expires_at > bindparam("now", type_=String),
        phone_orders.c.project_id == pid,
    )

    def grams(query: Any, name: str) -> Any:
        return func.coalesce(query.correlate(projects).scalar_subquery(), 0).label(name)

    return select(
        projects,
        grams(granted, "granted_g"),
        grams(serial, "serial_g"),
        grams(drawn, "drawn_g"),
        grams(sold, "sold_g"),
        grams(refunded, "refunded_g"),
        grams(holding, "held_g"),
    ).order_by(projects.c.position, pid)


_STOCK = _stock_statement()
_STOCK_OF = _STOCK.where(projects.c.project_id == bindparam("project_id", type_=String))


def issuer_stock(
    *, conn: Connection, kiosk_id: str, now: str, project_id: str | None = None
) -> list[Row]:
    """Every project (only PROJECT_ID, when given) in catalogue order, with what this issuer
    has of it, read in ONE statement so under READ COMMITTED it is one snapshot: a sale
    committing meanwhile moves its grams from held to sold (and drawn) together, never out
    of both. Columns: the project's row, granted_g, serial_g (retired serials granted),
    drawn_g (of them, drawn by its sales), sold_g (not refunded), refunded_g (drawn by
    refunded sales), held_g (by unpaid orders within their hold)."""
    if project_id is None:
        return list(conn.execute(_STOCK, {"kiosk_id": kiosk_id, "now": now}))
    asked = {"kiosk_id": kiosk_id, "now": now, "project_id": project_id}
    return list(conn.execute(_STOCK_OF, asked))


_PURCHASE = select(purchases).where(purchases.c.id == bindparam("purchase_id", type_=Integer))


def purchase(*, conn: Connection, purchase_id: int) -> Row | None:
    return conn.execute(_PURCHASE, {"purchase_id": purchase_id}).first()


# -- phone orders ----------------------------------------------------------------------------

_ORDER = select(phone_orders).where(phone_orders.c.order_id == bindparam("b_order", type_=String))
_ORDER_LOCKED = _ORDER.with_for_update()
_ATTEMPT = select(phone_orders).where(
    phone_orders.c.visit == bindparam("b_visit", type_=String),
    phone_orders.c.attempt == bindparam("b_attempt", type_=String),
)
# SET from the names given at execution (the where clause's names start "b_")
_CHANGE = update(phone_orders).where(phone_orders.c.order_id == bindparam("b_order", type_=String))
_CHANGE_IF = _CHANGE.where(phone_orders.c.status == bindparam("b_status", type_=String))
_CHANGED = (
    _CHANGE.returning(phone_orders.c.order_id),
    _CHANGE_IF.returning(phone_orders.c.order_id),
)


@lru_cache(maxsize=2)
def _add_order(dialect: str) -> Any:
    return ignoring(dialect, phone_orders).returning(*phone_orders.c)


def add_order(*, conn: Connection, values: dict[str, Any]) -> Row | None:
    """Insert an order unless this visit's attempt already made one (a double tap); the row
    inserted, or None."""
    return conn.execute(_add_order(conn.dialect.name), values).first()


_DELETE_ORDER = delete(phone_orders).where(
    phone_orders.c.order_id == bindparam("b_order", type_=String)
)


def delete_order(*, conn: Connection, order_id: str) -> None:
    """Remove an order inserted in this transaction that could not get its grams (SoldOut):
    a caller going on in its transaction keeps nothing of it."""
    conn.execute(_DELETE_ORDER, {"b_order": order_id})


def get_order(*, conn: Connection, order_id: str, lock: bool = False) -> Row | None:
    return conn.execute(_ORDER_LOCKED if lock else _ORDER, {"b_order": order_id}).first()


def order_of_attempt(*, conn: Connection, visit: str, attempt: str) -> Row | None:
    return conn.execute(_ATTEMPT, {"b_visit": visit, "b_attempt": attempt}).first()


def update_order(*, conn: Connection, order_id: str, only_if: str | None, **values: Any) -> bool:
    """Change an order (only while its status is `only_if`, when given); whether it did."""
    asked = {**values, "b_order": order_id}
    if only_if is not None:
        asked["b_status"] = only_if
    return conn.execute(_CHANGED[only_if is not None], asked).first() is not None


def refunds_due(*, conn: Connection) -> list[Row]:
    """Orders paid after their hold with the stock gone (`refund_due`), oldest payment first:
    the visitor's money, for an operator to give back at the provider."""
    query = select(phone_orders).where(phone_orders.c.status == "refund_due")
    return list(conn.execute(query.order_by(phone_orders.c.paid_at, phone_orders.c.order_id)))


def add_notice(
    *,
    conn: Connection,
    provider: str,
    notice_id: str,
    order_id: str,
    outcome: str,
    amount_fen: int | None,
) -> None:
    values = {
        "provider": provider,
        "notice_id": notice_id[:64],
        "order_id": order_id[:40],
        "outcome": outcome,
        "amount_fen": amount_fen,
        "received_at": now_text(),
    }
    conn.execute(_NOTICE, values)


_NOTICE = payment_notices.insert()


def notices_of(*, conn: Connection, order_id: str) -> list[Row]:
    query = select(payment_notices).where(payment_notices.c.order_id == order_id)
    return list(conn.execute(query.order_by(payment_notices.c.id)))


_BOARD = (purchases.c.id, purchases.c.nickname, purchases.c.offset_g, purchases.c.cert_id)
_LIVE = purchases.c.voided_at.is_(None)


@lru_cache(maxsize=4)
def _scope(venue: bool, day: bool) -> tuple[Any, ...]:
    """The conditions of a ranking's scope (bound: "b_venue", "b_day")."""
    found = []
    if venue:
        found.append(purchases.c.venue == bindparam("b_venue", type_=String))
    if day:
        found.append(purchases.c.day == bindparam("b_day", type_=String))
    return tuple(found)


@lru_cache(maxsize=4)
def _board(venue: bool, day: bool) -> Any:
    query = select(*_BOARD).where(_LIVE, *_scope(venue, day))
    query = query.order_by(purchases.c.offset_g.desc(), purchases.c.paid_at, purchases.c.id)
    return query.limit(bindparam("b_limit", type_=Integer))


@lru_cache(maxsize=4)
def _place(venue: bool, day: bool) -> tuple[Any, Any]:
    one = select(*_BOARD).where(
        purchases.c.id == bindparam("b_id", type_=Integer), _LIVE, *_scope(venue, day)
    )
    above = select(func.count()).where(
        _LIVE, purchases.c.offset_g > bindparam("b_offset", type_=BigInteger), *_scope(venue, day)
    )
    return one, above


def venue_purchases(
    *, conn: Connection, venue: str | None, day: str | None, limit: int
) -> list[Row]:
    """Paid, not refunded purchases by offset (one row each, kiosks' and phones' alike),
    biggest first, earlier payment first on a tie."""
    asked = {"b_venue": venue, "b_day": day, "b_limit": limit}
    return list(conn.execute(_board(venue is not None, day is not None), asked))


def place_above(
    *, conn: Connection, purchase_id: int, venue: str | None, day: str | None
) -> tuple[Row, int] | None:
    """A purchase in the same scope and how many there offset more, or None."""
    one, above = _place(venue is not None, day is not None)
    asked = {"b_venue": venue, "b_day": day, "b_id": purchase_id}
    row = conn.execute(one, asked).first()
    if row is None:
        return None
    return row, int(conn.execute(above, {**asked, "b_offset": row.offset_g}).scalar() or 0)


# -- the simulated provider's book -----------------------------------------------------------


def add_sim_payment(*, conn: Connection, values: dict[str, Any]) -> None:
    conn.execute(_insert_ignore(conn, sim_payments), values)


@lru_cache(maxsize=8)
def _sim(by_payment: bool, by_order: bool, lock: bool) -> Any:
    query = select(sim_payments)
    if by_payment:
        query = query.where(sim_payments.c.payment_id == bindparam("b_payment", type_=String))
    if by_order:
        query = query.where(sim_payments.c.order_id == bindparam("b_order", type_=String))
    return query.with_for_update() if lock else query


def get_sim_payment(
    *,
    conn: Connection,
    payment_id: str | None = None,
    order_id: str | None = None,
    lock: bool = True,
) -> Row | None:
    """A simulated payment, its row locked (LOCK false: a read-only transaction's read)."""
    query = _sim(payment_id is not None, order_id is not None, lock)
    return conn.execute(query, {"b_payment": payment_id, "b_order": order_id}).first()


_SIM_STATE = (
    update(sim_payments)
    .where(
        sim_payments.c.payment_id == bindparam("b_payment", type_=String),
        sim_payments.c.state == bindparam("b_state", type_=String),
    )
    .returning(sim_payments.c.payment_id)
)  # SET from the names given at execution


def set_sim_state(
    *, conn: Connection, payment_id: str, state: str, only_if: str, **values: Any
) -> bool:
    asked = {**values, "state": state, "b_payment": payment_id, "b_state": only_if}
    return conn.execute(_SIM_STATE, asked).first() is not None
