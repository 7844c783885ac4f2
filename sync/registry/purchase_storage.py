"""The purchases table's SQL: a kiosk's (or the phone issuer's) sales as the registry holds
them, read per batch and written in one `insert_rows` (the push's hot path, issue 19).

As in `sync.registry.storage`, the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Row, bindparam, func, select, text, update

from sync.registry.db import insert_rows
from sync.registry.storage import CHUNK
from sync.registry.tables import purchases


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def purchases_by_order(
    *, conn: Connection, kiosk_id: str, order_ids: Sequence[str]
) -> dict[str, Row]:
    """This kiosk's purchases among `order_ids` (another kiosk's orders are not its own)."""
    cols = (
        purchases.c.order_id,
        purchases.c.kiosk_id,
        purchases.c.serial,
        purchases.c.payload_hash,
        purchases.c.voided_at,
        purchases.c.project_id,
        purchases.c.offset_g,
    )
    rows = _of_kiosk(conn, kiosk_id, purchases.c.order_id, order_ids, cols)
    return {row.order_id: row for row in rows}


def serial_owners(*, conn: Connection, kiosk_id: str, serials: Sequence[int]) -> dict[int, str]:
    cols = (purchases.c.serial, purchases.c.order_id)
    rows = _of_kiosk(conn, kiosk_id, purchases.c.serial, serials, cols)
    return {row.serial: row.order_id for row in rows}


def _of_kiosk(
    conn: Connection, kiosk_id: str, key: Any, values: Sequence[Any], cols: Sequence[Any]
) -> list[Row]:
    """This kiosk's purchases whose `key` is among `values`. On PostgreSQL the values go as
    one array parameter (`= ANY`), in one statement built once: SQLAlchemy's `IN` of 400
    parameters, compiled each batch, was 12 % of the registry's CPU in a 100,000-order push
    (py-spy, BENCHMARKS.md "Third round"); on SQLite an `IN` list per CHUNK values."""
    if not values:
        return []
    if conn.dialect.name == "postgresql":
        names = ", ".join(col.name for col in cols)
        sql = f"SELECT {names} FROM purchases WHERE kiosk_id = %s AND {key.name} = ANY(%s)"
        return list(conn.exec_driver_sql(sql, (kiosk_id, list(values))))
    found: list[Row] = []
    for part in _chunks(list(values)):
        query = select(*cols).where(purchases.c.kiosk_id == kiosk_id, key.in_(part))
        found.extend(conn.execute(query))
    return found


_LARGEST = select(func.coalesce(func.max(purchases.c.id), 0))
_INSERT_ONE = purchases.insert().returning(purchases.c.id)


def insert_purchases(*, conn: Connection, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Insert (one `insert_rows`); order id -> the new purchase's id. Without RETURNING
    (issue 19): on PostgreSQL SQLAlchemy turned a RETURNING executemany into one statement of
    every row's values, which psycopg parsed afresh each batch (half the push's time). One
    row is one INSERT ... RETURNING: no batch to parse."""
    if not rows:
        return {}
    if len(rows) == 1:  # one statement (RETURNING costs nothing for one row)
        return {rows[0]["order_id"]: int(conn.execute(_INSERT_ONE, rows[0]).scalar_one())}
    if conn.dialect.name == "postgresql":
        ids = draw_ids(conn=conn, count=len(rows))  # then inserted as given
        insert_rows(conn, purchases, [{"id": i, **row} for i, row in zip(ids, rows, strict=True)])
        _analyse_if_never(conn)
        return {row["order_id"]: i for i, row in zip(ids, rows, strict=True)}
    # SQLite gives a row without an id the largest id so far + 1, and this write transaction
    # holds the database's one write lock: when the largest id grew by exactly the rows
    # inserted, they took the ids after it in order (RETURNING doubled the insert's time).
    before = int(conn.execute(_LARGEST).scalar_one())
    insert_rows(conn, purchases, rows)
    if int(conn.execute(_LARGEST).scalar_one()) == before + len(rows):
        return {row["order_id"]: before + 1 + i for i, row in enumerate(rows)}
    return _ids_of(conn, rows)  # ids were not handed out in order (never seen in practice)


