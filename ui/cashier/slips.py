"""Paid orders: reprint a slip, save the A6 PDF, void (refund) with a required reason.

Failed and pending prints are listed first, so a slip lost to a paper-out is not forgotten.
A void goes through the ledger, which writes the audit row and the outbox entry with it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk import cashier_ops
from kiosk.certificate.claims import Claim
from kiosk.ledger import Order
from kiosk.order_state import OrderState
from ui import claimwords, fmt, messages
from ui.cashier.common import Context, friendly, line_edit, message_label, push, show_message
from ui.cashier.orderpicker import OrderPicker
from ui.cashier.printing import SlipPrinter
from ui.widgets.confirm import ConfirmOverlay


class SlipsPanel(QWidget):
    def __init__(self, ctx: Context, printer: SlipPrinter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slipsPanel")
        self.ctx, self.printer = ctx, printer
        self.selected: Order | None = None
        self.lblReprints = QLabel()
        self.lblReprints.setObjectName("lblReprints")
        self.picker = OrderPicker(
            ctx,
            scan_name="edtFindPaid",
            placeholder=self.tr("Scan or type a code or serial, then Enter"),
            list_name="lstPaid",
            label=lambda o: (
                f"#{o.serial}  {fmt.code(o.code)}  {fmt.money(o.amount_fen)}"
                f"  {messages.method_word(o.payment_method)}  {self._slip_word(o.slip_status)}"
            ),
        )
        self.picker.chosen.connect(self.select)
        self.picker.notFound.connect(self._failed)
        self.edtFind, self.lstPaid = self.picker.edtScan, self.picker.lstOrders
        self.lblOrder = QLabel()
        self.lblOrder.setObjectName("lblPaidOrder")
        self.lblOrder.setWordWrap(True)
        self.lblClaim = QLabel()  # what the certificate says now: retired, pending, refunded
        self.lblClaim.setObjectName("lblPaidClaim")
        self.lblClaim.setWordWrap(True)
        self.btnReprint = push("btnReprint", self.tr("Print slip again"))
        self.btnReprint.clicked.connect(self.reprint)
        self.btnSavePdf = push("btnSavePdf", self.tr("Save A6 PDF…"))
        self.btnSavePdf.clicked.connect(lambda: self.save_pdf())
        self.edtReason = line_edit("edtVoidReason", self.tr("Reason for the refund (required)"))
        self.btnVoid = push("btnVoid", self.tr("Void (refund)"))
        self.btnVoid.setProperty("role", "danger")
        self.btnVoid.clicked.connect(self.void)
        self.lblMessage = message_label("lblSlipsMessage")
        self.lblMessage.hide()
        self.confirm = ConfirmOverlay(self, "confirmVoid")
        self.confirm.accepted.connect(self._void_confirmed)
        printer.finished.connect(self._printed)
        printer.saved.connect(self._printed)
        left = QVBoxLayout()
        left.addWidget(self.lblReprints)
        left.addWidget(self.picker, 1)
        right = QVBoxLayout()
        right.addWidget(self.lblOrder)
        right.addWidget(self.lblClaim)
        right.addWidget(self.btnReprint)
        right.addWidget(self.btnSavePdf)
        right.addSpacing(24)
        right.addWidget(self.edtReason)
        right.addWidget(self.btnVoid)
        right.addWidget(self.lblMessage)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self._show_selected()

    def refresh(self) -> None:
        def work(ledger: object) -> tuple[list[Order], list[Order]]:
            return cashier_ops.reprints(ledger), cashier_ops.recent_paid(ledger)  # type: ignore[arg-type]

        self.ctx.read(self, work, self._show_orders, self._failed)

    def _show_orders(self, found: tuple[list[Order], list[Order]]) -> None:
        reprints, paid = found
        pending = {order.id for order in reprints}
        self.lblReprints.setText(
            self.tr("{count} slip(s) to print again (listed first).").format(count=len(reprints))
            if reprints
            else self.tr("No failed, pending or unconfirmed prints.")
        )
        listed = reprints + [order for order in paid if order.id not in pending]
        self.picker.show_orders(listed, self.selected)

    @property
    def orders(self) -> list[Order]:
        return self.picker.orders

    def _slip_word(self, status: str) -> str:
        return {
            "none": self.tr("slip not printed here"),
            "pending": self.tr("⚠ slip pending"),
            "failed": self.tr("⚠ PRINT FAILED"),
            "unconfirmed": self.tr("⚠ sent, not confirmed"),
            "printed": self.tr("slip printed"),
        }.get(status, status)

    def find(self) -> None:
        """What the scanner typed (then Enter): that order."""
        self.picker.scan()

    def select(self, order: Order) -> None:
        self.selected = order
        self.picker.highlight(order)
        show_message(self.lblMessage, "")
        self._show_selected()

    def _show_selected(self) -> None:
        order = self.selected
        if order is None:
            self.lblOrder.setText(self.tr("Choose a paid order."))
        else:
            self.lblOrder.setText(
                self.tr("Order {code}, certificate {serial}: {amount} by {method}; {slip}").format(
                    code=fmt.code(order.code),
                    serial=order.serial,
                    amount=fmt.money(order.amount_fen),
                    method=messages.method_word(order.payment_method),
                    slip=self._slip_word(order.slip_status),
                )
                + (
                    f"; {messages.status_word(order.status)}"
                    if order.status != OrderState.PAID
                    else ""
                )
            )
        paid = order is not None and order.status == OrderState.PAID
        for widget in (self.btnReprint, self.btnSavePdf, self.btnVoid, self.edtReason):
            widget.setEnabled(paid)
        self.lblClaim.clear()
        if order is not None and order.serial is not None:
            self.ctx.read(
                self,
                lambda ledger: (order.id, cashier_ops.claim(ledger, order)),
                self._show_claim,
                lambda exc: self.lblClaim.setText(friendly(exc)),
            )

    def _show_claim(self, found: tuple[str, Claim]) -> None:
        order_id, said = found
        if self.selected is not None and self.selected.id == order_id:
            lines = [claimwords.summary(said), claimwords.credits(said)]
            self.lblClaim.setText("\n".join(line for line in lines if line))

    def reprint(self) -> None:
        if self.selected is not None:
            self.btnReprint.setEnabled(False)
            show_message(self.lblMessage, self.tr("Printing…"))
            self.printer.print_order(self.selected.id)

    def save_pdf(self, path: Path | None = None) -> None:
        """Ask where (unless a path is given: tests, scripts) and write the A6 PDF."""
        order = self.selected
        if order is None:
            return
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the certificate"),
                f"certificate-{order.serial}.pdf",
                "PDF (*.pdf)",
            )
            if not chosen:
                return
            path = Path(chosen)
        self.printer.save_pdf(order.id, path)

    def _printed(self, order_id: str, ok: bool, line: str) -> None:
        show_message(self.lblMessage, line, error=not ok)
        self.refresh()
        if self.selected is not None and self.selected.id == order_id:
            self.ctx.read(self, lambda ledger: ledger.get(order_id), self._reselect)

    def _reselect(self, order: Order) -> None:
        self.selected = order
        self._show_selected()

    def void(self) -> None:
        """Ask first, naming the order and the amount to refund; the void runs on Yes."""
        order = self.selected
        if order is None:
            return
        reason = " ".join(self.edtReason.text().split())
        if not reason:
            show_message(
                self.lblMessage, self.tr("A reason is required to void a paid order."), error=True
            )
            self.edtReason.setFocus()
            return
        self.confirm.ask(
            self.tr("Void order {code} and refund {amount}?").format(
                code=fmt.code(order.code), amount=fmt.money(order.amount_fen)
            ),
            self.tr("Certificate {serial}, paid by {method}. Reason: {reason}").format(
                serial=order.serial,
                method=messages.method_word(order.payment_method),
                reason=reason,
            ),
            self.tr("Yes, void and refund"),
            self.tr("No, keep it"),
        )

    def _void_confirmed(self) -> None:
        order = self.selected
        reason = " ".join(self.edtReason.text().split())
        if order is None or not reason:
            return
        account = self.ctx.actor

        def voided(done: Order) -> None:
            self.edtReason.clear()
            self.selected = done
            self._show_selected()
            show_message(
                self.lblMessage,
                self.tr("Order {code} voided; refund {amount}.").format(
                    code=fmt.code(done.code), amount=fmt.money(done.amount_fen)
                ),
            )
            self.refresh()

        self.ctx.write(
            self,
            lambda ledger: cashier_ops.void(ledger, order.id, reason=reason, account=account),
            voided,
            self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        self._show_selected()
        show_message(self.lblMessage, friendly(exc), error=True)
