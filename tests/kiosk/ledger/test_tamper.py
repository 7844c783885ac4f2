"""Someone edits the ledger file behind the app's back with a plain sqlite3 connection: verify()
must name what was touched, and the triggers must refuse the edits the schema forbids."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.footprint import Footprint
from kiosk.ledger import Ledger, audit_codec
from kiosk.ledger.audit import canonical, row_hash
from kiosk.ledger.verify import verify

from .support import open_raw, sell


@dataclass
class Sample:
    path: Path
    paid: list[str]  # order ids, oldest first; the last thing the ledger did was pay paid[-1]
    awaiting: str
    draft: str


@pytest.fixture
def sample(new_ledger, footprint: Footprint, tmp_path: Path) -> Sample:
    """Paid orders on two projects, one awaiting payment, one draft; then closed."""
    ledger: Ledger = new_ledger(tmp_path / "ledger.sqlite")
    paid = [sell(ledger, footprint).id, sell(ledger, footprint, "demo-rural-biogas", 2500).id]
    awaiting = ledger.create_draft(footprint, project_id="demo-wetland", offset_g=700).id
    ledger.place(awaiting)
    draft = ledger.create_draft(footprint, project_id="demo-wetland", offset_g=300).id
    paid.append(sell(ledger, footprint, "demo-wetland", 1200).id)
    ledger.close()
    return Sample(ledger.path, paid, awaiting, draft)


@contextmanager
def by_hand(path: Path) -> Iterator[sqlite3.Connection]:
    """What a person with the sqlite3 shell does: no app, no foreign keys, autocommit."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield conn
    finally:
        conn.close()


def problems(path: Path) -> list[str]:
    conn = open_raw(path)
    try:
        return verify(conn).problems
    finally:
        conn.close()


def audit_id(path: Path, where: str, *args: object) -> int:
    with by_hand(path) as conn:
        return conn.execute(f"SELECT id FROM audit WHERE {where}", args).fetchone()[0]


def named(found: list[str], *words: str) -> bool:
    """Some problem mentions all the words (the entity and what happened to it)."""
    return any(all(word in problem for word in words) for problem in found)


def test_an_untouched_ledger_verifies(sample: Sample) -> None:
    """Guards every test below: the only problems they see are the ones they made."""
    assert problems(sample.path) == []


# -- orders ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("amount_fen", 1),
        ("status", "voided"),
        ("serial", 99),
        ("void_reason", "refunded"),  # a NULL column (left out of the audited content) set
        ("offset_g", 1),
        ("cashier", "mallory"),
        ("paid_at", "2020-01-01T00:00:00.000Z"),
    ],
)
def test_an_order_edited_by_hand_is_named(sample: Sample, column: str, value: object) -> None:
    """A cheaper price, a refund or a smaller offset written straight into the table."""
    order_id = sample.paid[0]
    with by_hand(sample.path) as conn:
        conn.execute(f"UPDATE orders SET {column} = ? WHERE id = ?", (value, order_id))
    found = problems(sample.path)
    assert named(found, f"order {order_id}", "edited outside the app", column), found


@pytest.mark.parametrize("which", ["paid", "awaiting", "draft"])
def test_an_order_deleted_by_hand_is_named(sample: Sample, which: str) -> None:
    """A sale made to disappear (its outbox entry left dangling, foreign keys off)."""
    order_id = {"paid": sample.paid[0], "awaiting": sample.awaiting, "draft": sample.draft}[which]
    with by_hand(sample.path) as conn:
        conn.execute("DELETE FROM orders WHERE id = ?", (order_id,))
    found = problems(sample.path)
    assert named(found, f"order {order_id}", "deleted outside the app"), found


def test_an_order_added_by_hand_is_named(sample: Sample) -> None:
    """A certificate forged by copying a paid order under a new id."""
    with by_hand(sample.path) as conn:
        row = dict(conn.execute("SELECT * FROM orders WHERE id = ?", (sample.paid[0],)).fetchone())
        row.update(id="forged", seq=99, code="FORGED", serial=99)
        conn.execute(
            f"INSERT INTO orders ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            tuple(row.values()),
        )
    found = problems(sample.path)
    assert named(found, "order forged", "no audit record"), found


