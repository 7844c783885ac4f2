"""An order's outbox payload stored compact (issue 19, migration 0021): read back to the exact
canonical text the push sends and signs, checked by `ledger verify`, read by a restore."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from kiosk.catalogue import load_demo_catalogue
from kiosk.footprint import Footprint
from kiosk.ledger import Ledger, audit, audit_codec, schema, syncstate
from kiosk.ledger.restore_files import read_marks
from sync import batch_body, protocol

from .support import open_raw, sell
from .test_migrations import OLD
from .test_tamper import problems


def _entry(conn: sqlite3.Connection, order_id: str, event: str = "paid") -> sqlite3.Row:
    row: sqlite3.Row = conn.execute(
        "SELECT * FROM outbox WHERE order_id = ? AND event = ?", (order_id, event)
    ).fetchone()
    return row


def test_a_paid_orders_payload_is_stored_compact_and_read_back_exactly(
    ledger: Ledger, footprint: Footprint
) -> None:
    paid = sell(ledger, footprint)
    voided = ledger.void(paid.id, reason="changed mind", actor="c1")
    for order, event in ((paid, "paid"), (voided, "voided")):
        entry = _entry(ledger.conn, order.id, event)
        text = audit.canonical(order.as_dict())  # what the ledger stored before 0021
        assert isinstance(entry["payload"], bytes) and entry["payload"][0] == audit_codec.PAYLOAD
        assert len(entry["payload"]) * 4 < len(text.encode())
        assert syncstate.payload_text(entry) == text


def test_the_pushed_body_is_byte_identical_to_the_text_payloads(
    ledger: Ledger, footprint: Footprint
) -> None:
    """The bytes the registry hashes and a resend repeats: the same as when the outbox held
    the canonical text itself, and the canonical JSON of the parsed records."""
    orders = [sell(ledger, footprint) for _ in range(3)]
    rows = syncstate.sendable(ledger, 10)
    as_before = [
        {**dict(row), "payload": audit.canonical(order.as_dict())}
        for row, order in zip(rows, orders, strict=True)
    ]
    body = batch_body.build_body("b-1", rows)
    assert body == batch_body.build_body("b-1", as_before)
    assert body == protocol.canonical(
        {
            "batch_id": "b-1",
            "records": [
                {k: r[k] for k in ("event", "order_id", "payload")}
                | {"outbox_id": r["id"], "payload": json.loads(r["payload"])}
                for r in as_before
            ],
        }
    )


def test_the_payload_dictionary_never_changes() -> None:
    """Payloads written with a dictionary need its exact bytes to be read (audit_codec.py)."""
    from kiosk.ledger.payload_dictionary import V2

    assert hashlib.sha256(V2).hexdigest() == (
        "e6a138ba9fa5ac3a4f715eece3328ce2104fe05dbfe64b0e78ccbc534dd53994"
    )


def test_a_refund_after_payment_leaves_the_paid_payload_agreeing(
    ledger: Ledger, footprint: Footprint
) -> None:
    """What an order may change after its payment (a refund, its slip) is not an edit."""
    order = sell(ledger, footprint)
    ledger.set_slip(order.id, "printed", actor="c1")
    ledger.void(order.id, reason="changed mind", actor="c1")
    ledger.set_slip(order.id, "failed", error="jam", actor="c1")
    assert problems(ledger.path) == []


# -- readers: a restore's marks; a ledger from before 0021 ---------------------------------------


def test_a_restore_reads_the_highest_serial_and_seq_from_compact_payloads(
    ledger: Ledger, footprint: Footprint
) -> None:
    orders = [sell(ledger, footprint) for _ in range(3)]
    conn = open_raw(ledger.path)
    try:
        serial, seq, read = read_marks(conn, ("outbox",))
    finally:
        conn.close()
    assert read == ["outbox"]
    assert (serial, seq) == (orders[-1].serial, orders[-1].seq)


def test_payloads_stored_as_text_before_0021_are_pushed_as_they_are(
    tmp_path: Path, footprint: Footprint
) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript((OLD / "0020_audit_compact.sql").read_text(encoding="utf-8"))
    (old_text,) = conn.execute("SELECT payload FROM outbox WHERE event = 'paid'").fetchone()
    conn.close()
    with Ledger.open(path) as upgraded:
        assert schema.version(upgraded.conn) == schema.names()[-1]
        [entry] = syncstate.sendable(upgraded, 10)
        assert entry["payload"] == old_text and syncstate.payload_text(entry) == old_text
        upgraded.ensure_demo_grants(load_demo_catalogue())
        new = upgraded.pay(upgraded.open_order(footprint, project_id="demo-wetland").id,
                           method="cash", cashier="c1")  # fmt: skip
        assert isinstance(_entry(upgraded.conn, new.id)["payload"], bytes)
        body = json.loads(batch_body.build_body("b", syncstate.sendable(upgraded, 10)))
        assert [r["payload"]["serial"] for r in body["records"]] == [1, new.serial]
    assert problems(path) == []
