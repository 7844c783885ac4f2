"""`diandian simulate`, `orders` and `ledger` as separate processes on a real ledger file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kiosk.credit import spaced


@pytest.fixture
def filled(diandian, tmp_path: Path) -> Path:
    db = tmp_path / "kiosk" / "ledger.sqlite"
    result = diandian("simulate", "--orders", "60", "--seed", "7", "--db", str(db))
    assert result.returncode == 0, result.stderr
    paid = int(result.stdout.split()[0])
    assert 0 < paid <= 60
    return db


def test_simulate_reports_how_many_ended_paid(diandian, filled: Path) -> None:
    listed = json.loads(
        diandian(
            "orders", "list", "--status", "paid", "--limit", "100", "--json", "--db", str(filled)
        ).stdout
    )
    assert all(o["status"] == "paid" and o["serial"] for o in listed)
    again = diandian("simulate", "--orders", "60", "--seed", "7", "--db", str(filled))
    assert again.returncode == 0


def test_orders_list_is_newest_first(diandian, filled: Path) -> None:
    result = diandian("orders", "list", "--json", "--limit", "5", "--db", str(filled))
    seqs = [o["seq"] for o in json.loads(result.stdout)]
    assert seqs == sorted(seqs, reverse=True) and len(seqs) == 5
    text = diandian("orders", "list", "--db", str(filled)).stdout
    assert text.splitlines()[0].split()[:3] == ["seq", "code", "status"]


def test_orders_show_by_code_and_by_serial(diandian, filled: Path) -> None:
    newest = json.loads(diandian("orders", "list", "--status", "paid", "--json", "--limit",
                                 "1", "--db", str(filled)).stdout)[0]  # fmt: skip
    by_code = json.loads(diandian("orders", "show", newest["code"], "--json", "--db",
                                  str(filled)).stdout)  # fmt: skip
    assert by_code["id"] == newest["id"] and isinstance(by_code["lines"], list)
    assert by_code["retirement"] == "retired"
    (first, *_) = by_code["credit_ranges"]
    assert first["serial"].startswith("DEMO-") and first["to_g"] > first["from_g"]
    by_serial = diandian("orders", "show", str(newest["serial"]), "--db", str(filled))
    assert newest["id"] in by_serial.stdout and "amount" in by_serial.stdout
    assert "retirement: retired" in by_serial.stdout
    label = f"{first['serial']} (g {spaced(first['from_g'])}–{spaced(first['to_g'])})"
    assert f"credit: {label}" in by_serial.stdout
    assert "reference: (demo: nothing retired)" in by_serial.stdout


def test_verify_passes_then_finds_a_hand_edit(diandian, filled: Path) -> None:
    ok = diandian("ledger", "verify", "--db", str(filled))
    assert ok.returncode == 0 and ": ok (" in ok.stdout
    with sqlite3.connect(filled) as conn:
        conn.execute("UPDATE orders SET amount_fen = amount_fen - 1 WHERE serial = 3")
    broken = diandian("ledger", "verify", "--db", str(filled))
    assert broken.returncode == 1
    assert "edited outside the app: amount_fen" in broken.stdout


def test_backup_to_a_folder_keeps_the_newest_n(diandian, filled: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for stamp in ("20260101-000000", "20260102-000000", "20260103-000000"):
        (folder / f"ledger-{stamp}.sqlite").write_bytes(b"old")
    result = diandian("ledger", "backup", str(folder), "--keep", "2", "--db", str(filled))
    assert result.returncode == 0, result.stderr
    kept = sorted(p.name for p in folder.iterdir())
    assert len(kept) == 2 and kept[0] == "ledger-20260103-000000.sqlite"
    new = folder / kept[1]
    with sqlite3.connect(new) as conn:
        assert conn.execute("SELECT count(*) FROM orders").fetchone()[0] == 60


def test_restore_brings_back_a_backup_and_keeps_the_current(diandian, filled, tmp_path) -> None:
    """Paid orders made after the backup would be lost: refused until their number is given;
    then restored, the current ledger kept, and serials continue after the highest issued."""
    copy = tmp_path / "copy.sqlite"
    assert diandian("ledger", "backup", str(copy), "--db", str(filled)).returncode == 0
    more = diandian("simulate", "--orders", "5", "--seed", "1", "--db", str(filled))
    assert more.returncode == 0
    lost = int(more.stdout.split()[0])  # "N paid of 5"
    assert lost > 0
    with sqlite3.connect(filled) as conn:
        highest = conn.execute("SELECT max(serial) FROM orders").fetchone()[0]
    before = filled.read_bytes()
    refused = diandian("ledger", "restore", str(copy), "--db", str(filled))
    assert refused.returncode == 1
    assert f"paid orders lost from this kiosk: {lost}" in refused.stdout
    assert f"--accept-loss {lost}" in refused.stderr and "nothing was changed" in refused.stderr
    assert filled.read_bytes() == before
    assert not list(filled.parent.glob("ledger.before-restore-*.sqlite"))
    result = diandian(
        "ledger", "restore", str(copy), "--accept-loss", str(lost), "--db", str(filled)
    )
    assert result.returncode == 0, result.stderr
    assert f"the next certificate serial is {highest + 1}" in result.stdout
    with sqlite3.connect(filled) as conn:
        assert conn.execute("SELECT count(*) FROM orders").fetchone()[0] == 60
        assert conn.execute("SELECT value FROM counters WHERE name = 'serial'").fetchone()[0] == (
            highest
        )
    kept = list(filled.parent.glob("ledger.before-restore-*.sqlite"))
    assert len(kept) == 1
    with sqlite3.connect(kept[0]) as conn:
        assert conn.execute("SELECT count(*) FROM orders").fetchone()[0] == 65
    assert diandian("ledger", "verify", "--db", str(filled)).returncode == 0


def test_restore_over_an_unreadable_ledger_says_unknown_and_needs_it_acknowledged(
    diandian, filled, tmp_path
) -> None:
    copy = tmp_path / "copy.sqlite"
    assert diandian("ledger", "backup", str(copy), "--db", str(filled)).returncode == 0
    with sqlite3.connect(filled) as conn:  # fold the WAL in, then damage the header
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(filled, "r+b") as handle:
        handle.write(b"NOT A LEDGER!!!\0")
    before = filled.read_bytes()
    refused = diandian("ledger", "restore", str(copy), "--accept-loss", "0", "--db", str(filled))
    assert refused.returncode == 1
    assert "paid orders lost from this kiosk: unknown" in refused.stdout
    assert "--accept-loss unknown" in refused.stderr and "nothing was changed" in refused.stderr
    assert filled.read_bytes() == before
    bad = diandian("ledger", "restore", str(copy), "--accept-loss", "some", "--db", str(filled))
    assert bad.returncode != 0 and "--accept-loss: 'some' is not allowed" in bad.stderr
    done = diandian("ledger", "restore", str(copy), "--accept-loss", "unknown", "--db", str(filled))
    assert done.returncode == 0, done.stderr
    assert diandian("ledger", "verify", "--db", str(filled)).returncode == 0


def test_restore_refuses_a_backup_that_does_not_verify(diandian, filled, tmp_path) -> None:
    copy = tmp_path / "copy.sqlite"
    diandian("ledger", "backup", str(copy), "--db", str(filled))
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE orders SET offset_g = offset_g + 1 WHERE seq = 1")
    before = filled.read_bytes()
    result = diandian("ledger", "restore", str(copy), "--db", str(filled))
    assert result.returncode == 1
    assert "does not verify" in result.stderr and "nothing was changed" in result.stderr
    assert filled.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ("orders", "list"),
        ("orders", "show", "ABC123"),
        ("ledger", "verify"),
        ("ledger", "backup", "somewhere.sqlite"),
    ],
)
def test_a_missing_ledger_is_one_clear_line(diandian, tmp_path, args) -> None:
    missing = tmp_path / "nope" / "ledger.sqlite"
    result = diandian(*args, "--db", str(missing))
    assert result.returncode == 1
    assert result.stderr.strip() == f"diandian {args[0]}: error: no ledger at {missing}"
    assert not missing.exists()


def test_unknown_order_and_bad_limit_exit_2(diandian, filled: Path) -> None:
    unknown = diandian("orders", "show", "ZZZZZZ", "--db", str(filled))
    assert unknown.returncode == 2 and "no order 'ZZZZZZ'" in unknown.stderr
    bad = diandian("orders", "list", "--limit", "0", "--db", str(filled))
    assert bad.returncode == 2 and "--limit" in bad.stderr


def test_default_ledger_lives_in_diandian_home(diandian, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DIANDIAN_HOME", str(tmp_path / "home"))
    assert diandian("simulate", "--orders", "3").returncode == 0
    assert (tmp_path / "home" / "ledger.sqlite").is_file()
