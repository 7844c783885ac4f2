"""The `diandian` console script as a user meets it: help, JSON, and one-line errors."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kiosk.cli import CORE_COMMANDS, ENTRY_POINT_GROUP, build_parser, registrations
from tests.conftest import processes_in_turn

ROOT = Path(__file__).resolve().parent.parent

TRIP = ("footprint", "trip", "--set", "origin=Beijing", "--set", "mode=flight")


def _subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


def test_every_registration_adds_exactly_the_subcommand_of_its_name() -> None:
    every = registrations()
    for name, register in every:
        commands = argparse.ArgumentParser().add_subparsers()
        register(commands)
        assert list(commands.choices) == [name]
    assert len({name for name, _ in every}) == len(every)


def test_the_packages_above_the_core_register_their_own_commands() -> None:
    """pyproject.toml's entry points are the only list naming ui/ and sync/ commands; each one
    lives in the package that runs it, and the installed metadata matches the file."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    group = declared["project"]["entry-points"][ENTRY_POINT_GROUP]
    assert {"kiosk", "cashier", "sync", "enroll", "registry"} <= set(group)
    for name, target in group.items():
        assert target.split(".")[0] in ("ui", "sync"), (name, target)
        assert name not in CORE_COMMANDS
    assert set(_subcommands()) == set(CORE_COMMANDS) | set(group)


