"""A PIN pad: digits shown as dots, OK once the PIN is long enough (kiosk.accounts' rule)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.accounts import PIN_MAX, PIN_MIN
from ui.style import set_role


class PinPad(QWidget):
    pinEntered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinPad")
        self.pin = ""
        self.lblDots = QLabel()
        self.lblDots.setObjectName("lblPinDots")
        set_role(self.lblDots, "display")
        self.lblDots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid = QGridLayout()
        grid.setSpacing(12)
        for index, key in enumerate("123456789"):
            grid.addWidget(self._key(key, f"btnPin{key}"), index // 3, index % 3)
        grid.addWidget(self._key("⌫", "btnPinBack"), 3, 0)
        grid.addWidget(self._key("0", "btnPin0"), 3, 1)
        self.btnOk = QPushButton("OK")
        self.btnOk.setObjectName("btnPinOk")
        set_role(self.btnOk, "primary")
        self.btnOk.clicked.connect(self._submit)
        grid.addWidget(self.btnOk, 3, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lblDots)
        layout.addLayout(grid)
        self.clear()

    def _key(self, key: str, name: str) -> QPushButton:
        button = QPushButton(key)
        button.setObjectName(name)
        set_role(button, "key")
        button.clicked.connect(lambda _=False, k=key: self.press(k))
        return button

    def press(self, key: str) -> None:
        if key == "⌫":
            self.pin = self.pin[:-1]
        elif len(self.pin) < PIN_MAX:
            self.pin += key
        self._show()

    def enter(self, pin: str) -> None:
        """Type a whole PIN and submit it (tests and the screenshot script)."""
        for digit in pin:
            self.press(digit)
        self._submit()

    def clear(self) -> None:
        self.pin = ""
        self._show()

    def _show(self) -> None:
        self.lblDots.setText("●" * len(self.pin) or "—")
        self.btnOk.setEnabled(len(self.pin) >= PIN_MIN)

    def _submit(self) -> None:
        if len(self.pin) >= PIN_MIN:
            pin, self.pin = self.pin, ""
            self._show()
            self.pinEntered.emit(pin)
