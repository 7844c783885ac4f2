"""A phone order's refund recorded as done (issue 16): the provider's refund reference, when
and by which operator (`diandian registry phone-refund-done`).

Revision ID: 0013_phone_refunds_done
Revises: 0012_events_invoices
Created: 2026-12-05

Orders refunded before it have none: there were none (the command did not exist).
Frozen once shipped: a later change is a new step.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_phone_refunds_done"
down_revision = "0012_events_invoices"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("phone_orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("refund_ref", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("refunded_at", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("refunded_by", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("phone_orders", schema=None) as batch_op:
        batch_op.drop_column("refunded_by")
        batch_op.drop_column("refunded_at")
        batch_op.drop_column("refund_ref")
