"""The phone flow's tables (sync/registry/phone/), and the web layer's shared rate counters."""

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
    UniqueConstraint,
)

from .core import metadata

# The phone flow (sync/registry/phone/): the venues the registry serves, the orders visitors
# place on their phones, what payment providers told us, and the simulated provider's own book.
venues = Table(
    "venues",
    metadata,
    Column("venue_id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("data", Text, nullable=False),  # the venue's table as JSON (kiosk.venues)
    Column("updated_at", String(32), nullable=False),
)

phone_orders = Table(
    "phone_orders",
    metadata,
    Column("order_id", String(40), primary_key=True),  # also the provider's out_trade_no
    Column("visit", String(40), nullable=False),  # the visitor's flow (its signed cookie)
    Column("attempt", String(40), nullable=False),  # the order page that sent it
    Column("venue_id", String(64), nullable=False),
    Column("issuer_id", String(64), ForeignKey("kiosks.kiosk_id"), nullable=False),
    Column("project_id", String(100), ForeignKey("projects.project_id"), nullable=False),
    Column("draft", Text, nullable=False),  # what was chosen (kiosk.ledger.drafts), as JSON
    Column("offset_g", BigInteger, nullable=False),
    Column("price_fen_per_t", BigInteger, nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("status", String(20), nullable=False),  # awaiting_payment paid expired refund_due
    # refunded
    Column("provider", String(32), nullable=False),
    Column("provider_ref", String(64)),  # the provider's transaction id, once paid
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("paid_at", String(32)),
    Column("closed_reason", String(40)),  # why it did not become a sale: timeout, cancelled
    Column("purchase_id", Integer, ForeignKey("purchases.id")),
    # a refund_due order's money given back at the provider (`registry phone-refund-done`)
    Column("refund_ref", String(64)),  # the provider's refund reference
    Column("refunded_at", String(32)),
    Column("refunded_by", String(100)),  # the operator who recorded it
    UniqueConstraint("visit", "attempt", name="phone_order_once"),
    CheckConstraint("offset_g > 0 AND amount_fen > 0", name="phone_order_positive"),
    Index("phone_orders_held", "issuer_id", "project_id", "status"),
)

# What each venue's phone issuer has free of a project for a new order (issue 16): taken by
# one conditional UPDATE (`free_g = free_g - :g WHERE free_g >= :g`), given back when an
# unpaid order is closed or swept; set from the ledger tables (`phone.stock.recount`) when an
# order finds too little (its lapsed holds swept, topped up) or the pair has no row yet.
# Unpaid orders not yet marked expired still count against it: their grams come back when
# they are closed or swept (an order that finds too little sweeps its pair first).
phone_stock = Table(
    "phone_stock",
    metadata,
    Column("issuer_id", String(64), ForeignKey("kiosks.kiosk_id"), primary_key=True),
    Column("project_id", String(100), ForeignKey("projects.project_id"), primary_key=True),
    Column("free_g", BigInteger, nullable=False),
    CheckConstraint("free_g >= 0", name="phone_stock_not_negative"),
)

payment_notices = Table(  # every notification a provider sent, and what became of it
    "payment_notices",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("provider", String(32), nullable=False),
    Column("notice_id", String(64), nullable=False),
    Column("order_id", String(40), nullable=False),
    Column("outcome", String(32), nullable=False),
    Column("amount_fen", BigInteger),
    Column("received_at", String(32), nullable=False),
    Index("payment_notices_order", "order_id"),
)

sim_payments = Table(  # the simulated provider's own book (demo mode only)
    "sim_payments",
    metadata,
    Column("payment_id", String(40), primary_key=True),
    Column("order_id", String(40), nullable=False, unique=True),
    Column("amount_fen", BigInteger, nullable=False),
    Column("description", String(127), nullable=False),
    Column("notify_url", String(255), nullable=False),
    Column("return_url", String(255), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("state", String(16), nullable=False),  # NOTPAY, SUCCESS, CLOSED
    Column("transaction_id", String(40)),
    Column("paid_at", String(32)),
)

rate_hits = Table(  # fixed-window counters shared by every server process (web/limits.py)
    "rate_hits",
    metadata,
    Column("bucket", String(200), primary_key=True),
    Column("window_start", BigInteger, nullable=False),  # seconds since the epoch
    Column("hits", Integer, nullable=False),
)
