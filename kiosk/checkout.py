"""The kiosk's operations on the ledger, one small function per thing a customer does, so the
touchscreen calls these (on its worker threads) and owns no business rule itself.

Each takes the Ledger of the thread it runs on: writes run on the app's single writer thread (in
order, one connection), reads and slow work (PDF, PNG, printing) on its pool.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk import venue_events
from kiosk.buyer import Company, EventTag
from kiosk.catalogue import load_demo_catalogue
from kiosk.certificate.claims import Claim
from kiosk.factors import FactorTable
from kiosk.footprint import Footprint
from kiosk.ledger import Ledger, Order, Stock
from kiosk.ledger.overrides import effective_factors
from kiosk.money import amount_fen
from kiosk.order_state import OPEN
from kiosk.slips.content import Delivery, SlipContent
from kiosk.venue_events import Running
from kiosk.venues import Venue

if TYPE_CHECKING:  # the signing stack (cryptography, cbor2) and the printer settings (pydantic,
    # python-escpos) load when first used, off the UI thread, not on the kiosk's first paint
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from kiosk.slips.printers import PrinterConfig


@dataclass(frozen=True, slots=True)
class Certificate:
    """What the certificate screen shows: the QR's URL, the slip content and the share image."""

    order: Order
    qr_text: str
    content: SlipContent
    share_png: bytes
    project_name: Mapping[str, str]  # zh/en/fr, for the screen (the slip shows two at once)
    claim: Claim  # what the screen may say (kiosk.certificate.claims), as the slip says it


def prepare(ledger: Ledger) -> Ed25519PrivateKey:
    """At start: a new ledger gets the demo catalogue (a demo ledger made before retire-first,
    its invented serials), stale orders give their grams back, and the kiosk's signing key is
    made (or checked) before the first customer pays."""
    from kiosk.certificate.issue import kiosk_key

    demo = load_demo_catalogue()
    if not ledger.stock():
        ledger.load_catalogue(demo)
    ledger.ensure_demo_grants(demo)
    ledger.expire_stale()
    return kiosk_key(ledger)


def release_stale(ledger: Ledger) -> int:
    """Unpaid orders past their hold give their grams back (run every minute by the kiosk)."""
    return ledger.expire_stale()


def stock(ledger: Ledger) -> list[Stock]:
    return ledger.stock()


def factors(ledger: Ledger) -> FactorTable:
    """The factor table a footprint computed now uses (see kiosk.ledger.overrides)."""
    return effective_factors(ledger)


def running_event(ledger: Ledger) -> tuple[Running | None, bool]:
    """The event at this venue today, from the last sync's pull (the attract screen's bar), and
    whether its figures are stale (not pulled today): both from one reading of the ledger's
    clock, so a China midnight cannot fall between them, and a clock a test sets is obeyed."""
    now = ledger.clock()
    running = venue_events.running(ledger, now)
    return running, running is not None and running.stale(now)


def open_order(
    ledger: Ledger,
    footprint: Footprint,
    *,
    venue: Venue,
    project_id: str,
    offset_g: int,
    nickname: str,
    lang: str,
    company: Company | None = None,
    event: EventTag | None = None,
) -> Order:
    """The order screen's order: reserved at once (SoldOut if the project has too little left).
    A sale during an event counts towards it; the event scenario's is the organiser's own."""
    return ledger.open_order(
        footprint,
        project_id=project_id,
        offset_g=offset_g,
        nickname=nickname,
        lang=lang,
        min_charge_fen=venue.min_charge_fen,
        company=company,
        event=event,
    )


def credits_cost(order: Order) -> int | None:
    """What the credits of ORDER cost, in fen, when the venue's minimum charge per order made
    the amount higher (the order screen says why); None when the amount is their price."""
    cost = amount_fen(order.offset_g, order.price_fen_per_t)
    return cost if cost < order.amount_fen else None


def status(ledger: Ledger, order_id: str) -> Order:
    """The order as the ledger has it now: the paid screen polls this for the cashier's payment."""
    return ledger.get(order_id)


def abandon(ledger: Ledger, order_id: str, reason: str) -> Order | None:
    """The customer left or cancelled: an unpaid order gives its grams back; a paid one stays."""
    order = ledger.get(order_id)
    if order.status in OPEN:
        return ledger.expire(order_id, reason=reason)
    return None


def certificate(ledger: Ledger, order: Order, key: Ed25519PrivateKey) -> Certificate:
    """Everything the certificate screen needs, built off the UI thread (QR, layout, PNG)."""
    from kiosk.slips.build import build
    from kiosk.slips.image import render_png

    content, said = build(order, ledger, key)
    name = ledger.project(order.project_id).name
    return Certificate(order, content.qr_text, content, render_png(content, 720), name, said)


def print_slip(content: SlipContent, config: PrinterConfig | None = None) -> Delivery:
    """Print on the configured printer (or `config`): printed, or sent but not confirmed by a
    network printer. Raises PrinterError, or DataError when no printer is configured (the
    screen then says so without a retry)."""
    from kiosk.config import printer_config

    config = config or printer_config()
    if config.kind == "system":
        from kiosk.slips.pdf import render_pdf
        from kiosk.slips.system_print import print_pdf

        print_pdf(render_pdf(content, f"{config.paper_mm}mm"), config, content.serial)
        return Delivery(config.name, "printed")
    from kiosk.slips.escpos import build_job, send
    from kiosk.slips.image import render_raster

    raster = render_raster(content, config.width_dots) if config.mode == "raster" else None
    return send(build_job(content, config, raster), config)
