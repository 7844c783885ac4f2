"""An optional nickname for the certificate and the ranking, typed on our touch keyboard
(pinyin for Chinese names)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk.ledger import NICKNAME_MAX
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
        self.keyboard = TouchKeyboard()
        self.keyboard.attach(self.edtNickname, NICKNAME_MAX)
        self.btnBack = button("btnNicknameBack")
        self.btnBack.clicked.connect(self.backRequested)
        self.btnSkip = button("btnSkipNickname")
        self.btnSkip.clicked.connect(lambda: self.nicknameChosen.emit(""))
        self.btnDone = button("btnNicknameDone", "primary")
        self.btnDone.clicked.connect(
            lambda: self.nicknameChosen.emit(" ".join(self.edtNickname.text().split()))
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(72, 32, 72, 32)
        layout.setSpacing(16)
        layout.addWidget(self.lblTitle)
        layout.addWidget(self.lblHint)
        layout.addWidget(self.edtNickname)
        layout.addStretch(1)
        layout.addWidget(self.keyboard)
        layout.addSpacing(16)
        layout.addLayout(nav_row(self.btnBack, None, self.btnSkip, self.btnDone))

    def reset(self, lang: str) -> None:
        self.keyboard.clear()
        self.keyboard.set_chinese(lang == "zh")
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        """While the order is being opened, the buttons wait (no double orders)."""
        for widget in (self.btnBack, self.btnSkip, self.btnDone):
            widget.setEnabled(not busy)

    def retranslate(self) -> None:
        self.lblTitle.setText(self.tr("Your name on the certificate"))
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
