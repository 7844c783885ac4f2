"""What every phone page reads and rarely changes: the registry's venues and its factor table
in force, parsed once and kept for TTL_S seconds per server process (so a question page
needs no database work). An operator's import shows on phones within TTL_S; prices and stock
are never taken from here when an order is placed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool

from kiosk.errors import DataError
from kiosk.factors import FactorTable, load_factors, parse_factor_table
from kiosk.venues import Venue
from sync.registry import operations
from sync.registry.phone import venues

TTL_S = 10.0
log = logging.getLogger("diandian.registry")


@dataclass(frozen=True, slots=True)
class Content:
    venues: dict[str, Venue]
    table: FactorTable  # the factor table in force at the registry
    loaded: float


def _load(conn: Connection) -> Content:
    served = operations.factors(conn=conn)["table"]
    try:
        table = parse_factor_table(served)
    except DataError as exc:  # an imported table the engine cannot use: the shipped one
        log.error("the registry's factor table is unusable (%s); using the shipped one", exc)
        table = load_factors()
    return Content(venues.load_all(conn=conn), table, time.monotonic())


def _fresh(app: Any) -> Content | None:
    held: Content | None = getattr(app.state, "phone_content", None)
    return held if held is not None and time.monotonic() - held.loaded < TTL_S else None


async def content(app: Any) -> Content:
    """The cached content; when it is stale, one request reloads it while the others of this
    process wait for that load (not fifty loads at once when a crowd arrives)."""
    held = _fresh(app)
    if held is not None:
        return held
    lock = getattr(app.state, "phone_content_lock", None)
    if lock is None:
        lock = app.state.phone_content_lock = asyncio.Lock()
    async with lock:
        held = _fresh(app)
        if held is not None:
            return held

        def read() -> Content:
            with app.state.engine.begin() as conn:
                return _load(conn)

        loaded: Content = await run_in_threadpool(read)
        app.state.phone_content = loaded
        return loaded
