"""Invoice requests (发票) for company purchases, and what an operator records back.

The registry does not issue e-invoices: it queues one request per company purchase with what
the invoice needs (the company's name and unified social credit code, the amount, the items,
the certificate and retired serials), lists them for the operator, and records the invoice
number once issued outside (or the reason it was refused). A refund of an invoiced purchase
is flagged for a red-letter (credit) invoice until its number is recorded too. Each answer is
written with its audit row (sync.registry.audit) under who gave it: the console's operator or
the CLI's `cli:USER`.

A code that fails its check character (a kiosk of an older version, a hand-made record) does
not lose the sale: the purchase is kept and its request refused with the reason, since an
invoice naming the wrong taxpayer would be worse than none.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Row

from kiosk.credit import parse_ranges
from kiosk.errors import DataError, InputError
from kiosk.uscc import check
from sync.registry import audit, event_storage
from sync.registry.storage import now_text

STATUSES = ("requested", "issued", "refused")
NUMBER_MAX = 64


def _text(value: Any, limit: int) -> str:
    return str(value or "").replace("\x00", "")[:limit] if isinstance(value, str) else ""


def buyer_columns(payload: dict[str, Any]) -> dict[str, Any]:
    """A pushed order's company and event, as the purchase stores them (older kiosks send
    neither: no company, no event)."""
    return {
        "company_name": " ".join(_text(payload.get("company_name"), 100).split()),
        "company_code": _text(payload.get("company_code"), 40).strip().upper()[:18],
        "invoice_email": _text(payload.get("invoice_email"), 120).strip(),
        "event_id": _text(payload.get("event_id"), 64),
        "for_event": payload.get("for_event") in (1, True),
    }


def _serials(row: dict[str, Any]) -> dict[str, Any]:
    try:
        payload = json.loads(row["payload"])
        ranges = [r.label() for r in parse_ranges(payload.get("credit_ranges", "[]"))]
    except (ValueError, DataError):
        ranges = []
    return {"certificates": [row["cert_id"]], "credits": ranges}


def request_for(row: dict[str, Any], purchase_id: int) -> dict[str, Any] | None:
    """The invoice request for a new purchase row, or None when it is no company's."""
    if not row["company_name"] and not row["company_code"]:
        return None
    now = now_text()
    payload = json.loads(row["payload"])
    status, reason = "requested", None
    try:
        code = check(row["company_code"])
    except InputError as exc:
        code, status, reason = row["company_code"], "refused", f"credit code: {exc.message}"
    if status == "requested" and not row["company_name"]:
        status, reason = "refused", "no company name"
    if row["voided_at"] is not None and status == "requested":
        status, reason = "refused", "refunded before it was issued"
    item = {
        "project_id": row["project_id"],
        "grams": row["offset_g"],
        "price_fen_per_t": payload.get("price_fen_per_t"),
        "amount_fen": row["amount_fen"],
    }
    return {
        "purchase_id": purchase_id,
        "company_name": row["company_name"] or "",
        "company_code": code,
        "invoice_email": row["invoice_email"],
        "amount_fen": row["amount_fen"],
        "items": json.dumps([item], ensure_ascii=False),
        "serials": json.dumps(_serials(row), ensure_ascii=False),
        "status": status,
        "refused_reason": reason,
        "requested_at": now,
        "updated_at": now,
        "refunded_at": row["voided_at"],
    }


def requests_for(rows: list[dict[str, Any]], ids: dict[str, int]) -> list[dict[str, Any]]:
    found = (request_for(row, ids[row["order_id"]]) for row in rows if row["order_id"] in ids)
    return [request for request in found if request is not None]


def as_dict(row: Row) -> dict[str, Any]:
    """A request as the CLI's JSON and the console show it."""
    data = dict(row._mapping)
    data["items"] = json.loads(data["items"])
    data["serials"] = json.loads(data["serials"])
    return data


def _get(conn: Connection, request_id: int, *, requested: bool = False) -> Row:
    """The request, or InputError; REQUESTED: it must still be waiting for an answer."""
    row = event_storage.get_invoice_request(conn=conn, request_id=request_id)
    if row is None:
        raise InputError("ID", f"no invoice request {request_id}", "no_request", id=request_id)
    if requested and row.status != "requested":
        raise InputError(
            "ID", f"invoice request {request_id} is {row.status}, not requested",
            "request_answered", id=request_id, status=row.status,
        )  # fmt: skip
    return row


def _number(text: str, what: str) -> str:
    number = text.strip()
    if not number or len(number) > NUMBER_MAX or not number.isprintable():
        raise InputError("--number", f"the {what} number as issued, 1 to {NUMBER_MAX} characters")
    return number


def _audit(conn: Connection, actor: str, action: str, row: Row, **detail: Any) -> None:
    audit.record(
        conn,
        actor=actor,
        action=action,
        subject=f"invoice request {row.id}",
        detail={"company_code": row.company_code, "amount_fen": row.amount_fen, **detail},
    )


def issue(*, conn: Connection, request_id: int, number: str, actor: str) -> None:
    """Record the number of the invoice issued outside this system."""
    row = _get(conn, request_id, requested=True)
    if row.refunded_at is not None:
        raise InputError(
            "ID", f"invoice request {request_id}: its purchase was refunded", "request_refunded",
            id=request_id,
        )  # fmt: skip
    number = _number(number, "invoice")
    event_storage.set_invoice_request(
        conn=conn, request_id=request_id, status="issued", invoice_number=number
    )
    _audit(conn, actor, "invoice_issued", row, invoice_number=number)


def refuse(*, conn: Connection, request_id: int, reason: str, actor: str) -> None:
    row = _get(conn, request_id, requested=True)
    reason = " ".join(reason.split())
    if not reason or len(reason) > 300:
        raise InputError("--reason", "say why, in 1 to 300 characters")
    event_storage.set_invoice_request(
        conn=conn, request_id=request_id, status="refused", refused_reason=reason
    )
    _audit(conn, actor, "invoice_refused", row, reason=reason)


def credit_note_issued(*, conn: Connection, request_id: int, number: str, actor: str) -> None:
    """Record the red-letter (credit) invoice that reversed a refunded purchase's invoice."""
    row = _get(conn, request_id)
    if row.credit_note != "needed":
        raise InputError(
            "ID", f"invoice request {request_id} needs no red-letter invoice", "no_credit_note",
            id=request_id,
        )  # fmt: skip
    number = _number(number, "red-letter invoice")
    event_storage.set_invoice_request(
        conn=conn, request_id=request_id, credit_note="issued", credit_note_number=number
    )
    _audit(conn, actor, "invoice_credit_note", row, credit_note_number=number)
