"""Background results after a window closed: dropped, never delivered to deleted widgets."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication

from ui.workers import Workers

pytestmark = pytest.mark.gui


def test_a_result_still_queued_when_the_window_closes_is_dropped(qtbot, tmp_path) -> None:
    """A job finished just before the window closed (the kiosk's first-paint reads, say)
    queues its result; once shut down, delivering it would touch deleted widgets."""
    workers = Workers(tmp_path / "k.sqlite")
    finished, seen = threading.Event(), []

    def work() -> str:
        finished.set()
        return "late"

    workers.run(work, seen.append)
    assert finished.wait(10)
    assert workers.pool.waitForDone(10_000)  # the result is queued, not yet delivered
    workers.shutdown()
    QCoreApplication.processEvents()  # delivers every result already queued
    assert seen == []


def test_results_reach_the_screen_while_the_window_is_open(qtbot, tmp_path) -> None:
    workers = Workers(tmp_path / "k.sqlite")
    seen: list[str] = []
    workers.run(lambda: "on time", seen.append)
    qtbot.waitUntil(lambda: seen == ["on time"], timeout=10_000)
    workers.shutdown()
