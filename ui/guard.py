"""What keeps a public kiosk a kiosk: shortcuts that would leave the app are swallowed, any
touch counts as activity for the idle timer, and five taps in the top-left corner within
three seconds ask for a staff PIN (the hidden gesture)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

TAPS = 5
TAP_WINDOW_S = 3.0
CORNER_FRACTION = 0.08  # of the window's shorter side
_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}
_KEYS = {QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride}
_ESCAPE_KEYS = {
    Qt.Key.Key_Escape,
    Qt.Key.Key_F4,
    Qt.Key.Key_Q,
    Qt.Key.Key_W,
    Qt.Key.Key_F11,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
    Qt.Key.Key_Meta,
}
Clock = Callable[[], float]


def leaves_app(event: QKeyEvent) -> bool:
    """Alt+F4, Ctrl+Q, Ctrl+W, Escape, F11, Alt+Tab, the Super key..."""
    key = Qt.Key(event.key())
    mods = event.modifiers()
    if key in (
        Qt.Key.Key_Escape,
        Qt.Key.Key_F11,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_Meta,
    ):
        return True
    alt_or_ctrl = mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier)
    return bool(alt_or_ctrl) and key in _ESCAPE_KEYS


class KioskGuard(QObject):
    """An application-wide event filter; install it with `app.installEventFilter(guard)`."""

    activity = Signal()
    gestureMade = Signal()

    def __init__(self, window: QWidget, clock: Clock = time.monotonic) -> None:
        super().__init__(window)
        self.window, self.clock = window, clock
        self.taps: list[float] = []
        self.blocked = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _KEYS and isinstance(event, QKeyEvent) and leaves_app(event):
            self.blocked += 1
            return True
        if kind in _ACTIVITY:
            self.activity.emit()
            if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
                self._tap(event.globalPosition().toPoint())
            elif kind == QEvent.Type.TouchBegin and isinstance(event, QTouchEvent):
                points = event.points()
                if points:
                    self._tap(points[0].globalPosition().toPoint())
        return False

    def in_corner(self, global_pos: QPoint) -> bool:
        pos = self.window.mapFromGlobal(global_pos)
        side = max(48, int(min(self.window.width(), self.window.height()) * CORNER_FRACTION))
        return 0 <= pos.x() < side and 0 <= pos.y() < side

    def _tap(self, global_pos: QPoint) -> None:
        if not self.in_corner(global_pos):
            return
        now = self.clock()
        self.taps = [t for t in self.taps if now - t <= TAP_WINDOW_S] + [now]
        if len(self.taps) >= TAPS:
            self.taps.clear()
            self.gestureMade.emit()


class IdleTimer(QObject):
    """After `timeout_s` without activity: `prompted`; `prompt_s` later still idle: `expired`."""

    prompted = Signal(int)  # seconds left
    expired = Signal()

    def __init__(
        self,
        timeout_s: float,
        prompt_s: float,
        clock: Clock = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.timeout_s, self.prompt_s, self.clock = timeout_s, prompt_s, clock
        self.factor = 1.0  # the order screen waits longer: the customer may be at the counter
        self.enabled = False
        self.prompting = False
        self.last = clock()
        self.timer = QTimer(self)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def touch(self) -> None:
        self.last = self.clock()
        self.prompting = False

    def set_enabled(self, enabled: bool, factor: float = 1.0) -> None:
        self.enabled, self.factor = enabled, factor
        self.touch()

    def seconds_left(self) -> int:
        idle = self.clock() - self.last
        return max(0, round(self.timeout_s * self.factor + self.prompt_s - idle))

    def _tick(self) -> None:
        if not self.enabled:
            return
        idle = self.clock() - self.last
        limit = self.timeout_s * self.factor
        if idle >= limit + self.prompt_s:
            self.enabled = self.prompting = False
            self.expired.emit()
        elif idle >= limit:
            self.prompting = True
            self.prompted.emit(self.seconds_left())
