"""The registry's tables (SQLAlchemy Core), one MetaData for SQLite and PostgreSQL alike.

Mass is integer grams (BigInteger: a project's stock in grams passes 2**31 at 2,148 t), money
integer fen, times ISO-8601 UTC text, so both engines compare and sort them the same way.
The schema changes only through a new step in `sync/registry/migrations/versions/` (see
that package); a test fails when these modules and the steps disagree.
CHECK constraints keep the credit arithmetic true even if a bug slipped past the storage code:
a project can never have more granted than its stock, nor more retired than its serials.

One module per area, all on the one `metadata` (core.py, with the core tables: kiosks,
credits, purchases), then phone.py, events.py, settlement.py, operators.py. Import the tables
from here.
"""

from __future__ import annotations

from .core import (
    allocations,
    batches,
    closed_days,
    enrol_tokens,
    grants,
    kiosks,
    metadata,
    nonces,
    projects,
    purchase_ranges,
    purchases,
    push_rejects,
    retired_blocks,
    retirements,
    serial_blocks,
    settings,
)
from .events import (
    events,
    invoice_requests,
)
from .operators import (
    operator_audit,
    operators,
)
from .phone import (
    payment_notices,
    phone_orders,
    phone_stock,
    rate_hits,
    sim_payments,
    venues,
)
from .settlement import (
    contracts,
    day_summaries,
    payouts,
    statement_lines,
    statements,
)

__all__ = [
    "allocations",
    "batches",
    "closed_days",
    "contracts",
    "day_summaries",
    "enrol_tokens",
    "events",
    "grants",
    "invoice_requests",
    "kiosks",
    "metadata",
    "nonces",
    "operator_audit",
    "operators",
    "payment_notices",
    "payouts",
    "phone_orders",
    "phone_stock",
    "projects",
    "purchase_ranges",
    "purchases",
    "push_rejects",
    "rate_hits",
    "retired_blocks",
    "retirements",
    "serial_blocks",
    "settings",
    "sim_payments",
    "statement_lines",
    "statements",
    "venues",
]
