"""Rankings from the local ledger: the biggest offsets today at this venue, at this venue since
the kiosk was set up there (the event), and on this kiosk all time. Registry-wide ranks arrive
with sync; until then the kiosk ranks what it has sold itself, offline.

One entry per paid (not voided) order. Ties share a rank (1, 2, 2, 4), earlier payment listed
first. Days are China days (UTC+8), as the customer sees them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from kiosk.ledger import PAID, Ledger
from kiosk.ledger.store import stamp

SCOPES = ("today", "event", "all")
CHINA_TIME = timezone(timedelta(hours=8), "UTC+8")  # as on the slips: one zone, no DST


@dataclass(frozen=True, slots=True)
class Entry:
    rank: int
    nickname: str  # "" when the customer gave none: the screen shows its own "anonymous"
    offset_g: int
    order_id: str


@dataclass(frozen=True, slots=True)
class Board:
    scope: str
    entries: tuple[Entry, ...]
    mine: Entry | None  # the customer's own order, listed or not


def _where(scope: str, venue_id: str, now: datetime) -> tuple[str, list[object]]:
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}")
    sql, args = "status = ?", [PAID]
    if scope in ("today", "event"):
        sql, args = sql + " AND venue = ?", [*args, venue_id]
    if scope == "today":
        local = now.astimezone(CHINA_TIME)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        sql, args = sql + " AND paid_at >= ?", [*args, stamp(midnight.astimezone(UTC))]
    return sql, args


def board(
    ledger: Ledger,
    scope: str,
    *,
    venue_id: str,
    order_id: str = "",
    now: datetime | None = None,
    limit: int = 10,
) -> Board:
    """The top `limit` offsets in `scope`, and the customer's own entry if `order_id` is given.

    NOTE: this is read-only SQL outside kiosk/ledger; it belongs in `Ledger` (see the report of
    the touchscreen issue) and should move there with an index on (status, venue, offset_g).
    """
    where, args = _where(scope, venue_id, now or datetime.now(UTC))
    rows = ledger.conn.execute(
        f"SELECT id, nickname, offset_g FROM orders WHERE {where}"
        " ORDER BY offset_g DESC, paid_at ASC, seq ASC LIMIT ?",
        (*args, limit),
    ).fetchall()
    entries: list[Entry] = []
    for index, row in enumerate(rows):
        tied = entries and entries[-1].offset_g == row["offset_g"]
        rank = entries[-1].rank if tied else index + 1
        entries.append(Entry(rank, row["nickname"] or "", row["offset_g"], row["id"]))
    mine = next((entry for entry in entries if entry.order_id == order_id), None)
    if mine is None and order_id:
        row = ledger.conn.execute(
            f"SELECT id, nickname, offset_g FROM orders WHERE {where} AND id = ?",
            (*args, order_id),
        ).fetchone()
        if row is not None:
            above = ledger.conn.execute(
                f"SELECT COUNT(*) FROM orders WHERE {where} AND offset_g > ?",
                (*args, row["offset_g"]),
            ).fetchone()[0]
            mine = Entry(above + 1, row["nickname"] or "", row["offset_g"], row["id"])
    return Board(scope, tuple(entries), mine)
