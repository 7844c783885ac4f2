"""The kiosk's main window: a header (brand, progress, languages) over a stack of screens.

It owns navigation, the language, the idle timer and the kiosk guard; the customer flow itself
(what each screen's signal leads to) is `ui.flow.CustomerFlow`, and what staff do after the
hidden gesture (sign-in, the staff screen, the cashier console) is `ui.staff_handover`.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.paths import default_ledger
from kiosk.payment import PaymentTerminal, configured_terminal
from kiosk.session import CustomerSession
from kiosk.timestamps import utc_now
from kiosk.venues import Venue
from ui import fmt
from ui.flow import CustomerFlow
from ui.guard import IdleTimer, KioskGuard
from ui.i18n import DEFAULT, Translations
from ui.screens.attract import AttractScreen
from ui.screens.base import Screen, label
from ui.staff_handover import StaffHandOver
from ui.style import Metrics, metrics_for, set_role, stylesheet
from ui.widgets.idleprompt import IdlePrompt
from ui.widgets.langbar import LangBar
from ui.widgets.progress import StepIndicator
from ui.workers import Workers

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from ui.screens.certificate import CertificateScreen
    from ui.screens.nickname import NicknameScreen
    from ui.screens.order import OrderScreen
    from ui.screens.outofservice import OutOfServiceScreen
    from ui.screens.paid import PaidScreen
    from ui.screens.project import ProjectScreen
    from ui.screens.question import QuestionScreen
    from ui.screens.ranking import RankingScreen
    from ui.screens.result import ResultScreen
    from ui.screens.scenario import ScenarioScreen
    from ui.screens.staff import StaffScreen
    from ui.screens.staffsignin import StaffSignInScreen

PROMPT_S = 15  # how long "are you still there?" waits before starting over
PREPARE_LATEST_MS = 1000  # the ledger is opened after the first frame, or after this
log = logging.getLogger(__name__)
_CONFIGURED = object()
S = TypeVar("S", bound=Screen)


class _Lazy(Generic[S]):
    """A screen the window builds on first use (its module imported then too). Only the attract
    screen is built before the first frame: building and importing the other twelve cost the
    first paint about half its time. The rest are built one per turn of the event loop once
    the attract screen is painted (`KioskWindow._build_next`), so a visitor's first tap
    rarely meets an unbuilt screen, and never waits for more than the one it opens."""

    def __init__(self, module: str, cls: str) -> None:
        self.module, self.cls = module, cls
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, window: None, owner: type) -> _Lazy[S]: ...
    @overload
    def __get__(self, window: KioskWindow, owner: type) -> S: ...
    def __get__(self, window: KioskWindow | None, owner: type) -> _Lazy[S] | S:
        if window is None:
            return self
        screen = window.built.get(self.name)
        if screen is None:
            screen = window._make(self)
        return screen  # type: ignore[return-value]


class KioskWindow(StaffHandOver, QMainWindow):
    """Owns navigation between screens; screens only emit signals."""

    screenChanged = Signal(str)  # the new screen's objectName
    exitRequested = Signal()  # an admin chose "exit kiosk mode"
    ledgerReady = Signal()  # the ledger opened and checked (at start and after a retry)
    # the first frame is painted (or PREPARE_LATEST_MS passed, or a tap came first): what
    # waited for it may start (the ledger, the payment terminal, the kiosk.log file)
    prepared = Signal()

    # in the order they are built after the first frame: the visitor's path first
    scenario: _Lazy[ScenarioScreen] = _Lazy("ui.screens.scenario", "ScenarioScreen")
    question: _Lazy[QuestionScreen] = _Lazy("ui.screens.question", "QuestionScreen")
    result: _Lazy[ResultScreen] = _Lazy("ui.screens.result", "ResultScreen")
    project: _Lazy[ProjectScreen] = _Lazy("ui.screens.project", "ProjectScreen")
    nickname: _Lazy[NicknameScreen] = _Lazy("ui.screens.nickname", "NicknameScreen")
    order: _Lazy[OrderScreen] = _Lazy("ui.screens.order", "OrderScreen")
    paid: _Lazy[PaidScreen] = _Lazy("ui.screens.paid", "PaidScreen")
    certificate: _Lazy[CertificateScreen] = _Lazy("ui.screens.certificate", "CertificateScreen")
    ranking: _Lazy[RankingScreen] = _Lazy("ui.screens.ranking", "RankingScreen")
    outOfService: _Lazy[OutOfServiceScreen] = _Lazy("ui.screens.outofservice", "OutOfServiceScreen")
    staffSignIn: _Lazy[StaffSignInScreen] = _Lazy("ui.screens.staffsignin", "StaffSignInScreen")
    staff: _Lazy[StaffScreen] = _Lazy("ui.screens.staff", "StaffScreen")
    LAZY = (
        "scenario",
        "question",
        "result",
        "project",
        "nickname",
        "order",
        "paid",
        "certificate",
        "ranking",
        "outOfService",
        "staffSignIn",
        "staff",
    )

    def __init__(
        self,
        venue: Venue,
        lang: str = DEFAULT,
        *,
        ledger_path: Path | None = None,
        idle_timeout_s: float | None = None,
        prompt_s: float = PROMPT_S,
        terminal: PaymentTerminal | object | None = _CONFIGURED,
        poll_ms: int = 300,
        sweep_ms: int = 60_000,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        super().__init__()
        self.setObjectName("kioskWindow")
        self.setWindowTitle("Diandian")
        self.venue = venue
        self.allow_close = False
        self.metrics: Metrics | None = None
        self.translations = Translations(self)
        self.session = CustomerSession(venue, lang=lang)
        self.workers = Workers(ledger_path or default_ledger(), clock=clock)  # the ledger's time
        self._damaged: BaseException | None = None  # what the background check found
        self._damaged_at = 0  # the writer's generation then (see _check_cleared)
        self.workers.checkFailed.connect(self._check_failed)
        self.ledgerReady.connect(self._check_cleared)
        # the configured terminal is read once the first frame is painted (with the ledger):
        # its settings schema (pydantic) costs the first paint a tenth of a second
        self._terminal_pending = terminal is _CONFIGURED
        self.terminal = None if terminal is _CONFIGURED else terminal
        self._build(venue, lang)
        # Watches every event of the app, from the first frame on (_prepare): installed sooner,
        # it met the first frame's events for Qt's own objects (the style's, the layouts'),
        # and PySide, finding each a Python type, made every widget class's enums (about 170
        # Python enums, a tenth of the first paint). Nothing can be tapped before that frame.
        self.guard = KioskGuard(self)
        timeout = venue.idle_timeout_s if idle_timeout_s is None else idle_timeout_s
        self.idle = IdleTimer(timeout, prompt_s, parent=self)
        self.guard.activity.connect(self._activity)
        self.guard.gestureMade.connect(self.open_staff)
        self.idle.prompted.connect(self._prompt)
        self.idle.expired.connect(lambda: self.flow.timed_out())
        self.prompt.stayed.connect(self._activity)
        self.flow = CustomerFlow(self, poll_ms=poll_ms, sweep_ms=sweep_ms)
        self._wire_staff()
        self._wired = True
        for name in list(self.built):
            self._wire(name)
        self.set_language(lang)
        self.apply_metrics(1920, 1080)
        self.go(self.attract)
        # The ledger is opened and checked (sqlite-utils, the signing key) once the first frame
        # is painted: started sooner, that work takes the GIL from the first paint. A visitor
        # who taps before that (or a window never painted) starts it at once.
        self._prepare_pending = True
        self.attract.installEventFilter(self)
        QTimer.singleShot(PREPARE_LATEST_MS, self._prepare)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.attract and event.type() == QEvent.Type.Paint:
            self.attract.removeEventFilter(self)
            QTimer.singleShot(0, self._prepare)  # queued: runs once this frame is painted
            QTimer.singleShot(0, self, self._build_next)  # dropped if the window goes
        return False

    def _build_next(self) -> None:
        """Build the next screen not yet built, then queue the one after: one screen per turn
        of the event loop, so a tap meanwhile is answered after one screen, not twelve."""
        if self._closed:
            return
        for name in self.LAZY:
            if name not in self.built:
                getattr(self, name)
                QTimer.singleShot(0, self, self._build_next)  # dropped if the window goes
                return

    def build_screens(self) -> None:
        """Build every screen now (tests and tools that look through all of them)."""
        for name in self.LAZY:
            getattr(self, name)

    def _make(self, lazy: _Lazy[Any]) -> Screen:
        """Build a lazy screen and give it what the built ones already have: its place in the
        stack, the language, the sizes and the flow's and the staff's connections."""
        screen: Screen = getattr(importlib.import_module(lazy.module), lazy.cls)(
            *((self.venue,) if lazy.name == "scenario" else ())
        )
        self.built[lazy.name] = screen
        self.screens.append(screen)
        self.stack.addWidget(screen)
        if self._wired:  # as at start: connections, then the language and sizes
            self._wire(lazy.name)
        screen.set_language(self.session.lang)
        if self.metrics is not None:
            screen.set_metrics(self.metrics)
        return screen

    def _wire(self, name: str) -> None:
        self.flow.wire(name)
        if name == "staffSignIn":
            self.staffSignIn.signInRequested.connect(self._sign_in)
            self.staffSignIn.cancelRequested.connect(self.resume_customer)
        elif name == "staff":
            self.staff.doneRequested.connect(self.leave_staff)
            self.staff.resumeRequested.connect(self.resume_customer)
            self.staff.exitRequested.connect(self.exit_kiosk)
            self.staff.add_tool("cashier", self.open_cashier)

    def _prepare(self) -> None:
        if self._prepare_pending:
            self._prepare_pending = False
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self.guard)
            self.prepared.emit()
            if self._terminal_pending:
                self._terminal_pending = False
                self.terminal = configured_terminal()
            self.flow.prepare()

    def _build(self, venue: Venue, lang: str) -> None:
        """The frame around the screens and the attract screen; the others on first use."""
        self._closed = False
        self._wired = False
        self.attract = AttractScreen(venue, lang)
        self.built: dict[str, Screen] = {"attract": self.attract}
        self.screens: list[Screen] = [self.attract]  # the screens built so far
        self.stack = QStackedWidget()
        self.stack.addWidget(self.attract)
        self.header = QFrame()
        self.header.setObjectName("header")
        set_role(self.header, "header")
        self.lblBrand = label("lblBrand", "brand", wrap=False)
        self.steps = StepIndicator()
        self.langBar = LangBar()
        self.langBar.languageChosen.connect(self.set_language)
        bar = QHBoxLayout(self.header)
        bar.setContentsMargins(32, 6, 32, 6)
        bar.setSpacing(32)
        bar.addWidget(self.lblBrand)
        bar.addWidget(self.steps, 1)
        bar.addWidget(self.langBar)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.prompt = IdlePrompt(central)
        # The screens' layouts would otherwise set the minimum, from sizes made for the window's
        # first size: the window follows its screen (1280x800 too), and the sizes follow it.
        self.setMinimumSize(640, 400)

    # -- navigation, language, size -------------------------------------------------------------

    def current(self) -> Screen:
        return self.stack.currentWidget()  # type: ignore[return-value]

    def go(self, screen: Screen) -> None:
        if screen is self.attract and self._damaged is not None:
            self.fail(self._damaged)  # the customer before was let finish; no new one starts
            return
        if screen is not self.attract:
            self._prepare()  # every other screen may need the ledger
        self.prompt.hide()
        self.stack.setCurrentWidget(screen)
        self.steps.set_step(screen.step if screen.step is not None else -1)
        # the attract screen never times out, except to give the next visitor the default
        # language back after a visitor went back to it in theirs
        other_language = screen is self.attract and self.session.lang != self.session.default_lang
        self.idle.set_enabled(screen.idle_factor > 0 or other_language, screen.idle_factor or 1.0)
        screen.entered()
        self.screenChanged.emit(screen.objectName())

    def _prompt(self, seconds: int) -> None:
        """ "Are you still there?", saying what happens to an order shown on the screen."""
        if self.current() is self.attract:
            return  # only the language goes back to the default: nothing to ask
        order = self.session.order
        if self.current() is self.order and order is not None and order.expires_at:
            self.prompt.set_order(fmt.code(order.code), fmt.local_time(order.expires_at))
        else:
            self.prompt.set_order("", "")
        self.prompt.show_countdown(seconds)

    def set_language(self, lang: str) -> None:
        """Switch every screen's language; the customer's answers are kept."""
        self.translations.use(lang)
        self.session.lang = lang
        self.langBar.set_current(lang)
        self.lblBrand.setText(self.tr("Diandian · carbon neutral"))
        self.steps.set_labels(
            [
                self.tr("Scenario"),
                self.tr("Questions"),
                self.tr("Result"),
                self.tr("Project"),
                self.tr("Name"),
                self.tr("Payment"),
                self.tr("Certificate"),
            ]
        )
        self.prompt.retranslate()
        for screen in self.screens:
            screen.set_language(lang)

    def apply_metrics(self, width: int, height: int) -> None:
        """Size everything for this screen. Setting the style sheet restyles every widget of
        the screens built (tens of milliseconds): it is done again only when the sizes change, not
        when the first resize confirms the size the window was built for."""
        metrics = metrics_for(width, height, self.screen())
        if metrics == self.metrics:
            return
        self.metrics = metrics
        self.setStyleSheet(stylesheet(metrics))
        self.steps.set_scale(metrics.u)
        for screen in self.screens:
            screen.set_metrics(metrics)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = event.size()
        old = event.oldSize()
        short = min(size.width(), size.height())
        if (
            old.width() <= 0
            or (old.height() > old.width()) != (size.height() > size.width())
            or abs(min(old.width(), old.height()) - short) > 2
        ):
            self.apply_metrics(size.width(), size.height())
        if self.prompt.isVisible():
            self.prompt.setGeometry(self.centralWidget().rect())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.allow_close:
            event.ignore()  # a customer cannot close the kiosk
            return
        self._closed = True  # no more screens built in the background
        self.flow.stop()
        if self.cashier is not None:
            self.cashier.close()
            self.cashier = None
        self.workers.shutdown()
        self.translations.use("en")  # the app's translator leaves with its window
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.guard)
        super().closeEvent(event)

    def _activity(self) -> None:
        self.idle.touch()
        self.prompt.hide()

    # -- failures ---------------------------------------------------------------------------

    def _check_failed(self, exc: BaseException) -> None:
        """The daily whole-file check, run beside the sales, found the ledger damaged: out of
        service now, or once the customer at the screen is done (their sale is not cut off
        half-way); the ledger's record makes the next start check again and refuse."""
        self._damaged = exc
        self._damaged_at = self.workers.generation
        if self.current() is self.attract:
            self.fail(exc)

    def _check_cleared(self) -> None:
        """Ready again: cleared once the ledger was reopened since the failure (a retry, after
        a restore, say: that open checked the whole file first, as the failure left it due),
        not by the start's own "ready", which may come after the check's failure."""
        if self._damaged is not None and self.workers.generation > self._damaged_at:
            self._damaged = None

    def fail(self, exc: BaseException) -> None:
        """Any failure the customer meets: a friendly page with a way back, never a traceback."""
        from kiosk.ledger import LedgerUnavailable  # sqlite3: not for the first frame

        self.flow.stop()
        if isinstance(exc, LedgerUnavailable):
            log.error("ledger unavailable: %s", exc)  # the path and details, for staff
            self.outOfService.show_problem("ledger", exc.code or "failed")
        else:
            log.error("unexpected failure", exc_info=(type(exc), exc, exc.__traceback__))
            self.outOfService.show_problem("internal")
        self.go(self.outOfService)
