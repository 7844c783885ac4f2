"""`make screenshots`: drive a real kiosk window headless through every screen (tools/autopilot
`tour`) at the three sizes kiosks ship with, 1280x800, 1920x1080 and 1080x1920, in Chinese and
English (and French for the attract, result and certificate screens), writing
docs/screens/NN-<screen>-<lang>-<W>x<H>.png.

Runs on a throw-away ledger in a temporary DIANDIAN_HOME, with the slip "printed" to a file.
    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HOME = Path(tempfile.mkdtemp(prefix="diandian-shots-"))
os.environ["DIANDIAN_HOME"] = str(HOME)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
(HOME / "diandian.toml").write_text(
    f'[printer]\nkind = "file"\npath = "{HOME / "slip.bin"}"\n', encoding="utf-8"
)

from autopilot import Autopilot, tour  # noqa: E402 (tools/autopilot.py)
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk import accounts  # noqa: E402
from kiosk.ledger import Ledger  # noqa: E402
from kiosk.paths import default_ledger  # noqa: E402
from kiosk.payment import SimulatedTerminal  # noqa: E402
from kiosk.venues import get_venue  # noqa: E402
from ui.app import load_font  # noqa: E402
from ui.window import KioskWindow  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screens"
SIZES = ((1280, 800), (1920, 1080), (1080, 1920))
STAFF = ("Demo admin", "2468")
FRENCH = ("attract", "result", "certificate")  # French is shown for these only
WINDOWS: list[KioskWindow] = []  # kept until the process ends: Qt frees them last


def run(lang: str, size: tuple[int, int], only: tuple[str, ...] = ()) -> None:
    window = KioskWindow(
        get_venue("demo-expo"),
        lang=lang,
        terminal=SimulatedTerminal(delay_s=0),
        poll_ms=50,
        idle_timeout_s=3600,
    )
    window.session.default_lang = lang
    window.resize(*size)
    window.show()
    pilot = Autopilot(window)
    pilot.settle()
    tag = f"{lang}-{size[0]}x{size[1]}"
    for number, screen in enumerate(tour(pilot, STAFF), start=1):
        if only and screen not in only:
            continue
        pilot.settle()
        QApplication.processEvents()
        path = OUT / f"{number:02d}-{screen}-{tag}.png"
        image = window.grab()
        image.save(str(path))
        print(f"wrote {path} ({image.width()}x{image.height()})")
    window.allow_close = True
    window.close()
    WINDOWS.append(window)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_font()
    with Ledger.open(default_ledger()) as ledger:
        accounts.create(ledger, STAFF[0], "admin", STAFF[1], actor="screenshots")
    for size in SIZES:
        for lang in ("zh", "en"):
            run(lang, size)
        run("fr", size, FRENCH)
    app.processEvents()


if __name__ == "__main__":
    main()
