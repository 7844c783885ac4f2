"""The SQL behind the end-of-day report: one business day's payments and voids."""

from __future__ import annotations

import sqlite3
from typing import Any

from kiosk.order_state import OrderState


def day_rows(conn: sqlite3.Connection, start: str, end: str) -> dict[str, list[dict[str, Any]]]:
    """Orders paid in [start, end) and orders voided in [start, end), UTC ISO stamps.

    A void counts on the day it happened (the day the till pays the refund), whatever day the
    order was paid; a paid-then-voided order on one day appears in both lists.
    """
    columns = (
        "o.id, o.seq, o.code, o.serial, o.kiosk_id, o.project_id, o.offset_g, o.amount_fen,"
        " o.payment_method, o.cashier, o.paid_at, o.status, o.voided_at, o.void_reason,"
        " o.voided_by, o.nickname"
    )
    paid = conn.execute(
        f"SELECT {columns} FROM orders o WHERE o.paid_at >= ? AND o.paid_at < ? ORDER BY o.paid_at",
        (start, end),
    ).fetchall()
    voided = conn.execute(
        f"SELECT {columns} FROM orders o WHERE o.status = ?"
        " AND o.voided_at >= ? AND o.voided_at < ? ORDER BY o.voided_at",
        (OrderState.VOIDED, start, end),
    ).fetchall()
    expired = conn.execute(
        "SELECT count(*) FROM orders WHERE status = ? AND updated_at >= ? AND updated_at < ?",
        (OrderState.EXPIRED, start, end),
    ).fetchone()[0]
    return {
        OrderState.PAID: [dict(r) for r in paid],
        OrderState.VOIDED: [dict(r) for r in voided],
        OrderState.EXPIRED: [{"count": expired}],
    }
