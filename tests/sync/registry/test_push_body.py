"""A push body is parsed once and hashed as it arrived (issue 19): the batch's idempotency hash
is the SHA-256 of the signed bytes, and a batch a registry stored before (under the hash of its
canonical re-encoding) still gets its stored answer back."""

from __future__ import annotations

import hashlib
import json

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine, select, update
from starlette.testclient import TestClient

from sync import protocol
from sync.messages import PushRequest
from sync.registry import push_body
from sync.registry.tables import batches, purchases
from tests.sync.registry.helpers import Kiosk


def _body(kiosk: Kiosk, batch_id: str, count: int = 2) -> bytes:
    """A valid push, spaced out as a hand-written client might send it (not canonical)."""
    records = [kiosk.record(kiosk.order()) for _ in range(count)]
    return json.dumps({"records": records, "batch_id": batch_id}, indent=1).encode()


def _push(client: TestClient, kiosk: Kiosk, body: bytes, batch_id: str):
    return kiosk.post(client, protocol.PUSH, body, **{protocol.H_IDEMPOTENCY: batch_id})


def _stored_hash(engine: Engine, batch_id: str) -> str:
    with engine.connect() as conn:
        return conn.execute(
            select(batches.c.request_hash).where(batches.c.batch_id == batch_id)
        ).scalar_one()


def test_the_batch_hash_is_of_the_bytes_as_signed(
    client: TestClient, kiosk: Kiosk, engine: Engine
) -> None:
    body = _body(kiosk, "b-raw")
    first = _push(client, kiosk, body, "b-raw")
    assert first.status_code == 200, first.text
    assert _stored_hash(engine, "b-raw") == hashlib.sha256(body).hexdigest()
    again = _push(client, kiosk, body, "b-raw")
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json() == first.json()
    same_content = protocol.canonical(json.loads(body))  # other bytes under the same key
    refused = _push(client, kiosk, same_content, "b-raw")
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "idempotency_conflict"


def test_a_batch_stored_under_its_canonical_hash_is_still_replayed(
    client: TestClient, kiosk: Kiosk, engine: Engine
) -> None:
    """As a registry before this change stored it: the resend gets the stored answer."""
    body = _body(kiosk, "b-old")
    first = _push(client, kiosk, body, "b-old")
    old_hash = hashlib.sha256(protocol.canonical(json.loads(body))).hexdigest()
    with engine.begin() as conn:
        conn.execute(
            update(batches).where(batches.c.batch_id == "b-old").values(request_hash=old_hash)
        )
    again = _push(client, kiosk, body, "b-old")
    assert again.status_code == 200 and again.headers.get("Idempotent-Replayed") == "true"
    assert again.json() == first.json()
    other = _push(client, kiosk, _body(kiosk, "b-old", 1), "b-old")
    assert other.status_code == 409


def test_a_surrogate_written_as_utf8_bytes_is_a_400(client: TestClient, kiosk: Kiosk) -> None:
    record = kiosk.record(kiosk.order(nickname="NICK"))
    body = protocol.canonical({"batch_id": "b-sur", "records": [record]})
    body = body.replace(b'"NICK"', b'"\xed\xa0\x80"')
    assert b"\xed\xa0\x80" in body
    refused = _push(client, kiosk, body, "b-sur")
    assert refused.status_code == 400 and "surrogate" in refused.json()["error"]["message"]


