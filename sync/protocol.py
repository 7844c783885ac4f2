"""The sync contract between kiosks and the registry, used by both sides.

Versions (a dated note per change, as Anki does):
- 1 (2026-11-26): enrolment with a one-time token; signed requests; push of outbox batches with
  per-record answers; pulls of catalogue, factors, allocations, rankings and kiosk keys.
  2026-12-05, compatible: kiosk ids enrol in upper case (KIOSK_ID), as kiosks make them;
  signature headers must match SIGNATURE_HEADERS; bodies are capped (MAX_PUSH_BODY,
  MAX_BODY: 413); a suspended kiosk gets 403; a 409 other than `idempotency_conflict` is about
  the records and ends the client's run.
- 1, fields added (issue 11): the enrolment answer and the catalogue carry `public_url` (where
  certificate QRs point; null: the registry's own address); the keys pull lists `revoked`
  (refunded certificate ids). Both sides ignore fields they do not know.
- 1, fields added (issue 11, retire first): each allocation carries `credit_model`, the
  retired serials granted (`grants`) and `drawn_to`; a pushed order carries its
  `credit_ranges`, which the registry checks against that kiosk's grants; the certificate
  lookup adds `retirement_status` and `ranges`. A registry must be upgraded before its kiosks.
- 1, event added (issue 17, 2026-12): a push may carry `day_closed` records, a kiosk's signed
  summary of a business day (kiosk.day_summary.DaySummary), keyed `day-YYYY-MM-DD-rN` in
  `order_id`; a paid order's payload must name its `payment_method`. A registry must be
  upgraded before its kiosks (an older one refuses the whole batch with a 422).
- 1, compatible (issue 19, 2026-12-06): the registry keys a pushed batch by the SHA-256 of its
  body as sent (it took the canonical re-encoding's before; kiosks always sent canonical
  bytes, so the two agree), and stores and hashes each payload's text as sent when the body is
  laid out as `canonical` lays it out.

Every kiosk request except enrolment and the public pages is signed with the kiosk's Ed25519
key over: the context line, method, path with query, timestamp, nonce and the SHA-256 of the
body. The registry refuses an unknown kiosk, a bad signature, a timestamp more than five
minutes off, and a nonce it has already seen (a replay).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.certificate.keys import signature_ok

PROTOCOL_VERSION = 1
API = "/v1"
CONTEXT = "DIANDIAN-SYNC-1"
MAX_SKEW_S = 300  # a request's timestamp may be this far from the registry's clock
NONCE_TTL_S = 2 * MAX_SKEW_S  # nonces are remembered at least as long as a timestamp is valid

H_KIOSK = "X-Diandian-Kiosk"
H_TIME = "X-Diandian-Timestamp"
H_NONCE = "X-Diandian-Nonce"
H_SIGNATURE = "X-Diandian-Signature"
H_PROTOCOL = "X-Diandian-Protocol"
H_IDEMPOTENCY = "Idempotency-Key"  # the batch id on a push: a resend gets the stored answer

# Endpoints, with their bodies' models (sync/messages.py; a refusal is an ErrorResponse)
HEALTH = f"{API}/health"  # GET -> Health, public
ENROL = f"{API}/enrol"  # POST EnrolRequest -> EnrolResponse, unsigned (the token is the proof)
PUSH = f"{API}/push"  # POST PushRequest -> PushResponse, signed, Idempotency-Key = batch_id
CATALOGUE = f"{API}/catalogue"  # GET -> Catalogue
FACTORS = f"{API}/factors"  # GET -> Factors
ALLOCATIONS = f"{API}/allocations"  # GET -> Allocations
RANKINGS = f"{API}/rankings"  # GET ?scope=day|venue|all -> Rankings
KEYS = f"{API}/keys"  # GET -> Keys
EVENTS = f"{API}/events"  # GET ?venue=ID -> Events: the venue's events not ended yet
CERTIFICATE = f"{API}/certificates/{{cert_id}}"  # GET -> CertificateStatus, public
PAGE = "/c/{cert_id}"  # HTML; the QR opens /C/{cert_id}/{token} (case-insensitive)
EVENT_PAGE = "/e/{event_id}"  # HTML, public: the event's footprint and how much is offset

MAX_BATCH = 500  # records per push
# Request bodies the registry reads, in bytes (413 past them, counted as the body streams in).
# Measured over the outbox of `diandian simulate --orders 2000`: a record is 1,355 bytes in a
# push body (median; largest 1,724), a full batch of 500 is 642-649 kB. The push cap leaves
# three times that; the sync job splits a batch that would not fit.
MAX_PUSH_BODY = 2 * 1024 * 1024
MAX_BODY = 64 * 1024  # any other request (an enrolment is about 300 bytes)

# A kiosk id as kiosks make them ("K" and nine Crockford Base32 characters): the registry
# enrols only ids in this one (upper) case, so two ids can never differ by case alone.
KIOSK_ID = r"^[A-Z0-9][A-Z0-9_.:-]{0,63}$"

# The bodies of these requests and answers are the models in sync/messages.py. `granted_g` in
# allocations is the total a kiosk has ever been granted for a project; the kiosk sets its own
# allocation's granted_g to it (never below what it has committed).


def canonical(value: Any) -> bytes:
    """The one JSON encoding both sides sign and hash."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def signing_message(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    return _message(method, path, timestamp, nonce, hashlib.sha256(body).hexdigest())


