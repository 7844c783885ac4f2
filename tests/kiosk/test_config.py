"""diandian.toml for unattended installs: every bad value is named with the file, the key and
what is allowed, and the rest of the settings still apply (safe defaults, never a crash)."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from kiosk import admin
from kiosk.accounts import Account
from kiosk.config import Settings, load_settings, save_settings
from kiosk.errors import DataError


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "diandian.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_is_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "missing.toml") == (Settings(), [])


def test_good_settings_are_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '[kiosk]\nvenue = "demo-expo"\nidle_timeout_s = 90\nlanguages = ["zh", "en"]\n'
        '[printer]\nkind = "network"\nhost = "10.0.0.5"\n'
        '[registry]\nurl = "https://registry.example.com/"\n',
    )
    settings, problems = load_settings(path)
    assert problems == []
    assert (settings.venue, settings.idle_timeout_s, settings.languages) == (
        "demo-expo",
        90,
        ("zh", "en"),
    )
    assert settings.printer.host == "10.0.0.5"
    assert settings.registry_url == "https://registry.example.com"


def test_the_day_closes_at_the_configured_time(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.toml")[0].close_day_at is None  # when it ends
    path = _write(tmp_path, '[kiosk]\nclose_day_at = "21:30"\n')
    settings, problems = load_settings(path)
    assert problems == [] and settings.close_day_at == time(21, 30)


@pytest.mark.parametrize(
    ("text", "key", "allowed"),
    [
        ('[kiosk]\nvenue = "nowhere"', "kiosk.venue", "demo-expo"),
        ("[kiosk]\nidle_timeout_s = 3", "kiosk.idle_timeout_s", "from 15 to 3600"),
        ('[kiosk]\nidle_timeout_s = "60"', "kiosk.idle_timeout_s", "whole seconds"),
        ('[kiosk]\nlanguages = ["de"]', "kiosk.languages", "zh, en, fr"),
        ("[kiosk]\nlanguages = []", "kiosk.languages", "zh, en, fr"),
        ("[kiosk]\ncolour = 1", "kiosk.colour", "venue, idle_timeout_s, languages"),
        ('[kiosk]\nclose_day_at = "24:00"', "kiosk.close_day_at", "HH:MM from 00:00 to 23:59"),
        ('[kiosk]\nclose_day_at = "9pm"', "kiosk.close_day_at", "HH:MM from 00:00 to 23:59"),
        ('[printer]\nkind = "fax"', "printer.kind", "network, usb"),
        ('[printer]\nkind = "network"\nhost = "h"\nport = 0', "printer.port", "1 to 65535"),
        ('[registry]\nurl = "http://example.com"', "registry.url", "https://"),
        ("[screen]\nx = 1", "screen", "kiosk, printer, registry, payment"),
        ("kiosk = 3", "kiosk", "a table"),
    ],
)
def test_a_bad_value_names_file_key_and_what_is_allowed(
    tmp_path: Path, text: str, key: str, allowed: str
) -> None:
    path = _write(tmp_path, text + '\n[payment]\nterminal = "simulated"\n')
    settings, problems = load_settings(path)
    assert [p.key for p in problems] == [key]
    line = str(problems[0])
    assert line.startswith(f"{path}: {key}: ") and allowed in line
    assert isinstance(settings, Settings)


def test_the_good_values_survive_a_bad_neighbour(tmp_path: Path) -> None:
    path = _write(tmp_path, '[kiosk]\nvenue = "demo-expo"\nidle_timeout_s = -1\n')
    settings, problems = load_settings(path)
    assert settings.venue == "demo-expo" and settings.idle_timeout_s is None
    assert len(problems) == 1


def test_a_syntax_error_is_one_problem_and_the_defaults(tmp_path: Path) -> None:
    path = _write(tmp_path, "[kiosk\nvenue = ")
    settings, problems = load_settings(path)
    assert settings == Settings()
    assert problems[0].file == str(path) and "not valid TOML" in problems[0].message


def test_save_merges_removes_and_round_trips(tmp_path: Path) -> None:
    path = _write(tmp_path, '[kiosk]\nvenue = "demo-expo"\nidle_timeout_s = 60\n')
    save_settings({"kiosk": {"idle_timeout_s": None, "languages": ["en"]}}, path)
    settings, problems = load_settings(path)
    assert problems == []
    assert (settings.venue, settings.idle_timeout_s, settings.languages) == (
        "demo-expo",
        None,
        ("en",),
    )
    save_settings({"printer": {"kind": "file", "path": 'quo"te 中'}}, path)
    assert load_settings(path)[0].printer.path == 'quo"te 中'


DAMAGED = """\
# Expo hall A, set up by Li Wei
[kiosk]
venue = "demo-expo
idle_timeout_s = 120

