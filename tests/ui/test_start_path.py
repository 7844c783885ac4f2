"""Issue 19: what the kiosk loads before its first frame. A start with an unchanged settings
file paints the attract screen without pydantic, sqlite-utils, the certificate and signing
stack, the printer library or the QR encoder (each costs the first paint tens of ms; they load
when first used, after it). Checked in new processes, as `diandian kiosk` starts."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import processes_in_turn

HEAVY = ("pydantic", "sqlite_utils", "cryptography", "cbor2", "escpos", "segno", "tomlkit")
START = f"""
import json, sys
from kiosk.start_settings import start_settings
from kiosk.venues import get_venue
from PySide6.QtWidgets import QApplication
from ui.app import load_font
from ui.window import KioskWindow
settings = start_settings()
app = QApplication(sys.argv[:1])
load_font()
window = KioskWindow(get_venue(settings.venue), settings.languages[0])
window.resize(1280, 800)
window.show()
app.processEvents()
window.repaint()
print(json.dumps([window.current() is window.attract, [m for m in {HEAVY!r} if m in sys.modules]]))
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
    assert first == [True, ["pydantic"]]  # the settings checked once, then kept
    assert second == [True, []]
