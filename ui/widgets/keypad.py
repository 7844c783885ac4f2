"""A numeric keypad for number answers: big keys, a display, no system keyboard needed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.style import set_role

MAX_DIGITS = 9
KEYS = ("7", "8", "9", "4", "5", "6", "1", "2", "3", ".", "0", "⌫")


class NumericKeypad(QWidget):
    """Emits `textEdited` with the digits shown after every key."""

    textEdited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("numericKeypad")
        self.text_ = ""
        self.lblDisplay = QLabel()
        self.lblDisplay.setObjectName("lblDisplay")
        set_role(self.lblDisplay, "display")
        self.lblDisplay.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.keys: dict[str, QPushButton] = {}
        for index, key in enumerate(KEYS):
            button = QPushButton(key)
            button.setObjectName("btnKey_" + {".": "dot", "⌫": "back"}.get(key, key))
            set_role(button, "key")
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(button, index // 3, index % 3)
            self.keys[key] = button
        self.btnClear = QPushButton()
        self.btnClear.setObjectName("btnKeyClear")
        set_role(self.btnClear, "key")
        self.btnClear.clicked.connect(lambda: self.set_text("", notify=True))
        grid.addWidget(self.btnClear, 4, 0, 1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lblDisplay)
        layout.addSpacing(12)
        layout.addLayout(grid)
        self.retranslate()

    def retranslate(self) -> None:
        self.btnClear.setText(self.tr("Clear"))

    def set_decimal(self, allowed: bool) -> None:
        self.keys["."].setEnabled(allowed)

    def text(self) -> str:
        return self.text_

    def set_text(self, text: str, *, notify: bool = False) -> None:
        self.text_ = text
        self.lblDisplay.setText(text or "—")
        if notify:
            self.textEdited.emit(text)

    def press(self, key: str) -> None:
        text = self.text_
        if key == "⌫":
            text = text[:-1]
        elif key == ".":
            if "." in text or not self.keys["."].isEnabled():
                return
            text = (text or "0") + "."
        elif sum(ch.isdigit() for ch in text) < MAX_DIGITS:
            text = key if text == "0" else text + key
        self.set_text(text, notify=True)
