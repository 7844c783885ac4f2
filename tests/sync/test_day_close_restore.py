"""A kiosk restored from an older backup closes its days on from the revisions the registry
already holds (issue 17): the real ledger, the real restore, the real registry."""

from __future__ import annotations

import time as timer
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.ledger import Ledger
from kiosk.ledger.backup import backup
from kiosk.ledger.restore import compare, restore
from kiosk.timestamps import china_date
from sync import job
from sync.registry import reconcile
from tests.sync.conftest import enrol, sell
from tests.sync.live import LiveRegistry
from tests.sync.test_day_close_sync import MIDNIGHT, _past_noon


def _clock() -> Callable[[], datetime]:
    """From the last China noon: every sale and close of the test falls on one business day."""
    start, started = _past_noon(), timer.monotonic()
    return lambda: start + timedelta(seconds=timer.monotonic() - started)


def _held(registry: LiveRegistry, kiosk_id: str) -> list[int]:
    """The revisions of the kiosk's day summaries the registry keeps."""
    with registry.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT revision FROM day_summaries WHERE kiosk_id = ? ORDER BY revision", (kiosk_id,)
        ).fetchall()
    return [r[0] for r in rows]


def test_a_restored_kiosk_closes_its_day_above_the_revisions_the_registry_holds(
    tmp_path: Path, registry: LiveRegistry, client_for
) -> None:
    path, clock = tmp_path / "kiosk" / "ledger.sqlite", _clock()
    path.parent.mkdir()
    with Ledger.open(path, clock=clock) as ledger:
        enrol(ledger, registry)
        kiosk_id = ledger.kiosk_id
        sell(ledger, 4)
        with client_for(ledger) as client:
            assert job.run(ledger, client, close_days=True, close_at=MIDNIGHT).rejected == 0
        day = china_date(ledger.clock())
    copy = backup(path, tmp_path / "ledger-20260101-080000.sqlite").path  # holds revision 1
    with Ledger.open(path, clock=clock) as ledger:
        sell(ledger, 3, seed=2)
        with client_for(ledger) as client:
            assert job.run(ledger, client, close_days=True, close_at=MIDNIGHT).rejected == 0
    assert _held(registry, kiosk_id) == [1, 2]

    lost = compare(copy, path).lost
    assert restore(copy, path, actor="root", accept_loss=len(lost)).report.ok
    with Ledger.open(path, clock=clock) as ledger:
        sell(ledger, 2, seed=3)
        with client_for(ledger) as client:
            result = job.run(ledger, client, close_days=True, close_at=MIDNIGHT)
        latest = ledger.conn.execute(
            "SELECT revision, acked_at IS NOT NULL FROM day_closes JOIN outbox"
            " ON outbox.order_id = day_closes.key WHERE day = ? ORDER BY revision DESC LIMIT 1",
            (day.isoformat(),),
        ).fetchone()
    assert result.rejected == 0
    assert tuple(latest) == (3, 1)  # above the two the registry holds, and received
    assert _held(registry, kiosk_id) == [1, 2, 3]
    with registry.engine.connect() as conn:
        found = reconcile.reconcile(conn=conn, day=day)
    # Compared with revision 3: only the sales the restore lost from the kiosk differ.
    omitted = {d.data["certificate"] for d in found.differences if d.kind == "not_in_summary"}
    assert {d.kind for d in found.differences} == {"not_in_summary", "amounts_differ"}
    assert omitted == {f"{kiosk_id}-{o.serial:06d}".upper() for o in lost if o.kind == "payment"}
