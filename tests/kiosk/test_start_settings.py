"""The kiosk's start-up settings (kiosk/start_settings.py) are exactly what the settings check
says, read from the table cache when the file and the check are unchanged (then no pydantic is
imported before the first frame), and checked again when either changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import config, settings_schema, start_settings
from kiosk.config import load_settings
from kiosk.start_settings import StartSettings
from tests.conftest import processes_in_turn

FILES = [
    "",
    '[kiosk]\nvenue = "demo-expo"\nlanguages = ["en", "zh"]\nidle_timeout_s = 90\n',
    '[kiosk]\nvenue = "nowhere"\nidle_timeout_s = "60"\n',  # two bad values: defaults used
    '[kiosk]\nlanguages = ["fr"]\n[printers]\nkind = "file"\n',  # an unknown table
    "[kiosk\nvenue = 1\n",  # not TOML
    '[payment]\nterminal = "simulated"\n[registry]\nurl = "ftp://x"\n',
]


def expected(path: Path) -> StartSettings:
    settings, problems = load_settings(path)
    return StartSettings(
        settings.venue,
        settings.idle_timeout_s,
        tuple(settings.languages),
        tuple(str(problem) for problem in problems),
    )


def test_the_defaults_and_the_file_name_are_the_settings_module_s() -> None:
    assert start_settings.LANGUAGES == settings_schema.LANGUAGES
    assert start_settings.FILE_NAME == config.FILE_NAME
    assert start_settings.start_settings() == expected(config.config_path())  # no file


@pytest.mark.parametrize("text", FILES)
def test_start_settings_are_what_the_check_says(tmp_path: Path, text: str) -> None:
    path = tmp_path / "diandian.toml"
    path.write_text(text, encoding="utf-8")
    first = start_settings.start_settings(path)  # checked, and stored
    assert first == expected(path) == start_settings.start_settings(path)  # read back
    if text.startswith('[kiosk]\nvenue = "nowhere"'):
        assert len(first.problems) == 2 and first.venue is None


def test_a_changed_file_is_checked_again(tmp_path: Path) -> None:
    path = tmp_path / "diandian.toml"
    path.write_text('[kiosk]\nvenue = "demo-expo"\n', encoding="utf-8")
    assert start_settings.start_settings(path).venue == "demo-expo"
    path.write_text('[kiosk]\nvenue = "no-such"\n', encoding="utf-8")
    again = start_settings.start_settings(path)
    assert again.venue is None and "venue" in again.problems[0]


def test_an_unchanged_file_is_read_without_pydantic(tmp_path: Path) -> None:
    """In new processes, as the kiosk starts: the first checks the file (pydantic loaded), the
    second reads the stored outcome and never imports pydantic."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    (home / "diandian.toml").write_text('[kiosk]\nvenue = "demo-expo"\n', encoding="utf-8")
    code = (
        "import json, sys\n"
        "from kiosk.start_settings import start_settings\n"
        "s = start_settings()\n"
        "print(json.dumps([s.venue, 'pydantic' in sys.modules]))\n"
    )
    runs = processes_in_turn(code, 2, tmp_path / "cache", DIANDIAN_HOME=str(home))
    assert runs == [["demo-expo", True], ["demo-expo", False]]
