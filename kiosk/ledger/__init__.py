"""The durable offline ledger (SQLite): orders, allocations, serials, outbox and audit log."""

from kiosk.ledger.db import LedgerUnavailable
from kiosk.ledger.orders import Order, OrderNotFound, SoldOut, TransitionRefused
from kiosk.ledger.stock import Stock
from kiosk.ledger.store import Ledger

__all__ = [
    "Ledger",
    "LedgerUnavailable",
    "Order",
    "OrderNotFound",
    "SoldOut",
    "Stock",
    "TransitionRefused",
]
