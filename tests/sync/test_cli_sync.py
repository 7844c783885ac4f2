"""`diandian enroll` and `diandian sync` as the admin meets them, against the real registry
served by uvicorn on a loopback port."""

from __future__ import annotations

import json

import pytest

from kiosk.ledger import Ledger, syncstate
from sync.exit_codes import EXIT_REJECTED
from tests.sync.conftest import sell
from tests.sync.live import LiveRegistry, demo_projects

WITHHELD = "demo-wetland"


@pytest.fixture
def served(tmp_path, request):
    """The registry over HTTP; a `withhold` mark leaves out a demo project (sales refused)."""
    marker = request.node.get_closest_marker("withhold")
    ids = [p["id"] for p in demo_projects()["project"] if not marker or p["id"] not in marker.args]
    registry = LiveRegistry(tmp_path, projects=demo_projects(ids))
    with registry.serve() as url:
        yield registry, url
    registry.close()


@pytest.fixture
def kiosk(tmp_path):
    """A kiosk tried out before enrolment: 15 demo customers (the demo catalogue's invented
    serials, which no registry takes)."""
    path = tmp_path / "k.sqlite"
    with Ledger.open(path) as ledger:
        sell(ledger, 15)
    return path


def test_enrol_then_sync_then_status(served, tmp_path, diandian) -> None:
    registry, url = served
    kiosk = tmp_path / "k.sqlite"
    result = diandian("enroll", "--registry", url, "--token", registry.token(), "--name", "lobby",
                      "--db", str(kiosk))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "enrolled" in result.stdout
    first = diandian("sync", "--db", str(kiosk))  # the catalogue, and retired serials granted
    assert first.returncode == 0 and "pushed 0" in first.stdout, first.stdout + first.stderr
    status = json.loads(diandian("sync", "--status", "--json", "--db", str(kiosk)).stdout)
    assert status["last_run"]["pulled"] == 5  # catalogue, factors, allocations, rankings, keys
    with Ledger.open(kiosk) as ledger:
        assert syncstate.setting(ledger, "registry_url") == url
        assert ledger.kiosk_id in registry.kiosk_ids()
        sell(ledger, 15)  # customers, offline
        queued = syncstate.queue_length(ledger)
    result = diandian("sync", "--db", str(kiosk))
    assert result.returncode == 0, result.stderr
    assert f"pushed {queued} ({queued} accepted" in result.stdout
    logged = kiosk.with_name("sync.log").read_text(encoding="utf-8")  # the job's own log
    assert f"pushed {queued} ({queued} accepted" in logged and url in logged
    assert "sync: batch 1" in result.stdout  # plain log lines when not on a terminal
    status = json.loads(diandian("sync", "--status", "--json", "--db", str(kiosk)).stdout)
    assert status["queue"] == 0 and status["last_run"]["outcome"] == "ok"
    assert status["last_run"]["pushed"] == queued
    text = diandian("sync", "--status", "--db", str(kiosk)).stdout
    assert "queue: 0 record(s) to push, 0 rejected" in text and "ok" in text


def test_an_unknown_token_is_refused_in_one_line(served, kiosk, diandian) -> None:
    _, url = served
    result = diandian("enroll", "--registry", url, "--token", "not-a-token", "--db", str(kiosk))
    assert result.returncode == 76
    assert result.stderr.count("\n") == 1 and "token is unknown" in result.stderr


def test_sync_before_enrolment_says_what_to_do(kiosk, diandian) -> None:
    result = diandian("sync", "--db", str(kiosk))
    assert result.returncode == 78
    assert "diandian enroll" in result.stderr and result.stderr.count("\n") == 1
    assert "sync failed (exit 78)" in kiosk.with_name("sync.log").read_text(encoding="utf-8")


def test_plain_http_to_another_host_is_refused(kiosk, diandian) -> None:
    result = diandian("enroll", "--registry", "http://registry.example.com", "--token", "t",
                      "--db", str(kiosk))  # fmt: skip
    assert result.returncode == 78 and "https://" in result.stderr


@pytest.mark.withhold(WITHHELD)
def test_rejects_are_listed_and_can_be_retried(served, kiosk, diandian) -> None:
    """The demo sales made before enrolment are refused: those of a project the registry does
    not list as an unknown project, the others for their invented serials. The operator adds
    the project; retried, its records are refused again, now for their serials (retire first,
    then sell: no demo sale is ever taken)."""
    registry, url = served
    with Ledger.open(kiosk) as ledger:
        first = ledger.conn.execute(
            "SELECT x.order_id FROM outbox x JOIN orders o ON o.id = x.order_id"
            " WHERE o.project_id = ? ORDER BY x.id",
            (WITHHELD,),
        ).fetchone()[0]
    token = registry.token()
    assert (
        diandian("enroll", "--registry", url, "--token", token, "--db", str(kiosk)).returncode == 0
    )
    result = diandian("sync", "--db", str(kiosk))
    assert result.returncode == EXIT_REJECTED, result.stderr  # monitoring must see it
    assert "rejected by the registry" in result.stdout
    assert diandian("sync", "--db", str(kiosk)).returncode == 0  # nothing new rejected
    listing = diandian("sync", "--rejects", "--db", str(kiosk)).stdout
    assert "rejected record(s)" in listing and first in listing
    assert f"unknown project {WITHHELD}" in listing
    assert "is not in a grant of retired serials to this kiosk" in listing
    registry.add_projects(demo_projects([WITHHELD]))  # the operator adds the project
    retried = diandian("sync", "--retry-rejected", "--db", str(kiosk)).stdout
    assert "rejected record(s) will be sent" in retried
    assert diandian("sync", "--db", str(kiosk)).returncode == EXIT_REJECTED  # sent, refused
    rejects = json.loads(diandian("sync", "--rejects", "--json", "--db", str(kiosk)).stdout)
    assert rejects and not any(f"unknown project {WITHHELD}" in r["reason"] for r in rejects)
    assert all("DEMO-" in r["reason"] or "void for an unknown sale" in r["reason"]
               for r in rejects)  # fmt: skip
