"""The sync job when the real registry refuses a push: a 409 that is not an idempotency
conflict stops the run with its reason, and no run builds batches without bound (issue 12:
every 409 read as a dead idempotency key made 2,493 batches in 20 s)."""

from __future__ import annotations

import json
import uuid

import pytest

from kiosk.ledger import Ledger, syncstate
from sync import job, protocol
from sync.client import Refused
from sync.exit_codes import EXIT_PROTOCOL
from sync.registry.tables import kiosks, purchases
from tests.sync.conftest import sell
from tests.sync.live import LiveRegistry

LOOP = 20  # pushes after which the test stops a run that would otherwise never end


class Looping(BaseException):
    """Raised in the test's transport: the job kept pushing."""


@pytest.fixture
def bounded(registry: LiveRegistry) -> LiveRegistry:
    """The registry, with a run that pushes more than LOOP times stopped."""

    def guard(method: str, target: str) -> None:
        if method == "POST" and target == protocol.PUSH and len(registry.pushes) >= LOOP:
            raise Looping(f"the job pushed {len(registry.pushes)} times")

    registry.fault = guard
    return registry


def _occupy_first_certificate(registry: LiveRegistry, kiosk_id: str) -> None:
    """What a registry from before step 0006 could hold: another kiosk's purchase under this
    kiosk's first certificate id (a case twin pushed serial 1 first)."""
    with registry.engine.begin() as conn:
        conn.execute(
            kiosks.insert().values(
                kiosk_id="TWIN", name="t", public_key="x", enrolled_at="2026-01-01T00:00:00Z"
            )
        )
        conn.execute(
            purchases.insert().values(
                order_id=str(uuid.uuid4()), kiosk_id="TWIN", serial=1,
                cert_id=f"{kiosk_id}-000001", project_id="demo-longquan-forest",
                offset_g=1, footprint_g=1, amount_fen=1, nickname="", venue="", day="d",
                paid_at="2026-01-01T00:00:00Z", payload="{}", payload_hash="h", received_at="r",
            )
        )  # fmt: skip


def _batches(ledger: Ledger) -> int:
    return ledger.conn.execute("SELECT count(*) FROM sync_batches").fetchone()[0]


def test_a_409_about_the_records_stops_the_run_with_its_reason(
    ledger: Ledger, bounded: LiveRegistry, client_for
) -> None:
    sell(ledger, 5)
    _occupy_first_certificate(bounded, ledger.kiosk_id)
    with client_for(ledger) as client, pytest.raises(Refused) as refused:
        job.run(ledger, client)
    assert refused.value.status == 409 and refused.value.code == "conflict"
    assert refused.value.exit_code == EXIT_PROTOCOL
    assert len(bounded.pushes) == 1 and _batches(ledger) == 1
    assert syncstate.last_run(ledger).outcome == "failed"
    assert "409" in syncstate.last_error(ledger).error
    # the next night resends the same recorded batch once, and stops again: still bounded
    with client_for(ledger) as client, pytest.raises(Refused):
        job.run(ledger, client)
    assert len(bounded.pushes) == 2 and _batches(ledger) == 1


def test_a_dead_batch_id_is_given_up_once_and_its_entries_go_in_a_new_batch(
    ledger: Ledger, bounded: LiveRegistry, client_for
) -> None:
    """The registry holds other records under the recorded batch's id (a ledger restored
    beside a live one): that batch is closed, its entries go once more, and are accepted."""
    entries = sell(ledger, 5)
    recorded = job.next_batch(ledger)
    other = protocol.canonical({"batch_id": recorded.batch_id, "records": []})
    with client_for(ledger) as client:
        client.post(protocol.PUSH, other, idempotency_key=recorded.batch_id)
        result = job.run(ledger, client, pull=False)
    assert len(bounded.pushes) == 3 and result.accepted == entries
    assert any("conflicted" in w for w in result.warnings)


def test_a_registry_that_always_declares_the_key_dead_cannot_loop_the_job(
    ledger: Ledger, bounded: LiveRegistry, client_for
) -> None:
    """However the registry answers, an entry goes at most twice in a run."""
    guard = bounded.fault

    def dead_key(method: str, target: str):
        guard(method, target)
        if method == "POST" and target == protocol.PUSH:
            bounded.pushes.append(("", b""))
            return 409, {"error": {"code": "idempotency_conflict", "message": "dead"}}
        return None

    bounded.fault = dead_key
    sell(ledger, 3)
    with client_for(ledger) as client, pytest.raises(job.SyncError) as stopped:
        job.run(ledger, client, pull=False)
    assert "3 times" in str(stopped.value) and "stopping" in str(stopped.value)
    assert len(bounded.pushes) == 2 and _batches(ledger) == 3


def test_a_batch_is_split_to_fit_the_registrys_body_cap(
    ledger: Ledger, bounded: LiveRegistry, client_for, monkeypatch
) -> None:
    entries = sell(ledger, 30)
    sizes = sorted(  # each record as pushed: its payload's text
        len(syncstate.payload_text(row)) for row in ledger.conn.execute("SELECT * FROM outbox")
    )
    monkeypatch.setattr(protocol, "MAX_PUSH_BODY", 6 * sizes[-1])  # the registry's cap too
    with client_for(ledger) as client:
        result = job.run(ledger, client, pull=False)
    assert result.accepted == entries and result.rejected == 0
    bodies = [bytes(b) for (b,) in ledger.conn.execute("SELECT body FROM sync_batches")]
    assert len(bodies) > 1 and all(len(b) <= protocol.MAX_PUSH_BODY for b in bodies)
    sent = sorted(r["outbox_id"] for b in bodies for r in json.loads(b)["records"])
    assert sent == list(range(1, entries + 1))


def test_a_record_too_large_for_any_push_is_filed_as_rejected_here(
    ledger: Ledger, bounded: LiveRegistry, client_for, monkeypatch
) -> None:
    entries = sell(ledger, 2)
    monkeypatch.setattr(protocol, "MAX_PUSH_BODY", 200)
    with client_for(ledger) as client:
        result = job.run(ledger, client, pull=False)
    assert bounded.pushes == [] and result.rejected == entries
    reasons = [r.reason for r in syncstate.rejects(ledger)]
    assert len(reasons) == entries and all("at most 200 per push" in r for r in reasons)
