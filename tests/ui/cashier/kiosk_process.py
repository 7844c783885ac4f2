"""The kiosk in its own process for the two-process test: a real KioskWindow (headless) walks
a customer to the order screen, prints `waiting CODE`, then waits for the cashier's payment
(made by the console in the test's process) and prints `paid SERIAL` from the paid screen."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from kiosk.venues import get_venue
from tools.autopilot import Autopilot, wait_until
from ui.window import KioskWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = KioskWindow(get_venue("demo-expo"), terminal=None, poll_ms=50, idle_timeout_s=600)
    window.resize(1920, 1080)
    window.show()
    pilot = Autopilot(window)
    pilot.settle()
    pilot.to_result("meal")
    pilot.to_projects()
    order = pilot.to_order()
    print("waiting", order.code, flush=True)
    wait_until(lambda: window.current().objectName() in ("paidScreen", "certificateScreen"), 60)
    paid = window.session.order
    print("paid", paid.serial if paid else "?", flush=True)
    window.allow_close = True
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
