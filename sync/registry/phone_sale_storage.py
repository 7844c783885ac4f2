"""The registry's SQL for a phone sale (s7e): the venue issuer's row lock, what the sale reads
under it, and its writes. Keyword-only functions given their connection; the caller
(`sync/registry/phone/sale.py`) owns the transaction and the rules.

Why this shape. Every sale of a venue takes its issuer's row lock in turn (gapless serials,
draws that never overlap) and holds it until its transaction commits. On PostgreSQL the
sale runs on a server's worker thread, and after every statement's round trip that thread
waits for the GIL behind the event loop (up to the 5 ms switch interval, more when the
machine's cores are busy), so the lock is held about one such wait per statement sent under
it: under 50 phones of one venue the sales queued 5-9 deep for it. So, under the lock: the
lock, ONE read (`sale_basis`), and the writes (`record`): on PostgreSQL the purchase's id
is drawn from its sequence before the lock (`purchase_id`), and the purchase, its ranges,
its invoice request and the order's update are sent as one query string, one round trip
where they were four (and a COPY's two). On SQLite (one write lock for the whole transaction, run
on the event loop) they are the same statements, one after another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    String,
    and_,
    bindparam,
    func,
    literal_column,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.compiler import Compiled

from sync.registry import credit_storage, purchase_storage
from sync.registry.tables import (
    grants,
    invoice_requests,
    kiosks,
    phone_orders,
    purchase_ranges,
    purchases,
    retired_blocks,
)

_KIOSK = bindparam("kiosk_id", type_=String)
_ISSUER_LOCK = (
    select(kiosks.c.kiosk_id).where(kiosks.c.kiosk_id == _KIOSK).with_for_update(key_share=True)
)


def lock_issuer(*, conn: Connection, kiosk_id: str) -> None:
    """Lock the issuer's row for a sale (its serials gapless, its draws never overlapping):
    FOR NO KEY UPDATE on PostgreSQL, which an order inserting a row that refers to the issuer
    (a key share) does not wait for."""
    conn.execute(_ISSUER_LOCK, {"kiosk_id": kiosk_id}).first()


@dataclass(frozen=True, slots=True)
class SaleBasis:
    """What a sale of the issuer reads under its row lock: its next serial, how far its
    sales have drawn through its grants of the project, and those grants (with their retired
    blocks, in order: `credit_storage.run_of` each)."""

    serial: int
    drawn_g: int
    grants: list[Row]


def sale_basis(*, conn: Connection, kiosk_id: str, project_id: str) -> SaleBasis:
    """The issuer's `SaleBasis` for PROJECT_ID, read in ONE statement (it was three). The
    caller holds the issuer's row lock, taken by an earlier statement: on PostgreSQL's READ
    COMMITTED this statement's snapshot then sees every sale committed before the lock."""
    rows = conn.execute(_SALE_BASIS, {"kiosk_id": kiosk_id, "project_id": project_id}).all()
    return SaleBasis(
        serial=int(rows[0].b_last_serial or 0) + 1,
        drawn_g=int(rows[0].b_drawn_g or 0),
        grants=[row for row in rows if row.id is not None],
    )


def _sale_basis() -> Any:
    """One row per grant of the issuer's project (a single row of NULLs for none: the grants
    are outer-joined to one row), each with the issuer's last serial and grams drawn."""
    project = bindparam("project_id", type_=String)
    last_serial = select(func.max(purchases.c.serial)).where(purchases.c.kiosk_id == _KIOSK)
    drawn = (
        select(func.sum(purchase_ranges.c.to_g - purchase_ranges.c.from_g))
        .join(grants, grants.c.id == purchase_ranges.c.grant_id)
        .where(grants.c.kiosk_id == _KIOSK, grants.c.project_id == project)
    )
    one = select(literal_column("1").label("b_one")).subquery("b_one")
    theirs = grants.join(retired_blocks, retired_blocks.c.id == grants.c.block_id)
    mine = and_(grants.c.kiosk_id == _KIOSK, grants.c.project_id == project)
    return (
        select(
            last_serial.scalar_subquery().label("b_last_serial"),
            drawn.scalar_subquery().label("b_drawn_g"),
            *credit_storage.GRANT_COLUMNS,
        )
        .select_from(one.outerjoin(theirs, mine))
        .order_by(grants.c.id)
    )


