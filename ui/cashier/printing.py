"""Printing a paid order's slip from the console, shared by the orders and slips panels.

Three steps so the ledger always tells the truth: mark the slip pending and build it (writer),
print (pool: the printer may take seconds), then record printed, unconfirmed (a network
printer took it but never confirmed) or failed (writer). A failed or unconfirmed print leaves
the order paid, on the reprint list.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk import cashier_ops
from kiosk.errors import DataError
from kiosk.slips.content import Delivery, SlipContent
from ui.cashier.common import Context, friendly


class SlipPrinter(QObject):
    finished = Signal(str, bool, str)  # order id, printed?, a line for the cashier
    saved = Signal(str, bool, str)  # order id, saved?, a line for the cashier

    def __init__(self, ctx: Context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def print_order(self, order_id: str) -> None:
        account = self.ctx.actor

        def record(delivery: Delivery | None, error: str, line: str, ok: bool) -> None:
            self.ctx.write(
                self,
                lambda ledger: cashier_ops.finish_print(
                    ledger, order_id, account=account, delivery=delivery, error=error
                ),
                lambda _: self.finished.emit(order_id, ok, line),
                lambda exc: self.finished.emit(order_id, False, friendly(exc)),
            )

        def printed(delivery: Delivery) -> None:
            if delivery.status == "unconfirmed":
                line = QCoreApplication.translate(
                    "Cashier",
                    "Slip sent to {printer}, which did not confirm it: check it came out; "
                    "it stays on the reprint list.",
                ).format(printer=delivery.printer)
                record(delivery, "", line, False)
                return
            line = QCoreApplication.translate("Cashier", "Slip printed on {printer}.").format(
                printer=delivery.printer
            )
            record(delivery, "", line, True)

        def not_printed(exc: BaseException) -> None:
            if isinstance(exc, DataError):  # no printer configured: said in the console's words
                record(None, "no printer configured", friendly(exc), False)
            else:
                record(None, str(exc), friendly(exc), False)

        def built(content: SlipContent) -> None:
            self.ctx.run(self, lambda: cashier_ops.print_slip(content), printed, not_printed)

        self.ctx.write(
            self,
            lambda ledger: cashier_ops.start_print(ledger, order_id, account=account),
            built,
            lambda exc: self.finished.emit(order_id, False, friendly(exc)),
        )

    def save_pdf(self, order_id: str, path: Path) -> None:
        """The A6 certificate as a PDF file (no change to the slip's status)."""

        def built(content: SlipContent) -> None:
            self.ctx.run(
                self,
                lambda: cashier_ops.save_pdf(content, path),
                lambda saved: self.saved.emit(
                    order_id,
                    True,
                    QCoreApplication.translate("Cashier", "Saved {path}.").format(path=saved),
                ),
                lambda exc: self.saved.emit(order_id, False, friendly(exc)),
            )

        self.ctx.write(
            self,
            lambda ledger: cashier_ops.slip_content(ledger, order_id),
            built,
            lambda exc: self.saved.emit(order_id, False, friendly(exc)),
        )
