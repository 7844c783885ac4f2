"""Push: turn one signed batch of outbox records into purchases, answering each record.

Why this shape: the kiosk resends a batch after any failure, so every record must be safe to
see twice (an order is keyed by the kiosk and its UUID; a second copy with the same content is
a `duplicate`), and a bad record must not sink its neighbours (it is `rejected` with a reason
the admin can read). A copy whose content differs from what was stored is `rejected`, never
taken as a duplicate: only the same bytes can be acknowledged as already held. Nothing one
kiosk pushes can touch another kiosk's orders. All of a batch lands in the caller's one
transaction, with the answer stored under the batch id.

A `day_closed` record is the kiosk's signed summary of a business day (kiosk.day_summary):
checked against the kiosk's enrolled key and kept for reconciliation (`reconcile`), keyed by
(kiosk, day, revision) the same way an order is keyed.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection

from kiosk.certificate.keys import SigningKeyError, public_from_text
from kiosk.day_summary import DAY_CLOSED, DaySummary
from kiosk.order_state import METHODS, OrderState
from kiosk.timestamps import china_date, parse_stamp
from sync import protocol
from sync.messages import problems
from sync.registry import (
    credit_storage,
    event_storage,
    events,
    invoices,
    purchase_storage,
    reconcile_storage,
    storage,
)
from sync.registry.range_checks import CreditCheck

REQUIRED = {
    "id": str,
    "kiosk_id": str,
    "project_id": str,
    "serial": int,
    "offset_g": int,
    "footprint_g": int,
    "amount_fen": int,
    "paid_at": str,
    "status": str,
}


MAX_INT = 2**53  # what every JSON reader and a BIGINT column hold exactly
log = logging.getLogger("diandian.registry")


def _text(value: Any, limit: int) -> str:
    """Free text as stored: a string, no NUL (PostgreSQL refuses it), at most `limit` long."""
    return str(value or "").replace("\x00", "")[:limit]


@dataclass
class _State:
    """What the batch has seen so far, so records within one batch interact correctly."""

    known: dict[str, Any]
    serials: dict[int, str]
    projects: set[str]
    closed: set[str]
    credit: CreditCheck
    drew: set[str]  # sales (known or new) that drew ranges of the kiosk's grants
    public_key: str  # the kiosk's enrolled key, which signs its day summaries
    summaries: dict[tuple[str, int], str]  # (day, revision) -> payload hash, received before
    received_at: str  # one moment for the batch (it is one transaction)
    sent_texts: dict[int, str]  # id(payload) -> its text as sent (sync.registry.push_body)
    new: dict[str, dict[str, Any]] = field(default_factory=dict)
    ranges: dict[str, list[dict[str, int]]] = field(default_factory=dict)
    voided: set[str] = field(default_factory=set)
    voids: list[dict[str, Any]] = field(default_factory=list)
    days: list[dict[str, Any]] = field(default_factory=list)  # day summaries to store


def _problem(payload: dict[str, Any], kiosk_id: str, order_id: str) -> str | None:
    for name, kind in REQUIRED.items():
        value = payload.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            return f"payload field {name} is missing or not a {kind.__name__}"
    if payload["id"] != order_id:
        return "payload id does not match the record's order_id"
    if payload["kiosk_id"] != kiosk_id:
        return f"payload is for kiosk {payload['kiosk_id']}, not the signing kiosk {kiosk_id}"
    if any(payload[name] > MAX_INT for name in ("serial", "offset_g", "footprint_g", "amount_fen")):
        return f"serial, offset_g, footprint_g and amount_fen must be below {MAX_INT}"
    if payload["offset_g"] <= 0 or payload["serial"] < 1:
        return "offset_g and serial must be positive"
    if min(payload["footprint_g"], payload["amount_fen"]) < 0:
        return "footprint_g and amount_fen must not be negative"
    if china_day(payload["paid_at"]) is None:
        return "paid_at is not an ISO-8601 timestamp"
    if payload.get("payment_method") not in METHODS:
        return f"payment_method must be one of {', '.join(METHODS)}"
    return None


@lru_cache(maxsize=1024)
def china_day(stamp: str) -> str | None:
    """The China day (UTC+8) of a UTC timestamp, as customers and rankings count days.
    Remembered: a record's `paid_at` is read three times (checked, filed, stored)."""
    try:
        return china_date(parse_stamp(stamp)).isoformat()
    except ValueError:
        return None


def _copy(state: _State, order_id: str, payload_hash: str) -> dict[str, Any] | None:
    """The answer to a second copy of an order this kiosk already pushed, or None if new."""
    stored = state.new.get(order_id) or state.known.get(order_id)
    if stored is None:
        return None
    held = stored["payload_hash"] if isinstance(stored, dict) else stored.payload_hash
    if held == payload_hash:
        return {"status": "duplicate"}
    return {
        "status": "rejected",
        "reason": f"order {order_id} was already received with other content; "
        "the stored copy is kept",
    }


