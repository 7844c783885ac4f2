"""Staff at the kiosk: the hidden gesture, sign-in (against the ledger, or its newest backup
when the ledger cannot be used), the staff screen, the cashier console and leaving it.

A mixin of `ui.window.KioskWindow`, kept apart so the window's own module holds only screens
and navigation; its methods use the window's screens, workers, flow and session.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ui import fmt

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QMainWindow

    from kiosk.accounts import Account
    from ui.screens.base import Screen

log = logging.getLogger("ui.window")  # one log name for the window's lines, as before


class StaffHandOver:
    """The window's staff side: who signed in, where they came from, their console."""

    def _wire_staff(self) -> None:
        self._asking_accounts = False  # the accounts are being read for the sign-in screen
        self.recovery = ""  # why the ledger could not be used when staff signed in, if it could not
        self.staff_from: Screen = self.attract  # where the gesture was made: Back returns there
        self.cashier: QMainWindow | None = None
        self.screenChanged.connect(self._close_cashier_off_staff)

    def open_cashier(self) -> None:
        """The cashier console for the signed-in account, sharing this window's workers (one
        writer, so the console's and the kiosk's writes stay in order). It closes when the
        staff screen is left (back to the kiosk, or the idle timeout)."""
        from ui.cashier.window import CashierWindow

        account = self.staff.account
        if account is None:
            return
        if self.cashier is not None:
            self.cashier.close()
            self.cashier.deleteLater()
        self.cashier = CashierWindow(
            self.workers.path, workers=self.workers, account=account, parent=self
        )
        self.cashier.exitKioskRequested.connect(self.exit_kiosk)
        if self.isFullScreen():
            self.cashier.showFullScreen()
        else:
            self.cashier.resize(1280, 800)
            self.cashier.show()

    def _close_cashier_off_staff(self, name: str) -> None:
        if self.cashier is not None and name != self.staff.objectName():
            cashier, self.cashier = self.cashier, None
            cashier.close()
            cashier.deleteLater()

    def open_staff(self) -> None:
        """The hidden gesture: staff type their name and PIN. A visitor's order is left as it
        is (staff often come to take its payment); Back returns to where the gesture was made."""
        if self._asking_accounts or self.current() in (self.staffSignIn, self.staff):
            return  # a second gesture before the first one's answer would reset what is typed
        self._asking_accounts = True
        self.recovery = ""
        self.staff_from = self.current()
        from kiosk import accounts  # the staff's path, not the first frame's (hashlib, hmac)

        self.workers.read(accounts.accounts, self._show_accounts, self._no_accounts)

    def _show_accounts(self, found: list[Account]) -> None:
        self._asking_accounts = False
        self.staffSignIn.show_accounts([account.name for account in found], self.recovery)
        self.go(self.staffSignIn)

    def resume_customer(self) -> None:
        """Back from the staff screens to the visitor, as they left it (their order included)."""
        if self.flow.key is None or self.recovery:
            self.leave_staff()
        else:
            self.flow.resume(self.staff_from)

    def _no_accounts(self, exc: BaseException) -> None:
        """The ledger cannot be used: administrators sign in against the newest backup
        (kiosk.recovery), so one can restore a backup from the console right here."""
        self._asking_accounts = False
        from kiosk.ledger import LedgerUnavailable  # sqlite3: not for the first frame

        if not isinstance(exc, LedgerUnavailable):
            self.fail(exc)
            return
        from kiosk.recovery import recovery_accounts

        def found(result: tuple[Path, list[Account]]) -> None:
            self.recovery = str(exc)
            self._show_accounts(result[1])

        self.workers.run(recovery_accounts, found, lambda _: self.fail(exc))

    def _sign_in(self, name: str, pin: str) -> None:
        from kiosk import accounts
        from kiosk.accounts import AccountLocked, WrongPin
        from kiosk.cashier_ops import NotAllowed

        def failed(exc: BaseException) -> None:
            from kiosk.ledger import LedgerUnavailable  # sqlite3: not for the first frame

            if isinstance(exc, WrongPin):
                self.staffSignIn.show_error("wrong", str(exc.left))
            elif isinstance(exc, AccountLocked):
                self.staffSignIn.show_error("locked", fmt.local_time(exc.until))
            elif getattr(exc, "code", "") == "unknown_account":
                self.staffSignIn.show_error("unknown")
            elif isinstance(exc, LedgerUnavailable):
                self.fail(exc)
            elif isinstance(exc, NotAllowed):
                self.staffSignIn.show_error("admin")
            else:
                self.staffSignIn.show_error("failed")

        def signed_in(account: Account) -> None:
            log.info("staff %s (%s) signed in", account.name, account.role)
            order = self.session.order
            held = order.code if order is not None and self.staff_from is self.order else ""
            self.staff.show_account(account, fmt.code(held) if held else "")
            self.go(self.staff)

        if self.recovery:
            from kiosk.paths import data_dir
            from kiosk.recovery import recovery_sign_in

            home = data_dir()
            self.workers.run(lambda: recovery_sign_in(home, name, pin), signed_in, failed)
            return
        self.workers.write(lambda ledger: accounts.sign_in(ledger, name, pin), signed_in, failed)

    def leave_staff(self) -> None:
        """Signed out, to the attract screen for the next visitor; a visitor's unpaid order stays
        payable at the counter until its hold ends. A kiosk that never got ready (or signed in
        against a backup, maybe to restore one) tries its ledger again first."""
        if self.flow.key is None or self.recovery:
            self.recovery = ""
            self.flow.retry()
        else:
            self.flow.home()

    def exit_kiosk(self) -> None:
        if self.staff.account is None or self.staff.account.role != "admin":
            return
        self.allow_close = True
        self.exitRequested.emit()
        self.close()
