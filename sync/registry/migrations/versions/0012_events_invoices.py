"""Events at venues, companies on purchases and their invoice requests (issue 18).

Revision ID: 0012_events_invoices
Revises: 0009_retire_first
Created: 2026-12-05

Numbered 12 as reserved for issue 18; the integrator rechains steps other branches add;
alembic orders steps by `down_revision`, not by file name. Purchases made before it are no
company's and count towards no event (the columns' defaults).
Frozen once shipped: a later change is a new step.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_events_invoices"
down_revision = "0011_settlement_and_operators"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column("venue", sa.String(length=100), nullable=False),
        sa.Column("name_zh", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_fr", sa.String(length=200), nullable=False),
        sa.Column("starts_on", sa.String(length=10), nullable=False),
        sa.Column("ends_on", sa.String(length=10), nullable=False),
        sa.Column("attendees", sa.BigInteger(), nullable=False),
        sa.Column("organiser", sa.String(length=200), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("footprint_g", sa.BigInteger(), nullable=False),
        sa.Column("factors_version", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.CheckConstraint("ends_on >= starts_on", name="event_dates_in_order"),
        sa.CheckConstraint("footprint_g >= 0 AND attendees > 0", name="event_figures"),
        sa.PrimaryKeyConstraint("event_id"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("events_venue", ["venue", "starts_on"], unique=False)

    op.create_table(
        "invoice_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("purchase_id", sa.Integer(), nullable=False),
        sa.Column("company_name", sa.String(length=100), nullable=False),
        sa.Column("company_code", sa.String(length=18), nullable=False),
        sa.Column("invoice_email", sa.String(length=120), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("serials", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="requested", nullable=False),
        sa.Column("invoice_number", sa.String(length=64), nullable=True),
        sa.Column("refused_reason", sa.Text(), nullable=True),
        sa.Column("requested_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.Column("refunded_at", sa.String(length=40), nullable=True),
        sa.Column("credit_note", sa.String(length=16), server_default="", nullable=False),
        sa.Column("credit_note_number", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "(status = 'issued') = (invoice_number IS NOT NULL)", name="issued_has_number"
        ),
        sa.CheckConstraint("credit_note IN ('', 'needed', 'issued')", name="credit_note_known"),
        sa.CheckConstraint(
            "status IN ('requested', 'issued', 'refused')", name="invoice_status_known"
        ),
        sa.ForeignKeyConstraint(
            ["purchase_id"],
            ["purchases.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("purchase_id"),
    )
    with op.batch_alter_table("invoice_requests", schema=None) as batch_op:
        batch_op.create_index("invoice_requests_status", ["status", "id"], unique=False)

    with op.batch_alter_table("purchases", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("company_name", sa.String(length=100), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("company_code", sa.String(length=18), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("invoice_email", sa.String(length=120), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("event_id", sa.String(length=64), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("for_event", sa.Boolean(), server_default="0", nullable=False)
        )
        batch_op.create_index("purchases_event", ["event_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("purchases", schema=None) as batch_op:
        batch_op.drop_index("purchases_event")
        batch_op.drop_column("for_event")
        batch_op.drop_column("event_id")
        batch_op.drop_column("invoice_email")
        batch_op.drop_column("company_code")
        batch_op.drop_column("company_name")

    with op.batch_alter_table("invoice_requests", schema=None) as batch_op:
        batch_op.drop_index("invoice_requests_status")

    op.drop_table("invoice_requests")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("events_venue")

    op.drop_table("events")
