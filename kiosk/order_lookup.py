"""Find an order by whatever the customer holds: the order code on the kiosk's screen (or its QR),
the certificate number as printed on the slip (`K4F6Z2M1Q-000002`), the certificate's QR (a URL
carrying that number), or, for staff and scripts, the order's id or bare serial.

One rule for the cashier console's search fields and `diandian orders show`, so a returning
customer is found the same way at the counter and on the command line.
"""

from __future__ import annotations

import re

from kiosk.errors import InputError
from kiosk.ledger import Ledger, Order
from kiosk.ledger.orders import OrderNotFound

# A certificate number as printed: the kiosk id, a dash, the serial (six digits, or more).
PRINTED = re.compile(r"^(?P<kiosk>K[0-9A-Z]{4,20})-(?P<serial>\d{1,12})$")
# ".../C/<id>/<token>" at a registry, or "DIANDIAN:C/<id>/<token>" from a demo kiosk
URL_ID = re.compile(r"[/:]C/(?P<cert>[^/]+)(?:/|$)", re.IGNORECASE)


def reference(text: str) -> str:
    """The part of `text` that names an order: a certificate URL gives the id in its path."""
    raw = "".join((text or "").split())
    found = URL_ID.search(raw) if "/" in raw else None
    if found:
        return found.group("cert").upper()
    return raw.upper().removeprefix("#")


def find_order(ledger: Ledger, text: str) -> Order:
    """The order `text` names on this ledger.

    InputError (code "lookup_empty") for nothing typed; OrderNotFound for a code or number this
    ledger does not hold, with code "other_kiosk" when it is another kiosk's certificate.
    """
    ref = reference(text)
    if not ref:
        raise InputError("code", "scan or type an order code", "lookup_empty")
    printed = PRINTED.match(ref)
    if printed:
        if printed.group("kiosk") != ledger.kiosk_id.upper():
            raise OrderNotFound(ref).coded("other_kiosk", ref=ref, kiosk=printed.group("kiosk"))
        return ledger.get(str(int(printed.group("serial"))))
    if ref.isdigit():
        return ledger.get(str(int(ref)))
    return ledger.get("".join(text.split()))  # an order code (any case) or id as stored
