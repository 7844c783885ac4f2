"""End to end with a REAL registry process on a free loopback port: kiosks sell offline,
enrol and sync with the real `diandian` command, and the registry agrees with their ledgers
to the gram; duplicates, replays, a registry down then up, one that fails every third
request, and a sync job SIGKILLed at 30 random points."""

from __future__ import annotations

import json
import random
import signal
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from kiosk.certificate.issue import kiosk_key
from kiosk.ledger import Ledger, syncstate
from kiosk.ledger.verify import verify
from sync import protocol
from sync.client import Backoff, RegistryClient
from tests.sync.conftest import sell
from tests.sync.procs import FaultProxy, Registry, popen, registry, run

pytestmark = pytest.mark.slow
TONNE = 1_000_000


def _kiosk(reg: Registry, folder: Path, name: str, url: str | None = None) -> Path:
    """A new kiosk, enrolled, after its first sync (catalogue, retired serials granted)."""
    path = folder / f"{name}.sqlite"
    with Ledger.open(path) as ledger:
        kiosk_key(ledger)
    _enrol(reg, path, name, url)
    code, out = _sync(path, reg.home)
    assert code == 0 and "pushed 0" in out, out
    return path


def _sell(path: Path, orders: int, seed: int) -> None:
    """Customers, offline: every paid order draws its grams from the retired serials."""
    with Ledger.open(path) as ledger:
        sell(ledger, orders, seed)


def _enrol(reg: Registry, path: Path, name: str, url: str | None = None) -> None:
    token = reg.token(name)
    result = run("enroll", "--registry", url or reg.url, "--token", token, "--name", name,
                 "--db", str(path), home=reg.home)  # fmt: skip
    assert result.returncode == 0, result.stderr


def _sync(path: Path, home: Path, *extra: str) -> tuple[int, str]:
    result = run("sync", "--db", str(path), "--budget", "20", *extra, home=home)
    return result.returncode, result.stdout + result.stderr


def _expected(paths: list[Path]) -> dict[str, dict[str, int]]:
    """Per project, from the kiosks' own ledgers: paid (not voided) purchases and grams."""
    totals: dict[str, Counter[str]] = {}
    for path in paths:
        with Ledger.open(path) as ledger:
            rows = ledger.conn.execute(
                "SELECT project_id, count(*), sum(offset_g) FROM orders WHERE status = 'paid'"
                " GROUP BY project_id"
            )
            for project_id, count, grams in rows:
                totals.setdefault(project_id, Counter()).update(purchases=count, sold_g=grams)
    return {pid: dict(c) for pid, c in totals.items()}


