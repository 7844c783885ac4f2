"""Alembic's `alembic_version` records the steps now: 0.1.0's `migrations` table goes.

Revision ID: 0002_alembic_version
Revises: 0001_initial
Frozen once shipped: a later change is a new step.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_alembic_version"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("migrations")


def downgrade() -> None:
    op.create_table(
        "migrations",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("applied_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
