"""Each venue phone issuer's free grams per project, one row a pair (issue 16): an order
takes its grams with one conditional UPDATE instead of summing the ledger under a lock.

Revision ID: 0014_phone_stock
Revises: 0013_phone_refunds_done
Created: 2026-12-06

No rows are written here. A row's value is the stock rule's (kiosk `grams_left`) over the
ledger tables, which lives in the application, not in a frozen migration; the first order of
each (issuer, project) pair makes its row from the tables under the row's lock
(`phone.stock.recount`, which an order that finds too little runs anyway), so a registry
upgraded with phone orders open, paid or expired starts from exactly what its tables hold.
Frozen once shipped: a later change is a new step.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_phone_stock"
down_revision = "0013_phone_refunds_done"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "phone_stock",
        sa.Column("issuer_id", sa.String(length=64), nullable=False),
        sa.Column("project_id", sa.String(length=100), nullable=False),
        sa.Column("free_g", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("free_g >= 0", name="phone_stock_not_negative"),
        sa.ForeignKeyConstraint(["issuer_id"], ["kiosks.kiosk_id"]),
        sa.ForeignKeyConstraint(["project_id"], ["projects.project_id"]),
        sa.PrimaryKeyConstraint("issuer_id", "project_id"),
    )


def downgrade() -> None:
    op.drop_table("phone_stock")
