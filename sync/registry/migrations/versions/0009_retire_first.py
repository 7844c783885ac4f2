"""Retire first, then sell: retired blocks, grants by serial, purchases' gram ranges, rejects.

Revision ID: 0009_retire_first
Revises: 0008_enrol_tokens_expire
Frozen once shipped: a later change is a new step.
Existing rows need nothing: a purchase received before this step has no range, so it stays
"retirement pending" (or keeps the retirement the old retire-after-sale path gave it) until
`registry retire-blocks` covers it from the project's pool (`projects.cover_g`).
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_retire_first"
down_revision = "0008_enrol_tokens_expire"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "push_rejects",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("event", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("push_rejects", schema=None) as batch_op:
        batch_op.create_index("push_rejects_kiosk", ["kiosk_id", "id"], unique=False)

    op.create_table(
        "retired_blocks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("project_id", sa.String(length=100), nullable=False),
        sa.Column("prefix", sa.String(length=100), nullable=False),
        sa.Column("first", sa.BigInteger(), nullable=False),
        sa.Column("last", sa.BigInteger(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("beneficiary", sa.String(length=200), nullable=False),
        sa.Column("retired_at", sa.String(length=32), nullable=False),
        sa.Column("handed", sa.BigInteger(), server_default="0", nullable=False),
        sa.CheckConstraint("first >= 0 AND last >= first", name="retired_block_order"),
        sa.CheckConstraint(
            "handed >= 0 AND handed <= last - first + 1", name="handed_within_block"
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.project_id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("prefix", "first", name="retired_block_once"),
    )
    op.create_table(
        "grants",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("project_id", sa.String(length=100), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=True),
        sa.Column("block_id", sa.Integer(), nullable=False),
        sa.Column("first", sa.BigInteger(), nullable=False),
        sa.Column("last", sa.BigInteger(), nullable=False),
        sa.Column("start_g", sa.BigInteger(), nullable=False),
        sa.Column("granted_at", sa.String(length=32), nullable=False),
        sa.CheckConstraint("first >= 0 AND last >= first AND start_g >= 0", name="grant_order"),
        sa.ForeignKeyConstraint(
            ["block_id"],
            ["retired_blocks.id"],
        ),
        sa.ForeignKeyConstraint(
            ["kiosk_id"],
            ["kiosks.kiosk_id"],
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.project_id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("grants", schema=None) as batch_op:
        batch_op.create_index("grants_holder", ["project_id", "kiosk_id"], unique=False)

    op.create_table(
        "purchase_ranges",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("purchase_id", sa.Integer(), nullable=False),
        sa.Column("grant_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.Column("from_g", sa.BigInteger(), nullable=False),
        sa.Column("to_g", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(
            "from_g >= 0 AND to_g > from_g AND to_g <= 1000000", name="range_in_tonne"
        ),
        sa.ForeignKeyConstraint(
            ["grant_id"],
            ["grants.id"],
        ),
        sa.ForeignKeyConstraint(
            ["purchase_id"],
            ["purchases.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("purchase_ranges", schema=None) as batch_op:
        batch_op.create_index("ranges_purchase", ["purchase_id"], unique=False)
        batch_op.create_index("ranges_serial", ["grant_id", "number"], unique=False)

    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("cover_g", sa.BigInteger(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_column("cover_g")

    with op.batch_alter_table("purchase_ranges", schema=None) as batch_op:
        batch_op.drop_index("ranges_serial")
        batch_op.drop_index("ranges_purchase")

    op.drop_table("purchase_ranges")
    with op.batch_alter_table("grants", schema=None) as batch_op:
        batch_op.drop_index("grants_holder")

    op.drop_table("grants")
    op.drop_table("retired_blocks")
    with op.batch_alter_table("push_rejects", schema=None) as batch_op:
        batch_op.drop_index("push_rejects_kiosk")

    op.drop_table("push_rejects")
