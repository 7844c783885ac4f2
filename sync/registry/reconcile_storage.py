"""The registry's SQL for reconciliation: kiosks' day summaries, and what the registry holds
of a kiosk's day to compare them with. Keyword-only functions given their connection; the
comparison itself lives in `reconcile`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, func, select, tuple_

from sync.registry.storage import CHUNK
from sync.registry.tables import day_summaries, kiosks, purchases


def summary_hashes(
    *, conn: Connection, kiosk_id: str, keys: Sequence[tuple[str, int]]
) -> dict[tuple[str, int], str]:
    """(day, revision) -> payload hash of this kiosk's summaries among `keys`."""
    found: dict[tuple[str, int], str] = {}
    unique = sorted(set(keys))
    for start in range(0, len(unique), CHUNK):
        key = tuple_(day_summaries.c.day, day_summaries.c.revision)
        query = select(day_summaries.c.day, day_summaries.c.revision, day_summaries.c.payload_hash)
        query = query.where(
            day_summaries.c.kiosk_id == kiosk_id, key.in_(unique[start : start + CHUNK])
        )
        found.update({(r.day, r.revision): r.payload_hash for r in conn.execute(query)})
    return found


def add_summaries(*, conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(day_summaries.insert(), rows)


def latest_summaries(*, conn: Connection, day: str) -> dict[str, Row]:
    """Each kiosk's latest summary of `day`."""
    newest = (
        select(day_summaries.c.kiosk_id, func.max(day_summaries.c.revision).label("revision"))
        .where(day_summaries.c.day == day)
        .group_by(day_summaries.c.kiosk_id)
        .subquery()
    )
    query = select(day_summaries).join(
        newest,
        (newest.c.kiosk_id == day_summaries.c.kiosk_id)
        & (newest.c.revision == day_summaries.c.revision)
        & (day_summaries.c.day == day),
    )
    return {row.kiosk_id: row for row in conn.execute(query)}


_TILL = (  # what a kiosk's day summary counts of a purchase
    purchases.c.kiosk_id,
    purchases.c.serial,
    purchases.c.channel,
    purchases.c.offset_g,
    purchases.c.amount_fen,
)


def sales_of_day(*, conn: Connection, day: str) -> list[Row]:
    """Every purchase paid on `day` (China), from kiosks: serial, channel, grams, fen."""
    query = select(*_TILL).where(purchases.c.day == day)
    return list(conn.execute(query))


def voids_between(*, conn: Connection, start: str, end: str) -> list[Row]:
    """Refunded purchases whose void stamp lies in [start, end) as text (the caller narrows
    this window to the China day it wants)."""
    query = select(*_TILL, purchases.c.voided_at).where(
        purchases.c.voided_at >= start, purchases.c.voided_at < end
    )
    return list(conn.execute(query))


def all_kiosks(*, conn: Connection) -> list[Row]:
    """The tills that close business days (a venue's phone-flow issuer closes none)."""
    query = select(kiosks).where(kiosks.c.role == "kiosk").order_by(kiosks.c.kiosk_id)
    return list(conn.execute(query))
