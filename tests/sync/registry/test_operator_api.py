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
    pdf = client.get("/ops/api/statements/2/pdf", headers=owner)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    csv = client.get("/ops/api/statements/1/csv", headers=auditor)
    assert csv.status_code == 200 and "demo-longquan-forest" in csv.text
    assert client.get("/ops/api/statements/1/csv", headers=owner).status_code == 404
    assert client.get("/ops/api/statements/1/xls", headers=staff).status_code == 404
    assert client.get("/ops/api/statements/1/pdf").status_code == 401

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


def test_an_operator_token_does_what_the_cli_does_an_auditor_token_nothing(
    engine: Engine, client, kiosk: Kiosk
) -> None:
    from sync import protocol
    from sync.registry import console_storage, storage
    from tests.sync.registry.helpers import PROJECT

    set_terms(engine)
    push_ok(kiosk, client, [kiosk.record(sale(kiosk, "2026-10-05", 1_000))])
    client.app.state.clock = lambda: AFTER_OCT
    staff = token_for(engine, "amy", "operator")
    auditor = token_for(engine, "ann", "auditor")
    owner = token_for(engine, "lq", "owner", PROJECT)
    with engine.connect() as conn:
        (block, *_) = storage.serial_blocks_of(conn=conn, project_id="demo-wetland")
        done = console_storage.retired(conn=conn, project_id="demo-wetland")
    first = max((r.last for r in done), default=block.first - 1) + 1
    serials = f"{block.prefix}{first:0{block.width}d}..{first:0{block.width}d}"
    writes = [
        ("/ops/api/settle", {"period": "2026-10", "project_id": PROJECT}),
        ("/ops/api/retire-blocks", {"project_id": "demo-wetland", "serials": serials,
                                    "reference": "CEEX-R-1", "beneficiary": "Diandian"}),
        ("/ops/api/enrol-tokens", {"name": "Hall 3"}),
        ("/ops/api/enrol-tokens/revoke", {"token": "0123456789ab"}),
    ]  # fmt: skip
    for who in (auditor, owner):
        for path, body in writes:
            assert client.post(path, json=body, headers=who).status_code == 403, path
    with engine.connect() as conn:
        assert settlement_storage.list_statements(conn=conn) == []
        assert [t.name for t in storage.list_enrol_tokens(conn=conn)] == ["test venue"]

    settled = client.post("/ops/api/settle", json=writes[0][1], headers=staff)
    assert settled.status_code == 200 and settled.json()[0]["number"] == 1
    early = client.post("/ops/api/settle", json={"period": "2026-11"}, headers=staff)
    assert early.status_code == 409 and "has not ended yet" in early.text
    retired = client.post("/ops/api/retire-blocks", json=writes[1][1], headers=staff)
    assert retired.status_code == 200 and retired.json()["tonnes"] == 1
    again = client.post("/ops/api/retire-blocks", json=writes[1][1], headers=staff)
    assert again.status_code == 409 and "overlap" in again.text
    made = client.post("/ops/api/enrol-tokens", json={"name": "Hall 3", "expires": "1d"},
                       headers=staff)  # fmt: skip
    assert made.status_code == 200
    other = Kiosk.new()
    enrol = {"token": made.json()["token"], "kiosk_id": other.kiosk_id,
             "public_key": other.public, "name": "t"}  # fmt: skip
    assert client.post(protocol.ENROL, json=enrol).status_code == 200
    bad = client.post("/ops/api/enrol-tokens", json={"name": "x", "expires": "1y"}, headers=staff)
    assert bad.status_code == 409 and "30m, 12h, 7d" in bad.text
    with engine.connect() as conn:
        actions = [(r.actor, r.action) for r in settlement_storage.audit_rows(conn=conn, limit=20)]
    for action in ("settle", "retire_blocks", "enrol_token"):
        assert ("amy", action) in actions, action


def test_a_revoked_operator_token_is_refused(engine: Engine, client) -> None:
    """`diandian registry operators token NAME --revoke`: the next request is a 401."""
    from kiosk.cli import main

    staff = token_for(engine, "amy", "operator")
    assert client.get("/ops/api/statements", headers=staff).status_code == 200
    db = ["--db", engine.url.render_as_string(hide_password=False)]
    assert main(["registry", "operators", "token", "amy", "--revoke", *db]) == 0
    assert client.get("/ops/api/statements", headers=staff).status_code == 401
    assert main(["registry", "operators", "token", "amy", "--revoke", *db]) == 0
    assert main(["registry", "operators", "list", "--revoke", *db]) == 2  # one plain line
    with engine.connect() as conn:
        actions = [r.action for r in settlement_storage.audit_rows(conn=conn, limit=5)]
    assert actions.count("operator_token_revoke") == 1
