"""Settlement, reconciliation and operators: contracts, statements and their lines, payouts,
kiosks' day summaries, operator accounts and their audit; each purchase's channel, each
kiosk's last sync.

Revision ID: 0011_settlement_and_operators
Revises: 0009_retire_first
Created: 2026-12-05

Purchases received before this step take their channel from the payment method in their
stored payload (every kiosk has sent one since 0.1.0). Statements, their lines, payouts,
contracts and both audits are append-only: a trigger refuses UPDATE and DELETE on both
engines, so a closed period stays as it was written even if a bug or a hand at a SQL prompt
tries otherwise.
Frozen once shipped: a later change is a new step.
"""

import json

import sqlalchemy as sa
from alembic import op

APPEND_ONLY = {  # table -> what the refusal says
    "contracts": "a contract change is a new row with its effective date",
    "statements": "a closed statement cannot change",
    "statement_lines": "a closed statement cannot change",
    "payouts": "a recorded payout cannot change",
    "operator_audit": "the audit is append-only",
    "day_summaries": "a received day summary cannot change",
}
METHODS = ("cash", "card", "mobile")
purchases = sa.table("purchases", sa.column("id"), sa.column("payload"), sa.column("channel"))

revision = "0011_settlement_and_operators"
down_revision = "0010_phone_flow"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "operator_audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("project_id", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("operator_audit", schema=None) as batch_op:
        batch_op.create_index("operator_audit_project", ["project_id", "id"], unique=False)

    op.create_table(
        "contracts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("project_id", sa.String(length=100), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("fee_bp", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("effective_from", sa.String(length=10), nullable=False),
        sa.Column("set_at", sa.String(length=32), nullable=False),
        sa.Column("set_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint("period IN ('monthly', 'quarterly')", name="contract_period"),
        sa.CheckConstraint("fee_bp >= 0 AND fee_bp <= 10000", name="fee_within_whole"),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.project_id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.create_index("contracts_project", ["project_id", "effective_from"], unique=False)

    op.create_table(
        "day_summaries",
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("payload_hash", sa.String(length=64), nullable=False),
        sa.Column("closed_at", sa.String(length=40), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["kiosk_id"],
            ["kiosks.kiosk_id"],
        ),
        sa.PrimaryKeyConstraint("kiosk_id", "day", "revision"),
    )
    with op.batch_alter_table("day_summaries", schema=None) as batch_op:
        batch_op.create_index("day_summaries_day", ["day"], unique=False)

    op.create_table(
        "operators",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("project_id", sa.String(length=100), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("failed", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", sa.String(length=32), nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("disabled_at", sa.String(length=32), nullable=True),
        sa.CheckConstraint("(role = 'owner') = (project_id IS NOT NULL)", name="owner_has_project"),
        sa.CheckConstraint("role IN ('operator', 'auditor', 'owner')", name="operator_role"),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.project_id"],
        ),
        sa.PrimaryKeyConstraint("name"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.String(length=100), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("first_day", sa.String(length=10), nullable=False),
        sa.Column("last_day", sa.String(length=10), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("gross_fen", sa.BigInteger(), nullable=False),
        sa.Column("refunds_fen", sa.BigInteger(), nullable=False),
        sa.Column("fee_fen", sa.BigInteger(), nullable=False),
        sa.Column("net_fen", sa.BigInteger(), nullable=False),
        sa.Column("closed_at", sa.String(length=32), nullable=False),
        sa.Column("closed_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint("gross_fen - refunds_fen = net_fen + fee_fen", name="statement_adds_up"),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.project_id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("content_hash"),
        sa.UniqueConstraint("number"),
        sa.UniqueConstraint("prev_hash"),
        sa.UniqueConstraint("project_id", "period", name="statement_once_per_period"),
    )
    op.create_table(
        "payouts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.String(length=10), nullable=False),
        sa.Column("bank_reference", sa.String(length=200), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint("amount_fen > 0", name="payout_positive"),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("statement_id"),
    )
    op.create_table(
        "statement_lines",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("purchase_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.CheckConstraint("kind IN ('sale', 'refund')", name="line_kind"),
        sa.ForeignKeyConstraint(
            ["purchase_id"],
            ["purchases.id"],
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("purchase_id", "kind", name="line_once"),
    )
    with op.batch_alter_table("statement_lines", schema=None) as batch_op:
        batch_op.create_index("statement_lines_statement", ["statement_id"], unique=False)

    with op.batch_alter_table("kiosks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_sync_at", sa.String(length=32), nullable=True))

    with op.batch_alter_table("purchases", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("channel", sa.String(length=16), server_default="cash", nullable=False)
        )

    _channels_from_payloads()
    _append_only()


def _channels_from_payloads() -> None:
    conn = op.get_bind()
    last = 0
    while True:
        rows = conn.execute(
            sa.select(purchases.c.id, purchases.c.payload)
            .where(purchases.c.id > last)
            .order_by(purchases.c.id)
            .limit(1000)
        ).all()
        if not rows:
            return
        for row in rows:
            try:
                method = json.loads(row.payload).get("payment_method")
            except (ValueError, AttributeError):
                method = None
            if method in METHODS and method != "cash":
                conn.execute(
                    sa.update(purchases).where(purchases.c.id == row.id).values(channel=method)
                )
        last = rows[-1].id


def _append_only() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION diandian_append_only() RETURNS trigger LANGUAGE plpgsql AS $$"
            " BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$"
        )
        for table, words in APPEND_ONLY.items():
            op.execute(
                f"CREATE TRIGGER {table}_fixed BEFORE UPDATE OR DELETE ON {table}"
                f" FOR EACH ROW EXECUTE FUNCTION diandian_append_only('{words}')"
            )
        return
    for table, words in APPEND_ONLY.items():
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table}"
                f" BEGIN SELECT RAISE(ABORT, '{words}'); END"
            )


def _drop_append_only() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in APPEND_ONLY:
        if postgresql:
            op.execute(f"DROP TRIGGER {table}_fixed ON {table}")
        else:
            op.execute(f"DROP TRIGGER {table}_no_update")
            op.execute(f"DROP TRIGGER {table}_no_delete")
    if postgresql:
        op.execute("DROP FUNCTION diandian_append_only()")


def downgrade() -> None:
    _drop_append_only()
    with op.batch_alter_table("purchases", schema=None) as batch_op:
        batch_op.drop_column("channel")

    with op.batch_alter_table("kiosks", schema=None) as batch_op:
        batch_op.drop_column("last_sync_at")

    with op.batch_alter_table("statement_lines", schema=None) as batch_op:
        batch_op.drop_index("statement_lines_statement")

    op.drop_table("statement_lines")
    op.drop_table("payouts")
    op.drop_table("statements")
    op.drop_table("operators")
    with op.batch_alter_table("day_summaries", schema=None) as batch_op:
        batch_op.drop_index("day_summaries_day")

    op.drop_table("day_summaries")
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.drop_index("contracts_project")

    op.drop_table("contracts")
    with op.batch_alter_table("operator_audit", schema=None) as batch_op:
        batch_op.drop_index("operator_audit_project")

    op.drop_table("operator_audit")
