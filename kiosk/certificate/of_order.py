"""A paid order's certificate and its signed QR text: the same for a kiosk's sale and for a
sale the registry's phone flow makes (it reads no settings and opens no ledger)."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.certificate import payload
from kiosk.errors import InputError
from kiosk.ledger.orders import Order
from kiosk.timestamps import parse_stamp


def certificate_for(order: Order) -> payload.Certificate:
    if order.serial is None or order.paid_at is None:
        raise InputError("order", f"order {order.code} is {order.status}; it has no certificate")
    issued = parse_stamp(order.paid_at).replace(microsecond=0)
    return payload.Certificate(
        kiosk_id=order.kiosk_id,
        serial=order.serial,
        issued=issued,
        footprint_g=order.footprint_g,
        offset_g=order.offset_g,
        project_id=order.project_id,
        factors_version=order.factors_version,
    )


def qr_text(order: Order, key: Ed25519PrivateKey, base_url: str | None) -> str:
    """The QR's URL; Ed25519 signatures are deterministic, so a reprint shows the same code."""
    cert = certificate_for(order)
    return payload.url(cert, payload.sign(cert, key), base_url)
