"""The customer flow: what each screen's signal leads to. It keeps the visit in a
`CustomerSession` (core), runs every ledger change on the writer thread and every slow read,
render or print on the pool, and moves the window from screen to screen. The steps live by
stage: here the start, home, failures and the order; the questions in `ui.flow_questions`, the
payment, certificate and ranking in `ui.flow_payment`."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.order_state import OrderState
from kiosk.session import LIFESTYLE
from ui.flow_payment import PaymentSteps
from ui.flow_questions import EVENT, QuestionSteps

# kiosk.checkout, kiosk.payment and kiosk.ranking (and the ledger's store, the certificates, the
# event and slip modules behind them) are imported by the methods that use them, not here: this
# module is imported before the first frame, and they cost it tens of milliseconds.
if TYPE_CHECKING:
    from kiosk import checkout
    from kiosk.factors import FactorTable
    from kiosk.footprint import Footprint
    from kiosk.ledger import Order, Stock
    from kiosk.venue_events import Running
    from ui.window import KioskWindow

PAID_MIN_S = 1.5  # the "payment received" page stays at least this long
SWEEP_MS = 60_000  # how often unpaid orders past their hold give their grams back
log = logging.getLogger(__name__)


class CustomerFlow(QuestionSteps, PaymentSteps, QObject):
    def __init__(self, window: KioskWindow, poll_ms: int = 300, sweep_ms: int = SWEEP_MS) -> None:
        super().__init__(window)
        self.w = window
        self.session = window.session
        self.key: Any = None
        self.page = 0
        self.invalid = False
        self.footprint: Footprint | None = None
        self.polling = False
        self.paid_at = 0.0
        self.paid_min_s = PAID_MIN_S
        self.poll = QTimer(self)
        self.poll.setInterval(poll_ms)
        self.poll.timeout.connect(self._poll)
        self.ready: checkout.Certificate | None = None  # made while staff had the screen
        self.running: Running | None = None  # the event at the venue, as last pulled
        self.sweep = QTimer(self)
        self.sweep.setInterval(sweep_ms)
        self.sweep.timeout.connect(self.release_stale)

    def wire(self, name: str) -> None:
        """Connect the screen NAME's signals, as the window builds it (most are built after the
        first frame, `KioskWindow._make`)."""
        w = self.w
        if name == "attract":
            w.attract.startRequested.connect(self.start)
        elif name == "scenario":
            w.scenario.scenarioChosen.connect(self.choose_scenario)
            w.scenario.backRequested.connect(lambda: self.home(keep_language=True))
        elif name == "question":
            w.question.valueEdited.connect(self.edit)
            w.question.nextRequested.connect(self.next)
            w.question.backRequested.connect(self.back)
            w.question.finishRequested.connect(self.finish)
        elif name == "result":
            w.result.offsetChosen.connect(self.choose_offset)
            w.result.backRequested.connect(self.back_from_result)
        elif name == "project":
            w.project.projectChosen.connect(self.choose_project)
            w.project.amountChosen.connect(self.choose_amount)
            w.project.backRequested.connect(lambda: w.go(w.result))
        elif name == "nickname":
            w.nickname.nicknameChosen.connect(self.open_order)
            w.nickname.backRequested.connect(lambda: w.go(w.project))
        elif name == "order":
            w.order.cancelRequested.connect(self.cancel)
            w.order.terminalRequested.connect(self.pay_by_terminal)
        elif name == "certificate":
            w.certificate.retryPrintRequested.connect(self.print_slip)
            w.certificate.rankingRequested.connect(lambda: self.show_ranking("today"))
            w.certificate.finishRequested.connect(lambda: self.home(keep_language=True))
        elif name == "ranking":
            w.ranking.scopeChosen.connect(self.show_ranking)
            w.ranking.certificateRequested.connect(lambda: w.go(w.certificate))
            w.ranking.finishRequested.connect(lambda: self.home(keep_language=True))
        elif name == "outOfService":
            w.outOfService.retryRequested.connect(self.retry)
            w.outOfService.homeRequested.connect(self.home)

    # -- start, home, failures ----------------------------------------------------------------

    def prepare(self) -> None:
        """At start and after a retry: make sure the ledger is usable and the key exists."""
        from kiosk import checkout

        self.w.workers.write(checkout.prepare, self._prepared, self.w.fail)

    def _prepared(self, key: Any) -> None:
        self.key = key
        self.load_factors()
        self.load_event()
        self.sweep.start()
        self.w.ledgerReady.emit()
        venue_id = self.w.attract.venue.id

        def address(ledger: Any) -> str:
            # on the reader, not at import: kiosk.phone brings the certificate stack and the
            # settings schema (pydantic), which have no place before the first frame
            from kiosk.phone import phone_address

            return phone_address(ledger, venue_id)

        self.w.workers.read(
            address, self.w.attract.set_phone_url, lambda exc: log.warning("phone QR: %s", exc)
        )

    def release_stale(self) -> None:
        """Unpaid orders past their hold give their grams back (a visitor who walked away from
        the order screen still had until then to pay at the counter)."""
        from kiosk import checkout

        self.w.workers.write(
            checkout.release_stale, None, lambda exc: log.warning("stale orders: %s", exc)
        )

    def retry(self) -> None:
        from kiosk import checkout

        self.w.workers.reset()
        self.w.workers.write(
            checkout.prepare, lambda key: (self._prepared(key), self.home()), self.w.fail
        )

    def stop(self) -> None:
        self.poll.stop()
        self.ready = None

    def home(self, keep_language: bool = False) -> None:
        """Back to the attract screen with every answer wiped. The visitor's language stays
        when they went back themselves (the idle reset restores the default); a visitor's
        unpaid order stays payable at the counter until its hold ends."""
        lang = self.session.lang
        self.stop()
        self.session.reset()
        if keep_language:
            self.session.lang = lang
        self.footprint = None
        self.w.set_language(self.session.lang)
        self.w.go(self.w.attract)
        self.load_factors()
        self.load_event()

    def load_event(self) -> None:
        """The event running at the venue (the last sync's pull), read when the kiosk is ready
        and on the way home: the attract screen shows its progress, the scenarios its card."""
        from kiosk import checkout

        self.w.workers.read(
            checkout.running_event,
            self._use_event,
            lambda exc: log.warning("event not read: %s", exc),
        )

    def _use_event(self, found: tuple[Running | None, bool]) -> None:
        running, stale = found
        self.running = running
        self.w.attract.show_event(running, stale)
        self.w.scenario.set_event(running is not None)

    def resume(self, screen: QWidget) -> None:
        """Back to SCREEN as the staff gesture found it: an order shown there is still waiting
        (or was paid meanwhile: then its certificate), answers and language are kept."""
        w = self.w
        if screen in (w.order, w.paid) and self.session.order is not None:
            if self.ready is not None:
                w.go(w.paid)
                self._show_certificate(self.ready)
            else:
                w.go(w.order)  # the poll finds a payment made meanwhile
        elif screen in (w.attract, w.order, w.paid, w.outOfService, w.staffSignIn, w.staff):
            self.home(keep_language=True)
        else:
            w.go(screen)

    def abandon_order(self, reason: str) -> None:
        """An unpaid order gives its grams back (the customer left, or staff took over)."""
        from kiosk import checkout

        order = self.session.order
        if order is not None and order.status != OrderState.PAID:
            self.session.order = None
            self.w.workers.write(
                lambda ledger: checkout.abandon(ledger, order.id, reason),
                None,
                lambda exc: log.warning("could not expire: %s", exc),
            )

    def timed_out(self) -> None:
        """Nobody touched the kiosk: start over for the next visitor, in the default language.
        An order left on the order screen is not cancelled: it can still be paid at the counter
        until its hold ends (the idle prompt said so)."""
        self.home()

    def start(self) -> None:
        self.session.reset()
        self.session.lang = self.w.translations.lang
        self.w.go(self.w.scenario)
        self.load_factors()

    def load_factors(self) -> None:
        """The table in force (pulled by sync, with an admin's local values), read when the
        kiosk is ready, on the way home and as a visit starts, so a change made at the console
        applies from the next customer; an order records the version it was computed with."""
        from kiosk import checkout

        self._read(checkout.factors, self._use_factors, self._factors_failed)

    def _read(self, work: Any, done: Any, failed: Any) -> None:
        """A read on the pool, once the start-up check has made sure the ledger exists and is
        current; until then on the writer, queued after that check (the window starts it after
        its first frame, so a quick first tap can come before the ledger is there)."""
        if self.key is None:
            self.w.workers.write(work, done, failed)
        else:
            self.w.workers.read(work, done, failed)

    def _use_factors(self, table: FactorTable) -> None:
        self.session.factors = table

    def _factors_failed(self, exc: BaseException) -> None:
        from kiosk.ledger import LedgerUnavailable  # sqlite3: not for the first frame

        if isinstance(exc, LedgerUnavailable):
            self.w.fail(exc)
        else:  # keep the last table: the customer can carry on
            log.error("factor table not read: %s", exc)

    # -- project, nickname, order ---------------------------------------------------------------

    def choose_offset(self, offset: str) -> None:
        self.session.choose_offset(offset)
        self.show_projects()

    def show_projects(self, notice: str = "") -> None:
        from kiosk import checkout

        def shown(stocks: list[Stock]) -> None:
            footprint = self.footprint
            assert footprint is not None
            self.w.project.show_projects(
                stocks,
                self.session.offset_g(footprint),
                self.w.venue.min_charge_fen,
                notice,
                footprint_g=footprint.total_grams,
                year=footprint.scenario == LIFESTYLE,
            )
            self.w.go(self.w.project)

        self._read(checkout.stock, shown, self.w.fail)

    def choose_amount(self, grams: int) -> None:
        """No project covered the whole offset: the visitor chose what can be bought."""
        self.session.amount_g = grams
        self.show_projects()

    def choose_project(self, project_id: str) -> None:
        self.session.project_id = project_id
        self.w.nickname.reset(self.session.lang)
        self.w.go(self.w.nickname)

    def open_order(self, nickname: str) -> None:
        from kiosk import checkout

        session, footprint = self.session, self.footprint
        assert footprint is not None
        session.nickname = nickname
        self.w.nickname.set_busy(True)
        offset_g = session.offset_g(footprint)
        project_id, lang = session.project_id, session.lang
        company = self.w.nickname.company()
        running = self.running
        event = running.event.tag(for_event=footprint.scenario == EVENT) if running else None

        def work(ledger: Any) -> Order:
            return checkout.open_order(
                ledger,
                footprint,
                venue=self.w.venue,
                project_id=project_id,
                offset_g=offset_g,
                nickname=nickname,
                lang=lang,
                company=company,
                event=event,
            )

        self.w.workers.write(work, self._opened, self._open_failed)

    def _opened(self, order: Order) -> None:
        from kiosk import checkout

        self.w.nickname.set_busy(False)
        if self.w.current() is not self.w.nickname:  # the customer left meanwhile
            self.w.workers.write(lambda ledger: checkout.abandon(ledger, order.id, "left"))
            return
        self.session.order = order
        project = next(
            (s.project for s in self.w.project.stocks if s.project.id == order.project_id), None
        )
        self.w.order.show_order(order, terminal=self.w.terminal is not None, project=project)
        self.w.go(self.w.order)
        self.polling = False
        self.poll.start()

    def _open_failed(self, exc: BaseException) -> None:
        self.w.nickname.set_busy(False)
        from kiosk.ledger import SoldOut

        if isinstance(exc, SoldOut):
            self.show_projects("sold_out")
        else:
            self.w.fail(exc)

    def cancel(self) -> None:
        self.abandon_order("cancelled")
        self.home()
