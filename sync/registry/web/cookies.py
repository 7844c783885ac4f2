"""A small state kept by the visitor's browser, signed so it cannot be forged, and the CSRF
token bound to it.

The cookie is `base64url(JSON).base64url(HMAC-SHA256)`, HTTP-only (no script reads it),
SameSite=Lax (sent on the visitor's return from a payment provider's page, never with a
cross-site POST), Secure whenever the page came over HTTPS, and good for `MAX_AGE`. It holds
no personal data beyond what a page put in it (the phone flow: answers and an optional
nickname). A tampered, truncated or expired cookie reads as none.

The CSRF token is an HMAC of the state's random id: a form rendered for this visitor, and
only for them, carries it (synchroniser token). The secret is a settings row of the registry,
made on first use, shared by every server process.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time
from typing import Any

from sqlalchemy import Connection
from starlette.requests import Request
from starlette.responses import Response

from sync.registry.web import storage

SECRET = "web_secret"
MAX_AGE = 2 * 3600  # seconds a visit is remembered
MAX_BYTES = 3800  # a browser keeps cookies up to 4 KiB


def secret(*, conn: Connection) -> bytes:
    return storage.secret(conn=conn, name=SECRET)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(key: bytes, purpose: str, data: bytes) -> bytes:
    return hmac.new(key, purpose.encode() + b"\x00" + data, hashlib.sha256).digest()


def encode(key: bytes, state: dict[str, Any]) -> str:
    body = json.dumps(state, separators=(",", ":"), ensure_ascii=False).encode()
    return f"{_b64(body)}.{_b64(_mac(key, 'cookie', body))}"


def decode(key: bytes, text: str | None, *, now: float | None = None) -> dict[str, Any] | None:
    """The state, or None if it is missing, forged, damaged or older than MAX_AGE."""
    if not text or len(text) > MAX_BYTES * 2 or text.count(".") != 1:
        return None
    body_text, mac_text = text.split(".")
    try:
        body, mac = _unb64(body_text), _unb64(mac_text)
    except (binascii.Error, ValueError):
        return None
    if not hmac.compare_digest(mac, _mac(key, "cookie", body)):
        return None
    try:
        state = json.loads(body)
    except ValueError:
        return None
    if not isinstance(state, dict) or not isinstance(state.get("id"), str):
        return None
    made = state.get("at")
    if not isinstance(made, int) or (now or time.time()) - made > MAX_AGE:
        return None
    return state


def fresh_id() -> str:
    return secrets.token_urlsafe(18)


def store(
    response: Response, request: Request, name: str, key: bytes, state: dict[str, Any]
) -> None:
    """Set the cookie on `response` (`state["at"]` is the time it was written)."""
    value = encode(key, {**state, "at": int(time.time())})
    if len(value) > MAX_BYTES:
        raise ValueError(f"cookie {name} would be {len(value)} bytes")
    response.set_cookie(
        name,
        value,
        max_age=MAX_AGE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def csrf_token(key: bytes, state_id: str) -> str:
    return _b64(_mac(key, "csrf", state_id.encode()))[:32]


def csrf_ok(key: bytes, state_id: str, token: str | None) -> bool:
    return bool(token) and hmac.compare_digest(str(token), csrf_token(key, state_id))
