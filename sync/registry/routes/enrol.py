"""POST /v1/enrol: an operator's one-time token binds a kiosk id to the kiosk's public key.

Unsigned (the token is the proof). A retry of an enrolment that already went through (same
token, kiosk and key) gets the same answer, so a lost response does not strand a kiosk.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import Connection

from kiosk.certificate.keys import SigningKeyError, public_from_text
from sync import protocol
from sync.messages import EnrolRequest, EnrolResponse
from sync.registry import operations, storage
from sync.registry.auth import check_protocol
from sync.registry.errors import ApiError
from sync.registry.routes import transaction

router = APIRouter(tags=["enrolment"])


@router.post(protocol.ENROL, response_model=EnrolResponse)
async def enrol(body: EnrolRequest, request: Request) -> EnrolResponse:
    check_protocol(request)
    try:
        public_from_text(body.public_key)
    except SigningKeyError:
        raise ApiError(422, "invalid_request", "public_key: not a Base64 Ed25519 key") from None

    def work(conn: Connection) -> EnrolResponse:
        token_hash = operations.hash_token(body.token)
        existing = storage.get_kiosk(conn=conn, kiosk_id=body.kiosk_id)
        if existing is not None and existing.public_key != body.public_key:
            raise ApiError(
                409, "kiosk_taken", f"kiosk {body.kiosk_id} is enrolled with another key"
            )
        name = storage.use_enrol_token(conn=conn, token_hash=token_hash, kiosk_id=body.kiosk_id)
        if name is None:
            if existing is not None and storage.token_owner(conn=conn, token_hash=token_hash) == (
                body.kiosk_id
            ):
                return EnrolResponse(
                    kiosk_id=body.kiosk_id,
                    name=existing.name,
                    protocol=protocol.PROTOCOL_VERSION,
                    public_url=operations.public_url(conn=conn),
                )
            raise ApiError(403, "bad_token", "the enrolment token is unknown or already used")
        if existing is None:
            storage.add_kiosk(
                conn=conn,
                kiosk_id=body.kiosk_id,
                name=body.name or name,
                public_key=body.public_key,
            )
        return EnrolResponse(
            kiosk_id=body.kiosk_id,
            name=body.name or name,
            protocol=protocol.PROTOCOL_VERSION,
            public_url=operations.public_url(conn=conn),
        )

    return await transaction(request, work)
