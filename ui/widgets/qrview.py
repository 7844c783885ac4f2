"""A QR code drawn crisp at any size: segno makes the matrix, Qt paints whole-pixel modules."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from ui.widgets.square import SquareWidget

QUIET = 4  # modules of white border, as the standard asks


class QrView(SquareWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(360, parent)
        self.setObjectName("qrView")
        self.text = ""
        self.matrix: list[bytearray] = []

    def set_text(self, text: str, error: str = "m") -> None:
        import segno  # on the first certificate, not at start: it imports http.client and ssl

        self.text = text
        self.matrix = [bytearray(row) for row in segno.make(text, error=error, micro=False).matrix]
        self.update()

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if not self.matrix:
            painter.end()
            return
        count = len(self.matrix) + 2 * QUIET
        module = max(1, min(self.width(), self.height()) // count)
        offset = (min(self.width(), self.height()) - module * count) // 2 + QUIET * module
        black = QColor("#000000")
        for y, row in enumerate(self.matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.fillRect(
                        QRect(offset + x * module, offset + y * module, module, module), black
                    )
        painter.end()
