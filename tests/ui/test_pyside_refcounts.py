"""The PySide6 build we rely on (pyproject pins pyside6-essentials<6.12; README "PySide6
version"): 6.12.0 loses a reference to None on every void call and to True on every signal
emit under CPython 3.11, and the app aborts after some thousands of calls ("deallocating
None"). This catches a dependency bump to such a build."""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.gui

CALLS = 500
SLACK = 50  # other threads and caches move the counts a little; a leak moves them by CALLS


def test_pyside6_keeps_its_references_to_none_and_true(qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(CALLS):
        label.setText("x")  # a void call
        label.update()
        label.windowTitleChanged.emit("x")  # a signal emit
    after = sys.getrefcount(None), sys.getrefcount(True)
    assert after[0] - before[0] > -SLACK and after[1] - before[1] > -SLACK
