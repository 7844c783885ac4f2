"""Paying at a card or QR payment terminal instead of the counter, behind one small interface.

A real terminal (UnionPay, WeChat Pay or Alipay device) gets an adapter with the same two
members; `SimulatedTerminal` stands in for demos and tests. The terminal only takes the money:
recording the payment is `Ledger.pay`, as for the cashier, so a sale has one path into the
ledger whoever took the money. `charge` is slow (it waits for the customer), so the app calls it
off the UI thread and then records the payment on its ledger-writer thread.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.errors import DiandianError

if TYPE_CHECKING:  # not imported for the kiosk's first frame (kiosk.ledger's store)
    from kiosk.ledger import Ledger, Order

log = logging.getLogger(__name__)


class PaymentDeclined(DiandianError):
    """The terminal did not take the money; the order stays open for another try or the counter."""


class PaymentTerminal(Protocol):
    name: str  # recorded as the order's cashier, "terminal:NAME"
    method: str  # a ledger payment method: "card" or "mobile"

    def charge(self, order: Order) -> str:
        """Take order.amount_fen; return the terminal's reference, or raise PaymentDeclined."""
        ...


class SimulatedTerminal:
    """Approves (or declines) after a short pause, like a customer tapping a card."""

    def __init__(self, *, delay_s: float = 1.5, decline: bool = False, method: str = "card"):
        self.name, self.method = "simulated", method
        self.delay_s, self.decline = delay_s, decline
        self.charged: list[str] = []

    def charge(self, order: Order) -> str:
        time.sleep(self.delay_s)
        if self.decline:
            raise PaymentDeclined(f"the terminal declined {order.code}")
        self.charged.append(order.id)
        return f"SIM-{order.code}"


def record(ledger: Ledger, order_id: str, terminal: PaymentTerminal) -> Order:
    """The terminal took the money: pay the order in the ledger (serial, outbox, audit)."""
    return ledger.pay(order_id, method=terminal.method, cashier=f"terminal:{terminal.name}")


def configured_terminal(settings: dict[str, Any] | None = None) -> PaymentTerminal | None:
    """The [payment] table of diandian.toml (schema: kiosk.settings_schema.PaymentTable):
    `terminal = "simulated"` (with `delay_s`), or none (pay at the counter only). A bad table
    means no terminal, the safe default; `load_settings` reports it at start-up."""
    from pydantic import ValidationError  # the settings schema: not on the kiosk's first paint

    from kiosk.config import load_config
    from kiosk.settings_schema import PaymentTable

    data = settings if settings is not None else load_config()
    try:
        table = PaymentTable(**data.get("payment", {}))
    except (ValidationError, TypeError):
        log.warning("the [payment] table is not valid; paying at the counter only")
        return None
    if table.terminal == "simulated":
        return SimulatedTerminal(delay_s=table.delay_s)
    return None
