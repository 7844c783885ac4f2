"""The phone flow: the registry's venues, phone orders, payment notices, the simulated
provider's book, rate-limit counters, and a role for each kiosk row.

Revision ID: 0010_phone_flow
Revises: 0009_retire_first
Created: 2026-12-05

Every kiosk enrolled before is a kiosk (`role` defaults to "kiosk"); the registry's own
issuers for phone-flow certificates are added as venues are served.
Frozen once shipped: a later change is a new step.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_phone_flow"
down_revision = "0009_retire_first"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payment_notices",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("provider", sa.String(length=32), nullable=False),
        sa.Column("notice_id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=40), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=True),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("payment_notices", schema=None) as batch_op:
        batch_op.create_index("payment_notices_order", ["order_id"], unique=False)

    op.create_table(
        "rate_hits",
        sa.Column("bucket", sa.String(length=200), nullable=False),
        sa.Column("window_start", sa.BigInteger(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("bucket"),
    )
    op.create_table(
        "sim_payments",
        sa.Column("payment_id", sa.String(length=40), nullable=False),
        sa.Column("order_id", sa.String(length=40), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("description", sa.String(length=127), nullable=False),
        sa.Column("notify_url", sa.String(length=255), nullable=False),
        sa.Column("return_url", sa.String(length=255), nullable=False),
        sa.Column("expires_at", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("transaction_id", sa.String(length=40), nullable=True),
        sa.Column("paid_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("payment_id"),
        sa.UniqueConstraint("order_id"),
    )
    op.create_table(
        "venues",
        sa.Column("venue_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("venue_id"),
    )
    op.create_table(
        "phone_orders",
        sa.Column("order_id", sa.String(length=40), nullable=False),
        sa.Column("visit", sa.String(length=40), nullable=False),
        sa.Column("attempt", sa.String(length=40), nullable=False),
        sa.Column("venue_id", sa.String(length=64), nullable=False),
        sa.Column("issuer_id", sa.String(length=64), nullable=False),
        sa.Column("project_id", sa.String(length=100), nullable=False),
        sa.Column("draft", sa.Text(), nullable=False),
        sa.Column("offset_g", sa.BigInteger(), nullable=False),
        sa.Column("price_fen_per_t", sa.BigInteger(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("provider", sa.String(length=32), nullable=False),
        sa.Column("provider_ref", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.String(length=32), nullable=False),
        sa.Column("paid_at", sa.String(length=32), nullable=True),
        sa.Column("closed_reason", sa.String(length=40), nullable=True),
        sa.Column("purchase_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("offset_g > 0 AND amount_fen > 0", name="phone_order_positive"),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["kiosks.kiosk_id"],
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.project_id"],
        ),
        sa.ForeignKeyConstraint(
            ["purchase_id"],
            ["purchases.id"],
        ),
        sa.PrimaryKeyConstraint("order_id"),
        sa.UniqueConstraint("visit", "attempt", name="phone_order_once"),
    )
    with op.batch_alter_table("phone_orders", schema=None) as batch_op:
        batch_op.create_index(
            "phone_orders_held", ["issuer_id", "project_id", "status"], unique=False
        )

    with op.batch_alter_table("kiosks", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("role", sa.String(length=16), server_default="kiosk", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("kiosks", schema=None) as batch_op:
        batch_op.drop_column("role")

    with op.batch_alter_table("phone_orders", schema=None) as batch_op:
        batch_op.drop_index("phone_orders_held")

    op.drop_table("phone_orders")
    op.drop_table("venues")
    op.drop_table("sim_payments")
    op.drop_table("rate_hits")
    with op.batch_alter_table("payment_notices", schema=None) as batch_op:
        batch_op.drop_index("payment_notices_order")

    op.drop_table("payment_notices")
