"""What keeps the phone flow's pages from queueing under a crowd (bench/bench_phone.py,
BENCHMARKS.md "Phone flow"): the content reload never holds a request, the writers of a
SQLite process queue on their own lock, and the sweep of expired holds is bounded."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import warnings
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, event, select

from kiosk.timestamps import stamp, utc_now
from sync.registry import phone_storage, storage
from sync.registry.app import create_app
from sync.registry.db import _WRITERS, READ_ONLY, make_engine, writing
from sync.registry.phone import content, orders
from sync.registry.phone.issuer import issuer_id
from sync.registry.tables import phone_orders
from tests.sync.registry.phone import FORESTS, MEALS, VENUE, Phone, demo_engine

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture
def sqlite_demo(tmp_path: Path) -> Engine:
    return demo_engine(make_engine(f"sqlite:///{tmp_path / 'registry.sqlite'}"))


def test_a_stale_content_is_served_while_one_reload_runs(sqlite_demo: Engine) -> None:
    """A request meeting stale content gets it at once and starts one reload; the reload
    sees a change (a venue renamed) and keeps, unparsed again, what did not change."""
    app = create_app(sqlite_demo)

    async def scenario() -> None:
        first = await content.content(app)
        with sqlite_demo.begin() as conn:
            row = phone_storage.get_venue(conn=conn, venue_id=VENUE)
            assert row is not None
            data = json.loads(row.data)
            data["name"] = {**data["name"], "en": "Renamed hall"}
            phone_storage.save_venue(
                conn=conn, venue_id=VENUE, position=0, data=json.dumps(data, ensure_ascii=False)
            )
        app.state.phone_content = replace(first, loaded=time.monotonic() - content.TTL_S - 1)
        stale = await content.content(app)
        again = await content.content(app)  # the reload is under way: no second one
        assert again is stale  # the reload has not run yet: nothing waited for it
        assert stale.venues[VENUE].name["en"] != "Renamed hall"  # served without waiting
        await app.state.phone_content_task
        fresh = await content.content(app)
        assert fresh.venues[VENUE].name["en"] == "Renamed hall"
        assert fresh.table is first.table  # the same stored table: not parsed again
        others = [v for v in first.venues if v != VENUE]
        assert others and all(fresh.venues[v] is first.venues[v] for v in others)

    asyncio.run(scenario())


def test_sqlite_writers_of_a_process_hold_their_lock_only_inside(sqlite_demo: Engine) -> None:
    gate = _WRITERS[sqlite_demo]
    with writing(sqlite_demo) as conn:
        assert gate.locked()
        storage.set_setting(conn=conn, key="x", value="1")
    assert not gate.locked()
    with pytest.raises(RuntimeError), writing(sqlite_demo):
        raise RuntimeError("a failed transaction")
    assert not gate.locked()  # released, and rolled back
    entered = threading.Event()

    def second() -> None:
        with writing(sqlite_demo):
            entered.set()

    with writing(sqlite_demo):
        thread = threading.Thread(target=second)
        thread.start()
        assert not entered.is_set()  # it cannot be inside: this thread holds the gate
    thread.join(timeout=60)
    assert entered.is_set()


def test_the_sweep_of_expired_holds_is_bounded(sqlite_demo: Engine) -> None:
    now = utc_now()
    issuer = issuer_id(VENUE)
    with sqlite_demo.begin() as conn:
        for number in range(5):
            phone_storage.add_order(
                conn=conn,
                values={
                    "order_id": f"{number:032x}",
                    "visit": f"v{number}",
                    "attempt": "a",
                    "venue_id": VENUE,
                    "issuer_id": issuer,
                    "project_id": FORESTS,
                    "draft": "{}",
                    "offset_g": 1000,
                    "price_fen_per_t": 8000,
                    "amount_fen": 100,
                    "status": orders.AWAITING,
                    "provider": "simulated",
                    "created_at": stamp(now - timedelta(minutes=30)),
                    "expires_at": stamp(now - timedelta(minutes=15 if number < 4 else -5)),
                },
            )
    with sqlite_demo.begin() as conn:
        assert len(orders.expire_stale(conn=conn, now=now, limit=3)) == 3
        assert len(orders.expire_stale(conn=conn, now=now, limit=3)) == 1
        assert orders.expire_stale(conn=conn, now=now, limit=3) == []
        statuses = conn.execute(select(phone_orders.c.status)).scalars().all()
    assert sorted(statuses) == [orders.AWAITING] + [orders.EXPIRED] * 4  # the live hold stays


def test_a_session_commits_twice_the_order_and_the_sale(
    sqlite_demo: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite every commit queues for the one write lock (and syncs the disk): a whole
    session with the simulated provider commits twice, the order (with the provider's
    booking) and the Pay button (with the sale its notification makes). It was four."""
    demo = sqlite_demo
    commits: list[int] = []  # write transactions only (a read's end is a commit too)

    def committed(conn: Connection) -> None:
        if not conn.get_execution_options().get(READ_ONLY):
            commits.append(1)

    event.listen(demo, "commit", committed)
    monkeypatch.setattr(orders, "SWEEP_S", float("inf"))  # the sweep (at most once a minute
    app = create_app(demo, headroom_g=5_000_000)  # a process) is not the session's: none due
    app.state.phone_swept = time.monotonic()
    with TestClient(app) as client:
        phone = Phone(client)
        phone.answer_all("meal", MEALS)
        before = len(commits)
        phone.order()  # the order, then the provider's page
        assert "/pay/sim/" in phone.url
        ordered = len(commits)
        phone.press("pay")  # the provider's book, its notification, the sale; the paid page
        assert 'data-testid="certificate"' in phone.page
    assert (ordered - before, len(commits) - ordered) == (1, 1)
    with demo.begin() as conn:
        assert conn.execute(select(phone_orders.c.status)).scalars().all() == ["paid"]
