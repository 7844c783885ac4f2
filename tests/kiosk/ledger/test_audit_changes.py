"""Audit rows store only what changed (issue 19): each row's hash still covers the entity's
whole content, worked out again from the rows before it, by the writer and by `ledger verify`
alike, whoever wrote those rows (another connection, a transaction rolled back, the code
before migration 0018: test_migrations)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kiosk.footprint import Footprint
from kiosk.ledger import Ledger, audit, audit_codec
from kiosk.ledger.verify import verify

from .support import sell


def rows(ledger: Ledger, entity_id: str) -> list[tuple[str, object]]:
    return [
        (action, json.loads(audit_codec.decode(state)))
        for action, state in ledger.conn.execute(
            "SELECT action, state FROM audit WHERE entity_id = ? ORDER BY id", (entity_id,)
        )
    ]


def test_a_paid_order_is_stored_whole_once_then_as_changes(
    new_ledger, footprint: Footprint, tmp_path: Path
) -> None:
    ledger: Ledger = new_ledger(tmp_path / "ledger.sqlite")
    order = sell(ledger, footprint)
    ledger.set_slip(order.id, "failed", error="paper out", actor="c1")
    ledger.set_slip(order.id, "printed", actor="c1")  # the error cleared: NULL, a removed key
    stored = rows(ledger, order.id)
    assert [action for action, _ in stored] == ["create", "place", "pay", "slip", "slip"]
    create, place, pay, failed, slip = (state for _, state in stored)
    assert failed[0]["slip_error"] == "paper out"
    assert slip[1] == ["slip_error"]
    assert isinstance(create, dict) and create["status"] == "draft"
    # updated_at is there only when the clock moved on since the draft (same millisecond: not)
    assert len(place) == 1 and place[0]["status"] == "awaiting_payment"
    assert {"status", "expires_at"} <= set(place[0]) <= {"status", "expires_at", "updated_at"}
    assert pay[0]["status"] == "paid" and pay[0]["serial"] == 1 and "answers" not in pay[0]
    assert slip[0]["slip_status"] == "printed" and "serial" not in slip[0]
    last = audit.last_states(ledger.conn, "order")[order.id]
    whole = {k: v for k, v in ledger.get(order.id).as_dict().items() if v is not None}
    assert last == whole and "void_reason" not in create  # a NULL is left out
    assert verify(ledger.conn).ok


def test_changes_from_another_connection_or_a_rollback_are_read_back(
    new_ledger, footprint: Footprint, tmp_path: Path
) -> None:
    """The writer's memory of an entity's last content is used only while that content's
    hash is still the newest: after another ledger object changed the order, or a change
    was rolled back, it reads the rows back."""
    path = tmp_path / "ledger.sqlite"
    first: Ledger = new_ledger(path)
    order = first.open_order(footprint, project_id="demo-wetland")
    with Ledger.open(path, create=False) as second:
        second.pay(order.id, method="cash", cashier="c2")  # `first` still knows it unpaid
    with pytest.raises(RuntimeError), first.transaction():
        first.set_slip(order.id, "failed", error="paper", actor="c1")
        raise RuntimeError("rolled back")
    first.set_slip(order.id, "printed", actor="c1")
    assert verify(first.conn).ok, verify(first.conn).problems
    assert audit.last_states(first.conn, "order")[order.id]["serial"] == 1


def test_removed_keys_and_long_runs_of_changes_verify(new_ledger, tmp_path: Path) -> None:
    """A key dropped from the content is recorded as removed; after audit.CHAIN change rows
    the whole content is stored again, so reading an entity back never walks far."""
    ledger: Ledger = new_ledger(tmp_path / "ledger.sqlite")
    contents = [{"a": i, "b": [i, "x"]} if i % 3 else {"a": i} for i in range(40)]
    for content in contents:
        with ledger.transaction():
            ledger.audit("note", "n1", "set", "t", content, changes=True)
    stored = [state for _, state in rows(ledger, "n1")]
    assert stored[3] == [{"a": 3}, ["b"]]
    whole = [i for i, state in enumerate(stored) if isinstance(state, dict)]
    assert whole == [0, audit.CHAIN + 1, 2 * audit.CHAIN + 2]
    assert list(audit.check_chain(ledger.conn)) == []
    assert audit.last_states(ledger.conn, "note") == {"n1": contents[-1]}
    ledger.close()
    with Ledger.open(ledger.path, create=False) as again:  # nothing remembered: read back
        with again.transaction():
            again.audit("note", "n1", "set", "t", {"a": "last"}, changes=True)
        assert list(audit.check_chain(again.conn)) == []
        assert rows(again, "n1")[-1][1] == [{"a": "last"}]


def test_a_change_row_moved_under_another_entity_is_named(new_ledger, tmp_path: Path) -> None:
    """A change row with no whole content before it cannot be checked: it is named."""
    ledger: Ledger = new_ledger(tmp_path / "ledger.sqlite")
    with ledger.transaction():
        ledger.audit("note", "n1", "set", "t", {"a": 1}, changes=True)
        ledger.audit("note", "n1", "set", "t", {"a": 2}, changes=True)
    row = ledger.conn.execute("SELECT max(id) FROM audit").fetchone()[0]
    ledger.conn.execute("DROP TRIGGER audit_no_update")
    ledger.conn.execute("UPDATE audit SET entity_id = 'n2' WHERE id = ?", (row,))
    assert [b.audit_id for b in audit.check_chain(ledger.conn)] == [row]


@pytest.mark.parametrize(
    "text", ["", "plain", 'quote " and \\ backslash', "line\nbreak\t\x00\x1f", "中文 é 😀 \u2028"]
)
def test_row_hash_is_the_canonical_body_hashed(text: str) -> None:
    """row_hash writes its JSON body out by hand (it runs for every row): the same bytes as
    canonical() of the list, so rows written before keep verifying."""
    fields = dict(at=text, entity="order", entity_id=text, action="pay", actor=text)
    body = audit.canonical([12, *fields.values(), text + "{}", audit.GENESIS])
    expected = hashlib.sha256(body.encode()).hexdigest()
    assert audit.row_hash(id=12, **fields, state=text + "{}", prev_hash=audit.GENESIS) == expected


def test_the_compact_rows_dictionary_never_changes() -> None:
    """Rows written with a dictionary need its exact bytes to be read (audit_codec.py): a new
    one is a new version, never an edit of this one."""
    from kiosk.ledger.audit_dictionary import V1

    assert hashlib.sha256(V1).hexdigest() == (
        "caa5f83e9a8698599e779721a722ba8d8711cfa2158e94072e6caf5019651f88"
    )


def test_an_orders_first_row_is_stored_compact_and_read_back_exactly(
    new_ledger, footprint: Footprint, tmp_path: Path
) -> None:
    ledger: Ledger = new_ledger(tmp_path / "ledger.sqlite")
    order = sell(ledger, footprint)
    (stored,) = ledger.conn.execute(
        "SELECT state FROM audit WHERE entity_id = ? AND action = 'create'", (order.id,)
    ).fetchone()
    text = audit_codec.decode(stored)
    assert isinstance(stored, bytes) and len(stored) * 3 < len(text.encode())
    assert text == audit.canonical(json.loads(text))  # the canonical text the hash is over
    assert audit_codec.decode(audit_codec.encode(text)) == text
    assert audit_codec.encode('{"a":1}') == '{"a":1}'  # not shorter compact: kept as text
    # a row's prev_hash is the row before's hash, not stored again (its hash covers it)
    assert {r[0] for r in ledger.conn.execute("SELECT prev_hash FROM audit")} == {""}
    assert verify(ledger.conn).ok


def test_a_rows_hash_is_stored_as_its_32_bytes(
    new_ledger, footprint: Footprint, tmp_path: Path
) -> None:
    """Since 0021 (half the hash column's and its UNIQUE index's bytes); the chain is over the
    same hex text, so a row before it and a row after it link up."""
    ledger: Ledger = new_ledger(tmp_path / "ledger.sqlite")
    sell(ledger, footprint)
    rows = ledger.conn.execute("SELECT * FROM audit ORDER BY id").fetchall()
    assert rows and all(isinstance(r["hash"], bytes) and len(r["hash"]) == 32 for r in rows)
    last = rows[-1]
    content = json.loads(audit_codec.decode(last["state"]))
    if isinstance(content, list):  # a change row: its whole content is the entity's last state
        content = audit.last_states(ledger.conn, last["entity"])[last["entity_id"]]
    digest = audit.row_hash(
        id=last["id"],
        at=last["at"],
        entity=last["entity"],
        entity_id=last["entity_id"],
        action=last["action"],
        actor=last["actor"],
        state=audit.canonical(content),
        prev_hash=rows[-2]["hash"].hex(),
    )
    assert last["hash"] == bytes.fromhex(digest)
    assert verify(ledger.conn).ok
