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


UNITS = ("diandian-kiosk.service", "diandian-sync.service", "diandian-registry.service")


def _diandian_args(line: str) -> list[str]:
    """The arguments given to the `diandian` executable in an Exec line (cage runs it too)."""
    words = line.split()
    at = next(i for i, word in enumerate(words) if word.rsplit("/", 1)[-1] == "diandian")
    return words[at + 1 :]


def test_every_unit_parses_and_names_a_real_command() -> None:
    from kiosk.cli import build_parser

    for name in UNITS:
        service = _unit(name)["Service"]
        lines = [service["ExecStart"], *([service["ExecStartPre"]] if "ExecStartPre" in service
                                         else [])]  # fmt: skip
        for line in lines:
            args = _diandian_args(line)
            parsed = build_parser(args).parse_args(args)  # SystemExit on an unknown command
            assert callable(parsed.handler), (name, line)
        if name != "diandian-sync.service":  # that one is started by its timer
            assert _unit(name)["Install"]["WantedBy"]


def test_the_registry_runs_its_migrations_then_serves() -> None:
    service = _unit("diandian-registry.service")["Service"]
    assert _diandian_args(service["ExecStartPre"]) == ["registry", "init"]
    assert _diandian_args(service["ExecStart"])[:2] == ["registry", "serve"]
    assert service["Restart"] == "on-failure"
