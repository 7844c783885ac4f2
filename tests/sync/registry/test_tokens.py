"""Enrolment tokens expire (7 days unless `--expires` says otherwise) and an operator can
revoke one (issue 12: a token created in 2020 enrolled a kiosk years later)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, text
from starlette.testclient import TestClient

from kiosk.timestamps import parse_stamp, utc_now
from sync import protocol
from sync.registry import migrations, operations, storage
from sync.registry.db import make_engine
from tests.sync.procs import run
from tests.sync.registry.helpers import Kiosk


def _enrol(client: TestClient, token: str) -> tuple[int, dict]:
    kiosk = Kiosk.new()
    body = {"token": token, "kiosk_id": kiosk.kiosk_id, "public_key": kiosk.public}
    response = client.post(protocol.ENROL, json=body)
    return response.status_code, response.json()


def test_a_token_from_before_expiry_existed_is_expired_by_step_0008(db_url: str) -> None:
    from sync.registry.app import create_app

    engine = make_engine(db_url)
    migrations.upgrade(engine, to="0002_alembic_version")
    old, recent = "OLD-TOKEN-2020", "RECENT-TOKEN"
    with engine.begin() as conn:
        for token, made in ((old, "2020-03-01T08:00:00.000Z"), (recent, utc_now().isoformat())):
            conn.execute(
                text(
                    "INSERT INTO enrol_tokens (token_hash, name, created_at) VALUES (:h, 'v', :c)"
                ),
                {"h": operations.hash_token(token), "c": made},
            )
    migrations.upgrade(engine)
    with engine.connect() as conn:
        row = storage.get_enrol_token(conn=conn, token_hash=operations.hash_token(old))
        assert row.expires_at == "2020-03-08T08:00:00.000Z"
    with TestClient(create_app(engine)) as client:
        status, answer = _enrol(client, old)
        assert status == 403 and "expired at 2020-03-08" in answer["error"]["message"]
        assert _enrol(client, recent)[0] == 200
    engine.dispose()


def test_a_new_token_lasts_seven_days_by_default(engine: Engine) -> None:
    with engine.begin() as conn:
        token = operations.new_enrol_token(conn=conn, name="hall")
        row = storage.get_enrol_token(conn=conn, token_hash=operations.hash_token(token))
    left = parse_stamp(row.expires_at) - utc_now()
    assert timedelta(days=6, hours=23) < left <= timedelta(days=7)


def test_a_revoked_token_is_refused(client: TestClient, engine: Engine) -> None:
    with engine.begin() as conn:
        token = operations.new_enrol_token(conn=conn, name="hall")
        fingerprint = operations.token_fingerprint(operations.hash_token(token))
        assert operations.revoke_token(conn=conn, ref=fingerprint) == 1
    status, answer = _enrol(client, token)
    assert status == 403 and "revoked" in answer["error"]["message"]


def _cli(db: Path, home: Path, *args: str):
    return run("registry", *args, "--db", str(db), home=home)


def test_the_operator_makes_lists_and_revokes_tokens(tmp_path: Path) -> None:
    db, home = tmp_path / "registry.sqlite", tmp_path / "home"
    assert _cli(db, home, "init").returncode == 0
    made = _cli(db, home, "enroll-token", "--name", "Hall A", "--expires", "12h")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    until = parse_stamp(made.stderr.split("until ")[1].split()[0])
    assert timedelta(hours=11, minutes=59) < until - utc_now() <= timedelta(hours=12)
    for bad in ("100d", "7 days", "0d", "-1h"):
        refused = _cli(db, home, "enroll-token", "--name", "x", "--expires", bad)
        assert refused.returncode == 2 and "--expires" in refused.stderr, refused.stderr
        assert "Traceback" not in refused.stderr
    listed = json.loads(_cli(db, home, "tokens", "--json").stdout)
    assert [(t["name"], t["state"]) for t in listed] == [("Hall A", "usable")]
    assert token not in json.dumps(listed)  # only a fingerprint of the hash is ever shown
    revoked = _cli(db, home, "revoke-token", token)
    assert revoked.returncode == 0 and "revoked" in revoked.stdout
    listed = json.loads(_cli(db, home, "tokens", "--json").stdout)
    assert listed[0]["state"].startswith("was revoked")
    unknown = _cli(db, home, "revoke-token", "NOSUCH")
    assert unknown.returncode == 2 and "no enrolment token" in unknown.stderr
