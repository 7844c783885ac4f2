"""Access to the data files in resources/, from a checkout or an installed wheel alike."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from kiosk.errors import DataError

PACKAGE = "diandian_resources"


def resource(*parts: str) -> Traversable:
    """A file under resources/; the package name differs from the folder name (see setup.py)."""
    return files(PACKAGE).joinpath(*parts)


def load_toml(*parts: str) -> dict[str, Any]:
    """Parse a TOML resource, turning a syntax error into a DataError that names the file."""
    path = resource(*parts)
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise DataError(f"{'/'.join(parts)}: missing from resources") from exc
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{'/'.join(parts)}: not valid TOML ({exc})") from exc
