"""The body a push batch sends, cut from outbox entries: the canonical PushRequest written out
around each order's stored payload text, halved until it fits the registry's cap."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kiosk.day_summary import DAY_CLOSED
from kiosk.ledger import syncstate
from sync import protocol


def build_body(batch_id: str, entries: Sequence[Any]) -> bytes:
    """The PushRequest for outbox rows, in the canonical encoding both sides hash
    (protocol.canonical of {batch_id, records: [{event, order_id, outbox_id, payload}]}).

    Written out directly, keys in sorted order: an order's stored payload already is its
    canonical JSON (the ledger writes it with the same encoder; stored compact, it is read
    back to that same text), so it goes in as stored, not parsed and encoded again for every
    push. A day summary's payload (pydantic's encoding, keys in field order) is re-encoded;
    there is one a day. Unreadable when an entry's stored payload cannot be read.
    """
    records = []
    for row in entries:
        try:
            payload = syncstate.payload_text(row)
        except ValueError as exc:
            raise Unreadable(row, str(exc)) from None
        if row["event"] == DAY_CLOSED:
            payload = protocol.canonical(json.loads(payload)).decode()
        records.append(
            f'{{"event":{_string(row["event"])},"order_id":{_string(row["order_id"])},'
            f'"outbox_id":{int(row["id"])},"payload":{payload}}}'
        )
    return f'{{"batch_id":{_string(batch_id)},"records":[{",".join(records)}]}}'.encode()


class Unreadable(ValueError):
    """An outbox entry whose stored payload cannot be read (damaged bytes)."""

    def __init__(self, entry: Any, reason: str) -> None:
        super().__init__(reason)
        self.entry = entry


def _string(value: str) -> str:
    """A JSON string as protocol.canonical writes it (ensure_ascii=False)."""
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Pending:
    """The next batch, cut but not yet recorded in the ledger."""

    batch_id: str
    entry_ids: list[int]
    body: bytes


def fit(entries: Sequence[Any]) -> Pending | None:
    """The entries as a new batch, halved until its body fits the registry's cap
    (protocol.MAX_PUSH_BODY); None when the first entry alone is too large."""
    batch_id = str(uuid.uuid4())
    body = build_body(batch_id, entries)
    while len(body) > protocol.MAX_PUSH_BODY and len(entries) > 1:
        entries = entries[: len(entries) // 2]
        body = build_body(batch_id, entries)
    if len(body) > protocol.MAX_PUSH_BODY:
        return None
    return Pending(batch_id, [row["id"] for row in entries], body)
