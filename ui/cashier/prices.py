"""Prices (admins only): what each project sells at on this kiosk, the catalogue's price beside
it, and a local price with a reason. Orders already open keep the price they were opened at; the
next customer sees the new one (the kiosk reads stock for every visit)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk import local_values
from kiosk.local_values import PriceRow
from ui import fmt
from ui.cashier.common import (
    Context,
    FormPanel,
    chosen_row,
    fill_row,
    line_edit,
    message_label,
    push,
    table,
)


class PricesPanel(FormPanel):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pricesPanel")
        self.ctx = ctx
        self.rows: list[PriceRow] = []
        self.lstProjects = table(
            "tblPrices", [self.tr("Project"), self.tr("Catalogue"), self.tr("Sold here at")]
        )
        self.lstProjects.itemSelectionChanged.connect(self._show_selected)
        self.lblProject = QLabel()
        self.lblProject.setObjectName("lblPriceProject")
        self.lblProject.setWordWrap(True)
        self.edtPrice = line_edit("edtPrice", self.tr("yuan per tonne, e.g. 85 or 85.50"))
        self.edtReason = line_edit("edtPriceReason", self.tr("why (kept in the audit log)"))
        self.edtReason.returnPressed.connect(self.set_price)
        self.btnSet = push("btnSetPrice", self.tr("Use this price"))
        self.btnSet.setProperty("role", "primary")
        self.btnSet.clicked.connect(self.set_price)
        self.btnClear = push("btnClearPrice", self.tr("Back to the catalogue price"))
        self.btnClear.clicked.connect(self.clear_price)
        self.lblMessage = message_label("lblPricesMessage")
        self.lblMessage.hide()
        form = QFormLayout()
        form.addRow(self.lblProject)
        form.addRow(self.tr("Local price"), self.edtPrice)
        form.addRow(self.tr("Reason"), self.edtReason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.btnSet)
        buttons.addWidget(self.btnClear)
        form.addRow(buttons)
        form.addRow(self.lblMessage)
        note = QLabel(
            self.tr(
                "Orders already waiting keep their price. A catalogue pulled by sync does not "
                "replace a local price; go back to the catalogue price to follow it again."
            )
        )
        note.setWordWrap(True)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addStretch(1)
        right.addWidget(note)
        layout = QHBoxLayout(self)
        layout.addWidget(self.lstProjects, 1)
        layout.addLayout(right, 1)
        self._show_selected()

    def inputs(self) -> tuple[QLineEdit, ...]:
        return (self.edtPrice, self.edtReason)

    def entered(self) -> None:
        self.ctx.read(self, local_values.price_rows, self._show_rows)

    def _show_rows(self, rows: list[PriceRow]) -> None:
        chosen = self.selected()
        self.rows = rows
        self.lstProjects.blockSignals(True)
        self.lstProjects.setRowCount(len(rows))
        for index, row in enumerate(rows):
            here = fmt.money(row.in_force_fen_per_t)
            if row.local:
                here += " " + self.tr("(local)")
            fill_row(self.lstProjects, index, [row.name, fmt.money(row.catalogue_fen_per_t), here])
        ids = [row.project_id for row in rows]
        keep = chosen is not None and chosen.project_id in ids
        if rows:
            self.lstProjects.selectRow(ids.index(chosen.project_id) if keep else 0)
        self.lstProjects.blockSignals(False)
        self._show_selected()

    def selected(self) -> PriceRow | None:
        index = chosen_row(self.lstProjects)
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _show_selected(self) -> None:
        row = self.selected()
        for widget in (self.edtPrice, self.edtReason, self.btnSet):
            widget.setEnabled(row is not None)
        self.btnClear.setEnabled(row is not None and row.local is not None)
        if row is None:
            self.lblProject.setText(self.tr("No project in this ledger yet."))
            return
        text = self.tr("{name}: catalogue price {price} per tonne.").format(
            name=row.name, price=fmt.money(row.catalogue_fen_per_t)
        )
        if row.local:
            text += " " + self.tr("Sold here at {price} since {when} (by {who}: {why}).").format(
                price=fmt.money(row.local.price_fen_per_t),
                when=row.local.set_at[:16].replace("T", " "),
                who=row.local.set_by,
                why=row.local.reason,
            )
        self.lblProject.setText(text)

    def set_price(self) -> None:
        row, account = self.selected(), self.ctx.actor
        if row is None:
            return
        yuan, reason = self.edtPrice.text(), self.edtReason.text()
        self.write_change(
            lambda ledger: local_values.set_price(ledger, account, row.project_id, yuan, reason),
            lambda fen: self.tr("{name} now sells at {price} per tonne here.").format(
                name=row.name, price=fmt.money(fen)
            ),
        )

    def clear_price(self) -> None:
        row, account = self.selected(), self.ctx.actor
        if row is None:
            return
        self.write_change(
            lambda ledger: local_values.clear_price(ledger, account, row.project_id),
            lambda _: self.tr("{name} is back at the catalogue price.").format(name=row.name),
        )
