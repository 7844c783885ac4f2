"""The registry's SQL for events and invoice requests (issue 18), keyword-only functions given
their connection, as in `storage`; the caller owns the transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, String, and_, bindparam, case, func, select, update

from sync.registry.storage import now_text
from sync.registry.tables import events, invoice_requests, purchases

# -- events --------------------------------------------------------------------------------


def insert_event(*, conn: Connection, row: dict[str, Any]) -> None:
    conn.execute(events.insert().values(**row, created_at=now_text(), updated_at=now_text()))


def get_event(*, conn: Connection, event_id: str) -> Row | None:
    return conn.execute(select(events).where(events.c.event_id == event_id)).first()


def list_events(*, conn: Connection, venue: str | None = None, after: str = "") -> list[Row]:
    """Events (of one venue) that end on or after the China day AFTER, earliest first."""
    query = _EVENTS[venue is not None]
    return list(conn.execute(query, {"b_after": after, "b_venue": venue}))


_EVENTS_ALL = select(events).where(events.c.ends_on >= bindparam("b_after", type_=String))
_EVENTS = tuple(  # [of one venue]: built once
    query.order_by(events.c.starts_on, events.c.event_id)
    for query in (
        _EVENTS_ALL,
        _EVENTS_ALL.where(events.c.venue == bindparam("b_venue", type_=String)),
    )
)


def overlapping(*, conn: Connection, venue: str, starts_on: str, ends_on: str) -> Row | None:
    """Another event at VENUE on any of these days (a sale counts towards one event only)."""
    query = select(events.c.event_id).where(
        events.c.venue == venue, events.c.starts_on <= ends_on, events.c.ends_on >= starts_on
    )
    return conn.execute(query).first()


def event_progress(*, conn: Connection, event_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Per event: grams offset by attendees and by the organiser (refunds not counted)."""
    if not event_ids:
        return {}
    organiser = case((purchases.c.for_event.is_(True), purchases.c.offset_g), else_=0)
    attendee = case((purchases.c.for_event.is_(True), 0), else_=purchases.c.offset_g)
    query = (
        select(
            purchases.c.event_id,
            func.coalesce(func.sum(attendee), 0),
            func.coalesce(func.sum(organiser), 0),
        )
        .where(purchases.c.event_id.in_(list(event_ids)), purchases.c.voided_at.is_(None))
        .group_by(purchases.c.event_id)
    )
    return {row[0]: (int(row[1]), int(row[2])) for row in conn.execute(query)}


# -- invoice requests ----------------------------------------------------------------------


def insert_invoice_requests(*, conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(invoice_requests.insert(), rows)


def list_invoice_requests(*, conn: Connection, status: str | None = None) -> list[Row]:
    query = select(invoice_requests, purchases.c.cert_id, purchases.c.paid_at).join(
        purchases, purchases.c.id == invoice_requests.c.purchase_id
    )
    if status == "credit_note":
        query = query.where(invoice_requests.c.credit_note == "needed")
    elif status is not None:
        query = query.where(invoice_requests.c.status == status)
    return list(conn.execute(query.order_by(invoice_requests.c.id)))


def get_invoice_request(*, conn: Connection, request_id: int) -> Row | None:
    query = select(invoice_requests).where(invoice_requests.c.id == request_id)
    return conn.execute(query).first()


def set_invoice_request(*, conn: Connection, request_id: int, **values: Any) -> None:
    conn.execute(
        update(invoice_requests)
        .where(invoice_requests.c.id == request_id)
        .values(**values, updated_at=now_text())
    )


def refund_invoice_requests(
    *, conn: Connection, kiosk_id: str, voids: list[dict[str, Any]]
) -> None:
    """Refunds of company purchases: an issued invoice needs a red-letter (credit) invoice; a
    request not issued yet is refused (there is nothing left to invoice)."""
    for void in voids:
        found = conn.execute(
            select(invoice_requests.c.id, invoice_requests.c.status)
            .join(purchases, purchases.c.id == invoice_requests.c.purchase_id)
            .where(and_(purchases.c.kiosk_id == kiosk_id, purchases.c.order_id == void["order_id"]))
        ).first()
        if found is None:
            continue
        values: dict[str, Any] = {"refunded_at": void["voided_at"]}
        if found.status == "issued":
            values["credit_note"] = "needed"
        elif found.status == "requested":
            values.update(status="refused", refused_reason="refunded before it was issued")
        set_invoice_request(conn=conn, request_id=found.id, **values)
