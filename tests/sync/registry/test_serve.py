"""A real `diandian registry serve` process over real HTTP, and the operator commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from sync import protocol
from tests.sync.registry.conftest import DEMO_PROJECTS
from tests.sync.registry.helpers import Kiosk
from tests.sync.registry.served import serve

from ..procs import self_signed

pytestmark = pytest.mark.slow


def test_served_registry_takes_a_push(engine: Engine, db_url: str) -> None:
    kiosk = Kiosk.new()
    with serve(db_url) as base, httpx.Client(base_url=base, timeout=60) as client:
        kiosk.enrol(client, engine)
        sales = [kiosk.order() for _ in range(20)]
        response = kiosk.push(client, [kiosk.record(s) for s in sales], batch_id="first")
        assert response.status_code == 200, response.text
        assert {r["status"] for r in response.json()["results"]} == {"accepted"}
        replay = kiosk.push(client, [kiosk.record(s) for s in sales], batch_id="first")
        assert replay.status_code == 409  # new outbox ids: a different body under the same key
        assert kiosk.get(client, protocol.ALLOCATIONS).status_code == 200
        page = client.get(kiosk.cert_path(sales[0]))
        assert page.status_code == 200 and "登记处已收到" in page.text


def test_operator_commands(diandian, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    assert diandian("registry", "stats", "--db", db).returncode == 1
    assert diandian("registry", "init", "--db", db).returncode == 0
    imported = diandian("registry", "import-projects", str(DEMO_PROJECTS), "--db", db)
    assert imported.returncode == 0 and "4 project(s)" in imported.stdout
    token = diandian("registry", "enroll-token", "--db", db, "--name", "Hall A")
    assert token.returncode == 0 and len(token.stdout.strip()) >= 20
    stats = json.loads(diandian("registry", "stats", "--db", db, "--json").stdout)
    assert stats["kiosks"] == 0 and len(stats["projects"]) == 4
    retire = ("registry", "retire-blocks", "--db", db, "--project", "demo-wetland")
    retired = diandian(
        *retire,
        "--serials",
        "CDCER-2024W-000001..000010",
        "--reference",
        "SEEE-1",
        "--beneficiary",
        "Diandian visitors",
    )
    assert retired.returncode == 0, retired.stderr
    assert "CDCER-2024W-000001..000010 (10 t) retired as SEEE-1" in retired.stdout
    again = diandian(
        *retire, "--serials", "CDCER-2024W-000005..000005", "--reference", "X", "--beneficiary", "Y"
    )
    assert again.returncode == 2 and "overlap a block already retired" in again.stderr
    text = diandian("registry", "stats", "--db", db).stdout
    assert "CDCER-2024W-000001..000010 (demo-wetland, SEEE-1, for Diandian visitors)" in text
    assert "10 t retired; sold 0.000 kg, refunded 0.000 kg, unallocated 10.000 t" in text
    assert "(no refused records)" in diandian("registry", "rejects", "--db", db).stdout
    assert diandian("registry", "close-day", "2026-11-20", "--db", db).returncode == 0


def test_init_says_the_absolute_path_it_opened(diandian, tmp_path: Path) -> None:
    """Three slashes are relative to the current folder (the README once told operators to
    run `--db sqlite:///var/lib/diandian/registry.sqlite`, which made ./var/lib/...)."""
    relative = diandian("registry", "init", "--db", "sqlite:///var/lib/diandian/r.sqlite")
    assert relative.returncode == 0, relative.stderr
    made = tmp_path / "var" / "lib" / "diandian" / "r.sqlite"  # the command ran in tmp_path
    assert made.is_file() and f"the SQLite file {made} " in relative.stdout
    absolute = tmp_path / "abs" / "r.sqlite"
    four = diandian("registry", "init", "--db", f"sqlite:///{absolute}")  # sqlite:////tmp/...
    assert four.returncode == 0 and f"the SQLite file {absolute} " in four.stdout
    plain = diandian("registry", "init", "--db", "plain.sqlite")
    assert f"the SQLite file {tmp_path / 'plain.sqlite'} (already current)" not in plain.stdout
    assert f"the SQLite file {tmp_path / 'plain.sqlite'} (" in plain.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("registry", "stats", "--db", "/nonexistent/r.sqlite"),
        ("registry", "init", "--db", "mysql://x/y"),
        ("registry", "import-projects", "/nonexistent.toml", "--db", "DB"),
        ("registry", "import-projects", "BAD", "--db", "DB"),
        ("registry", "enroll-token", "--db", "DB", "--name", " "),
        ("registry", "close-day", "yesterday", "--db", "DB"),
        (
            "registry",
            "retire-blocks",
            "--db",
            "DB",
            "--project",
            "x",
            "--serials",
            "1..2",
            "--reference",
            "R",
            "--beneficiary",
            "B",
        ),
        ("registry", "rejects", "--db", "DB", "--limit", "0"),
        ("registry", "serve", "--db", "DB", "--tls-cert", "x.pem"),
        ("registry", "stats", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"),
        ("registry", "phone-refunds", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"),
        ("registry", "phone-refund-done", "x", "--reference", "R", "--db", "DB"),
        ("registry", "phone-refund-done", "x", "--reference", " ", "--db", "DB"),
        ("registry", "phone-refund-done", "x", "--db", "DB"),
    ],
)
def test_cli_errors_are_one_line(diandian, tmp_path: Path, args: tuple[str, ...]) -> None:
    db = str(tmp_path / "r.sqlite")
    assert diandian("registry", "init", "--db", db).returncode == 0
    (tmp_path / "bad.toml").write_text("[[project]]\nid = 'x'\n")
    args = tuple(db if a == "DB" else str(tmp_path / "bad.toml") if a == "BAD" else a for a in args)
    result = diandian(*args)
    assert result.returncode in (1, 2), result
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_the_served_registry_writes_an_access_line_per_request(tmp_path: Path) -> None:
    lines: list[str] = []
    with serve(f"sqlite:///{tmp_path / 'r.sqlite'}", output=lines) as base:
        answer = httpx.get(f"{base}/v1/health", headers={"X-Request-ID": "probe-1"}, timeout=60)
    assert answer.headers["x-request-id"] == "probe-1"
    logged = [json.loads(line) for line in lines if line.startswith("{")]
    probe = [line for line in logged if line["request_id"] == "probe-1"]
    assert [(p["method"], p["path"], p["status"]) for p in probe] == [("GET", "/v1/health", 200)]


def test_serves_tls(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    extra = ("--tls-cert", str(cert), "--tls-key", str(key))
    with serve(db, *extra, scheme="https") as base:
        assert base.startswith("https://")
        assert httpx.get(f"{base}/v1/health", verify=False, timeout=60).json()["status"] == "ok"


def test_a_server_url_is_said_without_its_password() -> None:
    from sync.registry.db import where

    said = where("postgresql+psycopg://diandian:s3cret@dbhost/registry")
    assert "s3cret" not in said and "dbhost/registry" in said


def test_serving_postgresql_shortens_the_gils_switch_interval() -> None:
    """Serving PostgreSQL a worker thread back from a round trip waits at most 0.5 ms for the
    GIL (the default is 5 ms); serving SQLite the interval is left as it is."""
    from sync.registry.app import PG_SWITCH_S, switch_for
    from sync.registry.db import make_engine

    before = sys.getswitchinterval()
    try:
        switch_for(make_engine("sqlite:///:memory:"))
        assert sys.getswitchinterval() == before
        switch_for(make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none"))  # no connection
        assert sys.getswitchinterval() == pytest.approx(PG_SWITCH_S)
    finally:
        sys.setswitchinterval(before)
