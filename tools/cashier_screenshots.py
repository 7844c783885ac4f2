"""PNGs of the cashier console, headless (`grab()`), into docs/screens/cashier-*.png (English)
and cashier-*-zh.png (Chinese).

Runs on a throw-away ledger with a few orders, a cashier and an admin (one local price and one
local factor set); the printer is a file.
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

from decimal import Decimal  # noqa: E402

from autopilot import wait_until  # noqa: E402 (tools/autopilot.py)
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk import accounts  # noqa: E402
from kiosk.catalogue import load_demo_catalogue  # noqa: E402
from kiosk.factors import LocalFactor  # noqa: E402
from kiosk.footprint import compute  # noqa: E402
from kiosk.ledger import Ledger, overrides  # noqa: E402
from kiosk.ledger.backup import backup  # noqa: E402
from kiosk.paths import default_ledger  # noqa: E402
from ui.app import load_font  # noqa: E402
from ui.cashier.window import CashierWindow  # noqa: E402
from ui.i18n import Translations  # noqa: E402

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
        overrides.set_price(ledger, "demo-wetland", 9_000, "opening week offer", "Wang")
        local = LocalFactor(
            factor_id="meal_mixed",
            kg_per_unit=Decimal("1.62"),
            publisher="Example Canteen Survey (demo)",
            dataset="Measured menu footprints",
            year=2026,
            url="https://example.org/canteen-survey",
            reason="this venue's own menu",
        )
        overrides.set_factor(ledger, local, "Wang")
    (path.parent / "backups").mkdir()
    backup(path, path.parent / "backups", keep=14)  # so the admin tab lists one to restore
    with Ledger.open(path) as ledger:  # paid after the backup: the restore plan lists it
        order = ledger.open_order(footprint, project_id="demo-wetland", offset_g=90_000)
        ledger.pay(order.id, method="card", cashier="Li Na")
    return codes


def settle(window: CashierWindow) -> None:
    """Queued jobs done and their results (and the jobs those start) delivered."""
    for _ in range(3):
        window.ctx.workers.wait()
        end = time.monotonic() + 0.15
        while time.monotonic() < end:
            QApplication.processEvents()


def shoot(window: CashierWindow, name: str, suffix: str) -> None:
    settle(window)
    path = OUT / f"cashier-{name}{suffix}.png"
    window.grab().save(str(path))
    print("wrote", path)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_font()
    codes = seed(default_ledger())
    translations = Translations(app)
    windows = []  # kept until the end: a closed window collected by Python mid-run crashes Qt
    for lang, suffix in (("en", ""), ("zh", "-zh")):
        translations.use(lang)
        windows.append(tour(codes, suffix))
    for window in windows:
        settle(window)
        window.close()  # finishes its workers' jobs
    app.processEvents()
    return 0


def sign_in(window: CashierWindow, name: str, pin: str) -> None:
    window.signin.cmbAccount.setCurrentText(name)
    window.signin.edtPin.setText(pin)
    window.signin.submit()
    wait_until(lambda: window.ctx.account is not None)


def shoot_restore_plan(window: CashierWindow, suffix: str) -> None:
    restore = window.panels["admin"].restore  # type: ignore[attr-defined]
    restore.lstBackups.setCurrentRow(0)
    restore.restore_selected()
    wait_until(lambda: restore.dialog is not None and restore.dialog.isVisible(), 20)
    settle(window)
    path = OUT / f"cashier-restore{suffix}.png"
    restore.dialog.grab().save(str(path))
    print("wrote", path)
    restore.dialog.reject()


def tour(codes: list[str], suffix: str) -> CashierWindow:
    window = CashierWindow(default_ledger(), refresh_ms=60_000)
    window.resize(1280, 800)
    window.show()
    settle(window)
    window.signin.cmbAccount.setCurrentText("Li Na")
    shoot(window, "signin", suffix)
    sign_in(window, "Li Na", "1357")
    orders = window.orders
    assert orders is not None
    orders.edtScan.setText(codes[0])
    orders.scan()
    wait_until(lambda: orders.selected is not None)
    orders.edtTendered.setText("20")
    shoot(window, "orders", suffix)
    for panel in ("slips", "report", "printer"):
        window.show_panel(panel)
        shoot(window, panel, suffix)
    window.sign_out()
    sign_in(window, "Wang", "2468")
    for panel in ("admin", "prices"):
        window.show_panel(panel)
        shoot(window, panel, suffix)
        if panel == "admin":
            shoot_restore_plan(window, suffix)
    factors = window.show_panel("factors")
    settle(window)
    factors.edtFilter.setText("meal")  # type: ignore[attr-defined]
    shoot(window, "factors", suffix)
    window.sign_out()
    window.hide()
    return window


if __name__ == "__main__":
    sys.exit(main())