def test_the_newest_order_deleted_with_its_audit_tail_is_noticed(
    sample: Sample, footprint: Footprint
) -> None:
    """Orders are never deleted (they expire), so a missing seq is itself evidence."""
    with Ledger.open(sample.path, create=False) as ledger:
        newest = ledger.create_draft(footprint, project_id="demo-wetland", offset_g=100).id
    with by_hand(sample.path) as conn:
        conn.execute("DROP TRIGGER audit_no_delete")
        conn.execute("DELETE FROM audit WHERE entity = 'order' AND entity_id = ?", (newest,))
        conn.execute("DELETE FROM orders WHERE id = ?", (newest,))
    found = problems(sample.path)
    assert found, "deleting an order left no trace"


# -- the audit log -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value"),
    [("state", '{"amount_fen":1}'), ("actor", "mallory"), ("at", "2020-01-01T00:00:00.000Z")],
)
def test_an_audit_row_edited_by_hand_is_named(sample: Sample, column: str, value: str) -> None:
    """The trigger dropped, history rewritten: the row's own hash gives it away."""
    row = audit_id(sample.path, "action = 'pay' AND entity_id = ?", sample.paid[0])
    with by_hand(sample.path) as conn:
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute(f"UPDATE audit SET {column} = ? WHERE id = ?", (value, row))
    found = problems(sample.path)
    assert named(found, f"audit row {row}:", "changed"), found


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [
        ("pay", "serial", 99),  # a change row: only what the payment changed (stored compact)
        ("pay", "status", "voided"),
        ("place", "amount_fen", 1),  # a change row given a field it did not change (text)
    ],
)
def test_an_audited_amount_status_or_serial_edited_by_hand_is_named(
    sample: Sample, action: str, field: str, value: object
) -> None:
    """Rows store only what changed, but each hash covers the whole content: an edit of any
    row, whole or change, text or compact, breaks that row's hash."""
    row = audit_id(sample.path, "action = ? AND entity_id = ?", action, sample.paid[0])
    with by_hand(sample.path) as conn:
        stored = conn.execute("SELECT state FROM audit WHERE id = ?", (row,)).fetchone()[0]
        changes = json.loads(audit_codec.decode(stored))
        changes[0][field] = value
        edited = canonical(changes)
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute(
            "UPDATE audit SET state = ? WHERE id = ?",
            (audit_codec.encode(edited) if isinstance(stored, bytes) else edited, row),
        )
    found = problems(sample.path)
    assert named(found, f"audit row {row}:", "changed"), found


@pytest.mark.parametrize(
    ("column", "value"),
    [("amount_fen", 1), ("status", "voided"), ("serial", 99), ("offset_g", 1)],
)
def test_an_orders_compact_first_row_edited_by_hand_is_named(
    sample: Sample, column: str, value: object
) -> None:
    """An order's first row is its whole content, stored compact (audit_codec.py): a forger
    who decodes it, edits a field and encodes it again breaks its hash all the same."""
    row = audit_id(sample.path, "action = 'create' AND entity_id = ?", sample.paid[0])
    with by_hand(sample.path) as conn:
        stored = conn.execute("SELECT state FROM audit WHERE id = ?", (row,)).fetchone()[0]
        assert isinstance(stored, bytes)  # stored compact
        content = {**json.loads(audit_codec.decode(stored)), column: value}
        conn.execute("DROP TRIGGER audit_no_update")
        edited = audit_codec.encode(canonical(content))
        conn.execute("UPDATE audit SET state = ? WHERE id = ?", (edited, row))
    found = problems(sample.path)
    assert named(found, f"audit row {row}:", "changed"), found


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: bytes((b[0] ^ 0x7F,)) + b[1:],  # another encoding's version byte
        lambda b: b[:-4],  # cut short
        lambda b: b + b"\x00",  # bytes after the stream's end
    ],
    ids=["version", "cut", "longer"],
)
def test_a_compact_rows_bytes_damaged_are_named(
    sample: Sample, damage: Callable[[bytes], bytes]
) -> None:
    """Rot or a careless edit of the stored bytes: the row cannot be read, so its hash
    cannot hold (an edit inside the stream that still decodes is the test above)."""
    row = audit_id(sample.path, "action = 'create' AND entity_id = ?", sample.paid[0])
    with by_hand(sample.path) as conn:
        stored = conn.execute("SELECT state FROM audit WHERE id = ?", (row,)).fetchone()[0]
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute("UPDATE audit SET state = ? WHERE id = ?", (damage(stored), row))
    found = problems(sample.path)
    assert named(found, f"audit row {row}:", "changed"), found


