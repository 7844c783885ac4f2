"""`diandian registry event-create | events | invoices | invoice-*` as an operator runs them:
the real console script on a real registry database; a bad value is one line and exit 2."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

Run = Callable[..., CompletedProcess[str]]
EXPO = [
    *("--id", "expo-2026", "--venue", "demo-expo", "--name-zh", "低碳博览会"),
    *("--name-en", "Low-carbon Expo", "--starts", "2026-12-04", "--ends", "2026-12-06"),
    *("--organiser", "成都会展有限公司", "--set", "attendees=500", "--set", "hall_kwh=12000"),
]


@pytest.fixture
def db(tmp_path: Path, diandian: Run) -> str:
    path = str(tmp_path / "registry.sqlite")
    assert diandian("registry", "init", "--db", path).returncode == 0
    return path


def test_an_event_is_created_and_listed(db: str, diandian: Run) -> None:
    made = diandian("registry", "event-create", "--db", db, *EXPO, "--json")
    assert made.returncode == 0, made.stderr
    event = json.loads(made.stdout)
    # 12,000 kWh x 0.1404 (Sichuan grid) = 1,684.8 kg; nothing else was given
    assert event["footprint_g"] == 1_684_800 and event["answers"]["days"] == "3"
    listed = diandian("registry", "events", "--db", db)
    assert listed.stdout.startswith("expo-2026  demo-expo  2026-12-04..2026-12-06  低碳博览会:")
    assert "footprint 1.684 t; attendees offset 0.000 t, organiser 0.000 t (0%)" in listed.stdout
    none = diandian("registry", "invoices", "--db", db)
    assert (none.returncode, none.stdout) == (0, "(no invoice requests)\n")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("expo-2026", "A"), "--id: 3 to 64 of a-z, 0-9 and -"),
        (("2026-12-04", "2026-12-09"), "--ends: 2026-12-06 is before the start, 2026-12-09"),
        (("hall_kwh=12000", "hall_m2=300"), "hall_m2: this factor table has no published kWh"),
        (("hall_kwh=12000", "travel=mars:flight:3"), "travel"),
    ],
)
def test_a_bad_event_is_one_line_and_exit_2(
    db: str, diandian: Run, change: tuple[str, str], words: str
) -> None:
    args = [change[1] if arg == change[0] else arg for arg in EXPO]
    done = diandian("registry", "event-create", "--db", db, *args)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("diandian registry: error: ") and done.stderr.count("\n") == 1
    assert words in done.stderr
    assert diandian("registry", "events", "--db", db).stdout == "(no events)\n"


def test_an_unknown_invoice_request_is_named(db: str, diandian: Run) -> None:
    done = diandian("registry", "invoice-issue", "--db", db, "7", "--number", "123")
    assert done.returncode == 2
    assert done.stderr == "diandian registry: error: ID: no invoice request 7\n"
