"""Orders awaiting payment: newest first, refreshed on a timer, found by scanning the code.

A keyboard-wedge barcode scanner types the order code and Enter into the focused scan field,
which selects the order; the cashier picks cash, card or mobile, types what was tendered for
cash (never less than due; the change is shown) and marks it paid. The kiosk, polling the same
ledger, moves its customer on to the certificate.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from kiosk import cashier_ops
from kiosk.ledger import Order
from kiosk.order_state import METHODS, OrderState
from kiosk.timestamps import CHINA_TIME, parse_stamp
from ui import fmt, messages
from ui.cashier.common import Context, friendly, line_edit, message_label, push, show_message
from ui.cashier.orderpicker import OrderPicker


def _local(order: Order) -> str:
    """When the order was opened, on the counter's clock (China time, as the report)."""
    return parse_stamp(order.created_at).astimezone(CHINA_TIME).strftime("%H:%M:%S")


class OrdersPanel(QWidget):
    paymentTaken = Signal(object)  # cashier_ops.Payment
    printRequested = Signal(str)  # order id

    def __init__(self, ctx: Context, refresh_ms: int = 2000, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ordersPanel")
        self.ctx = ctx
        self.selected: Order | None = None
        self.last_paid: Order | None = None
        self._refreshing = False
        self.picker = OrderPicker(
            ctx,
            scan_name="edtScan",
            placeholder=self.tr("Scan or type the order code, then Enter"),
            list_name="lstOrders",
            label=lambda o: f"{fmt.code(o.code)}   {fmt.money(o.amount_fen)}   {_local(o)}",
        )
        self.picker.chosen.connect(self._chosen)
        self.picker.notFound.connect(self._failed)
        self.edtScan, self.lstOrders = self.picker.edtScan, self.picker.lstOrders
        self.lblOrder = QLabel(self.tr("No order selected."))
        self.lblOrder.setObjectName("lblOrder")
        self.lblOrder.setWordWrap(True)
        self.methods = QButtonGroup(self)
        methods = QHBoxLayout()
        labels = {"cash": self.tr("Cash"), "card": self.tr("Card"), "mobile": self.tr("Mobile")}
        for method in METHODS:
            choice = push(f"btnMethod_{method}", labels[method])
            choice.setCheckable(True)
            choice.setProperty("role", "chip")
            self.methods.addButton(choice)
            methods.addWidget(choice)
        self.methods.buttons()[0].setChecked(True)
        self.methods.buttonToggled.connect(lambda *_: self._update_change())
        self.edtTendered = line_edit("edtTendered", self.tr("Cash tendered (yuan)"))
        self.edtTendered.textChanged.connect(self._update_change)
        self.edtTendered.returnPressed.connect(self.pay)
        self.lblChange = QLabel()
        self.lblChange.setObjectName("lblChange")
        self.lblChange.setProperty("role", "change")  # large: read at arm's length
        self.btnPay = push("btnPay", self.tr("Mark paid"))
        self.btnPay.setProperty("role", "primary")
        self.btnPay.clicked.connect(self.pay)
        self.btnPrint = push("btnPrintLast", self.tr("Print slip"))
        self.btnPrint.clicked.connect(self._print_selected)
        self.lblMessage = message_label("lblOrdersMessage")
        self.lblMessage.hide()
        right = QGridLayout()
        right.addWidget(self.lblOrder, 0, 0, 1, 2)
        right.addLayout(methods, 1, 0, 1, 2)
        right.addWidget(self.edtTendered, 2, 0)
        right.addWidget(self.lblChange, 2, 1)
        right.addWidget(self.btnPay, 3, 0, 1, 2)
        right.addWidget(self.btnPrint, 4, 0, 1, 2)
        right.addWidget(self.lblMessage, 5, 0, 1, 2)
        right.setRowStretch(6, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.picker, 1)
        layout.addLayout(right, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh)
        self._show_selected()

    # -- the list ---------------------------------------------------------------------------

    def start(self) -> None:
        self.refresh()
        self.timer.start()
        self.edtScan.setFocus()

    def stop(self) -> None:
        self.timer.stop()

    def refresh(self) -> None:
        """Reload the awaiting orders (a read on the pool; one at a time)."""
        if self._refreshing:
            return
        self._refreshing = True

        def shown(orders: list[Order]) -> None:
            self._refreshing = False
            self._show_orders(orders)

        def failed(exc: BaseException) -> None:
            self._refreshing = False
            show_message(self.lblMessage, friendly(exc), error=True)

        self.ctx.read(self, cashier_ops.awaiting, shown, failed)

    def _show_orders(self, orders: list[Order]) -> None:
        self.picker.show_orders(orders, self.selected)

    @property
    def orders(self) -> list[Order]:
        return self.picker.orders

    # -- scanning and choosing --------------------------------------------------------------

    def scan(self) -> None:
        """What the scanner typed (then Enter): that order, whatever its status."""
        self.picker.scan()

    def _chosen(self, order: Order) -> None:
        self.select(order)
        if order.status != OrderState.AWAITING:
            show_message(
                self.lblMessage,
                self.tr("Order {code} is {status}.").format(
                    code=fmt.code(order.code), status=self._status_word(order.status)
                ),
                error=True,
            )

    def select(self, order: Order) -> None:
        self.selected = order
        self.picker.highlight(order)
        show_message(self.lblMessage, "")
        self.edtTendered.clear()
        self._show_selected()
        if order.status == OrderState.AWAITING:
            self.edtTendered.setFocus()

    def _status_word(self, status: OrderState) -> str:
        return messages.status_word(status)

    def _show_selected(self) -> None:
        order = self.selected
        if order is None:
            self.lblOrder.setText(self.tr("No order selected: scan a code or pick one."))
        else:
            self.lblOrder.setText(
                self.tr("Order {code}: {offset} CO₂e, due {due} ({status})").format(
                    code=fmt.code(order.code),
                    offset=fmt.mass(order.offset_g),
                    due=fmt.money(order.amount_fen),
                    status=self._status_word(order.status),
                )
            )
        self.btnPay.setEnabled(order is not None and order.status == OrderState.AWAITING)
        # a slip exists only for a paid order: printing is offered for the selected one if so
        self.btnPrint.setEnabled(order is not None and order.status == OrderState.PAID)
        self._update_change()

    def method(self) -> str:
        checked = self.methods.checkedButton()
        return checked.objectName().removeprefix("btnMethod_") if checked else "cash"

    def _update_change(self) -> None:
        cash = self.method() == "cash"
        self.edtTendered.setEnabled(cash)
        order, text = self.selected, ""
        if cash and order is not None and self.edtTendered.text().strip():
            try:
                tendered = cashier_ops.parse_amount(self.edtTendered.text())
            except ValueError:
                text = self.tr("not an amount")
            else:
                change = tendered - order.amount_fen
                text = (
                    self.tr("Change {change}").format(change=fmt.money(change))
                    if change >= 0
                    else self.tr("{short} short").format(short=fmt.money(-change))
                )
        self.lblChange.setText(text)

    # -- paying -----------------------------------------------------------------------------

    def pay(self) -> None:
        order = self.selected
        if order is None or order.status != OrderState.AWAITING:
            return
        method = self.method()
        tendered: int | None = None
        if method == "cash":
            try:
                tendered = cashier_ops.parse_amount(self.edtTendered.text())
            except ValueError as exc:
                show_message(self.lblMessage, friendly(exc), error=True)
                return
        account = self.ctx.actor
        self.btnPay.setEnabled(False)

        def paid(payment: cashier_ops.Payment) -> None:
            self.selected = payment.order
            self.last_paid = payment.order
            text = self.tr("Paid: order {code}, certificate {serial}.").format(
                code=fmt.code(payment.order.code), serial=payment.order.serial
            )
            if method == "cash":
                text += " " + self.tr("Give change: {change}").format(
                    change=fmt.money(payment.change_fen)
                )
            self._show_selected()
            show_message(self.lblMessage, text)
            self.edtScan.setFocus()
            self.paymentTaken.emit(payment)
            self.refresh()

        self.ctx.write(
            self,
            lambda ledger: cashier_ops.pay(
                ledger, order.id, method=method, account=account, tendered_fen=tendered
            ),
            paid,
            self._failed,
        )

    def _print_selected(self) -> None:
        order = self.selected
        if order is not None and order.status == OrderState.PAID:
            self.btnPrint.setEnabled(False)
            show_message(self.lblMessage, self.tr("Printing…"))
            self.printRequested.emit(order.id)

    def show_print_result(self, _order_id: str, ok: bool, line: str) -> None:
        self._show_selected()
        show_message(self.lblMessage, line, error=not ok)

    def _failed(self, exc: BaseException) -> None:
        self._show_selected()
        show_message(self.lblMessage, friendly(exc), error=True)
