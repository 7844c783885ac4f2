"""The /v1 API in process (Starlette's TestClient is an httpx client), on both databases."""

from __future__ import annotations

import json
import time
from typing import Any

from sqlalchemy import Engine, func, select
from starlette.testclient import TestClient

from sync import protocol
from sync.registry import operations, purchase_storage, storage
from sync.registry.tables import batches, kiosks, nonces, purchases
from tests.sync.registry.helpers import Kiosk


def _count(engine: Engine, table: object) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def _error(response: object, status: int, code: str | None = None) -> str:
    assert response.status_code == status, response.text
    body = response.json()["error"]
    assert body["message"]
    if code:
        assert body["code"] == code
    return body["message"]


def test_health_and_openapi(client: TestClient) -> None:
    assert client.get(protocol.HEALTH).json()["status"] == "ok"
    paths = client.get("/openapi.json").json()["paths"]
    assert {protocol.PUSH, protocol.ENROL, protocol.ALLOCATIONS} <= set(paths)


def test_enrol_refuses_unknown_and_used_tokens(client: TestClient, engine: Engine) -> None:
    kiosk = Kiosk.new()
    body = {"token": "not-a-token", "kiosk_id": kiosk.kiosk_id, "public_key": kiosk.public}
    _error(client.post(protocol.ENROL, json=body), 403, "bad_token")
    with engine.begin() as conn:
        token = operations.new_enrol_token(conn=conn, name="hall")
    body["token"] = token
    assert client.post(protocol.ENROL, json=body).status_code == 200
    assert client.post(protocol.ENROL, json=body).status_code == 200  # a retry, same answer
    other = Kiosk.new()
    again = {"token": token, "kiosk_id": other.kiosk_id, "public_key": other.public}
    _error(client.post(protocol.ENROL, json=again), 403, "bad_token")
    with engine.begin() as conn:
        fresh = operations.new_enrol_token(conn=conn, name="hall")
    stolen = {"token": fresh, "kiosk_id": kiosk.kiosk_id, "public_key": other.public}
    _error(client.post(protocol.ENROL, json=stolen), 409, "kiosk_taken")
    bad_key = {"token": fresh, "kiosk_id": "K2", "public_key": "x" * 44}
    _error(client.post(protocol.ENROL, json=bad_key), 422)
    assert _count(engine, kiosks) == 1


def test_auth_refusals(client: TestClient, kiosk: Kiosk) -> None:
    path = protocol.KEYS
    assert kiosk.get(client, path).status_code == 200
    stranger = Kiosk.new()
    assert "unknown kiosk" in _error(stranger.get(client, path), 401, "unauthorised")
    forged = kiosk.headers("GET", path)
    forged[protocol.H_SIGNATURE] = stranger.headers("GET", path)[protocol.H_SIGNATURE]
    assert "bad signature" in _error(client.get(path, headers=forged), 401)
    wrong_path = kiosk.headers("GET", protocol.CATALOGUE)
    assert "bad signature" in _error(client.get(path, headers=wrong_path), 401)
    stale = protocol.sign_request(kiosk.key, kiosk.kiosk_id, "GET", path, now=time.time() - 400)
    assert "minutes off" in _error(client.get(path, headers=stale), 401)
    once = kiosk.headers("GET", path)
    assert client.get(path, headers=once).status_code == 200
    assert "replayed" in _error(client.get(path, headers=once), 401)
    assert "missing" in _error(client.get(path), 401)
    old = {**kiosk.headers("GET", path), protocol.H_PROTOCOL: "99"}
    assert "protocol version" in _error(client.get(path, headers=old), 400)


