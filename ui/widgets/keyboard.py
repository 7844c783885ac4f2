"""Our own touch keyboard, with pinyin input for Chinese (see README "Touch keyboard").

It edits a QLineEdit it is attached to. In 中 mode letters collect in the composing bar and the
candidate bar offers whole words, then characters for the first syllable (kiosk.pinyin);
tapping one inserts it and keeps the rest of the letters. In EN mode letters go straight in,
⇧ gives the next one as a capital, and the àé key swaps the digits for accented letters
(French names). Digits, space and backspace work in both. For an email address
(`set_symbols`) ".com", - _ and @ . join the letter rows (- _ in the àé key's place), so the
keyboard is no taller.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk import pinyin
from ui.style import set_role

ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")
ACCENTS = "àâçéèêëîïôùûüœ"  # French letters, on the row the digits leave when àé is on
# what an email address needs beyond letters and digits, by the row it joins (spread so that
# every key stays wide enough for its text at 1080 pixels)
SYMBOLS = {"q": (".com",), "a": ("-", "_"), "z": ("@", ".")}
PAGE = 8  # candidates shown at once


class TouchKeyboard(QWidget):
    """Signals: `edited` after any change to the attached field."""

    edited = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, *, chinese: bool = True, digits: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("touchKeyboard")
        self.target: QLineEdit | None = None
        self.chinese = chinese
        self.composing = ""
        self.page = 0
        self.max_length = 20
        self.lblComposing = QLabel()
        self.lblComposing.setObjectName("lblComposing")
        set_role(self.lblComposing, "big")
        self.lblComposing.setMinimumWidth(120)
        self.candidateButtons: list[QPushButton] = []
        self.candidateBar = QWidget()
        bar = QHBoxLayout(self.candidateBar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.lblComposing)
        for i in range(PAGE):
            button = QPushButton()
            button.setObjectName(f"btnCandidate{i}")
            set_role(button, "candidate")
            button.clicked.connect(lambda _=False, b=button: self.choose(b.text()))
            self.candidateButtons.append(button)
            bar.addWidget(button)
        bar.addStretch(1)
        self.btnPrev = self._key("‹", "btnCandPrev", lambda: self._turn(-1))
        self.btnNext = self._key("›", "btnCandNext", lambda: self._turn(1))
        bar.addWidget(self.btnPrev)
        bar.addWidget(self.btnNext)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.candidateBar)
        self.letterKeys: dict[str, QPushButton] = {}
        self.symbols = False  # the email keys are shown
        self.symbolKeys: dict[str, QPushButton] = {}
        self.shift = False  # the next letter is a capital (EN mode)
        self.accents = False  # the top row shows accented letters instead of digits
        self.accentKeys: dict[str, QPushButton] = {}
        self.accentRow = QWidget()
        accents = QHBoxLayout(self.accentRow)
        accents.setContentsMargins(0, 0, 0, 0)
        accents.setSpacing(8)
        for char in ACCENTS:
            button = self._key(char, f"btnKey_{char}", lambda _=False, c=char: self.type(c))
            self.accentKeys[char] = button
            accents.addWidget(button, 2)
        self.accentRow.hide()
        self.digitRow = QWidget()
        for row in ROWS if digits else ROWS[1:]:
            holder = self.digitRow if row[0].isdigit() else None
            line = QHBoxLayout(holder) if holder is not None else QHBoxLayout()
            line.setSpacing(8)
            if holder is not None:
                line.setContentsMargins(0, 0, 0, 0)
            if row.startswith("a"):
                self.btnShift = self._key("⇧", "btnShift", self.toggle_shift)
                self.btnShift.setCheckable(True)
                line.addWidget(self.btnShift, 2)
            if row.startswith("z"):
                self.btnMode = self._key("", "btnMode", self.toggle_mode)
                line.addWidget(self.btnMode, 3)
            for char in row:
                button = self._key(char, f"btnKey_{char}", lambda _=False, c=char: self.type(c))
                self.letterKeys[char] = button
                line.addWidget(button, 2)
            if row.startswith("a") and digits:
                self.btnAccents = self._key("àé", "btnAccents", self.toggle_accents)
                self.btnAccents.setCheckable(True)
                line.addWidget(self.btnAccents, 2)
            for text in SYMBOLS.get(row[0], ()):
                key = self._key(text, f"btnSym_{text}", lambda _=False, t=text: self._insert(t))
                key.hide()
                self.symbolKeys[text] = key
                line.addWidget(key, len(text) + 1)
            if row.startswith("z"):
                self.btnSpace = self._key("", "btnSpace", lambda: self.type(" "))
                line.addWidget(self.btnSpace, 4)
                line.addWidget(self._key("⌫", "btnBackspace", self.backspace), 3)
            if holder is not None:
                layout.addWidget(self.digitRow)
                layout.addWidget(self.accentRow)
            else:
                layout.addLayout(line)
        self.digits = digits
        self.retranslate()
        self._refresh()

    def _key(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        set_role(button, "key")
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)  # type: ignore[arg-type]
        return button

    def retranslate(self) -> None:
        self.btnSpace.setText(self.tr("space"))
        self.btnMode.setText("中" if self.chinese else "EN")
        self.candidateBar.setVisible(self.chinese)
        self.btnShift.setVisible(not self.chinese)  # capitals and accents: Latin names only
        if self.digits:
            self.btnAccents.setVisible(not self.chinese and not self.symbols)
        for key in self.symbolKeys.values():
            key.setVisible(self.symbols)

    def toggle_shift(self) -> None:
        self.shift = not self.shift
        self._show_case()

    def toggle_accents(self) -> None:
        self.accents = not self.accents
        self.btnAccents.setChecked(self.accents)
        self.digitRow.setVisible(not self.accents)
        self.accentRow.setVisible(self.accents)

    def _show_case(self) -> None:
        self.btnShift.setChecked(self.shift)
        for char, button in [*self.letterKeys.items(), *self.accentKeys.items()]:
            if char.isalpha():
                button.setText(char.upper() if self.shift else char)

    def attach(self, target: QLineEdit, max_length: int = 20) -> None:
        self.target, self.max_length = target, max_length
        target.setMaxLength(max_length)

    def set_chinese(self, chinese: bool) -> None:
        self.chinese = chinese
        self.composing = ""
        self.shift = False
        if self.accents and chinese:
            self.toggle_accents()
        self._show_case()
        self.retranslate()
        self._refresh()

    def set_symbols(self, on: bool) -> None:
        """The email keys (@ . - _ .com) on, for an address; off for a name or a code."""
        self.symbols = on
        if on and self.accents:
            self.toggle_accents()
        self.retranslate()

    def toggle_mode(self) -> None:
        self.set_chinese(not self.chinese)

    def clear(self) -> None:
        self.composing = ""
        if self.target is not None:
            self.target.clear()
        self._refresh()

    def type(self, char: str) -> None:
        if self.chinese and char.isascii() and char.isalpha():
            if len(self.composing) < 24:
                self.composing += char.lower()
                self.page = 0
            self._refresh()
            return
        if self.shift and char.isalpha():
            char = char.upper()  # one capital, as a phone's shift key
            self.shift = False
            self._show_case()
        self._insert(char)

    def backspace(self) -> None:
        if self.composing:
            self.composing = self.composing[:-1]
            self.page = 0
            self._refresh()
        elif self.target is not None:
            self.target.backspace()
            self.edited.emit(self.target.text())

    def choose(self, text: str) -> None:
        """Insert a candidate: a character or a whole word, which uses up one syllable each."""
        if not text:
            return
        self.composing = pinyin.consume(self.composing, len(text))
        self.page = 0
        self._insert(text)

    def candidates(self) -> list[str]:
        if not self.composing:
            return []
        return pinyin.words(self.composing) + pinyin.candidates(self.composing)

    def _insert(self, text: str) -> None:
        if self.target is not None and len(self.target.text()) + len(text) <= self.max_length:
            self.target.insert(text)
            self.edited.emit(self.target.text())
        self._refresh()

    def _turn(self, delta: int) -> None:
        pages = max(1, -(-len(self.candidates()) // PAGE))
        self.page = min(max(0, self.page + delta), pages - 1)
        self._refresh()

    def _refresh(self) -> None:
        found = self.candidates()
        shown = found[self.page * PAGE : (self.page + 1) * PAGE]
        for i, button in enumerate(self.candidateButtons):
            button.setText(shown[i] if i < len(shown) else "")
            button.setEnabled(i < len(shown))
        self.lblComposing.setText(self.composing)
        self.btnPrev.setEnabled(self.page > 0)
        self.btnNext.setEnabled((self.page + 1) * PAGE < len(found))
