"""Logs that cannot fill a kiosk's disk: kiosk.log rotates (it grew without bound)."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import logs


@pytest.fixture
def root_handlers() -> Iterator[None]:
    """The root logger as it was (pytest's own capture handlers included), afterwards."""
    root = logging.getLogger()
    kept, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in kept:
            handler.close()
    root.handlers[:], root.level = kept, level


def test_a_log_file_is_rotated_and_bounded(tmp_path: Path, root_handlers: None) -> None:
    path = tmp_path / "logs" / "kiosk.log"
    logs.configure(path, stderr=False, max_bytes=10_000)
    for n in range(2_000):
        logging.getLogger("diandian.test").info("line %d %s", n, "x" * 80)
    files = sorted(path.parent.iterdir())
    assert len(files) == logs.BACKUPS + 1  # kiosk.log and .1 ... .5: older lines are dropped
    assert all(f.stat().st_size <= 10_000 for f in files)
    assert "line 1999" in path.read_text(encoding="utf-8")


def test_configuring_twice_replaces_the_handlers(tmp_path: Path, root_handlers: None) -> None:
    first = logs.configure(tmp_path / "a.log")
    second = logs.configure(tmp_path / "a.log")
    root = logging.getLogger().handlers
    assert all(h not in root for h in first) and all(h in root for h in second)


def test_the_kiosk_app_logs_to_a_rotating_kiosk_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root_handlers: None
) -> None:
    from ui.app import setup_logging

    monkeypatch.setenv("DIANDIAN_HOME", str(tmp_path))
    setup_logging()
    [handler] = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.FileHandler) and h.baseFilename.startswith(str(tmp_path))
    ]
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert handler.baseFilename == str(tmp_path / "kiosk.log") and handler.maxBytes > 0


def test_the_kiosk_log_holds_lines_until_the_file_opens(
    tmp_path: Path, root_handlers: None
) -> None:
    """The kiosk opens kiosk.log once its first frame is painted: what is logged before that is
    held (and goes to stderr at once), then written to the file first, in order; nothing lost."""
    path = tmp_path / "kiosk.log"
    open_file = logs.configure_held(path)
    log = logging.getLogger("diandian.test")
    log.warning("settings: early %d", 1)
    log.info("early %d", 2)
    log.debug("below the level")
    assert not path.exists()
    handlers = open_file()
    log.info("late %d", 3)
    assert open_file() is handlers  # a second call opens nothing more
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == ["settings: early 1", "early 2", "late 3"]
    assert any(isinstance(h, logging.handlers.RotatingFileHandler) for h in handlers)
    assert len(handlers) == 2 and all(h in logging.getLogger().handlers for h in handlers)