def test_an_audit_row_edited_with_its_hash_recomputed_is_named(sample: Sample) -> None:
    """A careful forger fixes the row's hash: then the next row no longer follows it."""
    row = audit_id(sample.path, "action = 'pay' AND entity_id = ?", sample.paid[0])
    with by_hand(sample.path) as conn:
        conn.execute("DROP TRIGGER audit_no_update")
        old = dict(conn.execute("SELECT * FROM audit WHERE id = ?", (row,)).fetchone())
        new = {**old, "actor": "mallory", "state": audit_codec.decode(old["state"])}
        digest = row_hash(**{k: v for k, v in new.items() if k != "hash"})
        conn.execute("UPDATE audit SET actor = ?, hash = ? WHERE id = ?", ("mallory", digest, row))
    found = problems(sample.path)
    assert named(found, f"audit row {row + 1}:", "does not follow"), found


@pytest.mark.parametrize("which", ["first", "middle", "last"])
def test_an_audit_row_deleted_by_hand_is_named(sample: Sample, which: str) -> None:
    """A gap in the ids names the missing row; the last row's loss shows as its entity no
    longer matching what the log says about it."""
    with by_hand(sample.path) as conn:
        first, last = conn.execute("SELECT min(id), max(id) FROM audit").fetchone()
    row = {
        "first": first,
        "middle": audit_id(sample.path, "action = 'pay' AND entity_id = ?", sample.paid[0]),
        "last": last,
    }[which]
    with by_hand(sample.path) as conn:
        deleted = conn.execute("SELECT * FROM audit WHERE id = ?", (row,)).fetchone()
        conn.execute("DROP TRIGGER audit_no_delete")
        conn.execute("DELETE FROM audit WHERE id = ?", (row,))
    found = problems(sample.path)
    if which == "last":
        assert named(found, f"{deleted['entity']} {deleted['entity_id']}:"), found
    else:
        assert named(found, f"audit row {row + 1}:", f"rows {row}..{row} are missing"), found


# -- allocations and the other audited rows ----------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value"),
    [("granted_g", 99_000_000), ("reserved_g", 0), ("sold_g", 0)],
)
def test_an_allocation_edited_by_hand_is_named(sample: Sample, column: str, value: int) -> None:
    """More credits granted, or sales wiped off the allocation, without the registry."""
    with by_hand(sample.path) as conn:
        conn.execute(
            f"UPDATE allocations SET {column} = ? WHERE project_id = 'demo-wetland'", (value,)
        )
    found = problems(sample.path)
    assert named(found, "allocation demo-wetland:", "edited outside the app", column), found


@pytest.mark.parametrize(
    ("sql", "entity"),
    [
        (
            "UPDATE projects SET price_fen_per_t = 1 WHERE id = 'demo-wetland'",
            "project demo-wetland",
        ),
        ("UPDATE meta SET value = 'KFORGED' WHERE key = 'kiosk_id'", "meta kiosk_id"),
        ("UPDATE counters SET value = value + 5 WHERE name = 'serial'", "serial counter"),
    ],
    ids=["project price", "kiosk id", "serial counter"],
)
def test_other_ledger_rows_edited_by_hand_are_named(sample: Sample, sql: str, entity: str) -> None:
    """The price list, the kiosk's identity and the serial counter are guarded too."""
    with by_hand(sample.path) as conn:
        conn.execute(sql)
    found = problems(sample.path)
    assert named(found, entity), found


