"""`ledger verify` after a restore: it accepts the declared gap, and still refuses an undeclared
one, a serial issued inside it and a forged restore event.
"""

from __future__ import annotations

import sqlite3

from kiosk.ledger import Ledger
from kiosk.ledger.restore import restore

from ..support import sell
from .rewound import Rewound, problems


def test_verify_still_finds_an_undeclared_gap_after_a_restore(rewound: Rewound) -> None:
    restore(rewound.backup, rewound.path, actor="root", accept_loss=3)
    conn = sqlite3.connect(rewound.path)
    conn.execute("UPDATE counters SET value = value + 5 WHERE name = 'serial'")
    conn.commit()
    conn.close()
    assert any("serial counter" in p for p in problems(rewound.path))


def test_verify_refuses_a_serial_inside_a_declared_gap(rewound: Rewound, footprint) -> None:
    restore(rewound.backup, rewound.path, actor="root", accept_loss=3)
    with Ledger.open(rewound.path, create=False) as ledger:
        sell(ledger, footprint)
        ledger.conn.execute("UPDATE counters SET value = 6 WHERE name = 'serial'")
    found = problems(rewound.path)
    assert any("serial counter is 6" in p and "issued again" in p for p in found), found


def test_verify_refuses_a_gap_without_a_restore_event(new_ledger, footprint, tmp_path) -> None:
    """The same jump in the counters, made by hand with no audited restore, is a problem."""
    ledger = new_ledger(tmp_path / "ledger.sqlite")
    sell(ledger, footprint)
    ledger.conn.execute("UPDATE counters SET value = 9 WHERE name = 'serial'")
    sell(ledger, footprint)  # serial 10
    ledger.close()
    found = problems(ledger.path)
    assert any("certificate serials have gaps: missing [2, 3, 4" in p for p in found), found


def test_a_forged_restore_event_breaks_the_audit_chain(rewound: Rewound) -> None:
    restore(rewound.backup, rewound.path, actor="root", accept_loss=3)
    conn = sqlite3.connect(rewound.path)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute(
        "UPDATE audit SET state = json_set(state, '$.skipped_serials', json('[6, 99]'))"
        " WHERE entity = 'restore'"
    )
    conn.commit()
    conn.close()
    assert any("changed after it was written" in p for p in problems(rewound.path))
