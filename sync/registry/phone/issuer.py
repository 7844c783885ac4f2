"""The registry's own certificate issuer for the phone flow.

One Ed25519 key per registry, kept in its database (`settings`, like every other secret of
the registry: whoever holds the database holds the registry) so every server process signs
with it. Each venue's phone flow issues under an id of its own (`W` and nine characters from
the venue id, the length of a kiosk id, so the certificate's QR stays as small as a kiosk's):
its serials are gapless per venue, and its grants of retired serials are its own.
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection

from kiosk.certificate.keys import public_text
from kiosk.errors import DataError
from sync.registry import phone_storage, storage

KEY_SETTING = "issuer_key"
PREFIX = "W"  # kiosks make ids starting with K (kiosk.ledger.create)
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32, as kiosk ids


def issuer_id(venue_id: str) -> str:
    """The phone flow's issuer id for a venue: stable, ten characters."""
    digest = hashlib.sha256(f"diandian-venue:{venue_id}".encode()).digest()
    number = int.from_bytes(digest[:8], "big")
    chars = []
    for _ in range(9):
        number, index = divmod(number, 32)
        chars.append(ALPHABET[index])
    return PREFIX + "".join(chars)


def ensure_key(*, conn: Connection) -> Ed25519PrivateKey:
    """The registry's issuer key, made on first use (`registry init`)."""
    pem = storage.get_setting(conn=conn, key=KEY_SETTING)
    if pem is None:
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        storage.set_setting(conn=conn, key=KEY_SETTING, value=pem)
    return load_key(pem)


def load_key(pem: str) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise DataError("the registry's issuer key is not an Ed25519 key")
    return key


def key_of(*, conn: Connection) -> Ed25519PrivateKey:
    """The stored key; DataError when the registry has none (run `registry init`)."""
    pem = storage.get_setting(conn=conn, key=KEY_SETTING)
    if pem is None:
        raise DataError("the registry has no issuer key; run `diandian registry init`")
    return load_key(pem)


def ensure_issuer(*, conn: Connection, venue_id: str) -> str:
    """The venue's issuer row (role "phone", the registry's public key); its id. A kiosk
    enrolled under that id (which kiosks never make) is refused."""
    kiosk_id = issuer_id(venue_id)
    public = public_text(ensure_key(conn=conn))
    row = storage.get_kiosk(conn=conn, kiosk_id=kiosk_id)
    if row is not None and (row.role != "phone" or row.public_key != public):
        raise DataError(f"kiosk id {kiosk_id} (venue {venue_id}'s phone flow) is taken")
    if row is None:
        phone_storage.add_issuer(
            conn=conn,
            kiosk_id=kiosk_id,
            name=f"phone flow · {venue_id}",
            public_key=public,
            venue=venue_id,
        )
    return kiosk_id
