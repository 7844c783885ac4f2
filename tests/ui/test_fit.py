"""Every screen fits the three screens kiosks ship with: 1280x800, 1920x1080 and 1080x1920.

The window must be able to take each size (its minimum size is no larger), and every button a
visitor or staff member can see on every screen lies wholly inside the window, as tall as its
text needs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk import accounts
from kiosk.ledger import Ledger
from tools.autopilot import tour

pytestmark = pytest.mark.gui
SIZES = [(1280, 800), (1920, 1080), (1080, 1920)]


def _inside_parents(widget) -> bool:
    """The button is not cut off by a container smaller than it (each parent's rect, mapped)."""
    rect = widget.rect()
    node = widget
    while node.parentWidget() is not None and not node.isWindow():
        rect = rect.translated(node.pos())
        node = node.parentWidget()
        if not node.rect().contains(rect):
            return False
    return True


def outside(window) -> list[str]:
    """The visible buttons of WINDOW that do not lie inside it, with where they are."""
    QApplication.processEvents()
    frame = window.rect()
    found = []
    for widget in window.findChildren(QPushButton):
        if not widget.isVisible() or widget.window() is not window:
            continue
        rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        if not frame.contains(rect):
            found.append(f"{widget.objectName() or widget.text()} at {rect.getRect()}")
        elif widget.height() < widget.minimumSizeHint().height():  # squeezed: its text is cut
            found.append(f"{widget.objectName() or widget.text()} squeezed to {rect.getRect()}")
        elif not _inside_parents(widget):
            found.append(f"{widget.objectName() or widget.text()} cut by its container")
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_button_of_every_screen_lies_inside_the_window(kiosk, home: Path, size):
    with Ledger.open(home / "ledger.sqlite") as ledger:
        accounts.create(ledger, "Wang", "admin", "2468", actor="test")
    window, pilot = kiosk()
    window.resize(*size)
    pilot.settle()
    assert window.size().toTuple() == size, f"minimum {window.minimumSizeHint().toTuple()}"
    problems = {}
    for screen in tour(pilot, ("Wang", "2468")):
        pilot.settle()
        assert window.size().toTuple() == size, screen
        if found := outside(window):
            problems[screen] = found
    assert problems == {}
