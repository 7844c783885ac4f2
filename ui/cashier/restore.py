"""Restoring a backup from the admin panel: the backups to pick from, the plan in plain words,
and a confirmation that asks for the number of paid orders that will be lost, typed.

The rules (what is lost, why serials jump, refusing an unacknowledged loss, admins only) are
the core's: kiosk/ledger/restore.py, restore_plan.py and kiosk/admin.py. This module only shows
the plan and runs the restore off the UI thread.

How the running app picks up the restored ledger: the restore runs on the ledger's writer
thread through `Workers.exclusive`, between this app's writes, with the writer's connection
closed; the app's next write reopens the ledger (quick_check, migrations, kiosk id). The core
writes the restored content into the ledger file in place with SQLite's backup API, under its
write lock, so every other program that has it open (the kiosk app when the console runs on a
counter PC, the kiosk's checkpointer, a reader) sees the new content at its next transaction,
and serials and order seqs, read from the counters inside each transaction, continue after the
high-water marks. Only a file SQLite cannot use is moved aside instead; programs holding it get
"the ledger file was replaced" and go out of service until the kiosk's "try again" (which calls
`Workers.reset`) reopens it, or systemd's Restart= restarts the app. No restart is needed, and
none is forced on a kiosk that may be serving a customer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk import admin
from kiosk.ledger import LostOrder, Numbers, RestorePlan, RestoreResult
from kiosk.money import format_fen
from ui.cashier.common import Context, _guard, friendly, line_edit, push

Say = Callable[[str, bool], None]  # a line under the panel: (text, is_error)


def when(stamp: str) -> str:
    """2026-01-03T12:00:00.123Z -> 2026-01-03 12:00:00 UTC."""
    return f"{stamp[:19].replace('T', ' ')} UTC" if stamp else "-"


def size_text(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


class BackupRestore(QWidget):
    """The backups (newest first, time and size) and "Restore…", in the admin panel."""

    restored = Signal(object)  # RestoreResult

    def __init__(self, ctx: Context, say: Say, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupRestore")
        self.ctx, self.say = ctx, say
        self.lstBackups = QListWidget()
        self.lstBackups.setObjectName("lstBackups")
        self.lstBackups.setMaximumHeight(110)
        self.lstBackups.currentItemChanged.connect(self._chosen)
        self.btnRestore = push("btnRestore", self.tr("Restore…"))  # placed by the admin panel
        self.btnRestore.setProperty("role", "danger")
        self.btnRestore.clicked.connect(self.restore_selected)
        self.dialog: RestoreDialog | None = None
        self.busy = False
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.lstBackups)
        self._chosen()

    def show_backups(self, found: list[admin.BackupFile]) -> None:
        item = self.lstBackups.currentItem()
        keep = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.lstBackups.clear()
        for entry in found:  # newest first
            item = QListWidgetItem(
                f"{when(entry.taken_at)} · {size_text(entry.size)} · {entry.path.name}"
            )
            item.setData(Qt.ItemDataRole.UserRole, str(entry.path))
            self.lstBackups.addItem(item)
            if str(entry.path) == keep:
                self.lstBackups.setCurrentItem(item)
        self._chosen()

    def selected(self) -> Path | None:
        item = self.lstBackups.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _chosen(self, *_: object) -> None:
        self.btnRestore.setEnabled(not self.busy and self.selected() is not None)

    def _busy(self, busy: bool) -> None:
        self.busy = busy
        self._chosen()

    def restore_selected(self) -> None:
        """Work out the plan off the UI thread, then show it for confirmation."""
        source = self.selected()
        if source is None or self.busy:
            return
        account, path = self.ctx.actor, self.ctx.ledger_path
        self._busy(True)
        self.say(self.tr("Comparing the backup with the ledger…"), False)
        self.ctx.run(
            self, lambda: admin.restore_plan(source, path, account), self._show_plan, self._failed
        )

    def _show_plan(self, plan: RestorePlan) -> None:
        self._busy(False)
        self.say("", False)
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = RestoreDialog(plan, self)
        self.dialog.confirmed.connect(lambda lost: self._restore(plan, lost))
        self.dialog.open()

    def _restore(self, plan: RestorePlan, lost: int) -> None:
        account, path = self.ctx.actor, self.ctx.ledger_path
        self._busy(True)
        self.say(self.tr("Restoring…"), False)

        def work() -> RestoreResult:
            return admin.restore_backup(
                plan.backup,
                path,
                account,
                accept_loss=lost or None,
                accept_unknown_loss=bool(plan.lost_unknown),  # the dialog's box was ticked
            )

        self.ctx.workers.exclusive(work, _guard(self, self._done), _guard(self, self._failed))

    def _done(self, result: RestoreResult) -> None:
        self._busy(False)
        parts = [
            self.tr("Restored {backup}. New certificates continue from serial {serial}.").format(
                backup=result.plan.backup.name, serial=result.plan.next_serial
            )
        ]
        if result.kept is not None:
            parts.append(self.tr("The previous ledger is kept as {kept}.").format(kept=result.kept))
        if result.replaced:
            parts.append(
                self.tr(
                    "The damaged file was moved aside: a kiosk that had it open is out of service "
                    'until "try again" is pressed or it restarts.'
                )
            )
        if not result.report.ok:
            parts.append(
                self.tr("Warning: the restored ledger does not verify: {problem}").format(
                    problem=result.report.problems[0]
                )
            )
        self.say(" ".join(parts), not result.report.ok)
        self.restored.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.say(friendly(exc), True)


class RestoreDialog(QDialog):
    """Shown with open() (window-modal, no nested event loop); `confirmed` carries the
    acknowledged number of lost paid orders (0 when none are lost). When the plan cannot know
    that number, a box to tick stands for it."""

    confirmed = Signal(int)

    def __init__(self, plan: RestorePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.setModal(True)
        self.plan = plan
        self.lblPlan = self._label("lblRestorePlan", self.describe())
        self.lstLost = QListWidget()
        self.lstLost.setObjectName("lstLostOrders")
        self.lstLost.setWordWrap(True)
        self.lstLost.setMinimumHeight(160)
        self.lstLost.addItems([self.lost_line(order) for order in plan.lost])
        self.lstLost.setVisible(bool(plan.lost))
        self.lblAfter = self._label("lblRestoreAfter", self.afterwards())
        self.lblConfirm = self._label("lblConfirmRestore", self.question())
        self.edtConfirm = line_edit("edtConfirmLoss", self.tr("paid orders lost"))
        self.edtConfirm.setVisible(plan.report.ok and bool(plan.lost) and not plan.lost_unknown)
        self.edtConfirm.textChanged.connect(self._typed)
        self.chkUnknown = QCheckBox(self.tr("I accept losing paid orders this ledger cannot show"))
        self.chkUnknown.setObjectName("chkAcceptUnknownLoss")
        self.chkUnknown.setVisible(plan.report.ok and bool(plan.lost_unknown))
        self.chkUnknown.toggled.connect(lambda _: self._typed(self.edtConfirm.text()))
        self.btnRestore = push("btnConfirmRestore", self.tr("Restore"))
        self.btnRestore.setProperty("role", "danger")
        self.btnRestore.clicked.connect(self._confirm)
        self.btnCancel = push("btnCancelRestore", self.tr("Cancel"))
        self.btnCancel.clicked.connect(self.reject)
        self._typed(self.edtConfirm.text())
        column = QVBoxLayout(self)
        for widget in (self.lblPlan, self.lstLost, self.lblAfter, self.lblConfirm):
            column.addWidget(widget, 1 if widget is self.lstLost else 0)
        column.addWidget(self.edtConfirm)
        column.addWidget(self.chkUnknown)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.btnCancel)
        buttons.addWidget(self.btnRestore)
        column.addLayout(buttons)
        self.resize(960, 720)

    @staticmethod
    def _label(name: str, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    # -- the plan in words --------------------------------------------------------------------

    def _counts(self, template: str, n: Numbers) -> str:
        return template.format(
            orders=n.orders, paid=n.paid, serial=n.serial, seq=n.seq, time=when(n.last_change)
        )

    def describe(self) -> str:
        plan = self.plan
        lines = [
            self.tr("Backup {name}, taken {time}.").format(
                name=plan.backup.name, time=when(plan.taken_at)
            )
        ]
        if plan.report.ok:
            lines.append(self.tr("It passes the integrity check."))
        else:
            problem = self.tr("It does NOT pass the integrity check: {problem}")
            lines.append(problem.format(problem=plan.report.problems[0]))
        in_backup = self.tr(
            "In the backup: {orders} orders, {paid} paid; last certificate serial {serial}, "
            "last order number {seq}; last change {time}."
        )
        lines.append(self._counts(in_backup, plan.in_backup))
        if plan.current is not None:
            now = self.tr(
                "In the ledger now: {orders} orders, {paid} paid; last certificate serial "
                "{serial}, last order number {seq}; last change {time}."
            )
            lines.append(self._counts(now, plan.current))
        else:
            unusable = self.tr(
                "The current ledger cannot be used: {reason}. Paid orders recorded since the "
                "backup cannot all be listed."
            )
            lines.append(unusable.format(reason=plan.current_problem))
        if plan.lost_unknown:
            unknown = self.tr(
                "How many paid orders recorded after this backup will be lost from this kiosk "
                "is unknown ({reason}); {count} can be listed. They stay in the kept file."
            )
            lines.append(unknown.format(reason=plan.lost_unknown, count=len(plan.lost)))
        elif plan.lost:
            lost = self.tr(
                "{count} paid order(s) recorded after this backup will be lost from this kiosk "
                "({registry} of them reached the registry; the others will exist only in the "
                "kept file):"
            )
            registry = sum(order.at_registry for order in plan.lost)
            lines.append(lost.format(count=len(plan.lost), registry=registry))
        else:
            lines.append(self.tr("No paid order is lost: the backup has every one."))
        return "\n".join(lines)

    def lost_line(self, order: LostOrder) -> str:
        kind = self.tr("paid") if order.kind == "payment" else self.tr("refunded")
        where = self.tr("at the registry") if order.at_registry else self.tr("not at the registry")
        line = self.tr("serial {serial} · order {code} · {amount} · {kind} {time} · {where}")
        return line.format(
            serial=order.serial,
            code=order.code,
            amount=format_fen(order.amount_fen),
            kind=kind,
            time=when(order.at),
            where=where,
        )

    def afterwards(self) -> str:
        plan = self.plan
        lines = []
        if plan.unpaid_dropped:
            dropped = self.tr(
                "{count} unpaid order(s) will be dropped; those customers start again."
            )
            lines.append(dropped.format(count=plan.unpaid_dropped))
        kept = self.tr(
            "The current ledger is kept, as it is, beside it as "
            "{stem}.before-restore-<time>.sqlite."
        )
        lines.append(kept.format(stem=plan.ledger.stem))
        carry_on = self.tr(
            "New certificates continue from serial {serial} and order number {seq}, after the "
            "highest this kiosk is known to have issued: no number is ever used twice."
        )
        lines.append(carry_on.format(serial=plan.next_serial, seq=plan.next_seq))
        if skipped := plan.skipped_serials:
            gap = self.tr("Serials {first} to {last} are skipped; the audit log records the skip.")
            lines.append(gap.format(first=skipped[0], last=skipped[1]))
        if plan.margin:
            margin = self.tr(
                "The current ledger cannot be read, so {margin} more numbers are skipped in case "
                "it issued some after the backup."
            )
            lines.append(margin.format(margin=plan.margin))
        if plan.accounts_gone:
            gone = self.tr("Staff accounts added after the backup will be gone: {names}.")
            lines.append(gone.format(names=", ".join(plan.accounts_gone)))
        if plan.enrolment_gone:
            lines.append(
                self.tr("The backup predates this kiosk's enrolment: enrol it again afterwards.")
            )
        if plan.identity_from:
            identity = self.tr(
                "This new, empty ledger (kiosk {new}) takes the backup's identity, kiosk {kiosk}."
            )
            lines.append(identity.format(new=plan.identity_from, kiosk=plan.in_backup.kiosk_id))
        return "\n".join(lines)

    def question(self) -> str:
        if not self.plan.report.ok:
            return self.tr(
                "This backup does not pass the integrity check, so it is not restored from here "
                "(`diandian ledger restore --force` can, if you must)."
            )
        if self.plan.lost_unknown:
            return self.tr("To restore anyway, acknowledge that paid orders may be lost:")
        if self.plan.lost:
            return self.tr("To restore anyway, type the number of paid orders that will be lost:")
        return self.tr("Restore this backup?")

    # -- confirming ---------------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        plan = self.plan
        if plan.lost_unknown:
            acknowledged = self.chkUnknown.isChecked()
        else:
            acknowledged = not plan.lost or text.strip() == str(len(plan.lost))
        self.btnRestore.setEnabled(plan.report.ok and acknowledged)

    def _confirm(self) -> None:
        if not self.btnRestore.isEnabled():
            return
        self.accept()
        self.confirmed.emit(len(self.plan.lost))
