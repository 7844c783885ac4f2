"""A real kiosk ledger closes its business day in the sync job and the real registry reconciles
it: the day agrees; a sale after the close goes out with a new revision; then a settlement
period closes over what the kiosk sold."""

from __future__ import annotations

import time as timer
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from kiosk.ledger import Ledger
from kiosk.timestamps import CHINA_TIME, china_date, utc_now
from sync import job
from sync.registry import contracts, reconcile, settle
from sync.registry.periods import period_of
from tests.sync.conftest import enrol, sell
from tests.sync.live import LiveRegistry

MIDNIGHT = time(0, 0)  # every day that has begun is due: today closes in this run


def _past_noon() -> datetime:
    """The last noon in China before now: a day that has begun, twelve hours from its end."""
    local = utc_now().astimezone(CHINA_TIME)
    noon = local.replace(hour=12, minute=0, second=0, microsecond=0)
    return (noon if noon <= local else noon - timedelta(days=1)).astimezone(UTC)


@pytest.fixture
def ledger(tmp_path: Path, registry: LiveRegistry) -> Iterator[Ledger]:
    """The kiosk's clock runs from the last China noon: the sales, the day the job closes and
    `today` are one business day however long the test takes (the wall clock's midnight, at
    16:00 UTC, falling between the sales and the close made two days of one)."""
    start, started = _past_noon(), timer.monotonic()
    with Ledger.open(
        tmp_path / "ledger.sqlite",
        clock=lambda: start + timedelta(seconds=timer.monotonic() - started),
    ) as opened:
        enrol(opened, registry)
        yield opened


def test_the_sync_job_closes_the_day_and_the_registry_reconciles_it(
    ledger, registry, client_for
) -> None:
    sell(ledger, 12)
    today = china_date(ledger.clock())
    with client_for(ledger) as client:
        result = job.run(ledger, client, close_days=True, close_at=MIDNIGHT)
    assert result.rejected == 0
    closes = ledger.conn.execute(
        "SELECT order_id, acked_at IS NOT NULL FROM outbox WHERE event = 'day_closed'"
    ).fetchall()
    assert [tuple(c) for c in closes] == [(f"day-{today}-r1", 1)]
    with registry.engine.connect() as conn:
        found = reconcile.reconcile(conn=conn, day=today)
    assert found.checked == (ledger.kiosk_id,) and found.differences == ()

    sell(ledger, 3, seed=2)  # after the close: the next run closes the day again
    with client_for(ledger) as client:
        job.run(ledger, client, close_days=True, close_at=MIDNIGHT)
    with registry.engine.connect() as conn:
        assert reconcile.reconcile(conn=conn, day=today).differences == ()
        held = conn.exec_driver_sql(
            "SELECT revision FROM day_summaries WHERE kiosk_id = ? ORDER BY revision",
            (ledger.kiosk_id,),
        ).fetchall()
    assert [r[0] for r in held] == [1, 2]

    without = ledger.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
    with client_for(ledger) as client:
        job.run(ledger, client)  # without close_days the job closes nothing
    assert ledger.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == without

    period = period_of(today, contracts.PeriodKind.MONTHLY)
    with registry.engine.begin() as conn:
        for project in ("demo-wetland", "demo-longquan-forest", "demo-rural-biogas",
                        "demo-rooftop-solar"):  # fmt: skip
            contracts.set_contract(
                conn=conn, project_id=project, changes={"owner": "Owner"}, actor="t"
            )
        made = settle.close_period(
            conn=conn, period=period, actor="t", now=utc_now() + timedelta(days=40)
        )
    sold = ledger.conn.execute("SELECT sum(amount_fen) FROM orders WHERE paid_at IS NOT NULL")
    voided = ledger.conn.execute("SELECT sum(amount_fen) FROM orders WHERE status = 'voided'")
    assert sum(m["gross_fen"] for m in made) == sold.fetchone()[0]
    assert sum(m["refunds_fen"] for m in made) == (voided.fetchone()[0] or 0)
