"""Rate limits kept in the database, so they hold across every server process.

A fixed window per bucket (`ip:ADDRESS:orders`, `venue:ID:orders`): simple, one upsert per
check, and the same on SQLite and PostgreSQL. A burst at a window's edge may pass twice the
limit once; for refusing floods of orders that is enough, and nothing is lost by a refusal
(the visitor is told to wait a minute, in their language).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import Connection

from sync.registry.web import storage


@dataclass(frozen=True, slots=True)
class Limit:
    name: str
    hits: int  # at most this many ...
    window_s: int  # ... per this many seconds


def allow(*, conn: Connection, limits: list[tuple[Limit, str]], now: float) -> Limit | None:
    """Count this request against each (limit, key); the first limit it passes, or None.
    Every bucket is counted, so a refused burst still uses up its window."""
    refused = None
    for limit, key in limits:
        window = int(now) // limit.window_s * limit.window_s
        count = storage.hit(conn=conn, bucket=f"{limit.name}:{key}"[:200], window_start=window)
        if count > limit.hits and refused is None:
            refused = limit
    if random.random() < 0.01:  # now and then, forget windows a day old
        storage.prune_hits(conn=conn, before=int(now) - 86_400)
    return refused
