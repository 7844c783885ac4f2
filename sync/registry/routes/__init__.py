"""One router per resource; each request is one transaction: `transaction` for work that
writes (SQLite's write lock taken up front), `reading` for work that only reads (a snapshot
beside the writer, never waiting for it; see sync/registry/db.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from sync.registry.db import reading as read_transaction
from sync.registry.db import writing

T = TypeVar("T")


async def transaction(request: Request, work: Callable[[Connection], T]) -> T:
    """Run `work` in one write transaction on a worker thread: all of it or none of it."""

    def run() -> T:
        with writing(request.app.state.engine) as conn:
            return work(conn)

    return await run_in_threadpool(run)


async def reading(request: Request, work: Callable[[Connection], T]) -> T:
    """Run `work` in one read-only transaction on a worker thread: a consistent snapshot that
    does not queue behind writers; a write inside it fails."""

    def run() -> T:
        with read_transaction(request.app.state.engine) as conn:
            return work(conn)

    return await run_in_threadpool(run)
