"""Paying at a card or QR payment terminal instead of the counter, behind one small interface.

A real terminal (UnionPay, WeChat Pay or Alipay device) gets an adapter with the same two
members; `SimulatedTerminal` stands in for demos and tests. The terminal only takes the money:
recording the payment is `Ledger.pay`, as for the cashier, so a sale has one path into the
ledger whoever took the money. `charge` is slow (it waits for the customer), so the app calls it
off the UI thread and then records the payment on its ledger-writer thread.
"""

from __future__ import annotations

import time
from typing import Any, Protocol

from kiosk.config import load_config
from kiosk.errors import DiandianError, InputError
from kiosk.ledger import Ledger, Order


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
    """The [payment] table of diandian.toml: `terminal = "simulated"` (with `delay_s`), or none
    (pay at the counter only)."""
    table = dict((settings if settings is not None else load_config()).get("payment", {}))
    kind = table.get("terminal", "")
    if not kind:
        return None
    if kind == "simulated":
        return SimulatedTerminal(delay_s=float(table.get("delay_s", 1.5)))
    raise InputError("payment.terminal", f"{kind!r} is not a known terminal; allowed: simulated")