def test_the_layout_reader_keeps_each_payload_as_sent_or_declines() -> None:
    tricky = {"nickname": '},{"event":"paid","x":"\\"', "lines": [{"g": 1}], "z": "é"}
    body = protocol.canonical(
        {
            "batch_id": "b-1",
            "records": [
                {"outbox_id": 7, "order_id": "o-1", "event": "paid", "payload": tricky},
                {"outbox_id": 8, "order_id": "o-2", "event": "voided", "payload": {}},
            ],
        }
    ).decode()
    value, texts = push_body.read(body)
    assert value == json.loads(body)
    assert texts == [protocol.canonical(tricky).decode(), "{}"]
    assert push_body.read(protocol.canonical({"batch_id": "b", "records": []}).decode()) == (
        {"batch_id": "b", "records": []},
        [],
    )
    for other in (
        json.dumps(json.loads(body), indent=1),  # spaced out
        body.replace('"outbox_id":7', '"outbox_id":7.0'),
        body + " ",
        body[:-1],  # cut short: the whole parse names the fault
        '{"records":[],"batch_id":"b"}',
    ):
        assert push_body.read(other) is None


def test_a_paid_order_is_stored_and_hashed_as_the_kiosk_sent_it(
    client: TestClient, kiosk: Kiosk, engine: Engine
) -> None:
    """A canonical body (as the kiosk's job writes it): the stored payload is the text sent,
    its hash the SHA-256 of those bytes, which is its canonical JSON's."""
    order = kiosk.order()
    body = protocol.canonical({"batch_id": "b-c", "records": [kiosk.record(order)]})
    assert _push(client, kiosk, body, "b-c").json()["results"][0]["status"] == "accepted"
    sent = protocol.canonical(order)
    assert sent in body
    with engine.connect() as conn:
        stored = conn.execute(
            select(purchases.c.payload, purchases.c.payload_hash).where(
                purchases.c.order_id == order["id"]
            )
        ).one()
    assert stored.payload.encode() == sent
    assert stored.payload_hash == hashlib.sha256(sent).hexdigest()
    again = protocol.canonical({"batch_id": "b-d", "records": [kiosk.record(order)]})
    assert _push(client, kiosk, again, "b-d").json()["results"][0]["status"] == "duplicate"


def _canonical(batch_id: str, record: dict, count: int = 1) -> str:
    return protocol.canonical({"batch_id": batch_id, "records": [record] * count}).decode()


def test_a_canonical_body_is_checked_as_the_model_checks_it() -> None:
    """Taken as read only when PushRequest would take it: each field it checks, broken in a
    body the layout reader reads, is doubted (and then refused by the model)."""
    good = {"outbox_id": 3, "order_id": "o-1:a.b_c", "event": "voided", "payload": {"a": 1}}
    broken = [
        ("b\n", {}),  # a trailing newline, which Python's `$` would let through
        ("-b", {}),
        ("b" * 101, {}),
        ("", {}),
        ("b", {"order_id": "o-1\n"}),
        ("b", {"order_id": ""}),
        ("b", {"order_id": "o" * 65}),
        ("b", {"order_id": "o/1"}),
        ("b", {"event": "shipped"}),
        ("b", {"payload": []}),
        ("b", {"payload": "x"}),
    ]
    for batch_id, change in broken:
        text = _canonical(batch_id, {**good, **change})
        read = push_body.read(text)
        assert read is not None, (batch_id, change)
        assert not push_body.valid(read[0]), (batch_id, change)
        with pytest.raises(ValidationError):
            PushRequest.model_validate_json(text)
    too_many = push_body.read(_canonical("b", good, protocol.MAX_BATCH + 1))
    assert too_many is not None and not push_body.valid(too_many[0])
    for batch_id, count in (("b" * 100, 1), ("B.1:x_y-z", protocol.MAX_BATCH), ("b", 0)):
        text = _canonical(batch_id, {**good, "order_id": "o" * 64}, count)
        read = push_body.read(text)
        assert read is not None and push_body.valid(read[0])
        PushRequest.model_validate_json(text)


def test_a_canonical_body_the_model_refuses_is_a_422_naming_the_field(
    client: TestClient, kiosk: Kiosk
) -> None:
    record = {**kiosk.record(kiosk.order()), "order_id": "o-1\n"}
    body = _canonical("b-422", record).encode()
    refused = _push(client, kiosk, body, "b-422")
    assert refused.status_code == 422
    assert refused.json()["error"]["message"].startswith("records.0.order_id: ")
