"""POST /v1/push: a signed batch of outbox records; Idempotency-Key = batch_id.

As Stripe does: the first request with a key stores its answer with the request's hash; a
resend gets that answer back (header `Idempotent-Replayed: true`); the same key with another
body is a 409. Claiming the key is the first write, so two copies racing cannot both run.
The body is parsed only after its signature checked out, on a worker thread (see `auth`).
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Annotated, Any

from fastapi import APIRouter, Header
from fastapi.responses import JSONResponse
from sqlalchemy import Connection, Row

from sync import protocol
from sync.messages import ID, PushRequest, PushResponse
from sync.registry import contract, storage
from sync.registry.auth import SignedRequest
from sync.registry.errors import ApiError
from sync.registry.ingest import ingest

router = APIRouter(tags=["push"])
IdempotencyKey = Annotated[
    str,
    Header(
        alias=protocol.H_IDEMPOTENCY,
        min_length=1,
        max_length=100,
        pattern=ID,
        description="The batch's id, equal to the body's `batch_id`: a resend of the same body "
        "gets the stored answer; the same key with another body is a 409.",
    ),
]


@router.post(
    protocol.PUSH,
    response_model=PushResponse,
    responses={
        200: {
            "headers": {
                "Idempotent-Replayed": {
                    "description": "`true` when this is the stored answer to an earlier copy",
                    "schema": {"type": "string", "enum": ["true"]},
                }
            }
        },
        **contract.errors(400, 401, 403, 409, 413, 422),
    },
    openapi_extra=contract.request_body(PushRequest, protocol.MAX_PUSH_BODY),
)
async def push(signed: SignedRequest, key: IdempotencyKey) -> JSONResponse:
    body, canonical = await signed.parse(PushRequest)
    if key != body.batch_id:
        raise ApiError(400, "idempotency_key", f"{protocol.H_IDEMPOTENCY} must equal batch_id")
    digest = hashlib.sha256(canonical).hexdigest()

    def work(conn: Connection, kiosk: Row) -> tuple[dict[str, Any], bool]:
        kiosk_id = kiosk.kiosk_id
        storage.prune_nonces(conn=conn, before=int(time.time()) - protocol.NONCE_TTL_S)
        if not storage.claim_batch(conn=conn, kiosk_id=kiosk_id, batch_id=key, request_hash=digest):
            stored = storage.get_batch(conn=conn, kiosk_id=kiosk_id, batch_id=key)
            if stored is None or stored.request_hash != digest or not stored.response:
                raise ApiError(
                    409,
                    "idempotency_conflict",
                    f"batch {key} was already sent with different records",
                )
            return json.loads(stored.response), True
        records = [r.model_dump() for r in body.records]
        results = ingest(conn=conn, kiosk_id=kiosk_id, records=records)
        answer = {
            "batch_id": key,
            "results": results,
            "high_water": max((r["outbox_id"] for r in records), default=None),
        }
        storage.store_batch_response(
            conn=conn, kiosk_id=kiosk_id, batch_id=key, response=json.dumps(answer)
        )
        return answer, False

    answer, replayed = await signed.run(work)
    headers = {"Idempotent-Replayed": "true"} if replayed else {}
    return JSONResponse(answer, headers=headers)
