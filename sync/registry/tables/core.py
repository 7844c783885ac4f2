"""The core tables: kiosks and their enrolment, signed requests, projects and their serials,
retirements, grants and the purchases kiosks push; and the one `metadata` every table is on."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

settings = Table(  # small key/value facts: catalogue version, imported factor table
    "settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

enrol_tokens = Table(
    "enrol_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),  # SHA-256 hex: the token is never kept
    Column("name", String(200), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("used_at", String(32)),
    Column("kiosk_id", String(64)),
    Column("expires_at", String(32)),  # refused from then on (NULL: made before tokens expired)
    Column("revoked_at", String(32)),  # an operator withdrew it (`registry revoke-token`)
)

kiosks = Table(
    "kiosks",
    metadata,
    Column("kiosk_id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("public_key", String(64), nullable=False),
    Column("venue", String(100), nullable=False, server_default=""),
    Column("enrolled_at", String(32), nullable=False),
    Column("suspended", String(300)),  # why it may no longer sign requests (NULL: it may)
    # "kiosk", or "phone": the registry's own issuer of a venue's phone-flow certificates
    # (its key is the registry's; it never signs requests)
    Column("role", String(16), nullable=False, server_default="kiosk"),
    Column("last_sync_at", String(32)),  # its last signed request (NULL: it never synced)
)

nonces = Table(
    "nonces",
    metadata,
    Column("kiosk_id", String(64), nullable=False),
    Column("nonce", String(64), nullable=False),
    Column("seen_at", BigInteger, nullable=False),
    PrimaryKeyConstraint("kiosk_id", "nonce"),
    Index("nonces_seen", "seen_at"),
)

batches = Table(  # idempotency: a resent batch gets the answer stored here
    "batches",
    metadata,
    Column("kiosk_id", String(64), nullable=False),
    Column("batch_id", String(100), nullable=False),
    Column("request_hash", String(64), nullable=False),
    Column("response", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    PrimaryKeyConstraint("kiosk_id", "batch_id"),
)

projects = Table(
    "projects",
    metadata,
    Column("project_id", String(100), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("data", Text, nullable=False),  # kiosk.catalogue Project.to_dict() as JSON
    Column("stock_g", BigInteger, nullable=False),
    Column("allocated_g", BigInteger, nullable=False, server_default="0"),
    Column("retired_g", BigInteger, nullable=False, server_default="0"),
    Column("covered_g", BigInteger, nullable=False, server_default="0"),  # grams assigned
    # how far the registry's own pool (grants with no kiosk) has covered sales made without
    # a range: before retire-first, or in a sell-first project
    Column("cover_g", BigInteger, nullable=False, server_default="0"),
    CheckConstraint("allocated_g >= 0 AND allocated_g <= stock_g", name="allocated_within_stock"),
    CheckConstraint("retired_g >= 0 AND retired_g <= stock_g", name="retired_within_stock"),
    CheckConstraint("covered_g >= 0 AND covered_g <= retired_g", name="covered_within_retired"),
)

serial_blocks = Table(
    "serial_blocks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", String(100), ForeignKey("projects.project_id"), nullable=False),
    Column("prefix", String(100), nullable=False),
    Column("first", BigInteger, nullable=False),
    Column("last", BigInteger, nullable=False),
    Column("width", Integer, nullable=False),
    UniqueConstraint("prefix", "first", name="serial_block_once"),
    CheckConstraint("first >= 0 AND last >= first", name="block_order"),
)

allocations = Table(
    "allocations",
    metadata,
    Column("kiosk_id", String(64), ForeignKey("kiosks.kiosk_id"), nullable=False),
    Column("project_id", String(100), ForeignKey("projects.project_id"), nullable=False),
    Column("granted_g", BigInteger, nullable=False),
    PrimaryKeyConstraint("kiosk_id", "project_id"),
    CheckConstraint("granted_g >= 0", name="granted_positive"),
)

retirements = Table(
    "retirements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", String(100), ForeignKey("projects.project_id"), nullable=False),
    Column("tonnes", BigInteger, nullable=False),
    Column("serial_first", String(120), nullable=False),
    Column("serial_last", String(120), nullable=False),
    Column("from_g", BigInteger, nullable=False),  # the project's retired grams [from_g, to_g)
    Column("to_g", BigInteger, nullable=False),
    Column("retired_at", String(32), nullable=False),
)

purchases = Table(
    "purchases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # order of arrival
    Column("order_id", String(64), nullable=False),  # unique per kiosk (another may reuse it)
    Column("kiosk_id", String(64), ForeignKey("kiosks.kiosk_id"), nullable=False),
    Column("serial", BigInteger, nullable=False),
    Column("cert_id", String(80), nullable=False, unique=True),  # upper case
    Column("project_id", String(100), ForeignKey("projects.project_id"), nullable=False),
    Column("offset_g", BigInteger, nullable=False),
    Column("footprint_g", BigInteger, nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("nickname", String(100), nullable=False),
    Column("venue", String(100), nullable=False),
    Column("day", String(10), nullable=False),
    Column("paid_at", String(40), nullable=False),
    Column("payload", Text, nullable=False),
    Column("payload_hash", String(64), nullable=False),
    Column("received_at", String(32), nullable=False),
    Column("filed_late", Boolean, nullable=False, server_default="0"),
    Column("voided_at", String(40)),
    Column("void_reason", Text),
    Column("retirement_id", Integer, ForeignKey("retirements.id")),
    Column("pos_from", BigInteger),  # its grams in the project's retired sequence
    Column("pos_to", BigInteger),
    # issue 18: a company's purchase (an invoice request is queued for it), and the event
    Column("company_name", String(100), nullable=False, server_default=""),
    Column("company_code", String(18), nullable=False, server_default=""),
    Column("invoice_email", String(120), nullable=False, server_default=""),
    Column("event_id", String(64), nullable=False, server_default=""),
    Column("for_event", Boolean, nullable=False, server_default="0"),  # the organiser's own
    # how it was paid: cash, card or mobile at a kiosk's till, phone in the phone flow
    Column("channel", String(16), nullable=False, server_default="cash"),
    UniqueConstraint("kiosk_id", "serial", name="serial_once_per_kiosk"),
    UniqueConstraint("kiosk_id", "order_id", name="order_once_per_kiosk"),
    CheckConstraint("offset_g > 0", name="offset_positive"),
    Index("purchases_pending", "project_id", "retirement_id"),
    Index("purchases_event", "event_id"),
    Index("purchases_day", "day", "venue"),
)

# Retire first, then sell (kiosk.credit). Retired blocks are what an operator retired at the
# exchange; only they are granted, whole tonnes by serial, to kiosks (or to the registry's own
# pool, which covers sales made without a range). Every purchase's ranges are kept, refunded
# ones too: a gram range is sold once, ever.
retired_blocks = Table(
    "retired_blocks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", String(100), ForeignKey("projects.project_id"), nullable=False),
    Column("prefix", String(100), nullable=False),
    Column("first", BigInteger, nullable=False),
    Column("last", BigInteger, nullable=False),
    Column("width", Integer, nullable=False),
    Column("reference", String(200), nullable=False),  # the exchange's retirement record
    Column("beneficiary", String(200), nullable=False),
    Column("retired_at", String(32), nullable=False),
    Column("handed", BigInteger, nullable=False, server_default="0"),  # serials granted, in order
    UniqueConstraint("prefix", "first", name="retired_block_once"),
    CheckConstraint("first >= 0 AND last >= first", name="retired_block_order"),
    CheckConstraint("handed >= 0 AND handed <= last - first + 1", name="handed_within_block"),
)

grants = Table(
    "grants",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", String(100), ForeignKey("projects.project_id"), nullable=False),
    Column("kiosk_id", String(64), ForeignKey("kiosks.kiosk_id")),  # NULL: the registry's pool
    Column("block_id", Integer, ForeignKey("retired_blocks.id"), nullable=False),
    Column("first", BigInteger, nullable=False),  # serial numbers, in the block's prefix
    Column("last", BigInteger, nullable=False),
    Column("start_g", BigInteger, nullable=False),  # where it starts in the holder's sequence
    Column("granted_at", String(32), nullable=False),
    CheckConstraint("first >= 0 AND last >= first AND start_g >= 0", name="grant_order"),
    Index("grants_holder", "project_id", "kiosk_id"),
)

purchase_ranges = Table(
    "purchase_ranges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("purchase_id", Integer, ForeignKey("purchases.id"), nullable=False),
    Column("grant_id", Integer, ForeignKey("grants.id"), nullable=False),
    Column("number", BigInteger, nullable=False),  # the serial's number
    Column("from_g", BigInteger, nullable=False),  # grams [from_g, to_g) of its tonne
    Column("to_g", BigInteger, nullable=False),
    CheckConstraint("from_g >= 0 AND to_g > from_g AND to_g <= 1000000", name="range_in_tonne"),
    Index("ranges_serial", "grant_id", "number"),
    Index("ranges_purchase", "purchase_id"),
)

push_rejects = Table(  # records refused, for the operator (`registry rejects`)
    "push_rejects",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kiosk_id", String(64), nullable=False),
    Column("order_id", String(64), nullable=False),
    Column("event", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String(32), nullable=False),
    Index("push_rejects_kiosk", "kiosk_id", "id"),
)

closed_days = Table(
    "closed_days",
    metadata,
    Column("day", String(10), primary_key=True),
    Column("closed_at", String(32), nullable=False),
)
