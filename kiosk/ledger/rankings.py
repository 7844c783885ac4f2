"""The SQL behind the local rankings: paid orders by offset, per venue and since a moment."""

from __future__ import annotations

import sqlite3

from kiosk.order_state import OrderState


def _where(venue_id: str | None, since: str | None) -> tuple[str, list[object]]:
    sql, args = "status = ?", list[object]([OrderState.PAID])
    if venue_id is not None:
        sql, args = sql + " AND venue = ?", [*args, venue_id]
    if since is not None:
        sql, args = sql + " AND paid_at >= ?", [*args, since]
    return sql, args


def top(
    conn: sqlite3.Connection, *, venue_id: str | None, since: str | None, limit: int
) -> list[sqlite3.Row]:
    """The biggest offsets first; ties by earlier payment (uses orders_rank_venue)."""
    where, args = _where(venue_id, since)
    return conn.execute(
        f"SELECT id, nickname, offset_g FROM orders WHERE {where}"
        " ORDER BY offset_g DESC, paid_at ASC, seq ASC LIMIT ?",
        (*args, limit),
    ).fetchall()


def place_of(
    conn: sqlite3.Connection, order_id: str, *, venue_id: str | None, since: str | None
) -> tuple[sqlite3.Row, int] | None:
    """One order's row and how many orders in the same scope offset more, or None."""
    where, args = _where(venue_id, since)
    row = conn.execute(
        f"SELECT id, nickname, offset_g FROM orders WHERE {where} AND id = ?", (*args, order_id)
    ).fetchone()
    if row is None:
        return None
    above = conn.execute(
        f"SELECT COUNT(*) FROM orders WHERE {where} AND offset_g > ?", (*args, row["offset_g"])
    ).fetchone()[0]
    return row, above
