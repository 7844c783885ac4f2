"""Pushing the outbox to the real registry (in process): recorded batches, sequence order,
byte-for-byte resends, rejects."""

from __future__ import annotations

import json

import httpx
import pytest

from kiosk.ledger import Ledger, syncstate
from sync import batch_body, job, protocol
from sync.client import Refused
from sync.exit_codes import EXIT_PROTOCOL
from tests.sync.conftest import enrol, sell
from tests.sync.live import demo_projects


class Lost(BaseException):
    """The job dies after the registry stored the batch but before the answer arrived."""


def _pending(ledger) -> int:
    return ledger.conn.execute("SELECT count(*) FROM outbox WHERE acked_at IS NULL").fetchone()[0]


def test_batches_go_in_sequence_order_and_every_entry_is_acked(ledger, registry, client_for):
    entries = sell(ledger, 60)
    with client_for(ledger) as client:
        result = job.run(ledger, client, batch_size=25)
    assert result.accepted == entries and result.duplicates == result.rejected == 0
    assert result.batches == -(-entries // 25)
    sent = [r["outbox_id"] for _, body in registry.pushes for r in json.loads(body)["records"]]
    assert sent == sorted(sent) == list(range(1, entries + 1))
    assert _pending(ledger) == 0
    assert ledger.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == entries  # kept
    paid = ledger.conn.execute("SELECT count(*) FROM orders WHERE serial IS NOT NULL").fetchone()
    assert len(registry.sold_orders()) == paid[0]


def test_a_batch_is_recorded_with_its_exact_body_before_it_is_sent(ledger, registry, client_for):
    sell(ledger, 10)
    seen_in_ledger = []

    def check(method: str, target: str):
        if method == "POST":  # at the moment the registry sees the push, the ledger has it
            rows = ledger.conn.execute("SELECT batch_id, body FROM sync_batches").fetchall()
            seen_in_ledger.extend((r[0], bytes(r[1])) for r in rows)
        return None

    registry.fault = check
    with client_for(ledger) as client:
        job.run(ledger, client, pull=False)
    registry.fault = None
    assert seen_in_ledger and set(registry.pushes) <= set(seen_in_ledger)


def test_after_a_crash_the_same_batch_is_resent_byte_for_byte(ledger, registry, client_for):
    entries = sell(ledger, 30)

    def lose_answer() -> None:
        registry.after_push = None
        raise Lost

    registry.after_push = lose_answer
    with client_for(ledger) as client, pytest.raises(Lost):
        job.run(ledger, client, batch_size=10)
    assert _pending(ledger) == entries  # nothing acked: the answer never arrived
    [unanswered] = syncstate.unanswered_batches(ledger)
    assert syncstate.last_run(ledger).outcome == "failed"

    with client_for(ledger) as client:
        result = job.run(ledger, client, batch_size=10)
    first_key, first_body = registry.pushes[0]
    resent_key, resent_body = registry.pushes[1]
    assert (resent_key, resent_body) == (first_key, first_body)
    assert (first_key, first_body) == (unanswered.batch_id, unanswered.body)
    assert result.accepted == entries  # the replayed answer counts the first batch once
    assert _pending(ledger) == 0
    assert registry.received() == entries
    assert syncstate.unanswered_batches(ledger) == []


def test_a_rebuilt_batch_is_harmless_duplicates_are_acked(ledger, registry, client_for):
    sell(ledger, 12)
    with client_for(ledger) as client:
        job.run(ledger, client, pull=False)
    ledger.conn.execute("UPDATE outbox SET acked_at = NULL")  # as if the acks were lost
    registry.forget_answers()  # and the registry had pruned its stored answers
    with client_for(ledger) as client:
        result = job.run(ledger, client, pull=False)
    assert result.accepted == 0 and result.duplicates > 0
    assert _pending(ledger) == 0


WITHHELD = "demo-wetland"  # a project the registry does not know yet: its sales are refused


@pytest.mark.withhold(WITHHELD)
def test_rejected_records_are_listed_not_acked_and_not_resent(registry, client_for, tmp_path):
    """A kiosk tried out before its first sync sold the demo catalogue's invented serials: the
    registry refuses every such record (a project it does not list as unknown, the others for
    their serials); they are listed, not acked and not resent until cleared."""
    with Ledger.open(tmp_path / "tried.sqlite") as ledger:
        entries = sell(ledger, 20)
        enrol(ledger, registry, pull=False)
        bad = ledger.conn.execute(
            "SELECT x.order_id FROM outbox x JOIN orders o ON o.id = x.order_id"
            " WHERE o.project_id = ?",
            (WITHHELD,),
        ).fetchall()
        with client_for(ledger) as client:
            result = job.run(ledger, client, pull=False)
        rejects = syncstate.rejects(ledger)
        assert result.rejected == len(rejects) == entries and len(bad) >= 2
        unknown = {r.order_id for r in rejects if r.reason == f"unknown project {WITHHELD}"}
        assert unknown == {row[0] for row in bad}
        assert all("DEMO-" in r.reason or r.order_id in unknown or "unknown sale" in r.reason
                   for r in rejects)  # fmt: skip
        assert _pending(ledger) == len(rejects) and registry.received() == 0
        assert syncstate.queue_length(ledger) == 0
        assert syncstate.last_run(ledger).outcome == "warnings"
        sent_before = len(registry.pushes)
        with client_for(ledger) as client:
            again = job.run(ledger, client, pull=False)
        assert len(registry.pushes) == sent_before and again.rejected == 0
        assert syncstate.clear_rejects(ledger) == len(rejects)
        registry.add_projects(demo_projects([WITHHELD]))  # the operator adds the project
        with client_for(ledger) as client:
            retried = job.run(ledger, client, pull=False)
        assert retried.rejected == entries and registry.received() == 0  # never a demo sale
        assert not any(r.reason.startswith("unknown project") for r in syncstate.rejects(ledger))


def test_a_4xx_stops_the_run_with_its_reason_and_keeps_the_queue(ledger, registry, client_for):
    entries = sell(ledger, 8)
    registry.fault = lambda method, target: (
        (400, {"error": {"code": "bad_request", "message": "records[0].payload: no"}})
        if method == "POST"
        else None
    )
    with client_for(ledger) as client, pytest.raises(Refused) as caught:
        job.run(ledger, client)
    assert caught.value.exit_code == EXIT_PROTOCOL
    assert "400" in str(caught.value) and "records[0].payload: no" in str(caught.value)
    assert _pending(ledger) == entries
    run = syncstate.last_run(ledger)
    assert run.outcome == "failed" and "records[0].payload" in run.error


def test_an_answer_that_does_not_cover_the_batch_applies_nothing(ledger, client_for):
    entries = sell(ledger, 5)

    def partial(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        return httpx.Response(200, json={"batch_id": body["batch_id"], "results": []})

    transport = httpx.MockTransport(partial)
    with client_for(ledger, transport=transport) as client, pytest.raises(Refused, match="lacks"):
        job.run(ledger, client)
    assert _pending(ledger) == entries
    assert len(syncstate.unanswered_batches(ledger)) == 1  # resent next time


def test_a_409_retires_the_batch_id_and_its_records_go_again(ledger, registry, client_for):
    entries = sell(ledger, 10)

    def lose_answer() -> None:
        registry.after_push = None
        raise Lost

    registry.after_push = lose_answer
    with client_for(ledger) as client, pytest.raises(Lost):
        job.run(ledger, client, pull=False)
    [batch] = syncstate.unanswered_batches(ledger)
    sent = json.loads(batch.body)  # the registry holds other records under this batch id
    other = protocol.canonical({**sent, "records": sent["records"][:-1]})
    ledger.conn.execute(
        "UPDATE sync_batches SET body = ? WHERE batch_id = ?", (other, batch.batch_id)
    )
    with client_for(ledger) as client:
        result = job.run(ledger, client, pull=False)
    assert any("conflicted" in w for w in result.warnings)
    assert result.duplicates == entries and _pending(ledger) == 0
    assert registry.received() == entries


def test_every_run_is_recorded_a_killed_one_as_interrupted(ledger, registry, client_for):
    entries = sell(ledger, 30)
    syncstate.start_run(ledger)  # a run that never ended: killed
    seen = {"n": 0}

    def die_on_second() -> None:
        seen["n"] += 1
        if seen["n"] == 2:
            raise Lost

    registry.after_push = die_on_second
    with client_for(ledger) as client, pytest.raises(Lost):
        job.run(ledger, client, batch_size=10)
    registry.after_push = None
    with client_for(ledger) as client:
        done = job.run(ledger, client, batch_size=10)
    third, second, first = syncstate.runs(ledger)[:3]
    assert first.outcome == "interrupted" and "killed or crashed" in first.error
    assert second.outcome == "failed" and second.pushed == 10  # saved after each batch
    assert third.outcome == "ok" and third.pushed == entries - 10
    assert third.pulled == done.pulled > 0  # allocations and rankings changed with the sales
    assert third.ended_at >= third.started_at


def test_answered_batch_bodies_are_emptied_after_30_days_the_rows_stay(
    ledger, registry, client_for
) -> None:
    sell(ledger, 10)
    with client_for(ledger) as client:
        job.run(ledger, client, pull=False)
    [recorded] = ledger.conn.execute("SELECT batch_id, answered_at FROM sync_batches").fetchall()
    assert syncstate.prune_batches(ledger, "2000-01-01T00:00:00.000Z") == 0
    assert syncstate.prune_batches(ledger, "2999-01-01T00:00:00.000Z") == 1
    batch = syncstate.batch(ledger, recorded[0])
    assert batch.body == b"" and len(batch.entry_ids) > 0
    assert ledger.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] > 0


def test_the_models_leave_the_signed_bytes_as_they_were(ledger) -> None:
    """The push body is built through sync.messages now: the bytes a resend must repeat and the
    registry hashes are still the canonical JSON of exactly the outbox's fields."""
    sell(ledger, 6)
    rows = syncstate.sendable(ledger, 100)
    by_hand = protocol.canonical(
        {
            "batch_id": "b-1",
            "records": [
                {
                    "outbox_id": row["id"],
                    "order_id": row["order_id"],
                    "event": row["event"],
                    "payload": json.loads(syncstate.payload_text(row)),
                }
                for row in rows
            ],
        }
    )
    assert batch_body.build_body("b-1", rows) == by_hand


def test_a_malformed_answer_is_refused_naming_the_field(ledger, registry, client_for):
    entries = sell(ledger, 4)

    def odd(request: httpx.Request) -> httpx.Response:
        answer = registry.handle(request)
        if request.url.path != protocol.PUSH:
            return answer
        data = answer.json()
        data["results"][0]["status"] = "maybe"
        return httpx.Response(200, json=data)

    transport = httpx.MockTransport(odd)
    with (
        client_for(ledger, transport=transport) as client,
        pytest.raises(Refused, match=r"results\.0\.status"),
    ):
        job.run(ledger, client)
    assert _pending(ledger) == entries  # nothing applied from it
