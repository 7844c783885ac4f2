"""diandian.toml for unattended installs: every bad value is named with the file, the key and
what is allowed, and the rest of the settings still apply (safe defaults, never a crash)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import Settings, dumps, load_settings, save_settings


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


@pytest.mark.parametrize(
    ("text", "key", "allowed"),
    [
        ('[kiosk]\nvenue = "nowhere"', "kiosk.venue", "demo-expo"),
        ("[kiosk]\nidle_timeout_s = 3", "kiosk.idle_timeout_s", "from 15 to 3600"),
        ('[kiosk]\nidle_timeout_s = "60"', "kiosk.idle_timeout_s", "whole seconds"),
        ('[kiosk]\nlanguages = ["de"]', "kiosk.languages", "zh, en, fr"),
        ("[kiosk]\nlanguages = []", "kiosk.languages", "zh, en, fr"),
        ("[kiosk]\ncolour = 1", "kiosk.colour", "venue, idle_timeout_s, languages"),
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
    assert dumps({"a": {"s": 'quo"te 中', "b": True}}) == '[a]\ns = "quo\\"te 中"\nb = true\n'
