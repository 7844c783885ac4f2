"""Events at a venue and the invoice requests of company purchases (issue 18)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from .core import metadata

# Events at a venue (issue 18): the organiser's whole footprint (kiosk's `event` scenario, its
# answers and grams as computed at creation), pulled by the venue's kiosks with the catalogue.
events = Table(
    "events",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("venue", String(100), nullable=False),
    Column("name_zh", String(200), nullable=False),
    Column("name_en", String(200), nullable=False),
    Column("name_fr", String(200), nullable=False),
    Column("starts_on", String(10), nullable=False),  # China days, YYYY-MM-DD, inclusive
    Column("ends_on", String(10), nullable=False),
    Column("attendees", BigInteger, nullable=False),
    Column("organiser", String(200), nullable=False),
    Column("answers", Text, nullable=False),  # the event scenario's answers (JSON)
    Column("footprint_g", BigInteger, nullable=False),
    Column("factors_version", String(40), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    CheckConstraint("ends_on >= starts_on", name="event_dates_in_order"),
    CheckConstraint("footprint_g >= 0 AND attendees > 0", name="event_figures"),
    Index("events_venue", "venue", "starts_on"),
)

# One invoice request per company purchase (issue 18): the e-invoice itself is issued outside
# this system and its number recorded back; a refund of an invoiced purchase needs a red-letter
# (credit) invoice, flagged here until its number is recorded too.
invoice_requests = Table(
    "invoice_requests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("purchase_id", Integer, ForeignKey("purchases.id"), nullable=False, unique=True),
    Column("company_name", String(100), nullable=False),
    Column("company_code", String(18), nullable=False),
    Column("invoice_email", String(120), nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("items", Text, nullable=False),  # JSON: project, grams, price per tonne, amount
    Column("serials", Text, nullable=False),  # JSON: certificate id and retired serials
    Column("status", String(16), nullable=False, server_default="requested"),
    Column("invoice_number", String(64)),
    Column("refused_reason", Text),
    Column("requested_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Column("refunded_at", String(40)),
    Column("credit_note", String(16), nullable=False, server_default=""),
    Column("credit_note_number", String(64)),
    CheckConstraint("status IN ('requested', 'issued', 'refused')", name="invoice_status_known"),
    CheckConstraint("credit_note IN ('', 'needed', 'issued')", name="credit_note_known"),
    CheckConstraint("(status = 'issued') = (invoice_number IS NOT NULL)", name="issued_has_number"),
    Index("invoice_requests_status", "status", "id"),
)
