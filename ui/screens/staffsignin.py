"""Staff sign-in, opened by the hidden gesture: pick your name, enter your PIN."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.screens.base import Screen, button, label, nav_row
from ui.widgets.pinpad import PinPad


class StaffSignInScreen(Screen):
    signInRequested = Signal(str, str)  # name, PIN
    cancelRequested = Signal()
    idle_factor = 0.5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("staffSignInScreen", parent)
        self.names: list[str] = []
        self.recovery = ""
        self.name = ""
        self.error, self.detail = "", ""
        self.lblTitle = label("lblStaffTitle", "title")
        self.lblHint = label("lblStaffHint", "muted")
        self.lblError = label("lblStaffError", "error")
        self.accounts = QHBoxLayout()
        self.accounts.addStretch(1)
        self.group = QButtonGroup(self)
        self.accountButtons: list[QPushButton] = []
        self.pinpad = PinPad()
        self.pinpad.pinEntered.connect(self._entered)
        self.btnCancel = button("btnStaffCancel")
        self.btnCancel.clicked.connect(self.cancelRequested)
        pad = QHBoxLayout()
        pad.addStretch(1)
        pad.addWidget(self.pinpad, 2)
        pad.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(72, 40, 72, 32)
        layout.setSpacing(16)
        layout.addWidget(self.lblTitle)
        layout.addWidget(self.lblHint)
        layout.addLayout(self.accounts)
        layout.addWidget(self.lblError)
        layout.addLayout(pad, 1)
        layout.addLayout(nav_row(self.btnCancel, None))

    def show_accounts(self, names: list[str], recovery: str = "") -> None:
        """RECOVERY: why the ledger cannot be used; then the names are the administrators of
        the newest backup, which the PIN is checked against (kiosk.recovery)."""
        self.recovery = recovery
        for old in self.accountButtons:
            old.deleteLater()
        self.accountButtons = []
        self.names, self.error, self.detail = names, "", ""
        self.name = names[0] if len(names) == 1 else ""
        for name in names:
            account = button(f"btnAccount_{name}", "chip")
            account.setText(name)
            account.setCheckable(True)
            account.setChecked(name == self.name)
            account.clicked.connect(lambda _=False, n=name: self._pick(n))
            self.group.addButton(account)
            self.accounts.insertWidget(self.accounts.count() - 1, account)
            self.accountButtons.append(account)
        self.pinpad.clear()
        self.pinpad.setVisible(bool(names))
        self.retranslate()

    def show_error(self, kind: str, detail: str = "") -> None:
        """kind: wrong (detail: tries left), locked (detail: until), pick, failed."""
        self.error, self.detail = kind, detail
        self.retranslate()

    def _pick(self, name: str) -> None:
        self.name = name
        self.show_error("")

    def _entered(self, pin: str) -> None:
        if not self.name:
            self.show_error("pick")
            return
        self.signInRequested.emit(self.name, pin)

    def retranslate(self) -> None:
        self.lblTitle.setText(self.tr("Staff sign-in"))
        self.lblHint.setText(
            self.tr(
                "The ledger cannot be used ({reason}). An administrator can sign in with the PIN "
                "of the newest backup, to restore a backup from the cashier console."
            ).format(reason=self.recovery)
            if self.recovery
            else self.tr("Choose your name and enter your PIN.")
            if self.names
            else self.tr(
                "No staff account exists yet. Create one on this computer with: "
                "diandian accounts add NAME --role admin"
            )
        )
        errors = {
            "wrong": self.tr("Wrong PIN ({left} tries left).").format(left=self.detail),
            "locked": self.tr("Too many wrong PINs: locked until {until}.").format(
                until=self.detail
            ),
            "pick": self.tr("Choose your name first."),
            "failed": self.tr("Sign-in is not possible right now."),
            "admin": self.tr("Only an administrator can sign in while the ledger cannot be used."),
        }
        self.lblError.setText(errors.get(self.error, ""))
        self.lblError.setVisible(bool(self.error))
        self.btnCancel.setText(self.tr("‹ Back to the kiosk"))
