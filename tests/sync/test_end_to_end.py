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


def _kiosk(folder: Path, name: str, orders: int, seed: int) -> Path:
    path = folder / f"{name}.sqlite"
    with Ledger.open(path) as ledger:
        sell(ledger, orders, seed)
        kiosk_key(ledger)
    return path


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
    return stats


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
        paths = [_kiosk(tmp_path, f"k{i}", 120, seed=i) for i in range(3)]
        for i, path in enumerate(paths):
            _enrol(reg, path, f"kiosk {i}")
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

        # retirement: whole tonnes of what the kiosks sold, per project
        reg.cli("retire")
        stats = reg.stats()
        expected = _expected(paths)
        for project in stats["projects"]:
            sold = expected.get(project["project_id"], {}).get("sold_g", 0)
            assert project["retired_g"] == sold // TONNE * TONNE
            assert project["covered_g"] <= project["retired_g"]
        # every certificate at the registry as the kiosk issued it, pointing to its retirement
        covered: Counter[str] = Counter()
        with httpx.Client(base_url=reg.url) as web:
            for path in paths:
                with Ledger.open(path) as ledger:
                    orders = ledger.conn.execute(
                        "SELECT * FROM orders WHERE serial IS NOT NULL"
                    ).fetchall()
                for order in orders:
                    cert_id = f"{order['kiosk_id']}-{order['serial']:06d}".upper()
                    cert = web.get(protocol.CERTIFICATE.format(cert_id=cert_id)).json()
                    assert cert["received"] and cert["voided"] == (order["status"] == "voided")
                    assert (cert["project_id"], cert["offset_g"]) == (
                        order["project_id"],
                        order["offset_g"],
                    )
                    if cert["retirement"] and not cert["voided"]:
                        covered[order["project_id"]] += order["offset_g"]
        for project in stats["projects"]:
            assert covered[project["project_id"]] == project["covered_g"]

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


def test_a_registry_down_then_up(tmp_path: Path) -> None:
    with registry(tmp_path / "registry", start=False) as reg:
        path = _kiosk(tmp_path, "k", 40, seed=5)
        with Ledger.open(path) as ledger:
            queued = ledger.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        reg.start()
        _enrol(reg, path, "kiosk")
        reg.stop()
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
            paths = [_kiosk(tmp_path, f"k{i}", 60, seed=10 + i) for i in range(2)]
            for i, path in enumerate(paths):
                _enrol(reg, path, f"kiosk {i}", url=proxy.url)
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
        path = _kiosk(tmp_path, "k", 30, seed=7)
        _enrol(reg, path, "kiosk", url=proxy.url)
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
        path = _kiosk(tmp_path, "k", 10, seed=3)
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
        _assert_registry_matches(reg, [path])
