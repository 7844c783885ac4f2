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
