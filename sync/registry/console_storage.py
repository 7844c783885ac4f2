"""The registry's SQL for the console's overview pages: kiosks, venues, sales per day, venue
and channel, retired blocks (sync.registry.console.views reads them, each page in one
read-only snapshot). Keyword-only functions given their connection; no policy here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, func, select

from sync.registry.tables import (
    day_summaries,
    kiosks,
    purchases,
    push_rejects,
    retired_blocks,
)


def kiosk_rows(*, conn: Connection) -> list[Row]:
    """Every till (a venue's phone-flow issuer is not one), by id."""
    query = select(kiosks).where(kiosks.c.role == "kiosk").order_by(kiosks.c.kiosk_id)
    return list(conn.execute(query))


def reject_counts(*, conn: Connection) -> dict[str, int]:
    query = select(push_rejects.c.kiosk_id, func.count()).group_by(push_rejects.c.kiosk_id)
    return {r[0]: int(r[1]) for r in conn.execute(query)}


def last_summaries(*, conn: Connection) -> dict[str, Row]:
    """Each kiosk's latest day summary: its latest day, that day's latest revision."""
    found: dict[str, Row] = {}
    query = select(day_summaries).order_by(
        day_summaries.c.kiosk_id, day_summaries.c.day, day_summaries.c.revision
    )
    for row in conn.execute(query):  # a few rows per kiosk and day; the last one wins
        found[row.kiosk_id] = row
    return found


def last_push_waits(*, conn: Connection) -> dict[str, tuple[str, str]]:
    """kiosk -> (the oldest paid_at among the purchases of its latest push, that push's
    received_at): how long the oldest record had waited in the kiosk's queue."""
    latest = (
        select(purchases.c.kiosk_id, func.max(purchases.c.received_at).label("received_at"))
        .group_by(purchases.c.kiosk_id)
        .subquery()
    )
    query = (
        select(purchases.c.kiosk_id, func.min(purchases.c.paid_at), latest.c.received_at)
        .join(
            latest,
            (latest.c.kiosk_id == purchases.c.kiosk_id)
            & (latest.c.received_at == purchases.c.received_at),
        )
        .group_by(purchases.c.kiosk_id, latest.c.received_at)
    )
    return {r[0]: (r[1], r[2]) for r in conn.execute(query)}


def venue_totals(*, conn: Connection) -> dict[str, tuple[int, int, str]]:
    """venue -> (live sales, their fen, the last day one was made)."""
    query = (
        select(
            purchases.c.venue,
            func.count(),
            func.coalesce(func.sum(purchases.c.amount_fen), 0),
            func.max(purchases.c.day),
        )
        .where(purchases.c.voided_at.is_(None))
        .group_by(purchases.c.venue)
    )
    return {r[0]: (int(r[1]), int(r[2]), r[3] or "") for r in conn.execute(query)}


def sales_by_day(
    *, conn: Connection, first: str, last: str, project_id: str | None, venue: str | None
) -> list[dict[str, Any]]:
    """Live (not refunded) sales of days first..last, per day, venue and channel: how many,
    fen, grams. An owner's page passes its project."""
    query = (
        select(
            purchases.c.day,
            purchases.c.venue,
            purchases.c.channel,
            func.count().label("sales"),
            func.sum(purchases.c.amount_fen).label("fen"),
            func.sum(purchases.c.offset_g).label("grams"),
        )
        .where(
            purchases.c.day >= first,
            purchases.c.day <= last,
            purchases.c.voided_at.is_(None),
        )
        .group_by(purchases.c.day, purchases.c.venue, purchases.c.channel)
        .order_by(purchases.c.day, purchases.c.venue, purchases.c.channel)
    )
    if project_id is not None:
        query = query.where(purchases.c.project_id == project_id)
    if venue is not None:
        query = query.where(purchases.c.venue == venue)
    return [
        {
            "day": r.day,
            "venue": r.venue,
            "channel": r.channel,
            "sales": int(r.sales),
            "fen": int(r.fen or 0),
            "grams": int(r.grams or 0),
        }
        for r in conn.execute(query)
    ]


def retired(*, conn: Connection, project_id: str | None) -> list[Row]:
    """The exchange's retirements recorded here, newest first."""
    query = select(retired_blocks).order_by(retired_blocks.c.id.desc())
    if project_id is not None:
        query = query.where(retired_blocks.c.project_id == project_id)
    return list(conn.execute(query))
