"""The shipped tables, parsed once per install and kept in the user's cache folder.

A `diandian footprint` process used to spend most of its life parsing three TOML files and
building the city index. Each table is now stored after its first parse as `marshal` data (plain
dicts, lists, tuples, strings and numbers: nothing is executed on loading), keyed by a hash of
everything the result depends on: the source file's bytes, the modules that turn it into the
table, this module's format and the Python version. A key that does not match means a changed
source, so a stale table is never used: it is rebuilt from the source and stored again, or just
used from the source when the folder cannot be written. The hash is `importlib.util.
source_hash`, the one Python itself checks hash-based `.pyc` files with.

The key is in the file's name too: two installs or checkouts of different versions sharing
one cache folder (a developer's ~/.cache, a before/after benchmark) each keep their own file,
rather than each rebuilding and overwriting the other's at every start. A version's file
unused for KEEP_DAYS is removed when another version of the same table is stored.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable, Iterable
from importlib.util import source_hash
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: `diandian footprint` starts without it
    from typing import Any

FORMAT = b"diandian-tables-1"
KEEP_DAYS = 30
_VERSION = sys.version.encode()


def cache_dir() -> Path:
    """systemd's CacheDirectory= for a service, else the XDG cache folder (~/.cache)."""
    service = os.environ.get("CACHE_DIRECTORY", "").split(":")[0]
    if service:
        return Path(service)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "diandian"


def _key(source: bytes, code: Iterable[Path]) -> bytes:
    digest = source_hash(FORMAT + _VERSION + source)
    for path in code:
        digest += source_hash(path.read_bytes())
    return digest


def _read(path: Path, key: bytes) -> tuple[bool, Any]:
    """(True, table) if PATH holds the table for KEY, intact; (False, None) otherwise."""
    try:
        stored_key, check, payload = marshal.loads(path.read_bytes())
        if stored_key == key and check == source_hash(payload):
            return True, marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError):
        pass  # missing, unreadable or damaged: rebuilt below
    return False, None


def _write(path: Path, key: bytes, table: Any) -> None:
    """Store atomically (a reader sees the old file or the new one); a folder that cannot be
    written (read-only home, full disk) only costs the next process the parse again."""
    try:
        payload = marshal.dumps(table)
        path.parent.mkdir(parents=True, exist_ok=True)
        # one partial file per process and per table being stored (two threads of one process
        # may store the same table at once: each writes its own, and the last rename wins)
        partial = path.with_name(f".{path.name}.{os.getpid()}.{id(table)}.partial")
        partial.write_bytes(marshal.dumps((key, source_hash(payload), payload)))
        os.replace(partial, path)
    except (OSError, ValueError):  # ValueError: a value marshal cannot hold (a TOML date)
        import logging

        logging.getLogger(__name__).debug("table cache %s not written", path, exc_info=True)


def cached(
    source: Path,
    build: Callable[[bytes], Any],
    *,
    code: Iterable[Path] = (),
    folder: Path | None = None,
) -> Any:
    """BUILD(SOURCE's bytes), from the cache when it was stored for these exact bytes and CODE
    files (the modules BUILD's result depends on); else built now and stored for next time."""
    data = source.read_bytes()
    try:
        key = _key(data, code)
    except OSError:  # a module without its source (a .pyc-only install): nothing to key by
        return build(data)
    stem = f"{source.parent.name}-{source.name}"
    path = (folder or cache_dir()) / f"{stem}.{source_hash(key).hex()}.marshal"
    found, table = _read(path, key)
    if found:
        return table
    table = build(data)
    _write(path, key, table)
    _forget_old(path, stem)
    return table


def _forget_old(path: Path, stem: str) -> None:
    """Other versions of this table not used (read or written) for KEEP_DAYS."""
    import time

    limit = time.time() - KEEP_DAYS * 86400
    try:
        for other in path.parent.glob(f"{stem}.*.marshal"):
            if other != path and other.stat().st_atime < limit and other.stat().st_mtime < limit:
                other.unlink(missing_ok=True)
    except OSError:
        pass  # a folder that cannot be listed or written: the files only take space