def test_push_answers_each_record(client: TestClient, kiosk: Kiosk, engine: Engine) -> None:
    good, twin = kiosk.order(), kiosk.order()
    records = [
        kiosk.record(good),
        kiosk.record(kiosk.order(project="no-such-project")),
        kiosk.record(kiosk.order(kiosk_id="KOTHER")),
        kiosk.record({**twin, "id": "11111111-aaaa", "serial": good["serial"]}),
        kiosk.void({**kiosk.order(), "id": "never-sold"}),
        kiosk.record(good),
        kiosk.record({**kiosk.order(), "offset_g": "lots"}),
    ]
    response = kiosk.push(client, records)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["status"] for r in results] == [
        "accepted",
        "rejected",
        "rejected",
        "rejected",
        "rejected",
        "duplicate",
        "rejected",
    ]
    reasons = [r.get("reason", "") for r in results]
    assert "unknown project no-such-project" in reasons[1]
    assert "not the signing kiosk" in reasons[2]
    assert "already used by order" in reasons[3]
    assert "unknown sale" in reasons[4]
    assert "offset_g" in reasons[6]
    assert [r["outbox_id"] for r in results] == [r["outbox_id"] for r in records]
    assert _count(engine, purchases) == 1


def test_void_then_duplicate_void(client: TestClient, kiosk: Kiosk, engine: Engine) -> None:
    sale = kiosk.order()
    kiosk.push(client, [kiosk.record(sale)])
    first = kiosk.push(client, [kiosk.void(sale)]).json()["results"][0]["status"]
    second = kiosk.push(client, [kiosk.void(sale)]).json()["results"][0]["status"]
    assert (first, second) == ("accepted", "duplicate")
    with engine.connect() as conn:
        assert purchase_storage.find_purchase(
            conn=conn, cert_id=f"{kiosk.kiosk_id}-000001"
        ).voided_at


def test_paid_and_voided_in_one_batch(client: TestClient, kiosk: Kiosk, engine: Engine) -> None:
    sale = kiosk.order()
    results = kiosk.push(client, [kiosk.record(sale), kiosk.void(sale)]).json()["results"]
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    with engine.connect() as conn:
        assert operations.stats(conn=conn)["voided"] == 1


def test_resent_batch_gets_the_stored_answer(
    client: TestClient, kiosk: Kiosk, engine: Engine
) -> None:
    records = [kiosk.record(kiosk.order()) for _ in range(3)]
    first = kiosk.push(client, records, batch_id="batch-1")
    again = kiosk.push(client, records, batch_id="batch-1")  # re-signed: a new nonce
    assert again.json() == first.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert [r["status"] for r in again.json()["results"]] == ["accepted"] * 3
    changed = kiosk.push(client, records[:2], batch_id="batch-1")
    _error(changed, 409, "idempotency_conflict")
    fresh = kiosk.push(client, records, batch_id="batch-2")  # same records, new batch
    assert [r["status"] for r in fresh.json()["results"]] == ["duplicate"] * 3
    assert _count(engine, purchases) == 3


def test_closed_day_is_filed_not_refused(client: TestClient, kiosk: Kiosk, engine: Engine) -> None:
    with engine.begin() as conn:
        storage.close_day(conn=conn, day="2026-11-20")
    late = kiosk.order(paid_at="2026-11-20T09:00:00.000000Z")
    result = kiosk.push(client, [kiosk.record(late)]).json()["results"][0]
    assert result["status"] == "accepted" and "filed" in result["note"]
    with engine.connect() as conn:
        assert purchase_storage.find_purchase(
            conn=conn, cert_id=f"{kiosk.kiosk_id}-000001"
        ).filed_late


