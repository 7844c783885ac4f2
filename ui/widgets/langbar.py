"""中文 / English / Français: always visible, one tap switches the whole app."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from ui.i18n import LANGS, NAMES
from ui.style import set_role


class LangBar(QWidget):
    languageChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("langBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        for lang in LANGS:
            button = QPushButton(NAMES[lang])  # a language's own name is never translated
            button.setObjectName(f"btnLang_{lang}")
            button.setCheckable(True)
            set_role(button, "lang")
            button.clicked.connect(lambda _=False, code=lang: self.languageChosen.emit(code))
            self.group.addButton(button)
            self.buttons[lang] = button
            layout.addWidget(button)

    def set_current(self, lang: str) -> None:
        self.buttons[lang].setChecked(True)

    def offer(self, langs: tuple[str, ...]) -> None:
        """Only the languages this kiosk offers (`[kiosk] languages`); one alone needs no bar."""
        for lang, button in self.buttons.items():
            button.setVisible(lang in langs and len(langs) > 1)
