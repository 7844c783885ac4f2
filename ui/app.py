"""Start the touchscreen app: one QApplication, the shipped font, the translations, the main
window full screen, the WAL checkpointer, the systemd watchdog and a last-resort excepthook."""

from __future__ import annotations

import logging
import sys
import types
from pathlib import Path
from typing import Any

from kiosk import logs
from kiosk.paths import data_dir, default_ledger
from kiosk.resources import resource
from kiosk.venues import get_venue
from ui.preflight import check_display

FONT_FAMILY = "WenQuanYi Micro Hei"
log = logging.getLogger("diandian.kiosk")


def load_font() -> str:
    """Register the shipped CJK font and make it the app's font: no system font is needed."""
    from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

    path = Path(str(resource("fonts", "wqy-microhei.ttc")))
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    family = families[0] if families else FONT_FAMILY
    font = QFont(family)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    QGuiApplication.setFont(font)
    return family


def setup_logging() -> None:
    """The kiosk logs to kiosk.log beside the ledger, rotated (kiosk/logs.py), and stderr,
    never to the screen; a read-only data folder leaves the file out (the ledger check says
    so on screen)."""
    logs.configure(data_dir() / "kiosk.log")


def install_excepthook(window: object) -> None:
    """An exception nobody caught is logged and shown as the friendly failure page."""

    def hook(kind: type[BaseException], value: BaseException, tb: types.TracebackType | None):
        log.error("uncaught exception", exc_info=(kind, value, tb))
        try:
            window.fail(value)  # type: ignore[attr-defined]
        except Exception:
            log.exception("could not show the failure page")

    sys.excepthook = hook


def run_kiosk(venue_id: str | None = None, *, windowed: bool = False) -> int:
    from kiosk.start_settings import start_settings

    # checked against the schema, bad values reported and safe defaults used; the outcome is
    # cached for this exact file, so a start without changes imports no pydantic
    settings = start_settings()
    venue = get_venue(venue_id or settings.venue)  # an unknown --venue is reported at once
    check_display()
    # stderr now, kiosk.log once the first frame is painted (what is logged until then is held
    # and written first): the rotating file's module costs the first paint ~8 ms
    open_log = logs.configure_held(data_dir() / "kiosk.log")
    for problem in settings.problems:
        log.warning("settings: %s (the default is used)", problem)
    from PySide6.QtWidgets import QApplication

    from ui.watchdog import Watchdog
    from ui.window import KioskWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_font()
    lang = settings.languages[0]
    try:
        window = KioskWindow(venue, lang, idle_timeout_s=settings.idle_timeout_s)
    except BaseException:
        open_log()  # what was held reaches the file before the failure is reported
        raise
    window.prepared.connect(open_log)
    window.session.default_lang = lang
    window.langBar.offer(settings.languages)
    install_excepthook(window)
    window.exitRequested.connect(app.quit)
    checkpointers: list[Any] = []  # kiosk.ledger.Checkpointer, imported once the ledger is ready

    def start_checkpointer() -> None:  # only once the ledger exists: it never creates one
        if not checkpointers:
            from kiosk.ledger import Checkpointer

            checkpointers.append(Checkpointer(default_ledger()))
            checkpointers[0].start()

    window.ledgerReady.connect(start_checkpointer)
    watchdog = Watchdog(window)
    if windowed:
        window.resize(1280, 720)
        window.show()
    else:
        from PySide6.QtCore import Qt

        window.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        window.showFullScreen()
    watchdog.start()
    try:
        return app.exec()
    finally:
        for checkpointer in checkpointers:
            checkpointer.stop()
