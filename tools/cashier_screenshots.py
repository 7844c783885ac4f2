"""PNGs of the cashier console, headless (`grab()`), into docs/screens/cashier-*.png.

Runs on a throw-away ledger with a few orders, a cashier and an admin; the printer is a file.
    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/cashier_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

HOME = Path(tempfile.mkdtemp(prefix="diandian-cashier-shots-"))
os.environ["DIANDIAN_HOME"] = str(HOME)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
(HOME / "diandian.toml").write_text(
    f'[printer]\nkind = "file"\npath = "{HOME / "slip.bin"}"\n', encoding="utf-8"
)

from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk import accounts  # noqa: E402
from kiosk.catalogue import load_demo_catalogue  # noqa: E402
from kiosk.footprint import compute  # noqa: E402
from kiosk.ledger import Ledger  # noqa: E402
from kiosk.paths import default_ledger  # noqa: E402
from ui.app import load_font  # noqa: E402
from ui.autopilot import wait_until  # noqa: E402
from ui.cashier.window import CashierWindow  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screens"


def seed(path: Path) -> list[str]:
    footprint = compute("meal", {"mixed_meals": "3"})
    codes = []
    with Ledger.open(path) as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        accounts.create(ledger, "Li Na", "cashier", "1357", actor="setup")
        accounts.create(ledger, "Wang", "admin", "2468", actor="setup")
        for grams, method in ((120_000, "cash"), (80_000, "card"), (300_000, "mobile")):
            order = ledger.open_order(footprint, project_id="demo-wetland", offset_g=grams)
            ledger.pay(order.id, method=method, cashier="Li Na")
        for grams in (150_000, 60_000):
            codes.append(
                ledger.open_order(footprint, project_id="demo-wetland", offset_g=grams).code
            )
    return codes


def settle(window: CashierWindow) -> None:
    """Queued jobs done and their results (and the jobs those start) delivered."""
    for _ in range(3):
        window.ctx.workers.wait()
        end = time.monotonic() + 0.15
        while time.monotonic() < end:
            QApplication.processEvents()


def shoot(window: CashierWindow, name: str) -> None:
    settle(window)
    window.grab().save(str(OUT / f"cashier-{name}.png"))
    print("wrote", OUT / f"cashier-{name}.png")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_font()
    codes = seed(default_ledger())
    window = CashierWindow(default_ledger(), refresh_ms=60_000)
    window.resize(1280, 800)
    window.show()
    settle(window)
    window.signin.cmbAccount.setCurrentText("Li Na")
    shoot(window, "signin")
    window.signin.edtPin.setText("1357")
    window.signin.submit()
    wait_until(lambda: window.ctx.account is not None)
    orders = window.orders
    assert orders is not None
    orders.edtScan.setText(codes[0])
    orders.scan()
    wait_until(lambda: orders.selected is not None)
    orders.edtTendered.setText("20")
    shoot(window, "orders")
    window.show_panel("slips")
    shoot(window, "slips")
    window.show_panel("report")
    shoot(window, "report")
    window.sign_out()
    window.signin.cmbAccount.setCurrentText("Wang")
    window.signin.edtPin.setText("2468")
    window.signin.submit()
    wait_until(lambda: window.ctx.account is not None)
    window.show_panel("admin")
    shoot(window, "admin")
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
