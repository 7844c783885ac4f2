"""The operator API with operators' tokens: roles scope what each may read and change; an
owner never sees another project's statement, not even by its number in the URL."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from sync.registry import operators, settlement_storage
from tests.sync.registry.helpers import Kiosk
from tests.sync.registry.test_settlement import AFTER_OCT, OCT, close, push_ok, sale, set_terms

PASSWORD = "correct horse battery"


def token_for(engine: Engine, name: str, role: str, project: str | None = None) -> dict:
    with engine.begin() as conn:
        operators.add_operator(
            conn=conn, name=name, role=role, password=PASSWORD, project_id=project, actor="t"
        )
        token = operators.new_token(conn=conn, name=name, actor="t")
    return {"Authorization": f"Bearer {token}"}


def test_roles_scope_the_operator_api(engine: Engine, client, kiosk: Kiosk) -> None:
    set_terms(engine)  # demo-longquan-forest
    set_terms(engine, project="demo-wetland")
    push_ok(kiosk, client, [kiosk.record(sale(kiosk, "2026-10-05", 1_000))])
    close(engine, OCT, AFTER_OCT)  # statement 1: PROJECT
    close(engine, OCT, AFTER_OCT, project="demo-wetland")  # statement 2
    staff = token_for(engine, "amy", "operator")
    auditor = token_for(engine, "ann", "auditor")
    owner = token_for(engine, "wet", "owner", "demo-wetland")

    assert client.get("/ops/api/statements").status_code == 401
    bad = client.get("/ops/api/statements", headers={"Authorization": "Bearer ddo_nope"})
    assert bad.status_code == 401
    listed = client.get("/ops/api/statements", headers=auditor).json()
    assert [s["number"] for s in listed] == [1, 2]
    mine = client.get("/ops/api/statements", headers=owner).json()
    assert [(s["number"], s["project_id"]) for s in mine] == [(2, "demo-wetland")]
    assert client.get("/ops/api/statements/2", headers=owner).json()["project_id"] == (
        "demo-wetland"
    )
    assert client.get("/ops/api/statements/1", headers=owner).status_code == 404  # by URL too
    assert client.get("/ops/api/statements/9", headers=staff).status_code == 404

    body = {"paid_on": "2026-11-05", "bank_reference": "ICBC-77"}
    for who in (auditor, owner):
        refused = client.post("/ops/api/statements/1/payout", json=body, headers=who)
        assert refused.status_code == 403
    made = client.post("/ops/api/statements/1/payout", json=body, headers=staff)
    assert made.status_code == 200 and made.json()["bank_reference"] == "ICBC-77"
    again = client.post("/ops/api/statements/1/payout", json=body, headers=staff)
    assert again.status_code == 409 and "already paid" in again.text
    nothing = client.post("/ops/api/statements/2/payout", json=body, headers=staff)
    assert nothing.status_code == 409 and "nothing to pay" in nothing.text
    with engine.connect() as conn:
        (row,) = [r for r in settlement_storage.audit_rows(conn=conn, limit=5)
                  if r.action == "payout"]  # fmt: skip
        assert row.actor == "amy"
        (paid,) = [s for s in settlement_storage.list_statements(conn=conn) if s.paid_on]
        assert (paid.number, paid.paid_on) == (1, date(2026, 11, 5).isoformat())

    assert client.get("/ops/api/reconcile?day=2026-10-05", headers=owner).status_code == 403
    found = client.get("/ops/api/reconcile?day=2026-10-05", headers=auditor)
    assert found.status_code == 200 and found.json()["day"] == "2026-10-05"
