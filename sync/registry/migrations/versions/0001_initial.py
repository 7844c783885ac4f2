"""The registry as 0.1.0 shipped it (frozen: never edit; a change is a new step).

Revision ID: 0001_initial
Revises:
Written out from 0.1.0's `tables.py`; tests/sync/registry/shipped/0001_*.sql hold the DDL
0.1.0 ran, and a test checks this step builds the same schema on SQLite and PostgreSQL.
`migrations` was the step record of 0.1.0's own runner, dropped by 0002.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "migrations",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("applied_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "enrol_tokens",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("used_at", sa.String(length=32), nullable=True),
        sa.Column("kiosk_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_table(
        "kiosks",
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("venue", sa.String(length=100), server_default="", nullable=False),
        sa.Column("enrolled_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("kiosk_id"),
    )
    op.create_table(
        "nonces",
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("kiosk_id", "nonce"),
    )
    op.create_index("nonces_seen", "nonces", ["seen_at"], unique=False)
    op.create_table(
        "batches",
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("batch_id", sa.String(length=100), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("kiosk_id", "batch_id"),
    )
    op.create_table(
        "projects",
        sa.Column("project_id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("stock_g", sa.BigInteger(), nullable=False),
        sa.Column("allocated_g", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("retired_g", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("covered_g", sa.BigInteger(), server_default="0", nullable=False),
        sa.CheckConstraint(
            "allocated_g >= 0 AND allocated_g <= stock_g", name="allocated_within_stock"
        ),
        sa.CheckConstraint("retired_g >= 0 AND retired_g <= stock_g", name="retired_within_stock"),
        sa.CheckConstraint(
            "covered_g >= 0 AND covered_g <= retired_g", name="covered_within_retired"
        ),
        sa.PrimaryKeyConstraint("project_id"),
    )
    op.create_table(
        "serial_blocks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("project_id", sa.String(length=100), nullable=False),
        sa.Column("prefix", sa.String(length=100), nullable=False),
        sa.Column("first", sa.BigInteger(), nullable=False),
        sa.Column("last", sa.BigInteger(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.CheckConstraint("first >= 0 AND last >= first", name="block_order"),
        sa.ForeignKeyConstraint(["project_id"], ["projects.project_id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("prefix", "first", name="serial_block_once"),
    )
    op.create_table(
        "allocations",
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("project_id", sa.String(length=100), nullable=False),
        sa.Column("granted_g", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("granted_g >= 0", name="granted_positive"),
        sa.ForeignKeyConstraint(["kiosk_id"], ["kiosks.kiosk_id"]),
        sa.ForeignKeyConstraint(["project_id"], ["projects.project_id"]),
        sa.PrimaryKeyConstraint("kiosk_id", "project_id"),
    )
    op.create_table(
        "retirements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("project_id", sa.String(length=100), nullable=False),
        sa.Column("tonnes", sa.BigInteger(), nullable=False),
        sa.Column("serial_first", sa.String(length=120), nullable=False),
        sa.Column("serial_last", sa.String(length=120), nullable=False),
        sa.Column("from_g", sa.BigInteger(), nullable=False),
        sa.Column("to_g", sa.BigInteger(), nullable=False),
        sa.Column("retired_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["projects.project_id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "purchases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("serial", sa.BigInteger(), nullable=False),
        sa.Column("cert_id", sa.String(length=80), nullable=False),
        sa.Column("project_id", sa.String(length=100), nullable=False),
        sa.Column("offset_g", sa.BigInteger(), nullable=False),
        sa.Column("footprint_g", sa.BigInteger(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("nickname", sa.String(length=100), nullable=False),
        sa.Column("venue", sa.String(length=100), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("paid_at", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("payload_hash", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.Column("filed_late", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("voided_at", sa.String(length=40), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.Column("retirement_id", sa.Integer(), nullable=True),
        sa.Column("pos_from", sa.BigInteger(), nullable=True),
        sa.Column("pos_to", sa.BigInteger(), nullable=True),
        sa.CheckConstraint("offset_g > 0", name="offset_positive"),
        sa.ForeignKeyConstraint(["kiosk_id"], ["kiosks.kiosk_id"]),
        sa.ForeignKeyConstraint(["project_id"], ["projects.project_id"]),
        sa.ForeignKeyConstraint(["retirement_id"], ["retirements.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("order_id"),
        sa.UniqueConstraint("cert_id"),
        sa.UniqueConstraint("kiosk_id", "serial", name="serial_once_per_kiosk"),
    )
    op.create_index("purchases_pending", "purchases", ["project_id", "retirement_id"])
    op.create_index("purchases_day", "purchases", ["day", "venue"])
    op.create_table(
        "closed_days",
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("closed_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("day"),
    )


def downgrade() -> None:
    for table in (
        "closed_days",
        "purchases",
        "retirements",
        "allocations",
        "serial_blocks",
        "projects",
        "batches",
        "nonces",
        "kiosks",
        "enrol_tokens",
        "settings",
        "migrations",
    ):
        op.drop_table(table)
