"""What project owners are owed (settlement), and the day summaries kiosks push
(reconciliation)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from .core import metadata

# Settlement (sync.registry.settle): what each project's owner is owed. A contract row is
# never changed: a change is a new row with the date it takes effect from, so the terms behind
# every statement stay readable. A statement is written once, when its period closes, with
# the SHA-256 of its content and the previous statement's hash; each purchase's sale and its
# refund are lines of exactly one statement each (the unique key says so to the database).
contracts = Table(
    "contracts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", String(100), ForeignKey("projects.project_id"), nullable=False),
    Column("owner", String(200), nullable=False),
    Column("fee_bp", Integer, nullable=False),  # the platform's fee in basis points (1/100 %)
    Column("period", String(16), nullable=False),  # monthly | quarterly
    Column("currency", String(3), nullable=False),
    Column("effective_from", String(10), nullable=False),  # a China day, YYYY-MM-DD
    Column("set_at", String(32), nullable=False),
    Column("set_by", String(100), nullable=False),
    CheckConstraint("fee_bp >= 0 AND fee_bp <= 10000", name="fee_within_whole"),
    CheckConstraint("period IN ('monthly', 'quarterly')", name="contract_period"),
    Index("contracts_project", "project_id", "effective_from"),
)

statements = Table(
    "statements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("number", Integer, nullable=False, unique=True),  # 1, 2, 3 ... over all projects
    Column("project_id", String(100), ForeignKey("projects.project_id"), nullable=False),
    Column("period", String(10), nullable=False),  # 2026-11 or 2026-Q4
    Column("first_day", String(10), nullable=False),
    Column("last_day", String(10), nullable=False),
    Column("content", Text, nullable=False),  # canonical JSON: what the PDF and CSV show
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("prev_hash", String(64), nullable=False, unique=True),  # the chain cannot fork
    Column("gross_fen", BigInteger, nullable=False),
    Column("refunds_fen", BigInteger, nullable=False),
    Column("fee_fen", BigInteger, nullable=False),
    Column("net_fen", BigInteger, nullable=False),
    Column("closed_at", String(32), nullable=False),
    Column("closed_by", String(100), nullable=False),
    UniqueConstraint("project_id", "period", name="statement_once_per_period"),
    CheckConstraint("gross_fen - refunds_fen = net_fen + fee_fen", name="statement_adds_up"),
)

statement_lines = Table(
    "statement_lines",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("statement_id", Integer, ForeignKey("statements.id"), nullable=False),
    Column("purchase_id", Integer, ForeignKey("purchases.id"), nullable=False),
    Column("kind", String(8), nullable=False),  # sale | refund
    UniqueConstraint("purchase_id", "kind", name="line_once"),
    CheckConstraint("kind IN ('sale', 'refund')", name="line_kind"),
    Index("statement_lines_statement", "statement_id"),
)

payouts = Table(
    "payouts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("statement_id", Integer, ForeignKey("statements.id"), nullable=False, unique=True),
    Column("paid_on", String(10), nullable=False),
    Column("bank_reference", String(200), nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("recorded_by", String(100), nullable=False),
    CheckConstraint("amount_fen > 0", name="payout_positive"),
)

# Reconciliation (sync.registry.reconcile): the signed day summaries kiosks push when they
# close a business day; a later revision of a day replaces an earlier one in the comparison.
day_summaries = Table(
    "day_summaries",
    metadata,
    Column("kiosk_id", String(64), ForeignKey("kiosks.kiosk_id"), nullable=False),
    Column("day", String(10), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("payload", Text, nullable=False),  # the signed summary, canonical JSON
    Column("payload_hash", String(64), nullable=False),
    Column("closed_at", String(40), nullable=False),
    Column("received_at", String(32), nullable=False),
    PrimaryKeyConstraint("kiosk_id", "day", "revision"),
    Index("day_summaries_day", "day"),
)
