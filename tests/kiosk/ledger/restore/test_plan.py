"""The restore plan names what would be lost; an unacknowledged loss, a cashier, a running
sync job or another kiosk's backup changes nothing.

Real ledger files on temp paths; a sync job's lock is real too.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from kiosk import admin
from kiosk.cashier_ops import NotAllowed
from kiosk.footprint import Footprint
from kiosk.ledger.backup import backup
from kiosk.ledger.restore import RestoreRefused, compare, restore

from ..support import sell
from .rewound import CASHIER, NewLedger, Rewound

# -- the plan --------------------------------------------------------------------------------------


def test_the_plan_lists_the_paid_orders_only_the_current_ledger_has(rewound: Rewound) -> None:
    plan = compare(rewound.backup, rewound.path)
    assert plan.report.ok
    assert (plan.in_backup.orders, plan.in_backup.paid, plan.in_backup.serial) == (5, 5, 5)
    assert plan.current is not None and plan.current.paid == 8 and plan.current.orders == 9
    assert [o.code for o in plan.lost] == rewound.lost_codes
    assert [o.serial for o in plan.lost] == [6, 7, 8]
    assert [o.at_registry for o in plan.lost] == [False, True, False]
    assert plan.unpaid_dropped == 1
    assert plan.taken_at == "2026-01-01T08:00:00.000Z"  # the one stored form (kiosk.timestamps)
    assert (plan.next_serial, plan.next_seq) == (
        rewound.highest_serial + 1,
        rewound.highest_seq + 1,
    )
    assert plan.margin == 0 and plan.skipped_serials == (6, 8)
    text = "\n".join(plan.lines())
    assert "paid orders lost from this kiosk: 3" in text and rewound.lost_codes[0] in text


def test_a_refund_made_after_the_backup_counts_as_lost(
    new_ledger: NewLedger, footprint: Footprint, tmp_path: Path
) -> None:
    path = tmp_path / "ledger.sqlite"
    ledger = new_ledger(path)
    paid = sell(ledger, footprint)
    copy = backup(path, tmp_path / "copy.sqlite").path
    ledger.void(paid.id, reason="refund", actor="c1")
    [lost] = compare(copy, path).lost
    assert (lost.serial, lost.kind) == (paid.serial, "refund")


# -- refusals: nothing changes ---------------------------------------------------------------------


@pytest.mark.parametrize("accept_loss", [None, 0, 2, 4])
def test_a_loss_not_acknowledged_exactly_is_refused_and_changes_nothing(
    rewound: Rewound, accept_loss: int | None
) -> None:
    before = rewound.path.read_bytes()
    with pytest.raises(RestoreRefused) as refused:
        restore(rewound.backup, rewound.path, actor="root", accept_loss=accept_loss)
    assert "3 paid order(s)" in str(refused.value) and "nothing was changed" in str(refused.value)
    assert "\n" not in str(refused.value)
    assert rewound.path.read_bytes() == before
    assert not list(rewound.path.parent.glob("*before-restore*"))


def test_a_cashier_can_neither_plan_nor_restore(rewound: Rewound) -> None:
    before = rewound.path.read_bytes()
    with pytest.raises(NotAllowed):
        admin.restore_plan(rewound.backup, rewound.path, CASHIER)
    with pytest.raises(NotAllowed):
        admin.restore_backup(rewound.backup, rewound.path, CASHIER, accept_loss=3)
    assert rewound.path.read_bytes() == before


def test_a_running_sync_job_blocks_the_restore(rewound: Rewound) -> None:
    before = rewound.path.read_bytes()
    fd = os.open(f"{rewound.path}.sync.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # what sync/lock.py holds while a job runs
        with pytest.raises(RestoreRefused, match="sync job is running"):
            restore(rewound.backup, rewound.path, actor="root", accept_loss=3)
    finally:
        os.close(fd)
    assert rewound.path.read_bytes() == before


def test_another_kiosks_backup_is_refused(
    rewound: Rewound, new_ledger: NewLedger, footprint: Footprint, tmp_path: Path
) -> None:
    other = new_ledger(tmp_path / "other" / "ledger.sqlite")
    sell(other, footprint)
    other.close()
    with pytest.raises(RestoreRefused, match="kiosk"):
        compare(other.path, rewound.path)