def _paid(state: _State, kiosk_id: str, order_id: str, payload: dict[str, Any]) -> dict[str, Any]:
    sent = state.sent_texts.get(id(payload))  # the canonical text the kiosk sent, if kept
    body = sent.encode() if sent is not None else protocol.canonical(payload)
    payload_hash = hashlib.sha256(body).hexdigest()
    copy = _copy(state, order_id, payload_hash)
    if copy is not None:
        return copy
    problem = _problem(payload, kiosk_id, order_id)
    if problem is None and payload["project_id"] not in state.projects:
        problem = f"unknown project {payload['project_id']}"
    if problem is None:
        owner = state.serials.get(payload["serial"])
        if owner is not None and owner != order_id:
            problem = f"serial {payload['serial']} was already used by order {owner}"
    cert_id, ranges = "", []
    if problem is None:
        cert_id = f"{kiosk_id}-{payload['serial']:06d}".upper()
        problem, ranges = state.credit.paid(payload, cert_id)
    if problem is not None:
        return {"status": "rejected", "reason": problem}
    if ranges:
        state.ranges[order_id] = ranges
        state.drew.add(order_id)
    day = china_day(payload["paid_at"]) or ""
    state.serials[payload["serial"]] = order_id
    state.new[order_id] = purchase_row(
        kiosk_id=kiosk_id,
        payload=payload,
        body=body,
        payload_hash=payload_hash,
        cert_id=cert_id,
        filed_late=day in state.closed,
        received_at=state.received_at,
    )
    if day in state.closed:
        return {"status": "accepted", "note": f"filed: day {day} was already closed"}
    return {"status": "accepted"}


def purchase_row(
    *,
    kiosk_id: str,
    payload: dict[str, Any],
    body: bytes,
    payload_hash: str,
    cert_id: str,
    filed_late: bool,
    received_at: str | None = None,
) -> dict[str, Any]:
    """A `purchases` row for a paid order's checked payload: a kiosk's pushed record, or a
    sale the registry's phone flow made itself."""
    return {
        "order_id": payload["id"],
        "kiosk_id": kiosk_id,
        "serial": payload["serial"],
        "cert_id": cert_id,
        "project_id": payload["project_id"],
        "offset_g": payload["offset_g"],
        "footprint_g": payload["footprint_g"],
        "amount_fen": payload["amount_fen"],
        "nickname": _text(payload.get("nickname"), 100),
        "venue": _text(payload.get("venue"), 100),
        "day": china_day(payload["paid_at"]) or "",
        "paid_at": payload["paid_at"],
        "payload": body.decode(),
        "payload_hash": payload_hash,
        "received_at": received_at or storage.now_text(),
        "filed_late": filed_late,
        "voided_at": None,
        "void_reason": None,
        **invoices.buyer_columns(payload),
        "channel": payload["payment_method"],
    }


def _voided(state: _State, kiosk_id: str, order_id: str, payload: dict[str, Any]) -> dict[str, Any]:
    sale = state.new.get(order_id) or state.known.get(order_id)
    if sale is None:
        return {"status": "rejected", "reason": f"void for an unknown sale {order_id}"}
    already = sale["voided_at"] if isinstance(sale, dict) else sale.voided_at
    if already is not None or order_id in state.voided:
        return {"status": "duplicate"}
    voided_at = payload.get("voided_at")
    if not isinstance(voided_at, str) or china_day(voided_at) is None:
        return {"status": "rejected", "reason": "payload field voided_at is not a timestamp"}
    state.voided.add(order_id)
    project, offset = (
        (sale["project_id"], sale["offset_g"])
        if isinstance(sale, dict)
        else (sale.project_id, sale.offset_g)
    )
    state.credit.voided(project, offset, order_id in state.drew)
    reason = _text(payload.get("void_reason"), 500)
    if isinstance(sale, dict):  # paid and voided in this same batch
        sale.update(voided_at=voided_at, void_reason=reason)
    else:
        state.voids.append({"order_id": order_id, "voided_at": voided_at, "void_reason": reason})
    return {"status": "accepted"}


