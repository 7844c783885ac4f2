"""The cashier console's operations on the ledger, one small function per thing a cashier
does, so the console's screens (on worker threads) hold no business rule of their own.

Every function that changes something takes the signed-in `Account` and records its name as
the actor; admin-only operations refuse a cashier here, not only by hiding a button.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.accounts import Account
from kiosk.certificate.claims import Claim, for_order
from kiosk.errors import DiandianError, InputError
from kiosk.ledger import Ledger, Order
from kiosk.order_lookup import find_order
from kiosk.order_state import METHODS, OrderState
from kiosk.slips.content import SlipContent

if TYPE_CHECKING:
    from kiosk.slips.content import Delivery
    from kiosk.slips.printer_status import PrinterStatus
    from kiosk.slips.printers import PrinterConfig

REPRINT_STATES = ("pending", "unconfirmed", "failed")


class NotAllowed(DiandianError):
    """A cashier asked for something only an admin may do (settings, prices, factors)."""

    def __init__(self, account: Account, what: str) -> None:
        super().__init__(f"{account.name} is a {account.role}; only an admin may {what}")


@dataclass(frozen=True, slots=True)
class Payment:
    """A payment just taken: the paid order and the change to give back (fen)."""

    order: Order
    tendered_fen: int
    change_fen: int


def require_admin(account: Account, what: str) -> None:
    if account.role != "admin":
        raise NotAllowed(account, what)


def awaiting(ledger: Ledger, limit: int = 50) -> list[Order]:
    """Orders waiting at the counter, newest first (stale ones are left to the kiosk to expire:
    a read-only console never writes while listing)."""
    return ledger.orders(status=OrderState.AWAITING, limit=limit)


def reprints(ledger: Ledger, limit: int = 50) -> list[Order]:
    """Paid orders whose slip was never printed, failed, or was sent but never confirmed by
    the printer: the cashier's reprint list."""
    return [
        o
        for o in ledger.orders(status=OrderState.PAID, limit=500)
        if o.slip_status in REPRINT_STATES
    ][:limit]


def find(ledger: Ledger, text: str) -> Order:
    """The order a scanner or a cashier typed: order code, certificate number as printed, the
    certificate's QR, id or serial (kiosk.order_lookup, as `diandian orders show`)."""
    return find_order(ledger, text)


def parse_amount(text: str) -> int:
    """Yuan as a cashier types them ("50", "12.5", "¥12.50") to integer fen; never a float."""
    raw = (text or "").strip().replace("¥", "").replace(",", "")
    whole, _, frac = raw.partition(".")
    digits = (whole + frac).isdigit() and (whole.isdigit() or not whole)
    if not digits or (frac and not frac.isdigit()):
        raise InputError(
            "amount", f"{text!r} is not an amount; type yuan like 50 or 12.50", "amount_format"
        )
    if len(frac) > 2:
        raise InputError("amount", "at most two decimals (fen)", "amount_decimals")
    return int(whole or "0") * 100 + int((frac + "00")[:2])


def pay(
    ledger: Ledger, order_id: str, *, method: str, account: Account, tendered_fen: int | None
) -> Payment:
    """Mark paid; cash needs what was tendered (never less than due), cards and phones not."""
    if method not in METHODS:
        raise InputError("method", f"{method!r} is not one of {', '.join(METHODS)}")
    if method == "cash" and tendered_fen is None:
        raise InputError("amount", "type the cash tendered", "cash_missing")
    order = ledger.pay(order_id, method=method, cashier=account.name, tendered_fen=tendered_fen)
    tendered = order.amount_fen if tendered_fen is None else tendered_fen
    return Payment(order, tendered, tendered - order.amount_fen)


def void(ledger: Ledger, order_id: str, *, reason: str, account: Account) -> Order:
    """A refund; the ledger writes the audit row and the outbox entry in the same commit."""
    return ledger.void(order_id, reason=reason, actor=account.name)


def slip_content(ledger: Ledger, order_id: str) -> SlipContent:
    """What the slip of a paid order says (needs the kiosk's signing key beside the ledger)."""
    from kiosk.certificate.issue import kiosk_key
    from kiosk.slips.build import build_content

    order = ledger.get(order_id)
    if order.serial is None:
        raise InputError(
            "order",
            f"order {order.code} is {order.status}; it has no slip",
            "no_slip",
            status=str(order.status),
        )
    return build_content(order, ledger, kiosk_key(ledger))


def save_pdf(content: SlipContent, path: Path) -> Path:
    """The A6 certificate PDF, for e-mail or a desk printer."""
    from kiosk.slips.pdf import render_pdf_to_file

    return render_pdf_to_file(content, "a6", path)


def print_slip(content: SlipContent) -> Delivery:
    """Print on the configured printer; PrinterError or DataError (no printer) on failure."""
    from kiosk.checkout import print_slip as send

    return send(content)


def printer_status(config: PrinterConfig) -> PrinterStatus:
    """The printer's live status; may take the whole timeout when the printer is silent."""
    from kiosk.slips.printer_status import printer_status as ask

    return ask(config)


def test_print() -> str:
    """A short test page on the configured printer: which printer, and that it works."""
    from kiosk.config import printer_config

    config = printer_config()
    text = f"Diandian test print\n{config.name}\nOK\n\n\n"
    if config.kind == "system":
        from kiosk.slips.system_print import print_pdf

        print_pdf(_text_pdf(text), config, "Diandian test print")
    else:
        from kiosk.slips.escpos import send

        send(b"\x1b@" + text.encode("ascii", "replace") + b"\x1dV\x00", config)
    return config.name


def _text_pdf(text: str) -> bytes:
    import io

    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    pdf = Canvas(out, pagesize=(226, 200), invariant=True)
    for row, line in enumerate(text.splitlines()):
        pdf.drawString(12, 180 - 14 * row, line)
    pdf.save()
    return out.getvalue()


def start_print(ledger: Ledger, order_id: str, *, account: Account) -> SlipContent:
    """Mark the slip pending (so a crash mid-print leaves it on the reprint list) and build it.

    Runs on the writer: the first slip may register the kiosk's key in the ledger.
    """
    content = slip_content(ledger, order_id)
    ledger.set_slip(order_id, "pending", actor=account.name)
    return content


def finish_print(
    ledger: Ledger, order_id: str, *, account: Account, error: str = "",
    delivery: Delivery | None = None,
) -> Order:  # fmt: skip
    """Record how the print went: failed with the printer's reason, or the delivery (printed,
    or sent but not confirmed, with why; printed when not given)."""
    if error:
        return ledger.set_slip(order_id, "failed", error=error, actor=account.name)
    if delivery is None:
        return ledger.set_slip(order_id, "printed", actor=account.name)
    return ledger.set_slip(order_id, delivery.status, error=delivery.note, actor=account.name)


def claim(ledger: Ledger, order: Order) -> Claim:
    """What the order's certificate may say now (refunded, retired or pending; demo)."""
    from kiosk.certificate.issue import base_url

    return for_order(order, demo=base_url(ledger) is None)


def recent_paid(ledger: Ledger, limit: int = 50) -> list[Order]:
    """Paid orders, newest first: what the cashier reprints or voids."""
    return ledger.orders(status=OrderState.PAID, limit=limit)