def test_bad_bodies_are_4xx_json_and_write_nothing(
    client: TestClient, kiosk: Kiosk, engine: Engine
) -> None:
    before = (_count(engine, purchases), _count(engine, batches), _count(engine, nonces))
    good = kiosk.record(kiosk.order())
    bodies = [
        b"not json",
        b"[]",
        {"records": [good]},
        {"batch_id": "b1", "records": [{**good, "event": "refunded"}]},
        {"batch_id": "b1", "records": [{**good, "outbox_id": -1}]},
        {"batch_id": "b1", "records": [{**good, "payload": "text"}]},
        {"batch_id": "b1", "records": [good], "extra": 1},
        {"batch_id": "b 1", "records": [good]},
        {"batch_id": "b1", "records": [good] * (protocol.MAX_BATCH + 1)},
    ]
    for body in bodies:
        response = kiosk.post(client, protocol.PUSH, body, **{protocol.H_IDEMPOTENCY: "b1"})
        assert 400 <= response.status_code < 500, (body, response.text)
        assert response.json()["error"]["message"]
    mismatch = kiosk.post(
        client,
        protocol.PUSH,
        {"batch_id": "b1", "records": [good]},
        **{protocol.H_IDEMPOTENCY: "other"},
    )
    _error(mismatch, 400, "idempotency_key")
    _error(kiosk.get(client, f"{protocol.RANKINGS}?scope=year"), 422)
    assert (_count(engine, purchases), _count(engine, batches), _count(engine, nonces)) == before


def test_pulls(client: TestClient, kiosk: Kiosk) -> None:
    catalogue = kiosk.get(client, protocol.CATALOGUE).json()
    assert len(catalogue["projects"]) == 4 and catalogue["version"].startswith("registry-")
    factors = kiosk.get(client, protocol.FACTORS).json()
    assert factors["version"] == factors["table"]["version"] and factors["table"]["factor"]
    keys = kiosk.get(client, protocol.KEYS).json()["keys"]
    assert {"kiosk_id": kiosk.kiosk_id, "public_key": kiosk.public} in keys


def test_allocations_top_up_to_headroom_in_whole_retired_tonnes(
    client: TestClient, kiosk: Kiosk
) -> None:
    first = kiosk.get(client, protocol.ALLOCATIONS).json()["allocations"]
    assert {a["granted_g"] for a in first} == {5_000_000} and len(first) == 4
    forest = next(a for a in first if a["project_id"] == "demo-longquan-forest")
    (grant,) = forest["grants"]
    assert (grant["prefix"], grant["first"], grant["last"]) == ("CDCER-2024-", 1, 5)
    assert (grant["reference"], forest["credit_model"]) == ("SEEE-TEST-0001", "retire_first")
    assert kiosk.get(client, protocol.ALLOCATIONS).json()["allocations"] == first
    kiosk.push(client, [kiosk.record(kiosk.order(offset_g=250_000))])
    after = {
        a["project_id"]: a for a in kiosk.get(client, protocol.ALLOCATIONS).json()["allocations"]
    }
    forest = after["demo-longquan-forest"]
    assert forest["granted_g"] == 6_000_000  # 4.75 t unsold: one more whole tonne
    assert [(g["first"], g["last"]) for g in forest["grants"]] == [(1, 5), (6, 6)]
    assert forest["drawn_to"] == {"serial": "CDCER-2024-000001", "to_g": 250_000}
    assert after["demo-wetland"]["granted_g"] == 5_000_000


def test_rankings_by_scope(client: TestClient, kiosk: Kiosk, engine: Engine) -> None:
    other = Kiosk.new(venue="hotel")
    other.enrol(client, engine)
    kiosk.push(client, [kiosk.record(kiosk.order(offset_g=3000, nickname="熊猫"))])
    kiosk.push(client, [kiosk.record(kiosk.order(offset_g=1000, nickname="tiger"))])
    other.push(client, [other.record(other.order(offset_g=9000, nickname="eagle"))])
    day = kiosk.get(client, f"{protocol.RANKINGS}?scope=day").json()
    assert [(r["rank"], r["nickname"]) for r in day["rankings"]] == [(1, "熊猫"), (2, "tiger")]
    everywhere = kiosk.get(client, f"{protocol.RANKINGS}?scope=all").json()["rankings"]
    assert everywhere[0]["nickname"] == "eagle"
    past = kiosk.get(client, f"{protocol.RANKINGS}?scope=day&day=2020-01-01").json()
    assert past["rankings"] == []


