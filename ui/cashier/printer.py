"""The printer: which one is configured (or what is wrong with the setting) and a test print.
Failed slips are listed for reprint on the slips panel."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk import counter
from kiosk.config import config_path, load_settings
from ui.cashier.common import Context, friendly, message_label, push, show_message


class PrinterPanel(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printerPanel")
        self.ctx = ctx
        self.lblStatus = QLabel()
        self.lblStatus.setObjectName("lblPrinterStatus")
        self.lblStatus.setWordWrap(True)
        self.btnTest = push("btnTestPrint", self.tr("Test print"))
        self.btnTest.clicked.connect(self.test_print)
        self.lblMessage = message_label("lblPrinterMessage")
        self.lblMessage.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.lblStatus)
        layout.addWidget(self.btnTest)
        layout.addWidget(self.lblMessage)
        layout.addStretch(1)
        self.entered()

    def entered(self) -> None:
        settings, problems = load_settings()
        printer_problems = [str(p) for p in problems if p.key.startswith("printer")]
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

    def test_print(self) -> None:
        self.btnTest.setEnabled(False)
        show_message(self.lblMessage, self.tr("Printing a test page…"))

        def done(name: str) -> None:
            self.btnTest.setEnabled(True)
            show_message(
                self.lblMessage, self.tr("{name} printed the test page.").format(name=name)
            )

        def failed(exc: BaseException) -> None:
            from kiosk.slips.printers import PrinterError

            self.btnTest.setEnabled(True)
            text = str(exc) if isinstance(exc, PrinterError) else friendly(exc)
            show_message(self.lblMessage, text, error=True)

        self.ctx.run(self, counter.test_print, done, failed)
