"""The operator console's pages through the real app: sign-in with CSRF and lockout, the
session cookie, role scoping (an owner sees only its project; another project's statement
is a 404 even by its number in the URL), reconciliation and the audit."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import Engine

from kiosk.timestamps import utc_now
from sync.registry import operators, settlement_storage
from sync.registry.console.session import COOKIE
from tests.sync.registry.helpers import Kiosk
from tests.sync.registry.test_settlement import AFTER_OCT, OCT, close, push_ok, sale, set_terms

PASSWORD = "correct horse battery"
FORM = {"content-type": "application/x-www-form-urlencoded"}


def add(engine: Engine, name: str, role: str, project: str | None = None) -> None:
    with engine.begin() as conn:
        operators.add_operator(
            conn=conn, name=name, role=role, password=PASSWORD, project_id=project, actor="t"
        )


def csrf(client, path: str = "/ops/sign-in") -> str:
    page = client.get(path)
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def sign_in(client, name: str, password: str = PASSWORD, token: str | None = None):
    body = {"csrf": token or csrf(client), "name": name, "password": password, "next": ""}
    return client.post("/ops/sign-in", data=body, headers=FORM, follow_redirects=False)


def two_statements(engine: Engine, client, kiosk: Kiosk) -> None:
    set_terms(engine)  # demo-longquan-forest
    set_terms(engine, project="demo-wetland")
    push_ok(kiosk, client, [kiosk.record(sale(kiosk, "2026-10-05", 1_000))])
    close(engine, OCT, AFTER_OCT)  # statement 1
    close(engine, OCT, AFTER_OCT, project="demo-wetland")  # statement 2


def test_pages_ask_for_sign_in_and_a_form_without_its_csrf_token_is_refused(
    engine: Engine, client
) -> None:
    add(engine, "amy", "operator")
    for path in ("/ops/statements", "/ops/statements/1", "/ops/reconcile", "/ops/audit"):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith(
            "/ops/sign-in?next="
        ), path
    page = client.get("/ops/sign-in")
    assert (
        page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    )
    assert "运营控制台登录" in page.text  # Chinese first
    forged = sign_in(client, "amy", token="forged-token-from-another-site")
    assert forged.status_code == 400 and "请重新输入密码" in forged.text
    assert client.get("/ops/statements", follow_redirects=False).status_code == 303
    made = sign_in(client, "amy")
    assert made.status_code == 303 and made.headers["location"] == "/ops/statements"
    assert client.get("/ops/statements").status_code == 200


def test_a_session_id_is_new_after_sign_in_and_after_sign_out(engine: Engine, client) -> None:
    add(engine, "amy", "operator")
    before = csrf(client)
    sign_in(client, "amy", token=before)
    inside = csrf(client, "/ops/statements")
    assert inside != before  # the token of the session before sign-in is worth nothing now
    cookie = client.cookies.get(COOKIE)
    out = client.post("/ops/sign-out", data={"csrf": inside}, headers=FORM, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/ops/sign-in"
    assert client.get("/ops/statements", follow_redirects=False).status_code == 303
    client.cookies.set(COOKIE, cookie)  # a sign-out without the token (cross-site) does nothing
    client.post("/ops/sign-out", data={"csrf": "nope"}, headers=FORM)
    assert client.get("/ops/statements", follow_redirects=False).status_code == 200


def test_wrong_passwords_lock_the_account_and_the_page_says_until_when(
    engine: Engine, client
) -> None:
    add(engine, "amy", "operator")
    client.app.state.clock = utc_now  # the real clock, read by the console
    nobody = sign_in(client, "nobody")
    wrong = sign_in(client, "amy", "not the password")
    assert nobody.status_code == wrong.status_code == 403
    assert "用户名或密码错误" in nobody.text and "用户名或密码错误" in wrong.text
    for _ in range(4):
        sign_in(client, "amy", "not the password")
    locked = sign_in(client, "amy")  # the right password, but locked now
    assert locked.status_code == 403 and "账户已锁定至" in locked.text
    assert client.get("/ops/statements", follow_redirects=False).status_code == 303
    later = utc_now() + timedelta(minutes=16)
    client.app.state.clock = lambda: later
    assert sign_in(client, "amy").status_code == 303
    with engine.connect() as conn:
        actions = [r.action for r in settlement_storage.audit_rows(conn=conn, limit=5)]
    assert "locked" in actions


def test_too_many_sign_ins_from_one_address_are_refused(engine: Engine, client) -> None:
    from sync.registry.console import access
    from sync.registry.web.limits import Limit

    add(engine, "amy", "operator")
    old = access.SIGN_IN_LIMIT
    access.SIGN_IN_LIMIT = Limit("ops-sign-in", 2, 600)
    try:
        token = csrf(client)
        for _ in range(2):
            assert sign_in(client, "nobody", token=token).status_code == 403
        busy = sign_in(client, "amy", token=token)
    finally:
        access.SIGN_IN_LIMIT = old
    assert busy.status_code == 429 and "十分钟后再试" in busy.text


def test_an_owner_sees_only_its_project(engine: Engine, client, kiosk: Kiosk) -> None:
    two_statements(engine, client, kiosk)
    add(engine, "wet", "owner", "demo-wetland")
    sign_in(client, "wet")
    listed = client.get("/ops/statements").text
    assert 'data-testid="statement-2"' in listed and 'data-testid="statement-1"' not in listed
    assert client.get("/ops/statements/2").status_code == 200
    other = client.get("/ops/statements/1")  # another project's, by its number in the URL
    assert other.status_code == 404 and "demo-longquan-forest" not in other.text
    assert client.get("/ops/statements/99999999999999").status_code == 404
    refused = client.get("/ops/reconcile?day=2026-10-05")
    assert refused.status_code == 403 and "仅限运营人员和审计员" in refused.text
    assert 'data-testid="nav-reconcile"' not in listed
    audit = client.get("/ops/audit").text
    assert "demo-wetland" in audit and "demo-longquan-forest" not in audit


def test_an_auditor_reads_statements_reconciliation_and_the_audit(
    engine: Engine, client, kiosk: Kiosk
) -> None:
    two_statements(engine, client, kiosk)
    add(engine, "ann", "auditor")
    sign_in(client, "ann")
    client.get("/ops/lang/en?next=%2Fops%2Fstatements")
    listed = client.get("/ops/statements").text
    assert 'data-testid="statement-1"' in listed and 'data-testid="statement-2"' in listed
    one = client.get("/ops/statements/1")
    assert one.status_code == 200 and "Statement 1" in one.text
    assert kiosk.kiosk_id.upper() in one.text  # its sale's certificate, in the lines
    assert "¥10.00" in one.text
    day = client.get("/ops/reconcile?day=2026-10-05")
    assert day.status_code == 200 and 'data-testid="agree"' in day.text
    later = utc_now() + timedelta(days=3)  # the kiosk has been quiet for three days
    client.app.state.clock = lambda: later
    day = client.get("/ops/reconcile?day=2026-10-05")
    assert day.status_code == 200 and 'data-kind="not_synced"' in day.text
    assert "not synced" in day.text
    for bad in ("2026-13-01", "yesterday", "2999-01-01"):
        refused = client.get(f"/ops/reconcile?day={bad}")
        assert refused.status_code == 400 and "YYYY-MM-DD" in refused.text, bad
    audit = client.get("/ops/audit").text
    assert "<td>settle</td>" in audit and "<td>operator_add</td>" in audit
