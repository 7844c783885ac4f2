"""One router per resource; each request is one transaction: `transaction` for work that
writes (SQLite's write lock taken up front), `reading` for work that only reads (a snapshot
beside the writer, never waiting for it; see sync/registry/db.py).

`brief=True` is for the phone flow's short, bounded work (one visitor's order, one sale, one
page's reads: about 2 ms). On SQLite it runs on the event loop's own thread instead of a
worker thread, when it can start at once. Why (issue 16, BENCHMARKS.md "Phone flow"): a
worker thread holding SQLite's write lock gives up the GIL at every statement and waits for
it again behind the event loop and every other worker, so under 50 phones a 2 ms order held
the lock 8 ms on average (57 ms at the 99th percentile) and orders and payments queued behind
each other; run on the loop nothing takes the GIL in between. The loop never waits for a
lock: when a worker thread of this process writes (a kiosk's push, the operator console),
the brief write waits for it beside the loop and then runs on it; when another
process holds SQLite's lock, it goes to a worker thread, which waits with the busy timeout.
On PostgreSQL every statement is a round trip and may wait for another process's row lock,
so the work always runs on a worker thread. The price on SQLite: a brief write's commit and
its fsync (a bare FULL commit: 0.21-0.28 ms here, `bench/bench_ledger.py`) hold the loop, so
a disk that stalls stalls every page of the process, where before only the writes waited.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, Engine
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from sync.registry.db import Busy, writing
from sync.registry.db import reading as read_transaction

T = TypeVar("T")
GATE_POLL_S = 0.001


async def transaction(
    request: Request, work: Callable[[Connection], T], *, brief: bool = False
) -> T:
    """Run `work` in one write transaction: all of it or none of it."""
    return await in_transaction(request.app.state.engine, work, brief=brief)


async def in_transaction(engine: Engine, work: Callable[[Connection], T], *, brief: bool) -> T:
    """`transaction` for a caller that holds the engine rather than a request."""

    def run() -> T:
        with writing(engine) as conn:
            return work(conn)

    while brief and engine.dialect.name == "sqlite":
        try:
            with writing(engine, wait=False) as conn:
                return work(conn)
        except Busy as busy:
            if not busy.in_process:
                break  # another process writes: wait for SQLite's lock on a worker thread
        # a worker thread of this process writes (a push, the console): wait beside the loop,
        # then write on it (waiting on a thread, this write would be convoyed as above)
        await asyncio.sleep(GATE_POLL_S)
    return await run_in_threadpool(run)


async def reading(request: Request, work: Callable[[Connection], T], *, brief: bool = False) -> T:
    """Run `work` in one read-only transaction: a consistent snapshot that does not queue
    behind writers (on SQLite's WAL a read never waits for the write lock); a write inside
    it fails."""
    engine = request.app.state.engine

    def run() -> T:
        with read_transaction(engine) as conn:
            return work(conn)

    if brief and engine.dialect.name == "sqlite":
        return run()
    return await run_in_threadpool(run)