def _voided(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        with Ledger.open(path) as ledger:
            sql = "SELECT count(*) FROM orders WHERE status = 'voided'"
            total += ledger.conn.execute(sql).fetchone()[0]
    return total


def _assert_registry_matches(reg: Registry, paths: list[Path]) -> dict:
    stats = reg.stats()
    expected = _expected(paths)
    got = {
        p["project_id"]: {"purchases": p["purchases"], "sold_g": p["sold_g"]}
        for p in stats["projects"]
        if p["purchases"]
    }
    assert got == expected
    assert stats["kiosks"] == len(paths)
    assert stats["voided"] == _voided(paths)
    for path in paths:
        with Ledger.open(path) as ledger:
            assert syncstate.queue_length(ledger) == 0
            assert syncstate.rejects(ledger) == []
            assert verify(ledger.conn).ok, verify(ledger.conn).problems
    _assert_credit_disclosed(stats, paths)
    return stats


def _assert_credit_disclosed(stats: dict, paths: list[Path]) -> None:
    """Per project: every gram sold lies in a retired block, sold + refunded + unallocated =
    retired, and what kiosks hold unsold matches their ledgers."""
    drawn: Counter[str] = Counter()
    refunded: Counter[str] = Counter()
    unsold: Counter[str] = Counter()
    for path in paths:
        with Ledger.open(path) as ledger:
            for stock in ledger.stock():
                drawn[stock.project.id] += stock.drawn_g
                refunded[stock.project.id] += stock.refunded_g
                unsold[stock.project.id] += stock.serial_g - stock.drawn_g
    blocks: dict[str, Counter[str]] = {}
    for block in stats["blocks"]:
        total = blocks.setdefault(block["project_id"], Counter())
        total.update({k: block[k] for k in ("sold_g", "refunded_g", "held_by_kiosks_g")})
        assert block["sold_g"] + block["refunded_g"] + block["unallocated_g"] == (
            block["retired_t"] * TONNE
        )
    for project in stats["projects"]:
        got = blocks.get(project["project_id"], Counter())
        pid = project["project_id"]
        assert got["sold_g"] == project["sold_g"] and project["pending_purchases"] == 0
        assert (got["refunded_g"], got["held_by_kiosks_g"]) == (refunded[pid], unsold[pid])
        assert got["sold_g"] + got["refunded_g"] == drawn[pid]


def _rankings(paths: list[Path]) -> list[tuple[str, str, int, int]]:
    grams: Counter[tuple[str, str]] = Counter()
    counts: Counter[tuple[str, str]] = Counter()
    for path in paths:
        with Ledger.open(path) as ledger:
            rows = ledger.conn.execute(
                "SELECT nickname, venue, offset_g FROM orders"
                " WHERE status = 'paid' AND nickname != ''"
            )
            for nickname, venue, offset in rows:
                grams[nickname, venue] += offset
                counts[nickname, venue] += 1
    return sorted((n, v, g, counts[n, v]) for (n, v), g in grams.items())


def test_three_kiosks_sync_and_the_registry_matches_their_ledgers(tmp_path: Path) -> None:
    with registry(tmp_path / "registry") as reg:
        paths = [_kiosk(reg, tmp_path, f"k{i}") for i in range(3)]
        for i, path in enumerate(paths):
            _sell(path, 120, seed=i)
            code, out = _sync(path, reg.home, "--batch-size", "40")
            assert code == 0, out
        stats = _assert_registry_matches(reg, paths)
        code, out = _sync(paths[0], reg.home)  # a second night: nothing to push, news to pull
        assert code == 0 and "pushed 0" in out, out

        # rankings as the registry computes them, pulled into each kiosk
        ids = set()
        for path in paths:
            with Ledger.open(path) as ledger:
                ids.add(ledger.kiosk_id)
        with Ledger.open(paths[0]) as ledger:
            pulled = syncstate.pulled_data(ledger, "rankings:all")
            assert ledger.kiosk_keys().keys() >= ids  # every kiosk's key, to verify offline
        got = sorted((r["nickname"], r["venue"], r["offset_g"], r["purchases"])
                     for r in pulled["rankings"])  # fmt: skip
        assert got == _rankings(paths)

        # every certificate at the registry as the kiosk issued it, with its retired grams
        with httpx.Client(base_url=reg.url, timeout=60) as web:
            for path in paths:
                with Ledger.open(path) as ledger:
                    orders = ledger.orders(limit=10_000)
                for order in (o for o in orders if o.serial is not None):
                    cert_id = f"{order.kiosk_id}-{order.serial:06d}".upper()
                    cert = web.get(protocol.CERTIFICATE.format(cert_id=cert_id)).json()
                    assert cert["received"] and cert["voided"] == (order.status == "voided")
                    assert (cert["project_id"], cert["offset_g"]) == (
                        order.project_id,
                        order.offset_g,
                    )
                    assert cert["retirement_status"] == "retired"
                    assert cert["ranges"] == [r.to_dict() for r in order.ranges()]

        # replay: a recorded batch resent byte for byte gets the stored answer, changes nothing
        with Ledger.open(paths[1]) as ledger:
            row = ledger.conn.execute("SELECT batch_id, body FROM sync_batches LIMIT 1").fetchone()
            client = RegistryClient(
                reg.url, kiosk_id=ledger.kiosk_id, key=kiosk_key(ledger), backoff=Backoff(10)
            )
            with client:
                answer = client.post(protocol.PUSH, bytes(row[1]), idempotency_key=row[0])
            assert answer["batch_id"] == row[0]
            assert {r["status"] for r in answer["results"]} <= {"accepted"}
            # duplicates: every ack lost, the whole outbox goes again in new batches
            ledger.conn.execute("UPDATE outbox SET acked_at = NULL")
            entries = ledger.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        code, out = _sync(paths[1], reg.home)
        assert code == 0 and f"(0 accepted, {entries} duplicate" in out, out
        assert reg.stats()["projects"] == stats["projects"]
        _assert_registry_matches(reg, paths)


def test_demo_sales_made_before_enrolment_are_refused_with_their_reason(tmp_path: Path):
    """A kiosk tried out before enrolment sold the demo catalogue's invented serials: the
    registry refuses those records (the operator sees why), and the kiosk's real sales after
    its first sync are accepted."""
    with registry(tmp_path / "registry") as reg:
        path = tmp_path / "k.sqlite"
        _sell(path, 12, seed=4)
        with Ledger.open(path) as ledger:
            demo = ledger.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        _enrol(reg, path, "k")
        code, out = _sync(path, reg.home)
        assert code == 65 and f"{demo} rejected" in out, out  # EX_DATAERR: see the rejects
        with Ledger.open(path) as ledger:
            reasons = [r.reason for r in syncstate.rejects(ledger)]
        assert len(reasons) == demo and any("DEMO-" in r for r in reasons), reasons
        listing = reg.cli("rejects").stdout
        assert "is not in a grant of retired serials to this kiosk" in listing
        assert (reg.stats()["purchases"], reg.stats()["rejected"]) == (0, demo)
        _sell(path, 10, seed=9)
        code, out = _sync(path, reg.home)
        assert code == 0 and "0 rejected" in out, out
        assert reg.stats()["purchases"] > 0


def test_a_registry_down_then_up(tmp_path: Path) -> None:
    with registry(tmp_path / "registry") as reg:
        path = _kiosk(reg, tmp_path, "k")
        reg.stop()
        _sell(path, 40, seed=5)
        with Ledger.open(path) as ledger:
            queued = ledger.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        result = run("sync", "--db", str(path), "--budget", "2", home=reg.home)
        assert result.returncode == 69
        assert result.stderr.count("\n") == 1 and "unreachable" in result.stderr
        assert f"{queued} record(s) still queued" in result.stderr
        with Ledger.open(path) as ledger:
            assert syncstate.queue_length(ledger) == queued
            failed = syncstate.last_run(ledger)
            assert failed.outcome == "failed"
        took = datetime.fromisoformat(failed.ended_at) - datetime.fromisoformat(failed.started_at)
        assert took.total_seconds() < 2 + 30  # the 2 s budget, not the default 300 s
        status = run("sync", "--status", "--db", str(path), home=reg.home).stdout
        assert f"queue: {queued} record(s)" in status and "last error" in status
        reg.start()
        code, out = _sync(path, reg.home)
        assert code == 0, out
        _assert_registry_matches(reg, [path])


def test_a_registry_that_fails_every_third_request(tmp_path: Path) -> None:
    with registry(tmp_path / "registry") as reg:
        proxy = FaultProxy(reg.url)
        try:
            paths = [_kiosk(reg, tmp_path, f"k{i}", url=proxy.url) for i in range(2)]
            for i, path in enumerate(paths):
                _sell(path, 60, seed=10 + i)
                code, out = _sync(path, reg.home, "--batch-size", "10")
                assert code == 0, out
            assert proxy.failed_before > 3 and proxy.failed_after > 3
            _assert_registry_matches(reg, paths)
        finally:
            proxy.close()


def test_a_sync_job_killed_at_30_random_points_loses_and_doubles_nothing(tmp_path: Path):
    """Each round the kiosk sells 60 more orders, and a job pushing one record per request over
    a slow link (each answer held back 10 ms) is SIGKILLed after a random delay (fixed seed):
    at start-up, mid-batch, with a batch applied at the registry but its answer unheard,
    while acking, while pulling."""
    rng = random.Random(20261126)
    with registry(tmp_path / "registry") as reg:
        proxy = FaultProxy(reg.url, fail_every=0, delay_s=0.01)
        path = _kiosk(reg, tmp_path, "k", url=proxy.url)
        _sell(path, 30, seed=7)
        args = ("sync", "--db", str(path), "--batch-size", "1", "--budget", "20")
        kills, cut_short = 0, set()  # batches recorded but killed before their answer applied
        try:
            for round_ in range(30):
                with Ledger.open(path) as ledger:  # the kiosk keeps selling between runs
                    sell(ledger, 60, seed=100 + round_)
                started = _runs(path)
                job = popen(*args, home=reg.home)
                if rng.random() > 0.15:  # else at start-up: however slow the machine is
                    # the kill lands at a random point of the job's own work, not of its start
                    _wait_for(lambda n=started, j=job: _runs(path) > n or j.poll() is not None)
                    time.sleep(rng.uniform(0.0, 0.8))
                if job.poll() is None:
                    job.send_signal(signal.SIGKILL)
                    kills += 1
                job.wait()
                with Ledger.open(path) as ledger:
                    cut_short |= {b.batch_id for b in syncstate.unanswered_batches(ledger)}
            code, out = _sync(path, reg.home)
            assert code == 0, out
        finally:
            proxy.close()
        with Ledger.open(path) as ledger:
            runs = syncstate.runs(ledger, limit=100)
            interrupted = sum(r.outcome == "interrupted" for r in runs)
            batches = ledger.conn.execute("SELECT count(*) FROM sync_batches").fetchone()[0]
            entries = ledger.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        _assert_registry_matches(reg, [path])
        figures = {"kills": kills, "interrupted_runs": interrupted, "batches": batches,
                   "batches_cut_short": len(cut_short), "outbox_entries": entries}  # fmt: skip
        print(json.dumps(figures))
        assert kills >= 20 and interrupted >= 10 and len(cut_short) >= 5, figures


def _runs(path: Path) -> int:
    with Ledger.open(path) as ledger:
        return len(syncstate.runs(ledger, limit=1_000))


def _wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the sync job never started a run"
        time.sleep(0.01)


def test_tls_is_verified_and_a_private_ca_is_trusted_by_ssl_cert_file(tmp_path: Path) -> None:
    with registry(tmp_path / "registry", tls=True) as reg:
        path = tmp_path / "k.sqlite"
        with Ledger.open(path) as ledger:
            kiosk_key(ledger)
        # An hour's budget: retried, it would outlast run()'s 120 s timeout and fail the test.
        refused = run("enroll", "--registry", reg.url, "--token", reg.token("k"),
                      "--budget", "3600", "--db", str(path), home=reg.home)  # fmt: skip
        assert refused.returncode == 78 and "cannot be verified" in refused.stderr
        trust = {"SSL_CERT_FILE": str(reg.tls[0])}
        result = run("enroll", "--registry", reg.url, "--token", reg.token("k"),
                     "--db", str(path), home=reg.home, env_extra=trust)  # fmt: skip
        assert result.returncode == 0, result.stderr
        result = run("sync", "--db", str(path), home=reg.home, env_extra=trust)
        assert result.returncode == 0, result.stderr
        _sell(path, 10, seed=3)
        result = run("sync", "--db", str(path), home=reg.home, env_extra=trust)
        assert result.returncode == 0, result.stderr
        _assert_registry_matches(reg, [path])