def _day_closed(state: _State, kiosk_id: str, key: str, payload: dict[str, Any]) -> dict[str, Any]:
    """A signed day summary: kept once per (day, revision); a copy with the same bytes is a
    duplicate, with other bytes a rejection (the stored copy is kept)."""
    try:
        summary = DaySummary.model_validate(payload)
    except ValidationError as exc:
        return {"status": "rejected", "reason": f"day summary: {problems(exc.errors())}"}
    if summary.kiosk_id != kiosk_id:
        return {"status": "rejected", "reason": f"day summary is for kiosk {summary.kiosk_id}"}
    if summary.key != key:
        return {"status": "rejected", "reason": f"day summary's key is {summary.key}, not {key}"}
    try:
        valid = summary.signature_valid(public_from_text(state.public_key))
    except SigningKeyError:
        valid = False
    if not valid:
        return {"status": "rejected", "reason": "day summary's signature does not verify"}
    body = protocol.canonical(summary.model_dump())
    digest = hashlib.sha256(body).hexdigest()
    held = state.summaries.get((summary.day, summary.revision))
    if held is not None:
        if held == digest:
            return {"status": "duplicate"}
        return {
            "status": "rejected",
            "reason": f"day {summary.day} revision {summary.revision} was already received"
            " with other content; the stored copy is kept",
        }
    state.summaries[(summary.day, summary.revision)] = digest
    state.days.append(
        {
            "kiosk_id": kiosk_id,
            "day": summary.day,
            "revision": summary.revision,
            "payload": body.decode(),
            "payload_hash": digest,
            "closed_at": summary.closed_at,
            "received_at": storage.now_text(),
        }
    )
    return {"status": "accepted"}


def _summary_keys(records: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """(day, revision) of the day summaries in a batch, as far as they can be read."""
    keys = []
    for record in records:
        payload = record["payload"]
        day, revision = payload.get("day"), payload.get("revision")
        if record["event"] == DAY_CLOSED and isinstance(day, str) and type(revision) is int:
            keys.append((day[:10], revision))
    return keys


HANDLERS = {OrderState.PAID: _paid, OrderState.VOIDED: _voided, DAY_CLOSED: _day_closed}


def ingest(*, conn: Connection, kiosk_id: str, records: list[dict[str, Any]]) -> list[dict]:
    """Store a batch's records; one answer per record, in the records' order. The kiosk's
    row is locked first, so two batches of one kiosk never check its ranges side by side."""
    kiosk = storage.get_kiosk(conn=conn, kiosk_id=kiosk_id, lock=True)
    order_ids = [r["order_id"] for r in records if r["event"] != DAY_CLOSED]
    paid = [r["payload"] for r in records if r["event"] == OrderState.PAID]
    serials = [
        r["payload"]["serial"]
        for r in records
        if isinstance(r["payload"].get("serial"), int)
        and 0 < r["payload"]["serial"] <= MAX_INT
        and r["event"] == OrderState.PAID
    ]
    state = _State(
        known=purchase_storage.purchases_by_order(
            conn=conn, kiosk_id=kiosk_id, order_ids=order_ids
        ),
        serials=purchase_storage.serial_owners(conn=conn, kiosk_id=kiosk_id, serials=serials),
        projects=storage.project_ids(conn=conn),
        closed=storage.closed_day_set(conn=conn),
        credit=CreditCheck(conn, kiosk_id, paid),
        drew=credit_storage.drew_ranges(  # only a refund asks whether its sale drew ranges
            conn=conn,
            kiosk_id=kiosk_id,
            order_ids=[r["order_id"] for r in records if r["event"] == OrderState.VOIDED],
        ),
        public_key=kiosk.public_key if kiosk is not None else "",
        summaries=reconcile_storage.summary_hashes(
            conn=conn, kiosk_id=kiosk_id, keys=_summary_keys(records)
        ),
        received_at=storage.now_text(),
        sent_texts={id(r["payload"]): r["payload_text"] for r in records if r.get("payload_text")},
    )
    results = []
    for record in records:
        handler = HANDLERS[record["event"]]
        answer = handler(state, kiosk_id, record["order_id"], record["payload"])
        results.append(
            {
                "outbox_id": record["outbox_id"],
                "order_id": record["order_id"],
                "event": record["event"],
                **answer,
            }
        )
    rows = list(state.new.values())
    events.keep_known_events(conn, rows)
    ids = purchase_storage.insert_purchases(conn=conn, rows=rows)
    credit_storage.insert_ranges(conn=conn, ids=ids, order_ranges=state.ranges)
    event_storage.insert_invoice_requests(conn=conn, rows=invoices.requests_for(rows, ids))
    purchase_storage.void_purchases(conn=conn, kiosk_id=kiosk_id, voids=state.voids)
    event_storage.refund_invoice_requests(conn=conn, kiosk_id=kiosk_id, voids=state.voids)
    reconcile_storage.add_summaries(conn=conn, rows=state.days)
    refused = [answer for answer in results if answer["status"] == "rejected"]
    credit_storage.add_rejects(conn=conn, kiosk_id=kiosk_id, rows=refused)  # `registry rejects`
    if refused:  # the operator's log, one line a batch; the kiosk files each one
        first = refused[0]
        log.warning(
            "kiosk %s: %d record(s) rejected, the first (%s of order %s): %s",
            kiosk_id,
            len(refused),
            first["event"],
            first["order_id"],
            first["reason"],
        )
    if rows:
        storage.set_kiosk_venue(conn=conn, kiosk_id=kiosk_id, venue=rows[-1]["venue"])
    return results
