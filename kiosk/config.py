"""The kiosk's settings file, `diandian.toml` in the data directory (unattended installs)."""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path
from typing import Any

from kiosk.errors import DataError
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
        )
    return PrinterConfig.from_mapping(settings, str(config_path()))
