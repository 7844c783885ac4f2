"""Logging for Diandian's three processes: the kiosk app (`kiosk.log`), the sync job
(`sync.log`) and the registry (its stderr, i.e. the journal, plus an access log).

Files rotate (RotatingFileHandler: MAX_BYTES each, BACKUPS kept), so a kiosk that runs for
years never fills its disk with its own log: at most (BACKUPS + 1) x MAX_BYTES per file.
`configure` is idempotent: called again (a second window, a test), it replaces the handlers
it installed before instead of adding more. `configure_held` is the kiosk's: stderr at once, the
file once its first frame is painted (logging.handlers, with socket and pickle, costs the first
paint about 8 ms of CPU), the lines logged meanwhile held and written then, none lost.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

MAX_BYTES = 5_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_MARK = "_diandian_handler"


def rotating_file(
    path: Path, *, max_bytes: int = MAX_BYTES, backups: int = BACKUPS
) -> logging.Handler:
    import logging.handlers  # here: the kiosk's first frame is painted without it

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


class _Held(logging.Handler):
    """Keeps the records logged before the log file is opened, to write them to it then."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def configure_held(
    log_file: Path, *, level: int = logging.INFO, max_bytes: int = MAX_BYTES
) -> Callable[[], list[logging.Handler]]:
    """Log to stderr now and hold the records meant for `log_file`; the function returned
    opens the file (configure: rotated, stderr kept), writes the held records to it first, in
    order, and returns the handlers. Called again, it changes nothing more."""
    configure(None, level=level)
    held = _Held(level)
    setattr(held, _MARK, True)
    root = logging.getLogger()
    root.addHandler(held)
    opened: list[logging.Handler] = []

    def open_file() -> list[logging.Handler]:
        if opened:
            return opened
        held.acquire()  # no record is held while they are moved
        try:
            root.removeHandler(held)
            opened.extend(configure(log_file, level=level, max_bytes=max_bytes))
            files = [h for h in opened if isinstance(h, logging.FileHandler)]
            for record in held.records:
                for handler in files:
                    handler.handle(record)
            held.records.clear()
        finally:
            held.release()
        return opened

    return open_file
