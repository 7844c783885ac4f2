"""The durable offline ledger (SQLite): orders, allocations, serials, outbox and audit log.

This package's public face: the `Ledger` and the values and errors its operations hand out.
The screens use these names (and the per-operation modules: kiosk.checkout, kiosk.cashier_ops,
kiosk.admin, kiosk.local_values), never the modules inside the package.

Each name is imported from its module when first asked for (PEP 562): the kiosk's first frame
needs `LedgerUnavailable` and `Order`, not the store, restore and verify modules behind
`Ledger` (tens of milliseconds of imports, paid once the attract screen is painted).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.ledger.checkpoint import Checkpointer
    from kiosk.ledger.db import LedgerUnavailable
    from kiosk.ledger.drafts import NICKNAME_MAX
    from kiosk.ledger.orders import Order, OrderNotFound, SoldOut, TransitionRefused
    from kiosk.ledger.restore import RestoreResult
    from kiosk.ledger.restore_plan import LostOrder, Numbers, RestorePlan
    from kiosk.ledger.stock import Stock
    from kiosk.ledger.store import Ledger
    from kiosk.ledger.verify import Report

_WHERE = {
    "NICKNAME_MAX": "drafts",
    "Checkpointer": "checkpoint",
    "Ledger": "store",
    "LedgerUnavailable": "db",
    "LostOrder": "restore_plan",
    "Numbers": "restore_plan",
    "Order": "orders",
    "OrderNotFound": "orders",
    "Report": "verify",
    "RestorePlan": "restore_plan",
    "RestoreResult": "restore",
    "SoldOut": "orders",
    "Stock": "stock",
    "TransitionRefused": "orders",
}

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
assert sorted(__all__) == sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:  # a submodule (`from kiosk.ledger import audit`) is imported as usual
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # asked once
    return value
