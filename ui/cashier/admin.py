"""Administration (admins only): identity and venue, enrolment, sync status and "sync now",
integrity check, backups and restoring one (ui/cashier/restore.py), printer and kiosk
settings, exit kiosk mode.

Enrolment and sync run as `diandian enroll` / `diandian sync` in a QProcess, the same job the
nightly timer runs, so the console never holds the sync lock or the network itself; their
output lines are the progress shown.
"""

from __future__ import annotations

from PySide6.QtCore import QProcess, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk import admin
from kiosk.config import IDLE_RANGE_S, LANGUAGES, load_settings
from kiosk.errors import InputError
from kiosk.ledger import Report
from kiosk.venues import load_venues
from sync.exit_codes import EXIT_REJECTED
from ui.cashier.common import Context, friendly, line_edit, message_label, push, show_message
from ui.cashier.restore import BackupRestore


class AdminPanel(QWidget):
    exitKioskRequested = Signal()
    jobFinished = Signal(str, int)  # "sync" or "enroll", exit status

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminPanel")
        self.ctx = ctx
        self.process: QProcess | None = None
        self.job = ""
        self.lblStatus = QLabel()
        self.lblStatus.setObjectName("lblAdminStatus")
        self.lblStatus.setWordWrap(True)
        self.edtRegistry = line_edit("edtRegistry", "https://registry.example.com")
        self.edtToken = line_edit("edtToken", self.tr("one-time token from the operator"))
        self.btnEnrol = push("btnEnrol", self.tr("Enrol"))
        self.btnEnrol.clicked.connect(self.enrol)
        self.btnSync = push("btnSyncNow", self.tr("Sync now"))
        self.btnSync.clicked.connect(self.sync_now)
        self.lblProgress = QLabel()
        self.lblProgress.setObjectName("lblSyncProgress")
        self.lblProgress.setWordWrap(True)
        self.btnVerify = push("btnVerify", self.tr("Check ledger integrity"))
        self.btnVerify.clicked.connect(self.verify)
        self.btnBackup = push("btnBackupNow", self.tr("Back up now"))
        self.btnBackup.clicked.connect(self.back_up)
        self.lblBackups = QLabel()
        self.lblBackups.setObjectName("lblBackups")
        self.lblBackups.setWordWrap(True)
        self.restore = BackupRestore(ctx, self._say)
        self.restore.restored.connect(lambda _: self.entered())
        self.cmbVenue = QComboBox()
        self.cmbVenue.setObjectName("cmbVenue")
        self.cmbVenue.addItem(self.tr("(the default venue)"), "")
        for venue_id, venue in sorted(load_venues().items()):
            self.cmbVenue.addItem(f"{venue.name.get('zh', venue_id)} ({venue_id})", venue_id)
        self.spnIdle = QSpinBox()
        self.spnIdle.setObjectName("spnIdle")
        self.spnIdle.setRange(0, IDLE_RANGE_S[1])
        self.spnIdle.setSpecialValueText(self.tr("the venue's"))
        self.chkLanguages = {lang: QCheckBox(lang) for lang in LANGUAGES}
        for lang, box in self.chkLanguages.items():
            box.setObjectName(f"chkLang_{lang}")
        self.cmbPrinterKind = QComboBox()
        self.cmbPrinterKind.setObjectName("cmbPrinterKind")
        self.cmbPrinterKind.addItems(["", "network", "usb", "serial", "file", "system"])
        self.edtPrinterWhere = line_edit(
            "edtPrinterWhere", self.tr("host[:port], device, file path or CUPS queue")
        )
        self.cmbPaper = QComboBox()
        self.cmbPaper.setObjectName("cmbPaper")
        self.cmbPaper.addItems(["80", "58"])
        self.btnSave = push("btnSaveSettings", self.tr("Save settings"))
        self.btnSave.setProperty("role", "primary")
        self.btnSave.clicked.connect(self.save)
        self.btnExit = push("btnExitKiosk", self.tr("Exit kiosk mode"))
        self.btnExit.setProperty("role", "danger")
        self.btnExit.clicked.connect(self.exitKioskRequested)
        self.btnExit.setVisible(ctx.embedded)
        self.lblMessage = message_label("lblAdminMessage")
        self.lblMessage.hide()
        self._layout()
        self.entered()

    def _layout(self) -> None:
        sync = QGroupBox(self.tr("Identity, enrolment and sync"))
        form = QFormLayout(sync)
        form.addRow(self.lblStatus)
        form.addRow(self.tr("Registry URL"), self.edtRegistry)
        enrol = QHBoxLayout()
        enrol.addWidget(self.edtToken, 1)
        enrol.addWidget(self.btnEnrol)
        form.addRow(self.tr("Enrolment token"), enrol)
        form.addRow(self.btnSync, self.lblProgress)
        ledger = QGroupBox(self.tr("Ledger"))
        rows = QFormLayout(ledger)
        buttons = QHBoxLayout()
        buttons.addWidget(self.btnVerify)
        buttons.addWidget(self.btnBackup)
        buttons.addWidget(self.restore.btnRestore)
        rows.addRow(buttons)
        rows.addRow(self.lblBackups)
        rows.addRow(self.restore)
        settings = QGroupBox(self.tr("Settings"))
        grid = QFormLayout(settings)
        grid.addRow(self.tr("Venue"), self.cmbVenue)
        grid.addRow(self.tr("Idle timeout (s)"), self.spnIdle)
        langs = QHBoxLayout()
        for box in self.chkLanguages.values():
            langs.addWidget(box)
        grid.addRow(self.tr("Languages"), langs)
        printer = QHBoxLayout()
        printer.addWidget(self.cmbPrinterKind)
        printer.addWidget(self.edtPrinterWhere, 1)
        printer.addWidget(self.cmbPaper)
        grid.addRow(self.tr("Printer"), printer)
        grid.addRow(self.btnSave)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(sync)
        column.addWidget(ledger)
        column.addWidget(settings)
        column.addWidget(self.lblMessage)
        column.addStretch(1)
        column.addWidget(self.btnExit)
        scroll = QScrollArea()  # taller than a 1280x800 counter screen: it scrolls
        scroll.setObjectName("adminScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- status -----------------------------------------------------------------------------

    def entered(self) -> None:
        self.ctx.read(self, admin.status, self._show_status, self._failed)
        self._show_backups()
        self._show_settings()

    def _show_status(self, status: admin.Status) -> None:
        never = self.tr("never")
        self.lblStatus.setText(
            self.tr(
                "Kiosk {kiosk}; registry {registry}.\nLast successful sync: {ok}. "
                "Queue: {queue} record(s) to send, {rejected} rejected.\nLast error: {error}"
            ).format(
                kiosk=status.kiosk_id,
                registry=status.registry_url or self.tr("(not enrolled)"),
                ok=status.last_ok or never,
                queue=status.queue,
                rejected=status.rejected,
                error=status.last_error or self.tr("none"),
            )
        )
        for problem in (status.checkpoint_error, status.check_error):
            if problem:
                self.lblStatus.setText(
                    self.lblStatus.text()
                    + "\n"
                    + self.tr("Ledger: {problem}").format(problem=problem)
                )
        if status.registry_url and not self.edtRegistry.text():
            self.edtRegistry.setText(status.registry_url)

    def _show_backups(self) -> None:
        found = admin.backup_files()  # a listing of one local folder: quick enough here
        self.lblBackups.setText(
            self.tr("Backups in {folder}: {names}").format(
                folder=admin.backups_dir(),
                names=", ".join(b.path.name for b in found[:5]) or self.tr("none yet"),
            )
        )
        self.restore.show_backups(found)

    def _show_settings(self) -> None:
        settings, problems = load_settings()
        index = self.cmbVenue.findData(settings.venue or "")
        self.cmbVenue.setCurrentIndex(max(0, index))
        self.spnIdle.setValue(settings.idle_timeout_s or 0)
        for lang, box in self.chkLanguages.items():
            box.setChecked(lang in settings.languages)
        if settings.registry_url and not self.edtRegistry.text():
            self.edtRegistry.setText(settings.registry_url)
        printer = settings.printer
        if printer is not None:
            self.cmbPrinterKind.setCurrentText(printer.kind)
            self.edtPrinterWhere.setText(printer.where)
            self.cmbPaper.setCurrentText(str(printer.paper_mm))
        if problems:
            show_message(self.lblMessage, "\n".join(map(str, problems)), error=True)

    # -- ledger -----------------------------------------------------------------------------

    def verify(self) -> None:
        account = self.ctx.actor

        def shown(report: Report) -> None:
            if report.ok:
                show_message(self.lblMessage, self.tr("The ledger is sound."))
            else:
                show_message(self.lblMessage, "\n".join(report.problems[:10]), error=True)

        self.ctx.read(self, lambda ledger: admin.check(ledger, account), shown, self._failed)

    def back_up(self) -> None:
        account, path = self.ctx.actor, self.ctx.ledger_path
        self.btnBackup.setEnabled(False)

        def done(result: object) -> None:
            self.btnBackup.setEnabled(True)
            self._show_backups()
            show_message(
                self.lblMessage,
                self.tr("Backed up to {path}.").format(path=result.path),  # type: ignore[attr-defined]
            )

        def failed(exc: BaseException) -> None:
            self.btnBackup.setEnabled(True)
            self._failed(exc)

        self.ctx.run(self, lambda: admin.back_up(path, account), done, failed)

    # -- settings ---------------------------------------------------------------------------

    def changes(self) -> dict[str, dict[str, object]]:
        """The form as tables for diandian.toml (None removes a key: back to the default);
        InputError when the printer's "where" cannot be read."""
        langs = [lang for lang, box in self.chkLanguages.items() if box.isChecked()]
        changes: dict[str, dict[str, object]] = {
            "kiosk": {
                "venue": self.cmbVenue.currentData() or None,
                "idle_timeout_s": self.spnIdle.value() or None,
                "languages": langs,
            },
            "registry": {"url": self.edtRegistry.text().strip() or None},
        }
        kind, where = self.cmbPrinterKind.currentText(), self.edtPrinterWhere.text().strip()
        if kind:
            printer: dict[str, object] = {
                "kind": kind,
                "paper_mm": int(self.cmbPaper.currentText()),
            }
            printer.update(admin.where_settings(kind, where))  # a bad port is an error, not dropped
            changes["printer"] = printer
        return changes

    def save(self) -> None:
        account = self.ctx.actor
        try:
            problems = admin.save(account, self._replace_printer(self.changes()))
        except InputError as exc:
            show_message(self.lblMessage, str(exc), error=True)
            return
        except Exception as exc:
            self._failed(exc)
            return
        if problems:
            show_message(self.lblMessage, "\n".join(map(str, problems)), error=True)
        else:
            show_message(
                self.lblMessage, self.tr("Settings saved; the kiosk uses them at its next start.")
            )

    @staticmethod
    def _replace_printer(changes: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
        """A new printer replaces the whole old table (keys of another kind would be wrong)."""
        if "printer" in changes:
            cleared: dict[str, object] = dict.fromkeys(admin.printer_keys())
            cleared.update(changes["printer"])
            changes["printer"] = cleared
        return changes

    # -- background jobs --------------------------------------------------------------------

    def enrol(self) -> None:
        url, token = self.edtRegistry.text().strip(), self.edtToken.text().strip()
        if not url or not token:
            show_message(
                self.lblMessage, self.tr("Enter the registry URL and the token."), error=True
            )
            return
        self.edtToken.clear()
        # --opt=value: a token may start with "-", which argparse would take for an option
        self._start("enroll", "enroll", f"--registry={url}", f"--token={token}")

    def sync_now(self) -> None:
        self._start("sync", "sync")

    def _start(self, job: str, *args: str) -> None:
        if self.process is not None:
            return
        self.job = job
        self.btnSync.setEnabled(False)
        self.btnEnrol.setEnabled(False)
        self.lblProgress.setText(self.tr("Started…"))
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        process.readyReadStandardOutput.connect(self._progress)
        process.finished.connect(self._finished)
        program, *rest = admin.command(*args, "--db", str(self.ctx.ledger_path))
        self.process = process
        process.start(program, rest)

    def _progress(self) -> None:
        if self.process is None:
            return
        text = bytes(self.process.readAllStandardOutput().data()).decode(errors="replace")
        lines = [line.strip() for line in text.replace("\r", "\n").splitlines() if line.strip()]
        if lines:
            self.lblProgress.setText(lines[-1])

    def _finished(self, code: int, _status: object) -> None:
        self._progress()
        job, self.process = self.job, None
        self.btnSync.setEnabled(True)
        self.btnEnrol.setEnabled(True)
        if code == 0:
            done = self.tr("{job}: done.")
        elif code == EXIT_REJECTED:
            done = self.tr(
                "{job}: done, but the registry rejected records (see `diandian sync --rejects`)."
            )
        else:
            done = self.tr("{job}: failed (status {code}).")
        show_message(self.lblMessage, done.format(job=job, code=code), error=code != 0)
        self.entered()
        self.jobFinished.emit(job, code)

    def _failed(self, exc: BaseException) -> None:
        show_message(self.lblMessage, friendly(exc), error=True)

    def _say(self, text: str, error: bool) -> None:
        show_message(self.lblMessage, text, error=error)
