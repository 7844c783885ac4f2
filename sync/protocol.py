"""The sync contract between kiosks and the registry, used by both sides.

Versions (a dated note per change, as Anki does):
- 1 (2026-11-26): enrolment with a one-time token; signed requests; push of outbox batches with
  per-record answers; pulls of catalogue, factors, allocations, rankings and kiosk keys.
- 1, fields added (issue 11): the enrolment answer and the catalogue carry `public_url` (where
  certificate QRs point; null: the registry's own address); the keys pull lists `revoked`
  (refunded certificate ids). Both sides ignore fields they do not know.

Every kiosk request except enrolment and the public pages is signed with the kiosk's Ed25519
key over: the context line, method, path with query, timestamp, nonce and the SHA-256 of the
body. The registry refuses an unknown kiosk, a bad signature, a timestamp more than five
minutes off, and a nonce it has already seen (a replay).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from collections.abc import Mapping
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
CERTIFICATE = f"{API}/certificates/{{cert_id}}"  # GET -> CertificateStatus, public
PAGE = "/c/{cert_id}"  # HTML; the QR opens /C/{cert_id}/{token} (case-insensitive)

MAX_BATCH = 500  # records per push
# The bodies of these requests and answers are the models in sync/messages.py. `granted_g` in
# allocations is the total a kiosk has ever been granted for a project; the kiosk sets its own
# allocation's granted_g to it (never below what it has committed).


def canonical(value: Any) -> bytes:
    """The one JSON encoding both sides sign and hash."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def signing_message(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    digest = hashlib.sha256(body).hexdigest()
    return "\n".join([CONTEXT, method.upper(), path, timestamp, nonce, digest]).encode()


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
    kiosk_id = headers.get(H_KIOSK, "")
    if not kiosk_id:
        raise AuthError(f"missing {H_KIOSK} header")
    if public_key is None:
        raise AuthError(f"unknown kiosk {kiosk_id}")
    timestamp, nonce = headers.get(H_TIME, ""), headers.get(H_NONCE, "")
    if not timestamp.isdigit() or not nonce or len(nonce) > 64:
        raise AuthError("missing or malformed timestamp or nonce")
    clock = time.time() if now is None else now
    if abs(clock - int(timestamp)) > MAX_SKEW_S:
        raise AuthError(
            f"timestamp is more than {MAX_SKEW_S // 60} minutes off the registry's clock"
        )
    try:
        signature = base64.b64decode(headers.get(H_SIGNATURE, ""), validate=True)
    except ValueError:
        raise AuthError("malformed signature") from None
    if not signature_ok(
        public_key, signature, signing_message(method, path, timestamp, nonce, body)
    ):
        raise AuthError("bad signature")
    return kiosk_id, nonce
