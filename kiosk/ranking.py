"""Rankings from the local ledger: the biggest offsets today at this venue, at this venue since
the kiosk was set up there (the event), and on this kiosk all time. Registry-wide ranks arrive
with sync; until then the kiosk ranks what it has sold itself, offline.

One entry per paid (not voided) order. Ties share a rank (1, 2, 2, 4), earlier payment listed
first. Days are China days (UTC+8), as the customer sees them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.ledger import Ledger, rankings
from kiosk.timestamps import china_date, china_midnight, stamp

SCOPES = ("today", "event", "all")


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


def _scope(scope: str, venue_id: str, now: datetime) -> tuple[str | None, str | None]:
    """The venue and the start of the period a scope ranks (None: no limit)."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}")
    venue = venue_id if scope in ("today", "event") else None
    since = None
    if scope == "today":
        since = stamp(china_midnight(china_date(now)))
    return venue, since


def board(
    ledger: Ledger,
    scope: str,
    *,
    venue_id: str,
    order_id: str = "",
    now: datetime | None = None,
    limit: int = 10,
) -> Board:
    """The top `limit` offsets in `scope`, and the customer's own entry if `order_id` is given."""
    venue, since = _scope(scope, venue_id, now or datetime.now(UTC))
    rows = rankings.top(ledger.conn, venue_id=venue, since=since, limit=limit)
    entries: list[Entry] = []
    for index, row in enumerate(rows):
        tied = entries and entries[-1].offset_g == row["offset_g"]
        rank = entries[-1].rank if tied else index + 1
        entries.append(Entry(rank, row["nickname"] or "", row["offset_g"], row["id"]))
    mine = next((entry for entry in entries if entry.order_id == order_id), None)
    if mine is None and order_id:
        found = rankings.place_of(ledger.conn, order_id, venue_id=venue, since=since)
        if found is not None:
            row, above = found
            mine = Entry(above + 1, row["nickname"] or "", row["offset_g"], row["id"])
    return Board(scope, tuple(entries), mine)
