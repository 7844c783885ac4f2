"""An optional nickname for the certificate and the ranking, typed on our touch keyboard
(pinyin with whole-word candidates for Chinese names; capitals and accents for Latin ones), with
the characters used out of the 20 allowed in view; a name the block list catches is refused here
(kiosk.nicknames), as it would not be shown on the public ranking."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.ledger import NICKNAME_MAX
from kiosk.nicknames import blocklist
from ui.screens.base import Screen, button, label, nav_row
from ui.widgets.keyboard import TouchKeyboard


class NicknameScreen(Screen):
    nicknameChosen = Signal(str)  # "" when skipped
    backRequested = Signal()
    step = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("nicknameScreen", parent)
        self.lblTitle = label("lblNicknameTitle", "title")
        self.lblHint = label("lblNicknameHint", "muted")
        self.edtNickname = QLineEdit()
        self.edtNickname.setObjectName("edtNickname")
        self.edtNickname.setReadOnly(True)  # typed with the touch keyboard only
        self.lblCount = label("lblNicknameCount", "muted", wrap=False)
        self.lblError = label("lblNicknameError", "error")
        self.lblError.hide()
        self.keyboard = TouchKeyboard()
        self.keyboard.attach(self.edtNickname, NICKNAME_MAX)
        self.keyboard.edited.connect(lambda _: self._edited())
        self.btnBack = button("btnNicknameBack")
        self.btnBack.clicked.connect(self.backRequested)
        self.btnSkip = button("btnSkipNickname")
        self.btnSkip.clicked.connect(lambda: self.nicknameChosen.emit(""))
        self.btnDone = button("btnNicknameDone", "primary")
        self.btnDone.clicked.connect(self._done)
        layout = QVBoxLayout(self)
        self.pad(layout, (72, 32, 72, 32), 16)
        layout.addWidget(self.lblTitle)
        layout.addWidget(self.lblHint)
        field = QHBoxLayout()
        field.addWidget(self.edtNickname, 1)
        field.addWidget(self.lblCount)
        layout.addLayout(field)
        layout.addWidget(self.lblError)
        layout.addStretch(1)
        layout.addWidget(self.keyboard)
        layout.addSpacing(16)
        layout.addLayout(nav_row(self.btnBack, None, self.btnSkip, self.btnDone))

    def reset(self, lang: str) -> None:
        self.keyboard.clear()
        self.keyboard.set_chinese(lang == "zh")
        self.set_busy(False)
        self._edited()

    def nickname(self) -> str:
        return " ".join(self.edtNickname.text().split())

    def _done(self) -> None:
        if blocklist().blocks(self.nickname()):
            self.lblError.setText(self.tr("Please choose another name: this one is not allowed."))
            self.lblError.show()
            return
        self.nicknameChosen.emit(self.nickname())

    def _edited(self) -> None:
        self.lblError.hide()
        self.lblCount.setText(f"{len(self.edtNickname.text())}/{NICKNAME_MAX}")

    def set_busy(self, busy: bool) -> None:
        """While the order is being opened, the buttons wait (no double orders)."""
        for widget in (self.btnBack, self.btnSkip, self.btnDone):
            widget.setEnabled(not busy)

    def retranslate(self) -> None:
        self.lblTitle.setText(self.tr("What name should your certificate show?"))
        self.lblHint.setText(
            self.tr(
                "Optional: a nickname shown on your certificate and in the ranking "
                "(up to {n} characters). Tap 中/EN to switch input."
            ).format(n=NICKNAME_MAX)
        )
        self.edtNickname.setPlaceholderText(self.tr("Nickname"))
        self.keyboard.retranslate()
        self.btnBack.setText(self.tr("‹ Back"))
        self.btnSkip.setText(self.tr("Skip"))
        self.btnDone.setText(self.tr("Continue ›"))
