"""Start the console as its own app (`diandian cashier`): font, translations, one window."""

from __future__ import annotations

import sys
from pathlib import Path

from ui.preflight import check_display


def run_cashier(ledger_path: Path) -> int:
    check_display()
    from PySide6.QtWidgets import QApplication

    from kiosk.config import load_settings
    from ui.app import load_font, setup_logging
    from ui.cashier.window import CashierWindow
    from ui.i18n import Translations

    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_font()
    settings, problems = load_settings()
    translations = Translations(app)
    translations.use(settings.languages[0])
    window = CashierWindow(ledger_path)
    for problem in problems:  # reported, and the console runs on the safe defaults
        print(f"diandian cashier: {problem}", file=sys.stderr)
    window.resize(1280, 800)
    window.show()
    return app.exec()
