"""What a venue's phone flow holds of each project, in the kiosk's own terms (kiosk `Stock`).

The phone flow's issuer is granted retired serials (or, for a sell-first project, a count) by
`credits.top_up`, the very function that grants a kiosk's allocation under the project's row
lock, so it can never hold grams already granted to a kiosk. What is left for a new order is
worked out by the kiosk's rule (`Stock.available_g`): granted, less what is held by unpaid
orders, sold and refunded; for a retire-first project also within the serials granted, past
what has been drawn. An order takes its grams from the pair's counter row (`take`: one
conditional UPDATE, phone_stock_storage); the row is set by that rule (`recount`) when an
order finds too little or the pair has no row yet.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from functools import lru_cache

from sqlalchemy import Connection

from kiosk.catalogue import Project
from kiosk.credit import TONNE_G
from kiosk.ledger import Stock
from kiosk.timestamps import stamp
from sync.registry import credit_storage, credits, phone_stock_storage, phone_storage, storage


@lru_cache(maxsize=256)
def project_of(data: str) -> Project:
    """A project as its stored catalogue text says, parsed once per text (every result page
    and order reads every project's row; a changed row is a new text, parsed anew)."""
    return Project.from_dict(json.loads(data))


def stocks(
    *, conn: Connection, issuer: str, now: datetime, project_id: str | None = None
) -> list[Stock]:
    """Every project with what the issuer has left of it, in catalogue order; only
    PROJECT_ID, when given (an order reads just its project). One statement, one snapshot
    (`phone_storage.issuer_stock`): a sale committing meanwhile cannot hide its grams from
    both held and sold, so an order needs no lock that excludes sales."""
    return [
        Stock(
            project=project_of(row.data),
            granted_g=int(row.granted_g),
            reserved_g=int(row.held_g),
            sold_g=int(row.sold_g),
            refunded_g=int(row.refunded_g),
            serial_g=int(row.serial_g),
            drawn_g=int(row.drawn_g),
        )
        for row in phone_storage.issuer_stock(
            conn=conn, kiosk_id=issuer, now=stamp(now), project_id=project_id
        )
    ]


def sellable(*, conn: Connection, issuer: str, now: datetime) -> list[Stock]:
    """What a new order could get of each project, as `Stock`: what the issuer has left, and
    what `credits.top_up` could still grant it when an order is placed (whole retired tonnes
    nobody holds yet, within the project's count; for a sell-first project the count). Only
    reads: the result page shows it before Pay, the order grants under the locks."""
    free_t = credit_storage.unhanded_tonnes(conn=conn)
    rooms = {
        row.project_id: int(row.stock_g) - int(row.allocated_g)
        for row in storage.list_projects(conn=conn)
    }
    found = []
    for item in stocks(conn=conn, issuer=issuer, now=now):
        room = max(rooms.get(item.project.id, 0), 0)
        if item.project.retire_first:
            extra = min(free_t.get(item.project.id, 0), room // TONNE_G) * TONNE_G
            item = replace(item, granted_g=item.granted_g + extra, serial_g=item.serial_g + extra)
        else:
            item = replace(item, granted_g=item.granted_g + room)
        found.append(item)
    return found


def topped_up(
    *, conn: Connection, issuer: str, headroom_g: int, now: datetime, project_id: str
) -> Stock | None:
    """PROJECT_ID's stock after topping the issuer up to `headroom_g` unsold grams of it (a
    write: the caller holds the pair's counter row, and its transaction the project row
    that `credits.top_up` locks)."""
    credits.top_up(conn=conn, kiosk_id=issuer, headroom_g=headroom_g, project_id=project_id)
    return of(stocks(conn=conn, issuer=issuer, now=now, project_id=project_id), project_id)


def take(
    *,
    conn: Connection,
    issuer: str,
    project_id: str,
    grams: int,
    headroom_g: int,
    now: datetime,
    own_g: int = 0,
) -> int | None:
    """Set GRAMS of PROJECT_ID aside for an order: one conditional UPDATE of the pair's
    counter row; when it has too little (or no row yet), `recount` it, then take. None when
    taken, else the grams free (fewer than GRAMS: sold out). OWN_G: grams of the caller's
    own order, already in the tables as held in this transaction (its row is inserted
    before its grams are taken), which the recount must not count as another's hold."""
    pair = {"conn": conn, "issuer": issuer, "project_id": project_id}
    if phone_stock_storage.take(**pair, grams=grams):
        return None
    # short, or no row yet: its lock first (the row made when missing), then take again. An
    # order that waited here for another's recount finds the row refilled and takes without
    # counting it again (at a venue's opening every phone of the first wave found no row,
    # and each counted the ledger in turn behind the lock)
    phone_stock_storage.lock(**pair, make=True)
    if phone_stock_storage.take(**pair, grams=grams):
        return None
    left = recount(
        conn=conn, issuer=issuer, project_id=project_id, grams=grams, headroom_g=headroom_g,
        now=now, own_g=own_g,
    )  # fmt: skip
    if left < grams:
        return left
    taken = phone_stock_storage.take(**pair, grams=grams)
    assert taken, "the pair's row is locked and counted: the grams are there"
    return None


def recount(
    *,
    conn: Connection,
    issuer: str,
    project_id: str,
    grams: int,
    headroom_g: int,
    now: datetime,
    own_g: int = 0,
) -> int:
    """Set the pair's counter from the ledger tables (the kiosk's rule, `Stock.available_g`)
    under its row lock: first its unpaid orders past their hold are marked expired (so the
    count and the row agree on what is held), then, when fewer than GRAMS are free, the
    issuer is topped up to `headroom_g` unsold grams plus what is held and wanted (grams held
    by unpaid orders are unsold to the grant logic: room for them too). The grams free, the
    caller's own order's OWN_G (see `take`) counted free, as if it were not placed yet."""
    phone_stock_storage.expire_pair(  # the row made when missing, and locked, first
        conn=conn, issuer=issuer, project_id=project_id, now=stamp(now), make=True
    )
    found = stocks(conn=conn, issuer=issuer, now=now, project_id=project_id)
    held = _less_held(of(found, project_id), own_g)
    if held is not None and held.available_g < grams:
        room = headroom_g + held.reserved_g + grams
        held = _less_held(
            topped_up(conn=conn, issuer=issuer, headroom_g=room, now=now, project_id=project_id),
            own_g,
        )
    left = held.available_g if held is not None else 0
    phone_stock_storage.set_free(conn=conn, issuer=issuer, project_id=project_id, grams=left)
    return left


def _less_held(item: Stock | None, own_g: int) -> Stock | None:
    """ITEM without OWN_G of its held grams (the caller's own order's, see `take`)."""
    return replace(item, reserved_g=item.reserved_g - own_g) if item and own_g else item


def of(items: list[Stock], project_id: str) -> Stock | None:
    return next((s for s in items if s.project.id == project_id), None)
