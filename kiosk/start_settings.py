"""What the kiosk needs from `diandian.toml` before its first frame: the venue, the languages,
the idle timeout, and the problems the check found.

The check is the settings schema (kiosk/settings_schema.py, pydantic), and importing pydantic
and building the schema cost the kiosk's start about 120 ms of CPU before anything is painted,
at every start, for a file that rarely changes. So the outcome of the check is kept in the table
cache (kiosk/tablecache.py), keyed by the file's bytes and by every module and data file the
check depends on (the schema, the venues it accepts, the installed pydantic): a changed file,
schema or pydantic is checked again, the whole schema, before the window is built. The printer
and payment tables are read where they are used, after the first frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from kiosk import tablecache
from kiosk.paths import data_dir
from kiosk.resources import resource

FILE_NAME = "diandian.toml"  # kiosk.config.FILE_NAME (a test holds them equal)
LANGUAGES = ("zh", "en", "fr")  # kiosk.settings_schema.LANGUAGES, the default (same test)
_HERE = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class StartSettings:
    """kiosk.config.Settings' start-up fields, and its problems as the lines to log."""

    venue: str | None = None
    idle_timeout_s: int | None = None
    languages: tuple[str, ...] = LANGUAGES
    problems: tuple[str, ...] = ()


def start_settings(path: Path | None = None) -> StartSettings:
    """The checked start-up settings: no file means the defaults (nothing to check); a file
    whose check is cached for its exact bytes needs no pydantic."""
    path = path or data_dir() / FILE_NAME
    if not path.is_file():
        return StartSettings()
    values = tablecache.cached(path, lambda raw: _check(raw, path), code=_depends())
    return StartSettings(values[0], values[1], tuple(values[2]), tuple(values[3]))


def _check(raw: bytes, path: Path) -> tuple[Any, ...]:
    from kiosk.config import check_settings

    settings, problems = check_settings(raw, path)
    return (
        settings.venue,
        settings.idle_timeout_s,
        tuple(settings.languages),
        tuple(str(problem) for problem in problems),
    )


def _depends() -> tuple[Path, ...]:
    """Every file the check's outcome depends on, besides the settings file itself."""
    modules = ("config.py", "settings_schema.py", "slips/printers.py", "registry_url.py")
    ours = (*(_HERE / name for name in modules), _HERE / "certificate" / "address.py")
    spec = find_spec("pydantic")  # found, not imported: its version file names the release
    folders = spec.submodule_search_locations if spec is not None else None
    pydantic = tuple(Path(folder) / "version.py" for folder in folders or ())
    return (*ours, Path(__file__), resource("venues", "venues.toml"), *pydantic)
