"""No request crashes or stalls the registry (issue 12, "Requests that crash or stall it"):
strict signature headers, the JSON error shape for everything, authentication before parsing,
bodies capped as they stream in, parsing off the event loop."""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from sqlalchemy import Engine, func, select
from starlette.testclient import TestClient

from sync import protocol
from sync.registry import access_log, bodies
from sync.registry.tables import batches, nonces, purchases
from tests.sync.registry.helpers import Kiosk

WAIT_S = 60  # generous: the machine is shared; a pass never waits this long


def _error(response, status: int, code: str | None = None) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["message"] and "Traceback" not in response.text
    if code:
        assert error["code"] == code, error
    return error["message"]


def _rows(engine: Engine) -> tuple[int, ...]:
    with engine.connect() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(t)).scalar()
            for t in (purchases, batches, nonces)
        )


@pytest.mark.parametrize(
    "timestamp",
    ["²".encode(), b"9" * 5000, b"9" * 400, b"-1", b"1e9", b" 1700000000", b"\xff"],
    ids=["superscript-two", "5000-digits", "400-nines", "negative", "float", "space", "byte-ff"],
)
def test_a_malformed_timestamp_is_a_401_in_the_error_shape(
    client: TestClient, kiosk: Kiosk, timestamp: bytes
) -> None:
    headers = {**kiosk.headers("GET", protocol.KEYS), protocol.H_TIME: timestamp}
    message = _error(client.get(protocol.KEYS, headers=headers), 401, "unauthorised")
    assert protocol.H_TIME in message and "digits" in message


@pytest.mark.parametrize(
    ("header", "value"),
    [
        (protocol.H_NONCE, b"short"),
        (protocol.H_NONCE, b"n" * 65),
        (protocol.H_SIGNATURE, b"AAAA"),
        (protocol.H_SIGNATURE, "é".encode() * 88),
        (protocol.H_KIOSK, b"K/../X"),
        (protocol.H_KIOSK, b"K" * 65),
    ],
)
def test_malformed_signature_headers_name_the_header(
    client: TestClient, kiosk: Kiosk, header: str, value: bytes
) -> None:
    headers = {**kiosk.headers("GET", protocol.KEYS), header: value}
    assert header in _error(client.get(protocol.KEYS, headers=headers), 401, "unauthorised")


def test_a_lone_surrogate_in_a_push_is_a_400_and_writes_nothing(
    client: TestClient, kiosk: Kiosk, engine: Engine
) -> None:
    before = _rows(engine)
    record = kiosk.record(kiosk.order(nickname="NICK"))
    body = protocol.canonical({"batch_id": "b1", "records": [record]})
    body = body.replace(b'"NICK"', b'"\\ud800"')
    response = kiosk.post(client, protocol.PUSH, body, **{protocol.H_IDEMPOTENCY: "b1"})
    assert "surrogate" in _error(response, 400, "bad_body")
    assert _rows(engine) == before


def test_a_lone_surrogate_in_an_enrolment_is_a_400(client: TestClient) -> None:
    kiosk = Kiosk.new()
    body = json.dumps(
        {"token": "x" * 10, "kiosk_id": kiosk.kiosk_id, "public_key": kiosk.public, "name": "N"}
    ).replace('"N"', '"\\udfff"')
    response = client.post(protocol.ENROL, content=body)
    _error(response, 400, "bad_body")


def test_nothing_is_parsed_before_the_signature_checks_out(
    client: TestClient, kiosk: Kiosk
) -> None:
    """A stranger learns nothing of the schema: a bad body with a bad signature is a 401."""
    for body in (b"not json", b'{"records": 5}', b"[" * 100_000):
        headers = kiosk.headers("POST", protocol.PUSH, b"another body")
        response = client.post(protocol.PUSH, content=body, headers=headers)
        assert "bad signature" in _error(response, 401, "unauthorised")
    stranger = Kiosk.new()
    response = stranger.post(client, protocol.PUSH, b'{"records": 5}')
    assert "unknown kiosk" in _error(response, 401)


def test_after_the_signature_a_bad_body_is_named(client: TestClient, kiosk: Kiosk) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    for body, status in ((b"not json", 400), (deep, 400), (b'{"records": 5}', 422)):
        response = kiosk.post(client, protocol.PUSH, body, **{protocol.H_IDEMPOTENCY: "b1"})
        _error(response, status)


