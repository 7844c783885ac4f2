"""The certificate payload: CBOR with short integer keys, signed, Base32 in a QR-friendly URL.

Why Base32 and not Base45 (as the EU COVID certificate uses): Base45's alphabet has a space and
'%', which break a URL; RFC 4648 Base32 (A-Z, 2-7) is all inside QR's alphanumeric mode, so the
whole upper-case URL still encodes at 5.5 bits a character, and a phone opens it as it is.
The signature covers a context string plus the CBOR bytes, so it cannot be replayed elsewhere.

A token is read in two steps, so nothing an attacker wrote is interpreted unchecked: `open_token`
takes the one canonical Base32 text apart and reads only the issuing kiosk's id (to pick its
key); `verify` checks the signature over the raw bytes, and only then turns the fields into a
Certificate (dates, numbers), with every value range-checked even so.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import cbor2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.certificate.keys import signature_ok
from kiosk.errors import DiandianError

CONTEXT = b"DIANDIAN-CERT-1\x00"
FORMAT = 1
SIGNATURE_BYTES = 64
# CBOR keys: small integers keep the QR small
K_FORMAT, K_KIOSK, K_SERIAL, K_ISSUED, K_FOOTPRINT, K_OFFSET, K_PROJECT, K_FACTORS = range(8)
# What the QR holds when the kiosk knows no registry address: no web page, but still a signed
# certificate `diandian cert verify` checks (QR alphanumeric mode: capitals, ':' and '/').
DEMO_PREFIX = "DIANDIAN:"
LATEST_ISSUE = 4_102_444_800  # 2100-01-01 UTC: a later issue time is not a real one
MAX_KIOSK_ID = 64  # characters; kiosk ids are ten


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


@dataclass(frozen=True, slots=True)
class Signed:
    """A token taken apart but not yet trusted: whose key must check it, and the raw bytes."""

    kiosk_id: str
    named: str  # the certificate id the URL names ("" for a bare token)
    body: bytes
    signature: bytes


def sign(cert: Certificate, key: Ed25519PrivateKey) -> str:
    """The Base32 token: CBOR payload followed by its 64-byte signature."""
    body = cert.to_cbor()
    token = body + key.sign(CONTEXT + body)
    return base64.b32encode(token).decode().rstrip("=")


def url(cert: Certificate, token: str, base_url: str | None) -> str:
    """What the QR holds: the registry's page for this certificate, carrying the token; with
    no registry address (a demo kiosk), the same path behind DEMO_PREFIX, which no phone
    mistakes for a web page."""
    if not base_url:
        return f"{DEMO_PREFIX}C/{cert.cert_id}/{token}"
    return f"{base_url.rstrip('/').upper()}/C/{cert.cert_id}/{token}"


def _token(text: str) -> tuple[str, str]:
    """The token and the certificate id the URL names (empty when given a bare token)."""
    text = text.strip()
    if text[: len(DEMO_PREFIX)].upper() == DEMO_PREFIX:
        text = "/" + text[len(DEMO_PREFIX) :]
    parts = text.rstrip("/").split("/")
    if len(parts) >= 3 and parts[-3].upper() == "C":
        return parts[-1], parts[-2].upper()
    return parts[-1], ""


def _canonical_bytes(token: str) -> bytes:
    """The bytes of a token written exactly as `sign` writes it: capitals, no '=' padding, and
    the last character's unused bits zero, so one certificate has exactly one valid text."""
    if token.endswith("="):
        raise CertificateError(
            "the certificate code ends in '=', which a Diandian code never has "
            "(one certificate has exactly one valid text)"
        )
    try:
        raw = base64.b32decode(token.upper() + "=" * (-len(token) % 8))
    except (binascii.Error, ValueError):
        raise CertificateError("not a Diandian certificate: the code is not Base32") from None
    if token != token.upper():
        raise CertificateError("the certificate code must be in capitals, as printed")
    if base64.b32encode(raw).decode().rstrip("=") != token:
        raise CertificateError(
            "the certificate code's last character was changed (its unused bits are set)"
        )
    return raw


def open_token(text: str) -> Signed:
    """Take a certificate text apart without trusting it: only the issuing kiosk's id is read
    (to choose the key that must check the signature); nothing else is interpreted."""
    token, named = _token(text)
    raw = _canonical_bytes(token)
    if len(raw) <= SIGNATURE_BYTES + 8:
        raise CertificateError("the certificate code is truncated")
    body, signature = raw[:-SIGNATURE_BYTES], raw[-SIGNATURE_BYTES:]
    kiosk_id = _load(body).get(K_KIOSK)
    if not isinstance(kiosk_id, str) or not 0 < len(kiosk_id) <= MAX_KIOSK_ID:
        raise CertificateError("the certificate payload is malformed (no issuing kiosk)")
    if named and not named.startswith(f"{kiosk_id.upper()}-"):
        raise CertificateError(f"the address names {named} but the code is from kiosk {kiosk_id}")
    return Signed(kiosk_id, named, body, signature)


def _load(body: bytes) -> dict[object, Any]:
    try:
        data = cbor2.loads(body)
    except Exception:  # cbor2 raises several types for garbage; all mean the same here
        raise CertificateError("the certificate payload is malformed") from None
    if not isinstance(data, dict):
        raise CertificateError("the certificate payload is malformed (not a map)")
    return data


def _from_map(data: dict[object, Any]) -> Certificate:
    types = {K_FORMAT: int, K_KIOSK: str, K_SERIAL: int, K_ISSUED: int, K_FOOTPRINT: int,
             K_OFFSET: int, K_PROJECT: str, K_FACTORS: str}  # fmt: skip
    if any(
        not isinstance(data.get(k), t) or isinstance(data.get(k), bool) for k, t in types.items()
    ):
        raise CertificateError("the certificate payload is malformed (fields missing or wrong)")
    if data[K_FORMAT] != FORMAT:
        raise CertificateError(f"certificate format {data[K_FORMAT]} is not supported")
    if min(data[K_SERIAL], data[K_FOOTPRINT], data[K_OFFSET], data[K_ISSUED]) < 0:
        raise CertificateError("the certificate payload is malformed (negative numbers)")
    if data[K_ISSUED] >= LATEST_ISSUE:
        raise CertificateError("the certificate payload is malformed (issue time out of range)")
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
    """The certificate, if its signature checks out against the issuing kiosk's known key.

    The signature is checked over the raw bytes before any field is interpreted."""
    signed = open_token(text)
    public = keys.get(signed.kiosk_id)
    if public is None:
        raise CertificateError(f"unknown kiosk {signed.kiosk_id}: its public key is not known here")
    if not signature_ok(public, signed.signature, CONTEXT + signed.body):
        raise CertificateError(
            "the signature does not match: the certificate was changed or forged"
        )
    cert = _from_map(_load(signed.body))
    if signed.named and signed.named != cert.cert_id:
        raise CertificateError(f"the address names {signed.named} but the code is {cert.cert_id}")
    return cert
