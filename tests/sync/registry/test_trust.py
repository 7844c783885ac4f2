"""A kiosk writes only its own sales: ids in one case, orders keyed by kiosk, copies that must
match what was stored (issue 12, "A kiosk can write what is not its own"). Both databases."""

from __future__ import annotations

import json

from sqlalchemy import Engine, func, select, text
from starlette.testclient import TestClient

from sync import protocol
from sync.registry import migrations, operations, purchase_storage, storage
from sync.registry.tables import kiosks, purchases
from tests.sync.registry.helpers import PROJECT, Kiosk


def _statuses(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [r["status"] for r in response.json()["results"]]


def _count(engine: Engine, **where: str) -> int:
    query = select(func.count()).select_from(purchases)
    for column, value in where.items():
        query = query.where(purchases.c[column] == value)
    with engine.connect() as conn:
        return conn.execute(query).scalar()


def _lookup(client: TestClient, cert_id: str) -> dict:
    return client.get(protocol.CERTIFICATE.format(cert_id=cert_id)).json()


def test_another_kiosks_order_id_does_not_hide_the_genuine_sale(
    client: TestClient, engine: Engine, kiosk: Kiosk
) -> None:
    """The attacker pushes the victim's order UUID first: the victim's sale is still stored,
    and the victim's certificate shows the victim's sale."""
    attacker = Kiosk.new()
    attacker.enrol(client, engine)
    genuine = kiosk.order(offset_g=4_000)
    stolen = attacker.order(offset_g=999_000, id=genuine["id"])
    assert _statuses(attacker.push(client, [attacker.record(stolen)])) == ["accepted"]
    assert _statuses(kiosk.push(client, [kiosk.record(genuine)])) == ["accepted"]
    assert _count(engine, order_id=genuine["id"]) == 2
    assert _lookup(client, f"{kiosk.kiosk_id}-000001")["offset_g"] == 4_000
    # the attacker's void of "that" order refunds only its own copy
    assert _statuses(attacker.push(client, [attacker.void(stolen)])) == ["accepted"]
    assert _lookup(client, f"{kiosk.kiosk_id}-000001")["voided"] is False


def test_a_copy_with_other_content_is_rejected_not_taken_as_a_duplicate(
    client: TestClient, engine: Engine, kiosk: Kiosk
) -> None:
    sale = kiosk.order(offset_g=4_000)
    assert _statuses(kiosk.push(client, [kiosk.record(sale)])) == ["accepted"]
    assert _statuses(kiosk.push(client, [kiosk.record(sale)])) == ["duplicate"]
    altered = {**sale, "offset_g": 40_000_000}
    response = kiosk.push(client, [kiosk.record(altered)])
    assert _statuses(response) == ["rejected"]
    assert "other content" in response.json()["results"][0]["reason"]
    twice = kiosk.push(client, [kiosk.record(altered), kiosk.record({**altered, "amount_fen": 1})])
    assert _statuses(twice) == ["rejected", "rejected"]
    same_batch = kiosk.order()
    mixed = kiosk.push(
        client, [kiosk.record(same_batch), kiosk.record({**same_batch, "venue": "x"})]
    )
    assert _statuses(mixed) == ["accepted", "rejected"]
    assert _lookup(client, f"{kiosk.kiosk_id}-000001")["offset_g"] == 4_000


def test_a_copy_is_reported_to_the_operator_in_one_log_line(
    client: TestClient, kiosk: Kiosk, caplog
) -> None:
    sale = kiosk.order()
    kiosk.push(client, [kiosk.record(sale)])
    caplog.clear()
    altered = [kiosk.record({**sale, "nickname": f"n{i}"}) for i in range(3)]
    with caplog.at_level("WARNING", logger="diandian.registry"):
        kiosk.push(client, altered)
    [line] = [r.getMessage() for r in caplog.records if r.name == "diandian.registry"]
    assert kiosk.kiosk_id in line and "3 record(s) rejected" in line and sale["id"] in line


def test_kiosk_ids_are_enrolled_in_upper_case_only(client: TestClient, engine: Engine) -> None:
    lower = Kiosk.new()
    lower.kiosk_id = lower.kiosk_id.lower()
    with engine.begin() as conn:
        token = operations.new_enrol_token(conn=conn, name="hall")
    body = {"token": token, "kiosk_id": lower.kiosk_id, "public_key": lower.public}
    response = client.post(protocol.ENROL, json=body)
    assert response.status_code == 422 and "kiosk_id" in response.json()["error"]["message"]
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(kiosks)).scalar() == 0
        assert operations.token_refusal(storage.get_enrol_token(
            conn=conn, token_hash=operations.hash_token(token))) is None  # fmt: skip


