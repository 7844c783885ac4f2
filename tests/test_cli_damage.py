"""Commands on a ledger whose file fails under them (issue 12, "The kiosk side"): exit 1 with
the reason the README promises, never 70 ("internal error") and never a silent death."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from tests.conftest import BIN
from tests.kiosk.ledger.support import damage_page

WAIT_S = 120  # generous for a loaded machine; a pass takes a few seconds


def test_orders_list_on_a_damaged_page_exits_1_naming_the_file(diandian, tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite"
    assert diandian("simulate", "--orders", "300", "--db", str(db)).returncode == 0
    damage_page(db, "orders")
    result = diandian("orders", "list", "--limit", "1000", "--db", str(db))
    assert result.returncode == 1, result.stderr
    assert "damaged" in result.stderr and str(db) in result.stderr and "restore" in result.stderr
    assert "internal error" not in result.stderr


def test_simulate_says_why_when_the_shm_file_is_cut_short_under_it(tmp_path: Path) -> None:
    """SQLite maps `<ledger>-shm` into memory: cut short, its next access is a SIGBUS. The
    command ends with exit 1 and one line naming the file; the ledger verifies afterwards."""
    db = tmp_path / "ledger.sqlite"
    wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
    env = {**os.environ, "DIANDIAN_HOME": str(tmp_path / "home")}
    env.pop("DIANDIAN_DEBUG", None)
    till = subprocess.Popen(
        [str(BIN / "diandian"), "simulate", "--orders", "1000000", "--db", str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + WAIT_S
        while not (wal.exists() and wal.stat().st_size > 500_000 and shm.exists()):
            assert till.poll() is None and time.monotonic() < deadline, "no sales were made"
            time.sleep(0.05)
        os.truncate(shm, 0)
        _, stderr = till.communicate(timeout=WAIT_S)
    finally:
        if till.poll() is None:
            till.kill()
            till.wait()
    assert till.returncode == 1, (till.returncode, stderr)
    [line] = stderr.strip().splitlines()
    assert "SIGBUS" in line and f"{db}-shm" in line and "ledger verify" in line
    verified = subprocess.run(
        [str(BIN / "diandian"), "ledger", "verify", "--db", str(db)],
        capture_output=True, text=True, env=env, timeout=WAIT_S, check=False,
    )  # fmt: skip
    assert verified.returncode == 0 and ": ok" in verified.stdout, verified.stdout
