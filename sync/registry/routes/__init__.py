"""One router per resource; each request is one transaction (see `transaction`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

T = TypeVar("T")


async def transaction(request: Request, work: Callable[[Connection], T]) -> T:
    """Run `work` in one database transaction on a worker thread: all of it or none of it."""

    def run() -> T:
        with request.app.state.engine.begin() as conn:
            return work(conn)

    return await run_in_threadpool(run)
