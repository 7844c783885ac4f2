"""Checks a kiosk's signed request from its headers and the raw body's digest, before any of
the body is parsed; the nonce is recorded inside the request's own transaction.

Order, cheapest refusal first: the signature headers' form (401), the protocol version (400),
the timestamp window (401), the kiosk's enrolled key (401; 403 if suspended), the body as it
streams in (413 past the cap, see `limits`), the signature over its SHA-256 (401). Only then
does a route parse the body (`Signed.parse`, on a worker thread). The nonce is recorded in
the same transaction as the request's writes: a request that fails leaves no trace, and one
that succeeds can never be replayed. Routes take a `SignedRequest` (a FastAPI dependency) and
run their work through it, so no route can forget the check.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends
from fastapi.security import APIKeyHeader
from pydantic import BaseModel
from sqlalchemy import Connection, Row
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from kiosk.certificate.keys import SigningKeyError, public_from_text
from sync import protocol
from sync.registry import bodies, storage
from sync.registry.errors import ApiError
from sync.registry.routes import reading, transaction

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

# The OpenAPI document lists the four signature headers as one security requirement; the
# values are read and checked below, so these never refuse a request themselves.
SIGNING = (
    "Every header of the four is required. The kiosk signs, with the Ed25519 key it enrolled, "
    f"the lines `{protocol.CONTEXT}`, method, path with query, timestamp, nonce and the hex "
    "SHA-256 of the body (UTF-8, joined by \\n); the timestamp must be within "
    f"{protocol.MAX_SKEW_S} s of the registry's clock and the nonce never used before."
)
KIOSK, TIME, NONCE, SIGNATURE = (
    APIKeyHeader(
        name=name,
        scheme_name=name.removeprefix("X-Diandian-").lower(),
        description=f"{meaning[0].upper()}{meaning[1:]}. {SIGNING}",
        auto_error=False,
    )
    for name, (_, meaning) in protocol.SIGNATURE_HEADERS.items()
)


def signed_path(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def check_protocol(request: Request) -> None:
    version = request.headers.get(protocol.H_PROTOCOL)
    if version is not None and version != str(protocol.PROTOCOL_VERSION):
        raise ApiError(
            400,
            "protocol",
            f"protocol version {version[:20]} is not supported (this registry speaks "
            f"{protocol.PROTOCOL_VERSION}); update the kiosk",
        )


def _unauthorised(message: str) -> ApiError:
    return ApiError(401, "unauthorised", message)


def usable_kiosk(kiosk: Row | None, kiosk_id: str) -> Row:
    """The kiosk's row if it may sign requests: enrolled, and not suspended."""
    if kiosk is None:
        raise _unauthorised(f"unknown kiosk {kiosk_id}")
    if kiosk.suspended:
        raise ApiError(403, "kiosk_suspended", f"kiosk {kiosk_id} is suspended: {kiosk.suspended}")
    return kiosk


@dataclass(frozen=True, slots=True)
class Signed:
    """A request whose signature checked out, with the exact bytes it signed."""

    request: Request
    body: bytes
    body_sha256: str  # hex, as signed
    auth: protocol.AuthHeaders

    async def parse(self, model: type[M]) -> M:
        """The body as `model`, parsed once, off the event loop."""
        return await run_in_threadpool(bodies.parse, self.body, model)

    async def parse_push(self) -> bodies.PushBatch:
        """The body as a push (`bodies.parse_push`), parsed once, off the event loop."""
        return await run_in_threadpool(bodies.parse_push, self.body)

    async def run(self, work: Callable[[Connection, Row], T]) -> T:
        """`work(conn, kiosk)` in one transaction that first records the nonce: a refused
        request writes nothing, an accepted one cannot be replayed."""
        auth = self.auth

        def checked(conn: Connection) -> T:
            kiosk = storage.get_kiosk(conn=conn, kiosk_id=auth.kiosk_id)
            kiosk = usable_kiosk(kiosk, auth.kiosk_id)
            if not storage.record_nonce(
                conn=conn, kiosk_id=auth.kiosk_id, nonce=auth.nonce, seen_at=int(time.time())
            ):
                raise _unauthorised("replayed request: this nonce was already used")
            storage.mark_synced(conn=conn, kiosk_id=auth.kiosk_id)
            return work(conn, kiosk)

        return await transaction(self.request, checked)


async def signed_request(
    request: Request,
    _kiosk: Annotated[str | None, Depends(KIOSK)],
    _time: Annotated[str | None, Depends(TIME)],
    _nonce: Annotated[str | None, Depends(NONCE)],
    _signature: Annotated[str | None, Depends(SIGNATURE)],
) -> Signed:
    try:
        auth = protocol.auth_headers(request.headers)
        check_protocol(request)
        protocol.check_fresh(auth, time.time())
    except protocol.AuthError as exc:
        raise _unauthorised(str(exc)) from None

    def enrolled_key(conn: Connection) -> str:
        kiosk = storage.get_kiosk(conn=conn, kiosk_id=auth.kiosk_id)
        return str(usable_kiosk(kiosk, auth.kiosk_id).public_key)

    key_text = await reading(request, enrolled_key)  # beside the writer, not queued behind it
    digest = hashlib.sha256()
    chunks = []
    async for chunk in request.stream():  # capped by limits.BodyLimit as it arrives
        digest.update(chunk)
        chunks.append(chunk)
    try:
        public = public_from_text(key_text)
        protocol.check_signature(
            auth, request.method, signed_path(request), digest.hexdigest(), public
        )
    except (protocol.AuthError, SigningKeyError):
        raise _unauthorised("bad signature") from None
    return Signed(request, b"".join(chunks), digest.hexdigest(), auth)


SignedRequest = Annotated[Signed, Depends(signed_request)]
