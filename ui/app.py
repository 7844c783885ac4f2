"""Start the touchscreen app: one QApplication, one main window holding the screens."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget

from kiosk.venues import Venue, get_venue
from ui.preflight import check_display
from ui.screens.attract import AttractScreen


class KioskWindow(QMainWindow):
    """Owns navigation between screens; screens only emit signals."""

    def __init__(self, venue: Venue, lang: str = "zh") -> None:
        super().__init__()
        self.setObjectName("kioskWindow")
        self.setWindowTitle("Diandian")
        self.venue = venue
        self.stack = QStackedWidget()
        self.attract = AttractScreen(venue, lang)
        self.stack.addWidget(self.attract)
        self.setCentralWidget(self.stack)


def run_kiosk(venue_id: str | None = None, *, windowed: bool = False) -> int:
    venue = get_venue(venue_id)  # an unknown venue is reported before any window opens
    check_display()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = KioskWindow(venue)
    if windowed:
        window.resize(1280, 720)
        window.show()
    else:
        window.showFullScreen()
    return app.exec()
