"""The `rewound` ledger every restore test starts from (rewound.py says what it holds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.footprint import Footprint
from kiosk.ledger.backup import backup

from ..support import sell
from .rewound import NewLedger, Rewound, highest


@pytest.fixture
def rewound(new_ledger: NewLedger, footprint: Footprint, tmp_path: Path) -> Rewound:
    path = tmp_path / "kiosk" / "ledger.sqlite"
    ledger = new_ledger(path)
    for _ in range(5):
        sell(ledger, footprint)
    (tmp_path / "backups").mkdir()
    copy = backup(path, tmp_path / "backups" / "ledger-20260101-080000.sqlite").path
    later = [sell(ledger, footprint) for _ in range(3)]
    ledger.void(later[0].id, reason="changed mind", actor="c1")
    entry = ledger.conn.execute(
        "SELECT id FROM outbox WHERE order_id = ? AND event = 'paid'", (later[1].id,)
    ).fetchone()[0]
    ledger.outbox_ack([entry])  # the registry has this one
    waiting = ledger.create_draft(footprint, project_id="demo-wetland", offset_g=500)
    ledger.place(waiting.id)
    ledger.close()
    serial, seq = highest(path)
    return Rewound(path, copy, [o.code for o in later], serial, seq)
