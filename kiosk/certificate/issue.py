"""Certificates from the ledger: the kiosk's key, a paid order's signed QR text, known keys.

A paid order's certificate and QR text are kiosk.certificate.of_order's (no settings, no ledger:
the registry's phone flow signs its own sales with them).
"""

from __future__ import annotations

import contextlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.certificate import keys, payload
from kiosk.certificate.address import check_public_url
from kiosk.certificate.keys import SigningKeyError
from kiosk.config import load_settings
from kiosk.errors import InputError
from kiosk.ledger import Ledger, syncstate
from kiosk.order_state import OrderState


def kiosk_key(ledger: Ledger) -> Ed25519PrivateKey:
    """This kiosk's signing key, made on first start and registered in its own ledger.

    A ledger that knows this kiosk's public key but whose key file is gone is refused: a new
    key would issue certificates nobody can verify against the enrolled one.
    """
    path = keys.key_path_for(ledger.path)
    known = ledger.kiosk_keys().get(ledger.kiosk_id)
    if known is not None and not path.exists():
        raise SigningKeyError(
            f"the kiosk's signing key {path} is missing; restore it from the backup made "
            "with the ledger (certificates cannot be issued until then)"
        )
    key = keys.load_or_create(path)
    mine = keys.public_text(key)
    if known is None:
        ledger.add_kiosk_key(ledger.kiosk_id, mine, source="this kiosk", actor="system")
    elif known != mine:
        raise SigningKeyError(f"the signing key {path} does not belong to kiosk {ledger.kiosk_id}")
    return key


def enrolled_base_url(ledger: Ledger) -> str | None:
    """The registry's public address this kiosk learned (enrolment, then each catalogue pull),
    else the address it enrolled with (a registry that names none serves its pages there)."""
    return _usable(
        syncstate.setting(ledger, "public_url"), syncstate.setting(ledger, "registry_url")
    )


def base_url(ledger: Ledger) -> str | None:
    """The address every certificate of this kiosk points to now (see kiosk.certificate.address);
    None: a demo kiosk, whose QR opens no page."""
    enrolled = enrolled_base_url(ledger)
    if enrolled:
        return enrolled
    settings, _ = load_settings()  # problems are reported at start-up, not on every slip
    return _usable(settings.public_url, settings.registry_url)


def _usable(*candidates: str | None) -> str | None:
    """The first address fit for a QR (an address with a path, say, is not)."""
    for candidate in candidates:
        if candidate:
            with contextlib.suppress(InputError):
                return check_public_url(candidate)
    return None


def refunded(ledger: Ledger, cert: payload.Certificate) -> bool:
    """Whether this ledger (its own sale) or the registry data it pulled knows the certificate
    was refunded."""
    if cert.kiosk_id == ledger.kiosk_id:
        with contextlib.suppress(InputError):
            if ledger.get(str(cert.serial)).status == OrderState.VOIDED:
                return True
    pulled = syncstate.pulled_data(ledger, "keys") or {}
    return cert.cert_id in pulled.get("revoked", ())


def known_keys(ledger: Ledger) -> dict[str, Ed25519PublicKey]:
    return {kiosk: keys.public_from_text(text) for kiosk, text in ledger.kiosk_keys().items()}