@pytest.mark.parametrize(
    ("argv", "loaded", "not_loaded"),
    [
        (["footprint", "--help"], "kiosk.commands.footprint", "sync.commands.sync"),
        (["sync", "--status"], "sync.commands.sync", "ui.commands.app"),
        (["kiosk", "--help"], "ui.commands.app", "sync.commands.registry"),
    ],
)
def test_one_command_loads_only_its_own_module(argv, loaded: str, not_loaded: str) -> None:
    code = (
        "import sys\n"
        "from kiosk.cli import build_parser\n"
        f"build_parser({argv!r})\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert loaded in out
    assert not_loaded not in out
    assert "kiosk.commands.orders" not in out


def test_the_core_commands_skip_the_entry_point_scan() -> None:
    """importlib.metadata alone costs ~20 ms: `diandian footprint` never imports it."""
    code = (
        "import sys\n"
        "from kiosk.cli import main\n"
        "rc = main(['footprint', 'trip', '--set', 'origin=Beijing', '--set', 'mode=flight',"
        " '--json'])\n"
        "assert rc == 0, rc\n"
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('importlib', 'ui', 'sync'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert not [m for m in out if m.startswith("importlib.metadata")]
    assert not [m for m in out if m.split(".")[0] in ("ui", "sync")]


def test_a_second_footprint_reads_its_tables_from_the_cache(tmp_path) -> None:
    """Issue 19: the first `diandian footprint` parses the TOML tables and cities.csv and
    stores them (kiosk/tablecache.py); the next one reads them back without importing a parser,
    and prints the same answer. Neither loads what the command does not need (zlib and friends
    through shutil, OpenSSL through hashlib, pydantic, sqlite-utils)."""
    code = (
        "import contextlib, io, json, sys\n"
        "from kiosk.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    rc = main(['footprint', 'trip', '--set', 'origin=Beijing',"
        " '--set', 'mode=flight', '--json'])\n"
        "assert rc == 0, rc\n"
        "names = ('tomllib', 'csv', 'shutil', 'hashlib', 'pydantic', 'sqlite_utils')\n"
        "print(json.dumps([json.loads(out.getvalue()), [m for m in names if m in sys.modules]]))\n"
    )
    runs = processes_in_turn(code, 2, tmp_path / "cache")
    (first, loaded_first), (second, loaded_second) = runs
    assert first == second and first["total_g"] > 0
    assert loaded_first == ["tomllib", "csv"]  # built, then stored
    assert loaded_second == []


def test_an_unknown_command_lists_every_command(diandian) -> None:
    result = diandian("sycn")
    assert result.returncode == 2
    assert "invalid choice: 'sycn'" in result.stderr
    for name in ("sync", "registry", "kiosk", "footprint"):
        assert name in result.stderr


def test_top_level_help_lists_every_subcommand(diandian) -> None:
    result = diandian("--help")
    assert result.returncode == 0
    for name in _subcommands():
        assert name in result.stdout


@pytest.mark.parametrize("name", _subcommands())
def test_every_subcommand_explains_itself(diandian, name: str) -> None:
    result = diandian(name, "--help")
    assert result.returncode == 0
    assert "usage: diandian " + name in result.stdout
    assert len(result.stdout.splitlines()) > 4


def test_footprint_help_lists_scenarios_and_questions(diandian) -> None:
    text = diandian("footprint", "--help").stdout
    for word in ("trip", "lifestyle", "origin", "round_trip", "one of flight"):
        assert word in text


def test_footprint_json_is_one_object_whose_lines_add_up(diandian) -> None:
    result = diandian(*TRIP, "--set", "nights=2", "--set", "meals=3", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"scenario", "total_kg", "lines", "factors_version"}
    assert data["scenario"] == "trip"
    assert sum(line["g"] for line in data["lines"]) == data["total_g"]
    assert data["total_kg"] == pytest.approx(data["total_g"] / 1000, abs=1e-9)
    for line in data["lines"]:
        assert set(line) >= {"activity", "quantity", "unit", "factor_kg_per_unit", "kg", "source"}
        assert abs(line["quantity"] * line["factor_kg_per_unit"] - line["kg"]) <= 0.0005
        assert line["source"].count("http") == 1


def test_footprint_text_shows_the_total_and_the_sources(diandian) -> None:
    result = diandian(*TRIP, "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert "total" in result.stdout and "sources:" in result.stdout
    assert "http://rcees.cas.cn/" in result.stdout  # the Chinese flight figure's source


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("footprint", "holiday"), "scenario"),
        (("footprint", "trip", "--set", "mode=flight"), "origin"),
        (("footprint", "trip", "--set", "origin=Atlantis", "--set", "mode=flight"), "origin"),
        ((*TRIP, "--set", "nights=-3"), "nights"),
        ((*TRIP, "--set", "nights=NaN"), "nights"),
        ((*TRIP, "--set", "distance_km=Infinity"), "distance_km"),
        ((*TRIP, "--set", "distance_km=1e308"), "distance_km"),
        ((*TRIP, "--set", "meals=lots"), "meals"),
        ((*TRIP, "--set", "cabin=first"), "cabin"),
        ((*TRIP, "--set", "nights"), "KEY=VALUE"),
        ((*TRIP, "--set", "origin=Shanghai"), "given twice"),
        ((*TRIP, "--venue", "moon-base"), "venue"),
        (("footprint", "trip", "--set", "origin=Chengdu", "--set", "mode=metro"), "distance_km"),
        (("footprint", "trip", "--set", "origin=Beijing", "--set", "mode=metro"), "mode"),
        (("footprint",), "scenario"),
        (("footprint", "trip", "--bogus"), "--bogus"),
        (("frobnicate",), "frobnicate"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_field(diandian, args, names: str) -> None:
    result = diandian(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert names in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "listed"),
    [
        ("Suzhou", ("Suzhou (苏州, Jiangsu)", "Suzhou (宿州, Anhui)")),
        ("Taizhou", ("Taizhou (泰州, Jiangsu)", "Taizhou (台州, Zhejiang)")),
        ("Fuzhou", ("Fuzhou (福州, Fujian)", "Fuzhou (抚州, Jiangxi)")),
        ("Yichun", ("Yichun (宜春, Jiangxi)", "Yichun (伊春, Heilongjiang)")),
    ],
)
def test_a_shared_city_name_exits_2_listing_each_with_its_province(
    diandian, name: str, listed: tuple[str, str]
) -> None:
    result = diandian("footprint", "trip", "--set", f"origin={name}", "--set", "mode=flight")
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("diandian footprint: error: origin: ")
    assert all(city in line for city in listed)


@pytest.mark.parametrize("origin", ["宿州", "Suzhou, Anhui", "安徽宿州"])
def test_a_unique_or_province_qualified_name_resolves(diandian, origin: str) -> None:
    result = diandian("footprint", "trip", "--set", f"origin={origin}", "--set", "mode=flight",
                      "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["answers"]["origin"] == "suzhou-1793743"


def test_footprint_with_db_uses_the_kiosks_table_in_force(diandian, tmp_path) -> None:
    from decimal import Decimal

    from kiosk.catalogue import load_demo_catalogue
    from kiosk.factors import LocalFactor
    from kiosk.ledger import Ledger, overrides

    path = tmp_path / "kiosk.sqlite"
    with Ledger.open(path) as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        local = LocalFactor(
            "meal_mixed", Decimal("2.5"), "Canteen survey", "Menus", 2026, "https://x.example", "r"
        )
        overrides.set_factor(ledger, local, "root")
        version = overrides.effective_factors(ledger).version
    wal = tmp_path / "kiosk.sqlite-wal"
    before = path.read_bytes(), wal.read_bytes() if wal.exists() else b""
    meal = ("footprint", "meal", "--set", "mixed_meals=3")

    kiosk = json.loads(diandian(*meal, "--db", str(path), "--json").stdout)
    shipped = json.loads(diandian(*meal, "--json").stdout)
    assert (kiosk["total_g"], kiosk["factors_version"]) == (7_500, version)
    assert shipped["total_g"] != 7_500 and "+L" not in shipped["factors_version"]
    assert "Canteen survey" in diandian(*meal, "--db", str(path)).stdout
    assert (path.read_bytes(), wal.read_bytes() if wal.exists() else b"") == before  # read only

    missing = diandian(*meal, "--db", str(tmp_path / "nope.sqlite"))
    assert missing.returncode == 1 and len(missing.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "nope.sqlite").exists()


@pytest.mark.parametrize("version", ["0004_accounts", "0006_rank_index"])
def test_footprint_with_db_reads_a_ledger_not_yet_upgraded(diandian, tmp_path, version) -> None:
    """A ledger from before `pulled` / local factors (opened read-only, so never migrated)."""
    import sqlite3
    from pathlib import Path

    dump = Path(__file__).parent / "kiosk" / "ledger" / "old_ledgers" / f"{version}.sql"
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(dump.read_text(encoding="utf-8"))
    conn.close()
    before = path.read_bytes()
    meal = ("footprint", "meal", "--set", "mixed_meals=3", "--json")
    old = diandian(*meal, "--db", str(path))
    assert old.returncode == 0, old.stderr
    assert json.loads(old.stdout) == json.loads(diandian(*meal).stdout)
    assert path.read_bytes() == before
