"""`diandian enroll` and `diandian sync` as the admin meets them, against the in-memory
registry served on a loopback port."""

from __future__ import annotations

import json

import pytest

from kiosk.ledger import Ledger, syncstate
from tests.sync.conftest import sell
from tests.sync.fakeregistry import FakeRegistry, serve


@pytest.fixture
def served():
    registry = FakeRegistry()
    server, url = serve(registry)
    yield registry, url
    server.shutdown()
    server.server_close()


@pytest.fixture
def kiosk(tmp_path):
    path = tmp_path / "k.sqlite"
    with Ledger.open(path) as ledger:
        sell(ledger, 15)
    return path


def test_enrol_then_sync_then_status(served, kiosk, diandian) -> None:
    registry, url = served
    result = diandian("enroll", "--registry", url, "--token", "tok-1", "--name", "lobby",
                      "--db", str(kiosk))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "enrolled" in result.stdout
    with Ledger.open(kiosk) as ledger:
        assert syncstate.setting(ledger, "registry_url") == url
        assert ledger.kiosk_id in registry.public_keys
        queued = syncstate.queue_length(ledger)
    result = diandian("sync", "--db", str(kiosk))
    assert result.returncode == 0, result.stderr
    assert f"pushed {queued} ({queued} accepted" in result.stdout
    logged = kiosk.with_name("sync.log").read_text(encoding="utf-8")  # the job's own log
    assert f"pushed {queued} ({queued} accepted" in logged and url in logged
    assert "sync: batch 1" in result.stdout  # plain log lines when not on a terminal
    status = json.loads(diandian("sync", "--status", "--json", "--db", str(kiosk)).stdout)
    assert status["queue"] == 0 and status["last_run"]["outcome"] == "ok"
    assert status["last_run"]["pushed"] == queued and status["last_run"]["pulled"] == 5
    text = diandian("sync", "--status", "--db", str(kiosk)).stdout
    assert "queue: 0 record(s) to push, 0 rejected" in text and "ok" in text


def test_a_used_token_is_refused_in_one_line(served, kiosk, diandian) -> None:
    _, url = served
    result = diandian("enroll", "--registry", url, "--token", "nope", "--db", str(kiosk))
    assert result.returncode == 76
    assert result.stderr.count("\n") == 1 and "unknown or used token" in result.stderr


def test_sync_before_enrolment_says_what_to_do(kiosk, diandian) -> None:
    result = diandian("sync", "--db", str(kiosk))
    assert result.returncode == 78
    assert "diandian enroll" in result.stderr and result.stderr.count("\n") == 1
    assert "sync failed (exit 78)" in kiosk.with_name("sync.log").read_text(encoding="utf-8")


def test_plain_http_to_another_host_is_refused(kiosk, diandian) -> None:
    result = diandian("enroll", "--registry", "http://registry.example.com", "--token", "t",
                      "--db", str(kiosk))  # fmt: skip
    assert result.returncode == 78 and "https://" in result.stderr


def test_rejects_are_listed_and_can_be_retried(served, kiosk, diandian) -> None:
    registry, url = served
    with Ledger.open(kiosk) as ledger:
        first = ledger.conn.execute("SELECT order_id FROM outbox ORDER BY id").fetchone()[0]
    registry.reject_orders = {first}
    assert (
        diandian("enroll", "--registry", url, "--token", "tok-2", "--db", str(kiosk)).returncode
        == 0
    )
    result = diandian("sync", "--db", str(kiosk))
    assert result.returncode == 0 and "rejected by the registry" in result.stdout
    listing = diandian("sync", "--rejects", "--db", str(kiosk)).stdout
    assert "1 rejected record(s)" in listing and first in listing and "test says no" in listing
    registry.reject_orders = set()
    assert (
        "1 rejected record(s) will be sent"
        in diandian("sync", "--retry-rejected", "--db", str(kiosk)).stdout
    )
    assert diandian("sync", "--db", str(kiosk)).returncode == 0
    assert json.loads(diandian("sync", "--rejects", "--json", "--db", str(kiosk)).stdout) == []
    with Ledger.open(kiosk) as ledger:
        assert syncstate.queue_length(ledger) == 0
