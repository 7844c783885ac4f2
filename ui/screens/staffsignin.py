"""Staff sign-in, opened by the hidden gesture: type your name, then your PIN.

The kiosk faces the public, so it never lists the staff's account names: a member of staff
types theirs on the touch keyboard (case does not matter), then the PIN on the same keypad
visitors use for numbers. Opening this screen leaves a visitor's order alone; Back returns to
the screen the gesture was made on.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QStackedWidget, QVBoxLayout, QWidget

from ui.screens.base import Screen, button, label, nav_row
from ui.widgets.keyboard import TouchKeyboard
from ui.widgets.keypad import NumericKeypad

NAME_MAX = 32  # kiosk.accounts: 1 to 32 characters


class StaffSignInScreen(Screen):
    signInRequested = Signal(str, str)  # name, PIN
    cancelRequested = Signal()
    idle_factor = 0.5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("staffSignInScreen", parent)
        self.has_accounts = False
        self.recovery = ""
        self.error, self.detail = "", ""
        self.lblTitle = label("lblStaffTitle", "title")
        self.lblHint = label("lblStaffHint", "muted")
        self.lblError = label("lblStaffError", "error")
        self.edtName = QLineEdit()
        self.edtName.setObjectName("edtStaffName")
        self.edtName.setReadOnly(True)  # typed with the touch keyboard only
        self.keyboard = TouchKeyboard(chinese=False, digits=False)
        self.keyboard.attach(self.edtName, NAME_MAX)
        self.keyboard.edited.connect(lambda _: self.show_error(""))
        self.btnNameNext = button("btnStaffNameNext", "primary")
        self.btnNameNext.clicked.connect(self._name_entered)
        self.lblWho = label("lblStaffWho", "big")
        self.pinpad = NumericKeypad(pin=True)
        self.pinpad.pinEntered.connect(self._entered)
        self.btnChangeName = button("btnStaffChangeName")
        self.btnChangeName.clicked.connect(self._to_name)
        self.btnCancel = button("btnStaffCancel")
        self.btnCancel.clicked.connect(self.cancelRequested)
        self.namePage = QWidget()
        name = QVBoxLayout(self.namePage)
        name.setContentsMargins(0, 0, 0, 0)
        name.addWidget(self.edtName)
        name.addStretch(1)
        name.addWidget(self.keyboard)
        self.pinPage = QWidget()
        pin = QVBoxLayout(self.pinPage)
        pin.setContentsMargins(0, 0, 0, 0)
        pin.addWidget(self.lblWho)
        pad = QHBoxLayout()
        pad.addStretch(1)
        pad.addWidget(self.pinpad, 2)
        pad.addStretch(1)
        pin.addLayout(pad, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.namePage)
        self.pages.addWidget(self.pinPage)
        layout = QVBoxLayout(self)
        self.pad(layout, (72, 24, 72, 24), 12)
        layout.addWidget(self.lblTitle)
        layout.addWidget(self.lblHint)
        layout.addWidget(self.lblError)
        layout.addWidget(self.pages, 1)
        layout.addLayout(nav_row(self.btnCancel, None, self.btnChangeName, self.btnNameNext))

    def show_accounts(self, names: list[str], recovery: str = "") -> None:
        """NAMES only tells whether any account exists: they are never shown. RECOVERY: why
        the ledger cannot be used; then the PIN is checked against the newest backup's
        administrators (kiosk.recovery)."""
        self.recovery = recovery
        self.has_accounts = bool(names)
        self.error, self.detail = "", ""
        self.keyboard.clear()
        self.pinpad.clear()
        self._to_name()

    def show_error(self, kind: str, detail: str = "") -> None:
        """kind: wrong (detail: tries left), locked (detail: until), unknown, pick, admin,
        failed; "" clears."""
        self.error, self.detail = kind, detail
        if kind in ("unknown", "pick"):
            self._to_name()
        self.retranslate()

    def sign_in(self, name: str, pin: str) -> None:
        """Type a name and a PIN as staff would (tests and the screenshot script)."""
        self.keyboard.clear()
        for char in name:
            self.keyboard.type(char)
        self._name_entered()
        self.pinpad.enter(pin)

    def name(self) -> str:
        return " ".join(self.edtName.text().split())

    def _to_name(self) -> None:
        self.pages.setCurrentWidget(self.namePage)
        self.pinpad.clear()
        self._show_pages()

    def _name_entered(self) -> None:
        if not self.name():
            self.show_error("pick")
            return
        self.error = ""
        self.pages.setCurrentWidget(self.pinPage)
        self._show_pages()

    def _entered(self, pin: str) -> None:
        if not self.name():
            self.show_error("pick")
            return
        self.signInRequested.emit(self.name(), pin)

    def _show_pages(self) -> None:
        on_name = self.pages.currentWidget() is self.namePage
        self.pages.setVisible(self.has_accounts)
        self.btnNameNext.setVisible(self.has_accounts and on_name)
        self.btnChangeName.setVisible(self.has_accounts and not on_name)
        self.retranslate()

    def retranslate(self) -> None:
        self.lblTitle.setText(self.tr("Staff sign-in"))
        on_name = self.pages.currentWidget() is self.namePage
        if self.recovery:
            hint = self.tr(
                "The sales ledger cannot be used. An administrator can sign in with the PIN "
                "of the newest backup, to restore a backup from the cashier console."
            )
        elif not self.has_accounts:
            hint = self.tr(
                "No staff account exists yet. Create one on this computer with: "
                "diandian accounts add NAME --role admin"
            )
        elif on_name:
            hint = self.tr("Type your staff name.")
        else:
            hint = self.tr("Enter your PIN.")
        self.lblHint.setText(hint)
        self.lblWho.setText(self.name())
        self.edtName.setPlaceholderText(self.tr("Staff name"))
        errors = {
            "wrong": self.tr("Wrong PIN ({left} tries left).").format(left=self.detail),
            "locked": self.tr("Too many wrong PINs: locked until {until}.").format(
                until=self.detail
            ),
            "unknown": self.tr("No staff account has that name."),
            "pick": self.tr("Type your name first."),
            "failed": self.tr("Sign-in is not possible right now."),
            "admin": self.tr("Only an administrator can sign in while the ledger cannot be used."),
        }
        self.lblError.setText(errors.get(self.error, ""))
        self.lblError.setVisible(bool(self.error))
        self.keyboard.retranslate()
        self.pinpad.retranslate()
        self.btnNameNext.setText(self.tr("Next ›"))
        self.btnChangeName.setText(self.tr("‹ Change name"))
        self.btnCancel.setText(self.tr("‹ Back"))