_DRAW_IDS = text(
    "SELECT nextval(pg_get_serial_sequence('purchases', 'id')) FROM generate_series(1, :count)"
)


def draw_ids(*, conn: Connection, count: int) -> list[int]:
    """COUNT new purchase ids drawn from the id column's own sequence (PostgreSQL only): for
    rows inserted with their ids given."""
    return [int(i) for i in conn.execute(_DRAW_IDS, {"count": count}).scalars()]


_NO_STATISTICS = text(
    "SELECT NOT EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = current_schema()"
    " AND tablename = 'purchases' AND attname = 'kiosk_id')"
)


def _analyse_if_never(conn: Connection) -> None:
    """ANALYZE purchases (its rows just inserted included) if PostgreSQL holds no statistics
    of it yet: a new registry's first sales.

    Why (issue 19): without statistics the planner takes `kiosk_id = :k` for 0.5 % of the
    rows and, for the push's look-ups of known serials (`serial_owners`) and orders
    (`purchases_by_order`), may pick the other (kiosk_id, ...) unique index: it scans every
    purchase of the kiosk and filters the list over each. A registry's first sync of 100,000
    orders spent 240 ms a batch of 500 in those two look-ups at the end, 10 x their cost at
    10,000 (pg_stat_statements, BENCHMARKS.md "Third round"); autovacuum analyses the table
    only a minute or more after it fills. With statistics (one kiosk: all of the rows) each
    value is one probe of the right index. Done once: later growth is autovacuum's to
    follow. ANALYZE samples at most 30,000 rows, a few ms at 500. SKIP_LOCKED: when another
    transaction is analysing the table (another kiosk's first batch, autovacuum) this one
    does not wait for it (nor risk a deadlock with it) but goes on."""
    if conn.execute(_NO_STATISTICS).scalar():
        conn.exec_driver_sql("ANALYZE (SKIP_LOCKED) purchases")


def _ids_of(conn: Connection, rows: list[dict[str, Any]]) -> dict[str, int]:
    """The ids of purchases just inserted, read back by (kiosk, order id)."""
    found: dict[str, int] = {}
    for kiosk_id in {row["kiosk_id"] for row in rows}:
        order_ids = [row["order_id"] for row in rows if row["kiosk_id"] == kiosk_id]
        for part in _chunks(order_ids):
            query = select(purchases.c.order_id, purchases.c.id).where(
                purchases.c.kiosk_id == kiosk_id, purchases.c.order_id.in_(part)
            )
            found.update({row.order_id: row.id for row in conn.execute(query)})
    return found


def void_purchases(*, conn: Connection, kiosk_id: str, voids: list[dict[str, Any]]) -> None:
    """Mark this kiosk's refunds (one executemany); keys order_id, voided_at, void_reason."""
    if voids:
        stmt = (
            update(purchases)
            .where(
                purchases.c.kiosk_id == kiosk_id,
                purchases.c.order_id == bindparam("v_order"),
                purchases.c.voided_at.is_(None),
            )
            .values(voided_at=bindparam("v_at"), void_reason=bindparam("v_reason"))
        )
        rows = [
            {"v_order": v["order_id"], "v_at": v["voided_at"], "v_reason": v["void_reason"]}
            for v in voids
        ]
        conn.execute(stmt, rows)


def find_purchase(*, conn: Connection, cert_id: str) -> Row | None:
    return conn.execute(select(purchases).where(purchases.c.cert_id == cert_id.upper())).first()


def voided_cert_ids(*, conn: Connection) -> list[str]:
    """Every refunded certificate's id, oldest refund first (what kiosks pull to check
    certificates offline)."""
    query = (
        select(purchases.c.cert_id)
        .where(purchases.c.voided_at.is_not(None))
        .order_by(purchases.c.voided_at, purchases.c.cert_id)
    )
    return list(conn.execute(query).scalars())
