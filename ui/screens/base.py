"""What every screen shares: its language, its sizes, and small builders for labelled widgets.

Screens never import each other; they emit past-tense signals and the main window navigates.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QPushButton, QWidget

from ui.style import Metrics, metrics_for, set_role


class Screen(QWidget):
    step: int | None = None  # position in the progress indicator; None hides it
    idle_factor = 1.0  # times the venue's idle timeout; 0 means never idle (attract)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.lang = "zh"
        self.metrics: Metrics = metrics_for(1920, 1080)
        self._pads: list[tuple[QLayout, tuple[int, int, int, int], int | None]] = []

    def pad(
        self, layout: QLayout, margins: tuple[int, int, int, int], spacing: int | None = None
    ) -> QLayout:
        """Margins and spacing designed for a 1080-pixel short side, scaled with the screen
        (a 1280x800 panel gets them a quarter smaller, so everything still fits)."""
        self._pads.append((layout, margins, spacing))
        self._apply_pad(layout, margins, spacing)
        return layout

    def _apply_pad(
        self, layout: QLayout, margins: tuple[int, int, int, int], spacing: int | None
    ) -> None:
        px = self.metrics.px
        layout.setContentsMargins(*(px(m) for m in margins))
        if spacing is not None:
            layout.setSpacing(px(spacing))

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        """Set every visible text again (after a language switch)."""

    def set_metrics(self, metrics: Metrics) -> None:
        self.metrics = metrics
        for layout, margins, spacing in self._pads:
            self._apply_pad(layout, margins, spacing)
        self.relayout()

    def relayout(self) -> None:
        """Adapt to the screen's size and orientation (portrait stacks what landscape puts side
        by side)."""

    def entered(self) -> None:
        """Called each time the screen is shown."""


def label(name: str, role: str = "", *, wrap: bool = True, center: bool = False) -> QLabel:
    widget = QLabel()
    widget.setObjectName(name)
    if role:
        set_role(widget, role)
    widget.setWordWrap(wrap)
    if center:
        widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return widget


def button(name: str, role: str = "") -> QPushButton:
    widget = QPushButton()
    widget.setObjectName(name)
    if role:
        set_role(widget, role)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return widget


def nav_row(*widgets: QWidget | None) -> QHBoxLayout:
    """Back on the left, the way forward on the right; None marks where the gap goes."""
    row = QHBoxLayout()
    row.setSpacing(24)
    for widget in widgets:
        if widget is None:
            row.addStretch(1)
        else:
            row.addWidget(widget)
    return row
