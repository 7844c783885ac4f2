"""Where a venue's entrance QR sends a phone: the registry's phone flow for that venue.

One rule for every place that shows it (the poster `diandian venue poster` prints, the
kiosk's attract screen, the registry's own pages), so a printed poster and the kiosk's screen
always open the same page. The base is the registry's public address, checked by the same
rule as a certificate's (kiosk.certificate.address).
"""

from __future__ import annotations

from kiosk.certificate.address import check_public_url
from kiosk.certificate.issue import enrolled_base_url
from kiosk.errors import InputError
from kiosk.ledger import Ledger
from kiosk.venues import VENUE_ID

PATH = "/v/"


def phone_url(base_url: str, venue_id: str) -> str:
    """`https://HOST/v/VENUE`; InputError when the address or the venue id is not usable."""
    if not VENUE_ID.match(venue_id):
        raise InputError("venue", f"{venue_id!r} is not a venue id")
    return f"{check_public_url(base_url)}{PATH}{venue_id}"


def phone_address(ledger: Ledger, venue_id: str) -> str:
    """The phone flow's address for this kiosk's venue, once the kiosk learned the registry's
    public address (enrolment, then each catalogue pull); "" before that (a demo kiosk)."""
    base = enrolled_base_url(ledger)
    if not base:
        return ""
    try:
        return phone_url(base, venue_id)
    except InputError:
        return ""
