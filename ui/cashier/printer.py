"""The printer: which one is configured (or what is wrong with the setting), how it is right
now, and a test print. Failed slips are listed for reprint on the slips panel.

The live status (cashier_ops.printer_status) is asked on entering the tab and on "Check
status", on a worker thread: a silent printer takes the whole timeout to give up, and the
counter must not freeze meanwhile."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk import cashier_ops
from kiosk.config import config_path, load_settings
from kiosk.errors import DiandianError, PrinterError
from ui.cashier.common import Context, friendly, message_label, push, show_message
from ui.style import COLORS, set_role

if TYPE_CHECKING:
    from kiosk.cashier_ops import PrinterStatus

AMBER_SOFT, AMBER_INK = "#fcf0da", "#7a4a0c"  # COLORS["accent"] as a background and as ink
LIVE_STYLE = f"""
QLabel {{ border: 2px solid transparent; border-radius: 10px; padding: 8px 16px;
    font-weight: bold; }}
QLabel[level="ok"] {{ background: {COLORS["primary_soft"]}; color: {COLORS["primary_dark"]}; }}
QLabel[level="warning"] {{ background: {AMBER_SOFT}; color: {AMBER_INK};
    border: 2px solid {COLORS["accent"]}; }}
QLabel[level="problem"] {{ background: {COLORS["danger_soft"]}; color: {COLORS["danger"]}; }}
QLabel[level="checking"] {{ color: {COLORS["muted"]}; font-weight: normal; }}
"""


class PrinterPanel(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printerPanel")
        self.ctx = ctx
        self.config: Any = None  # kiosk.slips.printers.PrinterConfig, None when not configured
        self.status: PrinterStatus | None = None  # the last answer, for tests and screenshots
        self.checking = False
        self.lblStatus = QLabel()
        self.lblStatus.setObjectName("lblPrinterStatus")
        self.lblStatus.setWordWrap(True)
        self.lblLive = QLabel()
        self.lblLive.setObjectName("lblPrinterLive")
        self.lblLive.setWordWrap(True)
        self.lblLive.setStyleSheet(LIVE_STYLE)
        self.lblLive.hide()
        self.lblChecked = QLabel()
        self.lblChecked.setObjectName("lblPrinterChecked")
        set_role(self.lblChecked, "small")
        self.btnCheck = push("btnCheckStatus", self.tr("Check status"))
        self.btnCheck.clicked.connect(self.refresh)
        self.btnTest = push("btnTestPrint", self.tr("Test print"))
        self.btnTest.clicked.connect(self.test_print)
        self.lblMessage = message_label("lblPrinterMessage")
        self.lblMessage.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.btnCheck)
        buttons.addWidget(self.btnTest)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.lblStatus)
        layout.addWidget(self.lblLive)
        layout.addWidget(self.lblChecked)
        layout.addLayout(buttons)
        layout.addWidget(self.lblMessage)
        layout.addStretch(1)
        self.show_configuration()

    def entered(self) -> None:
        """The tab was opened."""
        self.refresh()

    def refresh(self) -> None:
        """Read the settings again (an admin may just have changed them) and ask the printer."""
        self.show_configuration()
        self.check_status()

    def show_configuration(self) -> None:
        settings, problems = load_settings()
        printer_problems = [str(p) for p in problems if p.key.startswith("printer")]
        self.config = settings.printer
        if settings.printer is not None:
            text = self.tr("Configured: {name} ({paper} mm, {mode}).").format(
                name=settings.printer.name,
                paper=settings.printer.paper_mm,
                mode=settings.printer.mode,
            )
        else:
            text = self.tr("No printer is configured (a [printer] table in {file}).").format(
                file=config_path()
            )
        self.lblStatus.setText("\n".join([text, *printer_problems]))
        self.btnTest.setEnabled(settings.printer is not None)

    # -- live status ----------------------------------------------------------------------------

    def check_status(self) -> None:
        """Ask the printer in the background; a check already running is not doubled."""
        if self.checking:
            return
        self.checking = True
        self.btnCheck.setEnabled(False)
        self._show_live("checking", self.tr("Asking the printer how it is…"))
        config = self.config

        def work() -> PrinterStatus:
            return cashier_ops.printer_status(config)

        def done(status: PrinterStatus) -> None:
            self._checked()
            self.status = status
            line = self.tr("{state}: {detail}").format(
                state=self.state_label(status.state), detail=status.message
            )
            self._show_live(status.level, line)

        def failed(exc: BaseException) -> None:
            self._checked()
            reason = str(exc) if isinstance(exc, DiandianError) else friendly(exc)
            text = self.tr("The printer could not be checked: {reason}")
            self._show_live("problem", text.format(reason=reason))

        self.ctx.run(self, work, done, failed)

    def state_label(self, state: str) -> str:
        """The state in the cashier's language (the detail line stays in English)."""
        labels = {
            "ready": self.tr("Ready"),
            "paper_low": self.tr("Paper low"),
            "paper_out": self.tr("Paper out"),
            "cover_open": self.tr("Cover open"),
            "offline": self.tr("Offline"),
            "error": self.tr("Printer error"),
            "unreachable": self.tr("Unreachable"),
            "unknown": self.tr("Status unknown"),
            "not_configured": self.tr("No printer configured"),
        }
        return labels.get(state, state)

    def _checked(self) -> None:
        from kiosk.timestamps import CHINA_TIME

        self.checking = False
        self.btnCheck.setEnabled(True)
        self.lblChecked.setText(
            self.tr("Checked at {time}").format(time=datetime.now(CHINA_TIME).strftime("%H:%M:%S"))
        )

    def _show_live(self, level: str, text: str) -> None:
        """A coloured line: green ok, amber warning, red problem, grey while asking."""
        self.lblLive.setProperty("level", level)
        self.lblLive.style().unpolish(self.lblLive)
        self.lblLive.style().polish(self.lblLive)
        self.lblLive.setText(text)
        self.lblLive.show()

    # -- test print -----------------------------------------------------------------------------

    def test_print(self) -> None:
        self.btnTest.setEnabled(False)
        show_message(self.lblMessage, self.tr("Printing a test page…"))

        def done(name: str) -> None:
            self.btnTest.setEnabled(True)
            show_message(
                self.lblMessage, self.tr("{name} printed the test page.").format(name=name)
            )

        def failed(exc: BaseException) -> None:
            self.btnTest.setEnabled(True)
            text = str(exc) if isinstance(exc, PrinterError) else friendly(exc)
            show_message(self.lblMessage, text, error=True)

        self.ctx.run(self, cashier_ops.test_print, done, failed)
