"""systemd's watchdog, pinged from the UI thread: if the UI freezes, the pings stop and systemd
restarts the kiosk (`Type=notify`, `WatchdogSec=` in resources/systemd/diandian-kiosk.service).

The sd_notify protocol is one datagram to $NOTIFY_SOCKET; a few lines here, no dependency.
Outside systemd (no NOTIFY_SOCKET) everything is a no-op.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer

DEFAULT_INTERVAL_MS = 5_000


def notify(message: str, environ: Mapping[str, str] = os.environ) -> bool:
    """Send one sd_notify message ("READY=1", "WATCHDOG=1"...); False when not under systemd."""
    address = environ.get("NOTIFY_SOCKET", "")
    if not address:
        return False
    if address.startswith("@"):  # abstract namespace
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(message.encode())
    except OSError:
        return False
    return True


def interval_ms(environ: Mapping[str, str] = os.environ) -> int:
    """Half of WatchdogSec (systemd passes it as WATCHDOG_USEC), as systemd recommends."""
    try:
        usec = int(environ.get("WATCHDOG_USEC", "0"))
    except ValueError:
        usec = 0
    return max(500, usec // 2000) if usec > 0 else DEFAULT_INTERVAL_MS


class Watchdog(QObject):
    """READY=1 once the first screen shows, then WATCHDOG=1 from a UI-thread timer."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms())
        self.timer.timeout.connect(self.ping)
        self.pings = 0

    def start(self) -> None:
        notify("READY=1")
        self.timer.start()

    def ping(self) -> None:
        if notify("WATCHDOG=1"):
            self.pings += 1
