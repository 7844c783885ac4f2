"""A paid phone order made a sale: its `purchases` row in the kiosk's own order format, its
grams drawn from the issuer's retired serials in order (kiosk.credit.draw) under the issuer's
row lock, so its certificate names serials and gram ranges exactly as a kiosk's slip does.
Kept apart from `orders` (holds, payments, refunds), which calls `sell` once per order.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from kiosk.credit import CreditModel, NotEnoughCredit, draw, ranges_json
from kiosk.ledger import Order
from kiosk.order_state import OrderState
from kiosk.timestamps import stamp
from sync import protocol
from sync.registry import (
    credit_storage,
    credits,
    event_storage,
    ingest,
    invoices,
    phone_sale_storage,
    phone_storage,
    storage,
)

if TYPE_CHECKING:
    from datetime import datetime

    from sync.registry.phone.orders import PhoneOrder


def sell(
    conn: Connection,
    order: PhoneOrder,
    provider: str,
    reference: str,
    now: datetime,
    paid: dict[str, Any],
) -> int:
    """The purchase (and its gram ranges) for a paid order, and the order changed by PAID
    (its status...) with its `purchase_id` set, in the same writes. The issuer's row is
    locked so its serials stay gapless and its draws never overlap (its hold guarantees the
    grams: the pair's counter row is left alone, the hold becoming the sale); under the
    lock only what needs it (see phone_sale_storage)."""
    issuer = order.issuer_id
    draft = order.draft
    # what does not depend on the draw is read before the lock (every sale of the venue
    # waits for it): the project, the closed days, the event running
    project = storage.get_project(conn=conn, project_id=order.project_id)
    assert project is not None
    day = ingest.china_day(stamp(now)) or ""
    late = day in storage.closed_day_set(conn=conn)
    event_id = running_event(conn, draft["venue"], day)  # as a kiosk tags its sale
    purchase_id = phone_sale_storage.purchase_id(conn=conn)  # PostgreSQL's, drawn now
    # from the lock to the commit: one read, then the writes (one round trip on PostgreSQL);
    # every statement here holds every sale of the venue longer
    phone_sale_storage.lock_issuer(conn=conn, kiosk_id=issuer)
    basis = phone_sale_storage.sale_basis(conn=conn, kiosk_id=issuer, project_id=order.project_id)
    runs = {g.id: credit_storage.run_of(g) for g in basis.grants}
    ranges = ()
    if credits.model_of(project) == CreditModel.RETIRE_FIRST:
        try:
            ranges = draw(runs.values(), basis.drawn_g, order.offset_g)
        except NotEnoughCredit as exc:  # a hold guarantees the grams: this is a bug
            raise RuntimeError(f"phone order {order.order_id}: {exc}") from None
    serial = basis.serial
    sale = Order(
        id=order.order_id,
        seq=serial,
        code=order.order_id[:6].upper(),
        kiosk_id=issuer,
        venue=draft["venue"],
        scenario=draft["scenario"],
        answers=draft["answers"],
        lines=draft["lines"],
        footprint_g=draft["footprint_g"],
        factors_version=draft["factors_version"],
        project_id=order.project_id,
        offset_g=order.offset_g,
        price_fen_per_t=order.price_fen_per_t,  # as placed: the amount came from it
        amount_fen=order.amount_fen,
        nickname=draft["nickname"],
        lang=draft["lang"],
        company_name=draft.get("company_name", ""),  # orders placed before the company step
        company_code=draft.get("company_code", ""),  # have none
        invoice_email=draft.get("invoice_email", ""),
        status=OrderState.PAID,
        created_at=order.created_at,
        updated_at=stamp(now),
        expires_at=order.expires_at,
        paid_at=stamp(now),
        payment_method="mobile",
        cashier=f"{provider}:{reference}"[:64],
        serial=serial,
        credit_ranges=ranges_json(ranges),
    )
    payload = sale.as_dict()
    body = protocol.canonical(payload)
    cert_id = f"{issuer}-{serial:06d}"
    row = ingest.purchase_row(
        kiosk_id=issuer,
        payload=payload,
        body=body,
        payload_hash=hashlib.sha256(body).hexdigest(),
        cert_id=cert_id,
        filed_late=late,
    )
    row["channel"] = "phone"  # settlement counts the phone flow apart from a till's mobile
    row["event_id"] = event_id

    def range_rows(made: int) -> list[dict[str, Any]]:
        rows = []
        for item in ranges:
            grant_id, number = credits.locate(runs, item.serial)
            rows.append(
                {
                    "purchase_id": made,
                    "grant_id": grant_id,
                    "number": number,
                    "from_g": item.from_g,
                    "to_g": item.to_g,
                }
            )
        return rows

    return phone_sale_storage.record(
        conn=conn,
        purchase=row,
        purchase_id=purchase_id,
        ranges=range_rows,
        # a company's sale queues its invoice request as a pushed kiosk sale does
        invoices=lambda made: invoices.requests_for([row], {order.order_id: made}),
        order_id=order.order_id,
        order=paid,
    )


def running_event(conn: Connection, venue: str, day: str) -> str:
    """The event at VENUE on DAY (China time) a phone sale counts towards, "" for none: an
    attendee offsetting on the phone counts as one at the kiosk does."""
    found = event_storage.list_events(conn=conn, venue=venue, after=day)
    return next((e.event_id for e in found if e.starts_on <= day <= e.ends_on), "")


def sale_of(*, conn: Connection, order: PhoneOrder) -> Order | None:
    """The paid order's sale in the kiosk's order format (from its purchase's payload)."""
    if order.purchase_id is None:
        return None
    row = phone_storage.purchase(conn=conn, purchase_id=order.purchase_id)
    return Order.from_payload(json.loads(row.payload)) if row is not None else None
