"""Where the customer is in the flow: numbered dots joined by a line, the current one filled."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.style import COLORS


class StepIndicator(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepIndicator")
        self.labels: list[str] = []
        self.current = -1
        self.scale = 1.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_labels(self, labels: list[str]) -> None:
        self.labels = labels
        self.update()

    def set_step(self, index: int) -> None:
        """-1 draws nothing (screens outside the flow) but keeps the header's layout."""
        self.current = index
        self.update()

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self.setFixedHeight(round(76 * scale))
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(round(700 * self.scale), round(76 * self.scale))

    def paintEvent(self, event: object) -> None:
        if not self.labels or self.current < 0:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        n, s = len(self.labels), self.scale
        width = self.width()
        step = width / n
        radius = 14 * s
        cy = 24 * s
        line = QPen(QColor(COLORS["line"]), 4 * s)
        painter.setPen(line)
        painter.drawLine(int(step / 2), int(cy), int(width - step / 2), int(cy))
        font = QFont(self.font())
        font.setPixelSize(max(10, round(22 * s)))
        painter.setFont(font)
        bold = QFont(font)
        bold.setBold(True)
        # a narrow header (portrait, a long language) labels only the current step, never a jumble
        fits = max(QFontMetrics(bold).horizontalAdvance(t) for t in self.labels) < step - 4 * s
        for i, label in enumerate(self.labels):
            cx = step * i + step / 2
            done, here = i < self.current, i == self.current
            color = QColor(COLORS["primary"] if (done or here) else COLORS["line"])
            painter.setPen(QPen(color, 3 * s))
            painter.setBrush(color if (done or here) else QColor(COLORS["surface"]))
            r = radius * (1.25 if here else 1.0)
            painter.drawEllipse(QRectF(cx - r, cy - r, 2 * r, 2 * r))
            painter.setPen(QColor(COLORS["ink"] if here else COLORS["muted"]))
            font.setBold(here)
            painter.setFont(font)
            if not fits and not here:
                continue
            text_w = step if fits else QFontMetrics(font).horizontalAdvance(label) + 8 * s
            left = min(max(0.0, cx - text_w / 2), width - text_w)
            box = QRectF(left, cy + radius + 6 * s, text_w, 32 * s)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        painter.end()
