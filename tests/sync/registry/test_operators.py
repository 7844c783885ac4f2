"""Operator accounts on the real registry: scrypt hashes, roles and owners' projects, the
lockout after five wrong passwords, API tokens kept as hashes, every change audited."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, text

from kiosk.cli import main
from kiosk.errors import InputError
from sync.registry import operators, settlement_storage
from sync.registry.operators import Operator, Role
from tests.sync.registry.helpers import PROJECT

PASSWORD = "correct horse battery"
T0 = datetime(2026, 12, 1, 9, tzinfo=UTC)


def add(engine: Engine, name: str = "amy", role: str = "operator", project=None) -> Operator:
    with engine.begin() as conn:
        return operators.add_operator(
            conn=conn, name=name, role=role, password=PASSWORD, project_id=project, actor="t"
        )


def sign_in(engine: Engine, password: str, now: datetime, name: str = "amy"):
    with engine.begin() as conn:
        return operators.sign_in(conn=conn, name=name, password=password, now=now)


def test_passwords_are_scrypt_hashes_and_roles_bound(engine: Engine) -> None:
    add(engine)
    owner = add(engine, "wetland-co", "owner", "demo-wetland")
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM operators WHERE name = 'amy'"))
        hashed = stored.scalar()
    assert hashed.startswith("scrypt$16384$8$1$") and PASSWORD not in hashed
    assert operators.password_matches(PASSWORD, hashed)
    assert not operators.password_matches(PASSWORD + "!", hashed)
    assert sign_in(engine, PASSWORD, T0) == Operator("amy", Role.OPERATOR, None)
    assert owner.may_see("demo-wetland") and not owner.may_see(PROJECT)
    assert not owner.may_change() and not Operator("x", Role.AUDITOR, None).may_change()
    for name, role, project, match in (
        ("bob", "owner", None, "an owner needs --project"),
        ("bob", "auditor", PROJECT, "other roles take none"),
        ("bob", "owner", "nowhere", "no project 'nowhere'"),
        ("bob", "king", None, "allowed: operator, auditor, owner"),
        ("amy", "auditor", None, "already an operator 'amy'"),
        ("-x", "auditor", None, "starting with a letter or digit"),
    ):
        with pytest.raises(InputError, match=match):
            add(engine, name, role, project)
    with engine.begin() as conn, pytest.raises(InputError, match="at least 12 characters"):
        operators.add_operator(
            conn=conn, name="bob", role="auditor", password="short", project_id=None, actor="t"
        )


def test_five_wrong_passwords_lock_the_account_for_a_while(engine: Engine) -> None:
    add(engine)
    for minute in range(4):
        assert sign_in(engine, "wrong", T0 + timedelta(minutes=minute)) == (
            "wrong name or password"
        )
    assert isinstance(sign_in(engine, PASSWORD, T0 + timedelta(minutes=4)), Operator)  # resets
    for minute in range(5):
        sign_in(engine, "wrong", T0 + timedelta(minutes=10 + minute))
    locked = sign_in(engine, PASSWORD, T0 + timedelta(minutes=20))
    assert locked == "this account is locked until 2026-12-01 09:29 UTC"
    assert isinstance(sign_in(engine, PASSWORD, T0 + timedelta(minutes=30)), Operator)
    assert sign_in(engine, PASSWORD, T0, name="nobody") == "wrong name or password"
    with engine.connect() as conn:
        actions = [r.action for r in settlement_storage.audit_rows(conn=conn, limit=10)]
    assert actions == ["locked", "operator_add"]


def test_api_tokens_are_kept_as_hashes_and_replaced(engine: Engine) -> None:
    add(engine, "wetland-co", "owner", "demo-wetland")
    with engine.begin() as conn:
        first = operators.new_token(conn=conn, name="wetland-co", actor="t")
        second = operators.new_token(conn=conn, name="wetland-co", actor="t")
    with engine.connect() as conn:
        held = conn.execute(text("SELECT token_hash FROM operators")).scalar()
        assert held == operators.token_hash(second) and second not in held
        assert operators.by_token(conn=conn, token=first) is None  # replaced
        found = operators.by_token(conn=conn, token=second)
        assert found == Operator("wetland-co", Role.OWNER, "demo-wetland")
        assert operators.by_token(conn=conn, token="not-a-token") is None


def test_the_cli_adds_lists_and_issues_tokens(
    engine: Engine, db_url: str, capsys, monkeypatch
) -> None:
    db = ["--db", db_url]
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    args = ["registry", "operators", "add", "Wetland-Co", "--role", "owner"]
    assert main([*args, "--project", "demo-wetland", "--password-stdin", *db]) == 0
    assert "operator wetland-co added: owner of demo-wetland" in capsys.readouterr().out
    assert main(["registry", "operators", "list", "--json", *db]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["name"] == "wetland-co" and "password_hash" not in listed
    assert main(["registry", "operators", "token", "wetland-co", *db]) == 0
    token = capsys.readouterr().out.strip()
    with engine.connect() as conn:
        assert operators.by_token(conn=conn, token=token) is not None
    assert main(["registry", "operators", "add", "x", *db]) == 2
    assert "allowed: operator, auditor, owner" in capsys.readouterr().err
