"""A request body from bytes to a model: run on a worker thread, after the signature check.

Why not FastAPI's body parameter: it parses (on the event loop, so a large body stalls every
other request, `/v1/health` included) before any dependency has checked who is asking, and
its 422 tells a stranger the schema. Routes call `parse` once the bytes are authenticated.
The body is parsed once and never encoded again: a push's batch hash is the SHA-256 of the
bytes as they arrived (auth took it for the signature), and a push laid out canonically keeps
each payload's text as sent (sync.registry.push_body); such a body that passes the same checks
as `PushRequest` is not validated a second time (`parse_push`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sync import protocol
from sync.messages import PushRequest, problems
from sync.registry import push_body
from sync.registry.errors import ApiError

M = TypeVar("M", bound=BaseModel)
# A JSON escape that may stand for a UTF-16 surrogate; only a body holding one is checked
# further (the kiosk writes text as UTF-8, never escaped, so this is rare).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


@dataclass(frozen=True, slots=True)
class PushBatch:
    """A push as ingest takes it: each record a dict of outbox_id, order_id, event, payload
    and payload_text (the payload as sent, or None when the body was not canonical)."""

    batch_id: str
    records: list[dict[str, Any]]


def parse(raw: bytes, model: type[M]) -> M:
    """The body as `model`.

    Not UTF-8 JSON, nested past Python's limit, or holding a lone UTF-16 surrogate
    (`"\\ud800"`: valid JSON, but not text any database or the canonical encoding can hold):
    400. Not the model's shape: 422 naming the fields.
    """
    value, _texts = _json(raw, canonical_push=False)
    return _model(value, model)


def parse_push(raw: bytes) -> PushBatch:
    """A push body (as `parse` with PushRequest): a canonical one that passes PushRequest's
    checks is taken as read; any other is validated by the model."""
    value, texts = _json(raw, canonical_push=True)
    if texts is not None and push_body.valid(value):
        records = value["records"]
        for record, text in zip(records, texts, strict=True):
            record["payload_text"] = text
        return PushBatch(value["batch_id"], records)
    body = _model(value, PushRequest)
    return PushBatch(
        body.batch_id,
        [  # as validated, without model_dump's deep copy of every payload
            {"outbox_id": r.outbox_id, "order_id": r.order_id, "event": r.event,
             "payload": r.payload, "payload_text": None}
            for r in body.records
        ],
    )  # fmt: skip


def _json(raw: bytes, *, canonical_push: bool) -> tuple[Any, list[str] | None]:
    """The body's JSON value (and each payload's text, for a canonical push), or a 400."""
    try:
        text = raw.decode()  # strict: a surrogate encoded as UTF-8 bytes is refused here
        read = push_body.read(text) if canonical_push else None
        value, texts = read if read is not None else (json.loads(text), None)
        if _SURROGATE_ESCAPE.search(text):
            protocol.canonical(value)  # raises UnicodeError on a lone one
    except RecursionError:
        raise ApiError(400, "bad_body", "the body is nested too deeply") from None
    except UnicodeError:
        raise ApiError(
            400, "bad_body", "the body is not UTF-8 text, or holds a lone surrogate (\\ud800)"
        ) from None
    except ValueError as exc:
        raise ApiError(400, "bad_body", f"the body is not JSON: {exc}") from None
    return value, texts


def _model(value: Any, model: type[M]) -> M:
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        raise ApiError(422, "invalid_request", problems(exc.errors())) from None
