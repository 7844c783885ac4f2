"""The certificate payload: CBOR with short integer keys, signed, Base32 in a QR-friendly URL.

Why Base32 and not Base45 (as the EU COVID certificate uses): Base45's alphabet has a space and
'%', which break a URL; RFC 4648 Base32 (A-Z, 2-7) is all inside QR's alphanumeric mode, so the
whole upper-case URL still encodes at 5.5 bits a character, and a phone opens it as it is.
The signature covers a context string plus the CBOR bytes, so it cannot be replayed elsewhere.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime

import cbor2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.certificate.keys import signature_ok
from kiosk.errors import DiandianError

CONTEXT = b"DIANDIAN-CERT-1\x00"
FORMAT = 1
SIGNATURE_BYTES = 64
# CBOR keys: small integers keep the QR small
K_FORMAT, K_KIOSK, K_SERIAL, K_ISSUED, K_FOOTPRINT, K_OFFSET, K_PROJECT, K_FACTORS = range(8)
DEFAULT_BASE_URL = "https://diandian.example"


class CertificateError(DiandianError):
    """Why a certificate text is not a valid Diandian certificate; one plain line."""


@dataclass(frozen=True, slots=True)
class Certificate:
    kiosk_id: str
    serial: int
    issued: datetime  # UTC, whole seconds
    footprint_g: int
    offset_g: int
    project_id: str
    factors_version: str

    @property
    def cert_id(self) -> str:
        return f"{self.kiosk_id}-{self.serial:06d}"

    def to_cbor(self) -> bytes:
        return cbor2.dumps(
            {
                K_FORMAT: FORMAT,
                K_KIOSK: self.kiosk_id,
                K_SERIAL: self.serial,
                K_ISSUED: int(self.issued.timestamp()),
                K_FOOTPRINT: self.footprint_g,
                K_OFFSET: self.offset_g,
                K_PROJECT: self.project_id,
                K_FACTORS: self.factors_version,
            }
        )


def sign(cert: Certificate, key: Ed25519PrivateKey) -> str:
    """The Base32 token: CBOR payload followed by its 64-byte signature."""
    body = cert.to_cbor()
    token = body + key.sign(CONTEXT + body)
    return base64.b32encode(token).decode().rstrip("=")


def url(cert: Certificate, token: str, base_url: str = DEFAULT_BASE_URL) -> str:
    """What the QR holds: the registry's page for this certificate, carrying the token."""
    return f"{base_url.rstrip('/').upper()}/C/{cert.cert_id}/{token}"


def _token(text: str) -> tuple[str, str]:
    """The token and the certificate id the URL names (empty when given a bare token)."""
    parts = text.strip().rstrip("/").split("/")
    if len(parts) >= 3 and parts[-3].upper() == "C":
        return parts[-1], parts[-2].upper()
    return parts[-1], ""


def decode(text: str) -> tuple[Certificate, bytes, bytes]:
    """Parse without checking the signature: (certificate, signed body, signature)."""
    token, named = _token(text)
    try:
        raw = base64.b32decode(token.upper() + "=" * (-len(token) % 8))
    except (binascii.Error, ValueError):
        raise CertificateError("not a Diandian certificate: the code is not Base32") from None
    if len(raw) <= SIGNATURE_BYTES + 8:
        raise CertificateError("the certificate code is truncated")
    body, signature = raw[:-SIGNATURE_BYTES], raw[-SIGNATURE_BYTES:]
    try:
        data = cbor2.loads(body)
    except Exception:  # cbor2 raises several types for garbage; all mean the same here
        raise CertificateError("the certificate payload is malformed") from None
    cert = _from_map(data)
    if named and named != cert.cert_id:
        raise CertificateError(f"the address names {named} but the code is {cert.cert_id}")
    return cert, body, signature


def _from_map(data: object) -> Certificate:
    types = {K_FORMAT: int, K_KIOSK: str, K_SERIAL: int, K_ISSUED: int, K_FOOTPRINT: int,
             K_OFFSET: int, K_PROJECT: str, K_FACTORS: str}  # fmt: skip
    if not isinstance(data, dict) or any(not isinstance(data.get(k), t) for k, t in types.items()):
        raise CertificateError("the certificate payload is malformed (fields missing or wrong)")
    if data[K_FORMAT] != FORMAT:
        raise CertificateError(f"certificate format {data[K_FORMAT]} is not supported")
    if min(data[K_SERIAL], data[K_FOOTPRINT], data[K_OFFSET], data[K_ISSUED]) < 0:
        raise CertificateError("the certificate payload is malformed (negative numbers)")
    return Certificate(
        kiosk_id=data[K_KIOSK],
        serial=data[K_SERIAL],
        issued=datetime.fromtimestamp(data[K_ISSUED], UTC),
        footprint_g=data[K_FOOTPRINT],
        offset_g=data[K_OFFSET],
        project_id=data[K_PROJECT],
        factors_version=data[K_FACTORS],
    )


def verify(text: str, keys: dict[str, Ed25519PublicKey]) -> Certificate:
    """The certificate, if its signature checks out against the issuing kiosk's known key."""
    cert, body, signature = decode(text)
    public = keys.get(cert.kiosk_id)
    if public is None:
        raise CertificateError(f"unknown kiosk {cert.kiosk_id}: its public key is not known here")
    if not signature_ok(public, signature, CONTEXT + body):
        raise CertificateError(
            "the signature does not match: the certificate was changed or forged"
        )
    return cert