# -- the triggers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("UPDATE audit SET actor = 'mallory' WHERE id = 3", "the audit log is append-only"),
        ("UPDATE audit SET state = '{}'", "the audit log is append-only"),
        ("DELETE FROM audit WHERE id = 3", "the audit log is append-only"),
        ("DELETE FROM audit", "the audit log is append-only"),
        ("DELETE FROM outbox", "outbox entries are kept"),
        ("UPDATE outbox SET payload = '{}'", "an outbox entry cannot change"),
    ],
)
def test_the_triggers_refuse_rewriting_history(sample: Sample, sql: str, message: str) -> None:
    """Even the sqlite3 shell cannot edit the audit log or drop an outbox entry (without first
    dropping a trigger, which verify then catches by the hashes)."""
    with by_hand(sample.path) as conn:
        before = [tuple(r) for r in conn.execute("SELECT * FROM audit")]
        outbox = [tuple(r) for r in conn.execute("SELECT * FROM outbox")]
        with pytest.raises(sqlite3.IntegrityError, match=message):
            conn.execute(sql)
        assert [tuple(r) for r in conn.execute("SELECT * FROM audit")] == before
        assert [tuple(r) for r in conn.execute("SELECT * FROM outbox")] == outbox
    assert problems(sample.path) == []


# -- the outbox's payloads (stored compact since 0021): with the trigger dropped, verify names them


def _entry(conn: sqlite3.Connection, order_id: str) -> sqlite3.Row:
    row: sqlite3.Row = conn.execute(
        "SELECT * FROM outbox WHERE order_id = ? AND event = 'paid'", (order_id,)
    ).fetchone()
    return row


def test_the_trigger_refuses_editing_a_compact_payload(sample: Sample) -> None:
    with by_hand(sample.path) as conn:
        entry = _entry(conn, sample.paid[0])
        with pytest.raises(sqlite3.IntegrityError, match="an outbox entry cannot change"):
            conn.execute(
                "UPDATE outbox SET payload = ? WHERE id = ?", (entry["payload"][:-1], entry["id"])
            )
    assert problems(sample.path) == []


def _rewrite(path: Path, order_id: str, payload: bytes | str) -> int:
    with by_hand(path) as conn:
        entry = _entry(conn, order_id)
        conn.execute("DROP TRIGGER outbox_fixed")
        conn.execute("UPDATE outbox SET payload = ? WHERE id = ?", (payload, entry["id"]))
        return int(entry["id"])


@pytest.mark.parametrize(
    ("column", "value"),
    [("amount_fen", 1), ("serial", 99), ("offset_g", 1), ("project_id", "demo-wetland")],
)
def test_a_payload_edited_and_encoded_again_is_named(
    sample: Sample, column: str, value: object
) -> None:
    """A forger decodes the payload, changes what the registry would be told, encodes it again
    (the ledger before 0021 never compared a payload with its order)."""
    with by_hand(sample.path) as conn:
        stored = _entry(conn, sample.paid[1])["payload"]
    content = {**json.loads(audit_codec.decode(stored)), column: value}
    entry = _rewrite(
        sample.path, sample.paid[1], audit_codec.encode(canonical(content), audit_codec.PAYLOAD)
    )
    found = problems(sample.path)
    assert named(found, f"outbox entry {entry} (paid", "edited outside the app", column), found


@pytest.mark.parametrize(
    "damage",
    [lambda b: b[:-4], lambda b: bytes((9,)) + b[1:], lambda b: b + b"\x00", lambda b: "{}"],
    ids=["cut", "version", "longer", "not-the-order"],
)
def test_a_damaged_payload_is_named(sample: Sample, damage) -> None:
    with by_hand(sample.path) as conn:
        stored = _entry(conn, sample.paid[0])["payload"]
    entry = _rewrite(sample.path, sample.paid[0], damage(stored))
    found = problems(sample.path)
    assert named(found, f"outbox entry {entry} (paid", "cannot be read"), found
