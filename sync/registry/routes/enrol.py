"""POST /v1/enrol: an operator's one-time token binds a kiosk id to the kiosk's public key.

Unsigned (the token is the proof; it expires and can be revoked). Kiosk ids are enrolled in
upper case only, and never beside an id that differs from them only in case, since
certificate ids are compared in upper case. A retry of an enrolment that already went
through (same token, kiosk and key) gets the same answer, so a lost response does not strand
a kiosk.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool

from sync import protocol
from sync.messages import EnrolRequest, EnrolResponse
from sync.registry import bodies, contract, operations, storage
from sync.registry.auth import check_protocol
from sync.registry.errors import ApiError
from sync.registry.routes import transaction

router = APIRouter(tags=["enrolment"])


@router.post(
    protocol.ENROL,
    response_model=EnrolResponse,
    responses=contract.errors(400, 403, 409, 422),
    openapi_extra=contract.request_body(EnrolRequest, protocol.MAX_BODY),
)
async def enrol(request: Request) -> EnrolResponse:
    check_protocol(request)
    body = await run_in_threadpool(bodies.parse, await request.body(), EnrolRequest)

    def work(conn: Connection) -> EnrolResponse:
        answer = EnrolResponse(
            kiosk_id=body.kiosk_id,
            name=body.name,
            protocol=protocol.PROTOCOL_VERSION,
            public_url=operations.public_url(conn=conn),  # where certificate QRs point
        )
        token_hash = operations.hash_token(body.token)
        existing = storage.get_kiosk(conn=conn, kiosk_id=body.kiosk_id)
        if existing is not None and existing.public_key != body.public_key:
            raise ApiError(
                409, "kiosk_taken", f"kiosk {body.kiosk_id} is enrolled with another key"
            )
        for twin in storage.kiosks_alike(conn=conn, kiosk_id=body.kiosk_id):
            raise ApiError(
                409, "kiosk_taken", f"kiosk {body.kiosk_id} differs only in case from {twin}"
            )
        token = storage.get_enrol_token(conn=conn, token_hash=token_hash)
        if existing is not None and token is not None and token.kiosk_id == body.kiosk_id:
            return answer.model_copy(update={"name": existing.name})  # a retried enrolment
        refusal = operations.token_refusal(token)
        name = None
        if refusal is None:  # usable when read; the update below decides a race
            name = storage.use_enrol_token(conn=conn, token_hash=token_hash, kiosk_id=body.kiosk_id)
        if name is None:
            raise ApiError(403, "bad_token", refusal or "the enrolment token was already used")
        if existing is None:
            storage.add_kiosk(
                conn=conn,
                kiosk_id=body.kiosk_id,
                name=body.name or name,
                public_key=body.public_key,
            )
        return answer.model_copy(update={"name": body.name or name})

    return await transaction(request, work)
