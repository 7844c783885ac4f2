"""What every phone page reads and rarely changes: the registry's venues and its factor table
in force, kept per server process (so a question page needs no database work) and looked at
again every TTL_S seconds. An operator's import shows on phones within about TTL_S; prices
and stock are never taken from here when an order is placed.

Why this shape (bench/bench_phone.py, BENCHMARKS.md "Phone flow"): the look again reads only
the stored texts, in a read-only transaction (it never queues behind the crowd's orders), and
parses only what changed since, keyed by the text it came from (the factor table and each
venue); while it runs, the other requests are served what is held (before, every request of
the process waited for a reload that queued for SQLite's write lock: the venue page's p99
was 2-3 s). Only the very first load is waited for.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool

from kiosk.cities import load_cities
from kiosk.errors import DataError
from kiosk.factors import FactorTable, load_factors, parse_factor_table
from kiosk.venues import Venue, venue_from_spec
from sync.registry import phone_storage, storage
from sync.registry.db import reading

TTL_S = 10.0
FACTORS_SETTING = "factors"  # where `operations.import_factors` keeps an imported table
log = logging.getLogger("diandian.registry")


@dataclass(frozen=True, slots=True)
class Content:
    venues: dict[str, Venue]
    table: FactorTable  # the factor table in force at the registry
    loaded: float
    # the stored texts each was parsed from: a look again parses only what differs
    table_text: str | None = None
    venue_texts: tuple[tuple[str, str], ...] = ()


def _table(text: str | None) -> FactorTable:
    if text is None:
        return load_factors()  # nothing imported: the shipped table (parsed once)
    try:
        return parse_factor_table(json.loads(text))
    except (DataError, ValueError) as exc:  # an imported table the engine cannot use
        log.error("the registry's factor table is unusable (%s); using the shipped one", exc)
        return load_factors()


def _venues(texts: tuple[tuple[str, str], ...], held: Content | None) -> dict[str, Venue]:
    """Every venue the registry serves, parsed unless held parsed from the same text (a stored
    one that no longer parses, e.g. a city since removed, is left out: its page says unknown)."""
    before = dict(held.venue_texts) if held is not None else {}
    found: dict[str, Venue] = {}
    cities = None
    for venue_id, text in texts:
        if held is not None and before.get(venue_id) == text and venue_id in held.venues:
            found[venue_id] = held.venues[venue_id]
            continue
        cities = cities if cities is not None else load_cities()
        try:
            found[venue_id] = venue_from_spec(venue_id, json.loads(text), cities)
        except (DataError, ValueError):
            continue
    return found


def load(conn: Connection, held: Content | None = None) -> Content:
    """The content as stored now, reusing what HELD parsed from the same texts."""
    text = storage.get_setting(conn=conn, key=FACTORS_SETTING)
    texts = tuple((row.venue_id, row.data) for row in phone_storage.list_venues(conn=conn))
    same_table = held is not None and held.table_text == text
    table = held.table if held is not None and same_table else _table(text)
    return Content(_venues(texts, held), table, time.monotonic(), text, texts)


def _held(app: Any) -> Content | None:
    held: Content | None = getattr(app.state, "phone_content", None)
    return held


async def _reload(app: Any) -> Content:
    held = _held(app)

    def read() -> Content:
        with reading(app.state.engine) as conn:
            return load(conn, held)

    loaded: Content = await run_in_threadpool(read)
    app.state.phone_content = loaded
    return loaded


async def content(app: Any) -> Content:
    """The content held; when it is older than TTL_S, one request of this process starts a
    look again and every request goes on with what is held meanwhile. The first load is
    waited for, once (not fifty loads at once when a crowd arrives)."""
    held = _held(app)
    if held is not None:
        if time.monotonic() - held.loaded >= TTL_S and not getattr(
            app.state, "phone_content_busy", False
        ):
            app.state.phone_content_busy = True
            task = asyncio.get_running_loop().create_task(_refresh(app))
            app.state.phone_content_task = task  # kept: a task nobody holds may be collected
        return held
    lock = getattr(app.state, "phone_content_lock", None)
    if lock is None:
        lock = app.state.phone_content_lock = asyncio.Lock()
    async with lock:
        held = _held(app)
        return held if held is not None else await _reload(app)


async def _refresh(app: Any) -> None:
    try:
        await _reload(app)
    except Exception:  # a failed look again keeps what is held; the next request retries
        log.exception("reloading the phone flow's venues and factor table failed")
    finally:
        app.state.phone_content_busy = False
