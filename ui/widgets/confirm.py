"""A question laid over a screen before something that cannot be undone (cancelling an order,
voiding a payment): what will happen, the order it concerns, and two clear answers, the safe one
first. Inside the window, so it scales with it and never opens a system dialog on a kiosk."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.style import set_role


class ConfirmOverlay(QFrame):
    accepted = Signal()
    rejected = Signal()

    def __init__(self, parent: QWidget, name: str = "confirm") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        set_role(self, "overlay")
        box = QFrame()
        set_role(box, "dialog")
        self.lblQuestion = QLabel()
        self.lblQuestion.setObjectName("lblConfirmQuestion")
        set_role(self.lblQuestion, "title")
        self.lblDetail = QLabel()
        self.lblDetail.setObjectName("lblConfirmDetail")
        set_role(self.lblDetail, "subtitle")
        for text in (self.lblQuestion, self.lblDetail):
            text.setWordWrap(True)
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.btnNo = QPushButton()
        self.btnNo.setObjectName("btnConfirmNo")
        set_role(self.btnNo, "primary")
        self.btnNo.clicked.connect(self._no)
        self.btnYes = QPushButton()
        self.btnYes.setObjectName("btnConfirmYes")
        set_role(self.btnYes, "danger")
        self.btnYes.clicked.connect(self._yes)
        answers = QHBoxLayout()
        answers.addWidget(self.btnNo)
        answers.addWidget(self.btnYes)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(48, 36, 48, 36)
        inner.setSpacing(24)
        inner.addWidget(self.lblQuestion)
        inner.addWidget(self.lblDetail)
        inner.addLayout(answers)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        box.setMaximumWidth(1100)
        parent.installEventFilter(self)
        self.hide()

    def ask(self, question: str, detail: str, yes: str, no: str) -> None:
        self.lblQuestion.setText(question)
        self.lblDetail.setText(detail)
        self.lblDetail.setVisible(bool(detail))
        self.btnYes.setText(yes)
        self.btnNo.setText(no)
        self._cover()
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._cover()
        return False

    def _cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def _yes(self) -> None:
        self.hide()
        self.accepted.emit()

    def _no(self) -> None:
        self.hide()
        self.rejected.emit()