def _message(method: str, path: str, timestamp: str, nonce: str, body_sha256: str) -> bytes:
    return "\n".join([CONTEXT, method.upper(), path, timestamp, nonce, body_sha256]).encode()


def sign_request(
    key: Ed25519PrivateKey,
    kiosk_id: str,
    method: str,
    path: str,
    body: bytes = b"",
    *,
    now: float | None = None,
) -> dict[str, str]:
    """The headers that authenticate one request (path includes any query string)."""
    timestamp = str(int(time.time() if now is None else now))
    nonce = secrets.token_hex(16)
    signature = key.sign(signing_message(method, path, timestamp, nonce, body))
    return {
        H_KIOSK: kiosk_id,
        H_TIME: timestamp,
        H_NONCE: nonce,
        H_SIGNATURE: base64.b64encode(signature).decode(),
        H_PROTOCOL: str(PROTOCOL_VERSION),
    }


class AuthError(Exception):
    """Why a request is refused (401); the message is safe to send back."""


# What each signature header must look like, checked (ASCII only, whole value) before any of
# it is used: `int()` takes "²" and 5,000-digit numbers, and a huge one overflows a float.
SIGNATURE_HEADERS: dict[str, tuple[str, str]] = {
    H_KIOSK: (r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}", "a kiosk id (letters, digits, _ . : -)"),
    H_TIME: (r"[0-9]{1,12}", "the Unix time in whole seconds, ASCII digits"),
    H_NONCE: (r"[A-Za-z0-9_-]{16,64}", "16 to 64 letters, digits, - or _"),
    H_SIGNATURE: (r"[A-Za-z0-9+/]{86}==", "the Base64 of a 64-byte Ed25519 signature"),
}


@dataclass(frozen=True, slots=True)
class AuthHeaders:
    """A request's signature headers, each checked against SIGNATURE_HEADERS."""

    kiosk_id: str
    timestamp: str
    nonce: str
    signature: bytes

    @property
    def time(self) -> int:
        return int(self.timestamp)


def auth_headers(headers: Mapping[str, str]) -> AuthHeaders:
    """The signature headers of a request, or AuthError naming the first missing or malformed
    one and what it must look like. `headers` must be case-insensitive (as Starlette's are)."""
    values = {}
    for name, (pattern, meaning) in SIGNATURE_HEADERS.items():
        value = headers.get(name)
        if not value:
            raise AuthError(f"missing {name} header")
        if not re.fullmatch(pattern, value, flags=re.ASCII):
            raise AuthError(f"malformed {name} header: it must be {meaning}")
        values[name] = value
    return AuthHeaders(
        kiosk_id=values[H_KIOSK],
        timestamp=values[H_TIME],
        nonce=values[H_NONCE],
        signature=base64.b64decode(values[H_SIGNATURE], validate=True),
    )


def check_fresh(auth: AuthHeaders, now: float | None = None) -> None:
    clock = time.time() if now is None else now
    if abs(clock - auth.time) > MAX_SKEW_S:
        raise AuthError(
            f"timestamp is more than {MAX_SKEW_S // 60} minutes off the registry's clock"
        )


def check_signature(
    auth: AuthHeaders, method: str, path: str, body_sha256: str, public_key: Ed25519PublicKey
) -> None:
    """The signature over the request, given the hex SHA-256 of its body (taken as it arrived,
    before any parsing)."""
    message = _message(method, path, auth.timestamp, auth.nonce, body_sha256)
    if not signature_ok(public_key, auth.signature, message):
        raise AuthError("bad signature")


def check_request(
    headers: Mapping[str, str],
    method: str,
    path: str,
    body: bytes,
    public_key: Ed25519PublicKey | None,
    *,
    now: float | None = None,
) -> tuple[str, str]:
    """Check a signed request's headers; returns (kiosk_id, nonce) for the replay check.

    `headers` must be case-insensitive (as Starlette's are). The caller looks the kiosk's key
    up first (None for an unknown kiosk) and records the nonce after this returns.
    """
    auth = auth_headers(headers)
    if public_key is None:
        raise AuthError(f"unknown kiosk {auth.kiosk_id}")
    check_fresh(auth, now)
    check_signature(auth, method, path, hashlib.sha256(body).hexdigest(), public_key)
    return auth.kiosk_id, auth.nonce
