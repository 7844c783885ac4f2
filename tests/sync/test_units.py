"""The shipped systemd units and cron line: nightly, randomised, persistent, the real command."""

from __future__ import annotations

import configparser
from importlib.resources import files


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # keep systemd's CamelCase keys
    parser.read_string((files("diandian_resources") / "systemd" / name).read_text())
    return parser


def test_the_timer_is_nightly_randomised_and_persistent() -> None:
    timer = _unit("diandian-sync.timer")["Timer"]
    assert timer["OnCalendar"].startswith("*-*-*")
    assert timer["RandomizedDelaySec"] and timer["Persistent"] == "true"


def test_the_service_runs_the_sync_job_once() -> None:
    service = _unit("diandian-sync.service")["Service"]
    assert service["Type"] == "oneshot"
    assert service["ExecStart"].split()[1] == "sync"
    assert "75" in service["SuccessExitStatus"].split()


def test_the_readme_has_a_cron_line_for_systems_without_systemd() -> None:
    text = (files("diandian_resources") / "systemd" / "README.md").read_text()
    cron = [line for line in text.splitlines() if line.startswith("0 1 * * * ")]
    assert len(cron) == 1 and "diandian sync" in cron[0] and "%" not in cron[0]
