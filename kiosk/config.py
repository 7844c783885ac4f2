"""The kiosk's settings file, `diandian.toml` in the data directory (unattended installs)."""

from __future__ import annotations

import argparse
import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.errors import DataError, InputError
from kiosk.paths import data_dir

FILE_NAME = "diandian.toml"


def config_path() -> Path:
    return data_dir() / FILE_NAME


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The parsed file, or {} when there is none; a syntax error names the file and line."""
    path = path or config_path()
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not valid TOML ({exc})") from exc


def printer_config(args: argparse.Namespace | None = None) -> Any:
    """The [printer] table, with any command-line overrides (--host, --queue, --file...)."""
    from kiosk.slips.printers import PrinterConfig

    settings = dict(load_config().get("printer", {}))
    if args is not None:
        if getattr(args, "host", None):
            settings.update(kind="network", host=args.host, port=args.port)
        if getattr(args, "queue", None):
            settings.update(kind="system", queue=args.queue)
        if getattr(args, "file", None):
            settings.update(kind="file", path=str(args.file))
        if getattr(args, "paper", None):
            settings["paper_mm"] = args.paper
    if not settings:
        raise DataError(
            f"no printer is configured: add a [printer] table to {config_path()} "
            "or give --host, --queue or --file"
        ).coded("no_printer", path=str(config_path()))
    return PrinterConfig.from_mapping(settings, str(config_path()))


# --- the whole file, checked: (settings, problems), never a crash ------------------------------

LANGUAGES = ("zh", "en", "fr")
IDLE_RANGE_S = (15, 3600)
KIOSK_KEYS = ("venue", "idle_timeout_s", "languages")
TABLES = ("kiosk", "printer", "registry", "payment")


@dataclass(frozen=True, slots=True)
class Settings:
    """What the kiosk and the console run with; None means "the venue's own default"."""

    venue: str | None = None
    idle_timeout_s: int | None = None
    languages: tuple[str, ...] = LANGUAGES
    registry_url: str = ""
    printer: Any = None  # kiosk.slips.printers.PrinterConfig, or None when not configured


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad value: where it is, which key, and what is allowed (the safe default is used)."""

    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message}"


def load_settings(path: Path | None = None) -> tuple[Settings, list[Problem]]:
    """Read and check every setting. A bad value is reported and replaced by its safe default,
    so an unattended kiosk with a typo in its file still starts (and says what to fix)."""
    path = path or config_path()
    where = str(path)
    problems: list[Problem] = []
    try:
        data = load_config(path)
    except DataError as exc:
        return Settings(), [Problem(where, "(file)", str(exc).removeprefix(f"{where}: "))]
    values: dict[str, Any] = {}
    for table in data:
        if table not in TABLES:
            problems.append(Problem(where, table, f"unknown table; allowed: {', '.join(TABLES)}"))
    kiosk = _table(data, "kiosk", where, problems)
    for key, value in kiosk.items():
        checked = _check_kiosk(key, value)
        if isinstance(checked, str):
            problems.append(Problem(where, f"kiosk.{key}", checked))
        else:
            values[key] = checked[0]
    registry = _table(data, "registry", where, problems)
    for key, value in registry.items():
        if key != "url":
            problems.append(Problem(where, f"registry.{key}", "unknown setting; allowed: url"))
        elif not _registry_url_ok(value):
            problems.append(
                Problem(
                    where,
                    "registry.url",
                    f"{value!r} is not allowed; allowed: an https:// URL "
                    "(http:// only to localhost)",
                )
            )
        else:
            values["registry_url"] = value.strip().rstrip("/")
    printer = _table(data, "printer", where, problems)
    if printer:
        from kiosk.slips.printers import PrinterConfig

        try:
            values["printer"] = PrinterConfig.from_mapping(printer, where)
        except InputError as exc:
            message = exc.message.removesuffix(f" (in {where})")
            problems.append(Problem(where, f"printer.{exc.field}", message))
    return Settings(**values), problems


def _table(data: dict[str, Any], name: str, where: str, problems: list[Problem]) -> dict:
    table = data.get(name, {})
    if not isinstance(table, dict):
        problems.append(Problem(where, name, "must be a table, e.g. [" + name + "]"))
        return {}
    return table


def _check_kiosk(key: str, value: Any) -> tuple[Any] | str:
    """(value,) when allowed, else what is allowed."""
    if key == "venue":
        from kiosk.venues import load_venues

        known = sorted(load_venues())
        if isinstance(value, str) and value in known:
            return (value,)
        return f"{value!r} is not a venue; allowed: {', '.join(known)}"
    if key == "idle_timeout_s":
        low, high = IDLE_RANGE_S
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return (value,)
        return f"{value!r} is not allowed; allowed: whole seconds from {low} to {high}"
    if key == "languages":
        if (
            isinstance(value, list)
            and value
            and all(isinstance(v, str) and v in LANGUAGES for v in value)
        ):
            return (tuple(dict.fromkeys(value)),)
        return f"{value!r} is not allowed; allowed: a list of {', '.join(LANGUAGES)}"
    return f"unknown setting; allowed: {', '.join(KIOSK_KEYS)}"


def _registry_url_ok(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    url = value.strip()
    local = ("http://localhost", "http://127.0.0.1", "http://[::1]")
    return (url.startswith("https://") and len(url) > 8) or url.startswith(local)


def save_settings(changes: dict[str, dict[str, Any]], path: Path | None = None) -> Path:
    """Merge tables of settings into the file (a value of None removes the key) and write it
    atomically; comments are not kept, since the file is then the admin screen's."""
    path = path or config_path()
    try:
        data = load_config(path)
    except DataError:
        data = {}
    for table, values in changes.items():
        current = dict(data.get(table, {})) if isinstance(data.get(table), dict) else {}
        for key, value in values.items():
            if value is None:
                current.pop(key, None)
            else:
                current[key] = value
        data[table] = current
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(dumps(data), encoding="utf-8")
    os.replace(partial, path)
    return path


def dumps(data: dict[str, Any]) -> str:
    """TOML for the simple shapes this file holds: tables of strings, numbers, booleans, lists."""
    out: list[str] = []
    for table, values in data.items():
        if not isinstance(values, dict):
            continue
        out.append(f"[{table}]")
        out += [f"{key} = {_value(value)}" for key, value in values.items()]
        out.append("")
    return "\n".join(out)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string
