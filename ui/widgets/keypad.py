"""The one numeric keypad of the app, laid out as on a phone (1 2 3 on top): number answers,
the staff PIN and the console's PIN all use it, so staff and visitors meet one layout.

A value shown when a page opens (a default, or an earlier answer) is replaced by the first key
pressed, as on every kiosk and phone keypad: "1" shown, 3 tapped, gives 3, not 13. In PIN mode
the display shows dots and the last row is OK instead of Clear.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.accounts import PIN_MAX, PIN_MIN
from ui.style import set_role

MAX_DIGITS = 9
KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "0", "⌫")
NAMES = {".": "dot", "⌫": "back"}


class NumericKeypad(QWidget):
    """Emits `textEdited` with the digits after every key; in PIN mode `pinEntered` on OK."""

    textEdited = Signal(str)
    pinEntered = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, *, pin: bool = False, display: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pinPad" if pin else "numericKeypad")
        self.pin = pin
        self.text_ = ""
        self.fresh = False  # the shown value came from the page: the first key replaces it
        self.decimal_mark = "."
        self.lblDisplay = QLabel()
        self.lblDisplay.setObjectName("lblPinDots" if pin else "lblDisplay")
        set_role(self.lblDisplay, "display")
        align = Qt.AlignmentFlag.AlignCenter if pin else Qt.AlignmentFlag.AlignRight
        self.lblDisplay.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        self.lblDisplay.setVisible(display)
        self.lblDisplay.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        grid = self.grid = QGridLayout()
        grid.setSpacing(8)
        self.keys: dict[str, QPushButton] = {}
        prefix = "btnPin" if pin else "btnKey_"
        for index, key in enumerate(KEYS):
            button = QPushButton(key)
            button.setObjectName(prefix + NAMES.get(key, key))
            set_role(button, "key")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(button, index // 3, index % 3)
            self.keys[key] = button
        self.btnClear = QPushButton()
        self.btnClear.setObjectName("btnKeyClear")
        set_role(self.btnClear, "key")
        self.btnClear.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.btnClear.clicked.connect(lambda: self.set_text("", notify=True))
        self.btnOk = QPushButton()
        self.btnOk.setObjectName("btnPinOk")
        set_role(self.btnOk, "primary")
        self.btnOk.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.btnOk.clicked.connect(self.submit)
        grid.addWidget(self.btnOk if pin else self.btnClear, 4, 0, 1, 3)
        self.btnClear.setVisible(not pin)
        self.btnOk.setVisible(pin)
        if pin:
            self.keys["."].setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lblDisplay)
        layout.addSpacing(8)
        layout.addLayout(grid)
        self.retranslate()
        self._show()

    def retranslate(self) -> None:
        self.btnClear.setText(self.tr("Clear"))
        self.btnOk.setText(self.tr("OK"))

    def set_decimal(self, allowed: bool) -> None:
        self.keys["."].setEnabled(allowed and not self.pin)

    def set_decimal_mark(self, mark: str) -> None:
        """ "," for French: shown on the key and the display; the text keeps "." for the core."""
        self.decimal_mark = mark
        self.keys["."].setText(mark)
        self._show()

    def text(self) -> str:
        return self.text_

    def set_text(self, text: str, *, notify: bool = False, fresh: bool = False) -> None:
        """Show TEXT; FRESH marks it as the page's value, which the first key replaces."""
        self.text_, self.fresh = text, fresh and bool(text)
        self._show()
        if notify:
            self.textEdited.emit(text)

    def clear(self) -> None:
        self.set_text("")

    def press(self, key: str) -> None:
        text = "" if self.fresh and key != "⌫" else self.text_
        self.fresh = False
        if key == "⌫":
            text = text[:-1]
        elif key == ".":
            if "." in text or not self.keys["."].isEnabled():
                return
            text = (text or "0") + "."
        elif self.pin:
            text = text + key if len(text) < PIN_MAX else text
        elif sum(ch.isdigit() for ch in text) < MAX_DIGITS:
            text = key if text == "0" else text + key
        self.set_text(text, notify=True)

    def enter(self, pin: str) -> None:
        """Type a whole PIN and press OK (tests and the screenshot script)."""
        for digit in pin:
            self.press(digit)
        self.submit()

    def submit(self) -> None:
        if self.pin and len(self.text_) >= PIN_MIN:
            pin = self.text_
            self.set_text("", notify=True)
            self.pinEntered.emit(pin)

    def _show(self) -> None:
        if self.pin:
            self.lblDisplay.setText("●" * len(self.text_) or "—")
            self.btnOk.setEnabled(len(self.text_) >= PIN_MIN)
        else:
            self.lblDisplay.setText(self.text_.replace(".", self.decimal_mark) or "—")
