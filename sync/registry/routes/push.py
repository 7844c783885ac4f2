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
from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import Response
from sqlalchemy import Connection, Row

from sync import protocol
from sync.messages import ID, PushRequest, PushResponse
from sync.registry import contract, storage
from sync.registry.auth import Signed, SignedRequest
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
async def push(signed: SignedRequest, key: IdempotencyKey) -> Response:
    body = await signed.parse_push()
    if key != body.batch_id:
        raise ApiError(400, "idempotency_key", f"{protocol.H_IDEMPOTENCY} must equal batch_id")
    digest = signed.body_sha256  # of the bytes as sent: a resend repeats them exactly

    def work(conn: Connection, kiosk: Row) -> tuple[str, bool]:
        kiosk_id = kiosk.kiosk_id
        storage.prune_nonces(conn=conn, before=int(time.time()) - protocol.NONCE_TTL_S)
        if not storage.claim_batch(conn=conn, kiosk_id=kiosk_id, batch_id=key, request_hash=digest):
            stored = storage.get_batch(conn=conn, kiosk_id=kiosk_id, batch_id=key)
            if stored is None or not stored.response or not _same(stored.request_hash, signed):
                raise ApiError(
                    409,
                    "idempotency_conflict",
                    f"batch {key} was already sent with different records",
                )
            return str(stored.response), True
        records = body.records
        results = ingest(conn=conn, kiosk_id=kiosk_id, records=records)
        answer = {
            "batch_id": key,
            "results": results,
            "high_water": max((r["outbox_id"] for r in records), default=None),
        }
        text = json.dumps(answer, separators=(",", ":"))  # encoded once: stored and sent
        storage.store_batch_response(conn=conn, kiosk_id=kiosk_id, batch_id=key, response=text)
        return text, False

    answer, replayed = await signed.run(work)
    headers = {"Idempotent-Replayed": "true"} if replayed else {}
    return Response(answer, media_type="application/json", headers=headers)


def _same(stored_hash: str, signed: Signed) -> bool:
    """Whether a stored batch hash is this body's: the SHA-256 of its bytes, or (a batch
    stored before 2026-12-06) of their canonical re-encoding."""
    if stored_hash == signed.body_sha256:
        return True
    try:
        canonical = protocol.canonical(json.loads(signed.body))
    except (ValueError, UnicodeError, RecursionError):
        return False
    return stored_hash == hashlib.sha256(canonical).hexdigest()
