"""`diandian accounts`: the staff accounts the kiosk's hidden gesture signs in with."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def _run(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DIANDIAN_HOME": str(tmp_path / "home")}
    return subprocess.run(
        [str(BIN / "diandian"), "accounts", *args],
        input=stdin,
        text=True,
        capture_output=True,
        env=env,
        check=False,
    )


def test_add_then_list_an_account_with_a_pin_from_stdin(tmp_path: Path) -> None:
    added = _run(tmp_path, "add", "Wang Li", "--role", "admin", "--pin-stdin", stdin="2468\n")
    assert added.returncode == 0, added.stderr
    assert "created admin account Wang Li" in added.stdout
    listed = _run(tmp_path, "list")
    assert listed.stdout.strip() == "Wang Li\tadmin"
    again = _run(tmp_path, "add", "Wang Li", "--role", "cashier", "--pin-stdin", stdin="1357\n")
    assert again.returncode == 2 and "already exists" in again.stderr


def test_a_bad_pin_is_one_line_and_status_2(tmp_path: Path) -> None:
    result = _run(tmp_path, "add", "Li", "--role", "cashier", "--pin-stdin", stdin="12\n")
    assert result.returncode == 2
    assert result.stderr.strip().endswith("pin: 4 to 8 digits")


def test_the_cashier_console_refuses_a_missing_ledger_in_one_line(diandian, tmp_path) -> None:
    result = diandian("cashier", "--db", str(tmp_path / "nope.sqlite"))
    assert result.returncode == 1
    assert result.stderr.startswith("diandian cashier: error: no ledger at")
    assert "Traceback" not in result.stderr
