"""The sync job against the real registry (in process) when a push is refused: a 409 that is
not an idempotency conflict stops the run with its reason, and no run builds batches without
bound (issue 12: every 409 read as a dead idempotency key made 2,493 batches in 20 s)."""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from kiosk.certificate import keys
from kiosk.certificate.issue import kiosk_key
from kiosk.ledger import Ledger, syncstate
from sync import job, protocol
from sync.client import Backoff, Refused, RegistryClient
from sync.exit_codes import EXIT_PROTOCOL
from sync.registry import migrations, operations
from sync.registry.app import create_app
from sync.registry.db import make_engine
from sync.registry.tables import kiosks, purchases
from tests.sync.conftest import sell
from tests.sync.registry.conftest import (
    DEMO_PROJECTS,
    TestClient,  # without Starlette's httpx2 warning
)

URL = "http://127.0.0.1:9"
LOOP = 20  # pushes after which the test stops a run that would otherwise never end


class Looping(BaseException):
    """Raised by the test's transport: the job kept pushing."""


class Counting(httpx.BaseTransport):
    """The registry app's in-process transport, counting pushes; stops a runaway loop."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner, self.pushes = inner, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == protocol.PUSH:
            self.pushes += 1
            if self.pushes > LOOP:
                raise Looping(f"the job pushed {self.pushes} times")
        return self.inner.handle_request(request)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    made = make_engine(f"sqlite:///{tmp_path / 'registry.sqlite'}")
    migrations.upgrade(made)
    with made.begin() as conn:
        data = operations.read_file(DEMO_PROJECTS)
        operations.import_projects(conn=conn, data=data, source="demo")
    yield made
    made.dispose()


@pytest.fixture
def registry(engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(engine)) as client:
        yield client


@pytest.fixture
def ledger(tmp_path: Path, registry: TestClient, engine: Engine) -> Iterator[Ledger]:
    """A kiosk ledger enrolled at the registry, as `diandian enroll` leaves it."""
    with Ledger.open(tmp_path / "ledger.sqlite") as opened:
        with engine.begin() as conn:
            token = operations.new_enrol_token(conn=conn, name="hall")
        public = keys.public_text(kiosk_key(opened))
        body = {"token": token, "kiosk_id": opened.kiosk_id, "public_key": public}
        assert registry.post(protocol.ENROL, json=body).status_code == 200
        syncstate.set_settings(
            opened, {"registry_url": URL, "enrolled_kiosk": opened.kiosk_id, "enrolled_at": "t"}
        )
        yield opened


@pytest.fixture
def transport(registry: TestClient) -> Counting:
    return Counting(registry._transport)


def _client(ledger: Ledger, transport: httpx.BaseTransport) -> RegistryClient:
    backoff = Backoff(60, sleep=lambda _s: None, rng=random.Random(7))
    return RegistryClient(
        URL, kiosk_id=ledger.kiosk_id, key=kiosk_key(ledger), backoff=backoff, transport=transport
    )


def _occupy_first_certificate(engine: Engine, kiosk_id: str) -> None:
    """What a registry from before 0006 could hold: another kiosk's purchase under this
    kiosk's first certificate id (a case twin pushed serial 1 first)."""
    with engine.begin() as conn:
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
    ledger: Ledger, engine: Engine, transport: Counting
) -> None:
    sell(ledger, 5)
    _occupy_first_certificate(engine, ledger.kiosk_id)
    with _client(ledger, transport) as client, pytest.raises(Refused) as refused:
        job.run(ledger, client)
    assert refused.value.status == 409 and refused.value.code == "conflict"
    assert refused.value.exit_code == EXIT_PROTOCOL
    assert transport.pushes == 1 and _batches(ledger) == 1
    assert syncstate.last_run(ledger).outcome == "failed"
    assert "409" in syncstate.last_error(ledger).error
    # the next night resends the same recorded batch once, and stops again: still bounded
    with _client(ledger, transport) as client, pytest.raises(Refused):
        job.run(ledger, client)
    assert transport.pushes == 2 and _batches(ledger) == 1


def test_a_dead_batch_id_is_given_up_once_and_its_entries_go_in_a_new_batch(
    ledger: Ledger, registry: TestClient, transport: Counting
) -> None:
    """The registry holds other records under the recorded batch's id (a ledger restored
    beside a live one): that batch is closed, its entries go once more, and are accepted."""
    entries = sell(ledger, 5)
    recorded = job.next_batch(ledger)
    other = protocol.canonical({"batch_id": recorded.batch_id, "records": []})
    signed = protocol.sign_request(kiosk_key(ledger), ledger.kiosk_id, "POST", protocol.PUSH, other)
    headers = {**signed, protocol.H_IDEMPOTENCY: recorded.batch_id}
    assert registry.post(protocol.PUSH, content=other, headers=headers).status_code == 200
    with _client(ledger, transport) as client:
        result = job.run(ledger, client, pull=False)
    assert transport.pushes == 2 and result.accepted == entries
    assert any("conflicted" in w for w in result.warnings)


def test_a_registry_that_always_declares_the_key_dead_cannot_loop_the_job(
    ledger: Ledger, transport: Counting
) -> None:
    """However the registry answers, an entry goes at most twice in a run."""

    def dead_key(request: httpx.Request) -> httpx.Response:
        if request.url.path == protocol.PUSH:
            transport.pushes += 1
            if transport.pushes > LOOP:
                raise Looping(f"the job pushed {transport.pushes} times")
            error = {"error": {"code": "idempotency_conflict", "message": "dead"}}
            return httpx.Response(409, json=error)
        return transport.inner.handle_request(request)

    sell(ledger, 3)
    client = _client(ledger, httpx.MockTransport(dead_key))
    with client, pytest.raises(job.SyncError) as stopped:
        job.run(ledger, client, pull=False)
    assert "3 times" in str(stopped.value) and "stopping" in str(stopped.value)
    assert transport.pushes == 2 and _batches(ledger) == 3


def test_a_batch_is_split_to_fit_the_registrys_body_cap(
    ledger: Ledger, transport: Counting, monkeypatch
) -> None:
    entries = sell(ledger, 30)
    sizes = sorted(len(row["payload"]) for row in ledger.conn.execute("SELECT * FROM outbox"))
    monkeypatch.setattr(protocol, "MAX_PUSH_BODY", 6 * sizes[-1])  # the registry's cap too
    with _client(ledger, transport) as client:
        result = job.run(ledger, client, pull=False)
    assert result.accepted == entries and result.rejected == 0
    bodies = [bytes(b) for (b,) in ledger.conn.execute("SELECT body FROM sync_batches")]
    assert len(bodies) > 1 and all(len(b) <= protocol.MAX_PUSH_BODY for b in bodies)
    assert sorted(r["outbox_id"] for b in bodies for r in json.loads(b)["records"]) == list(
        range(1, entries + 1)
    )


def test_a_record_too_large_for_any_push_is_filed_as_rejected_here(
    ledger: Ledger, transport: Counting, monkeypatch
) -> None:
    entries = sell(ledger, 2)
    monkeypatch.setattr(protocol, "MAX_PUSH_BODY", 200)
    with _client(ledger, transport) as client:
        result = job.run(ledger, client, pull=False)
    assert transport.pushes == 0 and result.rejected == entries
    reasons = [r.reason for r in syncstate.rejects(ledger)]
    assert len(reasons) == entries and all("at most 200 per push" in r for r in reasons)
