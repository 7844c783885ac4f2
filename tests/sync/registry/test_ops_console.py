"""The operator console's pages through the real app: sign-in with CSRF and lockout, the
session cookie, role scoping (an owner sees only its project; another project's statement
is a 404 even by its number in the URL), reconciliation and the audit."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

from sqlalchemy import Engine

from kiosk.timestamps import utc_now
from sync.registry import operators, payouts, settlement_storage, storage
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


def test_too_many_sign_ins_from_one_address_are_refused(
    engine: Engine, client, monkeypatch
) -> None:
    from sync.registry.console import access
    from sync.registry.web.limits import Limit

    add(engine, "amy", "operator")
    monkeypatch.setattr(access, "SIGN_IN_LIMIT", Limit("ops-sign-in", 2, 600))
    # One moment for every try: with the wall clock, a 10-minute window of the limit could end
    # between the second try and the third (each checks a scrypt hash), and start counting anew.
    moment = utc_now()
    client.app.state.clock = lambda: moment
    token = csrf(client)
    for _ in range(2):
        assert sign_in(client, "nobody", token=token).status_code == 403
    busy = sign_in(client, "amy", token=token)  # the right password, refused before checking it
    assert busy.status_code == 429 and "十分钟后再试" in busy.text
    with engine.connect() as conn:
        (row,) = [r for r in operators.list_operators(conn=conn) if r.name == "amy"]
    assert row.failed == 0  # a refused try counts nothing against the account


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
    assert "¥10.00" in one.text and "not paid yet" in one.text
    with engine.begin() as conn:
        payouts.record_payout(
            conn=conn, number=1, paid_on=date(2026, 11, 5), reference="ICBC-77", actor="amy"
        )
    paid = client.get("/ops/statements/1").text
    assert "2026-11-05 · ¥9.50 · ICBC-77" in paid  # ¥10.00 less the 5% fee
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


def test_odd_numbers_days_and_next_addresses_get_a_plain_answer(engine: Engine, client) -> None:
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    for number in ("²", "٣", "1e3", "-1", "0x1", "9" * 40):  # digits a str says, int refuses
        assert client.get(f"/ops/statements/{number}").status_code == 404, number
    for before in ("²", "-5", "x"):  # a page of the audit: anything odd is the first page
        assert client.get(f"/ops/audit?before={before}").status_code == 200, before
    for day in ("2026-W40-1", "20261005", "２０２６-10-05"):  # one spelling of a day only
        assert client.get(f"/ops/reconcile?day={day}").status_code == 400, day
    for wanted in ("//evil.example/ops/x", "https://evil.example/ops/", "/ops\\@evil", "/v/x"):
        answer = client.get("/ops/lang/en", params={"next": wanted}, follow_redirects=False)
        assert answer.headers["location"] == "/ops", wanted
    kept = client.get(
        "/ops/lang/zh", params={"next": "/ops/audit?before=3"}, follow_redirects=False
    )
    assert kept.headers["location"] == "/ops/audit?before=3"


def test_sign_in_returns_to_the_page_asked_for_with_its_query(engine: Engine, client) -> None:
    add(engine, "amy", "operator")
    asked = client.get("/ops/reconcile?day=2026-10-05", follow_redirects=False)
    assert asked.headers["location"] == "/ops/sign-in?next=%2Fops%2Freconcile%3Fday%3D2026-10-05"
    page = client.get(asked.headers["location"])
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    wanted = re.search(r'name="next" value="([^"]+)"', page.text).group(1)
    body = {"csrf": token, "name": "amy", "password": PASSWORD, "next": html.unescape(wanted)}
    made = client.post("/ops/sign-in", data=body, headers=FORM, follow_redirects=False)
    assert made.headers["location"] == "/ops/reconcile?day=2026-10-05"


def test_console_pages_answer_while_a_writer_holds_the_lock(
    engine: Engine, client, kiosk: Kiosk
) -> None:
    """They read in one snapshot (routes.reading), beside SQLite's one writer."""
    two_statements(engine, client, kiosk)
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    with engine.begin() as writer:
        storage.set_setting(conn=writer, key="held", value="uncommitted")
        for path in ("/ops", "/ops/statements", "/ops/statements/1", "/ops/audit",
                     "/ops/reconcile?day=2026-10-05"):  # fmt: skip
            assert client.get(path).status_code == 200, path


def pay(client, number: int, paid_on: str, reference: str, token: str | None = None):
    body = {
        "csrf": token or csrf(client, f"/ops/statements/{number}"),
        "paid_on": paid_on,
        "bank_reference": reference,
    }
    url = f"/ops/statements/{number}/payout"
    return client.post(url, data=body, headers=FORM, follow_redirects=False)


def payouts_made(engine: Engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        rows = settlement_storage.audit_rows(conn=conn, limit=50)
    return [(r.actor, r.subject) for r in rows if r.action == "payout"]


def test_an_operator_records_a_payout_once_and_others_cannot(
    engine: Engine, client, kiosk: Kiosk
) -> None:
    two_statements(engine, client, kiosk)
    for name, role, project in (("ann", "auditor", None), ("wet", "owner", "demo-wetland")):
        add(engine, name, role, project)
        sign_in(client, name)
        assert 'data-testid="pay"' not in client.get("/ops/statements/2").text
        token = csrf(client, "/ops/statements/2")
        refused = pay(client, 1, "2026-11-05", "ICBC-1", token)
        assert refused.status_code == (403 if role == "auditor" else 404), name
    assert payouts_made(engine) == []

    add(engine, "amy", "operator")
    sign_in(client, "amy")
    assert 'data-testid="pay"' in client.get("/ops/statements/1").text
    assert pay(client, 1, "2026-11-05", "ICBC-1", token="forged").status_code == 400
    empty = pay(client, 1, "2026-11-05", "   ")
    assert empty.status_code == 409 and "请填写银行流水号" in empty.text
    for day in ("2026-11-01", "2999-01-01", "5 Nov"):  # before the closing, future, not a day
        early = pay(client, 1, day, "ICBC-1")
        assert early.status_code in (400, 409) and "付款日期须为" in early.text, day
    assert 'data-testid="pay"' not in client.get("/ops/statements/2").text  # nothing to pay
    nothing = pay(client, 2, "2026-11-05", "ICBC-2")
    assert nothing.status_code == 409 and "结算单 2 无需付款" in nothing.text
    assert payouts_made(engine) == []

    made = pay(client, 1, "2026-11-05", "ICBC 2026110500042")
    assert made.status_code == 303 and made.headers["location"] == "/ops/statements/1"
    page = client.get("/ops/statements/1").text
    assert "ICBC 2026110500042" in page and 'data-testid="pay"' not in page
    again = pay(client, 1, "2026-11-05", "ICBC-again", token=csrf(client, "/ops/statements/2"))
    assert again.status_code == 409
    assert "结算单 1 已于 2026-11-05 付款（ICBC 2026110500042）" in again.text
    assert payouts_made(engine) == [("amy", "statement 1")]