[payment]
terminal = "simulated"

[printer]
kind = "network"
host = "10.0.0.5"
"""


def test_a_damaged_file_is_never_written_over(tmp_path: Path) -> None:
    """Saving an idle timeout once left only `[kiosk] idle_timeout_s = 60` of this file."""
    path = _write(tmp_path, DAMAGED)
    with pytest.raises(DataError, match=r"line 3, column 19") as caught:
        save_settings({"kiosk": {"idle_timeout_s": 60}}, path)
    assert str(path) in str(caught.value)
    assert path.read_text(encoding="utf-8") == DAMAGED


def test_the_admin_saving_over_a_damaged_file_is_told_where_and_nothing_changes(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, DAMAGED)
    problems = admin.save(Account("root", "admin"), {"kiosk": {"idle_timeout_s": 60}}, path)
    assert [p.key for p in problems] == ["(file)"]
    line = str(problems[0])
    assert line.startswith(f"{path}: (file): ") and "line 3, column 19" in line
    assert "nothing was saved" in line and "\n" not in line
    assert path.read_text(encoding="utf-8") == DAMAGED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["diandian.toml"]


def test_saving_keeps_comments_order_and_other_tables(tmp_path: Path) -> None:
    text = (
        "# Expo hall A, set up by Li Wei\n"
        "[payment]\n"
        'terminal = "simulated"  # the demo terminal until UnionPay is installed\n'
        "\n"
        "[kiosk]\n"
        "# two minutes: visitors read the result screen\n"
        "idle_timeout_s = 120\n"
        'venue = "demo-expo"\n'
    )
    path = _write(tmp_path, text)
    problems = admin.save(Account("root", "admin"), {"kiosk": {"idle_timeout_s": 60}}, path)
    assert problems == []
    assert path.read_text(encoding="utf-8") == text.replace("= 120", "= 60")
    settings, problems = load_settings(path)
    assert problems == [] and settings.payment.terminal == "simulated"


@pytest.mark.parametrize(
    ("text", "key", "allowed"),
    [
        ('[payment]\nterminal = "unionpay"', "payment.terminal", "simulated"),
        ('[payment]\nterminal = "simulated"\ndelay_s = -1', "payment.delay_s", "seconds"),
    ],
)
def test_the_payment_table_is_checked_too(tmp_path: Path, text: str, key: str, allowed: str):
    settings, problems = load_settings(_write(tmp_path, text))
    assert [p.key for p in problems] == [key] and allowed in problems[0].message
    assert settings.payment.delay_s == 1.5


# --- the registry URL: one rule (kiosk/registry_url.py) for the file and the sync client -------


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://localhost.evil.example", False),  # the file once took this (a text prefix)
        ("http://127.0.0.1.evil.example:8700", False),
        ("http://127.0.0.2:8700", True),  # ...and refused this loopback address
        ("http://[::1]:8700/", True),
        ("http://LOCALHOST:8700", True),
        ("https://registry.example.com/", True),
        ("http://registry.example.com", False),
        ("https://", False),
        ("https://registry.example.com:99999", False),
        ("ftp://registry.example.com", False),
    ],
)
def test_the_settings_file_and_the_sync_client_agree_on_registry_urls(
    tmp_path: Path, url: str, allowed: bool
) -> None:
    from sync.client import NotConfigured, check_registry_url

    settings, problems = load_settings(_write(tmp_path, f'[registry]\nurl = "{url}"\n'))
    assert (problems == []) is allowed, problems
    try:
        client = check_registry_url(url)
    except NotConfigured:
        client = None
    assert (client is not None) is allowed
    if allowed:
        assert settings.registry_url == client == url.rstrip("/")
    else:
        assert problems[0].key == "registry.url" and "https://" in problems[0].message


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("https://certs.example.org/", ""),
        ("http://127.0.0.1:8700", ""),
        ("https://certs.example.org/diandian", "no path"),
        ("http://certs.example.org", "http:// only to this machine"),
    ],
)
def test_the_public_address_for_qrs_is_checked(tmp_path: Path, value: str, problem: str) -> None:
    """[registry] public_url: where a kiosk never enrolled points its certificate QRs."""
    settings, problems = load_settings(_write(tmp_path, f'[registry]\npublic_url = "{value}"\n'))
    if not problem:
        assert problems == [] and settings.public_url == value.rstrip("/")
        return
    [found] = problems
    assert found.key == "registry.public_url" and problem in found.message
    assert settings.public_url == ""