def _legacy_kiosk(engine: Engine, kiosk_id: str, public_key: str, enrolled_at: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            kiosks.insert().values(
                kiosk_id=kiosk_id, name="t", public_key=public_key, enrolled_at=enrolled_at
            )
        )


def test_an_upper_case_id_beside_an_old_lower_case_twin_is_refused(
    client: TestClient, engine: Engine
) -> None:
    old = Kiosk.new()
    _legacy_kiosk(engine, old.kiosk_id.lower(), old.public, "2026-01-01T00:00:00.000Z")
    newcomer = Kiosk(old.kiosk_id, Kiosk.new().key)
    with engine.begin() as conn:
        token = operations.new_enrol_token(conn=conn, name="hall")
    body = {"token": token, "kiosk_id": newcomer.kiosk_id, "public_key": newcomer.public}
    response = client.post(protocol.ENROL, json=body)
    assert response.status_code == 409, response.text
    assert "differs only in case" in response.json()["error"]["message"]


def test_step_0006_suspends_a_case_twin_and_frees_the_genuine_certificates(
    db_url: str, tmp_path
) -> None:
    """A registry from before holds KSH7ERP3HE and ksh7erp3he; the lower-case one pushed
    serials 1..3 first, under the genuine kiosk's certificate ids."""
    from sync.registry.app import create_app
    from sync.registry.db import make_engine

    engine = make_engine(db_url)
    migrations.upgrade(engine, to="0002_alembic_version")
    genuine, twin = Kiosk.new(), Kiosk.new()
    twin.kiosk_id = genuine.kiosk_id.lower()
    _legacy_kiosk(engine, genuine.kiosk_id, genuine.public, "2026-01-01T00:00:00.000Z")
    _legacy_kiosk(engine, twin.kiosk_id, twin.public, "2026-02-01T00:00:00.000Z")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO projects (project_id, position, data, stock_g) "
                f"VALUES ('{PROJECT}', 0, '{{}}', 1000000000)"
            )
        )
        conn.execute(  # the genuine kiosk's grant, a count as it was then
            text(
                "INSERT INTO allocations (kiosk_id, project_id, granted_g) "
                f"VALUES ('{genuine.kiosk_id}', '{PROJECT}', 10000)"
            )
        )
        for serial in (1, 2, 3):
            order = twin.order()
            conn.execute(
                purchases.insert().values(
                    order_id=order["id"], kiosk_id=twin.kiosk_id, serial=serial,
                    cert_id=f"{genuine.kiosk_id}-{serial:06d}", project_id=order["project_id"],
                    offset_g=1, footprint_g=1, amount_fen=1, nickname="", venue="", day="d",
                    paid_at=order["paid_at"], payload=json.dumps(order), payload_hash="h",
                    received_at="r",
                )
            )  # fmt: skip
    migrations.upgrade(engine)
    with engine.connect() as conn:
        assert storage.get_kiosk(conn=conn, kiosk_id=genuine.kiosk_id).suspended is None
        reason = storage.get_kiosk(conn=conn, kiosk_id=twin.kiosk_id).suspended
        assert genuine.kiosk_id in reason and "case" in reason
        assert (
            purchase_storage.find_purchase(conn=conn, cert_id=f"{genuine.kiosk_id}-000001") is None
        )
        stats = operations.stats(conn=conn)
        assert stats["suspended"] == [{"kiosk_id": twin.kiosk_id, "reason": reason}]
        assert stats["purchases"] == 3  # nothing deleted
    with TestClient(create_app(engine)) as client:
        refused = twin.get(client, protocol.KEYS)
        assert refused.status_code == 403, refused.text
        assert refused.json()["error"]["code"] == "kiosk_suspended"
        genuine.next_serial = 1
        response = genuine.push(client, [genuine.record(genuine.order(offset_g=7_000))])
        assert _statuses(response) == ["accepted"]
        assert _lookup(client, f"{genuine.kiosk_id}-000001")["offset_g"] == 7_000
    engine.dispose()
