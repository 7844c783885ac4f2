"""The web layer's SQL: its secrets (settings rows) and the rate-limit counters.

Keyword-only functions given their connection; the caller owns the transaction.
"""

from __future__ import annotations

import secrets as random
from functools import lru_cache
from typing import Any

from sqlalchemy import BigInteger, Connection, bindparam, case, delete
from sqlalchemy.dialects import postgresql, sqlite

from sync.registry import storage
from sync.registry.tables import rate_hits, settings


def secret(*, conn: Connection, name: str) -> bytes:
    """A random 32-byte secret kept in settings under `name`, made on first use (two
    processes making it at once keep the first one written)."""
    value = storage.get_setting(conn=conn, key=name)
    if value is None:
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        made = random.token_hex(32)
        conn.execute(dialect.insert(settings).values(key=name, value=made).on_conflict_do_nothing())
        value = storage.get_setting(conn=conn, key=name)
    assert value is not None
    return bytes.fromhex(value)


def hit(*, conn: Connection, bucket: str, window_start: int) -> int:
    """Count one more request in `bucket`'s window starting at `window_start` (seconds);
    how many the window holds now. A new window starts the count again."""
    asked = {"bucket": bucket, "window_start": window_start, "hits": 1, "b_start": window_start}
    return int(conn.execute(_hit(conn.dialect.name), asked).scalar() or 0)


@lru_cache(maxsize=2)
def _hit(dialect: str) -> Any:
    """`hit`'s upsert for a dialect's name, built once (it runs on every order)."""
    stmt = (postgresql if dialect == "postgresql" else sqlite).insert(rate_hits)
    same = rate_hits.c.window_start == bindparam("b_start", type_=BigInteger)
    stmt = stmt.on_conflict_do_update(
        index_elements=[rate_hits.c.bucket],
        set_={
            "hits": case((same, rate_hits.c.hits + 1), else_=1),
            "window_start": stmt.excluded.window_start,
        },
    )
    return stmt.returning(rate_hits.c.hits)


def prune_hits(*, conn: Connection, before: int) -> None:
    conn.execute(delete(rate_hits).where(rate_hits.c.window_start < before))
