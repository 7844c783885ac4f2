"""`diandian sync` on a ledger that cannot be fully used (issue 12, "The kiosk side"): exit 1
with the reason where the README promises it, never 70; and a damaged page outside the
tables a push needs (the audit log) no longer keeps an intact outbox from the registry.
A real registry process on loopback, the real command."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.certificate.issue import kiosk_key
from kiosk.ledger import Ledger
from tests.kiosk.ledger.conftest import Tmpfs, tmpfs  # noqa: F401 (a fixture)
from tests.kiosk.ledger.support import damage_page
from tests.sync.conftest import sell
from tests.sync.procs import Registry, registry, run

pytestmark = pytest.mark.slow


def _enrolled_kiosk(reg: Registry, path: Path, orders: int = 60) -> int:
    """A ledger enrolled at `reg` with sales made after its first sync (retired serials
    granted); how many paid orders it holds."""
    with Ledger.open(path) as ledger:
        kiosk_key(ledger)
    token = reg.token("hall")
    enrolled = run("enroll", "--registry", reg.url, "--token", token, "--db", str(path),
                   home=reg.home)  # fmt: skip
    assert enrolled.returncode == 0, enrolled.stderr
    first = _sync(path, reg.home)
    assert first.returncode == 0, first.stdout + first.stderr
    with Ledger.open(path) as ledger:
        sell(ledger, orders)
        paid = ledger.conn.execute("SELECT count(*) FROM orders WHERE serial IS NOT NULL")
        return paid.fetchone()[0]


def _sync(path: Path, home: Path):
    return run("sync", "--db", str(path), "--budget", "20", home=home)


@pytest.mark.parametrize("leaf", [3, -1], ids=["a middle audit page", "the last audit page"])
def test_a_damaged_audit_page_does_not_keep_the_outbox_from_the_registry(
    tmp_path: Path, leaf: int
) -> None:
    with registry(tmp_path / "registry") as reg:
        path = tmp_path / "kiosk.sqlite"
        paid = _enrolled_kiosk(reg, path)
        damage_page(path, "audit", leaf)
        result = _sync(path, reg.home)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
        [line] = [x for x in result.stderr.splitlines() if x.startswith("diandian sync: error")]
        assert "damaged" in line and "audit" in line and "restore" in line and "pulled" in line
        stats = reg.stats()
        assert stats["purchases"] == paid  # every paid order of the outbox reached it


def test_a_damaged_outbox_page_pushes_nothing_and_says_so(tmp_path: Path) -> None:
    with registry(tmp_path / "registry") as reg:
        path = tmp_path / "kiosk.sqlite"
        _enrolled_kiosk(reg, path)
        damage_page(path, "outbox")
        result = _sync(path, reg.home)
        assert result.returncode == 1, result.stderr
        assert "outbox" in result.stderr and "nothing was pushed" in result.stderr
        assert reg.stats()["purchases"] == 0


def test_sync_on_a_read_only_disk_exits_1_naming_it(tmpfs: Tmpfs) -> None:  # noqa: F811
    path = tmpfs.root / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        sell(ledger, 3)
    tmpfs.remount("ro")
    result = run("sync", "--db", str(path), "--budget", "1", home=tmpfs.root)
    assert result.returncode == 1, result.stderr
    assert "read-only" in result.stderr and "internal error" not in result.stderr
