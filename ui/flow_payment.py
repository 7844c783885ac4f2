"""The customer flow's payment and after: the order's payment noticed (poll or terminal), the
certificate shown and its slip printed, the ranking. Mixed into `ui.flow.CustomerFlow`, whose
state and helpers (`home`, `_read`) it uses."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

from kiosk.errors import DataError, InputError, PrinterError
from kiosk.order_state import OPEN, OrderState

# kiosk.checkout, kiosk.payment and kiosk.ranking are imported by the methods that use them (see
# ui.flow: this module is imported before the first frame).
if TYPE_CHECKING:
    from kiosk import checkout, ranking
    from kiosk.ledger import Order
    from kiosk.session import CustomerSession
    from kiosk.slips.content import Delivery
    from ui.window import KioskWindow

log = logging.getLogger("ui.flow")


class PaymentSteps:
    """The flow from the order screen's payment to the certificate, its slip and the ranking."""

    w: KioskWindow
    session: CustomerSession
    key: Any
    polling: bool
    paid_at: float
    paid_min_s: float
    poll: QTimer
    ready: checkout.Certificate | None

    # -- payment -----------------------------------------------------------------------------

    def _poll(self) -> None:
        from kiosk import checkout

        order = self.session.order
        if order is None or self.polling:
            return
        self.polling = True

        def seen(now: Order) -> None:
            self.polling = False
            if self.session.order is None or now.id != self.session.order.id:
                return
            if now.status == OrderState.PAID:
                self.paid(now)
            elif now.status not in OPEN and self.w.current() is self.w.order:
                log.info("order %s became %s while shown", now.code, now.status)
                self.home(keep_language=True)

        def failed(exc: BaseException) -> None:
            self.polling = False
            self.w.fail(exc)

        self.w.workers.read(lambda ledger: checkout.status(ledger, order.id), seen, failed)

    def pay_by_terminal(self) -> None:
        from kiosk import payment

        order, terminal = self.session.order, self.w.terminal
        if order is None or terminal is None:
            return
        self.w.order.set_terminal_state("waiting")

        def charged(_: object) -> None:
            self.w.workers.write(
                lambda ledger: payment.record(ledger, order.id, terminal), self.paid, self.w.fail
            )

        def declined(exc: BaseException) -> None:
            if isinstance(exc, payment.PaymentDeclined):
                self.w.order.set_terminal_state("declined")
            else:
                self.w.fail(exc)

        self.w.workers.run(lambda: terminal.charge(order), charged, declined)

    def paid(self, order: Order) -> None:
        from kiosk import checkout

        if self.w.current() is not self.w.order:
            return  # already noticed (by the poll or the terminal)
        self.poll.stop()
        self.session.order = order
        self.paid_at = time.monotonic()
        self.w.paid.show_paid(order)
        self.w.go(self.w.paid)
        key = self.key
        if key is None:  # the start-up check has not finished: let the writer make the key
            self.w.workers.write(
                lambda ledger: checkout.certificate(ledger, order, checkout.prepare(ledger)),
                self._certificate_ready,
                self.w.fail,
            )
            return
        self.w.workers.read(
            lambda ledger: checkout.certificate(ledger, order, key),
            self._certificate_ready,
            self.w.fail,
        )

    def _certificate_ready(self, cert: checkout.Certificate) -> None:
        wait_ms = int(max(0.0, self.paid_min_s - (time.monotonic() - self.paid_at)) * 1000)
        QTimer.singleShot(wait_ms, lambda: self._show_certificate(cert))

    def _show_certificate(self, cert: checkout.Certificate) -> None:
        if self.session.order is None or cert.order.id != self.session.order.id:
            return
        if self.w.current() in (self.w.staffSignIn, self.w.staff):
            self.ready = cert  # shown when staff go back to the visitor
            return
        if self.w.current() is not self.w.paid:
            return
        self.ready = None
        self.w.certificate.show_certificate(cert)
        self.w.go(self.w.certificate)
        self.print_slip()

    def print_slip(self) -> None:
        from kiosk import checkout

        cert = self.w.certificate.cert
        if cert is None:
            return
        order_id = cert.order.id
        self.w.certificate.set_slip("printing")

        def record(status: str, error: str = "") -> None:
            self.w.workers.write(
                lambda ledger: ledger.set_slip(order_id, status, error=error, actor="kiosk"),
                None,
                lambda exc: log.warning("slip status not recorded: %s", exc),
            )

        def printed(delivery: Delivery) -> None:
            record(delivery.status, delivery.note)  # "unconfirmed": on the reprint list
            self.w.certificate.set_slip(delivery.status)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DataError):  # no printer configured here
                self.w.certificate.set_slip("no_printer")
                return
            log.warning("slip not printed: %s", exc)
            reason = str(exc) if isinstance(exc, PrinterError | InputError) else type(exc).__name__
            record("failed", reason)
            self.w.certificate.set_slip("failed")

        self.w.workers.run(lambda: checkout.print_slip(cert.content), printed, failed)

    # -- ranking -----------------------------------------------------------------------------

    def show_ranking(self, scope: str) -> None:
        from kiosk import ranking

        order = self.session.order
        order_id = order.id if order is not None else ""
        venue_id = self.w.venue.id

        def work(ledger: Any) -> ranking.Board:
            return ranking.board(ledger, scope, venue_id=venue_id, order_id=order_id)

        def shown(board: ranking.Board) -> None:
            cert = self.w.certificate.cert
            mine = cert is not None and order is not None and cert.order.id == order.id
            self.w.ranking.show_board(board, back=mine)
            if self.w.current() is not self.w.ranking:
                self.w.go(self.w.ranking)

        self._read(work, shown, self.w.fail)
