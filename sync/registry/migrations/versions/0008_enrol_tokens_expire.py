"""Enrolment tokens expire and can be revoked.

Revision ID: 0008_enrol_tokens_expire
Revises: 0007_orders_keyed_by_kiosk
Created: 2026-12-05

Before, a token was good until used: one printed in 2020 enrolled a kiosk years later. Every
token made before this step gets the default lifetime (7 days) from its creation, so an old
unused one is expired now; one whose creation time cannot be read expires at once.
Frozen once shipped: a later change is a new step.
"""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0008_enrol_tokens_expire"
down_revision = "0007_orders_keyed_by_kiosk"
branch_labels = None
depends_on = None

LIFETIME = timedelta(days=7)
tokens = sa.table(
    "enrol_tokens", sa.column("token_hash"), sa.column("created_at"), sa.column("expires_at")
)


def _expiry(created_at: str) -> str:
    try:
        made = datetime.fromisoformat(created_at)
    except (TypeError, ValueError):
        return "1970-01-01T00:00:00.000Z"
    made = made.replace(tzinfo=UTC) if made.tzinfo is None else made.astimezone(UTC)
    return (made + LIFETIME).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def upgrade() -> None:
    with op.batch_alter_table("enrol_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("revoked_at", sa.String(length=32), nullable=True))
    conn = op.get_bind()
    for row in conn.execute(sa.select(tokens.c.token_hash, tokens.c.created_at)).all():
        conn.execute(
            sa.update(tokens)
            .where(tokens.c.token_hash == row.token_hash)
            .values(expires_at=_expiry(row.created_at))
        )


def downgrade() -> None:
    with op.batch_alter_table("enrol_tokens", schema=None) as batch_op:
        batch_op.drop_column("revoked_at")
        batch_op.drop_column("expires_at")
