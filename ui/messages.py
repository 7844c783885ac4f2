"""The core's errors and words, in the language on screen.

The core raises errors with a `code` and raw `params` (kiosk.errors); this module holds the one
translated sentence per code, and the words for order states and payment methods, so neither a
visitor nor a cashier ever reads developer English (a file path, "fen", "awaiting_payment").
Parameters are formatted by their names: `*_fen` as money, `*_g` as mass, `status` and `action`
as words; anything else as given.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from kiosk.order_state import OrderState
from ui import fmt


def status_word(status: str) -> str:
    words = {
        OrderState.DRAFT: QCoreApplication.translate("Messages", "not yet placed"),
        OrderState.AWAITING: QCoreApplication.translate("Messages", "awaiting payment"),
        OrderState.PAID: QCoreApplication.translate("Messages", "paid"),
        OrderState.VOIDED: QCoreApplication.translate("Messages", "voided"),
        OrderState.EXPIRED: QCoreApplication.translate("Messages", "expired"),
    }
    return words.get(status, status)  # type: ignore[call-overload]


def method_word(method: str | None) -> str:
    words = {
        "cash": QCoreApplication.translate("Messages", "cash"),
        "card": QCoreApplication.translate("Messages", "card"),
        "mobile": QCoreApplication.translate("Messages", "mobile payment"),
    }
    return words.get(method or "", method or "")


def action_word(action: str) -> str:
    words = {
        "pay": QCoreApplication.translate("Messages", "paid"),
        "void": QCoreApplication.translate("Messages", "voided"),
        "expire": QCoreApplication.translate("Messages", "expired"),
        "place": QCoreApplication.translate("Messages", "placed"),
    }
    return words.get(action, action)


def _templates() -> dict[str, str]:
    return {
        # orders and payments
        "cash_short": QCoreApplication.translate(
            "Messages", "{tendered_fen} tendered is less than the {due_fen} due."
        ),
        "cash_missing": QCoreApplication.translate("Messages", "Type the cash tendered."),
        "amount_format": QCoreApplication.translate(
            "Messages", "Type the amount in yuan, like 50 or 12.50."
        ),
        "amount_decimals": QCoreApplication.translate(
            "Messages", "An amount has at most two decimals (fen)."
        ),
        "order_not_found": QCoreApplication.translate(
            "Messages", "No order or certificate {ref} on this kiosk."
        ),
        "other_kiosk": QCoreApplication.translate(
            "Messages", "Certificate {ref} was issued by another kiosk ({kiosk}): look it up there."
        ),
        "lookup_empty": QCoreApplication.translate(
            "Messages", "Scan or type an order code or a certificate number."
        ),
        "order_state": QCoreApplication.translate(
            "Messages", "That order is {status}; it cannot be {action} now."
        ),
        "void_reason": QCoreApplication.translate(
            "Messages", "A reason is required to void a paid order."
        ),
        "void_reason_long": QCoreApplication.translate(
            "Messages", "The reason can be at most {max} characters."
        ),
        "no_slip": QCoreApplication.translate(
            "Messages", "That order is {status}; it has no slip."
        ),
        "no_printer": QCoreApplication.translate(
            "Messages", "No printer is set up here. An administrator can add one."
        ),
        # why the ledger cannot take sales (the out-of-service page and the console)
        "missing": QCoreApplication.translate("Messages", "The sales ledger file is missing."),
        "empty": QCoreApplication.translate("Messages", "The sales ledger file is empty."),
        "removed": QCoreApplication.translate(
            "Messages", "The sales ledger file was removed while in use."
        ),
        "replaced": QCoreApplication.translate(
            "Messages", "The sales ledger file was replaced; the app must restart."
        ),
        "read_only_disk": QCoreApplication.translate(
            "Messages", "The disk holding the sales ledger is read-only."
        ),
        "read_only": QCoreApplication.translate(
            "Messages", "The sales ledger cannot be written (permissions)."
        ),
        "disk_full": QCoreApplication.translate(
            "Messages", "The disk holding the sales ledger is full; nothing was lost."
        ),
        "damaged": QCoreApplication.translate(
            "Messages", "The sales ledger file is damaged; restore it from a backup."
        ),
        "busy": QCoreApplication.translate(
            "Messages", "The sales ledger is busy in another program; try again."
        ),
        "io": QCoreApplication.translate(
            "Messages", "The sales ledger cannot be read or written (disk error)."
        ),
        "no_wal": QCoreApplication.translate(
            "Messages", "The sales ledger's disk does not support safe writing."
        ),
        "no_folder": QCoreApplication.translate(
            "Messages", "The folder for the sales ledger cannot be created."
        ),
        "cannot_create": QCoreApplication.translate(
            "Messages", "The sales ledger cannot be created."
        ),
        "newer": QCoreApplication.translate(
            "Messages", "The sales ledger was written by a newer version of this app; update it."
        ),
        "failed": QCoreApplication.translate("Messages", "The sales ledger failed."),
    }


def _param(name: str, value: Any) -> str:
    if name.endswith("_fen") and isinstance(value, int):
        return fmt.money(value)
    if name.endswith("_g") and isinstance(value, int):
        return fmt.mass(value)
    if name == "status":
        return status_word(str(value))
    if name == "action":
        return action_word(str(value))
    return str(value)


def coded(code: str, params: Mapping[str, Any] | None = None) -> str:
    """The sentence for `code` with its parameters, or "" when the code has none."""
    template = _templates().get(code, "")
    if not template:
        return ""
    values = {name: _param(name, value) for name, value in (params or {}).items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError):  # a translation naming a parameter the core did not give
        return template


def describe(exc: BaseException) -> str:
    """The translated sentence for a coded core error; "" when it carries no known code."""
    return coded(getattr(exc, "code", "") or "", getattr(exc, "params", None))
