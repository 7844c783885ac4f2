"""Pushing compact outbox payloads (issue 19, migration 0021): one whose stored bytes were
damaged is filed as rejected with a plain reason, and the entries after it still go."""

from __future__ import annotations

import json
import sqlite3

import pytest

from kiosk.ledger import syncstate
from sync import job
from tests.sync.conftest import sell


@pytest.mark.parametrize("position", [3, 8], ids=["first-batch", "cut-while-one-is-in-flight"])
def test_a_damaged_payload_is_filed_and_the_rest_still_go(ledger, registry, client_for, position):
    entries = sell(ledger, 12)
    damaged = ledger.conn.execute(
        "SELECT id, order_id, payload FROM outbox WHERE event = 'paid'"
        " ORDER BY id LIMIT 1 OFFSET ?",
        (position,),
    ).fetchone()
    by_hand = sqlite3.connect(ledger.path, isolation_level=None)
    by_hand.execute("DROP TRIGGER outbox_fixed")
    by_hand.execute("UPDATE outbox SET payload = ? WHERE id = ?", (damaged[2][:-4], damaged[0]))
    by_hand.close()
    with client_for(ledger) as client:
        result = job.run(ledger, client, batch_size=5)
    [reject] = syncstate.rejects(ledger)
    assert (reject.outbox_id, reject.order_id) == (damaged[0], damaged[1])
    assert reject.reason.startswith("its stored payload cannot be read (")
    assert "ledger verify" in reject.reason
    assert result.rejected == 1 and result.accepted == entries - 1
    sent = [r["outbox_id"] for _, body in registry.pushes for r in json.loads(body)["records"]]
    assert sorted(sent) == [i for i in range(1, entries + 1) if i != damaged[0]]
