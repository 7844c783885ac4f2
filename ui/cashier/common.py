"""What the console's panels share: the signed-in account and the workers (the Context), the
one place exceptions become a friendly line, and small widget builders."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from kiosk.accounts import Account, AccountLocked, WrongPin
from kiosk.cashier_ops import NotAllowed
from kiosk.errors import DataError, DiandianError, InputError, PrinterError
from kiosk.ledger import LedgerUnavailable, OrderNotFound, TransitionRefused
from ui import fmt, messages
from ui.style import TOUCH_ROW_PX
from ui.workers import Workers

log = logging.getLogger(__name__)


@dataclass
class Context:
    """Passed to every panel instead of reaching for a main window: who is signed in, the
    ledger's workers, and whether the console runs inside the kiosk app."""

    workers: Workers
    ledger_path: Path
    account: Account | None = None
    embedded: bool = False

    def read(
        self, owner: QObject, work: Callable[[Any], Any], done: Any = None, failed: Any = None
    ) -> None:
        """workers.read, with results dropped once `owner` is gone (signed out, closed)."""
        self.workers.read(work, _guard(owner, done), _guard(owner, failed))

    def write(
        self, owner: QObject, work: Callable[[Any], Any], done: Any = None, failed: Any = None
    ) -> None:
        self.workers.write(work, _guard(owner, done), _guard(owner, failed))

    def run(
        self, owner: QObject, work: Callable[[], Any], done: Any = None, failed: Any = None
    ) -> None:
        self.workers.run(work, _guard(owner, done), _guard(owner, failed))

    @property
    def actor(self) -> Account:
        assert self.account is not None, "panels are only shown after sign-in"
        return self.account


def _guard(owner: QObject, callback: Callable[[Any], None] | None) -> Callable[[Any], None]:
    def call(value: Any) -> None:
        if callback is not None and shiboken6.isValid(owner):
            callback(value)
        elif isinstance(value, BaseException) and callback is None:
            log.warning("console job failed: %s", value)

    return call


def friendly(exc: BaseException) -> str:
    """One line a cashier can act on; never a traceback (unexpected ones are logged)."""
    said = messages.describe(exc)  # the core's coded errors, in the console's language
    if said:
        return said
    if isinstance(exc, WrongPin):
        return QCoreApplication.translate("Cashier", "Wrong PIN ({left} tries left).").format(
            left=exc.left
        )
    if isinstance(exc, AccountLocked):
        return QCoreApplication.translate(
            "Cashier", "Too many wrong PINs: locked until {until}."
        ).format(until=fmt.local_time(exc.until))
    if isinstance(exc, OrderNotFound):
        return QCoreApplication.translate("Cashier", "No order with that code.")
    if isinstance(exc, TransitionRefused):
        return QCoreApplication.translate("Cashier", "That order cannot be changed now.")
    if isinstance(exc, InputError):  # the core's line names the field and what is allowed
        return str(exc)
    if isinstance(exc, NotAllowed):
        return QCoreApplication.translate("Cashier", "Only an administrator may do that.")
    if isinstance(exc, PrinterError):
        return QCoreApplication.translate(
            "Cashier", "Not printed: {reason}. The order stays paid; reprint it later."
        ).format(reason=str(exc))
    if isinstance(exc, LedgerUnavailable):
        return QCoreApplication.translate("Cashier", "The ledger cannot be used.")
    if isinstance(exc, DataError | DiandianError):
        return str(exc)
    log.error("unexpected failure", exc_info=(type(exc), exc, exc.__traceback__))
    return QCoreApplication.translate(
        "Cashier", "Something went wrong ({kind}); the details are in the log."
    ).format(kind=type(exc).__name__)


def named(widget: QWidget, name: str) -> QWidget:
    widget.setObjectName(name)
    return widget


def push(name: str, text: str = "") -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    return widget


def line_edit(name: str, placeholder: str = "") -> QLineEdit:
    widget = QLineEdit()
    widget.setObjectName(name)
    widget.setPlaceholderText(placeholder)
    return widget


def message_label(name: str) -> QLabel:
    widget = QLabel()
    widget.setObjectName(name)
    widget.setWordWrap(True)
    return widget


def show_message(target: QLabel, text: str, *, error: bool = False) -> None:
    """A status line under a panel: green for done, red for a problem."""
    from ui.style import set_role

    set_role(target, "error" if error else "notice")
    target.style().unpolish(target)
    target.style().polish(target)
    target.setText(text)
    target.setVisible(bool(text))


def table(name: str, headers: list[str]) -> QTableWidget:
    """A read-only list with columns: one row chosen at a time, the first column stretched."""
    widget = QTableWidget(0, len(headers))
    widget.setObjectName(name)
    widget.setHorizontalHeaderLabels(headers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.verticalHeader().hide()
    widget.verticalHeader().setDefaultSectionSize(TOUCH_ROW_PX)  # a finger's row
    widget.setWordWrap(False)
    header = widget.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return widget


def fill_row(widget: QTableWidget, row: int, cells: list[str]) -> None:
    for column, text in enumerate(cells):
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        widget.setItem(row, column, item)


def chosen_row(widget: QTableWidget) -> int:
    """The selected row of a table(), or -1."""
    rows = widget.selectionModel().selectedRows()
    return rows[0].row() if rows else -1


class FormPanel(QWidget):
    """A panel whose form makes one change at a time on the writer thread: on success its
    inputs are cleared, what happened is said and the panel reloads; on failure one line says
    which field is wrong (InputError) or what went wrong, and nothing is cleared."""

    ctx: Context
    lblMessage: QLabel

    def inputs(self) -> tuple[QLineEdit, ...]:
        return ()

    def entered(self) -> None:
        """Reload what the panel shows (each panel reads its own rows)."""

    def write_change(self, work: Callable[[Any], Any], said: Callable[[Any], str]) -> None:
        def done(value: object) -> None:
            for widget in self.inputs():
                widget.clear()
            show_message(self.lblMessage, said(value))
            self.entered()

        self.ctx.write(self, work, done, self.change_failed)

    def change_failed(self, exc: BaseException) -> None:
        show_message(self.lblMessage, friendly(exc), error=True)
