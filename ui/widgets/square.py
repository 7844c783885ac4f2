"""A fixed-size square widget: the base of the drawn marks and the QR view, which the screens
resize with the display (`set_side`) so they keep their proportions on any touchscreen."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSizePolicy, QWidget


class SquareWidget(QWidget):
    def __init__(self, side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_side(self, side: int) -> None:
        self.side = side
        self.setFixedSize(side, side)

    def sizeHint(self) -> QSize:
        return QSize(self.side, self.side)
