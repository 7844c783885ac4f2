"""Access to the data files in resources/, from a checkout or an installed wheel alike.

The folder installs as the `diandian_resources` package (see setup.py) and is found from that
package's own file: importlib.resources would cost a `diandian footprint` process about a fifth
of its start-up (zipfile, tempfile and friends), and the files are plain files either way (the
kiosk hands its font to Qt by path).
"""

from __future__ import annotations

from pathlib import Path

import diandian_resources

from kiosk import tablecache
from kiosk.errors import DataError

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: `diandian footprint` starts without it
    from typing import Any

PACKAGE = "diandian_resources"
ROOT = Path(diandian_resources.__file__).parent


def resource(*parts: str) -> Path:
    """A file under resources/; the package name differs from the folder name (see setup.py)."""
    return ROOT.joinpath(*parts)


def load_toml(*parts: str) -> dict[str, Any]:
    """Parse a TOML resource, turning a syntax error into a DataError that names the file; each
    call gives a fresh dict (callers may change theirs), kept parsed in the table cache."""
    name = "/".join(parts)
    try:
        return tablecache.cached(resource(*parts), lambda data: _parse(name, data))  # type: ignore[no-any-return]
    except FileNotFoundError as exc:
        raise DataError(f"{name}: missing from resources") from exc


def _parse(name: str, data: bytes) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"{name}: not valid TOML ({exc})") from exc
