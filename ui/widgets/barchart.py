"""The footprint's breakdown as horizontal bars, drawn with QPainter (QtCharts is not part of
PySide6-Essentials, and a dozen bars need no chart library)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.style import COLORS

MAX_BARS = 7  # more lines are summed into "other"


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("barChart")
        self.bars: list[tuple[str, str, int]] = []  # label, value text, grams
        self.scale = 1.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_bars(self, bars: list[tuple[str, str, int]], scale: float = 1.0) -> None:
        self.bars, self.scale = bars, scale
        self.setMinimumHeight(round(len(bars) * 84 * scale))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(round(800 * self.scale), round(max(1, len(self.bars)) * 96 * self.scale))

    def paintEvent(self, event: object) -> None:
        if not self.bars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = self.scale
        font = QFont(self.font())
        font.setPixelSize(max(10, round(26 * s)))
        metrics = QFontMetrics(font)
        row = min(self.height() / len(self.bars), 110 * s)
        biggest = max(grams for _, _, grams in self.bars) or 1
        value_w = max(metrics.horizontalAdvance(v) for _, v, _ in self.bars) + 16 * s
        for i, (label, value, grams) in enumerate(self.bars):
            top = i * row
            painter.setFont(font)
            painter.setPen(QColor(COLORS["ink"]))
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, self.width())
            painter.drawText(
                QRectF(0, top, self.width(), row * 0.45),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                text,
            )
            bar_top = top + row * 0.52
            track = self.width() - value_w
            width = max(6 * s, track * grams / biggest)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(COLORS["primary_soft"]))
            painter.drawRoundedRect(QRectF(0, bar_top, track, row * 0.32), 8 * s, 8 * s)
            painter.setBrush(QColor(COLORS["primary"] if i == 0 else "#4f9a6b"))
            painter.drawRoundedRect(QRectF(0, bar_top, width, row * 0.32), 8 * s, 8 * s)
            painter.setPen(QColor(COLORS["primary_dark"]))
            painter.drawText(
                QRectF(track, bar_top - row * 0.1, value_w, row * 0.5),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                value,
            )
        painter.end()
