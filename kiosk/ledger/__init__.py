"""The durable offline ledger (SQLite): orders, allocations, serials, outbox and audit log.

This package's public face: the `Ledger` and the values and errors its operations hand out.
The screens use these names (and the per-operation modules: kiosk.checkout, kiosk.cashier_ops,
kiosk.admin, kiosk.local_values), never the modules inside the package.
"""

from kiosk.ledger.checkpoint import Checkpointer
from kiosk.ledger.db import LedgerUnavailable
from kiosk.ledger.drafts import NICKNAME_MAX
from kiosk.ledger.orders import Order, OrderNotFound, SoldOut, TransitionRefused
from kiosk.ledger.restore import RestoreResult
from kiosk.ledger.restore_plan import LostOrder, Numbers, RestorePlan
from kiosk.ledger.stock import Stock
from kiosk.ledger.store import Ledger
from kiosk.ledger.verify import Report

__all__ = [
    "NICKNAME_MAX",
    "Checkpointer",
    "Ledger",
    "LedgerUnavailable",
    "LostOrder",
    "Numbers",
    "Order",
    "OrderNotFound",
    "Report",
    "RestorePlan",
    "RestoreResult",
    "SoldOut",
    "Stock",
    "TransitionRefused",
]
