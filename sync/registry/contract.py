"""The OpenAPI document as the contract: every answer a route can give, the signature headers,
`Idempotency-Key` and the request bodies the routes parse themselves.

Why bodies are added here: a route that reads its body only after the signature is checked
(see `auth`, `bodies`) takes no FastAPI body parameter, so FastAPI would leave the request
body out of the document. `request_body` names the model; `install` puts the models in.
tests/sync/registry/test_contract.py holds the running registry to this document with
schemathesis (every answer documented, no 5xx).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from sync import protocol
from sync.messages import ErrorResponse

MEANINGS = {
    400: "A malformed request: an unsupported protocol version, an Idempotency-Key that is "
    "not the body's batch_id, or a body that is not JSON (or holds a lone UTF-16 surrogate).",
    401: "The signature headers are missing, malformed, stale, replayed or do not verify, "
    "or the kiosk is not enrolled.",
    403: "Refused: the kiosk is suspended, or the enrolment token is unknown, used, expired "
    "or revoked.",
    404: "Nothing here by that name.",
    409: "A conflict: the Idempotency-Key was already used with another body, or the kiosk "
    "id is enrolled with another key (or differs only in case from one that is).",
    413: f"The body is too large: {protocol.MAX_PUSH_BODY:,} bytes for a push, "
    f"{protocol.MAX_BODY:,} for anything else.",
    422: "The body or a parameter is not of the documented shape; the message names it.",
    500: "The registry failed; the message names the request id its log line carries.",
    503: "The database is busy or unreachable; retry after Retry-After seconds.",
}
_BODIES: dict[str, type[BaseModel]] = {}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses` of a route that can answer these errors (and, like every route, 413
    for a body past the cap, 500 and 503)."""
    return {
        status: {"model": ErrorResponse, "description": MEANINGS[status]}
        for status in sorted({*statuses, 413, 500, 503})
    }


def request_body(model: type[BaseModel], limit: int) -> dict[str, Any]:
    """`openapi_extra` for a route that parses `model` from its body itself."""
    _BODIES[model.__name__] = model
    return {
        "requestBody": {
            "required": True,
            "description": f"JSON, at most {limit:,} bytes.",
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}
            },
        }
    }


def install(app: FastAPI) -> None:
    """Have `app.openapi()` include the models of the bodies named by `request_body`."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = generate()
            pairs = [(model, "validation") for model in _BODIES.values()]
            _, defs = models_json_schema(pairs, ref_template="#/components/schemas/{model}")
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            schemas.update(defs.get("$defs", {}))
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]
