"""Restoring over a damaged, missing or new ledger: what a damaged file cannot show is
unknown, never 0; the numbers skip a margin past every copy's marks; a new ledger takes the
backup's identity only with that kiosk's signing key.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kiosk import admin
from kiosk.cashier_ops import NotAllowed
from kiosk.footprint import Footprint
from kiosk.ledger import Ledger
from kiosk.ledger.backup import backup
from kiosk.ledger.restore import RestoreRefused, compare, restore
from kiosk.ledger.restore_plan import MARGIN

from ..support import garbage, open_raw
from .rewound import (
    ADMIN,
    CASHIER,
    NewLedger,
    Rewound,
    garbage_header,
    highest,
    problems,
    sell_after_skip,
)


def test_restoring_over_a_damaged_ledger_moves_it_aside_and_skips_a_margin(
    rewound: Rewound, footprint: Footprint
) -> None:
    garbage_header(rewound.path)
    damaged = rewound.path.read_bytes()
    plan = compare(rewound.backup, rewound.path)
    assert plan.current is None and "damaged" in plan.current_problem
    assert plan.margin == MARGIN and plan.lost == () and plan.lost_unknown
    with pytest.raises(NotAllowed):
        admin.restore_backup(rewound.backup, rewound.path, CASHIER)
    result = admin.restore_backup(rewound.backup, rewound.path, ADMIN, accept_unknown_loss=True)
    assert result.replaced and result.kept is not None
    assert result.kept.read_bytes() == damaged  # the damaged file, untouched, for forensics
    with Ledger.open(rewound.path, create=False) as ledger:
        again = sell_after_skip(ledger, footprint)
    assert again.serial > rewound.highest_serial and again.serial == 5 + MARGIN + 1
    assert problems(rewound.path) == []


def test_a_damaged_orders_page_still_gives_its_counters(
    rewound: Rewound, footprint: Footprint
) -> None:
    """A damaged file is read as far as it goes: the counters survive a broken orders page."""
    conn = sqlite3.connect(rewound.path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (page,) = conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'orders' AND pagetype = 'leaf' ORDER BY path"
    ).fetchone()
    conn.close()
    with open(rewound.path, "r+b") as handle:
        handle.seek((page - 1) * page_size)
        handle.write(garbage(page_size))  # the same bytes every run
    plan = compare(rewound.backup, rewound.path)
    assert plan.current is None and "counters" in " ".join(plan.sources)
    assert plan.next_serial == rewound.highest_serial + MARGIN + 1
    assert plan.lost_unknown  # the orders page is gone: which were paid cannot be told
    result = restore(rewound.backup, rewound.path, actor="root", accept_unknown_loss=True)
    assert result.report.ok and result.replaced


def test_losses_a_damaged_ledger_cannot_show_are_unknown_not_zero(rewound: Rewound) -> None:
    """The plan once printed "paid orders lost: 0" for a ledger it could not read, and the
    restore needed no acknowledgement: three paid orders went unmentioned."""
    garbage_header(rewound.path)
    damaged = rewound.path.read_bytes()
    plan = compare(rewound.backup, rewound.path)
    assert "paid orders lost from this kiosk: unknown" in "\n".join(plan.lines())
    assert "paid orders lost from this kiosk: 0" not in "\n".join(plan.lines())
    for acknowledged in (None, 0):
        with pytest.raises(RestoreRefused, match=r"unknown.*nothing was changed"):
            restore(rewound.backup, rewound.path, actor="root", accept_loss=acknowledged)
    assert rewound.path.read_bytes() == damaged
    result = restore(rewound.backup, rewound.path, actor="root", accept_unknown_loss=True)
    conn = open_raw(rewound.path)
    [state] = conn.execute("SELECT state FROM audit WHERE entity = 'restore'").fetchone()
    conn.close()
    assert json.loads(state)["accepted_loss"] == "unknown"
    assert result.kept is not None and result.kept.read_bytes() == damaged


def test_a_readable_ledger_s_losses_are_known(rewound: Rewound) -> None:
    plan = compare(rewound.backup, rewound.path)
    assert plan.lost_unknown == "" and len(plan.lost) == 3
    assert "paid orders lost from this kiosk: 3" in plan.lines()


def test_other_backups_raise_the_marks_when_the_ledger_is_gone(
    rewound: Rewound, footprint: Footprint
) -> None:
    """The newer backup in the same folder knows serials the lost ledger issued."""
    newer = backup(rewound.path, rewound.backup.parent / "ledger-20260102-080000.sqlite").path
    for suffix in ("", "-wal", "-shm"):
        Path(f"{rewound.path}{suffix}").unlink(missing_ok=True)
    plan = compare(rewound.backup, rewound.path)
    assert "no ledger" in plan.current_problem
    assert plan.next_serial == highest(newer)[0] + MARGIN + 1
    result = restore(rewound.backup, rewound.path, actor="root")
    assert result.kept is None and result.report.ok


# -- a new ledger takes the backup's identity ------------------------------------------------------


def test_a_new_empty_ledger_of_another_kiosk_takes_the_backups_identity(
    rewound: Rewound, new_ledger: NewLedger, footprint: Footprint, tmp_path: Path
) -> None:
    """The disk was replaced and the app made a new ledger: the backup's kiosk comes back."""
    fresh = new_ledger(tmp_path / "fresh" / "ledger.sqlite")
    fresh_id = fresh.kiosk_id
    fresh.close()
    plan = compare(rewound.backup, fresh.path)
    assert plan.identity_from == fresh_id and plan.margin == MARGIN
    restore(rewound.backup, fresh.path, actor="root")
    with Ledger.open(fresh.path, create=False) as ledger:
        assert ledger.kiosk_id == plan.in_backup.kiosk_id
        assert sell_after_skip(ledger, footprint).serial == 5 + MARGIN + 1


def test_taking_a_backups_identity_needs_that_kiosks_signing_key(
    new_ledger: NewLedger, tmp_path: Path
) -> None:
    """With the new ledger's key (or none) beside it, the restored kiosk could never issue a
    certificate again: refused until the backup's kiosk's key is put back."""
    from kiosk.certificate.issue import kiosk_key
    from kiosk.certificate.keys import key_path_for

    old = new_ledger(tmp_path / "old" / "ledger.sqlite")
    kiosk_key(old)  # registered in the ledger, so in the backup
    saved = tmp_path / "backup.sqlite"
    backup(old.path, saved)
    old.close()
    fresh = new_ledger(tmp_path / "fresh" / "ledger.sqlite")
    kiosk_key(fresh)
    fresh.close()
    before = fresh.path.read_bytes()

    with pytest.raises(RestoreRefused, match="another kiosk's signing key"):
        restore(saved, fresh.path, actor="root")
    assert fresh.path.read_bytes() == before
    key_path_for(fresh.path).unlink()
    with pytest.raises(RestoreRefused, match="missing"):
        compare(saved, fresh.path)

    key_path_for(fresh.path).write_bytes(key_path_for(old.path).read_bytes())
    restore(saved, fresh.path, actor="root")
    with Ledger.open(fresh.path, create=False) as ledger:
        kiosk_key(ledger)  # certificates can be signed again
