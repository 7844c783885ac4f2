"""A scan field over a list of orders: the one way a console panel finds an order.

A keyboard-wedge barcode scanner types the order code (or a certificate serial) and Enter; the
code is looked up on the console's read pool (`cashier_ops.find`: any case, spaces ignored,
whatever the order's status), or the cashier taps a row. Either way the panel hears `chosen`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kiosk import cashier_ops
from kiosk.ledger import Order
from ui.cashier.common import Context, line_edit


class OrderPicker(QWidget):
    chosen = Signal(object)  # Order: scanned, typed or tapped
    notFound = Signal(object)  # the exception the lookup raised (friendly() words it)

    def __init__(
        self,
        ctx: Context,
        *,
        scan_name: str,
        placeholder: str,
        list_name: str,
        label: Callable[[Order], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.label = ctx, label
        self.orders: list[Order] = []
        self.edtScan = line_edit(scan_name, placeholder)
        self.edtScan.returnPressed.connect(self.scan)
        self.lstOrders = QListWidget()
        self.lstOrders.setObjectName(list_name)
        self.lstOrders.currentRowChanged.connect(self._row_chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edtScan)
        layout.addWidget(self.lstOrders, 1)

    def scan(self) -> None:
        """What the scanner typed (then Enter): find that order."""
        code = self.edtScan.text()
        self.edtScan.clear()
        self.ctx.read(
            self,
            lambda ledger: cashier_ops.find(ledger, code),
            self.chosen.emit,
            self.notFound.emit,
        )

    def show_orders(self, orders: list[Order], keep: Order | None) -> None:
        """List `orders` (labelled by `label`), keeping `keep` highlighted if it is listed."""
        self.orders = orders
        self.lstOrders.blockSignals(True)
        self.lstOrders.clear()
        for order in orders:
            item = QListWidgetItem(self.label(order))
            item.setData(Qt.ItemDataRole.UserRole, order.id)
            self.lstOrders.addItem(item)
        self.lstOrders.blockSignals(False)
        self.highlight(keep)

    def highlight(self, order: Order | None) -> None:
        """Mark `order`'s row (none if it is not listed) without announcing a choice."""
        rows = [row for row, listed in enumerate(self.orders) if order and listed.id == order.id]
        self.lstOrders.blockSignals(True)
        self.lstOrders.setCurrentRow(rows[0] if rows else -1)
        self.lstOrders.blockSignals(False)

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < len(self.orders):
            self.chosen.emit(self.orders[row])