def test_certificate_lookup(client: TestClient, kiosk: Kiosk) -> None:
    sale = kiosk.order()
    cert_id = f"{kiosk.kiosk_id}-000001"
    _error(client.get(protocol.CERTIFICATE.format(cert_id=cert_id)), 404, "not_found")
    kiosk.push(client, [kiosk.record(sale)])
    found = client.get(protocol.CERTIFICATE.format(cert_id=cert_id.lower())).json()
    assert found["received"] and found["retirement"] is None
    assert json.loads(json.dumps(found))["offset_g"] == sale["offset_g"]


def test_days_are_china_days(client: TestClient, kiosk: Kiosk) -> None:
    late_evening_utc = kiosk.order(nickname="owl", paid_at="2026-11-20T20:00:00.000000Z")
    kiosk.push(client, [kiosk.record(late_evening_utc)])
    path = f"{protocol.RANKINGS}?scope=day&day=2026-11-21"
    assert [r["nickname"] for r in kiosk.get(client, path).json()["rankings"]] == ["owl"]


def test_unparseable_paid_at_is_rejected(client: TestClient, kiosk: Kiosk) -> None:
    bad = kiosk.order(paid_at="yesterday at noon")
    result = kiosk.push(client, [kiosk.record(bad)]).json()["results"][0]
    assert result["status"] == "rejected" and "paid_at" in result["reason"]


def test_odd_values_never_make_a_500(client: TestClient, kiosk: Kiosk, engine: Engine) -> None:
    huge = kiosk.order(serial=2**70)
    nul = kiosk.order(nickname="pa\x00nda", venue="v\x00")
    results = kiosk.push(client, [kiosk.record(huge), kiosk.record(nul)]).json()["results"]
    assert [r["status"] for r in results] == ["rejected", "accepted"]
    with engine.connect() as conn:
        assert purchase_storage.find_purchase(
            conn=conn, cert_id=f"{kiosk.kiosk_id}-000002"
        ).nickname == ("panda")


def test_imported_factor_table_replaces_the_shipped_one(
    client: TestClient, kiosk: Kiosk, engine: Engine
) -> None:
    shipped = kiosk.get(client, protocol.FACTORS).json()
    newer = {**shipped["table"], "version": "2027.1.1"}
    with engine.begin() as conn:
        assert operations.import_factors(conn=conn, data=newer, source="f") == "2027.1.1"
    served = kiosk.get(client, protocol.FACTORS).json()
    assert served["version"] == "2027.1.1" and served["table"]["factor"] == newer["factor"]


def test_projects_import_from_json(client: TestClient, kiosk: Kiosk, engine: Engine, tmp_path):
    from tests.sync.registry.test_storage import SMALL

    path = tmp_path / "projects.json"
    path.write_text(json.dumps({"projects": SMALL["project"]}))
    with engine.begin() as conn:
        assert operations.import_projects(
            conn=conn, data=operations.read_file(path), source=str(path)
        ) == ["small"]
    catalogue = kiosk.get(client, protocol.CATALOGUE).json()
    assert catalogue["projects"][-1]["id"] == "small" and catalogue["version"] == "registry-2"


