"""The registry's tables (SQLAlchemy Core), one MetaData for SQLite and PostgreSQL alike.

Mass is integer grams (BigInteger: a project's stock in grams passes 2**31 at 2,148 t), money
integer fen, times ISO-8601 UTC text, so both engines compare and sort them the same way.
The schema changes only through a new step in `sync/registry/migrations/versions/` (see
that package); a test fails when this file and the steps disagree.
CHECK constraints keep the credit arithmetic true even if a bug slipped past the storage code:
a project can never have more granted than its stock, nor more retired than its serials.
"""

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

# Operators (sync.registry.operators): the exchange's staff and project owners at /ops and
# the operator API. Passwords and API tokens are kept only as hashes.
operators = Table(
    "operators",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False),  # operator | auditor | owner
    Column("project_id", String(100), ForeignKey("projects.project_id")),  # an owner's
    Column("password_hash", String(200), nullable=False),
    Column("failed", Integer, nullable=False, server_default="0"),
    Column("locked_until", String(32)),
    Column("token_hash", String(64), unique=True),  # SHA-256 of its API token, if it has one
    Column("created_at", String(32), nullable=False),
    Column("disabled_at", String(32)),
    CheckConstraint("role IN ('operator', 'auditor', 'owner')", name="operator_role"),
    CheckConstraint("(role = 'owner') = (project_id IS NOT NULL)", name="owner_has_project"),
)

operator_audit = Table(  # every operator action: who, when, what (append-only)
    "operator_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("actor", String(100), nullable=False),  # an operator's name, or cli:USER
    Column("action", String(40), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("detail", Text, nullable=False),  # JSON
    Column("project_id", String(100)),  # the project it concerns, if one (owners see theirs)
    Index("operator_audit_project", "project_id", "id"),
)
