"""Checks a kiosk's signed request inside the request's own transaction.

The nonce is recorded in the same transaction as the request's writes: a request that fails
leaves no trace, and one that succeeds can never be replayed. Routes take a `SignedRequest`
(a FastAPI dependency) and run their work through it, so no route can forget the check.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends
from sqlalchemy import Connection, Row
from starlette.requests import Request

from kiosk.certificate.keys import SigningKeyError, public_from_text
from sync import protocol
from sync.registry import storage
from sync.registry.errors import ApiError
from sync.registry.routes import transaction

T = TypeVar("T")


def signed_path(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def check_protocol(request: Request) -> None:
    version = request.headers.get(protocol.H_PROTOCOL)
    if version is not None and version != str(protocol.PROTOCOL_VERSION):
        raise ApiError(
            400,
            "protocol",
            f"protocol version {version} is not supported (this registry speaks "
            f"{protocol.PROTOCOL_VERSION}); update the kiosk",
        )


def authenticate(*, conn: Connection, request: Request, body: bytes) -> Row:
    """The kiosk that signed this request, or ApiError 401 saying why not."""
    check_protocol(request)
    kiosk_id = request.headers.get(protocol.H_KIOSK, "")
    kiosk = storage.get_kiosk(conn=conn, kiosk_id=kiosk_id) if kiosk_id else None
    try:
        public = public_from_text(kiosk.public_key) if kiosk is not None else None
    except SigningKeyError:
        public = None
    now = time.time()
    try:
        _, nonce = protocol.check_request(
            request.headers, request.method, signed_path(request), body, public, now=now
        )
    except protocol.AuthError as exc:
        raise ApiError(401, "unauthorised", str(exc)) from None
    assert kiosk is not None
    if not storage.record_nonce(conn=conn, kiosk_id=kiosk_id, nonce=nonce, seen_at=int(now)):
        raise ApiError(401, "unauthorised", "replayed request: this nonce was already used")
    return kiosk


@dataclass(frozen=True, slots=True)
class Signed:
    """A request a kiosk signed, with the exact bytes it signed."""

    request: Request
    body: bytes

    async def run(self, work: Callable[[Connection, Row], T]) -> T:
        """`work(conn, kiosk)` in one transaction that first checks the signature and records
        the nonce: a refused request writes nothing, an accepted one cannot be replayed."""

        def checked(conn: Connection) -> T:
            return work(conn, authenticate(conn=conn, request=self.request, body=self.body))

        return await transaction(self.request, checked)


async def signed_request(request: Request) -> Signed:
    return Signed(request, await request.body())


SignedRequest = Annotated[Signed, Depends(signed_request)]
