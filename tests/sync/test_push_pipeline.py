"""The push's throughput shape (issue 19): stored payloads go out as stored, the next batch is
cut while the registry answers, and each answer is one ledger commit that also records the next
batch. Exactly-once holds across a crash at any of those points (real ledger, real registry)."""

from __future__ import annotations

import json

import pytest

from kiosk.day_summary import DAY_CLOSED
from kiosk.ledger import Ledger, syncstate
from sync import batch_body, job, protocol
from sync.messages import PushRecord, PushRequest
from tests.sync.conftest import sell


class Lost(BaseException):
    """The job dies at a chosen point (power cut, kill -9)."""


def _pending(ledger: Ledger) -> int:
    return ledger.conn.execute("SELECT count(*) FROM outbox WHERE acked_at IS NULL").fetchone()[0]


def _commits(ledger: Ledger) -> list[str]:
    """Every COMMIT the ledger's connection runs from now on."""
    seen: list[str] = []
    ledger.conn.set_trace_callback(lambda sql: seen.append(sql) if sql == "COMMIT" else None)
    return seen


def test_each_answer_is_one_ledger_commit_with_the_next_batch_recorded(
    ledger, registry, client_for
) -> None:
    """On the old job a batch cost five commits (record, sent, acks, answered, run count)."""
    entries = sell(ledger, 40)
    seen_at_push: list[tuple[int, int, int]] = []

    def look(method: str, target: str):
        if method == "POST" and target == protocol.PUSH:
            answered, open_ = ledger.conn.execute(
                "SELECT count(answered_at), count(*) - count(answered_at) FROM sync_batches"
            ).fetchone()
            seen_at_push.append((answered, open_, _pending(ledger)))
        return None

    registry.fault = look
    commits = _commits(ledger)
    with client_for(ledger) as client:
        result = job.run(ledger, client, pull=False, batch_size=10)
    ledger.conn.set_trace_callback(None)
    batches = -(-entries // 10)
    assert result.accepted == entries and result.batches == batches
    # start_run, the first batch's record, one per answer, pruning bodies, end_run
    assert len(commits) == batches + 4
    # when batch n goes out, batches 1..n-1 are answered and acked, batch n alone is open
    for n, (answered, open_, pending) in enumerate(seen_at_push):
        assert (answered, open_) == (n, 1)
        assert pending == entries - min(10 * n, entries)
    assert _pending(ledger) == 0 and registry.received() == entries


@pytest.mark.parametrize("push", [1, 2, 3])
def test_a_crash_after_the_registry_stored_a_batch_loses_and_doubles_nothing(
    ledger, registry, client_for, push: int
) -> None:
    """Killed once batch `push` is stored at the registry (its answer lost, the next batch
    maybe already cut): the next run resends it byte for byte and everything lands once."""
    entries = sell(ledger, 30)
    stored = {"count": 0}

    def lose() -> None:
        stored["count"] += 1
        if stored["count"] == push:
            registry.after_push = None
            raise Lost
        registry.after_push = lose

    registry.after_push = lose
    with client_for(ledger) as client, pytest.raises(Lost):
        job.run(ledger, client, pull=False, batch_size=10)
    [open_batch] = syncstate.unanswered_batches(ledger)
    assert registry.pushes[-1] == (open_batch.batch_id, open_batch.body)
    with client_for(ledger) as client:
        result = job.run(ledger, client, pull=False, batch_size=10)
    assert registry.pushes[push] == registry.pushes[push - 1]  # the resend, byte for byte
    assert result.pushed == entries - 10 * (push - 1)
    assert _pending(ledger) == 0 and registry.received() == entries
    assert syncstate.unanswered_batches(ledger) == []


def test_a_crash_after_the_next_batch_was_recorded_sends_it_next_run(
    ledger, registry, client_for
) -> None:
    """Killed after the commit that answered batch 1 and recorded batch 2, before batch 2
    reached the registry: the next run sends batch 2 as recorded; nothing is lost or doubled."""
    entries = sell(ledger, 30)
    posts = {"count": 0}

    def die_on_second(method: str, target: str):
        if method == "POST" and target == protocol.PUSH:
            posts["count"] += 1
            if posts["count"] == 2:
                raise Lost
        return None

    registry.fault = die_on_second
    with client_for(ledger) as client, pytest.raises(Lost):
        job.run(ledger, client, pull=False, batch_size=10)
    registry.fault = None
    [recorded] = syncstate.unanswered_batches(ledger)
    assert recorded.sent_at is not None and len(registry.pushes) == 1
    assert _pending(ledger) == entries - 10
    with client_for(ledger) as client:
        job.run(ledger, client, pull=False, batch_size=10)
    assert registry.pushes[1] == (recorded.batch_id, recorded.body)
    assert _pending(ledger) == 0 and registry.received() == entries


def test_the_pushed_body_carries_each_outbox_payload_as_stored(ledger, registry, client_for):
    entries = sell(ledger, 12)
    with client_for(ledger) as client:
        job.run(ledger, client, pull=False)
    bodies = b"".join(body for _, body in registry.pushes)
    rows = ledger.conn.execute("SELECT payload FROM outbox").fetchall()
    assert len(rows) == entries
    for row in rows:  # stored compact, read back to the text the ledger encoded
        assert syncstate.payload_text(row).encode() in bodies
    for _, body in registry.pushes:
        assert body == protocol.canonical(json.loads(body))


def _by_model(batch_id: str, rows: list[dict]) -> bytes:
    """The body as the job built it before (each payload parsed, the request encoded)."""
    records = [
        PushRecord(
            outbox_id=row["id"],
            order_id=row["order_id"],
            event=row["event"],
            payload=json.loads(syncstate.payload_text(row)),
        )
        for row in rows
    ]
    return protocol.canonical(PushRequest(batch_id=batch_id, records=records).model_dump())


def test_the_body_is_the_canonical_request_with_a_day_summary_and_odd_text(ledger) -> None:
    """A day summary's stored payload is pydantic's (keys in field order): it is re-encoded;
    an order's goes in as stored; quotes, backslashes and non-ASCII text stay canonical."""
    sell(ledger, 3)
    rows = [dict(row) for row in syncstate.sendable(ledger, 10)]
    odd = json.loads(syncstate.payload_text(rows[0])) | {"nickname": 'Lǚ "\\ 小明 \u2028'}
    rows[0]["payload"] = protocol.canonical(odd).decode()
    rows.append(
        {
            "id": 99,
            "order_id": "day-2026-12-05-r1",
            "event": DAY_CLOSED,
            "payload": '{"z": 1, "a": {"y": [2, 1], "b": "\u00e9"}}',
        }
    )
    assert batch_body.build_body("b-1", rows) == _by_model("b-1", rows)
