"""Kiosk ids in one case: a kiosk whose id differs only in case from another's is suspended.

Revision ID: 0006_kiosk_ids_one_case
Revises: 0002_alembic_version
Created: 2026-12-05

Kiosks make their ids in upper case, and certificate ids are looked up in upper case, but
registries before this step enrolled any id as given: `ksh7erp3he` enrolled beside
`KSH7ERP3HE` could push serials 1, 2, ... and take the certificate ids of the genuine kiosk.
From now on only upper-case ids are enrolled. For ids enrolled before, in each group that
differs only in case, every id not in upper case (where none is, every one but the first
enrolled) is suspended with the reason: it can no longer sign requests, `registry stats`
lists it, and its purchases keep certificate ids in its own case, which no (upper-case) lookup
finds, so the genuine kiosk's certificates and pushes are its own again. Nothing is deleted.
Frozen once shipped: a later change is a new step.
"""

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0006_kiosk_ids_one_case"
down_revision = "0002_alembic_version"
branch_labels = None
depends_on = None

kiosks = sa.table("kiosks", sa.column("kiosk_id"), sa.column("enrolled_at"), sa.column("suspended"))
purchases = sa.table("purchases", sa.column("id"), sa.column("kiosk_id"), sa.column("serial"),
                     sa.column("cert_id"))  # fmt: skip


def upgrade() -> None:
    with op.batch_alter_table("kiosks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("suspended", sa.String(length=300), nullable=True))
    conn = op.get_bind()
    groups = defaultdict(list)
    for row in conn.execute(sa.select(kiosks.c.kiosk_id, kiosks.c.enrolled_at)):
        groups[row.kiosk_id.upper()].append(row)
    for upper, members in groups.items():
        if len(members) < 2:
            continue
        ids = [m.kiosk_id for m in members]
        keep = upper if upper in ids else min(members, key=lambda m: (m.enrolled_at, m.kiosk_id))[0]
        for kiosk_id in ids:
            if kiosk_id == keep:
                continue
            reason = f"its id differs only in case from kiosk {keep} (registry step 0006)"
            conn.execute(
                sa.update(kiosks).where(kiosks.c.kiosk_id == kiosk_id).values(suspended=reason)
            )
            owned = conn.execute(
                sa.select(purchases.c.id, purchases.c.serial).where(
                    purchases.c.kiosk_id == kiosk_id
                )
            ).all()
            for row in owned:
                conn.execute(
                    sa.update(purchases)
                    .where(purchases.c.id == row.id)
                    .values(cert_id=f"{kiosk_id}-{row.serial:06d}")
                )


def downgrade() -> None:
    with op.batch_alter_table("kiosks", schema=None) as batch_op:
        batch_op.drop_column("suspended")