_SALE_BASIS = _sale_basis()


def purchase_id(*, conn: Connection) -> int | None:
    """On PostgreSQL the next purchase's id, drawn from its column's sequence (before the
    issuer's lock: then `record` needs no answer under it); None on SQLite (the insert's)."""
    if conn.dialect.name != "postgresql":
        return None
    (drawn,) = purchase_storage.draw_ids(conn=conn, count=1)
    return drawn


Rows = list[dict[str, Any]]


def record(
    *,
    conn: Connection,
    purchase: dict[str, Any],
    purchase_id: int | None,
    ranges: Callable[[int], Rows],
    invoices: Callable[[int], Rows],
    order_id: str,
    order: dict[str, Any],
) -> int:
    """Write a sale: its purchase row (with PURCHASE_ID, from `purchase_id`, when given),
    its RANGES(id) and INVOICES(id) rows and the ORDER's changes (its `purchase_id` set
    here); the purchase's id. On PostgreSQL, with the id given: one round trip."""
    if purchase_id is None:
        inserted = purchase_storage.insert_purchases(conn=conn, rows=[purchase])
        purchase_id = inserted[purchase["order_id"]]
        steps: list[tuple[Any, dict[str, Any] | Rows]] = []
    else:
        steps = [(_INSERT_WITH_ID, {**purchase, "id": purchase_id})]
    steps += [
        (_INSERT_RANGES, ranges(purchase_id)),
        (_INSERT_INVOICES, invoices(purchase_id)),
        (_CHANGE_ORDER, {**order, "purchase_id": purchase_id, "b_order": order_id}),
    ]
    steps = [(statement, values) for statement, values in steps if values]
    if len(steps) > 1 and conn.dialect.name == "postgresql":
        _one_round_trip(conn, steps)
    else:
        for statement, values in steps:
            conn.execute(statement, values)
    return purchase_id


_INSERT_WITH_ID = purchases.insert()
_INSERT_RANGES = purchase_ranges.insert()
_INSERT_INVOICES = invoice_requests.insert()
_CHANGE_ORDER = update(phone_orders).where(
    phone_orders.c.order_id == bindparam("b_order", type_=String)
)  # SET from the names given at execution


def _one_round_trip(conn: Connection, steps: list[tuple[Any, dict[str, Any] | Rows]]) -> None:
    """Send the statements as ONE query string in the caller's transaction: each statement
    with its values bound by psycopg's client-side binding (`ClientCursor.mogrify`, its
    quoting), joined by semicolons, sent by the simple query protocol, which runs them in
    order and stops at the first refused (raised as SQLAlchemy's error; the transaction's
    owner then rolls it back). Why not psycopg's pipeline: it polls the socket after each
    statement, and each poll gives up the GIL and waits for it again (the wait above)."""
    import psycopg

    driver = conn.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)  # the psycopg dialect's connection
    sql = ""
    try:
        with psycopg.ClientCursor(driver) as cursor:
            parts = []
            for statement, values in steps:
                rows = values if isinstance(values, list) else [values]
                compiled = _compiled(conn, statement, tuple(rows[0]))
                parts += [cursor.mogrify(str(compiled), compiled.construct_params(r)) for r in rows]
            sql = ";\n".join(parts)
            cursor.execute(sql)
    except psycopg.Error as exc:
        raise DBAPIError.instance(sql, None, exc, psycopg.Error, dialect=conn.dialect) from exc


@lru_cache(maxsize=32)
def _compiled_for(dialect: Any, statement: Any, keys: tuple[str, ...]) -> Compiled:
    return statement.compile(dialect=dialect, column_keys=[k for k in keys if k[:2] != "b_"])


def _compiled(conn: Connection, statement: Any, keys: tuple[str, ...]) -> Compiled:
    """STATEMENT compiled for these value names, once per shape."""
    return _compiled_for(conn.dialect, statement, keys)