def test_a_body_past_the_cap_is_a_413_before_it_is_read(
    client: TestClient, kiosk: Kiosk, engine: Engine
) -> None:
    before = _rows(engine)
    big = b" " * (protocol.MAX_PUSH_BODY + 1)
    response = kiosk.post(client, protocol.PUSH, big, **{protocol.H_IDEMPOTENCY: "b1"})
    assert f"{protocol.MAX_PUSH_BODY:,}" in _error(response, 413, "too_large")
    enrolment = client.post(protocol.ENROL, content=b" " * (protocol.MAX_BODY + 1))
    _error(enrolment, 413, "too_large")
    assert _rows(engine) == before


def _asgi_call(app, path: str, chunks, headers: list[tuple[bytes, bytes]]) -> tuple[int, int]:
    """One request through the app's ASGI interface with a body that streams in (no
    Content-Length): (status, chunks the app pulled)."""
    pulled = 0
    source = iter(chunks)
    answer: dict[str, int] = {}

    async def receive() -> dict:
        nonlocal pulled
        chunk = next(source, None)
        pulled += chunk is not None
        return {"type": "http.request", "body": chunk or b"", "more_body": chunk is not None}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": headers,
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
        "state": {},
    }
    asyncio.run(app(scope, receive, send))
    return answer["status"], pulled


def test_a_streamed_body_is_cut_off_at_the_cap(client: TestClient, kiosk: Kiosk) -> None:
    """Sent without a Content-Length, 64 KiB at a time, four times the cap: the app stops
    reading after the chunk that passes the cap and answers 413."""
    chunk = b" " * 65_536
    chunks = itertools.repeat(chunk, 4 * protocol.MAX_PUSH_BODY // len(chunk))
    signed = kiosk.headers("POST", protocol.PUSH, b"whatever")
    headers = [(k.lower().encode(), v.encode()) for k, v in signed.items()]
    status, pulled = _asgi_call(client.app, protocol.PUSH, chunks, headers)
    assert status == 413
    assert pulled == protocol.MAX_PUSH_BODY // len(chunk) + 1


def test_health_answers_while_a_push_is_being_parsed(
    client: TestClient, kiosk: Kiosk, monkeypatch
) -> None:
    """The push's parse is held on a worker thread until health has answered: were it on
    the event loop, health could not answer and this would time out."""
    parsing, release = threading.Event(), threading.Event()
    real_parse = bodies.parse_push

    def held_parse(raw):
        parsing.set()
        assert release.wait(WAIT_S), "health never answered while the body was parsed"
        return real_parse(raw)

    monkeypatch.setattr(bodies, "parse_push", held_parse)
    records = [kiosk.record(kiosk.order()) for _ in range(200)]
    batch_id = str(uuid.uuid4())
    with ThreadPoolExecutor(1) as pool:
        pushing = pool.submit(kiosk.push, client, records, batch_id)
        assert parsing.wait(WAIT_S)
        try:
            assert client.get(protocol.HEALTH).json()["status"] == "ok"
        finally:
            release.set()
        assert pushing.result(WAIT_S).status_code == 200


def test_an_unexpected_failure_is_a_json_500_and_one_log_line(
    client: TestClient, caplog, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The random request id is in the message: here it holds the year, as 28 in a million did.
    chance = uuid.UUID("00000000-0000-4000-8000-000000033658")
    monkeypatch.setattr(access_log, "uuid", SimpleNamespace(uuid4=lambda: chance))

    async def broken() -> None:
        raise ValueError("year 33658 is out of range\nsecond line")

    client.app.add_api_route("/v1/test-broken", broken)
    with caplog.at_level("ERROR", logger="diandian.registry"):
        response = client.get("/v1/test-broken")
    message = _error(response, 500, "internal")
    request_id = response.headers["X-Request-Id"]
    assert request_id in message  # the client learns only the id
    assert "33658" not in message.replace(request_id, "") and "out of range" not in message
    [record] = [r for r in caplog.records if r.name == "diandian.registry"]
    line = record.getMessage()
    assert request_id in line and "ValueError" in line and "\n" not in line
    assert record.exc_info is None  # no traceback in the log either


def test_get_on_push_is_405_not_a_missing_page(client: TestClient) -> None:
    response = client.get(protocol.PUSH)
    _error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "POST"
    assert client.put(protocol.HEALTH).status_code == 405
    assert client.get("/C/NOSUCH-000001").status_code == 404  # pages still answer, both cases
    assert client.get("/c/NOSUCH-000001").status_code == 404


def test_rankings_refuse_a_day_that_is_not_a_date(client: TestClient, kiosk: Kiosk) -> None:
    path = f"{protocol.RANKINGS}?scope=day&day=0560-37-99"
    assert "0560-37-99" in _error(kiosk.get(client, path), 422)
    assert kiosk.get(client, f"{protocol.RANKINGS}?scope=day&day=2026-02-28").status_code == 200
