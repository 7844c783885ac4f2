"""Logging for Diandian's three processes: the kiosk app (`kiosk.log`), the sync job
(`sync.log`) and the registry (its stderr, i.e. the journal, plus an access log).

Files rotate (RotatingFileHandler: MAX_BYTES each, BACKUPS kept), so a kiosk that runs for
years never fills its disk with its own log: at most (BACKUPS + 1) x MAX_BYTES per file.
`configure` is idempotent: called again (a second window, a test), it replaces the handlers
it installed before instead of adding more.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

MAX_BYTES = 5_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_MARK = "_diandian_handler"


def rotating_file(
    path: Path, *, max_bytes: int = MAX_BYTES, backups: int = BACKUPS
) -> logging.Handler:
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    return handler


def configure(
    log_file: Path | None,
    *,
    stderr: bool = True,
    level: int = logging.INFO,
    max_bytes: int = MAX_BYTES,
) -> list[logging.Handler]:
    """The root logger writes to `log_file` (rotated; its folder is made) and to stderr. A
    folder that cannot be written leaves the file out: the caller's own checks say why."""
    handlers: list[logging.Handler] = []
    if stderr:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(logging.Formatter(FORMAT))
        handlers.append(stream)
    if log_file is not None:
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            handlers.append(rotating_file(log_file, max_bytes=max_bytes))
        except OSError:
            pass
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _MARK, False)]:
        root.removeHandler(old)
        old.close()
    for handler in handlers:
        setattr(handler, _MARK, True)
        root.addHandler(handler)
    root.setLevel(level)
    return handlers
