"""Sign-in for the console: pick the account, type the PIN in its one field (a keyboard, or the
kiosk's keypad below it on a touch counter PC).

Wrong PINs and lockouts are counted by the ledger (kiosk.accounts), so a lock set here also
holds on the kiosk's own staff screen and on any other counter PC. When the ledger cannot be
used, administrators sign in against the newest backup instead (kiosk.recovery).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk import accounts
from kiosk.accounts import Account
from kiosk.ledger import LedgerUnavailable
from ui import messages
from ui.cashier.common import Context, friendly, line_edit, message_label, push, show_message
from ui.widgets.keypad import NumericKeypad


class SignInPanel(QWidget):
    signedIn = Signal(object)  # Account

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cashierSignIn")
        self.ctx = ctx
        self.recovery = ""  # why the ledger cannot be used: then sign-in checks the newest backup
        self.lblTitle = QLabel(self.tr("Diandian cashier: sign in"))
        self.lblTitle.setObjectName("lblSignInTitle")
        self.lblTitle.setProperty("role", "title")
        self.cmbAccount = QComboBox()
        self.cmbAccount.setObjectName("cmbAccount")
        self.edtPin = line_edit("edtPin", self.tr("PIN"))
        self.edtPin.setEchoMode(QLineEdit.EchoMode.Password)
        self.edtPin.setMaxLength(8)
        self.edtPin.returnPressed.connect(self.submit)
        self.btnSignIn = push("btnSignIn", self.tr("Sign in"))
        self.btnSignIn.setProperty("role", "primary")
        self.btnSignIn.clicked.connect(self.submit)
        self.lblMessage = message_label("lblSignInMessage")
        self.lblMessage.hide()
        # the kiosk's keypad, for touch counters: it types into the PIN field (no second display)
        self.pinpad = NumericKeypad(pin=True, display=False)
        self.pinpad.textEdited.connect(self.edtPin.setText)
        self.pinpad.pinEntered.connect(self._pad_entered)
        self.edtPin.textEdited.connect(lambda text: self.pinpad.set_text(text))
        pad = QHBoxLayout()
        pad.addStretch(1)
        pad.addWidget(self.pinpad, 1)
        pad.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.cmbAccount, 2)
        row.addWidget(self.edtPin, 2)
        row.addWidget(self.btnSignIn, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(self.lblTitle)
        layout.addLayout(row)
        layout.addWidget(self.lblMessage)
        layout.addLayout(pad)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)

    def load(self) -> None:
        """List the accounts (a read); none yet says how to make one."""

        def shown(found: list[Account]) -> None:
            self.cmbAccount.clear()
            self.cmbAccount.addItems([account.name for account in found])
            if not found:
                show_message(
                    self.lblMessage,
                    self.tr(
                        "No staff account exists yet. Create one with: "
                        "diandian accounts add NAME --role admin"
                    ),
                    error=True,
                )
            self.edtPin.setFocus()

        self.recovery = ""
        self.ctx.read(self, accounts.accounts, shown, self._no_accounts)

    def _no_accounts(self, exc: BaseException) -> None:
        """The ledger cannot be used: list the newest backup's administrators instead, who may
        sign in (kiosk.recovery) to restore a backup from the admin tab."""
        if not isinstance(exc, LedgerUnavailable):
            self._failed(exc)
            return
        from kiosk.recovery import recovery_accounts

        def found(result: tuple[Path, list[Account]]) -> None:
            self.recovery = str(exc)
            self.cmbAccount.clear()
            self.cmbAccount.addItems([account.name for account in result[1]])
            show_message(
                self.lblMessage,
                self.tr(
                    "The ledger cannot be used ({reason}). An administrator can sign in with the "
                    "PIN of the newest backup ({backup}) and restore a backup from the "
                    "administration tab."
                ).format(reason=messages.describe(exc) or exc, backup=result[0].name),
                error=True,
            )
            self.edtPin.setFocus()

        self.ctx.run(self, recovery_accounts, found, lambda _: self._failed(exc))

    def _pad_entered(self, pin: str) -> None:
        self.edtPin.setText(pin)
        self.submit()

    def submit(self) -> None:
        name, pin = self.cmbAccount.currentText(), self.edtPin.text()
        self.edtPin.clear()
        self.pinpad.clear()
        if not name:
            show_message(self.lblMessage, self.tr("Choose your name first."), error=True)
            return
        self.btnSignIn.setEnabled(False)

        def done(account: Account) -> None:
            self.btnSignIn.setEnabled(True)
            show_message(self.lblMessage, "")
            self.signedIn.emit(account)

        if self.recovery:
            from kiosk.paths import data_dir
            from kiosk.recovery import recovery_sign_in

            home = data_dir()
            self.ctx.run(self, lambda: recovery_sign_in(home, name, pin), done, self._failed)
            return
        self.ctx.write(self, lambda ledger: accounts.sign_in(ledger, name, pin), done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.btnSignIn.setEnabled(True)
        show_message(self.lblMessage, friendly(exc), error=True)
