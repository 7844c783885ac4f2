"""The phone flow's short work on SQLite runs on the event loop's own thread (routes `brief=True`,
see sync/registry/routes/__init__.py), but never makes the loop wait: a write that meets the
lock taken, by another writer of the process or by another connection, waits without holding
the loop: for a writer of this process beside the loop, for another process's lock on a worker
thread. On PostgreSQL it always runs on a worker.

Each wait here is a lock the test itself holds and releases from the loop, so the outcome
cannot depend on timing: had the loop waited for the lock, nothing could release it."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine
from starlette.requests import Request

from sync.registry import storage
from sync.registry.app import create_app
from sync.registry.db import _WRITERS, QUEUE_S, Busy, make_engine, writing
from sync.registry.routes import in_transaction, reading, transaction
from tests.sync import schema


def request_to(engine: Engine) -> Request:
    """A request of an app serving `engine`: all the routes' helpers read from it."""
    return Request({"type": "http", "app": create_app(engine)})


def setting_writer(
    threads: list[int], value: str = "1", busy_ms: list[int] | None = None
) -> Callable[[Connection], str]:
    def work(conn: Connection) -> str:
        threads.append(threading.get_ident())
        if busy_ms is not None:  # how long this transaction's statements would wait
            busy_ms.append(conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one())
        storage.set_setting(conn=conn, key="brief", value=value)
        return value

    return work


def setting(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return storage.get_setting(conn=conn, key="brief")


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Any:
    # one pooled connection: the worker thread gets the very connection the loop just
    # tried with a busy timeout of 0, and must wait with SQLite's usual one
    made = make_engine(f"sqlite:///{tmp_path / 'registry.sqlite'}", pool_size=1, max_overflow=0)
    schema.upgrade(made)
    yield made
    made.dispose()


def test_brief_work_runs_on_the_loop_thread_on_sqlite_and_on_a_worker_on_postgresql(
    engine: Engine,
) -> None:
    request = request_to(engine)
    threads: list[int] = []

    def read(conn: Connection) -> str | None:
        threads.append(threading.get_ident())
        return storage.get_setting(conn=conn, key="brief")

    async def scenario() -> tuple[int, str, str | None]:
        wrote = await transaction(request, setting_writer(threads), brief=True)
        return threading.get_ident(), wrote, await reading(request, read, brief=True)

    loop_thread, wrote, read_back = asyncio.run(scenario())
    assert (wrote, read_back) == ("1", "1")
    on_loop = [thread == loop_thread for thread in threads]
    assert on_loop == ([True, True] if engine.dialect.name == "sqlite" else [False, False])


def test_work_not_brief_runs_on_a_worker_thread(engine: Engine) -> None:
    request = request_to(engine)
    threads: list[int] = []

    async def scenario() -> int:
        await transaction(request, setting_writer(threads))
        return threading.get_ident()

    assert threads != [asyncio.run(scenario())] and len(threads) == 1


def test_a_brief_write_behind_another_writer_of_the_process_waits_beside_the_loop(
    sqlite_engine: Engine,
) -> None:
    """A worker thread of this process (say, a kiosk's push) holds the process's writers'
    gate: the brief write waits without holding the loop, then runs on the loop."""
    gate = _WRITERS[sqlite_engine]
    assert gate.acquire(QUEUE_S)  # as `writing` does; SQLite's own lock stays free
    threads: list[int] = []

    async def scenario() -> tuple[int, str]:
        task = asyncio.create_task(
            in_transaction(sqlite_engine, setting_writer(threads), brief=True)
        )
        await asyncio.sleep(0)  # the brief write starts, meets the gate, and lets go
        assert not task.done() and threads == []  # not run: the gate is not ours
        gate.release()  # the loop runs on: what a loop waiting for the gate could never do
        return threading.get_ident(), await task

    loop_thread, wrote = asyncio.run(scenario())
    assert wrote == "1" and setting(sqlite_engine) == "1"
    assert threads == [loop_thread]  # on the loop, not convoyed on a worker thread


def test_a_thread_waiting_for_the_gate_goes_before_the_loops_next_write(
    sqlite_engine: Engine,
) -> None:
    """The loop's writes take the gate only when no thread waits for it: a kiosk's push
    queued behind a crowd of phones is next, not starved."""
    gate = _WRITERS[sqlite_engine]
    assert gate.acquire(QUEUE_S)
    done: list[str] = []

    def push() -> None:
        with writing(sqlite_engine) as conn:
            storage.set_setting(conn=conn, key="push", value="1")
            done.append("push")

    thread = threading.Thread(target=push)
    thread.start()
    deadline = time.monotonic() + 60
    while gate.waiting == 0 and time.monotonic() < deadline:  # until it queues on the gate
        time.sleep(0.001)
    assert gate.waiting == 1

    def brief(conn: Connection) -> None:
        storage.set_setting(conn=conn, key="brief", value="1")
        done.append("brief")

    async def scenario() -> None:
        task = asyncio.create_task(in_transaction(sqlite_engine, brief, brief=True))
        await asyncio.sleep(0)
        gate.release()  # free, but the thread waits for it: the thread goes first
        with pytest.raises(Busy), writing(sqlite_engine, wait=False):
            pass  # not even a write that comes at once, before the thread could wake
        await task

    asyncio.run(scenario())
    thread.join(timeout=60)
    assert done == ["push", "brief"]


def test_a_brief_write_behind_another_connection_waits_on_a_worker(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    """Another process's lock (a CLI import, a second server): SQLite's own lock, met by the
    loop's `BEGIN IMMEDIATE` at once (no busy timeout there), waited for on a worker thread
    with the usual busy timeout, on the same pooled connection."""
    other = sqlite3.connect(tmp_path / "registry.sqlite", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    threads: list[int] = []
    busy_ms: list[int] = []

    async def scenario() -> tuple[int, str]:
        task = asyncio.create_task(
            in_transaction(sqlite_engine, setting_writer(threads, "2", busy_ms), brief=True)
        )
        await asyncio.sleep(0)
        assert not task.done() and threads == []
        other.execute("COMMIT")  # from the loop: it was not waiting
        return threading.get_ident(), await task

    loop_thread, wrote = asyncio.run(scenario())
    other.close()
    assert wrote == "2" and setting(sqlite_engine) == "2"
    assert threads and threads[0] != loop_thread
    assert busy_ms == [30_000]  # the connection the loop tried with 0 waits as usual again


def test_a_write_that_must_not_wait_raises_busy_before_any_work(sqlite_engine: Engine) -> None:
    other = sqlite3.connect(sqlite_engine.url.database or "", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(Busy), writing(sqlite_engine, wait=False) as conn:
            storage.set_setting(conn=conn, key="brief", value="3")
    finally:
        other.execute("COMMIT")
        other.close()
    with writing(sqlite_engine, wait=False) as conn:  # free again: no wait, no Busy
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 0
    with writing(sqlite_engine) as conn:  # the same pooled connection waits as usual again
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
    assert setting(sqlite_engine) is None
