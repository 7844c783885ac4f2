"""Rankings from the local ledger: the biggest offsets today at this venue, at this venue since
the kiosk was set up there (the event), and on this kiosk all time; and, as of the last sync,
the registry's ranking of every kiosk ("everywhere"). The local ones are always current,
offline; the registry's is what the sync job pulled (`pulled`, kind `rankings:all`).

One entry per paid (not voided) order. Ties share a rank (1, 2, 2, 4), earlier payment listed
first. Days are China days (UTC+8), as the customer sees them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kiosk.ledger import Ledger, rankings, syncstate
from kiosk.nicknames import BlockList, blocklist, public_name
from kiosk.timestamps import china_date, china_midnight, stamp

LOCAL_SCOPES = ("today", "event", "all")
EVERYWHERE = "everywhere"  # every kiosk's sales, ranked by the registry, as of the last sync
SCOPES = (*LOCAL_SCOPES, EVERYWHERE)
PULLED_KIND = "rankings:all"


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
    as_of: str | None = None  # everywhere: when the registry's ranking was pulled (a stamp)


def _scope(scope: str, venue_id: str, now: datetime) -> tuple[str | None, str | None]:
    """The venue and the start of the period a scope ranks (None: no limit)."""
    if scope not in LOCAL_SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}")
    venue = venue_id if scope in ("today", "event") else None
    since = None
    if scope == "today":
        since = stamp(china_midnight(china_date(now)))
    return venue, since


def ranked(
    rows: Iterable[tuple[str, int, str]], blocked: BlockList | None = None
) -> tuple[Entry, ...]:
    """(nickname, grams, order id) rows, biggest first, as a board's entries: ties share a
    rank (1, 2, 2, 4); names pass the block list (kiosk.nicknames)."""
    blocked = blocked or blocklist()
    entries: list[Entry] = []
    for index, (nickname, grams, order_id) in enumerate(rows):
        tied = entries and entries[-1].offset_g == grams
        rank = entries[-1].rank if tied else index + 1
        entries.append(Entry(rank, public_name(nickname or "", blocked), grams, order_id))
    return tuple(entries)


def board(
    ledger: Ledger,
    scope: str,
    *,
    venue_id: str,
    order_id: str = "",
    now: datetime | None = None,
    limit: int = 10,
) -> Board:
    """The top `limit` offsets in `scope`, and the customer's own entry if `order_id` is given
    (not for `everywhere`: the registry ranks nicknames, not orders)."""
    if scope == EVERYWHERE:
        return everywhere(ledger, limit=limit)
    venue, since = _scope(scope, venue_id, now or datetime.now(UTC))
    rows = rankings.top(ledger.conn, venue_id=venue, since=since, limit=limit)
    blocked = blocklist()  # names on a public board pass the block list (kiosk.nicknames)
    entries = ranked(((r["nickname"], r["offset_g"], r["id"]) for r in rows), blocked)
    mine = next((entry for entry in entries if entry.order_id == order_id), None)
    if mine is None and order_id:
        found = rankings.place_of(ledger.conn, order_id, venue_id=venue, since=since)
        if found is not None:
            row, above = found
            name = public_name(row["nickname"] or "", blocked)
            mine = Entry(above + 1, name, row["offset_g"], row["id"])
    return Board(scope, entries, mine)


def _pulled_entry(item: Any, blocked: BlockList) -> Entry | None:
    """One row of the registry's ranking, or None if it is not one (pulled data is checked
    here, where it is read: a bad row is left out, never shown half)."""
    if not isinstance(item, dict):
        return None
    rank, nickname, grams = item.get("rank"), item.get("nickname"), item.get("offset_g")
    if type(rank) is not int or type(grams) is not int or not isinstance(nickname, str):
        return None
    return Entry(rank, public_name(nickname[:100], blocked), grams, "")


def everywhere(ledger: Ledger, *, limit: int = 10) -> Board:
    """The registry's ranking of every kiosk as the last sync pulled it; no entries (and no
    `as_of`) before the first sync."""
    data = syncstate.pulled_data(ledger, PULLED_KIND)
    rows = data.get("rankings") if isinstance(data, dict) else None
    blocked = blocklist()  # the registry's board passes this venue's block list too
    pulled = rows if isinstance(rows, list) else []
    entries = [e for e in (_pulled_entry(item, blocked) for item in pulled) if e]
    as_of = syncstate.pulled_at(ledger, PULLED_KIND) if data is not None else None
    return Board(EVERYWHERE, tuple(entries[:limit]), None, as_of)