PUBLIC = {
    protocol.HEALTH,
    protocol.ENROL,
    protocol.CERTIFICATE,
    protocol.PAGE,
    protocol.PAGE + "/{token}",
    protocol.EVENT_PAGE,
    "/p/{project_id}",  # the project page
    *("/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"),
    # the phone flow's pages (a visitor's signed cookie and CSRF token, no kiosk signature)
    # and the payment routes (the provider's own signature, checked by its verify_notice)
    "/static/{name}",
    "/v/{venue_id}",
    "/v/{venue_id}/lang/{code}",
    "/v/{venue_id}/s/{scenario_id}",
    "/v/{venue_id}/q/{number}",
    "/v/{venue_id}/result",
    "/v/{venue_id}/amount",
    "/v/{venue_id}/company",
    "/v/{venue_id}/order",
    "/v/{venue_id}/order/{order_id}",
    "/pay/notify/{name}",
    "/pay/sim/{payment_id}",
    # the operator console's way in and out (its form's CSRF token; sync.registry.console)
    *("/ops", "/ops/sign-in", "/ops/sign-out", "/ops/lang/{code}"),
}
# the operator console's pages: a signed-in operator's session cookie, checked in each page
CONSOLE = {"/ops/statements", "/ops/statements/{number}", "/ops/reconcile", "/ops/audit"}
CONSOLE |= {"/ops/kiosks", "/ops/venues", "/ops/sales", "/ops/retirements", "/ops/tokens"}
CONSOLE |= {"/ops/statements/{number}/pdf", "/ops/statements/{number}/csv"}
CONSOLE_FORMS = {"/ops/statements/{number}/payout"}  # and the form's CSRF token
CONSOLE_FORMS |= {"/ops/statements/close", "/ops/retirements", "/ops/tokens", "/ops/tokens/revoke"}
CONSOLE |= {"/ops/events", "/ops/invoices"}  # issue 18
CONSOLE_FORMS |= {"/ops/events", "/ops/invoices/{request_id}/{action}"}  # issue 18


def _routes(app: Any) -> list[Any]:
    """The app's routes, with those of included routers (none has a prefix)."""
    found = []
    for route in app.routes:
        included = getattr(route, "original_router", None)
        found.extend(included.routes if included is not None else [route])
    return found


def _signed_routes(client: TestClient, check: Any = None) -> dict[str, set[str]]:
    """path -> methods of every route that checks a kiosk's signature (or `check`, another
    dependency) through the dependency."""
    from sync.registry.auth import signed_request

    found: dict[str, set[str]] = {}
    for route in _routes(client.app):
        dependant = getattr(route, "dependant", None)
        if dependant and any(d.call is (check or signed_request) for d in dependant.dependencies):
            found.setdefault(route.path, set()).update(route.methods)
    return found


def test_every_kiosk_route_is_signed_through_one_dependency(client: TestClient) -> None:
    signed = _signed_routes(client)
    every = {
        "/c/" + route.path[3:] if route.path.startswith("/C/") else route.path
        for route in _routes(client.app)
    }
    from sync.registry.routes.operator_api import operator_request

    by_operators = _signed_routes(client, operator_request)
    assert all(path.startswith("/ops/api/") for path in by_operators)
    # a new route is public, signed by a kiosk or an operator's, never unchecked
    assert every - PUBLIC - CONSOLE - CONSOLE_FORMS == set(signed) | set(by_operators)
    form = {"content-type": "application/x-www-form-urlencoded"}
    # without a session, each page and each form sends to the sign-in page
    for method, path in [*(("GET", p) for p in CONSOLE), *(("POST", p) for p in CONSOLE_FORMS)]:
        url = path.replace("{number}", "1")
        answer = (
            client.post(url, content=b"csrf=x", headers=form, follow_redirects=False)
            if method == "POST"
            else client.get(url, follow_redirects=False)
        )
        assert answer.status_code == 303, (method, path)
        assert answer.headers["location"].startswith("/ops/sign-in?next="), (method, path)
    assert set(signed) == {
        protocol.PUSH,
        protocol.CATALOGUE,
        protocol.FACTORS,
        protocol.ALLOCATIONS,
        protocol.RANKINGS,
        protocol.KEYS,
        protocol.EVENTS,
    }
    empty = json.dumps({"batch_id": "b1", "records": []})
    for path, methods in signed.items():
        response = client.request(
            methods.pop(), path, content=empty, headers={"content-type": "application/json"}
        )
        assert "missing" in _error(response, 401, "unauthorised"), path
