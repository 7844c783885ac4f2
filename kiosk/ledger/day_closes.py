"""The SQL behind closing business days: each close's signed summary, its outbox entry, and
what the closing needs to know (which days are closed, when each day last saw a payment or
a void). When to close and what a summary says live in kiosk.day_close and kiosk.day_summary.
"""

from __future__ import annotations

import json

from kiosk.day_summary import DAY_CLOSED, DaySummary
from kiosk.ledger.restore_closes import FLOOR
from kiosk.ledger.store import Ledger


def latest(ledger: Ledger, day: str) -> DaySummary | None:
    """The day's last close, or None when it was never closed."""
    row = ledger.conn.execute(
        "SELECT payload FROM day_closes WHERE day = ? ORDER BY revision DESC LIMIT 1", (day,)
    ).fetchone()
    return DaySummary.model_validate_json(row[0]) if row else None


def floor(ledger: Ledger, day: str) -> int:
    """The revision `day`'s next close must exceed whatever its closes here say: set by a
    restore that could not read the replaced ledger (kiosk.ledger.restore_closes), for the
    days up to it, whose closes the registry may hold unseen here; 0 otherwise."""
    row = ledger.conn.execute("SELECT value FROM settings WHERE key = ?", (FLOOR,)).fetchone()
    if row is None:
        return 0
    recorded = json.loads(row[0])
    return int(recorded["revision"]) if day <= recorded["through"] else 0


def last_closed_day(ledger: Ledger) -> str | None:
    day: str | None = ledger.conn.execute("SELECT max(day) FROM day_closes").fetchone()[0]
    return day


def closed_since(ledger: Ledger, day: str) -> dict[str, str]:
    """Days from `day` on that were closed, with when each was last closed."""
    rows = ledger.conn.execute(
        "SELECT day, max(closed_at) FROM day_closes WHERE day >= ? GROUP BY day", (day,)
    )
    return {row[0]: row[1] for row in rows}


def first_payment(ledger: Ledger) -> str | None:
    """When this kiosk was first paid (a stored stamp), or None."""
    first: str | None = ledger.conn.execute(
        "SELECT min(paid_at) FROM orders WHERE paid_at IS NOT NULL"
    ).fetchone()[0]
    return first


def last_activity(ledger: Ledger, start: str, end: str) -> str | None:
    """The latest payment or void in [start, end) (stamps), or None."""
    latest: str | None = ledger.conn.execute(
        "SELECT max(t) FROM (SELECT max(paid_at) AS t FROM orders"
        " WHERE paid_at >= ? AND paid_at < ?"
        " UNION ALL SELECT max(voided_at) FROM orders WHERE voided_at >= ? AND voided_at < ?)",
        (start, end, start, end),
    ).fetchone()[0]
    return latest


def store(ledger: Ledger, summary: DaySummary, actor: str) -> None:
    """The close, its outbox entry and its audit row, in the caller's transaction."""
    payload = summary.model_dump_json()
    ledger.conn.execute(
        "INSERT INTO day_closes (day, revision, key, payload, closed_at, closed_by)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (summary.day, summary.revision, summary.key, payload, summary.closed_at, actor),
    )
    ledger.conn.execute(
        "INSERT INTO outbox (order_id, event, payload, created_at) VALUES (?, ?, ?, ?)",
        (summary.key, DAY_CLOSED, payload, ledger.change_time()),
    )
    ledger.audit("day", summary.day, "close", actor, summary.model_dump())
