"""The kiosk's settings file, `diandian.toml` in the data directory (unattended installs)."""

from __future__ import annotations

import argparse
import os
import tomllib
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from kiosk.errors import DataError, InputError
from kiosk.paths import data_dir
from kiosk.settings_schema import (
    CLOSE_DAY_AT,
    IDLE_RANGE_S,
    LANGUAGES,
    TABLES,
    KioskTable,
    PaymentTable,
    RegistryTable,
    input_errors,
)

if TYPE_CHECKING:  # imported by printer_config when called: printers load pydantic dataclasses
    from kiosk.slips.printers import PrinterConfig

__all__ = ["IDLE_RANGE_S", "LANGUAGES", "Problem", "Settings", "load_settings", "save_settings"]

FILE_NAME = "diandian.toml"
DEFAULT_CLOSE_AT = time.fromisoformat(CLOSE_DAY_AT) if CLOSE_DAY_AT else None


def config_path() -> Path:
    return data_dir() / FILE_NAME


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The parsed file, or {} when there is none; a syntax error names the file and line."""
    path = path or config_path()
    return _parse_config(path.read_bytes() if path.is_file() else None, path)


def _parse_config(raw: bytes | None, path: Path) -> dict[str, Any]:
    if raw is None:
        return {}
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:  # says the line and column
        raise DataError(f"{path}: not valid TOML ({exc})") from exc


def printer_config(args: argparse.Namespace | None = None) -> PrinterConfig:
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


@dataclass(frozen=True, slots=True)
class Settings:
    """What the kiosk and the console run with; None means "the venue's own default"."""

    venue: str | None = None
    idle_timeout_s: int | None = None
    languages: tuple[str, ...] = LANGUAGES
    registry_url: str = ""
    public_url: str = ""  # where certificate QRs point until enrolment names the registry's
    printer: Any = None  # kiosk.slips.printers.PrinterConfig, or None when not configured
    payment: PaymentTable = field(default_factory=PaymentTable)
    close_day_at: time | None = DEFAULT_CLOSE_AT  # the day closes by itself then (None: at its end)


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad value: where it is, which key, and what is allowed (the safe default is used)."""

    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message}"


def load_settings(path: Path | None = None) -> tuple[Settings, list[Problem]]:
    """Read and check every setting against the schema (kiosk/settings_schema.py). A bad value
    is reported and replaced by its safe default, so an unattended kiosk with a typo in its
    file still starts (and says what to fix)."""
    path = path or config_path()
    return check_settings(path.read_bytes() if path.is_file() else None, path)


def check_settings(raw: bytes | None, path: Path) -> tuple[Settings, list[Problem]]:
    """`load_settings` on the file's bytes (None: no file), read by the caller: what the kiosk's
    start keeps, keyed by those bytes (kiosk/start_settings.py)."""
    from kiosk.slips.printers import PrinterConfig

    where = str(path)
    try:
        data = _parse_config(raw, path)
    except DataError as exc:
        return Settings(), [Problem(where, "(file)", str(exc).removeprefix(f"{where}: "))]
    problems = [
        Problem(where, name, f"unknown table; allowed: {', '.join(TABLES)}")
        for name in data
        if name not in TABLES
    ]
    schemas = {"kiosk": KioskTable, "registry": RegistryTable, "payment": PaymentTable}
    tables: dict[str, Any] = {}
    for name, schema in (*schemas.items(), ("printer", PrinterConfig)):
        table = data.get(name)
        if table is None or (table == {} and name == "printer"):
            continue
        if not isinstance(table, dict):
            problems.append(Problem(where, name, f"must be a table, e.g. [{name}]"))
            continue
        made, errors = _validate(schema, table)
        problems += [Problem(where, f"{name}.{e.field}", e.message) for e in errors]
        if errors and name != "printer":  # the good keys still apply (a printer: whole or none)
            bad = {e.field for e in errors}
            made, _ = _validate(schema, {k: v for k, v in table.items() if k not in bad})
        if made is not None:
            tables[name] = made
    kiosk = tables.get("kiosk", KioskTable())
    registry = tables.get("registry", RegistryTable())
    return Settings(
        venue=kiosk.venue,
        idle_timeout_s=kiosk.idle_timeout_s,
        languages=tuple(dict.fromkeys(kiosk.languages)),
        registry_url=registry.url,
        public_url=registry.public_url,
        printer=tables.get("printer"),
        payment=tables.get("payment", PaymentTable()),
        close_day_at=time.fromisoformat(kiosk.close_day_at) if kiosk.close_day_at else None,
    ), problems


def _validate(schema: Any, table: dict[str, Any]) -> tuple[Any, list[InputError]]:
    """(the table as its schema's object, []) or (None, one error per bad key)."""
    try:
        return schema(**table), []
    except ValidationError as exc:
        return None, input_errors(exc, schema, table)


# --- writing: only over a file that parses, keeping its comments and order ---------------------


def save_settings(changes: dict[str, dict[str, Any]], path: Path | None = None) -> Path:
    """Merge tables of settings into the file (a value of None removes the key) and write it
    atomically. tomlkit keeps the admin's comments, order and spacing. A file that does not
    parse is never written over: it may hold settings the kiosk cannot read but a person can
    still recover, so the caller gets a DataError naming the line and column instead."""
    import tomlkit  # only when the console saves: not on the kiosk's start-up path
    import tomlkit.exceptions

    path = path or config_path()
    load_config(path)  # a damaged file raises here, with its line and column
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.is_file() else None
    except tomlkit.exceptions.ParseError as exc:  # tomllib accepted it; tomlkit did not
        raise DataError(f"{path}: not valid TOML ({exc}); nothing was saved") from exc
    document = document if document is not None else tomlkit.document()
    for name, values in changes.items():
        table = document.get(name)
        if not isinstance(table, dict):  # missing, or a value where a table belongs
            table = tomlkit.table()
            document[name] = table
        for key, value in values.items():
            if value is None:
                table.pop(key, None)
            else:
                table[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    with partial.open("w", encoding="utf-8") as out:
        out.write(tomlkit.dumps(document))
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, path)
    return path
