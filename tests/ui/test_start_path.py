"""Issue 19: what the kiosk loads before its first frame. A start with an unchanged settings
file paints the attract screen without pydantic, sqlite-utils, the certificate and signing
stack, the printer library, the QR encoder, the rotating log file's module, or the scenarios
and the factor table (the venue comes checked from the table cache, the attract screen's
scenario names with it) (each costs the first paint milliseconds to tens of ms; they load
when first used, after it), and with no screen built (or its module imported) but the attract
screen: the others are built once it is painted. Checked in new processes, as `diandian
kiosk` starts."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import processes_in_turn

HEAVY = (
    "pydantic",
    "sqlite_utils",
    "cryptography",
    "cbor2",
    "escpos",
    "segno",
    "tomlkit",
    "logging.handlers",
    "kiosk.scenarios",
    "kiosk.factors",
)
START = f"""
import json, sys, time
import ui.window
from kiosk.start_settings import start_settings
from kiosk.venues import get_venue
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from ui.app import load_font
from ui.window import KioskWindow

# On a loaded machine the first frame can come later than the fallback that opens the ledger
# anyway (ui.window.PREPARE_LATEST_MS), and that work runs in a worker thread: what it imports
# would then show up here by chance. So the fallback waits, and the modules are read inside the
# first paint event itself, before the window queues its own after-paint work.
ui.window.PREPARE_LATEST_MS = 600_000
seen = []

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not seen:
            screens = sorted(m for m in sys.modules if m.startswith("ui.screens."))
            built = [sorted(window.built), window.stack.count(), screens]
            seen.append([[m for m in {HEAVY!r} if m in sys.modules], built])
        return False

settings = start_settings()
app = QApplication(sys.argv[:1])
load_font()
window = KioskWindow(get_venue(settings.venue), settings.languages[0])
first_paint = FirstPaint()
window.attract.installEventFilter(first_paint)
window.resize(1280, 800)
window.show()
while not seen:
    app.processEvents()
    window.repaint()
first = [window.current() is window.attract, *seen[0]]
deadline = time.monotonic() + 120  # a bound for a loaded machine, not a measure
while len(window.built) < 1 + len(window.LAZY) and time.monotonic() < deadline:
    app.processEvents()  # the other screens, one per turn of the event loop
    time.sleep(0.001)
everything = sorted(window.built) == sorted(["attract", *window.LAZY])
print(json.dumps([first, [everything, window.stack.count()]]))
window.allow_close = True
window.close()
"""


def test_the_first_frame_loads_nothing_heavy(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(parents=True, exist_ok=True)
    (home / "diandian.toml").write_text('[kiosk]\nvenue = "demo-expo"\n', encoding="utf-8")
    first, second = processes_in_turn(
        START, 2, tmp_path / "cache", DIANDIAN_HOME=str(home), QT_QPA_PLATFORM="offscreen"
    )
    only_attract = [["attract"], 1, ["ui.screens.attract", "ui.screens.base"]]
    # the settings and the venues checked in full once (a new table cache), then kept
    assert first[0] == [True, ["pydantic", "kiosk.scenarios"], only_attract]
    assert second[0] == [True, [], only_attract]
    assert first[1] == second[1] == [True, 13]  # then every other screen, after the first frame
